"""The command line run in-process, as the CLI tests call it, and the chronology it finds."""

from __future__ import annotations

import pathlib

import pytest

from timeline.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`timeline ARGV`'s exit status, standard output and standard error."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def chronology_here(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> pathlib.Path:
    """`text` as ./events.toml, in `tmp_path` made the working directory: the file a
    command finds when it is given none."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.toml"
    path.write_text(text, encoding="utf-8")
    return path
