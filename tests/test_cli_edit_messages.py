"""A refused option is named by its flag, once, with what was expected and the value:
never by the library's field name (`max_gap`, `as_of`, `size`)."""

from __future__ import annotations

import pathlib

import pytest
from clirun import chronology_here

from timeline.cli import main
from timeline.cli.output import said

FILE = """\
[timeline]
title = "Messages"

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
def chronology(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, FILE)


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["settings", "--max-gap", "18M"], 1,
         "timeline settings: error[E017]: --max-gap: must be an ISO 8601 duration such as"
         " 'P18M', got '18M'"),
        (["settings", "--max-gap", "P0D"], 1,
         "timeline settings: error[E017]: --max-gap: must be a duration longer than zero such"
         " as 'P18M', got 'P0D'"),
        (["settings", "--as-of", "x"], 1,
         "timeline settings: error[E013]: --as-of: invalid date 'x': expected a date such as"
         " 1985-04-12, found 'x'"),
        (["settings", "--as-of", "2020/2021"], 1,
         "timeline settings: error[E013]: --as-of: must be a single date, got '2020/2021'"),
        (["settings", "--locale", "xx"], 1,
         "timeline settings: error[E018]: --locale: must be one of bg, cs, da, de, en, en_gb,"
         " en_us, es, fa, fo, fr, gu, he, hi, id, it, ja, ko, lt, nb, nl, nn, pl, pt_br, ru,"
         " sk, sv, tr, uk, zh, got 'xx'"),
        (["serve", "--size", "a5"], 2,
         "timeline serve: error: --size: must be 'slide', 'a4', 'a4-landscape', 'letter',"
         " 'letter-landscape', WIDTHxHEIGHT in inches, cm or mm such as '10x6' or '25x15cm',"
         " or a width alone such as '8.5' (the height follows the content); got 'a5'"),
    ],
    ids=["max-gap", "max-gap-zero", "as-of", "as-of-interval", "locale", "serve-size"],
)  # fmt: skip
def test_a_refused_value_is_named_by_its_flag_once(
    chronology: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int,
    message: str,
) -> None:  # fmt: skip
    assert main(argv) == status
    assert capsys.readouterr() == ("", message + "\n")
    assert chronology.read_text(encoding="utf-8") == FILE


@pytest.mark.parametrize(
    ("option", "message", "flag", "shown"),
    [
        ("date_from", "date_from: invalid date 'x': bad", None, "--from: invalid date 'x': bad"),
        ("size", "size must be 'a4'; got 'a5'", None, "--size: must be 'a4'; got 'a5'"),
        ("max_gap", "'max_gap' must be a duration, got 'x'", "--max-gap",
         "--max-gap: must be a duration, got 'x'"),
        ("as_of", "invalid date 'x' in 'as_of': bad", "--as-of", "--as-of: invalid date 'x': bad"),
        # the file's key, typed as the flag, stays
        ("date", "invalid date 'x' in 'date': bad", "--date",
         "--date: invalid date 'x' in 'date': bad"),
        # the name that starts a message goes, whatever follows it
        ("title", "'title' is blank; give one", "--title", "--title: is blank; give one"),
    ],
)  # fmt: skip
def test_said_turns_the_library_wording_into_the_flags(
    option: str, message: str, flag: str | None, shown: str
) -> None:
    assert said(option, message, flag) == shown
