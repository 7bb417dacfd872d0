"""The one interval merge: overlapping or touching closed spans become one."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["merge"]


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, merged (lo, hi) spans covering what `spans` cover; a span whose hi is
    below its lo counts as the point lo."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, max(lo, hi)))
    return merged
