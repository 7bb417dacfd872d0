"""Issue 11, part B: the rules about what citations say (W107 and W108 with citations,
W113, W114, N115) and the chronology as it was known on a day (`Timeline.known_at`).

The exact messages are the fixtures of tests/data/rules (checked by test_rules and
test_diagnostics); these are the edges and the properties.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import Citation, Event, Source, Timeline

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
