"""The chart's text sizes, at full size or shrunk to fit a page (no matplotlib).

Every text of the chart has a role (title, label, tick, footnote, ...) and a
size per role. A chart of a given `size` that does not fit its page at full
size is laid out again with every text shrunk by one of `SCALES`, down to 80%;
no text is ever drawn smaller than `MIN_TEXT` points (a common floor for
print). Past that, labels give way to the numbered key (see `layout`).
"""

from __future__ import annotations

import attrs

__all__ = ["MIN_TEXT", "SCALES", "Type", "type_at"]

MIN_TEXT = 6.0  # points: no text of the chart is smaller
SCALES = (1.0, 0.9, 0.8)  # the text scales a page is tried at, largest first


@attrs.frozen(slots=True)
class Type:
    """The size in points of each kind of text, at one `scale`."""

    scale: float
    title: float
    subtitle: float
    lane: float
    tick: float
    strip: float
    label: float
    date: float
    legend: float
    foot: float
    key: float
    number: float

    @property
    def strip_row(self) -> float:
        """The pitch of the rows of period titles."""
        return self.strip * 1.5

    @property
    def legend_row(self) -> float:
        """The pitch of the legend's rows."""
        return max(self.legend * 1.875, 12.0)


_FULL = {
    "title": 16.0, "subtitle": 10.5, "lane": 8.5, "tick": 8.0, "strip": 8.0, "label": 8.5,
    "date": 7.5, "legend": 8.0, "foot": 7.5, "key": 7.5, "number": 6.5,
}  # fmt: skip


def type_at(scale: float) -> Type:
    """The sizes at `scale` (1.0: full size), none below MIN_TEXT."""
    sizes = {role: max(MIN_TEXT, round(size * scale, 2)) for role, size in _FULL.items()}
    return Type(scale, **sizes)
