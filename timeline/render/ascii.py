"""Text in 7-bit ASCII, for the text renderer's `ascii` option (old terminals, mail
gateways, fixed-width printers): every character of the output is below 128.

Letters lose their accents ("déc." -> "dec.", "Ç" -> "C"; in German, "ä" -> "ae"),
the letters and signs a decomposition cannot reach are spelt out ("ß" -> "ss",
"Ø" -> "O", "→" -> "->", "…" -> "...", "«" -> "<<", "“" -> '"'), compatibility
forms fold ("ﬁ" -> "fi", "Ａ" -> "A", "²" -> "2"), spaces of every width become a
space, and invisible characters (bidi controls, zero-width joiners, soft hyphens)
go. What remains has no ASCII spelling (CJK, Hebrew, Arabic, emoji): each run of
it becomes one "?", so that a title in another script still shows where its words
were. A URL is not transliterated but encoded (`url`): it must still work once
copied.
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["transliterate", "url"]

_SPELLED = {
    "→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "…": "...", "–": "-", "—": "--", "―": "--",
    "−": "-", "‐": "-", "‑": "-", "‒": "-", "“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'",
    "’": "'", "‚": ",", "‛": "'", "′": "'", "″": '"', "«": "<<", "»": ">>", "‹": "<", "›": ">",
    "·": "-", "•": "*", "×": "x", "÷": "/", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
    "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t",
    "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ĸ": "q", "€": "EUR", "£": "GBP", "¥": "JPY", "©": "(c)",
    "®": "(R)", "°": "o", "§": "S", "¶": "P", "¡": "!", "¿": "?", "¦": "|", "¬": "-",
    "±": "+/-", "µ": "u", "¤": "$", "¢": "c", "ª": "a", "º": "o", "¹": "1", "²": "2",
    "³": "3", "¼": "1/4", "½": "1/2", "¾": "3/4", "\u00ad": "",
}  # fmt: skip
_DROPPED = frozenset(("Mn", "Me", "Cf", "Cc"))


@functools.lru_cache(maxsize=4096)
def _char(char: str) -> str | None:
    """The ASCII spelling of `char`: text, "" to drop it, or None when it has none."""
    if char.isascii():
        return char
    if char in _SPELLED:
        return _SPELLED[char]
    category = unicodedata.category(char)
    if category in _DROPPED:
        return ""
    if category.startswith("Z"):  # every space and separator
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed != char:
        spelt = [_char(part) for part in decomposed]
        if all(part is not None for part in spelt) and any(spelt):
            return "".join(part for part in spelt if part)
    return None


# Letters a language spells out in ASCII its own way ("ä" is "ae" in German).
_LANGUAGES = {
    "de": {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"},
    "da": {"å": "aa", "Å": "Aa"}, "nb": {"å": "aa", "Å": "Aa"}, "nn": {"å": "aa", "Å": "Aa"},
    "sv": {"å": "aa", "Å": "Aa"},
}  # fmt: skip


def transliterate(text: str, language: str = "") -> str:
    """`text` in 7-bit ASCII (see the module docstring), spelt as `language` would."""
    if text.isascii():
        return text
    own = _LANGUAGES.get(language, {})
    out: list[str] = []
    unknown = False  # in a run of characters without an ASCII spelling
    for char in text:
        spelt = own.get(char) or _char(char)
        if spelt is None:
            if not unknown:
                out.append("?")
            unknown = True
        elif spelt:
            out.append(spelt)
            unknown = False
    return "".join(out)


def url(text: str) -> str:
    """A URL in 7-bit ASCII that still leads where it did: an international domain
    name in its IDNA form ("xn--…"), every other non-ASCII character percent-encoded."""
    if text.isascii():
        return text
    import urllib.parse  # only for a URL that is not ASCII already: it costs a text render 5 ms

    parts = urllib.parse.urlsplit(text)
    host = parts.hostname or ""
    if host and not host.isascii():
        try:
            encoded = host.encode("idna").decode("ascii")
        except UnicodeError:
            encoded = urllib.parse.quote(host, safe="")
        parts = parts._replace(netloc=parts.netloc.replace(host, encoded))
    return "".join(
        char if char.isascii() else urllib.parse.quote(char, safe="")
        for char in urllib.parse.urlunsplit(parts)
    )
