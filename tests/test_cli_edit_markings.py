"""Markings from the command line: `source/period --marking`, and `settings --markings`,
`--marking` and `--portion-marks`, with exact output, exit status and file text."""

from __future__ import annotations

import pathlib

import pytest
from clirun import chronology_here, run

BEFORE = """\
[timeline]
title = "Markings"

[sources.wire]
title = "Wire"

[sources.partner]
title = "Partner"  # partner reporting

[[period]]
title = "Talks"
start = "2020"

[[event]]
id = "talks"
title = "Talks"
date = "2020"
certainty = "probable"
sources = ["wire", "partner"]
marking = "GREEN"
"""


@pytest.fixture
def edits(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, BEFORE)


def test_a_source_and_a_period_are_marked_and_unmarked(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["source", "set", "partner", "--marking", "AMBER"], capsys) == (
        0,
        "events.toml: changed source 'partner': marking\n"
        "events.toml:21:11: warning[W116]: 'talks' is marked GREEN but cites 'partner'"
        " (AMBER)\n",
        "",
    )
    assert run(["period", "set", "Talks", "--marking", "RED"], capsys) == (
        0, "events.toml: changed period 'Talks'\n", "",
    )  # fmt: skip
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        "# partner reporting\n", '# partner reporting\nmarking = "AMBER"\n'
    ).replace('start = "2020"\n', 'start = "2020"\nmarking = "RED"\n')
    assert run(["source", "set", "partner", "--marking", ""], capsys)[0] == 0
    assert run(["period", "set", "Talks", "--marking", ""], capsys)[0] == 0
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_source_add_and_period_add_take_a_marking(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["source", "add", "liaison", "--title", "Liaison", "--marking", "AMBER"]
    assert run(argv, capsys)[0] == 0
    argv = ["period", "add", "Later", "--start", "2021", "--marking", "AMBER"]
    assert run(argv, capsys) == (0, "events.toml: added period 'Later'\n", "")
    text = edits.read_text(encoding="utf-8")
    assert '[sources.liaison]\ntitle = "Liaison"\nmarking = "AMBER"\n' in text
    assert '[[period]]\ntitle = "Later"\nstart = "2021"\nmarking = "AMBER"\n' in text


def test_settings_set_the_scheme_the_default_and_portion_marks(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["settings", "--markings", "OFFICIAL,GREEN,SECRET", "--marking", "OFFICIAL",
            "--portion-marks"]  # fmt: skip
    assert run(argv, capsys) == (
        0, "events.toml: changed settings: marking, markings, portion_marks\n", "",
    )  # fmt: skip
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        'title = "Markings"\n',
        'title = "Markings"\nmarkings = ["OFFICIAL", "GREEN", "SECRET"]\nmarking = "OFFICIAL"\n'
        "portion_marks = true\n",
    )
    argv = ["settings", "--markings", "tlp", "--marking", "", "--no-portion-marks"]
    assert run(argv, capsys)[0] == 0
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_settings_markings_dry_run_prints_the_diff(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["settings", "--marking", "GREEN", "--dry-run"], capsys) == (
        0,
        """\
--- events.toml
+++ events.toml (after timeline settings)
@@ -1,5 +1,6 @@
 [timeline]
 title = "Markings"
+marking = "GREEN"
"""
        + " "
        + """
 [sources.wire]
 title = "Wire"
""",
        "",
    )
    assert edits.read_text(encoding="utf-8") == BEFORE


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["source", "set", "partner", "--marking", "amber"],
         "timeline source set: error[E027]: --marking: 'amber' is not a marking level of this"
         " chronology; did you mean 'AMBER'?"),
        (["period", "add", "Later", "--start", "2021", "--marking", "Z"],
         "timeline period add: error[E027]: --marking: 'Z' is not a marking level of this"
         " chronology; the levels are CLEAR, GREEN, AMBER, AMBER+STRICT, RED"),
        (["settings", "--marking", "SECRET"],
         "timeline settings: error[E027]: --marking: 'SECRET' is not a marking level of this"
         " chronology; the levels are CLEAR, GREEN, AMBER, AMBER+STRICT, RED"),
        (["settings", "--markings", "OFFICIAL,OFFICIAL"],
         "timeline settings: error[E019]: --markings: lists the level 'OFFICIAL'"
         " twice; each may appear once"),
        (["settings", "--markings", "OFFICIAL,SECRET"],
         "events.toml:20:11: error[E027]: 'GREEN' is not a marking level of this chronology;"
         " the levels are OFFICIAL, SECRET\n"
         "timeline settings: error[E027]: --markings: nothing written: 1 event would be in"
         " error (above)"),
    ],
    ids=["source", "period", "default", "twice", "scheme"],
)  # fmt: skip
def test_a_refused_marking_names_the_option_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(argv, capsys) == (1, "", message + "\n")
    assert edits.read_text(encoding="utf-8") == BEFORE
