"""The chronology rules (E101-W112): every rule with its exact message, and their edges.

Data-driven like test_diagnostics: each tests/data/rules/NAME.toml has NAME.expected,
the exact stdout of `timeline check NAME.toml` run from that folder. docs/rules.md
shows each code with one of these files; the tests check that they agree.
"""

from __future__ import annotations

import pathlib
import re
import time

import attrs
import pytest

import timeline
from timeline import Event, Source, Timeline
from timeline.dates.calendar import add_calendar
from timeline.dates.edtf import parse
from timeline.dates.format import (
    describe_duration,
    gap_words,
    max_gap_parts,
    show,
)
from timeline.rules import CODES
from timeline.rules.gaps import Gap, find_gaps
from timeline.storage.positions import Positions, locate

ROOT = pathlib.Path(__file__).parent.parent
DATA = pathlib.Path(__file__).parent / "data" / "rules"
CASES = sorted(path.stem for path in DATA.glob("*.toml"))
DOCS = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
SOURCES = {"s": Source("s", "S"), "t": Source("t", "T")}


def test_every_code_has_a_fixture_and_a_section_in_the_docs() -> None:
    assert all((DATA / f"{name}.expected").exists() for name in CASES)
    expected = "".join((DATA / f"{name}.expected").read_text(encoding="utf-8") for name in CASES)
    for code in CODES:
        assert f"[{code}]:" in expected, f"no fixture triggers {code}"
        assert re.search(rf"^## {code}\b", DOCS, re.MULTILINE), f"{code} is not in docs/rules.md"
    assert set(re.findall(r"^## ([EWN]\d{3})\b", DOCS, re.MULTILINE)) == set(CODES)


def test_the_docs_quote_the_fixtures_exactly() -> None:
    """Each example of docs/rules.md is a fixture, with its output as printed."""
    quoted = [name for name in CASES if name[:4] in CODES] + ["rules-configured"]
    for name in quoted:
        toml = (DATA / f"{name}.toml").read_text(encoding="utf-8")
        output = (DATA / f"{name}.expected").read_text(encoding="utf-8")
        assert toml in DOCS, f"docs/rules.md does not show {name}.toml"
        assert output in DOCS, f"docs/rules.md does not show the output of {name}.toml"


def test_the_bundled_chronology_is_clean() -> None:
    text = (ROOT / "events.toml").read_text(encoding="utf-8")
    assert timeline.loads(text, name="events.toml").validate() == []


# Helpers -------------------------------------------------------------------


def event(id: str, date: str, **fields: object) -> Event:
    if "/" in date and not date.startswith(".."):  # start/end fields (an open start cannot be)
        start, end = date.split("/")
        fields.update(start=start, end=end or None)
    else:
        fields["date"] = date
    fields.setdefault("certainty", "probable")
    fields.setdefault("sources", ["s"])
    certainty, sources = fields.pop("certainty"), fields.pop("sources")
    return Event(id, fields.pop("title", id.upper()), certainty, sources, **fields)  # type: ignore[arg-type]


def messages(*events: Event, **settings: object) -> list[str]:
    """The findings about `events`, as 'CODE: message' (sources: the ones they cite)."""
    cited = {key: SOURCES[key] for e in events for key in e.source_keys if key in SOURCES}
    built = Timeline(events=events, sources=settings.pop("sources", cited), **settings)  # type: ignore[arg-type]
    return [f"{d.code}: {d.message}" for d in built.validate()]


def relation(a: str, b: str, field: str = "after") -> list[str]:
    return messages(event("b", b), event("a", a, **{field: ["b"]}), order="any")


# Formatting ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2022", "2022"), ("2020-12", "Dec 2020"), ("2026-01-05", "5 Jan 2026"),
        ("2026-01~", "~Jan 2026"), ("2025?", "2025?"), ("2025%", "~2025?"),
        ("2001-21", "spring 2001"), ("2001-24", "winter 2001"), ("201X", "2010s"),
        ("19XX", "1900–1999"), ("1XXX", "1000–1999"), ("-0043", "44 BCE"), ("0000", "1 BCE"),
        ("2023/..", "2023 → …"), ("../2020-01", "… → Jan 2020"), ("2023/", "2023 → ?"),
        ("1985-04-12T23:20:30", "12 Apr 1985 23:20:30"),
        ("1985-04-12T23:20:00Z", "12 Apr 1985 23:20 UTC"),
        ("1985-04-12T01:00:00+04:00", "12 Apr 1985 01:00 UTC+04:00"), ("Y170000002", "170000002"),
    ],
)  # fmt: skip
def test_dates_are_shown_at_their_own_precision(text: str, shown: str) -> None:
    assert show(parse(text)) == shown


def lower(text: str) -> int:
    date = parse(text)
    assert isinstance(date, timeline.EdtfDate)
    return date.lower


def test_months_are_added_on_the_calendar() -> None:
    jan_31 = lower("2021-01-31")
    assert add_calendar(jan_31, (1, 0, 0)) == lower("2021-02-28")
    assert add_calendar(lower("2020-01-31"), (1, 0, 0)) == lower("2020-02-29")
    assert add_calendar(jan_31, (13, 1, 3600)) == lower("2022-03-01") + 3600
    assert gap_words(lower("2021"), lower("2022-02")) == "1 year 1 month"
    assert gap_words(jan_31, lower("2021-03-01")) == "1 month 1 day"
    assert gap_words(0, 90061) == "1 day 1 hour 1 minute 1 second"


@pytest.mark.parametrize(
    ("iso", "words", "parts"),
    [
        ("P18M", "18 months", (18, 0, 0)), ("P1Y6M", "1 year 6 months", (18, 0, 0)),
        ("P2W", "2 weeks", (0, 14, 0)), ("PT36H", "36 hours", (0, 0, 129600)),
        ("P10D", "10 days", (0, 10, 0)),  # as written (P0D is refused: E017)
    ],
)  # fmt: skip
def test_max_gap_in_words_and_parts(iso: str, words: str, parts: tuple[int, int, int]) -> None:
    duration = Timeline(max_gap=iso).max_gap_duration
    assert duration is not None
    assert describe_duration(duration) == words
    assert max_gap_parts(duration) == parts


# E101, W101 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "code"),
    [
        ("2023-05/2023-03", "E101"), ("2023-05/2023-04-30", "E101"), ("2023/2022", "E101"),
        ("2023/2023-03?", "W101"), ("2023-03-10/2023-03", "W101"), ("2023-03/2023-03-15", "W101"),
        ("2023/2023", None), ("2023-03-10/2023-03-10", None), ("2023/2023-12", None),
        ("2023-03/2023-04", None), ("2023/", None), ("2023/..", None),
    ],
)  # fmt: skip
def test_interval_sanity(dates: str, code: str | None) -> None:
    found = messages(event("x", dates))
    assert [m[:4] for m in found] == ([code] if code else [])


# E102, W102: "a after b" compares a's start with b's end -------------------


@pytest.mark.parametrize(
    ("a", "b", "outcome"),
    [
        ("2022", "2021", None), ("2022-01-01", "2021-12-31", None), ("2022", "2022", "W102"),
        ("2021", "2022", "E102"), ("2021-12-31", "2022-01-01", "E102"),
        ("2022", "2022-06", "W102"), ("2022-06", "2022", "W102"),
        # Ranges: a's start against b's end.
        ("2022/2030", "2019/2021", None), ("2022/2030", "2019/2022", "W102"),
        ("2021/2030", "2019/2022", "E102"), ("2019/2030", "2020/2022", "E102"),
        ("2022-06/2030", "2019/2022", "W102"), ("2019-01/2019-06", "2020/2022", "E102"),
        # Open and unknown ends are unbounded: unsettled, unless the other end decides.
        ("2023", "2020/..", "W102"), ("2023", "2020/", "W102"), ("2019", "2020/..", "E102"),
        ("../2019", "2020", "E102"), ("../2023", "2020", "W102"), ("2021/..", "2020", None),
    ],
)  # fmt: skip
def test_after_has_three_outcomes(a: str, b: str, outcome: str | None) -> None:
    assert [m[:4] for m in relation(a, b)] == ([outcome] if outcome else [])


@pytest.mark.parametrize(
    ("a", "b", "outcome"),
    [
        ("2021", "2022", None), ("2022", "2021", "E102"), ("2022", "2022-06", "W102"),
        ("2019/2021", "2022/..", None), ("2019/2022", "2021/..", "E102"), ("2019/", "2022", "W102"),
    ],
)  # fmt: skip
def test_before_compares_the_end_with_the_start(a: str, b: str, outcome: str | None) -> None:
    assert [m[:4] for m in relation(a, b, "before")] == ([outcome] if outcome else [])


@pytest.mark.parametrize(
    ("a", "b", "advice"),
    [
        ("2022", "2022-06", "give 'a' a month or day"),
        ("2022-06", "2022", "give 'b' a month or day"),
        ("2022", "2022", "give 'a' and 'b' a month"),
        ("2022-06", "2022-06", "give 'a' and 'b' a day"),
        ("2022-06", "2022-06-15", "give 'a' a day or time of day"),
        ("2022-06-15", "2022-06-15", "give 'a' and 'b' a time of day"),
        ("2022-21", "2022-04", "give 'a' a month or day"),
        ("201X", "2015", "give 'a' a year or month"),
        ("2022/2030", "2022-06", "give the start of 'a' a month or day"),
        ("2023", "2020/..", "give 'b' an end date"),
        ("../2023", "2020/..", "give 'a' a start date and 'b' an end date"),
        ("2022-06-15T10:00:00", "2022-06-15T10:00:00", "give 'a' and 'b' distinct times"),
    ],
)  # fmt: skip
def test_unsettled_order_says_what_would_settle_it(a: str, b: str, advice: str) -> None:
    (found,) = relation(a, b)
    assert found.endswith(f"the dates do not establish it; {advice} to settle it"), found


def test_relation_diagnostics_point_at_the_item_and_name_both_events() -> None:
    text = (DATA / "W102-not-established.toml").read_text(encoding="utf-8")
    found = timeline.loads(text.replace('after = ["visit"]', 'after = [ "x", "visit" ]')).validate()
    codes = [(d.code, d.line, d.column, d.event_ids) for d in found]
    assert codes[:2] == [("E103", 20, 11, ("contract",)), ("W102", 20, 16, ("contract", "visit"))]


# E104 ----------------------------------------------------------------------


def test_a_long_cycle_is_found_without_recursion_and_reported_once() -> None:
    n = 3000
    events = [event(f"e{i:04d}", "2020", after=[f"e{i - 1:04d}"] if i else []) for i in range(n)]
    events[0] = event("e0000", "2020", after=[f"e{n - 1:04d}"])
    start = time.perf_counter()
    found = messages(*events, rules={"W102": "off"})
    assert time.perf_counter() - start < 10
    assert len(found) == 1
    assert found[0].startswith("E104: relations form a cycle: e0000 → e0001 → e0002 → ")
    assert found[0].endswith(f"→ e{n - 1:04d} → e0000")


def test_cycle_reported_the_same_whatever_the_file_order() -> None:
    a = event("a", "2020", after=["c"], before=["b"])
    b, c = event("b", "2020", before=["c"]), event("c", "2020")
    for order in ((a, b, c), (c, b, a), (b, a, c)):
        found = messages(*order, rules={"W102": "off"}, order="any")
        assert found == ["E104: relations form a cycle: a → b → c → a"]


def test_two_cycles_are_two_diagnostics() -> None:
    found = messages(
        event("a", "2020", after=["b"]), event("b", "2020", after=["a"]),
        event("c", "2021", after=["d"]), event("d", "2021", after=["c"]),
        rules={"W102": "off"},
    )  # fmt: skip
    assert sorted(found) == [
        "E104: relations form a cycle: a → b → a",
        "E104: relations form a cycle: c → d → c",
    ]


# W105 ----------------------------------------------------------------------


def test_file_order_compares_starts() -> None:
    # A range listed after a point it began before is out of order; an open start too.
    assert [m[:4] for m in messages(event("p", "2022"), event("r", "2020/2025"))] == ["W105"]
    assert messages(event("r", "2020/2025"), event("p", "2022")) == []
    assert [m[:4] for m in messages(event("p", "2022"), event("o", "../2021"))] == ["W105"]
    assert messages(event("p", "2022"), event("o", "../2023")) == []
    assert messages(event("y", "2022"), event("m", "2022-01")) == []
    assert messages(event("m", "2022-12"), event("y", "2022")) == []


# W106 ----------------------------------------------------------------------


def gaps(*events: Event, **settings: object) -> list[str]:
    return [m for m in messages(*events, order="any", **settings) if m.startswith("W106")]


def test_gaps_compare_calendar_months() -> None:
    # 31 Jan -> 1 Mar 2021 is 29 days: more than a calendar month (to 28 Feb), less than 30 days.
    found = gaps(event("a", "2021-01-30"), event("b", "2021-03-01"), max_gap="P1M")
    assert found == [
        "W106: no event for at least 1 month 1 day between 'a' (30 Jan 2021) and 'b' (1 Mar 2021);"
        " max_gap is 1 month"
    ]
    assert gaps(event("a", "2021-01-30"), event("b", "2021-03-01"), max_gap="P30D") == []
    # Exactly max_gap is not more than it.
    assert gaps(event("a", "2020"), event("b", "2022"), max_gap="P1Y") == []


def test_gaps_use_the_shortest_possible_length() -> None:
    # "2020?" strictly is 2020, "2022~" is 2022: the stretch 2021 is certainly empty.
    assert len(gaps(event("a", "2020?"), event("b", "2022~"), max_gap="P11M")) == 1
    assert gaps(event("a", "2020?"), event("b", "2022~"), max_gap="P1Y") == []


def test_open_ranges_run_to_as_of_or_to_the_last_event() -> None:
    events = (event("a", "2020/.."), event("b", "2021"), event("c", "2030"))
    assert gaps(*events, max_gap="P2Y") == []  # to the last event's end
    found = gaps(*events, max_gap="P2Y", as_of="2024-12-31")
    assert found == [
        "W106: no event for at least 5 years between 'a' (2020 → …) and 'c' (2030);"
        " max_gap is 2 years ('a' has no end date: it counts until as_of 2024-12-31)"
    ]
    # An open end that begins after as_of counts until its start's latest bound.
    late = (event("a", "2026/.."), event("c", "2030"))
    assert gaps(*late, max_gap="P2Y", as_of="2024-12-31") == [
        "W106: no event for at least 3 years between 'a' (2026 → …) and 'c' (2030);"
        " max_gap is 2 years"
    ]
    # No dates at either end: the note too.
    unknown = (Event("a", "A", "probable", ["s"], date="../.."), event("c", "2030"))
    assert gaps(*unknown, max_gap="P2Y", as_of="2024-12-31") == [
        "W106: no event for at least 5 years between 'a' (… → …) and 'c' (2030);"
        " max_gap is 2 years ('a' has no end date: it counts until as_of 2024-12-31)"
    ]
    # An unknown start runs back as far as needed: no gap before it.
    assert gaps(event("a", "2010"), event("b", "../2020"), max_gap="P1Y") == []


def test_no_gap_rule_without_max_gap() -> None:
    assert gaps(event("a", "1900"), event("b", "2000")) == []


def test_per_lane_gaps_are_reported_once() -> None:
    events = (
        event("a", "2019", lane="x"), event("b", "2020", lane="y"), event("b2", "2021", lane="y"),
        event("c", "2022", lane="x"), event("d", "2025", lane="x"), event("e", "2025"),
    )  # fmt: skip
    found = gaps(*events, max_gap="P1Y", gaps="per-lane")
    assert found == [
        "W106: no event for at least 2 years between 'c' (2022) and 'd' (2025); max_gap is 1 year",
        "W106: no event in lane 'x' for at least 2 years between 'a' (2019) and 'c' (2022);"
        " max_gap is 1 year",
    ]
    assert len(gaps(*events, max_gap="P1Y")) == 1


def test_find_gaps_gives_each_w106_finding_as_data() -> None:
    events = (
        event("a", "2019", lane="x"), event("b", "2020", lane="y"), event("b2", "2021", lane="y"),
        event("c", "2022", lane="x"), event("d", "2025", lane="x"), event("e", "2025"),
    )  # fmt: skip
    chronology = Timeline(events=events, sources=SOURCES, max_gap="P1Y", gaps="per-lane")
    found = find_gaps(chronology)
    year = {y: lower(str(y)) for y in (2023, 2025)}
    assert found[0] == Gap(
        before=3, after=4, before_id="c", after_id="d", start=year[2023], end=year[2025],
        max_gap="P1Y", max_gap_words="1 year", duration="2 years", lane=None, open_end=False,
        message="no event for at least 2 years between 'c' (2022) and 'd' (2025);"
        " max_gap is 1 year",
    )  # fmt: skip
    assert (found[1].before_id, found[1].after_id, found[1].lane) == ("a", "c", "x")
    # The rule reports exactly these (built in code, all at 1:1: in the order found).
    w106 = [d for d in chronology.validate() if d.code == "W106"]
    assert [(d.message, d.event_ids) for d in w106] == [
        (gap.message, (gap.before_id, gap.after_id)) for gap in found
    ]


def test_find_gaps_says_when_an_open_end_counts_until_as_of() -> None:
    events = (event("a", "2020/.."), event("b", "2021"), event("c", "2030"))
    chronology = Timeline(events=events, sources=SOURCES, max_gap="P2Y", as_of="2024-12-31")
    (gap,) = find_gaps(chronology)
    assert (gap.before_id, gap.after_id, gap.open_end) == ("a", "c", True)
    assert gap.start == lower("2025-01-01")
    assert gap.message.endswith("('a' has no end date: it counts until as_of 2024-12-31)")
    assert find_gaps(attrs.evolve(chronology, max_gap=None)) == []
    assert find_gaps(Timeline(max_gap="P1Y")) == []


# Sources, as_of, duplicates -------------------------------------------------


def test_uncorroborated_uses_the_strongest_word_of_the_scale() -> None:
    scale = {"certainty": ["sure", "likely"]}
    assert messages(event("a", "2020", certainty="sure"), **scale) == [
        "W108: 'a' is sure but uncorroborated: its only source is 's'"
    ]
    assert messages(event("a", "2020", certainty="likely"), **scale) == []
    assert messages(event("a", "2020", certainty="sure", sources=["s", "t"]), **scale) == []
    assert messages(event("a", "2020", certainty="sure", sources=["s", "s"]), **scale) == [
        "W108: 'a' is sure but uncorroborated: its only source is 's'"
    ]


def test_via_cycles_count_as_one_original() -> None:
    sources = {"s": Source("s", "S", via="t"), "t": Source("t", "T", via="s")}
    found = messages(event("a", "2020", certainty="confirmed", sources=["s", "t"]), sources=sources)
    assert found == [
        "E110: via chain forms a cycle: s → t → s",
        "W108: 'a' is confirmed but uncorroborated: its sources ('s', 't') all go back to 's'"
        " through via",
    ]


def test_reported_before_needs_every_source_dated() -> None:
    sources = {"s": Source("s", "S", published="2019"), "t": Source("t", "T", published="2020")}
    assert messages(event("a", "2020", sources=["s"]), sources={"s": sources["s"]}) == [
        "W107: 'a' (2020) is reported before it happened: its sources were all published"
        " before it could have begun ('s' 2019)"
    ]
    assert messages(event("a", "2020", sources=["s", "t"]), sources=sources) == []
    undated = {**sources, "u": Source("u", "U")}
    assert messages(event("a", "2020", sources=["s", "u", "t"]), sources=undated) == []
    assert messages(event("a", "../2020", sources=["s", "t"]), sources=sources) == []


def test_as_of_is_about_certain_beginnings() -> None:
    two = {"sources": ["s", "t"], "certainty": "confirmed"}
    assert messages(event("a", "2026-02-01", **two), as_of="2026-02-01") == []
    assert messages(event("a", "2026-02-02", **two), as_of="2026-02-01") == [
        "W111: 'a' (2 Feb 2026) is confirmed but begins after as_of 2026-02-01"
    ]
    assert messages(event("a", "2026-02-02"), as_of="2026-02-01") == []  # probable


def test_duplicates_need_the_same_title_and_overlapping_dates() -> None:
    same = [
        event(f"e{i}", f"{2000 + i // 2}", title=f" The  Title{'' if i % 3 else ' '}")
        for i in range(6)
    ]
    found = messages(*same, order="any")
    assert found == [
        "W112: 'e1' (2000) may duplicate 'e0' (2000): same title and overlapping dates",
        "W112: 'e3' (2001) may duplicate 'e2' (2001): same title and overlapping dates",
        "W112: 'e5' (2002) may duplicate 'e4' (2002): same title and overlapping dates",
    ]
    assert messages(event("a", "2000", title="T"), event("b", "2000", title="T2")) == []


def test_no_rules_when_the_structure_is_broken() -> None:
    broken = event("x", "2023-05/2023-03", sources=["nope"])
    assert messages(broken) == [
        "E021: event 'x' cites 'nope', which is not a source of this chronology"
    ]


def test_no_rules_on_an_empty_chronology() -> None:
    assert messages() == ["W020: the chronology has no events"]


# Positions -----------------------------------------------------------------

TRICKY = '''\
[timeline]
title = "Positions"

[sources.s]
title = "S"

  [[ event ]]  # indented, spaced
id = "a"
"title" = "A"
date = "2020"
certainty = "probable"
sources = ["s"]
after = [
  "z",  # a comment
  'b',
]

[[period]]
title = "between events"
date = "2020"

[[event]]
id = "b"
title = "B"
description = """multi
[[event]]
line"""
date = "2021"
certainty = "probable"
sources = ["s"]
before = ["a", "y"]

[[event]]
id = "c"
title = "C"
date = "2022" # after = ["nothing"]
certainty = "probable"
sources = [ "s" ,"s"]
after = [ "b" , "a", # comment
"x"]

[sources.late]
title = "A table after the last event"
'''


POSITION_CASES = {
    "tricky": TRICKY,
    "tricky-crlf": TRICKY.replace("\n", "\r\n"),
    "tricky-no-multiline": TRICKY.replace('"""multi\n[[event]]\nline"""', '"D"'),
    "events.toml": (ROOT / "events.toml").read_text(encoding="utf-8"),
    **{p.name: p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.toml"))},
}


@pytest.mark.parametrize("text", POSITION_CASES.values(), ids=POSITION_CASES.keys())
def test_fast_positions_agree_with_the_locator(text: str) -> None:
    loaded = timeline.loads(text, name="x.toml")
    fast = Positions(loaded)
    keys = ("id", "title", "date", "start", "end", "certainty", "sources", "lane", "after",
            "before", "missing")  # fmt: skip
    for index in range(len(loaded.events)):
        for key in keys:
            for value in (False, True):
                path: tuple[str | int, ...] = ("event", index, key)
                assert fast.locate(path, value=value) == locate(loaded, path, value=value), path
            for item in range(4):
                path = ("event", index, key, item)
                assert fast.locate(path, value=True) == locate(loaded, path, value=True), path
    for source in [*loaded.sources, "missing"]:
        for key in ("via", "title", "missing"):
            for value in (False, True):
                path = ("sources", source, key)
                assert fast.locate(path, value=value) == locate(loaded, path, value=value), path
                assert fast.locate(path[:2], value=value) == locate(loaded, path[:2], value=value)


def test_timeline_built_in_code_reports_at_the_start() -> None:
    built = Timeline(events=[event("x", "2023-05/2023-03")], sources={"s": SOURCES["s"]})
    (found,) = built.validate()
    assert (found.file, found.line, found.column, found.code) == ("<timeline>", 1, 1, "E101")


def test_the_quick_gap_bound_never_exceeds_a_calendar_month_sum() -> None:
    """_rules_gaps dismisses gaps of at most (28 x months - 3) days without the calendar."""
    first = lower("2019-01-01") // 86400
    for day in range(first, first + 3 * 366):
        for months in (1, 2, 3, 12, 13, 18, 25):
            added = add_calendar(day * 86400, (months, 0, 0)) - day * 86400
            assert added >= (28 * months - 3) * 86400


def test_gaps_name_the_smallest_id_among_events_starting_together() -> None:
    events = (event("a", "2010"), event("z", "2015"), event("m", "2015"), event("b", "2015-06"))
    assert gaps(*events, max_gap="P1Y") == [
        "W106: no event for at least 4 years between 'a' (2010) and 'm' (2015); max_gap is 1 year"
    ]


def test_many_gaps_stay_fast() -> None:
    events = [event(f"e{i}", f"{1000 + 2 * i}") for i in range(3000)]
    start = time.perf_counter()
    assert len(gaps(*events, max_gap="P6M")) == 2999
    assert time.perf_counter() - start < 10


def test_a_chronology_of_open_ranges_only_has_no_gap() -> None:
    assert gaps(event("a", "../.."), event("b", "../.."), max_gap="P1D") == []
