"""Hostile input: arbitrary text never makes `loads` raise anything but TimelineError,
and every diagnostic points inside the text it is about."""

from __future__ import annotations

import pathlib

from hypothesis import example, given
from hypothesis import strategies as st

import timeline

VALID = (pathlib.Path(__file__).parent.parent / "events.toml").read_text(encoding="utf-8")
LINES = VALID.splitlines(keepends=True)
FRAGMENTS = [
    '"', "'", '"""', "[", "]", "[[event]]\n", "[sources.x]\n", "=", "\n", "\\u0000", "#",
    'date = "', 'start = "2023"\n', 'end = ".."\n', "2020-13", "2004?-06", "~", "?", "/", "..",
    "id = ", "title = ", "after = [", 'certainty = "confirmed"\n', "{", "}", ",", "\t", "\ufeff",
    "é", "😀", "\u202e", "-1985", "Y170000002", "1985-04-12T23:20:30+04:30", "2020-02-30",
]  # fmt: skip


def check(text: str) -> None:
    try:
        loaded = timeline.loads(text, name="fuzz.toml")
    except timeline.TimelineError as error:
        diagnostics = list(error.diagnostics)
        assert diagnostics
    else:
        diagnostics = loaded.validate()
        timeline.render_text(loaded, width=60)
        timeline.render_markdown(loaded)
    lines = text.removeprefix("\ufeff").split("\n")
    for diagnostic in diagnostics:
        assert diagnostic.file == "fuzz.toml"
        assert 1 <= diagnostic.line <= len(lines), diagnostic
        assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic


@given(st.text())
@example('"\\')  # tomli points one past the end of the text
def test_arbitrary_text(text: str) -> None:
    check(text)


@given(st.lists(st.tuples(st.integers(0, len(LINES)), st.sampled_from(FRAGMENTS)), max_size=6))
def test_mutated_chronology(edits: list[tuple[int, str]]) -> None:
    """The bundled chronology with fragments inserted at line starts: reaches deep code."""
    lines = list(LINES)
    for index, fragment in edits:
        lines.insert(index, fragment)
    check("".join(lines))


@given(st.text(max_size=40))
def test_arbitrary_date_strings(text: str) -> None:
    offset = 0
    try:
        timeline.parse_date(text)
    except timeline.EdtfError as error:
        offset = error.offset
    assert 0 <= offset <= len(text)
