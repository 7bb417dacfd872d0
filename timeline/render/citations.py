"""The citation of a source, decided once: which parts, in which order, with
which punctuation. Every renderer builds its source list from these parts and
only escapes, wraps and links them in its own way::

    Title. Publisher, Mar 2024, p. 2. https://example.org/a

(and the grade, which each renderer words: "Reliability B", "Grade B2"; and the
archived copy, "archived: https://web.archive.org/…").

A blank title or publisher is left out; the publisher ends with a comma when a
date follows and with a full stop otherwise, and so does the date before a
locator; a part that already ends a sentence ("…?", "Inc.") gets no second stop.
`link` is the URL only when the one URL policy (`timeline._urls.web_url`) lets it
be a link, `archive_link` likewise.

The grade is the Admiralty pair: the source's reliability letter and the
citation's credibility digit ("B2"); "B" without a credibility, "?2" without a
reliability.

`detail` is what one event's citation says, shown under the event::

    [4] Globes, Feb 2022, p. 2 (B2)     and its quote and note

and `claims_text` the line of an event whose sources disagree on its date:
"Globes Feb 2022 [4]; Le Monde ~Nov 2021 [9]".
"""

from __future__ import annotations

import attrs

from timeline._urls import web_url
from timeline.dates.format import date_label
from timeline.model.records import Source
from timeline.render.layout.textwidth import words
from timeline.render.presentation import Cited, Claim, source_name

__all__ = ["Citation", "Detail", "Part", "citation", "claims_text", "detail", "grade", "plain"]

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
    grade: str | None  # the Admiralty grade ("B", "B2"), when recorded
    at: Part | None = None  # the locator ("p. 2")
    archive: str | None = None  # the archived copy, as written
    archive_link: str | None = None  # the archived copy when it may be a link
    credibility: bool = False  # the grade has the citation's credibility digit

    @property
    def parts(self) -> tuple[Part, ...]:
        """Title, publisher, date and locator, those that are there, in order."""
        parts = (self.title, self.publisher, self.published, self.at)
        return tuple(p for p in parts if p is not None)


def grade(reliability: str | None, credibility: int | None) -> str | None:
    """The Admiralty grade: "B2", "B" (no credibility), "?2" (no reliability), or None."""
    letter = reliability if reliability and words(reliability) else None
    if credibility is None:
        return letter
    return f"{letter or '?'}{credibility}"


def _stop(text: str) -> str:
    return "" if text.endswith(_ENDS_SENTENCE) else "."


def citation(
    source: Source, locale: str, pin: tuple[str | None, int | None] = (None, None)
) -> Citation:
    """The parts of `source`'s citation at `pin` (its locator and credibility), with
    dates worded for `locale`."""
    at_text, credibility = pin
    title = Part(source.title, _stop(source.title)) if words(source.title) else None
    at = Part(at_text, _stop(at_text)) if at_text is not None and words(at_text) else None
    published = None
    if source.published is not None:
        label = date_label(source.published, locale)
        published = Part(label, "," if at is not None else _stop(label))
    publisher = None
    if source.publisher is not None and words(source.publisher):
        end = "," if published is not None or at is not None else _stop(source.publisher)
        publisher = Part(source.publisher, end)
    link = source.url if web_url(source.url) else None
    archive = source.archive if source.archive and words(source.archive) else None
    archive_link = archive if archive is not None and web_url(archive) else None
    graded = grade(source.reliability, credibility)
    return Citation(
        title, publisher, published, source.url, link, graded, at, archive, archive_link,
        credibility is not None,
    )  # fmt: skip


@attrs.frozen(slots=True)
class Detail:
    """What one event's citation says: "[4] Globes, Feb 2022, p. 2 (B2)", then its quote
    and the analyst's note."""

    number: int
    head: str  # the source's name, the date it gives, the locator and the grade
    quote: str | None
    note: str | None


def detail(cited: Cited, locale: str) -> Detail | None:
    """The detail of a citation that says more than its key, else None."""
    said = cited.citation
    if said.bare:
        return None
    head = source_name(said.source, cited.source)
    if said.date is not None:
        head += ", " + date_label(said.date, locale)
    if said.at is not None and words(said.at):
        head += ", " + " ".join(words(said.at))
    reliability = cited.source.reliability if cited.source is not None else None
    graded = grade(reliability, said.credibility) if said.credibility is not None else None
    if graded is not None:
        head += f" ({graded})"
    quote = said.quote if said.quote is not None and words(said.quote) else None
    note = said.note if said.note is not None and words(said.note) else None
    return Detail(cited.number, head, quote, note)


def claims_text(claims: tuple[Claim, ...]) -> str:
    """ "Globes Feb 2022 [4]; Le Monde ~Nov 2021 [9]": what each source says the date is."""
    return "; ".join(f"{claim.name} {claim.label} [{claim.number}]" for claim in claims)


def plain(cited: Citation) -> str:
    """A citation on one plain line, for formats without markup (a calendar's
    description, a slide's notes): 'Globes, "Morocco buys…", Feb 2022, p. 2 (B2). URL'."""
    parts = [p.text for p in (cited.publisher,) if p is not None]
    if cited.title is not None:
        parts.append(f"“{cited.title.text}”")
    parts += [p.text for p in (cited.published, cited.at) if p is not None]
    text = ", ".join(parts)
    if cited.grade is not None:
        text += f" ({cited.grade})"
    text += "."
    if cited.url is not None and words(cited.url):
        text += f" {cited.url}"
    if cited.archive is not None:
        text += f" archived: {cited.archive}"
    return text
