"""The rules about what citations say: W113, W114 (claimed dates) and N115 (archives).

A citation may give the date its source says (`date`). Claims are compared by
their strict bounds, like every other date of the rules: two claims disagree
(W113) when they cannot overlap, and a claim is at odds with the event (W114)
when it cannot overlap the event's own date, unless the event's date agrees
with another claim that disagrees with this one (W113 already says so: the
analyst sided with that source).
"""

from __future__ import annotations

from timeline.dates.edtf import Date
from timeline.dates.format import show
from timeline.rules.context import INF, NEG, RuleContext

__all__ = ["check_archives", "check_claims", "source_name"]


def source_name(c: RuleContext, key: str) -> str:
    """A source as the evidence messages name it: its publisher, else its title, else key."""
    source = c.timeline.sources.get(key)
    if source is None:
        return key
    return source.publisher or source.title or key


def _window(date: Date) -> tuple[float, float]:
    lower, upper = date.lower, date.upper
    return (NEG if lower is None else lower, INF if upper is None else upper)


def _apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two windows of instants cannot overlap."""
    return a[1] <= b[0] or b[1] <= a[0]


def check_claims(c: RuleContext) -> None:
    """W113 once per event whose claims disagree; W114 per claim at odds with the event."""
    start_lo, end_hi = c.start_lo, c.end_hi
    for i, event in enumerate(c.events):
        claims = [
            (n, cited.source, cited.date)
            for n, cited in enumerate(event.sources)
            if cited.date is not None
        ]
        if not claims:
            continue
        windows = [_window(date) for _, _, date in claims]
        own = (start_lo[i], end_hi[i])
        agrees = [not _apart(window, own) for window in windows]
        conflicting: set[int] = set()
        first: int | None = None  # the first claim that disagrees with an earlier one
        for b in range(1, len(claims)):
            for a in range(b):
                if _apart(windows[a], windows[b]):
                    conflicting.update((a, b))
                    first = b if first is None else first
        if first is not None:
            said = ", ".join(
                f"{source_name(c, key)} says {show(date)}"
                for k, (_, key, date) in enumerate(claims)
                if k in conflicting
            )
            c.report(
                ("event", i, "sources", claims[first][0], "date"), "W113",
                f"sources disagree on the date of '{event.id}': {said}", event.id,
            )  # fmt: skip
        for k, (n, key, date) in enumerate(claims):
            if agrees[k]:
                continue
            sided = any(agrees[j] and _apart(windows[j], windows[k]) for j in range(len(claims)))
            if sided:
                continue
            c.report(
                ("event", i, "sources", n, "date"), "W114",
                f"'{event.id}' is dated {show(event.span)}, but its source"
                f" {source_name(c, key)} says {show(date)}",
                event.id,
            )  # fmt: skip


def check_archives(c: RuleContext) -> None:
    """N115: a source with a URL and no archived copy (off unless [timeline.rules] sets it)."""
    for key, source in c.timeline.sources.items():
        if source.url is not None and source.archive is None:
            c.report(
                ("sources", key, "url"), "N115",
                f"source '{key}' has a URL but no archive; links die, so record an archived"
                " copy (archive = ...)",
            )  # fmt: skip
