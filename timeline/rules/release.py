"""What a released cut broke: its diagnostics, those the whole chronology lacks marked.

`check --release LEVEL` runs the rules again on `Timeline.released(LEVEL)`. A cut can
break what the whole chronology had right (an event left with one source is W108, a
source no remaining event cites is N109): `introduced` gives the cut's diagnostics
with each one the whole chronology does not have prefixed, "after release at GREEN,
'x' is confirmed but uncorroborated: ...", so the analyst sees what the release did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from timeline.diagnostics import Diagnostic

__all__ = ["PREFIX", "introduced"]

PREFIX = "after release at {level}, "


def introduced(
    whole: Iterable[Diagnostic], cut: Iterable[Diagnostic], level: str
) -> list[Diagnostic]:
    """`cut`'s diagnostics in order, each that `whole` does not have (by code and
    message, as many times as `whole` has it) with its message prefixed (`PREFIX`)."""
    known = Counter((d.code, d.message) for d in whole)
    shown = []
    for diagnostic in cut:
        key = (diagnostic.code, diagnostic.message)
        if known[key]:
            known[key] -= 1
            shown.append(diagnostic)
        else:
            message = PREFIX.format(level=level) + diagnostic.message
            shown.append(attrs.evolve(diagnostic, message=message))
    return shown
