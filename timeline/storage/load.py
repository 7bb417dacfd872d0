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
from timeline.dates.edtf import parse as parse_edtf
from timeline.diagnostics import Diagnostic, severity_of
from timeline.errors import EdtfError, FieldError, TimelineError
from timeline.model.fields import (
    CONTROL,
    ID_PATTERN,
    convert_date,
    convert_end,
    convert_start,
    invalid_id,
)
from timeline.model.records import Event, Period, Source, trusted_event
from timeline.model.timeline import Origin, Timeline, repeated, repeated_message
from timeline.storage import load_citations, positions
from timeline.storage.load_citations import CITED
from timeline.storage.locate import Locator, Path

__all__ = ["decode", "load", "loads", "read_bytes"]

DATE_TYPES = (str, dt.date, dt.datetime)
Kind = tuple[type | tuple[type, ...], str]
TEXT: Kind = (str, "text")
DATE: Kind = (DATE_TYPES, "an EDTF string or a TOML date")
TEXT_LIST: Kind = (list, "an array of text")
BOOL: Kind = (bool, "true or false")
CITATIONS: Kind = (list, CITED)

TOP_KEYS = ("timeline", "sources", "actors", "event", "period")
TIMELINE_FIELDS: dict[str, Kind] = {
    "title": TEXT, "subtitle": TEXT, "max_gap": TEXT, "as_of": DATE, "certainty": TEXT_LIST,
    "lanes": TEXT_LIST, "order": TEXT, "gaps": TEXT, "locale": TEXT,
    "markings": ((str, list), '"tlp" or an array of levels, lowest first'), "marking": TEXT,
    "portion_marks": BOOL, "actors": TEXT_LIST,
    "rules": (dict, 'a table of CODE = "off" | "note" | "warning" | "error"'),
}  # fmt: skip
SOURCE_FIELDS: dict[str, Kind] = {
    "title": TEXT, "publisher": TEXT, "url": TEXT, "published": DATE, "reliability": TEXT,
    "via": TEXT, "archive": TEXT, "accessed": DATE, "marking": TEXT,
}  # fmt: skip
ACTOR_FIELDS: dict[str, Kind] = {
    "name": TEXT, "kind": TEXT, "aliases": TEXT_LIST, "wikidata": TEXT,
}  # fmt: skip
# The keys of an event table and what each holds: the diagnosing path (`_Builder`) checks
# each with its kind, the fast path (`_checked_event`) takes the same keys and lists.
EVENT_FIELDS: dict[str, Kind] = {
    "id": TEXT, "title": TEXT, "date": DATE, "start": DATE, "end": DATE, "certainty": TEXT,
    "sources": CITATIONS, "source": TEXT, "lane": TEXT, "tags": TEXT_LIST,
    "description": TEXT, "after": TEXT_LIST, "before": TEXT_LIST, "key": BOOL, "label": TEXT,
    "actors": TEXT_LIST, "marking": TEXT,
}  # fmt: skip
PERIOD_FIELDS: dict[str, Kind] = {
    "title": TEXT, "date": DATE, "start": DATE, "end": DATE, "marking": TEXT,
}  # fmt: skip
TIMELINE_KEYS = tuple(TIMELINE_FIELDS)
# The [timeline] keys whose Timeline attribute has another name.
SETTING_NAMES = {"actors": "actor_order"}
SOURCE_KEYS = tuple(SOURCE_FIELDS)
ACTOR_KEYS = tuple(ACTOR_FIELDS)
EVENT_KEYS = tuple(EVENT_FIELDS)
PERIOD_KEYS = tuple(PERIOD_FIELDS)


# Files larger than this are refused before reading: a chronology of 100k events is
# about 25 MB, so this leaves room while `check /dev/zero` or a stray dump cannot
# exhaust memory.
MAX_BYTES = 200 * 1024 * 1024
# Nesting deeper than this (arrays, inline tables) is refused with a position: the
# TOML parser recurses per level and would otherwise overflow Python's stack.
MAX_DEPTH = 100


def load(path: str | os.PathLike[str]) -> Timeline:
    """Read a chronology file; raise `TimelineError` if it cannot be used.

    Only regular files are read (a symlink is followed): a directory, FIFO,
    socket or device is refused before reading, and so is a file over
    `MAX_BYTES`.
    """
    name = os.fspath(path)
    return _load_bytes(read_bytes(name), name, name)


def read_bytes(name: str) -> bytes:
    """The bytes of the regular file `name` (at most `MAX_BYTES`); E002 otherwise. The
    one way timeline reads an input file (events.toml, and what `import` reads)."""
    try:
        with open(name, "rb", opener=_open_regular) as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                limit = MAX_BYTES // (1024 * 1024)
                message = (
                    f"cannot read '{name}': it is {size / 2**20:.0f} MB; the limit is {limit} MB"
                )
                raise _fatal(name, "E002", message)
            return file.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise _fatal(name, "E002", f"cannot read '{name}': it is a directory") from None
    except FileNotFoundError:
        raise _fatal(name, "E002", f"cannot read '{name}': no such file") from None
    except _NotRegular as error:
        raise _fatal(name, "E002", f"cannot read '{name}': it is {error}, not a file") from None
    except OSError as error:
        raise _fatal(name, "E002", f"cannot read '{name}': {error.strerror}") from None


class _NotRegular(OSError):
    pass


def _open_regular(name: str, flags: int) -> int:
    """Open without blocking (a FIFO would wait for a writer forever), then make sure
    it is a regular file before anything is read."""
    import stat

    descriptor = os.open(name, flags | os.O_NONBLOCK)
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        return descriptor
    os.close(descriptor)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(name)
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
    )
    raise _NotRegular(kind)


def loads(text: str, name: str = "<string>") -> Timeline:
    """Read a chronology from TOML text; `name` is what diagnostics call it."""
    return _load_bytes(text.encode("utf-8", "surrogatepass"), name, None)


def _fatal(name: str, code: str, message: str, line: int = 1, column: int = 1) -> TimelineError:
    return TimelineError([Diagnostic(name, line, column, severity_of(code), code, message)])


def _load_bytes(raw: bytes, name: str, path: str | None) -> Timeline:
    with paused():  # see timeline._gc: loading makes no reference cycles
        return _decode_and_build(raw, name, path)


def _decode_and_build(raw: bytes, name: str, path: str | None) -> Timeline:
    text = decode(raw, name)
    try:
        document = tomli.loads(text)
    except RecursionError:
        line, column = _too_deep(text)
        message = f"invalid TOML: nested more than {MAX_DEPTH} levels deep"
        raise _fatal(name, "E001", message, line, column) from None
    except tomli.TOMLDecodeError as error:
        message = f"invalid TOML: {error.msg[:1].lower()}{error.msg[1:]}"
        # tomli may point one past the end of the text ('"\\' gives column 4): a column
        # is at most one past its line's last character.
        lines = text.split("\n")
        at_line = lines[min(error.lineno, len(lines)) - 1]
        column = min(error.colno, len(at_line.rstrip("\r")) + 1)
        raise _fatal(name, "E001", message, error.lineno, column) from None
    return _Builder(name, path, raw, text).build(document)


def decode(raw: bytes, name: str) -> str:
    """`raw` as UTF-8 text without its byte-order mark; E003 at the first bad byte."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a BOM is valid TOML
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"not UTF-8: byte 0x{body[error.start]:02X} cannot be decoded; save as UTF-8"
        raise _fatal(name, "E003", message, line, column) from None


def _too_deep(text: str) -> tuple[int, int]:
    """Where nesting first passes MAX_DEPTH: brackets and braces outside strings
    (a rough scan, used only once the parser has given up)."""
    depth, line, column, quote = 0, 1, 0, ""
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, column
        elif char in "]}":
            depth -= 1
    # No deep brackets: a dotted key that deep ("a.a.a... = 1"); point at the longest.
    lines = text.split("\n")
    dots = [line.split("=", 1)[0].count(".") for line in lines]
    return dots.index(max(dots)) + 1, 1


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
        self.cited: load_citations.Cache = {}  # equal arrays of keys share their citations

    def error(self, path: Path, code: str, message: str, *, value: bool = False) -> None:
        line, column = self.locator.value(path) if value else self.locator.key(path)
        self.errors.append(Diagnostic(self.name, line, column, severity_of(code), code, message))

    def field_error(self, path: Path, error: FieldError) -> None:
        if error.field:
            parts = (int(p) if p.isdigit() else p for p in error.field.split("."))
            line, column = self.locator.value((*path, *parts))
            if error.offset is not None:
                column += error.offset + 1  # the offset counts from inside the quotes
        else:
            line, column = self.locator.key(path)
        severity = severity_of(error.code)
        self.errors.append(Diagnostic(self.name, line, column, severity, error.code, error.message))

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
        if isinstance(value, dict):  # [event] instead of [[event]]: one more would not parse
            message = f"'{key}' must be {what}, got a single table: use [[{key}]], not [{key}]"
            self.error((*path, key), "E011", message)
            return []
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
        sources = self.keyed(document, "sources", SOURCE_FIELDS, Source)
        actors = (
            self.keyed(document, "actors", ACTOR_FIELDS, _actor) if "actors" in document else {}
        )
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
            ("timeline",), Timeline, events=loaded, sources=sources, actors=actors,
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
        for key, kind in TIMELINE_FIELDS.items():
            value = self.take(path, table, key, kind)
            if key == "markings" and isinstance(value, list):
                value = self.take(path, table, key, TEXT_LIST)
            if value is not None:
                settings[key] = value
        if settings.get("certainty") == []:
            self.error(
                (*path, "certainty"), "E018", "'certainty' must list at least one word", value=True
            )
            del settings["certainty"]
        for name in (
            "certainty",
            "lanes",
            "markings",
            "actors",
        ):  # E019 at the repeated item, not the array
            index = repeated(settings.get(name, ()))
            if index is not None:
                repeat = settings.pop(name)[index]
                self.error((*path, name, index), "E019", repeated_message(name, repeat), value=True)
        if settings.get("title") == "":  # only a key written empty: no key is no title
            del settings["title"]
            message = "'title' is empty; give the chronology a title or leave it out"
            self.error((*path, "title"), "E012", message, value=True)
        # Check what the Timeline validators would refuse now, to point at the right key:
        # each setting alone, so that every bad one is reported.
        probe = self.construct
        named = {SETTING_NAMES.get(k, k): v for k, v in settings.items()}
        return {k: v for k, v in named.items() if probe(path, Timeline, **{k: v}) is not None}

    def keyed(
        self, document: dict[str, Any], top: str, fields: dict[str, Kind], factory: Any
    ) -> dict[str, Any]:
        """The `[sources.KEY]` or `[actors.KEY]` tables: the first field is required."""
        table = document.get(top, {})
        if not isinstance(table, dict):
            message = f"'{top}' must be a table, got {_describe(table)}"
            self.error((top,), "E011", message, value=True)
            return {}
        what, (first, *others) = top[:-1], tuple(fields)
        made: dict[str, Any] = {}
        for key, entry in table.items():
            path: Path = (top, key)
            if not isinstance(entry, dict):
                message = f"{what} '{key}' must be a table, got {_describe(entry)}"
                self.error(path, "E011", message, value=True)
                continue
            self.unknown_keys(path, entry, tuple(fields), f"a {what}")
            required = self.take(path, entry, first, TEXT)
            if required is None:
                if first not in entry:
                    message = f"{what} '{key}' has no '{first}'; every {what} needs one"
                    self.error(path, "E012", message)
                continue
            taken = {k: self.take(path, entry, k, fields[k]) for k in others}
            values = {k: v for k, v in taken.items() if v is not None}
            item = self.construct(path, factory, key, required, **values)
            if item is not None:
                made[key] = item
        return made

    def period(self, index: int, table: dict[str, Any]) -> Period | None:
        path: Path = ("period", index)
        self.unknown_keys(path, table, PERIOD_KEYS, "a period")
        title = self.take(path, table, "title", TEXT)
        if title is None:
            if "title" not in table:
                self.error(path, "E012", "period has no 'title'; every period needs one")
            return None
        dates = {k: self.take(path, table, k, PERIOD_FIELDS[k]) for k in PERIOD_KEYS[1:]}
        return self.construct(path, Period, title, **dates)  # type: ignore[no-any-return]

    def event(self, index: int, table: dict[str, Any]) -> Event | None:
        fast = _checked_event(table, self.cited)
        return fast if fast is not None else self.event_with_diagnostics(index, table)

    def event_with_diagnostics(self, index: int, table: dict[str, Any]) -> Event | None:
        path: Path = ("event", index)
        before = len(self.errors)
        # A misspelt key is reported once, as misspelt, not also as missing.
        suggested = self.unknown_keys(path, table, EVENT_KEYS, "an event")
        what = f"event '{table['id']}'" if isinstance(table.get("id"), str) else "event"
        required = {}
        for key in _REQUIRED:
            value = self.take(path, table, key, TEXT)
            if value is None and key not in table and key not in suggested:
                self.error(path, "E012", f"{what} has no '{key}'; every event needs one")
            required[key] = value
        if isinstance(required["id"], str):
            # Checked here too so that it is reported beside the other errors of the event.
            problem = invalid_id(required["id"])
            if problem is not None:
                self.error((*path, "id"), "E015", problem, value=True)
        sources = self.event_sources(path, table, suggested, what)
        optional = {key: self.take(path, table, key, EVENT_FIELDS[key]) for key in _OPTIONAL}
        for key in _LIST_KEYS[1:]:
            optional[key] = self.take(path, table, key, TEXT_LIST) or ()
        if len(self.errors) > before:
            return None
        return self.construct(  # type: ignore[no-any-return]
            path, Event, required["id"], required["title"], required["certainty"], sources,
            **optional,
        )  # fmt: skip

    def event_sources(
        self, path: Path, table: dict[str, Any], suggested: set[str], what: str
    ) -> list[Any] | None:
        """The event's `sources` (or its one `source`), reporting a missing or empty list."""
        sources = self.take(path, table, "sources", CITATIONS)
        source = self.take(path, table, "source", TEXT)
        if source is not None:
            if sources is not None:
                self.error((*path, "source"), "E014", "give either 'source' or 'sources', not both")
            return [source]
        if sources is None and "sources" not in table and not {"source", "sources"} & suggested:
            self.error(path, "E012", f"{what} has no 'sources'; every event needs at least one")
        elif sources == []:
            self.error(
                (*path, "sources"), "E012", "'sources' is empty; every event needs at least one",
                value=True,
            )  # fmt: skip
        elif sources is not None:
            return load_citations.diagnosed(self, (*path, "sources"), sources, what, _describe)
        return sources  # type: ignore[no-any-return]


def _actor(*args: Any, **kwargs: Any) -> Any:
    from timeline.model.actors import Actor  # only for a file with [actors]

    return Actor(*args, **kwargs)


_REQUIRED = ("id", "title", "certainty")
_LIST_KEYS = tuple(k for k, kind in EVENT_FIELDS.items() if kind is TEXT_LIST or kind is CITATIONS)
_OPTIONAL = tuple(key for key in EVENT_KEYS if key not in (*_REQUIRED, *_LIST_KEYS, "source"))
_EVENT_KEY_SET = frozenset(EVENT_KEYS)
_valid_id = ID_PATTERN.match


def _checked_event(table: dict[str, Any], cache: load_citations.Cache) -> Event | None:
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
    flag, label, marking = get("key", False), get("label"), get("marking")
    if (
        type(id_) is not str
        or type(title) is not str
        or type(certainty) is not str
        or type(flag) is not bool
    ):
        return None
    if (lane is not None and type(lane) is not str) or _valid_id(id_) is None:
        return None
    if marking is not None and type(marking) is not str:
        return None
    lists = []
    for key in _LIST_KEYS:
        value = get(key, ())
        if type(value) is not list and value != ():
            return None
        lists.append(value)
    sources, tags, after, before, actors = lists
    cited = _cited(sources, get("source"), cache)
    if cited is None:
        return None
    citations, keys = cited
    try:  # join() also checks that every list item is text
        extra = (label or "", marking or "", *actors)
        line = "\t".join([id_, title, certainty, lane or "", *extra, *keys, *tags, *after, *before])
    except TypeError:
        return None
    # A tab is allowed anywhere, so the separator cannot itself be reported.
    if (
        "\n" in line
        or not title
        or title.isspace()  # E012, from the slow path
        or CONTROL.search(line)
        or (
            description is not None
            and (type(description) is not str or CONTROL.search(description))
        )
    ):
        return None
    date, start, end = get("date"), get("start"), get("end")
    try:
        if type(date) is str and start is None and end is None:
            date = parse_edtf(date)  # the usual event, the quickest way
        else:
            date, start, end = _checked_dates(date, start, end)
        return trusted_event(
            id_, title, certainty, citations, date, start, end, lane, tuple(tags),
            description, tuple(after), tuple(before), key=flag, label=label,
            actors=tuple(actors), marking=marking, keys=keys,
        )  # fmt: skip
    except (EdtfError, FieldError):  # the slow path says what is wrong, and where
        return None


def _cited(sources: list[Any], source: object, cache: load_citations.Cache) -> Any:
    """The citations and keys of `sources` (or of `source = "key"`); None if any is not
    well-formed or there are none."""
    if source is not None:
        sources = _one_source(sources, source)  # type: ignore[assignment]
    return load_citations.checked(sources, cache) if sources else None


def _one_source(sources: list[Any], source: object) -> list[Any] | None:
    """`source = "key"` as `sources`; None when `sources` is given too (or it is not text)."""
    if sources or type(source) is not str:
        return None
    return [source]


def _checked_dates(date: Any, start: Any, end: Any) -> tuple[Any, Any, Any]:
    """date, start and end converted (the common EDTF string the quickest way)."""
    if type(date) is str:
        date = parse_edtf(date)
    elif date is not None:
        date = convert_date(date, "date")
    if start is not None:
        start = convert_start(start)
    if end is not None:
        end = convert_end(end)
    return date, start, end
