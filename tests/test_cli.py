"""The command line: exact stdout, stderr and exit status."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from clirun import chronology_here, run

import timeline
from timeline import Diagnostic, Timeline
from timeline.cli import main

ROOT = pathlib.Path(__file__).parent.parent
SMALL = """\
# keep me
[timeline]
title = "Small"

[sources.wire]
title = "Wire"

[[event]]
id = "first"
title = "First"
date = "2020"
certainty = "probable"
sources = ["wire"]
"""


@pytest.fixture
def small(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, SMALL)


def test_module_entry_point_checks_the_bundled_chronology() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "check"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "9 events, 0 errors, 0 warnings\n",
        "",
    )


def test_check_verbose_prints_the_summary(
    small: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = (
        "1 event, 0 errors, 0 warnings\n"
        "no max_gap in [timeline]: the gap rule (W106) did not run\n"
        "no as_of in [timeline]: the as_of rule (W111) did not run\n"
        'off by default: N115 (turn it on with [timeline.rules] N115 = "note")\n'
    )
    assert run(["check", "--verbose"], capsys) == (0, expected, "")


@pytest.mark.parametrize(
    ("settings", "event", "expected"),
    [
        (
            'max_gap = "P1Y"\norder = "any"\n[timeline.rules]\nW112 = "off"\nE999 = "off"\n',
            "",
            "events.toml:9:1: warning[W021]: [timeline.rules] sets 'E999', which is not a code"
            " of timeline\n1 event, 0 errors, 1 warning\n"
            "no as_of in [timeline]: the as_of rule (W111) did not run\n"
            'order = "any" in [timeline]: the file-order rule (W105) did not run\n'
            "off in [timeline.rules]: W112\n"
            'off by default: N115 (turn it on with [timeline.rules] N115 = "note")\n',
        ),
        (
            "",
            'lane = "Nowhere"\n',
            "events.toml:15:8: error[E024]: lane 'Nowhere' is not in [timeline] lanes\n"
            "1 event, 1 error, 0 warnings\n"
            "the chronology rules (E101-N115) did not run: fix the errors above first\n",
        ),
    ],
    ids=["settings", "structural-error"],
)
def test_check_verbose_says_which_rules_did_not_run(
    small: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    settings: str,
    event: str,
    expected: str,
) -> None:
    text = SMALL.replace('title = "Small"\n', f'title = "Small"\nlanes = ["Here"]\n{settings}')
    small.write_text(text + event, encoding="utf-8")
    status = 1 if "error[" in expected else 0
    assert run(["check", "--verbose"], capsys) == (status, expected, "")


def test_check_json(small: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    small.write_text(SMALL.replace('"wire"]', '"wire", "nope"]'), encoding="utf-8")
    status, out, err = run(["check", "--format", "json"], capsys)
    assert (status, err) == (1, "")
    assert json.loads(out) == [
        {
            "file": "events.toml",
            "line": 13,
            "column": 20,
            "severity": "error",
            "code": "E021",
            "message": "event 'first' cites 'nope', which is not a source of this chronology",
            "event_ids": ["first"],
        }
    ]


def test_check_strict_fails_on_warnings(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.toml"
    path.write_text('[timeline]\ntitle = "Empty"\n', encoding="utf-8")
    expected = (
        f"{path}:1:1: warning[W020]: the chronology has no events\n0 events, 0 errors, 1 warning\n"
    )
    assert run(["check", str(path)], capsys) == (0, expected, "")
    assert run(["check", "--strict", str(path)], capsys) == (1, expected, "")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check", "--no-such-option"])
    assert raised.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run([], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("usage: timeline")


def test_add_appends_and_keeps_the_file(
    small: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["add", "--id", "second", "--title", "Second", "--date", "2021-05~", "--certainty",
            "probable", "--source", "wire", "--after", "first", "--tag", "t"]  # fmt: skip
    assert run(argv, capsys) == (0, "events.toml: added event 'second'\n", "")
    assert small.read_text(encoding="utf-8") == SMALL + (
        '\n[[event]]\nid = "second"\ntitle = "Second"\ndate = "2021-05~"\n'
        'certainty = "probable"\nsources = ["wire"]\ntags = ["t"]\nafter = ["first"]\n'
    )
    assert run(["check"], capsys) == (0, "2 events, 0 errors, 0 warnings\n", "")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--id", "first", "--date", "2021"],
         "timeline add: error[E020]: --id: duplicate id 'first':"
         " the event at line 9 already uses it"),
        (["--id", "x", "--date", "2021-13"],
         "timeline add: error[E013]: --date: invalid date '2021-13' in 'date': invalid month"
         " '13':"
         " expected 01-12 or a season 21-24"),
        (["--id", "Bad", "--date", "2021"],
         "timeline add: error[E015]: --id: invalid id 'Bad': use lower-case letters, digits,"
         " '-' and '_', starting with a letter or digit"),
        (["--id", "x", "--date", "2021", "--end", "2022"],
         "timeline add: error[E014]: --end: event 'x' has both 'date' and 'end'; give one"),
        (["--id", "x", "--date", "2021", "--source", "wier"],
         "timeline add: error[E021]: --source: event 'x' cites 'wier', which is not a source of"
         " this chronology; did you mean 'wire'?"),
    ],
)  # fmt: skip
def test_add_refuses_an_invalid_event_and_writes_nothing(
    small: pathlib.Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    argv = ["add", "--title", "T", "--certainty", "probable", "--source", "wire", *extra]
    assert run(argv, capsys) == (1, "", message + "\n")
    assert small.read_text(encoding="utf-8") == SMALL


def test_add_to_a_missing_file(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.toml"
    argv = ["add", "--id", "x", "--title", "T", "--date", "2020", "--certainty", "probable",
            "--source", "wire", str(missing)]  # fmt: skip
    assert run(argv, capsys) == (
        1,
        "",
        f"{missing}:1:1: error[E002]: cannot read '{missing}': no such file\n",
    )


def test_add_keeps_a_hand_edit_made_meanwhile(
    small: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the file between `add`'s load and its save: both changes are kept."""
    validate = Timeline.validate
    edited: list[bool] = []

    def edit_then_validate(self: Timeline) -> list[Diagnostic]:
        if not edited:
            edited.append(True)
            small.write_text(SMALL + "# edited by hand\n", encoding="utf-8")
        return validate(self)

    monkeypatch.setattr(Timeline, "validate", edit_then_validate)
    argv = ["add", "--id", "second", "--title", "Second", "--date", "2021",
            "--certainty", "probable", "--source", "wire"]  # fmt: skip
    assert run(argv, capsys) == (0, "events.toml: added event 'second'\n", "")
    text = small.read_text(encoding="utf-8")
    assert text.startswith(SMALL + "# edited by hand\n")
    assert [e.id for e in timeline.load(small).events] == ["first", "second"]


def test_add_inserts_in_date_order_and_prints_what_the_event_brings(
    small: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older event goes before the newer one (no W105), and its own warning is shown
    at the line it now has; exit status 0."""
    argv = ["add", "--id", "older", "--title", "Older", "--date", "2019",
            "--certainty", "confirmed", "--source", "wire"]  # fmt: skip
    assert run(argv, capsys) == (
        0,
        "events.toml: added event 'older'\n"
        "events.toml:12:13: warning[W108]: 'older' is confirmed but uncorroborated: its only"
        " source is 'wire'\n",
        "",
    )
    assert [e.id for e in timeline.load(small).events] == ["older", "first"]
