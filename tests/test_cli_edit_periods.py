"""`timeline period add/set`: periods are named by title, so no two may share one."""

from __future__ import annotations

import pathlib

import pytest
from clirun import chronology_here, run

BEFORE = """\
[timeline]
title = "Periods"

[sources.wire]
title = "Wire"

[[period]]
title = "Junta rule"  # the first
start = "2021"

[[period]]
title = "Transition"
start = "2022"

[[event]]
id = "coup"
title = "Coup"
date = "2021-05"
certainty = "confirmed"
sources = ["wire"]
"""


@pytest.fixture
def edits(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, BEFORE)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["period", "add", "Junta rule", "--start", "2022"],
         "timeline period add: error: TITLE: a period is already titled 'Junta rule';"
         " use 'timeline period set \"Junta rule\"'"),
        (["period", "set", "Transition", "--title", "Junta rule"],
         "timeline period set: error: --title: a period is already titled 'Junta rule';"
         " choose another"),
    ],
    ids=["add", "set"],
)  # fmt: skip
def test_a_title_another_period_has_is_refused(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(argv, capsys) == (2, "", message + "\n")
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_a_period_may_keep_its_own_title_and_take_a_free_one(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["period", "set", "Junta rule", "--title", "Junta rule", "--end", "2022"]
    assert run(argv, capsys) == (0, "events.toml: changed period 'Junta rule'\n", "")
    argv = ["period", "set", "Junta rule", "--title", "Military rule"]
    assert run(argv, capsys) == (0, "events.toml: changed period 'Junta rule'\n", "")
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        'title = "Junta rule"  # the first\nstart = "2021"\n',
        'title = "Military rule"  # the first\nstart = "2021"\nend = "2022"\n',
    )


def test_period_add_dry_run_prints_the_diff(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["period", "add", "Elections", "--start", "2024", "--dry-run"], capsys) == (
        0,
        """\
--- events.toml
+++ events.toml (after timeline period add)
@@ -12,6 +12,10 @@
 title = "Transition"
 start = "2022"
"""
        + " "
        + """
+[[period]]
+title = "Elections"
+start = "2024"
+
 [[event]]
 id = "coup"
 title = "Coup"
""",
        "",
    )
    assert edits.read_text(encoding="utf-8") == BEFORE
