"""CSV: one row per event in the project's own columns, and a sources table beside it.

Multi-value cells are `|`-separated (Aeon's convention); dates are EDTF text, so
nothing about a date is lost. A citation becomes its source key: locators,
quotes, claimed dates, credibility and notes do not fit a cell and are counted
as lost; so are periods, actors' details and the `[timeline]` settings (the title,
the scale, the default marking ...).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from timeline.interop.losses import Exported, Losses
from timeline.model.records import Event, Source
from timeline.model.timeline import Timeline

__all__ = ["EVENT_COLUMNS", "SOURCE_COLUMNS", "export_csv", "join_items", "split_items"]

EVENT_COLUMNS = (
    "id", "title", "date", "start", "end", "certainty", "lane", "actors", "tags", "sources",
    "after", "before", "description", "key", "label", "marking",
)  # fmt: skip
SOURCE_COLUMNS = (
    "key", "title", "publisher", "url", "published", "reliability", "via", "archive",
    "accessed", "marking",
)  # fmt: skip
_WORDING = {
    "settings": (
        "setting of [timeline] dropped (the title, scale, lanes, default marking ...)",
        "settings of [timeline] dropped (the title, scale, lanes, default marking ...)",
    ),
    "citation": (
        "citation's details (locator, quote, claimed date, credibility, note) reduced to its key",
        "citations' details (locator, quote, claimed date, credibility, note) reduced to their key",
    ),
    "actor": (
        "actor kept as its key only (name, kind, aliases dropped)",
        "actors kept as keys only (names, kinds, aliases dropped)",
    ),
}


def join_items(items: Iterable[str]) -> str:
    """A list in one cell: items between "|"; a "|" or "\\" inside an item is escaped
    with a backslash, so a tag "a|b" stays one tag (`split_items` reads it back)."""
    return "|".join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_items(cell: str) -> list[str]:
    """The items of a list cell (see `join_items`), stripped, empty ones dropped; a
    backslash escapes only "|" and "\\", so a hand-typed "a\\b" keeps its backslash."""
    items, item, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            item.append(following if following in ("|", "\\") else char + following)
        elif char == "|":
            items.append("".join(item))
            item = []
        else:
            item.append(char)
    items.append("".join(item))
    return [text.strip() for text in items if text.strip()]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, tuple):
        return join_items(value)
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text  # an EDTF date
    if hasattr(value, "value"):
        return str(value.value)  # End: ".." open, "" unknown
    return str(value)


def _event_row(event: Event) -> list[str]:
    values = {name: getattr(event, name, None) for name in EVENT_COLUMNS}
    values["sources"] = event.source_keys
    return [_text(values[name]) for name in EVENT_COLUMNS]


def _source_row(source: Source) -> list[str]:
    return [_text(getattr(source, name)) for name in SOURCE_COLUMNS]


def _table(header: Sequence[str], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: quoted where needed, CRLF line ends
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _settings(timeline: Timeline) -> int:
    """How many [timeline] settings the chronology gives (a CSV has no place for them)."""
    from timeline.storage.splice import settings_items

    return len(settings_items(timeline))


def export_csv(timeline: Timeline, sources_name: str = "sources.csv") -> Exported:
    losses = Losses(_WORDING)
    losses.add("settings", _settings(timeline))
    losses.add("citation", sum(not c.bare for e in timeline.events for c in e.sources))
    losses.add("period", len(timeline.periods))
    losses.add("actor", len(timeline.actors))
    events = _table(EVENT_COLUMNS, map(_event_row, timeline.events))
    sources = _table(SOURCE_COLUMNS, map(_source_row, timeline.sources.values()))
    return Exported("csv", events, losses.result(), ((sources_name, sources),))
