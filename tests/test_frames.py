"""For scripts and notebooks: sort_key, select, to_records, dates as `datetime.date`,
pandas both ways, and the Jupyter display."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

import timeline
from timeline.errors import OptionError
from timeline.render.presentation import present

ROOT = pathlib.Path(__file__).parent.parent
EVENTS = ROOT / "events.toml"


@pytest.fixture(scope="module")
def bundled() -> timeline.Timeline:
    return timeline.load(EVENTS)


def test_sort_key_is_the_order_every_output_uses(bundled: timeline.Timeline) -> None:
    shuffled = list(reversed(bundled.events))
    in_order = [e.id for e in sorted(shuffled, key=timeline.sort_key)]
    assert in_order == [entry.event.id for entry in present(bundled).entries]


def test_select_is_the_renderers_selection(bundled: timeline.Timeline) -> None:
    chosen = bundled.select(lanes=["Air defence"], date_from="2023")
    assert isinstance(chosen, timeline.Timeline)
    assert [e.id for e in chosen.events] == [
        e.event.id for e in present(bundled, timeline.render.Selection(
            lanes=("Air defence",), date_from="2023")).entries
    ]  # fmt: skip
    assert chosen.events
    assert all(e.lane == "Air defence" for e in chosen.events)
    kept = {e.id for e in chosen.events}
    assert all(set(e.after) <= kept and set(e.before) <= kept for e in chosen.events)
    assert [d for d in chosen.validate() if d.code == "E103"] == []
    with pytest.raises(OptionError) as raised:
        bundled.select(actors=["isreal"])
    assert "did you mean 'israel'?" in str(raised.value)


def test_records_are_what_the_file_writes(bundled: timeline.Timeline) -> None:
    records = bundled.to_records()
    assert [r["id"] for r in records] == [e.id for e in bundled.events]
    first = records[0]
    assert first["date"] == bundled.events[0].span.text
    assert first["certainty"] == bundled.events[0].certainty


def test_edtf_dates_give_their_strict_days() -> None:
    month = timeline.parse_date("2020-12")
    assert isinstance(month, timeline.EdtfDate)
    assert (month.lower_date, month.upper_date) == (dt.date(2020, 12, 1), dt.date(2020, 12, 31))
    about = timeline.parse_date("2022~")
    assert isinstance(about, timeline.EdtfDate)
    assert (about.lower_date, about.upper_date) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    old = timeline.parse_date("-0044-03-15")
    assert isinstance(old, timeline.EdtfDate)
    assert old.lower_date is None  # datetime cannot hold 45 BCE


def test_a_dataframe_and_back_is_the_same_chronology(bundled: timeline.Timeline) -> None:
    pandas = pytest.importorskip("pandas")
    frame = bundled.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["id"]) == [e.id for e in bundled.events]
    assert frame["lower"].iloc[0] == dt.date(2020, 12, 1)
    again = timeline.from_dataframe(frame)
    assert again == bundled
    assert dict(again.sources) == dict(bundled.sources)
    assert dict(again.actors) == dict(bundled.actors)


def test_a_dataframe_that_would_not_load_says_why() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame([
        {"id": "x", "title": "X", "certainty": "confirmed", "date": "2020", "sources": ["s"]},
        {"id": "y", "title": "Y", "certainty": "confirmed", "date": "2020-13", "sources": ["s"]},
    ])  # fmt: skip
    frame.attrs["timeline"] = {"sources": {"s": {"title": "S"}}}
    with pytest.raises(timeline.TimelineError) as raised:
        timeline.from_dataframe(frame, name="frame")
    assert [str(d) for d in raised.value.diagnostics] == [
        "frame:2:4: error[E013]: invalid date '2020-13' in 'date': invalid month '13':"
        " expected 01-12 or a season 21-24",
    ]


def test_a_missing_pandas_is_named_with_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError) as raised:
        timeline.Timeline().to_dataframe()
    assert str(raised.value) == (
        "pandas is not installed; install it with: pip install 'timeline[pandas]'"
    )


def test_a_notebook_shows_the_chart_and_a_short_repr(bundled: timeline.Timeline) -> None:
    assert repr(bundled) == (
        "<Timeline 'Morocco–Israel defence cooperation': 9 events, 13 sources, 1 period>"
    )
    svg = bundled._repr_svg_()
    assert svg.startswith("<?xml")
    html = bundled._repr_html_()
    assert html.startswith("<svg")
    assert html == svg[svg.index("<svg") :]
