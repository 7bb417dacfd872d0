"""matplotlib's settings for one drawing, under a lock.

matplotlib keeps its settings (rcParams) in one process-global dict, and
reads them while artists are made and while a figure is saved: the SVG
writer reads ``svg.fonttype``, ``svg.hashsalt`` and ``font.sans-serif`` (the
font stack it writes), the PDF writer ``pdf.fonttype``, Agg its text hinting,
every Path ``path.simplify``, and artists their defaults. Those reads cannot
all be replaced by properties set on artists, so the drawing runs inside
`settings`: it holds `_LOCK` (one drawing at a time in this process) and,
for that time only, sets matplotlib's defaults plus ours with
`matplotlib.rc_context`, so neither the caller's rcParams leak in nor ours
leak out. Without the lock, two renders in two threads would each save and
restore the settings in turn: one's salt and fonts would leak into the
other's picture, and the caller's settings could stay changed afterwards.

One of ours makes every format one picture: ``text.hinting = "none"``. With
hinting, Agg (the PNG) places glyphs on hinted advances, up to 28% wider or 10%
narrower than the font's own at low resolutions, so a PNG laid out with the
SVG's measurements would collide, and one measured apart would label other
events. Unhinted, Agg draws text within half a percent of the advances the
layout measures (`metrics`), as a browser does with the SVG and a viewer with
the PDF: one layout, one set of glyph metrics, for every format.

Only the drawing and saving are locked. The layout
(`timeline.render.chart.layout`) reads no matplotlib setting and runs
unlocked. Code that uses matplotlib in other threads, outside this module,
still shares matplotlib's one set of rcParams: that is matplotlib's design.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any, cast

__all__ = ["FONT_STACK", "settings"]

FONT_STACK = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]
_LOCK = threading.RLock()

# Settings that are not about how a figure looks (matplotlib.style's blacklist).
_NOT_STYLE = (
    "backend", "interactive", "webagg.", "toolbar", "timezone", "figure.max_open_warning",
    "figure.raise_window", "savefig.directory", "tk.", "docstring.", "date.epoch",
)  # fmt: skip


@contextlib.contextmanager
def settings(salt: str) -> Iterator[None]:
    """matplotlib's defaults plus ours, for one drawing only, one drawing at a time.

    `salt` is matplotlib's svg.hashsalt: it makes the SVG's ids.
    """
    import matplotlib

    with _LOCK:
        chosen = _default_rc()
        chosen.update(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": salt,
                "pdf.fonttype": 42,
                "font.family": ["sans-serif"],
                "font.sans-serif": FONT_STACK,
                "path.simplify": False,
                "text.hinting": "none",  # Agg on the font's advances: see above
            }
        )
        with matplotlib.rc_context(cast(Any, chosen)):
            yield


def _default_rc() -> dict[str, Any]:
    """matplotlib's defaults for what the caller's rcParams changed (usually nothing)."""
    import matplotlib

    current = matplotlib.rcParams
    return {
        key: value
        for key, value in matplotlib.rcParamsDefault.items()
        if not key.startswith(_NOT_STYLE) and current[key] != value
    }
