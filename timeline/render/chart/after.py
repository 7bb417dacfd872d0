"""What sources="below" lists after the chart (no matplotlib): the numbered sources,
and the numbered key when the chart's exact page cannot hold it whole.

An SVG or a PNG has one block under the chart, as wide as it and as tall as its
text at full size. A PDF has pages after the chart's: as large as the chart's page
for an exact size (the key's pages first, then the sources'), else one page as tall
as the block.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from timeline.render.chart import key as _key
from timeline.render.chart import notes as _notes
from timeline.render.chart.fonts import Type, type_at
from timeline.render.chart.job import Job
from timeline.render.chart.notes import Caption
from timeline.render.chart.parts import MARGIN
from timeline.render.chart.words import words as _words
from timeline.render.presentation import Entry

__all__ = ["Listing", "listings"]

Numbered = Sequence[tuple[str, int, Entry]]  # number, event index, entry


@attrs.frozen(slots=True)
class Listing:
    """A block or a page of what is listed after the chart."""

    height: float
    sizes: Type
    key_heading: Caption | None
    key: tuple[_key.PlacedEntry, ...]
    heading: Caption | None  # the sources'
    notes: tuple[_notes.PlacedNote, ...]


def listings(job: Job, numbered: Numbered) -> tuple[Listing | None, tuple[Listing, ...]]:
    """The block under an SVG or PNG chart and the pages after a PDF's, of `numbered`
    (the key's entries listed here, maybe none) and, with sources="below", the sources."""
    sources = job.presentation.sources if job.sources == "below" else ()
    if not sources and not numbered:
        return None, ()
    sizes = type_at(1.0)
    width = job.width - 2 * MARGIN
    said = _words(job.presentation.locale)
    presentation = job.presentation

    def notes(shown: _notes.Sources, max_height: float | None = None) -> _notes.Footnotes:
        return _notes.footnotes(
            shown, presentation.locale, job.metrics, width, sizes, max_height=max_height,
            pins=presentation.pins, archived=said["archived"],
        )  # fmt: skip

    def block(key: _key.Key, found: _notes.Footnotes, height: float | None = None) -> Listing:
        gap = MARGIN / 2 if key.height and found.height else 0.0
        height = key.height + gap + found.height + 1.5 * MARGIN if height is None else height
        top = height - MARGIN
        key_heading = Caption(MARGIN, top, said["key"]) if key.height else None
        placed = _key.place_key(key, MARGIN, top) if key.height else ()
        y = top - key.height - gap
        heading = Caption(MARGIN, y, said["sources"]) if found.height else None
        return Listing(height, sizes, key_heading, placed, heading,
                       _notes.place_footnotes(found, MARGIN, y))  # fmt: skip

    def key_of(entries: Numbered, max_height: float | None = None) -> _key.Key:
        return _key.key(entries, job.metrics, sizes, width, max_height=max_height)

    none = notes(())
    whole = block(key_of(numbered), notes(sources))
    if not job.exact:
        return whole, (whole,)
    page, room = job.min_height, job.min_height - 2 * MARGIN
    pages: list[Listing] = []
    rest: Numbered = numbered
    while rest:
        found = key_of(rest, max_height=room)
        kept = max(1, len(found.entries))  # an entry always fits a page: it has 3 lines
        pages.append(block(attrs.evolve(found, more=0) if found.entries else key_of(rest[:1]),
                           none, page))  # fmt: skip
        rest = rest[kept:]
    left = sources
    while left:
        found_notes = notes(left, max_height=room)
        pages.append(block(key_of(()), attrs.evolve(found_notes, more=0), page))
        left = left[len(left) - found_notes.more :] if found_notes.more else ()
    return whole, tuple(pages)
