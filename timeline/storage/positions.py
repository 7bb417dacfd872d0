"""Positions for the rules' diagnostics, read from one event's text at a time."""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable
from itertools import accumulate, repeat

from timeline.diagnostics import Diagnostic, severity_of
from timeline.model.timeline import Origin, Timeline
from timeline.storage.locate import HEADER, Locator, Path, array_item, split_key

__all__ = ["Positions", "diagnostic", "in_file", "locate", "remember"]

# One Locator per loaded file, made on first use (or handed over by the loader, which
# has one already) and dropped with the Origin: the model stays plain data.
_LOCATORS: weakref.WeakKeyDictionary[Origin, Locator] = weakref.WeakKeyDictionary()


def remember(origin: Origin, locator: Locator) -> None:
    """Use `locator` (of `origin.text`) for the positions of `origin`'s timeline."""
    _LOCATORS[origin] = locator


def _locator(origin: Origin) -> Locator:
    locator = _LOCATORS.get(origin)
    if locator is None:
        locator = _LOCATORS[origin] = Locator(origin.text)
    return locator


# Per loaded file: each event id's index in the file (None when ids repeat).
_FILE_INDEX: weakref.WeakKeyDictionary[Origin, dict[str, int] | None] = weakref.WeakKeyDictionary()


def in_file(timeline: Timeline, path: Path) -> Path:
    """`path` with its event index as the file numbers it.

    A timeline derived from a loaded one (an event removed, a `known_at` view) holds
    fewer events than the file: its event `i` is found in the file by its id. An
    event the file does not have keeps an index past the file's events.
    """
    origin = timeline.origin
    if origin is None or len(path) < 2 or path[0] != "event":
        return path
    index = path[1]
    assert isinstance(index, int)
    loaded = origin.events
    events = timeline.events
    if index < len(loaded) and index < len(events) and events[index] is loaded[index]:
        return path
    if index >= len(events):
        return path
    if origin not in _FILE_INDEX:
        ids = {event.id: number for number, event in enumerate(loaded)}
        _FILE_INDEX[origin] = ids if len(ids) == len(loaded) else None
    numbers = _FILE_INDEX[origin]
    if numbers is None:
        return path
    return ("event", numbers.get(events[index].id, len(loaded)), *path[2:])


def locate(timeline: Timeline, path: Path, *, value: bool = False) -> tuple[int, int]:
    """(line, column) of a document path of `timeline`'s file, 1-based.

    A timeline not loaded from a file points at 1:1; an event added after loading
    points past the end of the file, where `save` will append it.
    """
    return _locate(timeline, in_file(timeline, path), value=value)


def _locate(timeline: Timeline, path: Path, *, value: bool) -> tuple[int, int]:
    """`locate` of a path already numbered as the file numbers its events."""
    origin = timeline.origin
    if origin is None:
        return (1, 1)
    locator = _locator(origin)
    if path and path[0] == "event" and len(path) > 1:
        number = path[1]
        assert isinstance(number, int)
        if number >= len(origin.events):
            return locator.end()
    path = _as_written(path, locator.knows)
    return locator.value(path) if value else locator.key(path)


def _as_written(path: Path, knows: Callable[[Path], bool]) -> Path:
    """An event's `sources` (or one of them) as the file writes it: `source = "key"`,
    the one-source form, is where its only item stands."""
    if len(path) < 3 or path[0] != "event" or path[2] != "sources" or knows(path[:3]):
        return path
    written = (*path[:2], "source")
    return written if knows(written) else path


def diagnostic(
    timeline: Timeline,
    path: Path,
    code: str,
    message: str,
    *,
    value: bool = False,
    event_ids: tuple[str, ...] = (),
) -> Diagnostic:
    """A finding about `timeline` at `path`, at its code's default severity."""
    line, column = locate(timeline, path, value=value)
    return Diagnostic(timeline.name, line, column, severity_of(code), code, message, event_ids)


class Positions:
    """Diagnostics for a timeline, positioned without indexing the whole file.

    `locate` indexes every line of the file on first use, which on a
    100k-event file costs twice tomli's parse. An event's keys lie between its
    `[[event]]` header and the next one, so this finds the headers with `str.find`
    and reads just the one event's text: the key's line directly when the event
    holds no multi-line string, else with the same `Locator`. A table above the
    first event (sources) is found in the text above it. When the headers cannot
    be trusted (their count differs from the events loaded, say because a
    multi-line string holds a line '[[event]]'), and for any other path, it uses
    `locate`. tests/test_rules_properties.py checks that both always agree.
    """

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._headers: tuple[list[int], list[int]] | None = None
        self._scanned = False
        self._prefix: Locator | None = None

    def diagnostic(
        self, path: Path, code: str, message: str, event_ids: tuple[str, ...], *, value: bool
    ) -> Diagnostic:
        line, column = self.locate(path, value=value)
        severity = severity_of(code)
        return Diagnostic(self.timeline.name, line, column, severity, code, message, event_ids)

    def locate(self, path: Path, *, value: bool) -> tuple[int, int]:
        origin = self.timeline.origin
        path = in_file(self.timeline, path)
        headers = self._event_headers()
        if origin is None or headers is None or len(path) < 2:
            return _locate(self.timeline, path, value=value)
        if path[0] != "event":
            return self._before_events(path, value=value)
        if len(path) < 3:
            return _locate(self.timeline, path, value=value)
        index, key = path[1], path[2]
        assert isinstance(index, int)
        offsets, lines = headers
        if index >= len(offsets) or not isinstance(key, str):
            return _locate(self.timeline, path, value=value)
        text = origin.text
        start = offsets[index]
        stop = offsets[index + 1] if index + 1 < len(offsets) else len(text)
        found = _key_line(text, start, stop, key)
        if found is None and key == "sources":
            found = _key_line(text, start, stop, "source")
            path = (*path[:2], "source") if found is not None else path
        if found is not None:
            begin = found.start()  # the key's line
            line = lines[index] + text.count("\n", start, begin)
            if not value:
                return (line, found.end(1) - begin + 1)
            if len(path) == 3:
                return (line, found.end() - begin + 1)
            item = path[3]
            if isinstance(item, int):
                column = _item_column(text, begin, found.end(), item)
                if column is not None:
                    return (line, column)
        # The general way: the Locator, on this event's text only.
        local = Locator(text[start:stop])
        inner = _as_written(("event", 0, *path[2:]), local.knows)
        line, column = local.value(inner) if value else local.key(inner)
        return (lines[index] + line - 1, column)

    def _before_events(self, path: Path, *, value: bool) -> tuple[int, int]:
        """A table above the first event (sources usually are) is found in that text."""
        origin = self.timeline.origin
        offsets = self._headers[0] if self._headers is not None else []
        if origin is None or not offsets:
            return _locate(self.timeline, path, value=value)
        if self._prefix is None:
            self._prefix = Locator(origin.text[: offsets[0]])
        if not self._prefix.knows(path[:2]):  # below the events: the whole file
            return _locate(self.timeline, path, value=value)
        return self._prefix.value(path) if value else self._prefix.key(path)

    def _event_headers(self) -> tuple[list[int], list[int]] | None:
        if self._scanned:
            return self._headers
        self._scanned = True
        origin = self.timeline.origin
        if origin is None:
            return None
        text = origin.text
        # The usual file: every '[[' begins a line '[[event]]'. If there are as many as
        # events, none can hide in a multi-line string (each event has its header).
        offsets = [found.start() + 1 for found in _EVENT_LINE.finditer(text)]
        if text.startswith("[[event]]"):
            offsets.insert(0, 0)
        if len(offsets) == len(origin.events) == text.count("[["):
            newlines = map(text.count, repeat("\n"), [0, *offsets[:-1]], offsets)
            self._headers = (offsets, list(accumulate(newlines, initial=1))[1:])
            return self._headers
        self._headers = self._scan(text, len(origin.events))
        return self._headers

    @staticmethod
    def _scan(text: str, events: int) -> tuple[list[int], list[int]] | None:
        """Every line the Locator could take for an event header; None unless there
        are as many as events (then none is inside a multi-line string)."""
        find, rfind, count, match, starts = (
            text.find, text.rfind, text.count, HEADER.match, text.startswith
        )  # fmt: skip
        offsets: list[int] = []
        lines: list[int] = []
        line, previous = 1, 0
        position = find("[[")
        while position >= 0:
            begin = position if position == 0 or text[position - 1] == "\n" else None
            if begin is None:
                begin = rfind("\n", 0, position) + 1
                if text[begin:position].strip(" \t"):
                    begin = None
            if begin is not None and (
                starts("[[event]]", position) or _is_event_header(match(text, begin))
            ):
                line += count("\n", previous, begin)
                previous = begin
                offsets.append(begin)
                lines.append(line)
            position = find("[[", position + 2)
        return (offsets, lines) if len(offsets) == events else None


@functools.lru_cache(maxsize=32)
def _key_pattern(key: str) -> re.Pattern[str]:
    name = re.escape(key)
    return re.compile(rf"^([ \t]*)(?:{name}|\"{name}\"|'{name}')[ \t]*=[ \t]*", re.MULTILINE)


_LINE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_EVENT_LINE = re.compile(r"\n\[\[event\]\]")


def _key_line(text: str, start: int, stop: int, key: str) -> re.Match[str] | None:
    """The line of `key = ` in the event whose text is text[start:stop], or None when
    this cannot be sure to find the line the Locator finds.

    It is sure when the event has no multi-line string and no other table begins
    before the key: then only a multi-line array can span lines, and none of its
    lines can look like `key =` (or like a header) in a file that loaded.
    """
    if text.find('"""', start, stop) >= 0 or text.find("'''", start, stop) >= 0:
        return None
    found = _key_pattern(key).search(text, start, stop)
    if found is None:
        return None
    if _LINE_HEADER.search(text, text.find("\n", start) + 1, found.start()) is not None:
        return None
    return found


def _item_column(text: str, begin: int, position: int, index: int) -> int | None:
    """Column of item `index` of the array at `position`, as the Locator finds it,
    when the array closes on its line; None when it goes on (the Locator follows it)."""
    end = text.find("\n", position)
    found = array_item(text, position, len(text) if end < 0 else end, index, [0, -1])
    if found is None:
        return None
    return (position if found < 0 else found) - begin + 1


def _is_event_header(found: re.Match[str] | None) -> bool:
    return found is not None and found[1] == "[[" and split_key(found[2]) == ("event",)
