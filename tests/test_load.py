"""Loading: the fast path agrees with the diagnosing path; what load() promises."""

from __future__ import annotations

import datetime as dt
import gc
import pathlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline.storage.load import _Builder, _checked_event

WORDS = st.text(st.characters(codec="utf-8"), max_size=12)  # utf-8: no surrogates
DATES = st.sampled_from(
    ["2020", "2020-12", "2020-12-05", "2020-02-30", "2020-13", "2021~", "1984?/2004-06~",
     "201X", "2004?-06-11", "", "..", "2001-21", dt.date(2020, 1, 2),
     dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC), 5]
)  # fmt: skip
CITATIONS = st.fixed_dictionaries(
    {},
    optional={
        "source": st.sampled_from(["s", "t", 3, "a\nb"]),
        "date": DATES,
        "at": WORDS | st.just(4),
        "quote": WORDS,
        "credibility": st.sampled_from([1, 6, 0, 7, True, "2", 2.0]),
        "note": WORDS,
        "pg": st.just(1),
    },
)
TABLES = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b-1", "Bad id", 3]), "title": WORDS},
    optional={
        "certainty": st.sampled_from(["confirmed", "probable", 1]),
        "sources": st.lists(st.sampled_from(["s", "t", 2]) | CITATIONS, max_size=3),
        "source": st.sampled_from(["s", 7]),
        "date": DATES,
        "start": DATES,
        "end": DATES,
        "lane": WORDS,
        "tags": st.lists(WORDS, max_size=2),
        "description": WORDS,
        "after": st.lists(st.sampled_from(["a", "b"]), max_size=2),
        "key": st.sampled_from([True, False, "yes", 1]),
        "label": WORDS | st.just(3),
        "certanity": st.just("typo"),
    },
)


def slow_path(table: dict[str, Any]) -> tuple[timeline.Event | None, int]:
    builder = _Builder("t.toml", None, b"", "")
    return builder.event_with_diagnostics(0, table), len(builder.errors)


@given(TABLES)
def test_fast_path_agrees_with_the_diagnosing_path(table: dict[str, Any]) -> None:
    fast = _checked_event(table, {})
    slow, errors = slow_path(table)
    if fast is not None:
        assert (slow, errors) == (fast, 0)
        assert slow is not None
        assert fast.span == slow.span
    else:
        # Refused by the fast path: the slow path either reports why or builds it
        # (the fast path only takes the common shapes).
        assert (slow is None) == (errors > 0)


def test_load_leaves_the_garbage_collector_as_it_was(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[[event]]\nid = 1\n", encoding="utf-8")
    assert gc.isenabled()
    with pytest.raises(timeline.TimelineError):
        timeline.load(path)
    assert gc.isenabled()
    gc.disable()
    try:
        timeline.loads('[timeline]\ntitle = "x"\n')
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loads_does_not_mutate_and_keeps_file_order() -> None:
    text = (
        '[sources.s]\ntitle = "S"\n'
        '[[event]]\nid = "late"\ntitle = "L"\ndate = "2025"\ncertainty = "possible"\n'
        'source = "s"\n'
        '[[event]]\nid = "early"\ntitle = "E"\ndate = "1999"\ncertainty = "possible"\n'
        'source = "s"\n'
    )
    loaded = timeline.loads(text, name="x.toml")
    assert [e.id for e in loaded.events] == ["late", "early"]
    assert loaded.events[0].source_keys == ("s",)
    assert loaded.name == "x.toml"


def test_key_and_label_load_and_refuse_what_they_cannot_hold() -> None:
    head = '[sources.s]\ntitle = "S"\n[[event]]\nid = "a"\ntitle = "A long title"\n'
    head += 'date = "2020"\ncertainty = "confirmed"\nsource = "s"\n'
    loaded = timeline.loads(head + 'key = true\nlabel = "Short"\n')
    assert (loaded.events[0].key, loaded.events[0].label) == (True, "Short")
    plain = timeline.loads(head).events[0]
    assert (plain.key, plain.label) == (False, None)
    for extra, code, message in (
        ('key = "yes"', "E011", "'key' must be true or false, got text"),
        ('label = "two\\nlines"', "E016", "'label' must be a single line"),
    ):
        with pytest.raises(timeline.TimelineError) as raised:
            timeline.loads(head + extra + "\n", name="k.toml")
        (found,) = raised.value.diagnostics
        assert (found.line, found.code) == (9, code)
        assert found.message.startswith(message), found.message
    with pytest.raises(timeline.FieldError, match="'key' must be true or false"):
        timeline.Event("x", "X", "probable", ["s"], date="2020", key="yes")


def test_a_byte_order_mark_is_valid() -> None:
    loaded = timeline.loads('\ufeff[timeline]\ntitle = "BOM"\n')
    assert loaded.title == "BOM"


def test_event_accepts_the_same_values_as_the_toml() -> None:
    event = timeline.Event("x", "X", "probable", "s", date="2026-03~")
    assert event.sources == (timeline.Citation("s"),)
    assert event.source_keys == ("s",)
    assert event.span.approximate
    ranged = timeline.Event("y", "Y", "probable", ["s"], start="2023", end="..")
    assert ranged.span.text == "2023/.."
    toml_date = timeline.Event("z", "Z", "probable", ["s"], date=dt.date(2021, 11, 24))
    assert toml_date.span.text == "2021-11-24"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date": "2026-13"},
         "invalid date '2026-13' in 'date': invalid month '13': expected 01-12 or a season 21-24"),
        ({"date": "2020", "start": "2019"}, "event 'x' has both 'date' and 'start'; give one"),
        ({}, "event 'x' has no date; give 'date' or 'start'"),
        ({"date": "2020", "lane": "a\nb"},
         "'lane' must be a single line (it contains a line break)"),
    ],
)  # fmt: skip
def test_event_validators_name_the_field_and_value(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(timeline.FieldError) as raised:
        timeline.Event("x", "X", "probable", ["s"], **kwargs)
    assert str(raised.value) == message


def test_validate_runs_once_per_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A timeline is immutable, so its findings are computed once; add() starts afresh."""
    import timeline.rules as _validate

    calls = []
    real = _validate.validate

    def counting(tl: timeline.Timeline) -> list[timeline.Diagnostic]:
        calls.append(tl)
        return real(tl)

    monkeypatch.setattr(_validate, "validate", counting)
    loaded = timeline.loads('[timeline]\ntitle = "x"\n', name="x.toml")
    first = loaded.validate()
    first.clear()  # the caller's list is its own
    assert loaded.validate() == [d for d in loaded.validate() if d.code == "W020"] != []
    assert len(calls) == 1
    loaded.add(timeline.Event("a", "A", "probable", ["s"], date="2020")).validate()
    assert len(calls) == 2
