"""Actors as first-class: `--actor` selection, `timeline actors`, `--lanes actors`."""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest

import timeline
from timeline.cli import main
from timeline.errors import OptionError
from timeline.render.options import Selection
from timeline.render.presentation import present

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "golden" / "svg" / "actors.toml"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


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
