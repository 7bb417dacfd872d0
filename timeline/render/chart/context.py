"""matplotlib's settings for one drawing, under a lock; the PNG widening of text.

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

Only the drawing and saving are locked. The layout
(`timeline.render.chart.layout`) reads no matplotlib setting and runs
unlocked; `png_spread` takes the lock for the one measurement it makes. Code
that uses matplotlib in other threads, outside this module, still shares
matplotlib's one set of rcParams: that is matplotlib's design.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any, cast

from timeline.render.chart.labels import LABEL_SIZE
from timeline.render.chart.metrics import Metrics
from timeline.render.chart.notes import FOOT_SIZE

__all__ = ["FONT_STACK", "png_spread", "settings"]

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


_CALIBRATION = "Morocco normalises ties with Israel, “Wire report”, 18 Jan 2023 [1, 2]"


def png_spread(dpi: int) -> float:
    """How much wider than measured text the PNG backend draws at `dpi`.

    Agg places glyphs on hinted advances, up to ~12% wider than the SVG's at low
    resolutions. One calibration string per size tells how much; the layout of
    a PNG then measures with `Metrics(spread)`. (A PDF viewer uses the font's
    own advances, as a browser does with the SVG.)
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    metrics = Metrics()
    ratios = [1.0]
    with settings(""):
        renderer: Any = cast(Any, RendererAgg)(10, 10, dpi)
        for size in (FOOT_SIZE, LABEL_SIZE):
            prop = FontProperties(family=["sans-serif"], size=size)
            drawn = renderer.get_text_width_height_descent(_CALIBRATION, prop, False)[0]
            ratios.append(drawn * 72 / dpi / metrics.width(_CALIBRATION, size))
    return max(ratios) * 1.02
