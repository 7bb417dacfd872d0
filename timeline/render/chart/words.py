"""The chart's own words (English and French), and text made safe for XML (no matplotlib)."""

from __future__ import annotations

import re

__all__ = ["WORDS", "clean", "words"]

WORDS = {
    "en": {
        "as_of": "as of {date}",
        "sources": "Sources",
        "certainty": "Certainty:",
        "precision": "month / year precision",
        "fuzzy": "approximate (~) or uncertain (?)",
        "open": "ongoing (..)",
        "unknown": "end not known",
        "unlabelled": "{n} of {total} events are not labelled (labels go to the most certain"
        " first).",
        "hover": " Hover over a marker for its title.",
        "other": "Other",
        "empty": "No events to show.",
        "events": "{n} events from {first} to {last}",
        "lanes": "in lanes {names}",
        "cited": "{n} sources are listed below the chart",
    },
    "fr": {
        "as_of": "au {date}",
        "sources": "Sources",
        "certainty": "Certitude :",
        "precision": "précision au mois / à l'année",
        "fuzzy": "approximatif (~) ou incertain (?)",
        "open": "en cours (..)",
        "unknown": "fin inconnue",
        "unlabelled": "{n} événements sur {total} sans étiquette (les plus certains sont"
        " étiquetés d'abord).",
        "hover": " Survolez un repère pour son titre.",
        "other": "Autres",
        "empty": "Aucun événement à afficher.",
        "events": "{n} événements du {first} au {last}",
        "lanes": "dans les voies {names}",
        "cited": "{n} sources sont listées sous le graphique",
    },
}

# Characters XML 1.0 cannot hold (the model already refuses C0/C1 controls).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` with every character XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def words(locale: str) -> dict[str, str]:
    """The chart's words in `locale` (its language; English when not translated)."""
    return WORDS.get(locale.split("_", maxsplit=1)[0], WORDS["en"])
