"""The command line's own words: an option named as typed, once; the events a setting
puts in error, each at its line; usage errors before the chronology's diagnostics;
readable examples; `--version`. Exact stdout, stderr and exit status."""

from __future__ import annotations

import itertools
import pathlib
import re

import pytest
from clirun import chronology_here, run

import timeline
from timeline.cli import COMMANDS, main

# A warning (W106: a gap of four years) that a usage error must not print first.
WARNED = """\
[timeline]
title = "Warned"
max_gap = "P1Y"
lanes = ["Talks", "Deals"]

[sources.wire]
title = "Wire"

[[event]]
id = "first"
title = "First"
date = "2020"
certainty = "probable"
lane = "Talks"
sources = ["wire"]

[[event]]
id = "second"
title = "Second"
date = "2025"
certainty = "probable"
lane = "Deals"
sources = ["wire"]

[[event]]
id = "third"
title = "Third"
date = "2025-06"
certainty = "possible"
lane = "Deals"
sources = ["wire"]
"""
SCALE = "confirmed, probable, possible, doubtful, improbable, unknown"


@pytest.fixture
def warned(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, WARNED)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2023-13"],
         "--from: invalid date '2023-13': invalid month '13': expected 01-12 or a season 21-24"),
        (["--new-since", "yesterday"],
         "--new-since: invalid date 'yesterday': expected a date such as 1985-04-12, found"
         " 'yesterday'"),
        (["--min-certainty", "probabel"],
         f"--min-certainty: must be a word of the scale ({SCALE}); got 'probabel'; did you"
         " mean 'probable'?"),
        (["--size", "a5"],
         "--size: must be 'slide', 'a4', 'a4-landscape', 'letter', 'letter-landscape',"
         " WIDTHxHEIGHT in inches, cm or mm such as '10x6' or '25x15cm', or a width alone"
         " such as '8.5' (the height follows the content); got 'a5'"),
        (["--size", "40x1"],
         "--size: '40x1': width must be 3-100 inches and height 2-100 inches"),
        (["--width", "5"], "--width: must be at least 20 columns, got 5"),
        (["--lane", "Talk"],
         "--lane: no lane is named 'Talk'; did you mean 'Talks'? (the lanes: 'Talks', 'Deals')"),
        (["--from", "2026", "--to", "2020"],
         "--from: the range ends before it starts ('2026' to '2020')"),
    ],
)  # fmt: skip
def test_a_render_usage_error_names_the_flag_once_and_comes_first(
    warned: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Before any of the chronology's diagnostics (W106 here), and nothing written."""
    assert run(["render", *argv], capsys) == (2, "", f"timeline render: error: {message}\n")
    assert not (warned.parent / "output").exists()


def test_a_selection_warning_names_the_flag(
    warned: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["render", "--tag", "nope", "--format", "md"], capsys) == (
        0,
        "output/timeline.md\n",
        "events.toml:20:8: warning[W106]: no event for at least 4 years between 'first' (2020)"
        " and 'second' (2025); max_gap is 1 year\n"
        "timeline render: warning: --tag: no event is tagged 'nope'\n"
        "timeline render: warning: the selection: no event matches the selection; nothing is"
        " drawn\n",
    )


def test_a_bad_rule_level_names_the_rule_option(
    warned: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["settings", "--rule", "W108=loud"], capsys) == (
        1,
        "",
        "timeline settings: error[E018]: --rule: rule W108 must be one of 'off', 'note',"
        " 'warning', 'error', got 'loud'\n",
    )
    assert warned.read_text(encoding="utf-8") == WARNED


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--certainty", "high,medium,low"],
         "events.toml:13:13: error[E022]: 'probable' is not a certainty word of this"
         " chronology (the scale is: high, medium, low)\n"
         "events.toml:21:13: error[E022]: 'probable' is not a certainty word of this"
         " chronology (the scale is: high, medium, low)\n"
         "events.toml:29:13: error[E022]: 'possible' is not a certainty word of this"
         " chronology (the scale is: high, medium, low)\n"
         "timeline settings: error[E022]: --certainty: nothing written: 3 events would be in"
         " error (above)\n"),
        (["--lanes", "Talks,Other"],
         "events.toml:22:8: error[E024]: lane 'Deals' is not in [timeline] lanes; did you"
         " mean 'Talks'?\n"
         "events.toml:30:8: error[E024]: lane 'Deals' is not in [timeline] lanes; did you"
         " mean 'Talks'?\n"
         "timeline settings: error[E024]: --lanes: nothing written: 2 events would be in"
         " error (above)\n"),
    ],
)  # fmt: skip
def test_settings_that_put_events_in_error_name_each_event_at_its_line(
    warned: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    for dry_run in ([], ["--dry-run"]):
        assert run(["settings", *argv, *dry_run], capsys) == (1, "", expected)
        assert warned.read_text(encoding="utf-8") == WARNED


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


def test_the_add_examples_are_each_one_command(capsys: pytest.CaptureFixture[str]) -> None:
    examples = _help(["add"], capsys).split("examples:\n", 1)[1]
    assert examples == (
        '  timeline add --id deal-signed --title "Barak MX contract signed" --date 2022-07~ \\\n'
        "      --certainty probable --source reuters --lane Procurement\n"
        '  timeline add --id deal-talks --title "Talks on the deal" --date 2022-05 \\\n'
        "      --certainty possible --source partner --actor morocco --actor iai --marking AMBER\n"
    )


def test_every_example_continues_its_command_with_a_backslash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An example's indented next line follows a `\\`; a line break lost from the source
    shows as a run of spaces inside one line."""
    helps = [[], *([name] for name in COMMANDS), *(
        [table, verb] for table in ("source", "period") for verb in ("add", "set", "remove")
    )]  # fmt: skip
    for argv in helps:
        lines = _help(argv, capsys).split("example", 1)[-1].splitlines()
        for before, line in itertools.pairwise(lines):
            if line.startswith("      --"):
                assert before.endswith("\\"), (argv, before)
            if line.lstrip().startswith("timeline "):
                assert re.search(r"\S {3,}--", line) is None, (argv, line)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr() == (f"timeline {timeline.__version__}\n", "")
    assert timeline.__version__ == "0.2.0"
