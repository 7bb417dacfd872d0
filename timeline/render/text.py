"""Plain text: a vertical chronology for terminals and e-mail.

::

    Title
    Subtitle
    As of 1 Feb 2026

    2020
    ├─● Dec 2020     [confirmed]  Morocco normalises ties with Israel under the
    │                             Abraham Accords [1, 2]
    │
    ┆ no event for at least 1 year 1 month (max_gap 18 months)
    │
    2022
    └─● 2022         [confirmed]  Morocco buys the Barak MX air-defence system
                                  from IAI for $500 million [3]

    Sources
    [1] Title. Publisher, Jan 2026. https://…

The rule is the first column of every line, so nothing a title holds can move
it; titles wrap by display width (`render.layout.textwidth`) under a hanging indent. When
the date and certainty columns leave too little room for titles (a narrow
width), each event's title goes under its date instead. Gaps come from the
gap rule (`timeline.rules.gaps.find_gaps`, what W106 reports), never computed
here, so the text and `timeline check` always agree.

This module must not import matplotlib (nor anything that does): rendering
text has to stay fast enough for the command line.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import NamedTuple

from timeline.dates.edtf import EdtfDate
from timeline.dates.format import date_label, year_label
from timeline.model.timeline import Timeline
from timeline.render import presentation as _present
from timeline.render.citations import Citation, citation
from timeline.render.layout.textwidth import Token, join, text_width, words, wrap
from timeline.render.options import Selection, TextOptions
from timeline.render.presentation import Entry, Presentation
from timeline.rules.gaps import Gap, find_gaps

__all__ = ["MIN_WIDTH", "render"]

from timeline.render.options import MIN_WIDTH

_LABEL_COLUMNS_MIN = 12  # the date column may always be this wide...
_CERTAINTY_COLUMNS_MAX = 16  # ...and the certainty column at most this wide

# Word groups: a run of one group on a line is bidi-isolated as one piece.
_TITLE, _REFERENCES, _LABEL, _CERTAINTY, _PUBLISHER, _DATE, _LINK = range(7)


class Glyphs(NamedTuple):
    rule: str
    branch: str  # the first line of an event
    last: str  # the first line of the last event: the rule ends there
    gap: str
    arrows: tuple[tuple[str, str], ...]  # replacements in date labels

    def label(self, text: str) -> str:
        for old, new in self.arrows:
            text = text.replace(old, new)
        return text


UNICODE = Glyphs("│", "├─● ", "└─● ", "┆", ())
ASCII = Glyphs("|", "+-* ", "`-* ", ":", (("→", "->"), ("…", "..."), ("–", "-"), ("−", "-")))
_INDENT = len(UNICODE.branch)  # the branch is as wide as the rule plus three spaces


def render(timeline: Timeline, selection: Selection, options: TextOptions) -> str:
    """The chronology as plain text, `options.width` display columns wide (default:
    the terminal's); `options.ascii` draws the rule and date arrows in 7-bit characters.
    """
    width = options.width
    if width is None:
        width = max(MIN_WIDTH, shutil.get_terminal_size(fallback=(80, 24)).columns)
    presentation = _present.present(timeline, selection)
    glyphs = ASCII if options.ascii else UNICODE
    gaps = _gaps(timeline, presentation.entries)
    lines = _header(presentation, glyphs, width)
    lines += _body(presentation, gaps, glyphs, width)
    lines += _sources(presentation, glyphs, width)
    return "\n".join(line.rstrip(" ") for line in lines) + "\n"


def _gaps(timeline: Timeline, entries: Sequence[Entry]) -> dict[int, list[str]]:
    """Gap notes by the position of the entry they stand before.

    The gaps are the gap rule's own structured values (`find_gaps`, the same that
    W106 reports), never read back from message text. A gap is shown only when
    both of its events are shown, just before the later one.
    """
    if timeline.rules.get("W106") == "off":  # the gap rule is turned off: no gap notes
        return {}
    position: dict[int, int] = {}
    for index, entry in enumerate(entries):
        position.setdefault(entry.file_index, index)
    notes: dict[int, list[str]] = {}
    for gap in find_gaps(timeline):
        before, after = position.get(gap.before), position.get(gap.after)
        if before is None or after is None or before == after:
            continue
        notes.setdefault(max(before, after), []).append(_gap_note(gap))
    return notes


def _gap_note(gap: Gap) -> str:
    where = f" in lane {gap.lane}" if gap.lane is not None else ""
    note = f"no event for at least {gap.duration}{where} (max_gap {gap.max_gap_words})"
    if gap.open_end:
        note += f"; '{gap.before_id}' has no end date and counts until as_of"
    return note


def _tokens(text: str, group: int) -> list[Token]:
    return [(word, group) for word in words(text)]


def _block(tokens: list[Token], first: str, rest: str, width: int) -> list[str]:
    """`tokens` wrapped after the prefixes `first` and `rest` (of equal display width)."""
    lines = wrap(tokens, width - text_width(first))
    return [(first if n == 0 else rest) + join(line) for n, line in enumerate(lines)]


def _header(presentation: Presentation, glyphs: Glyphs, width: int) -> list[str]:
    lines: list[str] = []
    for text in (presentation.title, presentation.subtitle):
        if text and words(text):
            lines += _block(_tokens(text, _TITLE), "", "", width)
    if presentation.as_of is not None:
        label = glyphs.label(date_label(presentation.as_of, presentation.locale))
        lines += _block([("As", _TITLE), ("of", _TITLE), *_tokens(label, _DATE)], "", "", width)
    return [*lines, ""] if lines else []


def _year(entry: Entry, locale: str) -> tuple[int | None, str]:
    """The year an entry starts in (None when its start is open or unknown), and its heading."""
    span = entry.event.span
    start = span if isinstance(span, EdtfDate) else span.start
    if not isinstance(start, EdtfDate):
        return None, "Undated start"
    return start.year, year_label(start.year, locale)


def _body(
    presentation: Presentation, gaps: dict[int, list[str]], glyphs: Glyphs, width: int
) -> list[str]:
    entries = presentation.entries
    if not entries:
        return ["No events."]
    labels = [glyphs.label(entry.label) for entry in entries]
    certainties = [f"[{entry.event.certainty}]" for entry in entries]
    label_cap = max(_LABEL_COLUMNS_MIN, (width - _INDENT) // 3)
    label_columns = max((w for w in map(text_width, labels) if w <= label_cap), default=0)
    certainty_columns = max(
        (w for w in map(text_width, certainties) if w <= _CERTAINTY_COLUMNS_MAX), default=0
    )
    title_column = _INDENT + label_columns + 2 + certainty_columns + 2
    columnar = width - title_column >= max(30, 2 * width // 5)
    if not columnar:
        title_column = _INDENT

    lines: list[str] = []
    previous: int | str | None = "none yet"
    for index, entry in enumerate(entries):
        year, heading = _year(entry, presentation.locale)
        gap = gaps.get(index, [])
        if gap:
            lines.append(glyphs.rule)
            for text in gap:  # the message may show dates: their arrows follow `ascii` too
                prefix = glyphs.gap + " "
                lines += _block(_tokens(glyphs.label(text), _TITLE), prefix, prefix, width)
            lines.append(glyphs.rule)
        if year != previous:
            if index and not gap:
                lines.append(glyphs.rule)
            lines += _block(_tokens(heading, _TITLE), "", "", width)
            previous = year
        last = index == len(entries) - 1
        first = glyphs.last if last else glyphs.branch
        rest = " " * _INDENT if last else glyphs.rule + " " * (_INDENT - 1)
        title = _tokens(entry.event.title, _TITLE)
        if entry.references:
            # One token: the references move to the next line as a whole.
            title.append((f"[{', '.join(map(str, entry.references))}]", _REFERENCES))
        label, certainty = labels[index], certainties[index]
        label_width, certainty_width = text_width(label), text_width(certainty)
        if columnar and label_width <= label_columns and certainty_width <= certainty_columns:
            head = (
                first
                + join([(label, _LABEL)])
                + " " * (label_columns - label_width + 2)
                + join([(certainty, _CERTAINTY)])
                + " " * (certainty_columns - certainty_width + 2)
            )
            body = wrap(title, width - title_column)
            lines.append(head + join(body[0]))
            body = body[1:]
        else:  # date and certainty on a line of their own, the title under them
            lines += _block(
                [*_tokens(label, _LABEL), *_tokens(certainty, _CERTAINTY)], first, rest, width
            )
            body = wrap(title, width - title_column) if title else []
        indent = rest + " " * (title_column - _INDENT)
        lines += [indent + join(line) for line in body]
    return lines


def _citation_tokens(cited: Citation, glyphs: Glyphs) -> list[Token]:
    tokens = _tokens(cited.title.joined, _TITLE) if cited.title is not None else []
    if cited.publisher is not None:
        tokens += _tokens(cited.publisher.joined, _PUBLISHER)
    if cited.published is not None:
        tokens.append((glyphs.label(cited.published.joined), _DATE))  # kept on one line
    if cited.link is not None:
        tokens += _tokens(cited.link, _LINK)
    return tokens


def _sources(presentation: Presentation, glyphs: Glyphs, width: int) -> list[str]:
    citations = presentation.citations
    if not citations:
        return []
    marker_columns = len(f"[{citations[-1][0]}] ")
    lines = ["", "Sources"]
    for number, key, source in citations:
        tokens: list[Token]
        if source is None:
            tokens = [*_tokens(key, _TITLE), ("(unknown", _LINK), ("source)", _LINK)]
        else:
            tokens = _citation_tokens(citation(source, presentation.locale), glyphs)
        marker = f"[{number}]".ljust(marker_columns)
        lines += _block(tokens, marker, " " * marker_columns, width)
    return lines
