"""The drawing's primitives: artists added to a matplotlib Figure in points (origin
bottom left), through the object API only (never pyplot)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from timeline.render.chart import themes as _themes
from timeline.render.chart.fonts import Type
from timeline.render.chart.job import Job
from timeline.render.chart.labels import LINE

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Transform

__all__ = ["Drawer", "Rect", "Segment", "figure_of"]

Rect = tuple[float, float, float, float]
Segment = tuple[tuple[float, float], ...]


class Drawer:
    """Adds artists to the figure in point coordinates (origin bottom left)."""

    def __init__(
        self, figure: Figure, transform: Transform, theme: _themes.Theme, sizes: Type, *,
        pdf: bool,
    ) -> None:  # fmt: skip
        from matplotlib.font_manager import FontProperties

        self.figure = figure
        self.transform = transform
        self.theme = theme
        self.sizes = sizes
        self.pdf = pdf
        self._fonts: dict[tuple[float, bool, bool], Any] = {}
        self._font_class = FontProperties

    def font(self, size: float, bold: bool = False, italic: bool = False) -> Any:
        key = (size, bold, italic)
        if key not in self._fonts:
            self._fonts[key] = self._font_class(
                family=["sans-serif"], size=size, weight="bold" if bold else "normal",
                style="italic" if italic else "normal",
            )  # fmt: skip
        return self._fonts[key]

    def text(
        self, x: float, y: float, text: str, size: float, color: str, *, ha: str = "left",
        va: str = "baseline", bold: bool = False, italic: bool = False, zorder: float = 6,
        url: str | None = None,
    ) -> Text:  # fmt: skip
        from matplotlib.text import Text

        if self.pdf:  # matplotlib 3.11's PDF writer fails on U+FEFF; U+2060 means the same
            text = text.replace("\ufeff", "\u2060")
        artist = Text(
            x, y, text, color=color, fontproperties=self.font(size, bold, italic),
            ha=ha, va=va, transform=self.transform, parse_math=False, usetex=False,
            linespacing=LINE, zorder=zorder, url=url,
        )  # fmt: skip
        self.figure.add_artist(artist)
        return artist

    def rects(
        self, rects: Sequence[Rect], color: str, *, zorder: float, alpha: float = 1.0
    ) -> None:
        from matplotlib.patches import PathPatch
        from matplotlib.path import Path

        vertices: list[tuple[float, float]] = []
        codes: list[Any] = []
        for x0, y0, x1, y1 in rects:
            vertices += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
        if not vertices:
            return
        patch = PathPatch(
            Path(vertices, codes), facecolor=color, edgecolor="none", alpha=alpha,
            transform=self.transform, zorder=zorder,
        )  # fmt: skip
        self.figure.add_artist(patch)

    def segments(
        self, segments: Sequence[Segment], color: Any, width: float, *,
        zorder: float, alpha: float = 1.0, dashes: tuple[float, ...] | None = None,
    ) -> None:  # fmt: skip
        """Polylines as one path element."""
        from matplotlib.patches import PathPatch
        from matplotlib.path import Path

        vertices: list[tuple[float, float]] = []
        codes: list[Any] = []
        for points in segments:
            vertices += points
            codes += [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
        if not vertices:
            return
        path = Path(vertices, codes)
        path.should_simplify = False
        patch = PathPatch(
            path, facecolor="none", edgecolor=color, linewidth=width, alpha=alpha,
            transform=self.transform, zorder=zorder, capstyle="butt",
            linestyle=(0, dashes) if dashes else "solid",
        )  # fmt: skip
        self.figure.add_artist(patch)

    def markers(
        self, points: Sequence[tuple[float, float]], style: _themes.CertaintyStyle, color: str,
        *, zorder: float = 5, gid: str | None = None, marker: str | None = None,
        size: float | None = None,
    ) -> None:  # fmt: skip
        from matplotlib.lines import Line2D

        if not points:
            return
        face = {"full": color, "half": color, "none": self.theme.background}[style.fill]
        line = Line2D(
            [p[0] for p in points], [p[1] for p in points], linestyle="none",
            marker=marker or style.marker, markersize=size or style.size,
            markerfacecolor=face, markeredgecolor=color, markeredgewidth=1.3,
            fillstyle="left" if style.fill == "half" and marker is None else "full",
            markerfacecoloralt=self.theme.background, alpha=style.alpha,
            transform=self.transform, zorder=zorder, gid=gid,
        )  # fmt: skip
        self.figure.add_artist(line)

    def ring(self, x: float, y: float, size: float, color: str, *, zorder: float) -> None:
        """A hollow circle `size` points across (the ring of a new event)."""
        from matplotlib.lines import Line2D

        line = Line2D(
            [x], [y], linestyle="none", marker="o", markersize=size, markerfacecolor="none",
            markeredgecolor=color, markeredgewidth=1.0, transform=self.transform,
            zorder=zorder,
        )  # fmt: skip
        self.figure.add_artist(line)

    def fades(self, pieces: Sequence[tuple[Segment, float]], color: str, *, zorder: float) -> None:
        """Thick line pieces, each with its own opacity, as one collection."""
        from matplotlib.collections import LineCollection
        from matplotlib.colors import to_rgba

        if not pieces:
            return
        collection = LineCollection(
            [segment for segment, _ in pieces],
            colors=[to_rgba(color, alpha) for _, alpha in pieces],
            linewidths=3.5, transform=self.transform, zorder=zorder, capstyle="butt",
        )  # fmt: skip
        self.figure.add_artist(collection)

    def zigzag(self, x: float, y0: float, y1: float, color: str) -> None:
        points, y, side = [], y0, 1
        while y < y1:
            points.append((x + 1.2 * side, y))
            y += 3
            side = -side
        points.append((x, y1))
        self.segments([tuple(points)], color, 0.6, zorder=0.9, alpha=0.6)


# ---------------------------------------------------------------- the chart


def figure_of(width: float, height: float, job: Job) -> tuple[Figure, Transform]:
    """A Figure `width` x `height` points, and the transform from points to its pixels."""
    from matplotlib.figure import Figure
    from matplotlib.transforms import Affine2D

    figure = Figure(figsize=(width / 72, height / 72), dpi=72, facecolor=job.theme.background)
    return figure, Affine2D().scale(1 / 72) + figure.dpi_scale_trans
