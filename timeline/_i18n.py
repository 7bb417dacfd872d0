"""The locales a render may ask for, and the message catalogues of the reader's words.

Every word a reader sees that is not theirs (headings, "as of", the legend, the
certainty words of the default scale, seasons, durations) is written in English
in the code and translated through a gettext catalogue of the package::

    timeline/locale/fr/LC_MESSAGES/timeline.po
    timeline/locale/de/LC_MESSAGES/timeline.po

`translation(locale)` gives the catalogue of a locale's language, compiled from
its `.po` file on first use (with Babel, which the other languages' dates need
anyway); English, and any language without a catalogue, gets the English words
themselves, without reading a file or importing Babel. Code marks its messages
the gettext way: ``t.gettext("Sources")``, ``t.ngettext("{n} event", "{n} events",
n)``, ``t.pgettext("season", "spring")``, and `N_` (`nN_` for a plural, `pN_` with a
context) for a message kept in a table and translated later. tests/test_i18n.py checks that every
catalogue translates every message the code marks.
"""

from __future__ import annotations

import functools
from typing import Protocol

__all__ = [
    "CATALOGUES", "LOCALES", "N_", "Translations", "babel_name", "canonical", "language",
    "nN_", "pN_", "translation",
]  # fmt: skip

# The locales a render may ask for: their dates follow CLDR (Babel's data).
LOCALES = frozenset(
    ("bg", "cs", "da", "de", "en", "en_gb", "en_us", "es", "fa", "fo", "fr", "gu", "he", "hi",
     "id", "it", "ja", "ko", "lt", "nb", "nl", "nn", "pl", "pt_br", "ru", "sk", "sv", "tr", "uk",
     "zh")
)  # fmt: skip
# The languages whose reader's words are translated (a catalogue each).
CATALOGUES = ("de", "fr")
DOMAIN = "timeline"


def N_(message: str) -> str:
    """Mark `message` for translation where it is defined; translate it where it is used."""
    return message


def nN_(singular: str, plural: str) -> tuple[str, str]:
    """`N_` for a message translated with `ngettext(singular, plural, n)`."""
    return singular, plural


def pN_(context: str, message: str) -> str:
    """`N_` for a message translated with `pgettext(context, message)`."""
    return message


def canonical(name: object) -> str | None:
    """The offered locale `name` spells ("fr_FR", "fr-FR", "FR" and "fr" all give "fr";
    "pt-BR" gives "pt_br"), or None when it names none."""
    if not isinstance(name, str):
        return None
    spelled = name.strip().replace("-", "_").lower()
    for candidate in (spelled, spelled.split("_", 1)[0]):
        if candidate in LOCALES:
            return candidate
    return None


def language(locale: str) -> str:
    """The language of a locale: "pt_br" -> "pt"."""
    return locale.split("_", 1)[0]


def babel_name(locale: str) -> str:
    """The name Babel (and CLDR) know a locale by: "pt_br" -> "pt_BR"."""
    lang, _, region = locale.partition("_")
    return f"{lang}_{region.upper()}" if region else lang


class Translations(Protocol):
    """What `translation` gives: gettext's own translation methods."""

    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...
    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str: ...


class _English:
    """The messages as the code writes them (gettext.NullTranslations, without
    importing gettext: English output starts fast)."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str, /) -> str:
        return message

    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural


@functools.cache
def translation(locale: str) -> Translations:
    """The catalogue of `locale`'s language; the English words when it has none."""
    lang = language(locale)
    if lang not in CATALOGUES:
        return _English()
    import gettext
    import io
    from importlib import resources  # only for the catalogues: English needs none

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = resources.files("timeline").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    with source.open("rb") as file:
        catalogue = read_po(file, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
