"""The one "did you mean": the closest known word to a misspelt one."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word most like `word` (difflib ratio 0.6 or more), or None."""
    import difflib  # only when a word is misspelt: start-up matters

    found = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``"; did you mean 'nap'?"`` to end a message with, or "" when nothing is close."""
    match = closest(word, known)
    return f"; did you mean '{match}'?" if match is not None else ""
