"""`timeline actor add/set/remove` and `settings --actors`: declaring the actors events
name, with exact output, exit status and file text."""

from __future__ import annotations

import pathlib

import pytest
from clirun import chronology_here, run

from timeline.cli import main

BEFORE = """\
[timeline]
title = "Actors"

[sources.wire]
title = "Wire"

# the actors
[actors.mali]
name = "Mali"  # keep me

[[event]]
id = "talks"
title = "Talks"
date = "2020"
certainty = "probable"
sources = ["wire"]
actors = ["mali"]
"""


@pytest.fixture
def edits(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, BEFORE)


def test_an_actor_is_added_with_every_field(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["actor", "add", "bf", "--name", "Burkina Faso", "--kind", "state", "--alias", "BF",
            "--alias", "Upper Volta", "--wikidata", "Q965"]  # fmt: skip
    assert run(argv, capsys) == (
        0,
        "events.toml: added actor 'bf'\n"
        "events.toml:11:1: note[N117]: actor 'bf' is not named by any event\n",
        "",
    )
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        "# keep me\n",
        '# keep me\n\n[actors.bf]\nname = "Burkina Faso"\nkind = "state"\n'
        'aliases = ["BF", "Upper Volta"]\nwikidata = "Q965"\n',
    )


def test_an_actor_is_changed_named_and_removed(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["actor", "add", "bf", "--name", "Burkina Faso", "--kind", "state",
                "--alias", "BF"], capsys)[0] == 0  # fmt: skip
    argv = ["actor", "set", "bf", "--kind", "", "--remove-alias", "BF", "--add-alias", "Ouaga"]
    assert run(argv, capsys) == (0, "events.toml: changed actor 'bf': kind, aliases\n", "")
    assert run(["set", "talks", "--add-actor", "bf"], capsys) == (
        0, "events.toml: changed event 'talks': actors\n", "",
    )  # fmt: skip
    assert run(["set", "talks", "--remove-actor", "bf"], capsys)[0] == 0
    assert run(["actor", "remove", "bf"], capsys) == (0, "events.toml: removed actor 'bf'\n", "")
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_a_comment_beside_an_edited_actor_stays(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["actor", "set", "mali", "--kind", "state"], capsys) == (
        0, "events.toml: changed actor 'mali': kind\n", "",
    )  # fmt: skip
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        '"Mali"  # keep me\n', '"Mali"  # keep me\nkind = "state"\n'
    )


def test_actor_set_dry_run_prints_the_diff_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["actor", "set", "mali", "--name", "Mali, Republic", "--dry-run"], capsys) == (
        0,
        """\
--- events.toml
+++ events.toml (after timeline actor set)
@@ -6,7 +6,7 @@
"""
        + " "
        + """
 # the actors
 [actors.mali]
-name = "Mali"  # keep me
+name = "Mali, Republic"  # keep me
"""
        + " "
        + """
 [[event]]
 id = "talks"
""",
        "",
    )
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_settings_actors_orders_the_actor_lanes(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["actor", "add", "bf", "--name", "Burkina Faso"], capsys)[0] == 0
    assert run(["settings", "--actors", "bf,mali"], capsys) == (
        0, "events.toml: changed settings: actors\n", "",
    )  # fmt: skip
    text = edits.read_text(encoding="utf-8")
    assert text.startswith(
        '[timeline]\ntitle = "Actors"\nactors = ["bf", "mali"]\n\n[sources.wire]'
    )
    assert run(["actor", "remove", "bf"], capsys) == (
        1,
        "",
        "timeline actor remove: error[E028]: KEY: [timeline] actors lists 'bf'; take it out of"
        " the order first (timeline settings --actors mali)\n",
    )
    assert run(["settings", "--actors", ""], capsys) == (
        0, "events.toml: changed settings: actors\n", "",
    )  # fmt: skip
    assert 'actors = ["bf", "mali"]' not in edits.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["actor", "remove", "mali"], 1,
         "timeline actor remove: error[E028]: KEY: 'mali' is named by 'talks'; remove it from"
         " those events first (timeline set talks --remove-actor mali)"),
        (["actor", "add", "mali", "--name", "Again"], 2,
         "timeline actor add: error: KEY: 'mali' is already an actor;"
         " use 'timeline actor set mali'"),
        (["actor", "set", "mal", "--kind", "state"], 2,
         "timeline actor set: error: KEY: 'mal' is not an actor of this chronology;"
         " did you mean 'mali'?"),
        (["actor", "set", "mali", "--wikidata", "912"], 1,
         "timeline actor set: error[E018]: --wikidata: must be a Wikidata item id such as"
         " Q1028, got '912'"),
        (["actor", "set", "mali", "--remove-alias", "Bamako"], 2,
         "timeline actor set: error: --remove-alias: the actor has no alias 'Bamako'"),
        (["actor", "add", "bf", "--name", " "], 1,
         "timeline actor add: error[E012]: --name: is blank; every actor needs a title"),
        (["settings", "--actors", "mali,zz"], 1,
         "timeline settings: error[E028]: --actors: [timeline] actors lists 'zz', which is not"
         " an actor of this chronology"),
    ],
    ids=["named", "exists", "unknown", "wikidata", "no-alias", "blank-name", "order-unknown"],
)  # fmt: skip
def test_a_refused_actor_edit_names_the_option_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int,
    message: str,
) -> None:  # fmt: skip
    assert run(argv, capsys) == (status, "", message + "\n")
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_actor_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["actor", "add", "--help"])
    out = capsys.readouterr().out
    assert "  timeline actor add mali --name Mali --kind state" in out
    assert "--alias NAME" in out
