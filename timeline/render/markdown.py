"""Markdown: a table of events and the numbered sources, for documents and wikis.

The table has a column for the date, the event (its title, then its description
in italics, its tags, what each citation says, with its quote and note as a
footnote, and the sources' dates when they disagree), the lane (when any event
shown has one), the certainty and the sources. Periods rule it off: each
period's events are a table of their own under a thematic break and a heading
with the period's title and dates (`presentation.sections`). Every word that is
not the chronology's is translated (`timeline._i18n`).

User text is shown literally, never interpreted: every character that
CommonMark or GitHub-flavoured Markdown gives a meaning to is escaped with a
backslash (a `|` would split the table, `<` open raw HTML, `&` an entity, `$`
math on GitHub, `~` strikethrough, `#` a heading), a leading `-`, `+`, `=` or
`1.` cannot start a list or an underline, "http://" and "www." cannot become
links (GitHub would show their escapes raw), and line breaks become spaces. Text
with right-to-left letters or bidi controls is wrapped in directional isolates,
as in the text renderer, so that it cannot reorder the table's pipes in an
editor nor leak an override into the rest of the row.

Like the text renderer, this module must not import matplotlib.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from timeline._i18n import N_, Translations, translation
from timeline.dates.format import date_label
from timeline.model.timeline import Timeline
from timeline.render import presentation as _present
from timeline.render.citations import citation, claims_text, detail
from timeline.render.layout.textwidth import isolate, words
from timeline.render.marks import Marks, marks
from timeline.render.options import Selection
from timeline.render.presentation import (
    UNDATED,
    Entry,
    Presentation,
    Section,
    clip_note,
    dateline,
)

__all__ = ["escape", "render"]

_SIGNIFICANT = re.compile(r"([\\`*_\[\]<>|~&$#])")
_BLOCK_START = re.compile(r"[-+=]|\d+(?=[.)])")
# GitHub turns "http://…" and "www.…" in plain text into links whose text is
# taken raw, backslashes included; escaping their ":" or "." prevents that.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<![^\W_])(www)(\.)", re.IGNORECASE)
# Percent-encoded in link destinations: what could end the destination or the
# link, or be read as markup, whatever the Markdown implementation.
_URL_UNSAFE = re.compile(r"[\s<>()\\\"'`|\[\]]")


def escape(text: str) -> str:
    """`text` as one line of literal Markdown inline content."""
    text = _SIGNIFICANT.sub(r"\\\1", " ".join(words(text)))
    text = _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else m.group(2) + "\\.", text)
    start = _BLOCK_START.match(text)
    if start is not None:
        if start.group().isdigit():  # "1. x" would start a list: escape the "."
            text = text[: start.end()] + "\\" + text[start.end() :]
        else:
            text = "\\" + text
    return isolate(text)


def _destination(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def render(timeline: Timeline, selection: Selection) -> str:
    """The chronology as Markdown."""
    presentation = _present.present(timeline, selection)
    t = translation(presentation.locale)
    shown = marks(timeline, (entry.file_index for entry in presentation.entries))
    notes: list[str] = []
    banner = [f"**{escape(shown.banner)}**"] if shown.banner else []
    lines = [*banner, ""] if banner else []
    lines += _header(presentation, t) + _tables(presentation, t, notes, shown)
    lines += _sources(presentation, t)
    if notes:
        lines += ["", *notes]
    lines += ["", *banner] if banner else []
    return "\n".join(lines) + "\n"


def _header(presentation: Presentation, t: Translations) -> list[str]:
    lines: list[str] = []
    if words(presentation.title):
        lines += [f"# {escape(presentation.title)}", ""]
    if presentation.subtitle is not None and words(presentation.subtitle):
        lines += [escape(presentation.subtitle), ""]
    line = dateline(presentation, stop=True)
    if line is not None:
        lines += [escape(t.gettext(line[0]).format(date=line[1])), ""]
    if presentation.undated:
        undated = t.ngettext(*UNDATED, presentation.undated).format(n=presentation.undated)
        lines += [escape(undated), ""]
    return lines


def _tables(
    presentation: Presentation, t: Translations, notes: list[str], shown: Marks
) -> list[str]:
    """One table, or one a section when periods rule the chronology off."""
    if not presentation.entries:
        return [escape(t.gettext("No events."))]
    lanes = any(entry.event.lane for entry in presentation.entries)
    new = presentation.new_since is not None
    table = _Table(lanes, new, bool(shown.actors), presentation.locale, t, notes, shown)
    lines: list[str] = []
    for number, section in enumerate(_present.sections(presentation)):
        if number:
            lines += ["", "---", ""]
        if section.period is not None:
            dates = date_label(section.period.span, presentation.locale)
            lines += [f"### {escape(section.period.title)} ({escape(dates)})", ""]
        lines += _table(section, table)
    return lines


class _Table(NamedTuple):
    """What every table of one render needs: which optional columns it has (a lane, a
    "new" and an actors column), its words, the footnotes so far and the marks."""

    lanes: bool
    new: bool
    actors: bool
    locale: str
    t: Translations
    notes: list[str]
    marks: Marks


def _table(section: Section, table: _Table) -> list[str]:
    """One table of the events of `section`."""
    t, locale, notes = table.t, table.locale, table.notes
    headers = [t.gettext("New")] if table.new else []
    headers += [t.gettext("Date"), t.gettext("Event")]
    headers += [t.gettext("Lane")] if table.lanes else []
    headers += [t.gettext("Actors")] if table.actors else []
    headers += [t.gettext("Certainty"), t.gettext("Sources")]
    lines = [
        "| " + " | ".join(escape(header) for header in headers) + " |",
        "|" + " --- |" * len(headers),
    ]
    for entry in section.entries:
        event = entry.event
        row = [escape(t.gettext("NEW")) if entry.new else ""] if table.new else []
        portion = table.marks.portion(entry.file_index)
        mark = f"{escape(portion)} " if portion is not None else ""
        cell = mark + _event(entry, t) + _evidence(entry, locale, t, notes)
        row += [escape(entry.label), cell]
        row += [escape(event.lane or "")] if table.lanes else []
        names = table.marks.names(entry.file_index)
        row += [", ".join(escape(name) for name in names)] if table.actors else []
        references = ", ".join(f"[{number}]" for number in entry.references)
        row += [escape(entry.certainty), references]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _event(entry: Entry, t: Translations) -> str:
    """The event's cell: title, description in italics, tags."""
    event = entry.event
    text = escape(event.title)
    clipped = clip_note(entry)
    if clipped is not None:  # the range shown cuts the event off
        text += " " + escape(t.gettext(clipped).format(date=entry.began or entry.ends or ""))
    if event.description is not None and words(event.description):
        text += f" — *{escape(event.description)}*"
    tags = [" ".join(words(tag)) for tag in event.tags if words(tag)]
    if tags:
        text += " · " + escape(t.gettext("Tags: {tags}").format(tags=", ".join(tags)))
    return text


def _evidence(entry: Entry, locale: str, t: Translations, notes: list[str]) -> str:
    """What each citation says ("[4] Globes, Feb 2022, p. 2 (B2)"), its quote and note a
    footnote (appended to `notes`), then the sources' dates when they disagree."""
    text = ""
    for cited in entry.cited:
        said = detail(cited, locale)
        if said is None:
            continue
        text += f" · {escape(f'[{said.number}] {said.head}')}"
        parts = [t.gettext("“{quote}”").format(quote=said.quote)] if said.quote else []
        parts += [t.gettext("Note: {note}").format(note=said.note)] if said.note else []
        if parts:
            notes.append(f"[^q{len(notes) + 1}]: " + " ".join(escape(part) for part in parts))
            text += f"[^q{len(notes)}]"
    if entry.conflict:
        conflict = t.gettext("Dates differ: {claims}").format(claims=claims_text(entry.claims))
        text += f" · **{escape(conflict)}**"
    return text


def _sources(presentation: Presentation, t: Translations) -> list[str]:
    """The numbered source list: the title is the link when the URL may be one."""
    if not presentation.citations:
        return []
    lines = ["", f"## {escape(t.gettext('Sources'))}", ""]
    for number, key, source in presentation.citations:
        if source is None:
            lines.append(f"{number}. {escape(key)} {escape(t.gettext('(unknown source)'))}")
            continue
        cited = citation(source, presentation.locale, presentation.pins.get(number, (None, None)))
        title = escape(cited.title.text) if cited.title is not None else ""
        stop = cited.title.end if cited.title is not None else ""
        if cited.link is not None:
            parts = [f"[{title or escape(cited.link)}]({_destination(cited.link)}){stop}"]
        else:
            parts = [f"*{title}*{stop}" if title else ""]
        parts += [
            escape(part.text) + part.end
            for part in (cited.publisher, cited.published, cited.at)
            if part
        ]
        if cited.grade is not None:
            graded = N_("Grade {grade}") if cited.credibility else N_("Reliability {grade}")
            parts.append(escape(t.gettext(graded).format(grade=cited.grade) + "."))
        if cited.archive_link is not None:
            archive = f"[{escape(cited.archive_link)}]({_destination(cited.archive_link)})"
            parts.append(f"{escape(t.gettext('archived:'))} {archive}")
        lines.append(f"{number}. " + " ".join(part for part in parts if part))
    return lines
