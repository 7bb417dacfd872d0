"""Actors as first-class: `--actor` selection, `timeline actors`, `--lanes actors`."""

from __future__ import annotations

import json
import pathlib
import shutil

import attrs
import pytest
from clirun import run

import timeline
from timeline.cli import main
from timeline.errors import OptionError
from timeline.model.actors import Actor
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.options import ChartOptions, Selection, parse
from timeline.render.presentation import present

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "golden" / "svg" / "actors.toml"


@pytest.fixture(scope="module")
def actors() -> timeline.Timeline:
    return timeline.load(FIXTURE)


@pytest.fixture
def here(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURE, tmp_path / "events.toml")
    return tmp_path


# ---------------------------------------------------------------- --actor


def test_actor_selects_the_events_naming_it(actors: timeline.Timeline) -> None:
    shown = present(actors, Selection(actors=["iai"]).check(actors))
    assert [entry.event.id for entry in shown.entries] == ["barak", "plant"]
    either = present(actors, Selection(actors=("morocco", "iai")).check(actors))
    assert [entry.event.id for entry in either.entries] == ["accords", "barak", "plant"]


def test_an_unknown_actor_is_an_option_error(actors: timeline.Timeline) -> None:
    with pytest.raises(OptionError) as raised:
        timeline.render_text(actors, actors=["isreal"])
    assert raised.value.option == "actors"
    assert raised.value.message == (
        "no actor has the key 'isreal'; did you mean 'israel'? (the actors: 'morocco',"
        " 'israel', 'iai', 'un')"
    )


def test_render_actor_flag_and_its_typo(
    here: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["render", "--actor", "iai", "--format", "md"], capsys)
    assert (status, out) == (0, "output/timeline.md\n")
    text = (here / "output" / "timeline.md").read_text(encoding="utf-8")
    assert "Drone plant opens" in text
    assert "Normalisation agreed" not in text
    status, out, err = run(["render", "--actor", "isreal", "--format", "md"], capsys)
    assert (status, out) == (2, "")
    assert err.splitlines()[-1] == (
        "timeline render: error: --actor: no actor has the key 'isreal'; did you mean"
        " 'israel'? (the actors: 'morocco', 'israel', 'iai', 'un')"
    )


# ---------------------------------------------------------------- timeline actors


def test_actors_lists_kind_counts_and_dates(
    here: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["actors"], capsys) == (
        0,
        "actor    name                         kind     events  first        last\n"
        "morocco  Morocco                      state         2  10 Dec 2020  2022\n"
        "israel   Israel                       state         3  10 Dec 2020  2024 → …\n"
        "iai      Israel Aerospace Industries  company       2  2022         ~Jun 2023\n"
        "un       United Nations               -             0  -            -\n"
        "4 actors, 5 events\n",
        "",
    )


def test_actors_as_json(here: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["actors", "events.toml", "--format", "json"], capsys)
    assert (status, err) == (0, "")
    assert json.loads(out) == [
        {"actor": "morocco", "name": "Morocco", "kind": "state", "events": 2,
         "first": "2020-12-10", "last": "2022"},
        {"actor": "israel", "name": "Israel", "kind": "state", "events": 3,
         "first": "2020-12-10", "last": "2024/.."},
        {"actor": "iai", "name": "Israel Aerospace Industries", "kind": "company", "events": 2,
         "first": "2022", "last": "2023-06~"},
        {"actor": "un", "name": "United Nations", "kind": None, "events": 0, "first": None,
         "last": None},
    ]  # fmt: skip


def test_actors_of_a_missing_file_and_help(
    here: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["actors", "nowhere.toml"], capsys)
    assert (status, out) == (1, "")
    assert "nowhere.toml" in err
    with pytest.raises(SystemExit):
        main(["actors", "--help"])
    assert "timeline actors briefing.toml" in capsys.readouterr().out


# ---------------------------------------------------------------- --lanes actors


def _layout(tl: timeline.Timeline, **options: object) -> ChartLayout:
    chosen = parse(tl, options, ChartOptions, caller="test")
    return layout(Job.make(tl, chosen[Selection], chosen[ChartOptions]))


def test_lanes_by_actors_one_label_and_a_connector_a_further_lane(
    actors: timeline.Timeline,
) -> None:
    chart = _layout(actors, lanes_by="actors")
    assert [lane.name_lines for lane in chart.lanes] == [
        ("Morocco",), ("Israel",), ("Israel Aerospace", "Industries"), ("No actor",),
    ]  # fmt: skip
    drawn: dict[str, list[int]] = {}
    for geo in chart.events:
        drawn.setdefault(geo.entry.event.id, []).append(geo.lane)
    assert drawn == {
        "accords": [0, 1], "visit": [3], "barak": [0, 1, 2], "plant": [2], "talks": [1],
    }  # fmt: skip
    labelled = [chart.events[label.event].entry.event.id
                for lane in chart.labels for label in lane.labels]  # fmt: skip
    assert sorted(labelled) == sorted(drawn)  # each event once: no echo is labelled
    first = {chart.events[label.event].entry.event.id: chart.events[label.event].lane
             for lane in chart.labels for label in lane.labels}  # fmt: skip
    assert first == {key: lanes[0] for key, lanes in drawn.items()}  # in its first lane
    joined: dict[str, int] = {}
    for connector in chart.connectors:
        geo = chart.events[connector.event]
        joined[geo.entry.event.id] = joined.get(geo.entry.event.id, 0) + 1
        assert connector.x == geo.anchor
        assert connector.y0 < connector.y1
    assert joined == {"accords": 1, "barak": 2}
    assert chart.unlabelled == 0
    assert not chart.key


def test_lanes_follow_timeline_actors_and_default_lanes_have_no_connector(
    actors: timeline.Timeline,
) -> None:
    ordered = actors.with_settings(actor_order=("iai", "israel"))
    chart = _layout(ordered, lanes_by="actors")
    assert [lane.name_lines[0] for lane in chart.lanes] == [
        "Israel Aerospace", "Israel", "Morocco", "No actor",
    ]  # fmt: skip
    plain = _layout(actors)
    assert plain.connectors == ()
    assert len(plain.events) == 5
    assert _layout(actors, lanes_by="actors", locale="fr").lanes[-1].name_lines == ("Sans acteur",)
    with pytest.raises(OptionError) as raised:
        _layout(actors, lanes_by="actor")
    assert raised.value.message == "lanes_by must be one of 'lane', 'actors'; got 'actor'"


def test_render_lanes_actors_flag(here: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["render", "--lanes", "actors", "--format", "svg"], capsys)
    assert (status, out) == (0, "output/timeline.svg\n")
    assert "No actor" in (here / "output" / "timeline.svg").read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as raised:
        main(["render", "--lanes", "actor"])
    assert raised.value.code == 2
    assert "--lanes: invalid choice: 'actor'" in capsys.readouterr().err


# ---------------------------------------------------------------- views


BUNDLED = ROOT / "events.toml"


@pytest.mark.parametrize(
    "view",
    [
        lambda tl: tl.known_at("2023"),
        lambda tl: tl.without("jpost"),
        lambda tl: tl.released("CLEAR"),
    ],
    ids=["known-at", "without", "released"],
)
def test_a_view_keeps_the_actors_its_events_name_and_the_unused_ones(view: object) -> None:
    tl = timeline.load(BUNDLED)
    # The Atmos contract (the only event naming Elbit) rests on the JPost alone, AMBER.
    tl = tl.replace_source(attrs.evolve(tl.sources["jpost"], marking="AMBER"))
    atmos = next(event for event in tl.events if event.id == "atmos-contract")
    tl = tl.replace(attrs.evolve(atmos, sources=["jpost"]))
    tl = tl.add_source(timeline.Source("unused-outlet", "Never cited"))
    tl = attrs.evolve(tl, actors={**tl.actors, "nobody": Actor("nobody", "Nobody")})
    seen = view(tl)  # type: ignore[operator]
    named = {key for event in seen.events for key in event.actors}
    assert set(seen.actors) == named | {"nobody"}
    assert seen.actor_order == tuple(key for key in tl.actor_order if key in named)
    assert set(tl.actors) - set(seen.actors), "the view hid no actor: it tests nothing"


def test_check_known_at_reports_no_actor_the_view_hid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(["check", "--known-at", "2023", str(BUNDLED)], capsys)
    assert status == 0
    assert "N117" not in out
    assert out.splitlines()[-2:] == [
        "5 events, 0 errors, 2 warnings",
        "As known on 2023: 5 of 9 events, 5 of 13 sources",
    ]
