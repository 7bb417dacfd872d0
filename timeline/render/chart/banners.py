"""The chart's handling banners, a pure step of the layout (no matplotlib).

A chart of a chronology that marks anything (`render.marks.banner_of`) carries its
banner, "TLP:AMBER", centred at the top and the bottom of every page: the chart's
(with the block of sources under it, in SVG and PNG) and each page of sources after
it in a PDF. The banners sit in the page's top and bottom margins, which every
chart keeps (at least half of `parts.MARGIN`, with or without a header), so they
move nothing else: SVG, PNG and PDF draw them from the same positions.
"""

from __future__ import annotations

from typing import Any, Protocol

import attrs

__all__ = ["EDGE", "SIZE", "Banner", "draw", "place"]

SIZE = 7.0  # points, bold
EDGE = 6.0  # from the page's edge to the middle of the banner's line


@attrs.frozen(slots=True)
class Banner:
    """One banner: its text, centred on (x, y), in points from the page's bottom left."""

    text: str
    x: float
    y: float
    size: float = SIZE


def place(text: str | None, width: float, top: float, bottom: float = 0.0) -> tuple[Banner, ...]:
    """The banners of a page `width` points wide whose edges are at `top` and `bottom`:
    top then bottom (none without a `text`)."""
    if not text:
        return ()
    middle = width / 2
    return Banner(text, middle, top - EDGE), Banner(text, middle, bottom + EDGE)


class _Drawer(Protocol):
    """What `draw` needs of `chart.draw`'s drawer (no matplotlib here)."""

    @property
    def theme(self) -> Any: ...

    def text(
        self, x: float, y: float, text: str, size: float, color: str, *, ha: str = ...,
        va: str = ..., bold: bool = ...,
    ) -> Any: ...  # fmt: skip


def draw(drawer: _Drawer, text: str | None, width: float, top: float, bottom: float = 0.0) -> None:
    """Draw the banners of `place(text, width, top, bottom)` with `drawer`."""
    for b in place(text, width, top, bottom):
        drawer.text(b.x, b.y, b.text, b.size, drawer.theme.text, ha="center", va="center",
                    bold=True)  # fmt: skip
