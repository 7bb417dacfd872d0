"""The command line run in-process, as the CLI tests call it."""

from __future__ import annotations

import pytest

from timeline.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`timeline ARGV`'s exit status, standard output and standard error."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err
