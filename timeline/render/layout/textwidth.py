"""Display width, word wrapping and bidi isolation for monospaced text output.

A terminal (or a monospaced e-mail) gives each character a number of columns:
East Asian wide and fullwidth characters (CJK, most emoji) take two, combining
marks and zero-width format characters take none. Aligning columns with
``len()`` breaks as soon as a title is in Chinese or carries an emoji, so the
text renderer measures and wraps everything here, by display width.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = [
    "FSI", "PDI", "Token", "char_width", "hard_split", "isolate", "join", "needs_isolation",
    "text_width", "words", "wrap",
]  # fmt: skip

FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
# Bidi classes that make a bidi terminal reorder a line: right-to-left letters
# and numbers, and the explicit embeddings, overrides and isolates.
_BIDI_CLASSES = frozenset(
    {"R", "AL", "AN", "RLE", "LRE", "RLO", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
)
# Whitespace a terminal would not show as one space: tabs jump to a tab stop,
# line and paragraph separators end the line.
_BREAKING_SPACE = re.compile("[\t\n\r\u2028\u2029]")
_BREAK_AFTER = frozenset("/-&?=,;")
# A word that is (or opens with) a URL: cut, it would no longer work once copied.
_URL = re.compile(r"[(\[<\"'«“]*(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns a terminal gives `char`: 0, 1 or 2."""
    if char == "\u00ad":  # SOFT HYPHEN is Cf, but terminals draw it as a hyphen
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0
    if "\u1160" <= char <= "\u11ff":  # Hangul medial vowels and final consonants join the syllable
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns `text` takes on one line of a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def words(text: str) -> list[str]:
    """The words of `text`, split at spaces; tabs and line breaks count as spaces."""
    return [word for word in _BREAKING_SPACE.sub(" ", text).split(" ") if word]


def needs_isolation(text: str) -> bool:
    """True when `text` holds right-to-left letters or explicit bidi controls."""
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(char) in _BIDI_CLASSES for char in text)


def isolate(text: str) -> str:
    """`text` inside balanced directional isolates when it needs them, else unchanged.

    Why: a terminal or mail reader that implements the Unicode bidi algorithm
    lays out each line as a paragraph whose direction comes from its first
    strong character. A continuation line "│   שלום" would be laid out right to
    left, putting the rule on the right; an RLO in a title would reverse the
    rest of the line. Inside FSI … PDI, the text gets its own direction but
    counts as a neutral for the line, and every embedding or override it opens
    ends at the PDI, so the rule and the columns stay put. Stray PDIs or
    isolate initiators in the text itself are balanced so that they cannot
    close or extend the isolate.
    """
    if not needs_isolation(text):
        return text
    depth = 0
    unmatched = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if depth:
                depth -= 1
            else:
                unmatched += 1
    return FSI * (1 + unmatched) + text + PDI * (1 + depth)


def _clusters(word: str) -> list[str]:
    """`word` cut before every character of non-zero width (marks stay on their base)."""
    clusters: list[str] = []
    for char in word:
        if clusters and char_width(char) == 0:
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def hard_split(word: str, width: int) -> list[str]:
    """`word` cut into pieces of at most `width` columns (at least one character each).

    A piece ends after a "/", "-", "&", "?", "=", "," or ";" when one falls in its
    second half, so that URLs and compounds break where a reader expects; else
    it is cut at the width.
    """
    pieces: list[str] = []
    piece: list[str] = []
    used = 0
    for cluster in _clusters(word):
        columns = text_width(cluster)
        if piece and used + columns > width:
            cut = len(piece)
            for at in range(len(piece) - 1, 0, -1):
                if piece[at - 1] in _BREAK_AFTER:
                    if text_width("".join(piece[:at])) * 2 >= width:
                        cut = at
                    break
            pieces.append("".join(piece[:cut]))
            piece = piece[cut:]
            used = text_width("".join(piece))
        piece.append(cluster)
        used += columns
    if piece:
        pieces.append("".join(piece))
    return pieces


Token = tuple[str, int]  # (word, group): a run of one group on a line is isolated as one


def wrap(tokens: Iterable[Token], width: int) -> list[list[Token]]:
    """Greedy word wrap of `tokens` to lines of at most `width` columns.

    Words are joined by one space; a word wider than `width` is cut hard, except
    a URL, which gets a line of its own however wide. Returns at least one
    (possibly empty) line.
    """
    lines: list[list[Token]] = []
    line: list[Token] = []
    used = 0
    for word, group in tokens:
        columns = text_width(word)
        if line and used + 1 + columns <= width:
            line.append((word, group))
            used += 1 + columns
            continue
        if line:
            lines.append(line)
            line, used = [], 0
        if columns <= width or _URL.match(word):  # a URL is never cut: it overflows
            line, used = [(word, group)], columns
            continue
        pieces = hard_split(word, width)
        lines.extend([(piece, group)] for piece in pieces[:-1])
        line, used = [(pieces[-1], group)], text_width(pieces[-1])
    lines.append(line)
    return lines


def join(line: Sequence[Token]) -> str:
    """The text of one wrapped line, each run of a group isolated when it needs it."""
    runs: list[str] = []
    current: list[str] = []
    group: int | None = None
    for word, word_group in line:
        if current and word_group != group:
            runs.append(isolate(" ".join(current)))
            current = []
        current.append(word)
        group = word_group
    if current:
        runs.append(isolate(" ".join(current)))
    return " ".join(runs)
