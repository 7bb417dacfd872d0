"""A citation: which source an event rests on, and what that source says.

In events.toml an event's `sources` holds bare keys (`"nap"`) and tables
(`{ source = "globes", date = "2022-02", at = "p. 2", credibility = 2 }`); the
model holds both as `Citation` values, a bare key being a citation without
details. `citations` is the converter of `Event.sources`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from timeline._hints import did_you_mean
from timeline.dates.edtf import Date
from timeline.errors import FieldError
from timeline.model.fields import DateInput, check_line, check_text, convert_date

__all__ = [
    "CITATION_KEYS",
    "CREDIBILITY",
    "Citation",
    "CitationInput",
    "bare",
    "citations",
    "credibility_problem",
]

# Admiralty (NATO STANAG 2511) information credibility: 1 confirmed by other sources,
# 2 probably true, 3 possibly true, 4 doubtfully true, 5 improbable, 6 cannot be judged.
CREDIBILITY = range(1, 7)
CITATION_KEYS = ("source", "date", "at", "quote", "credibility", "note", "marking")


def _convert_claim(value: DateInput | None) -> Date | None:
    return None if value is None else convert_date(value, "date")


def credibility_problem(value: object) -> FieldError | None:
    """What is wrong with `value` as a citation's credibility (E011, E018), or None."""
    if value is None or (type(value) is int and value in CREDIBILITY):
        return None
    if type(value) is not int:
        return FieldError(
            "credibility", "E011", f"'credibility' must be an integer 1-6, got {value!r}"
        )
    return FieldError(
        "credibility",
        "E018",
        f"'credibility' must be an Admiralty information credibility 1-6, got {value}",
    )


def _check_credibility(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    problem = credibility_problem(value)
    if problem is not None:
        raise problem


@attrs.frozen(slots=True)
class Citation:
    """One source an event cites: its key and, optionally, what it says and where.

    `date` is the date this source gives (any EDTF date or interval), `at` the
    locator (page, paragraph, timestamp, exhibit), `quote` its words (may span
    lines), `credibility` the Admiralty information credibility 1-6, `note` the
    analyst's remark, `marking` its handling level (see `timeline.model.markings`).
    """

    source: str = attrs.field(validator=check_line)
    date: Date | None = attrs.field(default=None, converter=_convert_claim, kw_only=True)
    at: str | None = attrs.field(default=None, validator=check_line, kw_only=True)
    quote: str | None = attrs.field(default=None, validator=check_text, kw_only=True)
    credibility: int | None = attrs.field(default=None, validator=_check_credibility, kw_only=True)
    note: str | None = attrs.field(default=None, validator=check_text, kw_only=True)
    # The handling level of what this citation adds (its quote, its locator): withheld
    # from a release below it even when its source is releasable.
    marking: str | None = attrs.field(default=None, validator=check_line, kw_only=True)

    @property
    def bare(self) -> bool:
        """Whether this is a key and nothing more (written as a bare string)."""
        return (
            self.date is None
            and self.at is None
            and self.quote is None
            and self.credibility is None
            and self.note is None
            and self.marking is None
        )


CitationInput = str | Citation | Mapping[str, Any]

_SLOTS = tuple(getattr(Citation, field.name).__set__ for field in attrs.fields(Citation))


def bare(key: str) -> Citation:
    """The citation of a bare key, already checked (the loader's fast path)."""
    citation: Citation = object.__new__(Citation)
    set_source, *others = _SLOTS
    set_source(citation, key)
    for setter in others:
        setter(citation, None)
    return citation


def _citation(value: object) -> Citation:
    if isinstance(value, Citation):
        return value
    if isinstance(value, str):
        try:
            return Citation(value)
        except FieldError as error:  # a bare key: its problems name the event's field
            message = error.message.replace("'source'", "'sources'", 1)
            raise FieldError("sources", error.code, message, error.offset) from None
    if isinstance(value, Mapping):
        for key in value:
            if key not in CITATION_KEYS:
                hint = did_you_mean(str(key), CITATION_KEYS) or (
                    f"; known keys: {', '.join(CITATION_KEYS)}"
                )
                raise FieldError("sources", "E010", f"'{key}' is not a key of a citation{hint}")
        if "source" not in value:
            raise FieldError("sources", "E012", "a citation needs a 'source'")
        return Citation(**value)
    raise FieldError(
        "sources", "E011", f"a citation must be a source key or a table, got {value!r}"
    )


def citations(value: CitationInput | Iterable[CitationInput]) -> tuple[Citation, ...]:
    """`Event.sources`: a key, a mapping, a Citation, or a list of these."""
    if isinstance(value, str | Citation | Mapping):
        return (_citation(value),)
    return tuple(_citation(item) for item in value)
