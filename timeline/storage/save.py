"""Writing a chronology back to TOML without losing a byte of what was there.

A loaded file is never re-serialised: its original bytes are kept and the new
events are appended after them in the canonical form, so comments, key order
and the text of untouched events survive exactly. A timeline built in code
(no file behind it) is written whole in the canonical form. tomlkit formats
the values, so strings are always escaped correctly.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import tomli

from timeline.dates.edtf import EdtfDate, End
from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import TimelineError
from timeline.model import DEFAULT_CERTAINTY, Event, Period, Timeline
from timeline.storage.atomic import atomic_write

if TYPE_CHECKING:
    from tomlkit.items import Table

__all__ = ["atomic_write", "canonical_events", "canonical_text", "save"]


def save(timeline: Timeline, path: str | os.PathLike[str] | None = None) -> None:
    """Write `timeline` to `path` (default: the file it was loaded from), atomically.

    Refuses, writing nothing, when the file changed on disk since it was
    loaded, or when the loaded events were changed rather than appended to.
    """
    origin = timeline.origin
    if path is None:
        if origin is None or origin.path is None:
            raise TypeError("save() needs a path for a timeline that was not loaded from a file")
        path = origin.path
    target = os.fspath(path)
    if origin is None:
        atomic_write(target, canonical_text(timeline).encode("utf-8"))
        return
    loaded = len(origin.events)
    if timeline.events[:loaded] != origin.events:
        raise _refuse(
            target, "the loaded events were changed or removed; save() only appends new events"
        )
    if origin.path is not None and os.path.abspath(target) == os.path.abspath(origin.path):
        try:
            with open(target, "rb") as file:
                current = file.read()
        except FileNotFoundError:
            raise _refuse(target, "the file was deleted since it was loaded") from None
        if current != origin.raw:
            raise _refuse(
                target,
                "the file changed on disk since it was loaded; load it again and redo the change",
            )
    atomic_write(target, appended(origin.raw, timeline.events[loaded:], target))


def appended(raw: bytes, events: tuple[Event, ...], name: str) -> bytes:
    """The original bytes followed by `events` in canonical form."""
    if not events:
        return raw
    text = canonical_events(events)
    separator = (
        b"" if raw.endswith(b"\n\n") or not raw else b"\n" if raw.endswith(b"\n") else b"\n\n"
    )
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    result = raw + separator.replace(b"\n", newline) + text.replace("\n", newline.decode()).encode()
    try:  # the appended tables must not collide with anything in the file
        tomli.loads(result.decode("utf-8-sig"))
    except tomli.TOMLDecodeError as error:
        raise _refuse(name, f"appending would make the file invalid TOML ({error})") from None
    return result


def _refuse(name: str, message: str) -> TimelineError:
    severity = severity_of("E030")
    return TimelineError([Diagnostic(name, 1, 1, severity, "E030", f"not saved: {message}")])


def _date_text(value: Any) -> str:
    return ".." if value is End.OPEN else str(value.text)


def _dated(table: Table, item: Event | Period) -> None:
    if item.date is not None:
        table.add("date", _date_text(item.date))
    else:
        assert isinstance(item.start, EdtfDate)
        table.add("start", _date_text(item.start))
        if item.end is not None:
            table.add("end", _date_text(item.end))


def _event_table(event: Event) -> Table:
    import tomlkit  # only when writing: it costs a fifth of a text render's start-up

    table = tomlkit.table()
    table.add("id", event.id)
    table.add("title", event.title)
    _dated(table, event)
    table.add("certainty", event.certainty)
    table.add("sources", list(event.sources))
    for key in ("lane", "description"):
        value = getattr(event, key)
        if value is not None:
            table.add(key, value)
    for key in ("tags", "after", "before"):
        value = getattr(event, key)
        if value:
            table.add(key, list(value))
    return table


def canonical_events(events: tuple[Event, ...]) -> str:
    """`[[event]]` tables for `events`, one blank line between them."""
    import tomlkit

    return "\n".join(tomlkit.dumps({"event": [_event_table(e)]}) for e in events)


def canonical_text(timeline: Timeline) -> str:
    """The whole chronology in the canonical form of docs/format.md."""
    import tomlkit

    document = tomlkit.document()
    document.add("timeline", _settings_table(timeline))
    if timeline.sources:
        document.add("sources", _sources_table(timeline))
    text = tomlkit.dumps(document)
    for period in timeline.periods:
        table = tomlkit.table()
        table.add("title", period.title)
        _dated(table, period)
        text += "\n" + tomlkit.dumps({"period": [table]})
    if timeline.events:
        text += "\n" + canonical_events(timeline.events)
    return text


def _settings_table(timeline: Timeline) -> Table:
    """[timeline]: the title, then each setting that is not its default."""
    import tomlkit

    settings = tomlkit.table()
    settings.add("title", timeline.title)
    for key in ("subtitle", "max_gap"):
        if getattr(timeline, key) is not None:
            settings.add(key, getattr(timeline, key))
    if timeline.as_of is not None:
        settings.add("as_of", timeline.as_of.text)
    if timeline.certainty != DEFAULT_CERTAINTY:
        settings.add("certainty", list(timeline.certainty))
    if timeline.lanes:
        settings.add("lanes", list(timeline.lanes))
    if timeline.order != "file":
        settings.add("order", timeline.order)
    if timeline.gaps != "all":
        settings.add("gaps", timeline.gaps)
    if timeline.rules:
        settings.add("rules", dict(timeline.rules))
    return settings


def _sources_table(timeline: Timeline) -> Table:
    """[sources.KEY] tables: the title, then the fields that are set."""
    import tomlkit

    sources = tomlkit.table(is_super_table=True)
    for key, source in timeline.sources.items():
        table = tomlkit.table()
        table.add("title", source.title)
        for name in ("publisher", "url", "reliability", "via"):
            if getattr(source, name) is not None:
                table.add(name, getattr(source, name))
        if source.published is not None:
            table.add("published", source.published.text)
        sources.add(key, table)
    return sources
