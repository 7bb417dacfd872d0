"""Diagnostics are data: positioned findings, turned into text only at the edge.

`CODES` is the one catalogue of every code timeline reports, each with a
one-line summary (the wording of the tables of docs/format.md and docs/rules.md;
tests/test_diagnostics.py checks that they agree). A code's letter is its
default severity (E error, W warning, N note); its number says which part of
timeline reports it:

* 001-019: the loader (E00x reading the file, E01x its values),
* 020-029: the structural checks of `Timeline.validate()`,
* 030-039: `save`,
* 040-049: `import` (reading another format; the checks are the loader's),
* 100 and up: the chronology rules.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

__all__ = ["CODES", "Diagnostic", "Severity", "codes_in", "format_diagnostic", "severity_of"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def __str__(self) -> str:
        return self.value


CODES: Mapping[str, str] = MappingProxyType({
    # The loader: the file, then its values.
    "E001": "not valid TOML (position from the TOML parser)",
    "E002": "the file cannot be read (missing, a directory, no permission)",
    "E003": "the file is not UTF-8",
    "E010": "a key the format does not know (with the nearest known key)",
    "E011": "a value of the wrong type",
    "E012": "a required key is missing or empty",
    "E013": "an invalid date",
    "E014": "conflicting keys (`date` with `start`/`end`, `end` without `start`,"
            " `source` with `sources`)",
    "E015": "an invalid event id",
    "E016": "a control character, a lone surrogate, or a line break in a single-line field",
    "E017": "`max_gap` is not an ISO 8601 duration longer than zero",
    "E018": "a setting outside its choices (`order`, `gaps`, `locale`, `markings`, a rule level,"
            " no scale), an actor's `wikidata` that is not an item id,"
            " a citation's `credibility` outside 1-6",
    "E019": "a lane, certainty word, marking level or actor listed twice in `[timeline]`",
    # The structural checks.
    "E020": "a duplicate event id",
    "E021": "an event cites a source key that is not declared",
    "E022": "a certainty word that is not on the scale",
    "E023": "a source URL that is not http or https",
    "E024": "a lane not in `[timeline] lanes`",
    "E025": "a source is `via` an undeclared source",
    "E026": "a reliability that is not an Admiralty grade A–F",
    "E027": "a marking that is not a level of the scheme (`[timeline] markings`)",
    "E028": "an actor key that is not declared under `[actors]`",
    "W020": "the chronology has no events",
    "W021": "a code in `[timeline.rules]` that no check has (a typo would otherwise do nothing)",
    # save.
    "E030": "`save` refused (errors, a conflicting change by another writer, no permission)",
    # import.
    "E040": "an imported file that is not valid CSV, JSON or an xlsx workbook",
    "E041": "an imported spreadsheet with no header it knows (timeline's columns, TimelineJS's)",
    "E042": "an imported event id or source key the chronology already has (without `--update`)",
    "W040": "an imported row skipped (no title or headline)",
    "W041": "an imported calendar event read in part (a repeat rule, a time zone not known)",
    # The chronology rules.
    "E101": "an interval's end is certainly before its start",
    "W101": "an interval's end may be before its start",
    "E102": "an `after` / `before` relation the dates contradict",
    "W102": "an `after` / `before` relation the dates do not establish",
    "E103": "an unknown event id in `after` / `before`",
    "E104": "`after` / `before` relations in a cycle",
    "W105": "an event listed after an event that certainly begins later",
    "W106": "a stretch of time longer than `max_gap` with no event",
    "W107": "an event reported before it happened",
    "W108": "the strongest certainty resting on one original source, or on weak ones only",
    "N109": "a source no event cites",
    "E110": "`via` chains in a cycle",
    "W111": "the strongest certainty on an event that begins after `as_of`",
    "W112": "two events with the same title and overlapping dates",
    "W113": "sources that give an event dates that cannot overlap",
    "W114": "an event dated where a date its source gives cannot be",
    "N115": "a source with a `url` but no `archive` (off by default)",
    "W116": "an event marked lower than a source it cites (classification by compilation)",
    "N117": "an actor no event names",
})  # fmt: skip

_BY_LETTER = {"E": Severity.ERROR, "W": Severity.WARNING, "N": Severity.NOTE}


def severity_of(code: str) -> Severity:
    """A code's default severity, from its letter: E error, W warning, N note.

    The one place that says so: the loader, the structural checks, save and the
    rules all build their diagnostics with it; `[timeline.rules]` may change it
    later. (Every code used is in `CODES`: tests/test_diagnostics.py checks.)
    """
    return _BY_LETTER[code[0]]


def codes_in(first: int, last: int) -> dict[str, str]:
    """The part of `CODES` numbered `first` to `last` (both included), in catalogue order."""
    return {code: summary for code, summary in CODES.items() if first <= int(code[1:]) <= last}


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"Diagnostic.{attribute.name} must be >= 1 (1-based), got {value!r}")


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Diagnostic:
    """One finding about a chronology, pointing at the key or value at fault.

    `line` and `column` are 1-based, as editors and compilers count them.
    """

    file: str
    line: int = attrs.field(validator=_positive)
    column: int = attrs.field(validator=_positive)
    severity: Severity
    code: str
    message: str
    event_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    def __str__(self) -> str:
        return format_diagnostic(self)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "event_ids": list(self.event_ids),
        }


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """The one text form: ``FILE:LINE:COL: severity[CODE]: message``."""
    d = diagnostic
    return f"{d.file}:{d.line}:{d.column}: {d.severity.value}[{d.code}]: {d.message}"
