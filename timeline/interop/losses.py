"""What an export could not carry: counted by kind, worded once, at the edge."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["ExportError", "Exported", "Loss", "Losses"]


class ExportError(Exception):
    """A chronology the format cannot hold at all (Mermaid before the year 1000)."""

    __module__ = "timeline.interop"

    def __init__(self, format: str, message: str) -> None:
        super().__init__(f"{format}: {message}")
        self.format = format
        self.message = message


@attrs.frozen(slots=True)
class Loss:
    """`count` items of one kind the format dropped or flattened; `what` says how
    ("approximate dates exported at their strict bounds", singular for one)."""

    kind: str
    count: int
    what: str

    def __str__(self) -> str:
        return f"{self.count} {self.what}"


@attrs.frozen(slots=True)
class Exported:
    """An export's text and what it lost; `files` are further files beside it
    (a CSV export's sources table), name -> text. A binary format (`pptx`, `docx`)
    has its bytes in `data` and an empty `text`."""

    format: str
    text: str
    losses: tuple[Loss, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    data: bytes | None = None

    @property
    def binary(self) -> bool:
        """Whether the export is bytes (`data`), not text."""
        return self.data is not None

    def content(self) -> bytes:
        """What to write to the file: the bytes of a binary export, else the text in UTF-8."""
        return self.data if self.data is not None else self.text.encode("utf-8")

    def summary(self) -> str | None:
        """One line for the losses ("ics: 3 approximate dates ...; 2 quotes dropped")."""
        if not self.losses:
            return None
        return f"{self.format}: " + "; ".join(map(str, self.losses))


# What an event holds that some formats have no place for, counted by `Losses.fields`.
FIELDS: dict[str, tuple[str, tuple[str, str]]] = {
    "tags": ("tags", ("event's tags dropped", "events' tags dropped")),
    "actors": ("actors", ("event's actors dropped", "events' actors dropped")),
    "relations": ("after", ("event's after/before relations dropped",
                            "events' after/before relations dropped")),
    "descriptions": ("description", ("event's description dropped",
                                     "events' descriptions dropped")),
    "certainty": ("certainty", ("event's certainty dropped", "events' certainty dropped")),
    "key": ("key", ("event's key flag dropped", "events' key flags dropped")),
    "label": ("label", ("event's chart label dropped", "events' chart labels dropped")),
}  # fmt: skip


# The losses several formats have, worded once.
COMMON: dict[str, tuple[str, str]] = {
    "period": ("period dropped", "periods dropped"),
    "subtitle": ("subtitle dropped", "subtitles dropped"),
    "as-of": ("as-of date dropped", "as-of dates dropped"),
    "sources": (
        "source kept as its key only (title, publisher, URL, grade dropped)",
        "sources kept as keys only (titles, publishers, URLs, grades dropped)",
    ),
    "unknown-start": ("event with no known start left out", "events with no known start left out"),
}


class Losses:
    """A tally of losses while exporting, in the order their kinds first occur; `wording`
    gives each kind's words for one and for many (those of `COMMON` and `FIELDS` are
    known)."""

    def __init__(self, wording: dict[str, tuple[str, str]]) -> None:
        fields = {kind: words for kind, (_, words) in FIELDS.items()}
        self.wording = {**COMMON, **fields, **wording}
        self.counts: Counter[str] = Counter()

    def fields(self, events: Iterable[Any], *kinds: str) -> None:
        """Count, for each of `kinds` (keys of FIELDS), the events that hold one."""
        for kind in kinds:
            name = FIELDS[kind][0]
            if kind == "relations":
                self.add(kind, sum(bool(e.after or e.before) for e in events))
            else:
                self.add(kind, sum(bool(getattr(e, name)) for e in events))

    def add(self, kind: str, count: int = 1) -> None:
        if count:
            self.counts[kind] += count

    def extend(self, kinds: Iterable[str]) -> None:
        for kind in kinds:
            self.add(kind)

    def result(self) -> tuple[Loss, ...]:
        return tuple(Loss(k, n, self.wording[k][n != 1]) for k, n in self.counts.items())
