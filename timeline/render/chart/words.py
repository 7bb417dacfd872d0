"""The chart's own words, translated (`timeline._i18n`), and text made safe for XML
(no matplotlib)."""

from __future__ import annotations

import re

from timeline._i18n import N_, translation

__all__ = ["MESSAGES", "clean", "words"]

# The chart's words by the name the layout uses, in English; `words` translates them.
MESSAGES = {
    "as_of": N_("as of {date}"),
    "known_on": N_("known on {date}"),
    "sources": N_("Sources"),
    "certainty": N_("Certainty:"),
    "precision": N_("month / year precision"),
    "fuzzy": N_("approximate (~) or uncertain (?)"),
    "open": N_("ongoing (..)"),
    "unknown": N_("end not known"),
    "clipped": N_("runs on past the dates shown"),
    "density": N_("events per bin of {span}"),
    "unlabelled": N_(
        "{n} of {total} events have no label (key events are labelled first, then the most"
        " certain)."
    ),
    "other": N_("Other"),
    "no_actor": N_("No actor"),
    "empty": N_("No events to show."),
    "events": N_("{n} events from {first} to {last}"),
    "lanes": N_("in lanes {names}"),
    "cited": N_("{n} sources are listed below the chart"),
    "untitled": N_("Timeline"),
    "key": N_("Numbered events"),
    "more": N_("… and {n} more"),
    "key_after": N_("The {n} numbered events are listed after the chart."),
    "archived": N_("archived:"),
    "new": N_("NEW"),
    "new_since": N_("new since {date}"),
    "claimed": N_("date a source gives, with its footnote number"),
}

# Characters XML 1.0 cannot hold (the model already refuses C0/C1 controls).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with every character XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def words(locale: str) -> dict[str, str]:
    """The chart's words in `locale` (its language; English when not translated)."""
    found = translation(locale)
    return {name: found.gettext(message) for name, message in MESSAGES.items()}
