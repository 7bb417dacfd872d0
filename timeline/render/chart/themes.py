"""Colours and certainty styles of the SVG/PNG/PDF renderer (no matplotlib here).

Certainty is encoded redundantly: marker shape and fill *and* the line style
of bars change with the certainty word's rank on the chronology's scale, so a
chart printed in grayscale (or read by someone who does not see the colours)
still tells "confirmed" from "possible". Colour only tells lanes apart.
"""

from __future__ import annotations

import attrs

__all__ = ["THEMES", "CertaintyStyle", "Theme", "certainty_style", "theme"]


@attrs.frozen(slots=True)
class Theme:
    name: str
    background: str
    text: str  # titles and labels
    muted: str  # dates, ticks, footnotes
    faint: str  # grid, lane lines, stems
    lane_fills: tuple[str, str]  # alternating lane backgrounds
    period_fill: str
    period_text: str
    accents: tuple[str, ...]  # one per lane, cycled
    as_of: str
    link: str
    band_alpha: float = 0.22  # month/year precision bands


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        background="#ffffff",
        text="#1b1f24",
        muted="#57606a",
        faint="#c9ced4",
        lane_fills=("#f5f7f9", "#ffffff"),
        period_fill="#efe6d2",
        period_text="#6e5a2b",
        accents=("#1f5f9e", "#b5560f", "#13776c", "#7a3fb0", "#b3243f", "#56711a", "#4a5563"),
        as_of="#b3243f",
        link="#1f5f9e",
    ),
    "dark": Theme(
        name="dark",
        background="#14171c",
        text="#e8eaed",
        muted="#a3abb5",
        faint="#3b424c",
        lane_fills=("#1b2027", "#14171c"),
        period_fill="#3a3224",
        period_text="#dcc89a",
        accents=("#6cb2ff", "#f7a552", "#4fd1c1", "#bb9cff", "#ff7a90", "#a8d878", "#cfd6df"),
        as_of="#ff7a90",
        link="#6cb2ff",
        band_alpha=0.3,
    ),
    # Grayscale-safe: every lane in near-black; certainty is told by fill and
    # line style only, which survive any printer.
    "print": Theme(
        name="print",
        background="#ffffff",
        text="#000000",
        muted="#3c3c3c",
        faint="#b4b4b4",
        lane_fills=("#f0f0f0", "#ffffff"),
        period_fill="#dddddd",
        period_text="#2a2a2a",
        accents=("#1a1a1a",),
        as_of="#000000",
        link="#000000",
        band_alpha=0.25,
    ),
}


def theme(name: str) -> Theme:
    """The theme called `name`; ValueError naming the option otherwise."""
    try:
        return THEMES[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(key) for key in THEMES)
        raise ValueError(f"theme must be one of {known}; got {name!r}") from None


@attrs.frozen(slots=True)
class CertaintyStyle:
    """How one certainty rank is drawn: marker, its fill, and the bar's dash pattern."""

    marker: str  # a matplotlib marker code
    fill: str  # "full", "half" (left half filled) or "none" (hollow)
    dashes: tuple[float, ...] | None  # on/off lengths in line widths; None = solid
    size: float  # marker size in points
    alpha: float


# Strongest first. A scale of n words is spread over these six.
_STYLES = (
    CertaintyStyle("o", "full", None, 8.0, 1.0),
    CertaintyStyle("o", "half", (3.0, 1.0), 8.0, 1.0),
    CertaintyStyle("o", "none", (1.5, 1.0), 8.0, 0.95),
    CertaintyStyle("D", "none", (0.5, 1.0), 6.5, 0.9),
    CertaintyStyle("v", "none", (0.5, 1.5), 7.5, 0.8),
    CertaintyStyle("s", "none", (0.3, 2.0), 6.0, 0.7),
)


def certainty_style(rank: int, count: int) -> CertaintyStyle:
    """The style of the word at `rank` (0 = strongest) on a scale of `count` words.

    A rank outside the scale (an unknown word) gets the weakest style.
    """
    if count <= 1:
        return _STYLES[0]
    rank = max(0, min(rank, count - 1))
    return _STYLES[round(rank * (len(_STYLES) - 1) / (count - 1))]
