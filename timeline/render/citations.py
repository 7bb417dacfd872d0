"""The citation of a source, decided once: which parts, in which order, with
which punctuation. Every renderer builds its source list from these parts and
only escapes, wraps and links them in its own way::

    Title. Publisher, Mar 2024. https://example.org/a

(and the source's reliability grade, which each renderer words: "reliability B").

A blank title or publisher is left out; the publisher ends with a comma when a
date follows and with a full stop otherwise; a part that already ends a
sentence ("…?", "Inc.") gets no second stop. `link` is the URL only when the
one URL policy (`timeline._urls.web_url`) lets it be a link.
"""

from __future__ import annotations

import attrs

from timeline._urls import web_url
from timeline.dates.format import date_label
from timeline.model.records import Source
from timeline.render.layout.textwidth import words

__all__ = ["Citation", "Part", "citation"]

_ENDS_SENTENCE = (".", "!", "?", "…")


@attrs.frozen(slots=True)
class Part:
    """One part of a citation: its text as written and the punctuation after it."""

    text: str
    end: str

    @property
    def joined(self) -> str:
        return self.text + self.end


@attrs.frozen(slots=True)
class Citation:
    title: Part | None
    publisher: Part | None
    published: Part | None
    url: str | None  # as written, whatever it is
    link: str | None  # the URL when it may be a link
    grade: str | None  # the source's reliability (an Admiralty grade, "B"), when recorded

    @property
    def parts(self) -> tuple[Part, ...]:
        """Title, publisher and date, those that are there, in order."""
        return tuple(p for p in (self.title, self.publisher, self.published) if p is not None)


def _stop(text: str) -> str:
    return "" if text.endswith(_ENDS_SENTENCE) else "."


def citation(source: Source, locale: str) -> Citation:
    """The parts of `source`'s citation, with dates worded for `locale`."""
    title = Part(source.title, _stop(source.title)) if words(source.title) else None
    published = None
    if source.published is not None:
        label = date_label(source.published, locale)
        published = Part(label, _stop(label))
    publisher = None
    if source.publisher is not None and words(source.publisher):
        end = "," if published is not None else _stop(source.publisher)
        publisher = Part(source.publisher, end)
    link = source.url if web_url(source.url) else None
    grade = source.reliability if source.reliability and words(source.reliability) else None
    return Citation(title, publisher, published, source.url, link, grade)
