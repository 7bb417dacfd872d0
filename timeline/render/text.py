"""Plain text: a vertical chronology for terminals and e-mail.

::

    Title
    Subtitle
    As of 1 Feb 2026

    2020
    ├─● Dec 2020     [confirmed]  Morocco normalises ties with Israel under the
    │                             Abraham Accords [1, 2]
    │                             Lane: Diplomacy · Tags: abraham-accords
    │                             The description, wrapped under the title.
    │
    ┆ no event for at least 1 year 1 month (max_gap 18 months)
    │
    ══ Cooperation slowed by the Gaza war · Oct 2023 → ~Oct 2025 ══════════════
    2023
    └─● 2023         [confirmed]  Morocco buys the Barak MX air-defence system
                                  from IAI for $500 million [3]

    Sources
    [1] Title. Publisher, Jan 2026. Reliability B. https://…

The rule is the first column of every line, so nothing a title holds can move
it; titles wrap by display width (`render.layout.textwidth`) under a hanging indent. When
the date and certainty columns leave too little room for titles (a narrow
width), each event's title goes under its date instead. An event's lane, tags
and description follow its title, at the title's indent. Periods rule the
chronology off into sections (`presentation.sections`): a double rule with the
period's title and dates opens one, a bare double rule ends it when the events
after it are in no period. A URL is never cut: a line holding one may be wider
than `width` (a URL broken over two lines would not work once copied). Gaps come
from the gap rule (`timeline.rules.gaps.find_gaps`, what W106 reports), never
computed here, so the text and `timeline check` always agree.

Every word that is not the chronology's is translated (`timeline._i18n`). With
`ascii`, every character is 7-bit: the rule, the arrows and the text itself are
transliterated (`render.ascii`).

This module must not import matplotlib (nor anything that does): rendering
text has to stay fast enough for the command line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from timeline._i18n import N_, Translations, language, translation
from timeline._terminal import columns
from timeline.dates.edtf import EdtfDate
from timeline.dates.format import date_label, describe_duration, gap_words, year_label
from timeline.model.records import Period
from timeline.model.timeline import Timeline
from timeline.render import presentation as _present
from timeline.render.ascii import transliterate
from timeline.render.ascii import url as ascii_url
from timeline.render.citations import Citation, citation, claims_text, detail
from timeline.render.layout.textwidth import Token, join, text_width, words, wrap
from timeline.render.marks import Marks, marks
from timeline.render.options import MIN_WIDTH, Selection, TextOptions
from timeline.render.presentation import UNDATED, Entry, Presentation, clip_note, dateline
from timeline.rules.gaps import Gap, find_gaps

__all__ = ["MIN_WIDTH", "render"]

_LABEL_COLUMNS_MIN = 12  # the date column may always be this wide...
_CERTAINTY_COLUMNS_MAX = 16  # ...and the certainty column at most this wide

# Word groups: a run of one group on a line is bidi-isolated as one piece.
_TITLE, _REFERENCES, _LABEL, _CERTAINTY, _PUBLISHER, _DATE, _LINK, _WORDS = range(8)


class Glyphs(NamedTuple):
    rule: str
    branch: str  # the first line of an event
    last: str  # the first line of the last event: the rule ends there
    gap: str
    section: str  # the double rule of a period
    text: Callable[[str], str]  # every text shown: as is, or in 7-bit ASCII
    url: Callable[[str], str]  # a link: as is, or encoded in 7-bit ASCII


def _as_is(text: str) -> str:
    return text


UNICODE = Glyphs("│", "├─● ", "└─● ", "┆", "═", _as_is, _as_is)
ASCII = Glyphs("|", "+-* ", "`-* ", ":", "=", transliterate, ascii_url)
_INDENT = len(UNICODE.branch)  # the branch is as wide as the rule plus three spaces
_QUOTE_INDENT = 4  # a citation's quote and note, under the citation
_WORD = re.compile("[^ \t\n\r\u2028\u2029]+")  # what `textwidth.words` splits into


class _Out(NamedTuple):
    """What every part of one render needs: its glyphs, width, words and locale."""

    glyphs: Glyphs
    width: int
    words: Translations
    locale: str
    marks: Marks = Marks()

    def tokens(self, text: str, group: int) -> list[Token]:
        return [(word, group) for word in words(self.glyphs.text(text))]

    def phrase(
        self, message: str, groups: dict[str, int] | None = None, **values: str
    ) -> list[Token]:
        """The translation of `message` (marked `N_` where it is written), its {fields}
        filled from `values`, as tokens: a word that holds (part of) a field's value is
        in the field's group (from `groups`, else _TITLE), any other in _WORDS."""
        text, fields = "", []
        for literal, field in _template(self.locale, message):
            text += literal
            if field is not None:
                fields.append((len(text), len(text) + len(values[field]), field))
                text += values[field]
        tokens: list[Token] = []
        for word in _WORD.finditer(text):
            group = next(
                ((groups or {}).get(name, _TITLE) for start, end, name in fields
                 if start < word.end() and word.start() < end),
                _WORDS,
            )  # fmt: skip
            tokens.append((self.glyphs.text(word.group()), group))
        return tokens


@functools.lru_cache(maxsize=256)
def _template(locale: str, message: str) -> tuple[tuple[str, str | None], ...]:
    """The translation of `message` cut into (literal text, the field after it), as
    string.Formatter().parse cuts "{name}" fields (the catalogues use no other kind)."""
    pieces = _FIELD.split(translation(locale).gettext(message))
    fields: list[str | None] = [*pieces[1::2], None]
    return tuple(pair for pair in zip(pieces[::2], fields, strict=True) if pair != ("", None))


# A message's "{name}" field.
_FIELD = re.compile(r"\{(\w+)\}")


def render(timeline: Timeline, selection: Selection, options: TextOptions) -> str:
    """The chronology as plain text, `options.width` display columns wide (default:
    the terminal's); `options.ascii` keeps every character 7-bit.
    """
    width = options.width
    if width is None:
        width = max(MIN_WIDTH, columns())
    presentation = _present.present(timeline, selection)
    glyphs = UNICODE
    if options.ascii:  # spelt as the reader's language spells it in ASCII
        spell = functools.partial(transliterate, language=language(presentation.locale))
        glyphs = ASCII._replace(text=spell)
    shown = marks(timeline, (entry.file_index for entry in presentation.entries))
    out = _Out(glyphs, width, translation(presentation.locale), presentation.locale, shown)
    gaps = _gaps(timeline, presentation.entries, out)
    banner = _block(out.tokens(shown.banner, _WORDS), "", "", width) if shown.banner else []
    lines = [*banner, ""] if banner else []
    lines += _header(presentation, out)
    lines += _body(presentation, gaps, out)
    lines += _sources(presentation, out)
    lines += ["", *banner] if banner else []
    return "\n".join(line.rstrip(" ") for line in lines) + "\n"


def _gaps(timeline: Timeline, entries: Sequence[Entry], out: _Out) -> dict[int, list[list[Token]]]:
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
    notes: dict[int, list[list[Token]]] = {}
    for gap in find_gaps(timeline):
        before, after = position.get(gap.before), position.get(gap.after)
        if before is None or after is None or before == after:
            continue
        notes.setdefault(max(before, after), []).append(_gap_note(timeline, gap, out))
    return notes


def _gap_note(timeline: Timeline, gap: Gap, out: _Out) -> list[Token]:
    duration, limit = gap.duration, gap.max_gap_words
    if out.locale != "en":
        duration = gap_words(gap.start, gap.end, out.locale)
        max_gap = timeline.max_gap_duration
        assert max_gap is not None
        limit = describe_duration(max_gap, out.locale)
    if gap.lane is None:
        message = N_("no event for at least {duration} (max_gap {max_gap})")
    else:
        message = N_("no event for at least {duration} in lane {lane} (max_gap {max_gap})")
    note = out.phrase(message, duration=duration, max_gap=limit, lane=gap.lane or "")
    if gap.open_end:
        note += out.phrase(N_("; '{id}' has no end date and counts until as_of"), id=gap.before_id)
    return note


def _block(tokens: list[Token], first: str, rest: str, width: int) -> list[str]:
    """`tokens` wrapped after the prefixes `first` and `rest` (of equal display width)."""
    lines = wrap(tokens, width - text_width(first))
    return [(first if n == 0 else rest) + join(line) for n, line in enumerate(lines)]


def _header(presentation: Presentation, out: _Out) -> list[str]:
    lines: list[str] = []
    for text in (presentation.title, presentation.subtitle):
        if text and words(text):
            lines += _block(out.tokens(text, _TITLE), "", "", out.width)
    line = dateline(presentation)
    if line is not None:
        tokens = out.phrase(line[0], {"date": _DATE}, date=line[1])
        lines += _block(tokens, "", "", out.width)
    if presentation.undated:
        undated = out.words.ngettext(*UNDATED, presentation.undated)
        lines += _block(
            out.tokens(undated.format(n=presentation.undated), _WORDS), "", "", out.width
        )
    return [*lines, ""] if lines else []


def _year(entry: Entry, out: _Out) -> tuple[int | None, str]:
    """The year an entry starts in (None when its start is open or unknown), and its heading."""
    span = entry.event.span
    start = span if isinstance(span, EdtfDate) else span.start
    if not isinstance(start, EdtfDate):
        return None, out.words.gettext("Undated start")
    return start.year, year_label(start.year, out.locale)


class _Columns(NamedTuple):
    labels: list[str]
    certainties: list[str]
    label: int  # columns of the date
    certainty: int  # columns of the certainty word
    title: int  # the column titles start at
    columnar: bool  # date, certainty and title side by side (else the title under them)


def _columns(presentation: Presentation, out: _Out) -> _Columns:
    entries, width = presentation.entries, out.width
    labels = [out.glyphs.text(entry.label) for entry in entries]
    certainties = [f"[{out.glyphs.text(entry.certainty)}]" for entry in entries]
    label_cap = max(_LABEL_COLUMNS_MIN, (width - _INDENT) // 3)
    label_columns = max((w for w in map(text_width, labels) if w <= label_cap), default=0)
    certainty_columns = max(
        (w for w in map(text_width, certainties) if w <= _CERTAINTY_COLUMNS_MAX), default=0
    )
    title_column = _INDENT + label_columns + 2 + certainty_columns + 2
    columnar = width - title_column >= max(30, 2 * width // 5)
    return _Columns(
        labels, certainties, label_columns, certainty_columns,
        title_column if columnar else _INDENT, columnar,
    )  # fmt: skip


def _body(presentation: Presentation, gaps: dict[int, list[list[Token]]], out: _Out) -> list[str]:
    entries = presentation.entries
    if not entries:
        return _block(out.phrase(N_("No events.")), "", "", out.width)
    columns = _columns(presentation, out)
    glyphs = out.glyphs
    lines: list[str] = []
    previous: int | str | None = "none yet"
    index = 0
    for section in _present.sections(presentation):
        for number, entry in enumerate(section.entries):
            year, heading = _year(entry, out)
            gap = gaps.get(index, [])
            if gap:
                lines.append(glyphs.rule)
                prefix = glyphs.gap + " "
                for note in gap:
                    lines += _block(note, prefix, prefix, out.width)
                lines.append(glyphs.rule)
            ruled = number == 0 and (index > 0 or section.period is not None)
            if ruled:
                if index and not gap:
                    lines.append(glyphs.rule)
                lines += _section(section.period, out)
            if year != previous or ruled:
                if index and not gap and not ruled:
                    lines.append(glyphs.rule)
                lines += _block(out.tokens(heading, _TITLE), "", "", out.width)
                previous = year
            lines += _entry(entry, index, index == len(entries) - 1, columns, out)
            index += 1
    return lines


def _section(period: Period | None, out: _Out) -> list[str]:
    """The double rule that opens a period's section, or ends one (`period` None)."""
    rule = out.glyphs.section
    if period is None:
        return [rule * out.width]
    dates = date_label(period.span, out.locale)
    tokens = [
        *out.tokens(period.title, _TITLE),
        *out.tokens("·", _WORDS),
        *out.tokens(dates, _DATE),
    ]
    lines = _block(tokens, rule * 2 + " ", "   ", out.width - 3)
    return [*lines[:-1], lines[-1] + " " + rule * max(2, out.width - text_width(lines[-1]) - 1)]


def _entry(entry: Entry, index: int, last: bool, columns: _Columns, out: _Out) -> list[str]:
    """The lines of one event: date, certainty and title, then lane, tags and description."""
    glyphs, width = out.glyphs, out.width
    first = glyphs.last if last else glyphs.branch
    rest = " " * _INDENT if last else glyphs.rule + " " * (_INDENT - 1)
    title = out.tokens(entry.event.title, _TITLE)
    if entry.new:  # first reported after the selection's new_since
        title[:0] = out.phrase(N_("NEW"))
    portion = out.marks.portion(entry.file_index)
    if portion is not None:  # portion_marks: the event's own level
        title[:0] = out.tokens(portion, _WORDS)
    if entry.references:
        # One token: the references move to the next line as a whole.
        title.append((f"[{', '.join(map(str, entry.references))}]", _REFERENCES))
    label, certainty = columns.labels[index], columns.certainties[index]
    label_width, certainty_width = text_width(label), text_width(certainty)
    lines: list[str] = []
    if columns.columnar and label_width <= columns.label and certainty_width <= columns.certainty:
        head = (
            first
            + join([(label, _LABEL)])
            + " " * (columns.label - label_width + 2)
            + join([(certainty, _CERTAINTY)])
            + " " * (columns.certainty - certainty_width + 2)
        )
        body = wrap(title, width - columns.title)
        lines.append(head + join(body[0]))
        body = body[1:]
    else:  # date and certainty on a line of their own, the title under them
        lines += _block(
            [*out.tokens(label, _LABEL), *out.tokens(certainty, _CERTAINTY)], first, rest, width
        )
        body = wrap(title, width - columns.title) if title else []
    indent = rest + " " * (columns.title - _INDENT)
    lines += [indent + join(line) for line in body]
    for tokens in _details(entry, out):
        lines += [indent + join(line) for line in wrap(tokens, width - columns.title)]
    for tokens, deeper in _evidence(entry, out):
        inner = indent + " " * deeper
        lines += [inner + join(line) for line in wrap(tokens, width - text_width(inner))]
    return lines


def _evidence(entry: Entry, out: _Out) -> list[tuple[list[Token], int]]:
    """What the event's citations say (each with its quote and note, further in), and
    the sources' dates when they disagree: (tokens, extra indent) a paragraph."""
    paragraphs: list[tuple[list[Token], int]] = []
    for cited in entry.cited:
        said = detail(cited, out.locale)
        if said is None:
            continue
        head = [(f"[{said.number}]", _REFERENCES), *out.tokens(said.head, _TITLE)]
        paragraphs.append((head, 0))
        if said.quote is not None:
            paragraphs.append((out.phrase(N_("“{quote}”"), quote=said.quote), _QUOTE_INDENT))
        if said.note is not None:
            paragraphs.append((out.phrase(N_("Note: {note}"), note=said.note), _QUOTE_INDENT))
    if entry.conflict:
        claims = claims_text(entry.claims)
        paragraphs.append((out.phrase(N_("Dates differ: {claims}"), claims=claims), 0))
    return paragraphs


def _details(entry: Entry, out: _Out) -> list[list[Token]]:
    """The lane and tags of an event (one line), then each paragraph of its description."""
    event = entry.event
    facts: list[Token] = []
    clipped = clip_note(entry)
    if clipped is not None:  # the range shown cuts the event off
        facts += out.phrase(clipped, date=entry.began or entry.ends or "")
    if event.lane is not None and words(event.lane):
        facts += out.tokens("·", _WORDS) if facts else []
        facts += out.phrase(N_("Lane: {lane}"), lane=event.lane)
    shown = [tag for tag in event.tags if words(tag)]
    if shown:
        tags = ", ".join(" ".join(words(tag)) for tag in shown)
        facts += out.tokens("·", _WORDS) if facts else []
        facts += out.phrase(N_("Tags: {tags}"), tags=tags)
    paragraphs = [facts] if facts else []
    actors = out.marks.names(entry.file_index)
    if actors:
        names = ", ".join(" ".join(words(name)) for name in actors)
        paragraphs.append(out.phrase(N_("Actors: {actors}"), actors=names))
    if event.description is not None:
        for paragraph in event.description.replace("\r\n", "\n").split("\n\n"):
            if words(paragraph):
                paragraphs.append(out.tokens(paragraph, _TITLE))
    return paragraphs


def _citation_tokens(cited: Citation, out: _Out) -> list[Token]:
    tokens = out.tokens(cited.title.joined, _TITLE) if cited.title is not None else []
    if cited.publisher is not None:
        tokens += out.tokens(cited.publisher.joined, _PUBLISHER)
    if cited.published is not None:
        tokens.append((out.glyphs.text(cited.published.joined), _DATE))  # kept on one line
    if cited.at is not None:
        tokens += out.tokens(cited.at.joined, _TITLE)
    if cited.grade is not None:
        graded = N_("Grade {grade}") if cited.credibility else N_("Reliability {grade}")
        tokens += out.phrase(graded, grade=cited.grade + ".")
    if cited.link is not None:
        tokens += [(out.glyphs.url(word), _LINK) for word in words(cited.link)]
    if cited.archive_link is not None:
        tokens += out.phrase(N_("archived:"))
        tokens += [(out.glyphs.url(word), _LINK) for word in words(cited.archive_link)]
    return tokens


def _sources(presentation: Presentation, out: _Out) -> list[str]:
    citations = presentation.citations
    if not citations:
        return []
    marker_columns = len(f"[{citations[-1][0]}] ")
    lines = ["", *_block(out.phrase(N_("Sources")), "", "", out.width)]
    for number, key, source in citations:
        tokens: list[Token]
        if source is None:
            tokens = [*out.tokens(key, _TITLE), *out.phrase(N_("(unknown source)"))]
        else:
            pin = presentation.pins.get(number, (None, None))
            tokens = _citation_tokens(citation(source, presentation.locale, pin), out)
        marker = f"[{number}]".ljust(marker_columns)
        lines += _block(tokens, marker, " " * marker_columns, out.width)
    return lines
