"""Properties of the chronology rules over generated chronologies (issue 3, Correctness).

1. Reordering the events in the file never changes the gap, relation and interval
   diagnostics (as (code, message, event ids); positions move with the events).
2. Making a date more precise within its bounds never turns an order that holds for
   certain into anything else.
3. Strictly increasing exact dates with `after` chains raise nothing at all.
4. The rules' fast positions agree with the Locator on generated files.
Also: the cycle search, which looks only where a cycle can be, finds every cycle.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import EdtfDate, Event, Source, Timeline
from timeline.dates.edtf import civil_from_days, parse

SOURCES = {"s": Source("s", "S"), "t": Source("t", "T")}
ORDER_FREE = frozenset({"E101", "W101", "E102", "W102", "E103", "E104", "W106"})
IDS = [f"e{i}" for i in range(8)]

POINTS = st.sampled_from(
    ["2020", "2020-06", "2020-06-15", "2020-21", "2020-24", "2020~", "2020-06?", "2021",
     "2021-01", "2021-02-28%", "2022", "202X", "2019-12-31", "2023-05", "2020-06-15T12:00:00Z"]
)  # fmt: skip
ENDS = st.sampled_from(["2019", "2020-03", "2021", "2021-06-30", "2022~", "..", ""])
SETTINGS = st.fixed_dictionaries(
    {
        "max_gap": st.sampled_from([None, "P1M", "P3M", "P1Y", "P30D"]),
        "gaps": st.sampled_from(["all", "per-lane"]),
        "as_of": st.sampled_from([None, "2021-06-30", "2025"]),
    }
)


@st.composite
def chronologies(draw: st.DrawFn) -> list[Event]:
    """Up to 8 events with mixed dates, ranges, lanes and relations (some unknown)."""
    count = draw(st.integers(1, len(IDS)))
    ids = IDS[:count]
    related = st.lists(st.sampled_from([*ids, "ghost"]), max_size=2)
    events = []
    for event_id in ids:
        fields: dict[str, object] = {
            "lane": draw(st.sampled_from([None, "x", "y"])),
            "after": draw(related),
            "before": draw(related),
        }
        if draw(st.booleans()):
            fields["date"] = draw(POINTS)
        else:
            fields["start"] = draw(POINTS.filter(lambda d: "T" not in d))
            end = draw(ENDS)
            fields["end"] = end or None
        events.append(Event(event_id, f"T {event_id}", "probable", ["s", "t"], **fields))  # type: ignore[arg-type]
    return events


def findings(events: list[Event], **options: object) -> set[tuple[str, str, tuple[str, ...]]]:
    built = Timeline(events=events, sources=SOURCES, order="any", **options)  # type: ignore[arg-type]
    return {(d.code, d.message, d.event_ids) for d in built.validate() if d.code in ORDER_FREE}


@settings(deadline=None)
@given(events=chronologies(), options=SETTINGS, data=st.data())
def test_reordering_the_file_changes_no_finding(
    events: list[Event], options: dict[str, object], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(events))
    assert findings(list(shuffled), **options) == findings(events, **options)


@settings(deadline=None)
@given(events=chronologies(), repeat=st.booleans())
def test_the_cycle_search_in_windows_finds_what_a_whole_file_search_finds(
    events: list[Event], repeat: bool
) -> None:
    """E104 searches only the stretches of the file that relations pointing up it span.
    Also with a repeated id (the rules run on one when E020 is turned off)."""
    import attrs

    from timeline.rules.context import RuleContext
    from timeline.rules.order import _cycles, check_relations

    if repeat and len(events) > 2:
        events[-1] = attrs.evolve(events[-1], id=events[1].id)

    windowed = RuleContext(Timeline(events=events, sources=SOURCES))
    check_relations(windowed)
    whole = RuleContext(Timeline(events=events, sources=SOURCES))
    _cycles(whole, [(0, len(events) - 1)])
    cycles = sorted((d for d in windowed.found if d.code == "E104"), key=str)
    assert cycles == sorted(whole.found, key=str)


# 2. Refinement ---------------------------------------------------------------


@st.composite
def refinements(draw: st.DrawFn, text: str) -> str:
    """A date at least as precise as `text`, with strict bounds inside its bounds."""
    date = parse(text)
    assert isinstance(date, EdtfDate)
    first, last = date.lower // 86400, (date.upper - 1) // 86400
    # The first and last days often: refinements at the edges are what break a rule
    # that compares anything but the strict bounds (a midpoint, say).
    day = draw(st.sampled_from([first, last]) | st.integers(first, last))
    y, m, d = civil_from_days(day)
    candidates = [f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}-{m:02d}", f"{y:04d}"]
    inside = []
    for candidate in candidates:
        refined = parse(candidate)
        assert isinstance(refined, EdtfDate)
        if date.lower <= refined.lower and refined.upper <= date.upper:
            inside.append(candidate)
    chosen = draw(st.sampled_from(inside))
    return chosen + draw(st.sampled_from(["", "~", "?"]))


# Mostly later dates for `a` than for `b`, so that many draws hold before refinement;
# some (2020-09, 2020-07-15) lie in the second half of b's 2020, where an order that a
# midpoint comparison would call settled is not.
LATER = st.sampled_from(
    ["2020", "2020-12", "2021", "2021-06", "2021-22", "2022~", "2021-03-01", "202X", "2021?",
     "2020-09", "2020-07-15"]
)  # fmt: skip
EARLIER = st.sampled_from(
    ["2019", "2020", "2020-06", "2020-21", "2020-24", "201X", "2020-06-15", "2020?"]
)


def holds(a: Event, b: Event) -> bool:
    """True when 'a after b' (declared either way) holds for certain: nothing reported."""
    found = Timeline(events=[b, a], sources=SOURCES, order="any").validate()
    return not [d for d in found if d.code in ("E102", "W102")]


def build(
    event_id: str, first: str, second: str | None, after: tuple[str, ...], before: tuple[str, ...]
) -> Event:
    words = (event_id, event_id, "probable", ["s", "t"])
    if second is None:
        return Event(*words, date=first, after=after, before=before)
    end = None if second == "" else second
    return Event(*words, start=first, end=end, after=after, before=before)


def related(form: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """'a after b' declared on a (`after`) or on b (`before`): a's after, b's before."""
    return (("b",), ()) if form == "after" else ((), ("a",))


@settings(deadline=None)
@given(
    a=st.tuples(LATER, st.sampled_from([None, "", "..", "2024"])),
    b=st.tuples(EARLIER, st.sampled_from([None, "", "..", "2020-12"])),
    which=st.sampled_from(["a-start", "a-end", "b-start", "b-end"]),
    form=st.sampled_from(["after", "before"]),
    inside=st.booleans(),
    data=st.data(),
)
def test_more_precise_dates_keep_what_holds(
    a: tuple[str, str | None],
    b: tuple[str, str | None],
    which: str,
    form: str,
    inside: bool,
    data: st.DataObject,
) -> None:
    if inside and b[1] is None:
        # a begins within b's date: the order is not established, and a rule that
        # compared anything but strict bounds would call it settled in some of these.
        a = (data.draw(refinements(b[0])), a[1])
    a_after, b_before = related(form)
    before = holds(build("a", *a, a_after, ()), build("b", *b, (), b_before))
    starts = {"a": a[0], "b": b[0]}
    ends = {"a": a[1], "b": b[1]}
    side, part = which.split("-")
    end = ends[side]
    if part == "start" or end is None:  # a start, or a point's one date
        starts[side] = data.draw(refinements(starts[side]))
    elif end not in ("", ".."):
        ends[side] = data.draw(refinements(end))
    else:  # an open or unknown end becomes a date, no earlier than the start
        start = parse(starts[side])
        assert isinstance(start, EdtfDate)
        year = data.draw(st.integers(civil_from_days(start.upper // 86400)[0], 2030))
        ends[side] = str(year)
    refined_a = build("a", starts["a"], ends["a"], a_after, ())
    refined_b = build("b", starts["b"], ends["b"], (), b_before)
    if before:
        assert holds(refined_a, refined_b), (a, b, starts, ends)


# 3. Increasing exact dates -----------------------------------------------------


@settings(deadline=None)
@given(
    steps=st.lists(st.integers(1, 200), min_size=1, max_size=25),
    links=st.lists(st.integers(1, 5), min_size=25, max_size=25),
    extra=st.lists(st.booleans(), min_size=25, max_size=25),
)
def test_increasing_exact_dates_with_after_chains_raise_nothing(
    steps: list[int], links: list[int], extra: list[bool]
) -> None:
    day = dt.date(2020, 1, 1)
    events = []
    for i, step in enumerate(steps):
        day += dt.timedelta(days=step)
        after = [f"e{i - 1}"] if i else []
        if i >= links[i] and extra[i]:
            after.append(f"e{i - links[i]}")
        certainty = "confirmed" if i % 2 else "probable"
        events.append(Event(f"e{i}", f"Event {i}", certainty, ["s", "t"], date=day, after=after))
    built = Timeline(events=events, sources=SOURCES, max_gap="P7M", as_of=day.isoformat())
    assert built.validate() == []


# 4. Fast positions -------------------------------------------------------------

KEY_FORMS = st.sampled_from(["{k}", '"{k}"', "'{k}'", "  {k}"])
ARRAYS = st.sampled_from(
    ['["s"]', '[ "s" , "t" ]', '[\n  "s",  # why\n  "t",\n]', "['s', \"t\"]", '["s", # c\n"t"]']
)
TITLES = st.sampled_from(['"T"', "'T'", '"""two\n[[event]]\nlines"""', "'''a\n  after = 1'''"])


@st.composite
def event_tables(draw: st.DrawFn, index: int) -> str:
    header = draw(st.sampled_from(["[[event]]", "  [[ event ]]", "[[event]]  # note"]))
    fields = {
        "id": f'"e{index}"',
        "title": '"T"',
        "date": draw(st.sampled_from(['"2020"', "2020-01-02", '"2021-05~" # comment'])),
        "certainty": '"probable"',
        "sources": draw(ARRAYS),
        "after": draw(ARRAYS).replace('"s"', '"e0"').replace("'s'", "'e0'"),
    }
    if draw(st.booleans()):
        fields["description"] = draw(TITLES)
    names = draw(st.permutations(list(fields)))
    lines = [header]
    for name in names:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "   "])))
        lines.append(f"{draw(KEY_FORMS).format(k=name)} = {fields[name]}")
    return "\n".join(lines) + "\n"


@settings(deadline=None)
@given(data=st.data(), count=st.integers(1, 4), crlf=st.booleans(), period=st.booleans())
def test_fast_positions_agree_with_the_locator(
    data: st.DataObject, count: int, crlf: bool, period: bool
) -> None:
    from timeline import loads
    from timeline.storage.positions import Positions, locate

    parts = ['[timeline]\ntitle = "P"\n', '[sources.s]\ntitle = "S"\n[sources.t]\ntitle = "T"\n']
    for index in range(count):
        parts.append(data.draw(event_tables(index)))
        if period and index == 0:
            parts.append('[[period]]\ntitle = "between"\ndate = "2020"\n')
    text = "\n".join(parts)
    if crlf:
        text = text.replace("\n", "\r\n")
    loaded = loads(text, name="p.toml")
    fast = Positions(loaded)
    for index in range(count):
        for key in ("id", "title", "date", "sources", "after", "description", "lane"):
            for value in (False, True):
                path: tuple[str | int, ...] = ("event", index, key)
                assert fast.locate(path, value=value) == locate(loaded, path, value=value), path
            for item in range(3):
                path = ("event", index, key, item)
                assert fast.locate(path, value=True) == locate(loaded, path, value=True), path
    for key in ("s", "t"):
        path = ("sources", key, "title")
        assert fast.locate(path, value=True) == locate(loaded, path, value=True)
