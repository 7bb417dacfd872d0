"""Issue 11, part B: the rules about what citations say (W107 and W108 with citations,
W113, W114, N115) and the chronology as it was known on a day (`Timeline.known_at`).

The exact messages are the fixtures of tests/data/rules (checked by test_rules and
test_diagnostics); these are the edges and the properties.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import Citation, Event, Source, Timeline
from timeline.model.known import AsKnown, sole_support

CLAIMS = st.sampled_from(
    [None, "2020", "2020-06", "2020-06-15", "2021", "2021-11~", "2022-02", "2020/2021",
     "2021/..", "../2020", "2022?", "202X"]
)  # fmt: skip
KEYS = ("s", "t", "u")


def found(*events: Event, **settings: object) -> list[str]:
    sources = settings.pop("sources", {key: Source(key, key.upper()) for key in KEYS})
    rules = {"N109": "off", **settings.pop("rules", {})}  # type: ignore[dict-item]
    built = Timeline(events=events, sources=sources, rules=rules, **settings)  # type: ignore[arg-type]
    return [f"{d.code}: {d.message}" for d in built.validate()]


def cite(key: str, date: str | None = None, **fields: object) -> Citation:
    return Citation(key, date=date, **fields)  # type: ignore[arg-type]


def test_claims_that_overlap_are_not_reported() -> None:
    event = Event("a", "A", "probable", [cite("s", "2022"), cite("t", "2022-03")], date="2022")
    assert found(event) == []


def test_a_claim_with_an_open_end_overlaps_everything_after_its_start() -> None:
    event = Event("a", "A", "probable", [cite("s", "2021/.."), cite("t", "2030")], date="2030")
    assert found(event) == []


def test_three_claims_name_only_those_that_disagree() -> None:
    sources = [cite("s", "2022-02"), cite("t", "2022"), cite("u", "2021-11~")]
    event = Event("a", "A", "probable", sources, date="2021/2022")
    assert found(event) == [
        "W113: sources disagree on the date of 'a': S says Feb 2022, T says 2022, U says ~Nov 2021"
    ]


def test_a_source_is_named_by_its_publisher_else_its_title() -> None:
    sources = {"s": Source("s", "Title S", publisher="Globes"), "t": Source("t", "Title T")}
    event = Event("a", "A", "probable", [cite("s", "2022")], date="2023")
    said = found(event, sources=sources)
    assert said == ["W114: 'a' is dated 2023, but its source Globes says 2022"]
    event = Event("a", "A", "probable", [cite("t", "2022")], date="2023")
    said = found(event, sources=sources)
    assert said == ["W114: 'a' is dated 2023, but its source Title T says 2022"]


def test_a_claim_is_compared_with_the_whole_span_of_a_range() -> None:
    event = Event("a", "A", "probable", [cite("s", "2021")], start="2020", end="2022")
    assert found(event) == []
    event = Event("a", "A", "probable", [cite("s", "2023")], start="2020", end="2022")
    assert found(event) == ["W114: 'a' is dated 2020 → 2022, but its source S says 2023"]


def test_w114_is_still_reported_when_no_agreeing_claim_disagrees_with_it() -> None:
    # 2021/2022 agrees with the event (2022) and with 2021: only the event is at odds.
    sources = [cite("s", "2021/2022"), cite("t", "2021")]
    event = Event("a", "A", "probable", sources, date="2022")
    assert found(event) == ["W114: 'a' is dated 2022, but its source T says 2021"]


def test_w108_weak_evidence_needs_every_citation_weak() -> None:
    sources = {
        "s": Source("s", "S", reliability="E"),
        "t": Source("t", "T", reliability="B"),
        "u": Source("u", "U"),
    }
    mixed = Event("a", "A", "confirmed", ["s", cite("t", credibility=5)], date="2022")
    assert found(mixed, sources=sources) == []
    ungraded = Event("a", "A", "confirmed", ["s", "u"], date="2022")
    assert found(ungraded, sources=sources) == []
    doubtful = Event("a", "A", "confirmed", [cite("s", credibility=4), cite("u", credibility=5)],
                     date="2022")  # fmt: skip
    assert found(doubtful, sources=sources) == [
        "W108: 'a' is confirmed, but its citations have credibility 4 and 5"
    ]
    graded = {
        key: Source(key, key.upper(), reliability=grade)
        for key, grade in zip(KEYS, "DEF", strict=True)
    }
    three = Event("a", "A", "confirmed", list(KEYS), date="2022")
    assert found(three, sources=graded) == [
        "W108: 'a' is confirmed, but its sources are graded D, E and F"
    ]
    probable = Event("a", "A", "probable", list(KEYS), date="2022")
    assert found(probable, sources=graded) == []


def test_n115_is_off_by_default_and_on_with_a_level() -> None:
    sources = {"s": Source("s", "S", url="https://example.org/a")}
    event = Event("a", "A", "probable", ["s"], date="2022")
    assert found(event, sources=sources) == []
    assert found(event, sources=sources, rules={"N115": "off"}) == []
    assert found(event, sources=sources, rules={"N115": "warning"}) == [
        "N115: source 's' has a URL but no archive; links die, so record an archived copy"
        " (archive = ...)"
    ]
    archived = {"s": Source("s", "S", url="https://example.org/a", archive="https://a.example/x")}
    assert found(event, sources=archived, rules={"N115": "note"}) == []


def test_w107_uses_the_claimed_date() -> None:
    sources = {"s": Source("s", "S", published="2021-02")}
    ahead = Event("a", "A", "probable", ["s"], date="2022")
    assert [m[:4] for m in found(ahead, sources=sources)] == ["W107"]
    on_time = Event("a", "A", "probable", [cite("s", "2021/2022")], date="2022")
    assert found(on_time, sources=sources) == []


@settings(deadline=None)
@given(
    claims=st.lists(CLAIMS, min_size=1, max_size=3),
    date=st.sampled_from(["2020", "2021", "2022-02", "2020/2022", "2021/.."]),
)
def test_claims_equal_to_the_event_date_never_report(claims: list[str | None], date: str) -> None:
    """A claim that repeats the event's date agrees with it and with itself."""
    sources = [cite(KEYS[n], date) for n in range(len(claims))]
    assert found(Event("a", "A", "probable", sources, date=date)) == []


@settings(deadline=None)
@given(
    claims=st.lists(CLAIMS, min_size=1, max_size=3),
    date=st.sampled_from(["2020", "2021", "2022-02", "2020/2022", "2021/.."]),
)
def test_claim_findings_do_not_depend_on_the_citation_order(
    claims: list[str | None], date: str
) -> None:
    """W113's set of claims and W114's claims are the same whatever the citation order."""
    sources = [cite(KEYS[n], claim) for n, claim in enumerate(claims)]

    def codes(cited: list[Citation]) -> list[str]:
        messages = found(Event("a", "A", "probable", cited, date=date))
        return sorted(m[:4] + str(sorted(m.split(": ", 2)[-1].split(", "))) for m in messages)

    assert codes(sources) == codes(sources[::-1])


# known_at ------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2024, 12, 31))
PUBLISHED = st.one_of(
    st.none(), DAYS.map(dt.date.isoformat), DAYS.map(lambda d: f"{d.year}-{d.month:02}"),
    st.sampled_from(["2020", "2022", "2023~"]),
)  # fmt: skip


@st.composite
def evidence(draw: st.DrawFn, dated: bool = False) -> Timeline:
    """Up to 6 sources (published or not) and up to 8 events citing them, some with
    claimed dates, some related by `after`."""
    keys = [f"s{n}" for n in range(draw(st.integers(1, 6)))]
    published = PUBLISHED.filter(lambda p: p is not None) if dated else PUBLISHED
    sources = {
        key: Source(
            key, key.upper(), published=draw(published), via=draw(st.sampled_from([None, *keys]))
        )
        for key in keys
    }
    events = []
    for n in range(draw(st.integers(1, 8))):
        cited = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True))
        citations = [cite(key, draw(CLAIMS)) for key in cited]
        after = draw(st.lists(st.sampled_from([f"e{m}" for m in range(n)] or ["e0"]), max_size=1))
        events.append(
            Event(f"e{n}", f"E{n}", "probable", citations, date=draw(DAYS).isoformat(),
                  after=[a for a in after if a != f"e{n}"])
        )  # fmt: skip
    return Timeline(title="t", events=events, sources=sources)


@settings(deadline=None)
@given(tl=evidence(), a=DAYS, b=DAYS)
def test_what_was_known_only_grows(tl: Timeline, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    before, after = tl.known_at(early), tl.known_at(late)
    assert {e.id for e in before.events} <= {e.id for e in after.events}
    assert set(before.sources) <= set(after.sources)
    assert all(set(e.after) <= {x.id for x in before.events} for e in before.events)


@settings(deadline=None)
@given(tl=evidence(dated=True))
def test_known_at_the_last_publication_is_the_whole_chronology(tl: Timeline) -> None:
    last = max(tl.sources.values(), key=lambda s: s.published.upper or 0 if s.published else 0)
    assert last.published is not None
    view = tl.known_at(last.published)
    assert view == tl
    assert view.as_known is not None
    assert view.as_known.hidden == ()


@settings(deadline=None)
@given(tl=evidence(), day=DAYS)
def test_a_view_keeps_only_what_was_published(tl: Timeline, day: dt.date) -> None:
    view = tl.known_at(day)
    by = timeline.parse_date(day.isoformat()).upper
    for source in view.sources.values():
        assert source.published is None or source.published.upper <= by  # type: ignore[operator]
        assert source.via is None or source.via in view.sources
    assert view.as_known is not None
    assert view.as_known.undated == tuple(k for k, s in tl.sources.items() if s.published is None)
    assert all(e.sources for e in view.events)
    assert len(view.events) + len(view.as_known.hidden) == len(tl.events)


def test_a_lone_claim_left_dates_the_event() -> None:
    sources = {
        "early": Source("early", "Early", published="2021-12"),
        "late": Source("late", "Late", published="2023-06"),
        "undated": Source("undated", "Undated"),
    }
    deal = Event("deal", "Deal", "probable", [cite("early", "2021-11~"), "late"], date="2022")
    later = Event("later", "Later", "probable", ["late"], date="2023", after=["deal"])
    kept = Event("kept", "Kept", "probable", ["undated", "late"], date="2023", after=["later"])
    tl = Timeline(title="t", events=[deal, later, kept], sources=sources)
    view = tl.known_at("2022-01-01")
    assert [e.id for e in view.events] == ["deal", "kept"]
    assert view.events[0].date == timeline.parse_date("2021-11~")
    assert view.events[0].source_keys == ("early",)
    assert view.events[1].after == ()
    assert view.events[1].source_keys == ("undated",)
    assert list(view.sources) == ["early", "undated"]
    assert view.as_known == AsKnown(timeline.parse_date("2022-01-01"), ("undated",), ("later",))  # type: ignore[arg-type]
    # A month's publication may be after a day of it: not yet known.
    assert [e.id for e in tl.known_at("2021-12-15").events] == ["kept"]
    assert [e.id for e in tl.known_at("2021-12").events] == ["deal", "kept"]


def test_known_at_takes_a_single_date() -> None:
    tl = Timeline(title="t")
    with pytest.raises(timeline.FieldError, match="'known_at' must be a single date"):
        tl.known_at("2020/2021")
    with pytest.raises(timeline.FieldError, match="invalid date"):
        tl.known_at("soon")


def test_a_view_is_positioned_in_the_file() -> None:
    text = (
        '[sources.a]\ntitle = "A"\npublished = "2020"\n\n[sources.b]\ntitle = "B"\n'
        'published = "2024"\n\n[[event]]\nid = "late"\ntitle = "Late"\ndate = "2024"\n'
        'certainty = "probable"\nsources = ["b"]\n\n[[event]]\nid = "x"\ntitle = "X"\n'
        'date = "2021"\ncertainty = "confirmed"\nsources = ["a"]\n'
    )
    view = timeline.loads(text, name="f.toml").known_at("2021")
    assert [str(d) for d in view.validate()] == [
        "f.toml:20:13: warning[W108]: 'x' is confirmed but uncorroborated: its only source is 'a'",
        "f.toml:21:11: warning[W107]: 'x' (2021) is reported before it happened: its sources were"
        " all published before it could have begun ('a' 2020)",
    ]


@settings(deadline=None)
@given(tl=evidence())
def test_without_removes_what_the_source_alone_supports(tl: Timeline) -> None:
    lost = sole_support(tl)
    for key in tl.sources:
        view = tl.without(key)
        assert [e.id for e in view.events] == [e.id for e in tl.events if e.id not in lost[key]]
        assert key not in view.sources
        assert all(key not in e.source_keys for e in view.events)
        # The view never cites, or is via, a source it does not have; no relation dangles.
        assert not {d.code for d in view.validate()} & {"E021", "E025", "E103"}


def test_without_refuses_an_unknown_key() -> None:
    with pytest.raises(ValueError, match="'x' is not a source"):
        Timeline(title="t").without("x")
