"""Reading events.toml into a `Timeline`, with positioned diagnostics.

Loading is two steps: tomli parses the text (its errors carry line and column);
then each table is checked against the format and turned into model objects.
All problems of the second step are collected, not just the first, and raised
together as one `TimelineError`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any, cast

import tomli

from timeline._gc import paused
from timeline._hints import closest, did_you_mean
from timeline.dates.edtf import EdtfError
from timeline.dates.edtf import parse as parse_edtf
from timeline.diagnostics import Diagnostic, Severity
from timeline.errors import TimelineError
from timeline.model.records import (
    CONTROL,
    ID_PATTERN,
    Event,
    FieldError,
    Period,
    Source,
    convert_end,
    convert_start,
    invalid_id,
    parse_date,
    trusted_event,
)
from timeline.model.timeline import Origin, Timeline
from timeline.storage import positions
from timeline.storage.locate import Locator, Path

__all__ = ["load", "loads"]

TOP_KEYS = ("timeline", "sources", "event", "period")
TIMELINE_KEYS = (
    "title", "subtitle", "max_gap", "as_of", "certainty", "lanes", "order", "gaps", "rules",
)  # fmt: skip
SOURCE_KEYS = ("title", "publisher", "url", "published", "reliability", "via")
EVENT_KEYS = (
    "id", "title", "date", "start", "end", "certainty", "sources", "source", "lane", "tags",
    "description", "after", "before",
)  # fmt: skip
PERIOD_KEYS = ("title", "date", "start", "end")

DATE_TYPES = (str, dt.date, dt.datetime)
Kind = tuple[type | tuple[type, ...], str]
TEXT: Kind = (str, "text")
DATE: Kind = (DATE_TYPES, "an EDTF string or a TOML date")
TEXT_LIST: Kind = (list, "an array of text")


def load(path: str | os.PathLike[str]) -> Timeline:
    """Read a chronology file; raise `TimelineError` if it cannot be used."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            raw = file.read()
    except IsADirectoryError:
        raise _fatal(name, "E002", f"cannot read '{name}': it is a directory") from None
    except FileNotFoundError:
        raise _fatal(name, "E002", f"cannot read '{name}': no such file") from None
    except OSError as error:
        raise _fatal(name, "E002", f"cannot read '{name}': {error.strerror}") from None
    return _load_bytes(raw, name, name)


def loads(text: str, name: str = "<string>") -> Timeline:
    """Read a chronology from TOML text; `name` is what diagnostics call it."""
    return _load_bytes(text.encode("utf-8", "surrogatepass"), name, None)


def _fatal(name: str, code: str, message: str, line: int = 1, column: int = 1) -> TimelineError:
    return TimelineError([Diagnostic(name, line, column, Severity.ERROR, code, message)])


def _load_bytes(raw: bytes, name: str, path: str | None) -> Timeline:
    with paused():  # see timeline._gc: loading makes no reference cycles
        return _decode_and_build(raw, name, path)


def _decode_and_build(raw: bytes, name: str, path: str | None) -> Timeline:
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a BOM is valid TOML
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"not UTF-8: byte 0x{body[error.start]:02X} cannot be decoded; save as UTF-8"
        raise _fatal(name, "E003", message, line, column) from None
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = f"invalid TOML: {error.msg[:1].lower()}{error.msg[1:]}"
        raise _fatal(name, "E001", message, error.lineno, error.colno) from None
    return _Builder(name, path, raw, text).build(document)


def _describe(value: object) -> str:
    kinds = {
        bool: "a boolean", int: "an integer", float: "a float", str: "text", list: "an array",
        dict: "a table", dt.datetime: "a date-time", dt.date: "a date", dt.time: "a time",
    }  # fmt: skip
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kinds.get(type(value), type(value).__name__)} ({shown})"


class _Builder:
    def __init__(self, name: str, path: str | None, raw: bytes, text: str) -> None:
        self.name = name
        self.path = path
        self.raw = raw
        self.text = text
        self.locator = Locator(text)
        self.errors: list[Diagnostic] = []

    def error(self, path: Path, code: str, message: str, *, value: bool = False) -> None:
        line, column = self.locator.value(path) if value else self.locator.key(path)
        self.errors.append(Diagnostic(self.name, line, column, Severity.ERROR, code, message))

    def field_error(self, path: Path, error: FieldError) -> None:
        if error.field:
            line, column = self.locator.value((*path, *error.field.split(".")))
            if error.offset is not None:
                column += error.offset + 1  # the offset counts from inside the quotes
        else:
            line, column = self.locator.key(path)
        self.errors.append(
            Diagnostic(self.name, line, column, Severity.ERROR, error.code, error.message)
        )

    def unknown_keys(
        self, path: Path, table: dict[str, Any], known: tuple[str, ...], what: str
    ) -> set[str]:
        """Report keys the format does not know; return the known keys they suggest."""
        suggested = set()
        for key in table:
            if key not in known:
                close = closest(key, known)
                hint = did_you_mean(key, known) if close else f"; known keys: {', '.join(known)}"
                self.error((*path, key), "E010", f"'{key}' is not a key of {what}{hint}")
                if close is not None:
                    suggested.add(close)
        return suggested

    def take(self, path: Path, table: dict[str, Any], key: str, kind: Kind) -> Any:
        """table[key] if present and of the right type; report it otherwise."""
        value: Any = table.get(key)
        if value is None or isinstance(value, kind[0]):
            if kind is TEXT_LIST and value is not None:
                items = cast(list[Any], value)
                for index, item in enumerate(items):
                    if not isinstance(item, str):
                        self.error(
                            (*path, key, index), "E011",
                            f"'{key}' must be an array of text, but item {index + 1} is"
                            f" {_describe(item)}", value=True,
                        )  # fmt: skip
                        return None
            return value
        self.error(
            (*path, key), "E011", f"'{key}' must be {kind[1]}, got {_describe(value)}", value=True
        )
        return None

    def table(
        self, path: Path, document: dict[str, Any], key: str, what: str
    ) -> list[dict[str, Any]]:
        value = document.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(
                (*path, key), "E011", f"'{key}' must be {what}, got {_describe(value)}", value=True
            )
            return []
        return value

    def construct(self, path: Path, factory: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return factory(*args, **kwargs)
        except FieldError as error:
            self.field_error(path, error)
            return None

    def build(self, document: dict[str, Any]) -> Timeline:
        self.unknown_keys((), document, TOP_KEYS, "a chronology file")
        settings = self.settings(document)
        sources = self.sources(document)
        periods = [
            self.period(i, t)
            for i, t in enumerate(self.table((), document, "period", "[[period]] tables"))
        ]
        events = [
            self.event(i, t)
            for i, t in enumerate(self.table((), document, "event", "[[event]] tables"))
        ]
        if self.errors:
            raise TimelineError(sorted(self.errors, key=lambda d: d.sort_key))
        loaded = tuple(e for e in events if e is not None)
        origin = Origin(self.name, self.path, self.raw, self.text, loaded)
        positions.remember(origin, self.locator)
        timeline = self.construct(
            ("timeline",), Timeline, events=loaded, sources=sources,
            periods=[p for p in periods if p is not None], origin=origin, **settings,
        )  # fmt: skip
        if timeline is None:
            raise TimelineError(self.errors)
        assert isinstance(timeline, Timeline)
        return timeline

    def settings(self, document: dict[str, Any]) -> dict[str, Any]:
        path: Path = ("timeline",)
        table = document.get("timeline", {})
        if not isinstance(table, dict):
            self.error(
                path, "E011", f"'timeline' must be a table, got {_describe(table)}", value=True
            )
            return {}
        self.unknown_keys(path, table, TIMELINE_KEYS, "[timeline]")
        settings: dict[str, Any] = {}
        for key, kind in (
            ("title", TEXT), ("subtitle", TEXT), ("max_gap", TEXT), ("as_of", DATE),
            ("certainty", TEXT_LIST), ("lanes", TEXT_LIST), ("order", TEXT), ("gaps", TEXT),
            ("rules", (dict, "a table of CODE = \"off\" | \"note\" | \"warning\" | \"error\"")),
        ):  # fmt: skip
            value = self.take(path, table, key, kind)
            if value is not None:
                settings[key] = value
        if settings.get("certainty") == []:
            self.error(
                (*path, "certainty"), "E018", "'certainty' must list at least one word", value=True
            )
            del settings["certainty"]
        # Check what the Timeline validators would refuse now, to point at the right key.
        probe = self.construct(path, Timeline, **settings)
        return settings if probe is not None else {}

    def sources(self, document: dict[str, Any]) -> dict[str, Source]:
        table = document.get("sources", {})
        if not isinstance(table, dict):
            self.error(
                ("sources",),
                "E011",
                f"'sources' must be a table, got {_describe(table)}",
                value=True,
            )
            return {}
        sources: dict[str, Source] = {}
        for key, entry in table.items():
            path: Path = ("sources", key)
            if not isinstance(entry, dict):
                self.error(
                    path,
                    "E011",
                    f"source '{key}' must be a table, got {_describe(entry)}",
                    value=True,
                )
                continue
            self.unknown_keys(path, entry, SOURCE_KEYS, "a source")
            title = self.take(path, entry, "title", TEXT)
            if title is None:
                if "title" not in entry:
                    self.error(
                        path, "E012", f"source '{key}' has no 'title'; every source needs one"
                    )
                continue
            fields = {
                k: self.take(path, entry, k, DATE if k == "published" else TEXT)
                for k in SOURCE_KEYS[1:]
            }
            source = self.construct(path, Source, key, title, **fields)
            if source is not None:
                sources[key] = source
        return sources

    def period(self, index: int, table: dict[str, Any]) -> Period | None:
        path: Path = ("period", index)
        self.unknown_keys(path, table, PERIOD_KEYS, "a period")
        title = self.take(path, table, "title", TEXT)
        if title is None:
            if "title" not in table:
                self.error(path, "E012", "period has no 'title'; every period needs one")
            return None
        dates = {k: self.take(path, table, k, DATE) for k in ("date", "start", "end")}
        return self.construct(path, Period, title, **dates)  # type: ignore[no-any-return]

    def event(self, index: int, table: dict[str, Any]) -> Event | None:
        fast = _checked_event(table)
        return fast if fast is not None else self.event_with_diagnostics(index, table)

    def event_with_diagnostics(self, index: int, table: dict[str, Any]) -> Event | None:
        path: Path = ("event", index)
        before = len(self.errors)
        # A misspelt key is reported once, as misspelt, not also as missing.
        suggested = self.unknown_keys(path, table, EVENT_KEYS, "an event")
        required = {}
        for key in ("id", "title", "certainty"):
            value = self.take(path, table, key, TEXT)
            if value is None and key not in table and key not in suggested:
                what = f"event '{table['id']}'" if isinstance(table.get("id"), str) else "event"
                self.error(path, "E012", f"{what} has no '{key}'; every event needs one")
            required[key] = value
        if isinstance(required["id"], str):
            # Checked here too so that it is reported beside the other errors of the event.
            problem = invalid_id(required["id"])
            if problem is not None:
                self.error((*path, "id"), "E015", problem, value=True)
        sources = self.take(path, table, "sources", TEXT_LIST)
        source = self.take(path, table, "source", TEXT)
        if source is not None:
            if sources is not None:
                self.error((*path, "source"), "E014", "give either 'source' or 'sources', not both")
            sources = [source]
        elif sources is None and "sources" not in table and not {"source", "sources"} & suggested:
            what = f"event '{table['id']}'" if isinstance(table.get("id"), str) else "event"
            self.error(path, "E012", f"{what} has no 'sources'; every event needs at least one")
        elif sources == []:
            self.error(
                (*path, "sources"),
                "E012",
                "'sources' is empty; every event needs at least one",
                value=True,
            )
        optional = {
            "date": self.take(path, table, "date", DATE),
            "start": self.take(path, table, "start", DATE),
            "end": self.take(path, table, "end", DATE),
            "lane": self.take(path, table, "lane", TEXT),
            "description": self.take(path, table, "description", TEXT),
        }
        for key in ("tags", "after", "before"):
            optional[key] = self.take(path, table, key, TEXT_LIST) or ()
        if len(self.errors) > before:
            return None
        return self.construct(  # type: ignore[no-any-return]
            path,
            Event,
            required["id"],
            required["title"],
            required["certainty"],
            sources,
            **optional,
        )


_EVENT_KEY_SET = frozenset(EVENT_KEYS)
_valid_id = ID_PATTERN.match
_LIST_KEYS = ("sources", "tags", "after", "before")


def _checked_event(table: dict[str, Any]) -> Event | None:
    """The event of a well-formed table, fast; None when anything needs a diagnostic.

    Most files are valid, and this path is what makes loading 100k events cheap:
    a handful of type checks, one control-character search, no attrs validators.
    The slow path (`event_with_diagnostics`) then explains whatever this refused.
    """
    if not table.keys() <= _EVENT_KEY_SET:
        return None
    get = table.get
    id_, title, certainty = get("id"), get("title"), get("certainty")
    lane, description = get("lane"), get("description")
    if type(id_) is not str or type(title) is not str or type(certainty) is not str:
        return None
    if (lane is not None and type(lane) is not str) or _valid_id(id_) is None:
        return None
    lists = []
    for key in _LIST_KEYS:
        value = get(key, ())
        if type(value) is not list and value != ():
            return None
        lists.append(value)
    sources, tags, after, before = lists
    source = get("source")
    if source is not None:
        if sources or type(source) is not str:
            return None
        sources = [source]
    if not sources:
        return None
    try:  # join() also checks that every list item is text
        line = "\t".join([id_, title, certainty, lane or "", *sources, *tags, *after, *before])
    except TypeError:
        return None
    # A tab is allowed anywhere, so the separator cannot itself be reported.
    if "\n" in line or CONTROL.search(line):
        return None
    if description is not None and (type(description) is not str or CONTROL.search(description)):
        return None
    date, start, end = get("date"), get("start"), get("end")
    try:
        if type(date) is str:
            date = parse_edtf(date)
        elif date is not None:
            date = parse_date(date, "date")
        if start is not None:
            start = convert_start(start)
        if end is not None:
            end = convert_end(end)
        return trusted_event(
            id_, title, certainty, tuple(sources), date, start, end, lane, tuple(tags),
            description, tuple(after), tuple(before),
        )  # fmt: skip
    except (EdtfError, FieldError):  # the slow path says what is wrong, and where
        return None
