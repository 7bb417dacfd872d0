"""Reading an event's `sources`: bare keys and citation tables, fast or with diagnostics.

`checked` is the loader's fast path: the citations of a well-formed `sources`
array, or None when anything needs a diagnostic. Bare keys, the common case,
cost one dictionary look-up per event: equal arrays of keys share one tuple of
`Citation` values (they are immutable). `diagnosed` is the slow path: every
problem of every item, positioned at the item or at the citation's key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from timeline.dates.edtf import parse as parse_edtf
from timeline.errors import EdtfError, FieldError
from timeline.model.citations import CITATION_KEYS, CREDIBILITY, Citation, bare, citations
from timeline.model.fields import CONTROL, convert_date
from timeline.storage.locate import Path

__all__ = ["CITED", "Cache", "checked", "diagnosed"]

Cited = tuple[tuple[Citation, ...], tuple[str, ...]]  # the citations and their keys
Cache = dict[tuple[str, ...], Cited]

CITED = "an array of source keys and citation tables"
# What each key of a citation table holds: the type, and how a message words it.
_KINDS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "source": (str, "text"), "date": ((str, dt.date, dt.datetime), "an EDTF string or a TOML date"),
    "at": (str, "text"), "quote": (str, "text"), "credibility": (int, "an integer 1-6"),
    "note": (str, "text"), "marking": (str, "text"),
}  # fmt: skip
_KEY_SET = frozenset(CITATION_KEYS)
_SLOTS = tuple(getattr(Citation, name).__set__ for name in CITATION_KEYS)


def checked(items: list[Any], cache: Cache) -> Cited | None:
    """The citations of `items` (a `sources` array), or None if any item needs a diagnostic."""
    try:
        key = tuple(items)
        found = cache.get(key)
    except TypeError:  # a table: not hashable
        return _with_tables(items)
    if found is not None:
        return found
    for item in key:
        if type(item) is not str:
            return None
    found = cache[key] = (tuple(map(bare, key)), key)
    return found


def _with_tables(items: list[Any]) -> Cited | None:
    made = []
    for item in items:
        if type(item) is str:
            made.append(bare(item))
            continue
        citation = _table(item) if type(item) is dict else None
        if citation is None:
            return None
        made.append(citation)
    return tuple(made), tuple(c.source for c in made)


def _table(table: dict[str, Any]) -> Citation | None:
    """The citation of a well-formed table, without the validators; None otherwise."""
    if not table.keys() <= _KEY_SET:
        return None
    get = table.get
    source, date, at, quote, credibility, note, marking = map(get, CITATION_KEYS)
    if type(source) is not str or (at is not None and type(at) is not str):
        return None
    if marking is not None and type(marking) is not str:
        return None
    line = "\t".join(t for t in (source, at, marking) if t is not None)
    if "\n" in line or CONTROL.search(line):
        return None
    for text in (quote, note):
        if text is not None and (type(text) is not str or CONTROL.search(text)):
            return None
    if credibility is not None and (type(credibility) is not int or credibility not in CREDIBILITY):
        return None
    try:
        if type(date) is str:
            date = parse_edtf(date)
        elif date is not None:
            date = convert_date(date, "date")
    except (EdtfError, FieldError):
        return None
    citation: Citation = object.__new__(Citation)
    values = (source, date, at, quote, credibility, note, marking)
    for setter, value in zip(_SLOTS, values, strict=True):
        setter(citation, value)
    return citation


class Reporter(Protocol):
    """What the loader's diagnosing path offers (timeline.storage.load._Builder)."""

    def error(self, path: Path, code: str, message: str, *, value: bool = False) -> None: ...

    def unknown_keys(
        self, path: Path, table: dict[str, Any], known: tuple[str, ...], what: str
    ) -> set[str]: ...

    def construct(self, path: Path, factory: Any, *args: Any, **kwargs: Any) -> Any: ...


def diagnosed(
    reporter: Reporter, path: Path, items: list[Any], what: str, describe: Any
) -> list[Citation] | None:
    """The citations of `items`, the `sources` array at `path` of `what` ("event 'x'");
    None after reporting what is wrong with any of them (`describe` words a value)."""
    made: list[Citation] = []
    failed = False
    for index, item in enumerate(items):
        where = (*path, index)
        if isinstance(item, dict):
            citation = _diagnosed_table(
                reporter, where, item, f"citation {index + 1} of {what}", describe
            )
        elif isinstance(item, str):
            citation = reporter.construct(path, _bare_key, item, index)
        else:
            reporter.error(
                where, "E011",
                f"'sources' must be {CITED}, but item {index + 1} is {describe(item)}",
                value=True,
            )  # fmt: skip
            citation = None
        if citation is None:
            failed = True
        else:
            made.append(citation)
    return None if failed else made


def _bare_key(key: str, index: int) -> Citation:
    """A bare key as a citation; its problems name `sources` (the key the file writes)."""
    try:
        return citations(key)[0]
    except FieldError as error:  # at the item: `field` is the index
        raise FieldError(str(index), error.code, error.message, error.offset) from None


def _diagnosed_table(
    reporter: Reporter, path: Path, table: dict[str, Any], what: str, describe: Any
) -> Citation | None:
    # A misspelt key is reported once, as misspelt, not also as missing.
    suggested = reporter.unknown_keys(path, table, CITATION_KEYS, "a citation")
    bad = not table.keys() <= _KEY_SET
    fields: dict[str, Any] = {}
    for key, (kind, wording) in _KINDS.items():
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, kind) or (key == "credibility" and isinstance(value, bool)):
            message = f"'{key}' must be {wording}, got {describe(value)}"
            reporter.error((*path, key), "E011", message, value=True)
            bad = True
            continue
        fields[key] = value
    if "source" not in table and "source" not in suggested:
        reporter.error(path, "E012", f"{what} has no 'source'; every citation needs one")
        bad = True
    source = fields.pop("source", "")
    # Each field alone, so that every bad one is reported, at its own key.
    for key, value in fields.items():
        bad |= reporter.construct(path, Citation, "", **{key: value}) is None
    if bad or "source" not in table:
        return None
    return reporter.construct(path, Citation, source, **fields)  # type: ignore[no-any-return]
