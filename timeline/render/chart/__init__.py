"""The chart: SVG (and PNG/PDF) of a chronology, drawn with matplotlib's object API.

    svg = render_svg(tl, size="slide", theme="light", locale="fr", lanes=["Diplomacy"])
    png = render_image(tl, "png", dpi=200)

What is drawn, top to bottom: title and subtitle; a strip with the `[[period]]`
titles and the `as_of` label; one band per lane (in `Presentation.lanes`
order) with its events' markers on tracks and their labels in rows above; the
time axis, to scale, broken where a long empty stretch was collapsed; the
legend; how many events were left unlabelled; the numbered sources.

Sizes. The *width* is fixed by `size`: "slide" 13.33 in (16:9), "a4" 8.27 in,
"letter" 8.5 in, or "WxH" in inches. The height given ("slide": 7.5 in,
"WxH": H, "a4"/"letter": 6.5 in) is a *minimum*. When every label fits in
1.25 times that height (or in 18 label rows per lane), every event is
labelled and the chart grows as needed; otherwise labels get the rows that
fit in the height itself, strongest certainty first. Every lane keeps room
for two stacked labels and the footnotes are never dropped, so many lanes or
many sources also make the chart taller. Spare height goes to the lanes.

Choices made for embedding and reproducibility:

* matplotlib only through `Figure` and artists, never pyplot; rc settings only
  inside `matplotlib.rc_context`, starting from matplotlib's defaults, so that
  neither the caller's rcParams leak in nor ours leak out.
* Text stays text (``svg.fonttype = "none"``); every Text is created with
  ``parse_math=False``, so "$" is a dollar sign. The font stack in the SVG is
  ``'DejaVu Sans', 'Liberation Sans', 'Arial', 'Helvetica', sans-serif``.
  Widths are measured from DejaVu Sans glyph advances (matplotlib's own font):
  the same numbers on every machine, and wider than Arial/Helvetica, so a
  browser's substitute font never makes labels collide.
* Same input, same bytes: ``svg.hashsalt`` and the id prefix come from a digest
  of the chronology and the options; no date is written.
* Every id is prefixed ("tl-" + 8 hex digits of that digest) together with its
  references, so two charts inlined in one page never share an id.
* A `<title>` and `<desc>` open the SVG; every event marker carries its own
  `<title>` (title, date, certainty) for hover and screen readers. Markers are
  drawn one artist per lane and certainty (a 1,000-event chart stays small), and
  the titles are written into the markers' `<use>` elements afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import math
import re
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import attrs

from timeline.dates.edtf import EdtfDate, EdtfInterval, End
from timeline.dates.format import date_label
from timeline.model.timeline import Timeline
from timeline.render.chart import themes as _themes
from timeline.render.layout import axis as _axis
from timeline.render.layout import placement as _labels
from timeline.render.options import ChartOptions, Selection
from timeline.render.presentation import Entry, Presentation, present

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Transform

__all__ = ["render_image", "render_svg"]

FONT_STACK = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]
IMAGE_FORMATS = ("png", "pdf")

# Layout, in points.
MARGIN = 22.0
LANE_NAME_WIDTH = 100.0  # lane names wrap to this
TITLE_SIZE, SUBTITLE_SIZE = 16.0, 10.5
LABEL_SIZE, DATE_SIZE = 8.5, 7.5
LANE_SIZE, TICK_SIZE, STRIP_SIZE = 8.5, 8.0, 8.0  # few sizes: each costs a font lookup
LEGEND_SIZE, NOTE_SIZE, FOOT_SIZE = 8.0, 8.0, 7.5
LINE = 1.15  # line spacing, in font sizes: every line of every text is this tall
ROW = 8.0  # label rows
MIN_ROWS, MAX_ROWS = 12, 26  # label rows per lane: room for two stacked labels; never more
TRACK = 15.0  # marker tracks
GROWTH = 1.25  # a chart grows up to this much taller to label every event,
ROOMY_ROWS = 18  # or to this many label rows per lane
LIFT_SHARE = 0.4  # of a lane's spare height, the share below its markers
MAX_TRACKS = 3
LANE_PAD_BOTTOM, LANE_PAD_TOP, LABEL_LIFT = 5.0, 5.0, 3.0
STRIP_ROW = 12.0
BREAK_INSET = 5.0  # a break's mark sits this far inside its piece
TEXT_GAP = 3.0  # between a stem and its label text
BAND_HEIGHT = 10.0
FADE = 64.0  # length of the fading tail of an unknown end
SHAPES = ((28, 3), (18, 4))  # label titles: (characters per line, lines), wide to narrow

_WORDS = {
    "en": {
        "as_of": "as of {date}",
        "sources": "Sources",
        "certainty": "Certainty:",
        "precision": "month / year precision",
        "fuzzy": "approximate (~) or uncertain (?)",
        "open": "ongoing (..)",
        "unknown": "end not known",
        "unlabelled": "{n} of {total} events are not labelled (labels go to the most certain"
        " first).",
        "hover": " Hover over a marker for its title.",
        "other": "Other",
        "empty": "No events to show.",
        "events": "{n} events from {first} to {last}",
        "lanes": "in lanes {names}",
        "cited": "{n} sources are listed below the chart",
    },
    "fr": {
        "as_of": "au {date}",
        "sources": "Sources",
        "certainty": "Certitude :",
        "precision": "précision au mois / à l'année",
        "fuzzy": "approximatif (~) ou incertain (?)",
        "open": "en cours (..)",
        "unknown": "fin inconnue",
        "unlabelled": "{n} événements sur {total} sans étiquette (les plus certains sont"
        " étiquetés d'abord).",
        "hover": " Survolez un repère pour son titre.",
        "other": "Autres",
        "empty": "Aucun événement à afficher.",
        "events": "{n} événements du {first} au {last}",
        "lanes": "dans les voies {names}",
        "cited": "{n} sources sont listées sous le graphique",
    },
}

# Characters XML 1.0 cannot hold (the model already refuses C0/C1 controls).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _escape(text: str) -> str:
    """XML character data (xml.sax.saxutils.escape, without importing urllib.request)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _words(locale: str) -> dict[str, str]:
    return _WORDS.get(locale.split("_", maxsplit=1)[0], _WORDS["en"])


# ---------------------------------------------------------------- public API


def render_svg(timeline: Timeline, selection: Selection, options: ChartOptions) -> str:
    """The chart of `timeline` as an SVG document (a str, UTF-8 XML)."""
    job = _Job.make(timeline, selection, options)
    with _context(job.salt), _quiet_missing_glyphs():
        chart = _build(job)
        text = _write_svg(chart.figure)
    return _finish_svg(text, chart)


def render_image(
    timeline: Timeline, format: str, selection: Selection, options: ChartOptions
) -> bytes:
    """The chart as PNG or PDF bytes (`format` "png" or "pdf"); see `render_svg`."""
    if format not in IMAGE_FORMATS:
        raise ValueError(f"format must be 'png' or 'pdf'; got {format!r}")
    dpi = options.dpi
    job = _Job.make(timeline, selection, options)
    with _context(job.salt), _spread_for(format, dpi):
        chart = _build(job, links=format != "png", pdf=format == "pdf")
        buffer = io.BytesIO()
        metadata: dict[str, Any] = (
            {"Software": None}
            if format == "png"
            else {"Creator": None, "Producer": None, "CreationDate": None, "Title": job.title}
        )
        chart.figure.savefig(buffer, format=format, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


_CALIBRATION = "Morocco normalises ties with Israel, “Wire report”, 18 Jan 2023 [1, 2]"


@contextlib.contextmanager
def _spread_for(format: str, dpi: int) -> Iterator[None]:
    """Widen measured text to what the PNG backend draws.

    Agg places glyphs on hinted advances, up to ~12% wider than the SVG's at low
    resolutions. One calibration string per size tells how much; layout then
    uses widened widths. (A PDF viewer uses the font's own advances, as a
    browser does with the SVG.)
    """
    metrics = _metrics()
    if format == "png":
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.font_manager import FontProperties

        renderer: Any = cast(Any, RendererAgg)(10, 10, dpi)
        ratios = [1.0]
        for size in (FOOT_SIZE, LABEL_SIZE):
            prop = FontProperties(family=["sans-serif"], size=size)
            drawn = renderer.get_text_width_height_descent(_CALIBRATION, prop, False)[0]
            ratios.append(drawn * 72 / dpi / metrics.width(_CALIBRATION, size))
        metrics.spread = max(ratios) * 1.02
    try:
        yield
    finally:
        metrics.spread = 1.0


# ---------------------------------------------------------------- the job


@attrs.frozen(slots=True)
class _Job:
    """Everything one render depends on, validated, and its digest."""

    presentation: Presentation
    certainty: tuple[str, ...]
    theme: _themes.Theme
    width: float
    min_height: float
    digest: str
    title: str
    window: tuple[int | None, int | None]  # the date_from/date_to selection, as instants

    @property
    def salt(self) -> str:
        return self.digest[:16]

    @property
    def prefix(self) -> str:
        return f"tl-{self.digest[:8]}-"

    @classmethod
    def make(cls, timeline: Timeline, chosen: Selection, options: ChartOptions) -> _Job:
        width, min_height = options.page
        chosen_theme = _themes.theme(options.theme)
        presentation = present(timeline, chosen)
        window = (
            chosen.date_from.lower if chosen.date_from is not None else None,
            chosen.date_to.upper if chosen.date_to is not None else None,
        )
        digest = hashlib.sha256()
        for part in (
            timeline.title,
            timeline.subtitle or "",
            options.size,
            options.theme,
            _chosen(chosen),
        ):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for entry in presentation.entries:
            event = entry.event
            text = f"{event.id}\0{event.title}\0{event.span.text}\0{event.certainty}\0{event.lane}"
            digest.update(text.encode("utf-8", "surrogatepass") + b"\1")
        for number, key, source in presentation.sources:
            text = f"{number}\0{key}\0{source.title}\0{source.publisher}\0{source.url}"
            digest.update(text.encode("utf-8", "surrogatepass") + b"\2")
        for period in presentation.periods:
            digest.update(f"{period.title}\0{period.span.text}".encode("utf-8", "surrogatepass"))
        as_of = presentation.as_of
        digest.update(f"\3{as_of.text if as_of else ''}\0{timeline.certainty}".encode())
        return cls(
            presentation, timeline.certainty, chosen_theme, width, min_height,
            digest.hexdigest(), _clean(timeline.title), window,
        )  # fmt: skip


def _chosen(selection: Selection) -> str:
    """The options that differ from the defaults, for the digest: omitting an option
    and passing its default give the same chart, ids included."""
    default = Selection()
    changed = [
        (field.name, getattr(selection, field.name))
        for field in attrs.fields(Selection)
        if getattr(selection, field.name) != getattr(default, field.name)
    ]
    return repr(changed)


@contextlib.contextmanager
def _context(salt: str) -> Iterator[None]:
    """matplotlib's defaults plus ours, for the duration of one render only."""
    import matplotlib

    settings = _default_rc()
    settings.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": salt,
            "pdf.fonttype": 42,
            "font.family": ["sans-serif"],
            "font.sans-serif": FONT_STACK,
            "path.simplify": False,
        }
    )
    with matplotlib.rc_context(cast(Any, settings)):
        yield


# Settings that are not about how a figure looks (matplotlib.style's blacklist).
_NOT_STYLE = (
    "backend", "interactive", "webagg.", "toolbar", "timezone", "figure.max_open_warning",
    "figure.raise_window", "savefig.directory", "tk.", "docstring.", "date.epoch",
)  # fmt: skip


def _default_rc() -> dict[str, Any]:
    """matplotlib's defaults for what the caller's rcParams changed (usually nothing)."""
    import matplotlib

    current = matplotlib.rcParams
    return {
        key: value
        for key, value in matplotlib.rcParamsDefault.items()
        if not key.startswith(_NOT_STYLE) and current[key] != value
    }


@contextlib.contextmanager
def _quiet_missing_glyphs() -> Iterator[None]:
    """SVG text is drawn by the viewer's fonts: DejaVu Sans lacking a glyph is moot."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        yield


# ---------------------------------------------------------------- text metrics


class _Metrics:
    """Widths from the glyph advances of the font the stack resolves to (DejaVu Sans).

    matplotlib 3.11's FT2Font.set_text costs ~45 us per character here, so
    text is measured glyph by glyph from a cache instead; the SVG renderer below
    uses the same numbers, so what the layout assumed is what gets drawn. A
    character the font lacks counts one em (CJK and emoji are about that wide).
    Kerning is ignored, which errs on the wide side.
    """

    def __init__(self) -> None:
        from matplotlib.font_manager import FontProperties, findfont, get_font

        self._fonts = {
            bold: get_font(findfont(FontProperties(family="sans-serif", weight=weight)))
            for bold, weight in ((False, "normal"), (True, "bold"))
        }
        # per font: char -> (advance, ascent, descent) in ems
        self._glyphs: dict[bool, dict[str, tuple[float, float, float]]] = {False: {}, True: {}}
        self._advances: dict[bool, dict[str, float]] = {False: {}, True: {}}
        self.spread = 1.0  # widths are multiplied by this (see _spread_for)

    def glyph(self, char: str, bold: bool) -> tuple[float, float, float]:
        """(advance, ascent, descent) of `char` in ems."""
        known = self._glyphs[bold].get(char)
        if known is not None:
            return known
        from matplotlib.ft2font import LoadFlags

        font = self._fonts[bold]
        units = font.units_per_EM
        if font.get_char_index(ord(char)) == 0:
            result = (1.0, 0.8, 0.2)
        else:
            font.set_size(units, 72)  # one pixel per font unit
            glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
            ascent = glyph.horiBearingY / 64 / units
            result = (
                glyph.linearHoriAdvance / 65536 / units,
                ascent,
                glyph.height / 64 / units - ascent,
            )
        self._glyphs[bold][char] = result
        self._advances[bold][char] = result[0]
        return result

    def measure(self, text: str, size: float, bold: bool = False) -> tuple[float, float, float]:
        """(width, height, descent) in points, as matplotlib renderers report them."""
        if not text:
            return 0.0, 0.0, 0.0
        advance = ascent = descent = 0.0
        for char in text:
            a, up, down = self.glyph(char, bold)
            advance += a
            ascent = max(ascent, up)
            descent = max(descent, down)
        return advance * size * self.spread, (ascent + descent) * size, descent * size

    def width(self, text: str, size: float, bold: bool = False) -> float:
        advances = self._advances[bold]
        total = 0.0
        for char in text:
            advance = advances.get(char)
            total += self.glyph(char, bold)[0] if advance is None else advance
        return total * size * self.spread


@functools.cache
def _metrics() -> _Metrics:
    return _Metrics()


def _is_bold(weight: object) -> bool:
    if isinstance(weight, int | float):
        return weight >= 600
    return str(weight) in ("semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black")


@functools.cache
def _renderer_class() -> type:
    from matplotlib.backends.backend_svg import RendererSVG

    class Renderer(RendererSVG):
        """RendererSVG measuring text with `_Metrics` (same output, ~50x faster)."""

        def get_text_width_height_descent(
            self, s: str, prop: Any, ismath: Any
        ) -> tuple[float, float, float]:
            if ismath:
                found: tuple[float, float, float] = super().get_text_width_height_descent(  # type: ignore[no-untyped-call]
                    s, prop, ismath
                )
                return found
            return _metrics().measure(s, prop.get_size_in_points(), _is_bold(prop.get_weight()))

    return Renderer


def _measuring_renderer(figure: Figure) -> Any:
    """A renderer for `Text.get_window_extent` that measures as the SVG output does."""
    width, height = figure.get_size_inches() * 72
    return _renderer_class()(width, height, io.StringIO())


def _write_svg(figure: Figure) -> str:
    """What `FigureCanvasSVG.print_svg` does, with the faster renderer."""
    width, height = figure.get_size_inches() * 72
    buffer = io.StringIO()
    renderer = _renderer_class()(width, height, buffer, metadata={"Date": None})
    figure.draw(renderer)
    renderer.finalize()
    return buffer.getvalue()


def _wrap_width(
    text: str, size: float, width: float, *, bold: bool = False, max_lines: int = 0
) -> list[str]:
    """Greedy word wrap to `width` points; words too long are split; '…' past max_lines."""
    metrics = _metrics()

    def measure(text: str) -> float:
        return metrics.width(text, size, bold)

    space = measure(" ")
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        w = measure(word)
        if line and used + space + w <= width:
            line, used = f"{line} {word}", used + space + w
            continue
        if line:
            lines.append(line)
        if w <= width:
            line, used = word, w
            continue
        line, used = "", 0.0
        for char in word:
            c = measure(char)
            if line and used + c > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = line + char, used + c
    if line or not lines:
        lines.append(line)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and measure(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


# ---------------------------------------------------------------- geometry


@attrs.define(slots=True)
class _Geo:
    """Where one event is drawn, in x (points); y comes with its lane and track."""

    entry: Entry
    lane: int
    rank: int
    anchor: float
    bands: list[tuple[float, float]] = attrs.Factory(list)
    whiskers: list[tuple[float, float, float]] = attrs.Factory(list)  # x0, x1, cap x
    bar: tuple[float, float] | None = None
    fade: tuple[float, float] | None = None  # from, to: opaque at `from`
    arrows: list[tuple[float, str]] = attrs.Factory(list)  # x, ">" or "<"
    end_tick: float | None = None
    track: int = 0

    def extent(self, radius: float) -> tuple[float, float]:
        xs = [self.anchor - radius, self.anchor + radius]
        for a, b in self.bands:
            xs += [a, b]
        for a, b, _ in self.whiskers:
            xs += [a, b]
        for pair in (self.bar, self.fade):
            if pair is not None:
                xs += list(pair)
        return min(xs), max(xs)


def _time_extents(
    spans: Sequence[EdtfDate | EdtfInterval], extra: Sequence[int]
) -> list[tuple[int, int]]:
    """The instants the events occupy on the axis (fuzzy bounds included).

    An open end (`..`) occupies everything up to the last instant anything
    else reaches (and an open start from the first): an ongoing event leaves no
    empty stretch to collapse. An unknown end occupies only its known side.
    """
    found: list[tuple[int | None, int | None]] = []
    for span in spans:
        if isinstance(span, EdtfDate):
            found.append((span.lower_fuzzy, span.upper_fuzzy))
            continue
        start, end = span.start, span.end
        lo = start.lower_fuzzy if isinstance(start, EdtfDate) else None
        hi = end.upper_fuzzy if isinstance(end, EdtfDate) else None
        if lo is None and start is End.UNKNOWN and isinstance(end, EdtfDate):
            lo = end.lower
        if hi is None and end is End.UNKNOWN and isinstance(start, EdtfDate):
            hi = start.upper
        found.append((lo, hi))
    known = [t for pair in found for t in pair if t is not None] + list(extra)
    if not known:
        return []
    first, last = min(known), max(known)
    extents = [(first if lo is None else lo, last if hi is None else hi) for lo, hi in found]
    extents += [(t, t) for t in extra]
    return [(min(lo, hi), max(lo, hi)) for lo, hi in extents]


def _middle(date: EdtfDate) -> int:
    return (date.lower + date.upper) // 2


def _geometry(
    entry: Entry, lane: int, rank: int, scale: _axis.Scale, left: float, right: float
) -> _Geo:
    def x(t: int) -> float:
        return min(right, max(left, scale.x(t)))

    def precision(date: EdtfDate, geo: _Geo, sides: str = "lr") -> None:
        a, b = x(date.lower), x(date.upper)
        if b - a >= 3:
            geo.bands.append((a, b))
        if "l" in sides and date.lower_fuzzy < date.lower:
            fa = x(date.lower_fuzzy)
            if a - fa >= 1.5:
                geo.whiskers.append((fa, a, fa))
        if "r" in sides and date.upper_fuzzy > date.upper:
            fb = x(date.upper_fuzzy)
            if fb - b >= 1.5:
                geo.whiskers.append((b, fb, fb))

    span = entry.event.span
    if isinstance(span, EdtfDate):
        geo = _Geo(entry, lane, rank, x(_middle(span)))
        precision(span, geo)
        return geo
    start, end = span.start, span.end
    xs = x(_middle(start)) if isinstance(start, EdtfDate) else None
    xe = x(_middle(end)) if isinstance(end, EdtfDate) else None
    geo = _Geo(entry, lane, rank, xs if xs is not None else xe if xe is not None else left)
    if isinstance(start, EdtfDate):
        precision(start, geo, "l")
    if isinstance(end, EdtfDate):
        precision(end, geo, "r")
    if start is End.OPEN:
        xs = left
        geo.arrows.append((left, "<"))
    if end is End.OPEN:
        xe = right
        geo.arrows.append((right, ">"))
    if xs is not None and xe is not None:
        if xe > xs:
            geo.bar = (xs, xe)
        if isinstance(end, EdtfDate):
            geo.end_tick = xe
    elif xs is not None:  # unknown end
        geo.fade = (xs, min(right, xs + FADE))
    elif xe is not None:  # unknown start
        geo.fade = (xe, max(left, xe - FADE))
    return geo


# ---------------------------------------------------------------- the chart


@attrs.define
class _Chart:
    figure: Figure
    title: str
    desc: str
    prefix: str
    hovers: dict[str, list[str]]  # marker group gid -> hover text of each marker, in order
    labels: list[Text]  # the Text artists of event labels
    markers: list[tuple[float, float, float, float]]  # event marker boxes, points
    unlabelled: int


@attrs.frozen
class _Shape:
    lines: list[str]  # the title, wrapped, with its footnote numbers
    width: float  # of the box, from the stem
    height: float  # date line and title lines
    rows: int


@attrs.frozen
class _LabelText:
    date: str
    shapes: list[_Shape]  # wide and low first, then narrow and tall


def _label_text(entry: Entry, metrics: _Metrics) -> _LabelText:
    refs = f"[{', '.join(str(n) for n in entry.references)}]" if entry.references else ""
    title = _clean(entry.event.title)
    date = _clean(entry.label)
    date_width = metrics.width(date, DATE_SIZE, True)
    shapes: list[_Shape] = []
    for wrap, max_lines in SHAPES:
        lines = textwrap.wrap(title, wrap, max_lines=max_lines, placeholder=" …") or [""]
        if refs:
            last = lines[-1]
            if len(last) + 1 + len(refs) <= wrap + 6:
                lines[-1] = f"{last} {refs}".strip()
            elif len(lines) < max_lines:
                lines.append(refs)
            else:
                lines[-1] = last[: max(1, wrap + 4 - len(refs))].rstrip() + "… " + refs
        if shapes and lines == shapes[-1].lines:
            continue
        width = max(date_width, *(metrics.width(line, LABEL_SIZE) for line in lines))
        height = len(lines) * LABEL_SIZE * LINE + DATE_SIZE * LINE + 1
        shapes.append(_Shape(lines, width + TEXT_GAP + 1, height, math.ceil((height + 3) / ROW)))
    return _LabelText(date, shapes)


def _build(job: _Job, *, links: bool = True, pdf: bool = False) -> _Chart:
    from matplotlib.figure import Figure
    from matplotlib.transforms import Affine2D

    presentation = job.presentation
    theme = job.theme
    metrics = _metrics()
    words = _words(presentation.locale)
    width = job.width
    inner = width - 2 * MARGIN

    # Header.
    title_lines = _wrap_width(job.title or "Timeline", TITLE_SIZE, inner, bold=True, max_lines=2)
    subtitle = _clean(presentation.subtitle or "")
    subtitle_lines = _wrap_width(subtitle, SUBTITLE_SIZE, inner, max_lines=2) if subtitle else []
    header = MARGIN + len(title_lines) * TITLE_SIZE * LINE
    header += (3 + len(subtitle_lines) * SUBTITLE_SIZE * LINE) if subtitle_lines else 0
    header += 10

    # Lanes and the gutter of their names.
    lanes = presentation.lanes
    named = len(lanes) > 1 or lanes[0] != ""
    lane_names = [_clean(lane) if lane else words["other"] for lane in lanes]
    lane_lines = [
        _wrap_width(name, LANE_SIZE, LANE_NAME_WIDTH, bold=True, max_lines=3) if named else []
        for name in lane_names
    ]
    gutter = (
        max(metrics.width(line, LANE_SIZE, True) for lines in lane_lines for line in lines) + 14
        if named
        else 0.0
    )
    left, right = MARGIN + gutter, width - MARGIN
    entries = presentation.entries
    rank_of = {word: i for i, word in enumerate(job.certainty)}

    # The axis.
    as_of = presentation.as_of
    extents = _time_extents(
        [entry.event.span for entry in entries],
        [as_of.lower] if as_of is not None and entries else [],
    )
    start, end = job.window
    scale = _axis.build_scale(extents, left + 6, right - 6, start=start, end=end)

    geos = [
        _geometry(
            entry,
            lanes.index(entry.event.lane or ""),
            rank_of.get(entry.event.certainty, len(job.certainty)),
            scale,
            left,
            right,
        )
        for entry in entries
    ]
    by_lane: list[list[_Geo]] = [[] for _ in lanes]
    for geo in geos:
        by_lane[geo.lane].append(geo)
    tracks = []
    for lane_geos in by_lane:
        assigned = _labels.pack_tracks(
            [geo.extent(4.5) for geo in lane_geos], max_tracks=MAX_TRACKS
        )
        for geo, track in zip(lane_geos, assigned, strict=True):
            geo.track = track
        tracks.append(max(assigned, default=0) + 1)

    # Breaks and ticks.
    break_labels = [
        (piece, _clean(_axis.duration_label(piece.gap, presentation.locale)))
        for piece in scale.breaks
    ]
    reserved = []
    for piece, text in break_labels:
        middle, half = (piece.x0 + piece.x1) / 2, metrics.width(text, TICK_SIZE) / 2
        reserved.append((middle - half, middle + half))
    tick_width = functools.partial(metrics.width, size=TICK_SIZE)
    ticks = (
        _axis.ticks(
            scale, tick_width, presentation.locale, reserved=reserved, left=MARGIN / 2,
            right=width - MARGIN / 2,
        )
        if entries
        else []
    )  # fmt: skip

    # The strip: period titles and the as-of label.
    strip_items: list[tuple[str, float, str]] = []  # text, anchor, kind
    period_bands = []
    for period in presentation.periods:
        band = _period_band(period.span, scale, left, right)
        if band is None:
            continue
        period_bands.append(band)
        strip_items.append((_clean(period.title), max(left, band[0]), "period"))
    as_of_x = None
    if as_of is not None and entries:
        x = scale.x(as_of.lower)
        if left <= x <= right:
            as_of_x = x
            text = words["as_of"].format(date=_clean(date_label(as_of, presentation.locale)))
            strip_items.append((text, x, "as_of"))
    strip_placed = _labels.place_labels(
        [
            _labels.Label(i, anchor, ((metrics.width(text, STRIP_SIZE) + TEXT_GAP + 2, 1),))
            for i, (text, anchor, _) in enumerate(strip_items)
        ],
        lo=left,
        hi=right,
        max_rows=3,
        gap=8,
        stems=False,
    )
    strip_rows = max((p.row + 1 for p in strip_placed.values()), default=0)
    strip = strip_rows * STRIP_ROW + (4 if strip_rows else 0)

    # Labels: rows for them, their texts measured only when they have a chance.
    texts = _Texts(geos, metrics)
    legend_items = _legend_items(geos, job)
    legend_rows = _flow(legend_items, metrics, inner)
    footnotes = _footnote_layout(presentation, metrics, inner)
    axis_height = 8 + TICK_SIZE * LINE + 8
    legend_height = (len(legend_rows) * 15 + 4) if legend_rows else 0
    most = f"{len(entries):,}"
    note_text = words["unlabelled"] + (words["hover"] if links and not pdf else "")
    note_lines = len(_wrap_width(note_text.format(n=most, total=most), NOTE_SIZE, inner))
    note_height = note_lines * NOTE_SIZE * LINE + 6
    fixed = header + strip + axis_height + legend_height + note_height + footnotes.height + MARGIN
    bases = [LANE_PAD_BOTTOM + n * TRACK + LABEL_LIFT + LANE_PAD_TOP for n in tracks]
    budget = int((job.min_height - fixed - sum(bases)) // ROW)
    roomy = max(
        int((job.min_height * GROWTH - fixed - sum(bases)) // ROW),
        int(ROOMY_ROWS * len(lanes)),
    )
    placements = _place_all(by_lane, texts, geos, left, right, budget, roomy)
    rows = [max((p.row + p.rows for p in lane.values()), default=0) for lane in placements]
    if not entries:
        rows = [MIN_ROWS]
    lane_heights = [base + n * ROW for base, n in zip(bases, rows, strict=True)]
    labelled = sum(len(lane) for lane in placements)
    unlabelled = len(entries) - labelled
    if not unlabelled:
        fixed -= note_height
    height = max(job.min_height, fixed + sum(lane_heights))
    # Spare height goes to the lanes, partly under the markers, so that the
    # content of a roomy lane sits in its middle rather than on its floor.
    grow = (height - fixed - sum(lane_heights)) / len(lane_heights)
    lane_heights = [h + grow for h in lane_heights]
    lift = LANE_PAD_BOTTOM + grow * LIFT_SHARE

    figure = Figure(figsize=(width / 72, height / 72), dpi=72, facecolor=theme.background)
    pt = Affine2D().scale(1 / 72) + figure.dpi_scale_trans
    draw = _Drawer(figure, pt, metrics, theme, links)
    draw.pdf = pdf

    # Header.
    y = height - MARGIN
    draw.text(MARGIN, y, "\n".join(title_lines), TITLE_SIZE, theme.text, va="top", bold=True)
    y -= len(title_lines) * TITLE_SIZE * LINE
    if subtitle_lines:
        y -= 3
        draw.text(MARGIN, y, "\n".join(subtitle_lines), SUBTITLE_SIZE, theme.muted, va="top")
    strip_top = height - header
    lanes_top = strip_top - strip
    axis_y = lanes_top - sum(lane_heights)

    # Lane backgrounds, names and base lines.
    tops = []
    y = lanes_top
    fills: dict[str, list[tuple[float, float, float, float]]] = {}
    for i, lane_height in enumerate(lane_heights):
        tops.append(y)
        fills.setdefault(theme.lane_fills[i % 2], []).append((MARGIN, y - lane_height, right, y))
        y -= lane_height
    for color, rects in fills.items():
        draw.rects(rects, color, zorder=0)
    track_y = [
        [top - h + lift + (t + 0.5) * TRACK for t in range(n)]
        for top, h, n in zip(tops, lane_heights, tracks, strict=True)
    ]
    draw.segments([((left, ys[0]), (right, ys[0])) for ys in track_y], theme.faint, 0.8, zorder=1)
    for i, lines in enumerate(lane_lines):
        if lines:
            color = theme.accents[i % len(theme.accents)]
            draw.text(
                MARGIN, track_y[i][0], "\n".join(lines), LANE_SIZE, color, va="center", bold=True
            )

    # Periods, grid, as-of line, breaks.
    band_top = strip_top - 1 if strip else lanes_top
    for x0, x1, fuzzy0, fuzzy1 in period_bands:
        draw.rects([(x0, axis_y, x1, band_top)], theme.period_fill, zorder=0.5, alpha=0.75)
        for a, b in ((fuzzy0, x0), (x1, fuzzy1)):
            if b - a > 0.5:
                draw.rects([(a, axis_y, b, band_top)], theme.period_fill, zorder=0.5, alpha=0.35)
    for index, placement in strip_placed.items():
        text, anchor, kind = strip_items[index]
        row_y = strip_top - 2 - placement.row * STRIP_ROW
        color = theme.as_of if kind == "as_of" else theme.period_text
        x, ha = (
            (anchor + TEXT_GAP, "left")
            if placement.side == "right"
            else (anchor - TEXT_GAP, "right")
        )
        draw.text(x, row_y, text, STRIP_SIZE, color, va="top", ha=ha, italic=kind == "period")
    if ticks:
        draw.segments(
            [((tick.x, axis_y), (tick.x, lanes_top)) for tick in ticks], theme.faint, 0.5,
            zorder=0.6, alpha=0.6,
        )  # fmt: skip
    if as_of_x is not None:
        draw.segments(
            [((as_of_x, axis_y), (as_of_x, band_top))], theme.as_of, 1.0, zorder=1.5,
            dashes=(4, 3),
        )  # fmt: skip
    for piece, _ in break_labels:
        x0, x1 = piece.x0 + BREAK_INSET, piece.x1 - BREAK_INSET
        draw.rects([(x0, axis_y, x1, lanes_top)], theme.background, zorder=0.8)
        for x in (x0, x1):
            draw.zigzag(x, axis_y, lanes_top, theme.muted)

    # Events.
    hovers, markers = _draw_events(draw, geos, track_y, job)

    # Labels and their stems.
    label_texts: list[Text] = []
    stems = []
    for lane_index, lane_placements in enumerate(placements):
        top, lane_height = tops[lane_index], lane_heights[lane_index]
        base = top - lane_height + lift + tracks[lane_index] * TRACK + LABEL_LIFT
        # Behind each label, a box of the lane's colour: grid, period and as-of
        # lines pass behind the text instead of through it.
        draw.rects(
            [
                (
                    p.left, base + p.row * ROW + 0.5, p.right,
                    base + p.row * ROW + texts[i].shapes[p.shape].height + 2.5,
                )
                for i, p in lane_placements.items()
            ],
            theme.lane_fills[lane_index % 2], zorder=2.8, alpha=0.8,
        )  # fmt: skip
        for index, placement in sorted(lane_placements.items()):
            geo, shape = geos[index], texts[index].shapes[placement.shape]
            y0 = base + placement.row * ROW + 1.5
            marker_top = track_y[lane_index][geo.track] + 4.5
            stems.append(((geo.anchor, marker_top), (geo.anchor, y0 + shape.height)))
            if placement.side == "right":
                x, ha = geo.anchor + TEXT_GAP, "left"
            else:
                x, ha = geo.anchor - TEXT_GAP, "right"
            color = theme.accents[geo.lane % len(theme.accents)]
            label_texts.append(
                draw.text(
                    x,
                    y0,
                    "\n".join(shape.lines),
                    LABEL_SIZE,
                    theme.text,
                    va="bottom",
                    ha=ha,
                    zorder=7,
                )
            )
            label_texts.append(
                draw.text(
                    x, y0 + len(shape.lines) * LABEL_SIZE * LINE + 1, texts[index].date,
                    DATE_SIZE, color, va="bottom", ha=ha, bold=True, zorder=7,
                )
            )  # fmt: skip
    if stems:
        draw.segments(stems, theme.faint, 0.7, zorder=3)

    if not entries:
        middle = (tops[0] + axis_y) / 2
        draw.text(
            (left + right) / 2,
            middle,
            words["empty"],
            SUBTITLE_SIZE,
            theme.muted,
            ha="center",
            va="center",
        )

    # The axis.
    y = axis_y
    if entries:
        xs = (
            [left]
            + [
                v
                for piece, _ in break_labels
                for v in (piece.x0 + BREAK_INSET, piece.x1 - BREAK_INSET)
            ]
            + [right]
        )
        draw.segments(
            [((xs[i], y), (xs[i + 1], y)) for i in range(0, len(xs), 2)], theme.muted, 0.9, zorder=2
        )
        draw.segments([((t.x, y), (t.x, y - 4)) for t in ticks], theme.muted, 0.8, zorder=2)
        for tick in ticks:
            draw.text(
                tick.x, y - 6, _clean(tick.label), TICK_SIZE, theme.muted, ha="center", va="top"
            )
        for piece, text in break_labels:
            for x in (piece.x0 + BREAK_INSET, piece.x1 - BREAK_INSET):
                draw.segments([((x - 2.5, y - 4), (x + 2.5, y + 4))], theme.muted, 1.0, zorder=2)
            draw.text(
                (piece.x0 + piece.x1) / 2, y - 6, text, TICK_SIZE, theme.muted,
                ha="center", va="top", italic=True,
            )  # fmt: skip
    y -= axis_height

    # Legend, the unlabelled note, footnotes.
    y = _draw_legend(draw, legend_rows, MARGIN, y - 2, job)
    y -= legend_height - len(legend_rows) * 15
    if unlabelled:
        note = note_text.format(n=f"{unlabelled:,}", total=f"{len(entries):,}")
        note = "\n".join(_wrap_width(note, NOTE_SIZE, inner))
        draw.text(MARGIN, y, note, NOTE_SIZE, theme.muted, va="top", italic=True)
        y -= note_height
    _draw_footnotes(draw, footnotes, MARGIN, y, words)

    return _Chart(
        figure, job.title or "Timeline", _description(presentation, words), job.prefix,
        hovers, label_texts, markers, unlabelled,
    )  # fmt: skip


def _period_band(
    span: EdtfDate | EdtfInterval, scale: _axis.Scale, left: float, right: float
) -> tuple[float, float, float, float] | None:
    """(x0, x1, fuzzy x0, fuzzy x1) of a period band, clipped; None when off the axis."""
    lo: int | None
    hi: int | None
    flo: int | None
    fhi: int | None
    if isinstance(span, EdtfDate):
        lo, hi, flo, fhi = span.lower, span.upper, span.lower_fuzzy, span.upper_fuzzy
    else:
        start, end = span.start, span.end
        if isinstance(start, EdtfDate):
            lo, flo = start.lower, start.lower_fuzzy
        elif isinstance(end, EdtfDate) and start is End.UNKNOWN:
            lo = flo = end.lower
        else:
            lo = flo = None
        if isinstance(end, EdtfDate):
            hi, fhi = end.upper, end.upper_fuzzy
        elif isinstance(start, EdtfDate) and end is End.UNKNOWN:
            hi = fhi = start.upper
        else:
            hi = fhi = None

    def x(t: int | None, default: float) -> float:
        return default if t is None else min(right, max(left, scale.x(t)))

    x0, x1 = x(lo, left), x(hi, right)
    if x1 - x0 < 1:
        return None
    return x0, x1, x(flo, left), x(fhi, right)


class _Texts:
    """The label texts of events, made on first use (most are never shown)."""

    def __init__(self, geos: list[_Geo], metrics: _Metrics) -> None:
        self._geos = geos
        self._metrics = metrics
        self._made: dict[int, _LabelText] = {}

    def __getitem__(self, index: int) -> _LabelText:
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = _label_text(self._geos[index].entry, self._metrics)
        return made

    def min_width(self, index: int) -> float:
        """A lower bound of the label's width, cheap: its date line."""
        date = _clean(self._geos[index].entry.label)
        return self._metrics.width(date, DATE_SIZE, True) + TEXT_GAP + 1

    def sizes(self, index: int) -> tuple[tuple[float, int], ...]:
        return tuple((shape.width, shape.rows) for shape in self[index].shapes)


def _place_all(
    by_lane: list[list[_Geo]],
    texts: _Texts,
    geos: list[_Geo],
    left: float,
    right: float,
    budget: int,
    roomy: int,
) -> list[dict[int, _labels.Placement]]:
    """Label placements per lane (keys index `geos`), within a shared row budget.

    When every label fits in `roomy` rows, all are placed (the chart grows up
    to GROWTH times its height); otherwise the lanes share `budget` rows, each
    keeping at least MIN_ROWS, and the weakest labels give way.
    """
    index_of = {id(geo): i for i, geo in enumerate(geos)}
    candidates = [
        [
            _labels.Label(
                index_of[id(geo)], geo.anchor,
                functools.partial(texts.sizes, index_of[id(geo)]), (geo.rank, -geo.anchor),
                texts.min_width(index_of[id(geo)]),
            )
            for geo in lane
        ]
        for lane in by_lane
    ]  # fmt: skip

    def place(labels: list[_labels.Label], max_rows: int) -> dict[int, _labels.Placement]:
        return _labels.place_labels(labels, lo=left, hi=right, max_rows=max_rows)

    placements = [place(labels, MAX_ROWS) for labels in candidates]
    needed = [max((p.row + p.rows for p in lane.values()), default=0) for lane in placements]
    everyone = sum(len(lane) for lane in placements) == len(geos)
    if sum(needed) <= budget or (everyone and sum(needed) <= roomy):
        return placements
    level = MIN_ROWS
    while level < MAX_ROWS and sum(min(n, level + 1) for n in needed) <= budget:
        level += 1
    return [
        place(labels, level) if n > level else placed
        for labels, n, placed in zip(candidates, needed, placements, strict=True)
    ]


# ---------------------------------------------------------------- drawing


class _Drawer:
    """Adds artists to the figure in point coordinates (origin bottom left)."""

    def __init__(
        self, figure: Figure, transform: Transform, metrics: _Metrics, theme: _themes.Theme,
        links: bool,
    ) -> None:  # fmt: skip
        from matplotlib.font_manager import FontProperties

        self.figure = figure
        self.transform = transform
        self.metrics = metrics
        self.theme = theme
        self.links = links  # False for rasters, which cannot hold links
        self.pdf = False
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
        self, rects: Sequence[tuple[float, float, float, float]], color: str, *,
        zorder: float, alpha: float = 1.0,
    ) -> None:  # fmt: skip
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
        self, segments: Sequence[tuple[tuple[float, float], ...]], color: Any, width: float, *,
        zorder: float, alpha: float = 1.0, dashes: tuple[float, ...] | None = None,
        gid: str | None = None,
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
            transform=self.transform, zorder=zorder, capstyle="butt", gid=gid,
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

    def zigzag(self, x: float, y0: float, y1: float, color: str) -> None:
        points, y, side = [], y0, 1
        while y < y1:
            points.append((x + 1.2 * side, y))
            y += 3
            side = -side
        points.append((x, y1))
        self.segments([tuple(points)], color, 0.6, zorder=0.9, alpha=0.6)


def _rgba(color: str, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(color, alpha)


def _draw_events(
    draw: _Drawer, geos: list[_Geo], track_y: list[list[float]], job: _Job
) -> tuple[dict[str, list[str]], list[tuple[float, float, float, float]]]:
    """Bands, whiskers, bars, tails, arrows and markers; one artist per lane and style."""
    theme = job.theme
    count = len(job.certainty)
    hovers: dict[str, list[str]] = {}
    boxes: list[tuple[float, float, float, float]] = []
    groups: dict[tuple[int, int], list[_Geo]] = {}
    for geo in geos:
        groups.setdefault((geo.lane, geo.rank), []).append(geo)
    lanes = sorted({geo.lane for geo in geos})
    for lane in lanes:
        color = theme.accents[lane % len(theme.accents)]
        lane_geos = [geo for geo in geos if geo.lane == lane]
        ys = track_y[lane]
        bands = [
            (a, ys[g.track] - BAND_HEIGHT / 2, b, ys[g.track] + BAND_HEIGHT / 2)
            for g in lane_geos
            for a, b in g.bands
        ]
        draw.rects(bands, color, zorder=2, alpha=theme.band_alpha)
        whiskers = []
        for g in lane_geos:
            y = ys[g.track]
            for a, b, cap in g.whiskers:
                whiskers.append(((a, y), (b, y)))
                whiskers.append(((cap, y - 3.5), (cap, y + 3.5)))
        draw.segments(whiskers, color, 1.1, zorder=2.5, dashes=(1, 1.6))
        fades = []
        for g in lane_geos:
            if g.fade is not None:
                a, b = g.fade
                steps = 8
                for k in range(steps):
                    x0, x1 = a + (b - a) * k / steps, a + (b - a) * (k + 1) / steps
                    fades.append((((x0, ys[g.track]), (x1, ys[g.track])), 0.85 * (1 - k / steps)))
        if fades:
            from matplotlib.collections import LineCollection

            collection = LineCollection(
                [segment for segment, _ in fades],
                colors=[_rgba(color, alpha) for _, alpha in fades],
                linewidths=3.5, transform=draw.transform, zorder=3, capstyle="butt",
            )  # fmt: skip
            draw.figure.add_artist(collection)
    for group_number, ((lane, rank), members) in enumerate(sorted(groups.items())):
        color = theme.accents[lane % len(theme.accents)]
        style = _themes.certainty_style(rank, count)
        ys = track_y[lane]
        bars = [((g.bar[0], ys[g.track]), (g.bar[1], ys[g.track])) for g in members if g.bar]
        draw.segments(bars, color, 3.5, zorder=3, alpha=style.alpha, dashes=style.dashes)
        ends = [(g.end_tick, ys[g.track]) for g in members if g.end_tick is not None]
        draw.markers(ends, style, color, marker="|", size=9, zorder=4)
        for symbol in ("<", ">"):
            arrows = [(x, ys[g.track]) for g in members for x, s in g.arrows if s == symbol]
            draw.markers(arrows, _FILLED, color, marker=symbol, size=7, zorder=4)
        gid = f"events-{group_number}"
        points = [(g.anchor, ys[g.track]) for g in members]
        draw.markers(points, style, color, gid=gid, zorder=5)
        hovers[gid] = [_hover(g.entry) for g in members]
        half = style.size / 2 + 0.65
        boxes += [(x - half, y - half, x + half, y + half) for x, y in points]
        boxes += [(x - 1, y - 4.5, x + 1, y + 4.5) for x, y in ends]
    return hovers, boxes


_FILLED = _themes.CertaintyStyle("o", "full", None, 7.0, 1.0)


def _hover(entry: Entry) -> str:
    event = entry.event
    return f"{_clean(event.title)}\n{_clean(entry.label)} · {_clean(event.certainty)}"


# ---------------------------------------------------------------- legend


@attrs.frozen
class _LegendItem:
    kind: str  # "label", "certainty", "precision", "fuzzy", "open", "unknown"
    text: str
    rank: int = 0


def _legend_items(geos: list[_Geo], job: _Job) -> list[_LegendItem]:
    if not geos:
        return []
    words = _words(job.presentation.locale)
    ranks = sorted({geo.rank for geo in geos})
    scale = job.certainty
    items = [_LegendItem("label", words["certainty"])]
    for rank in ranks:
        word = scale[rank] if rank < len(scale) else "?"
        items.append(_LegendItem("certainty", _clean(word), rank))
    if any(geo.bands for geo in geos):
        items.append(_LegendItem("precision", words["precision"]))
    if any(geo.whiskers for geo in geos):
        items.append(_LegendItem("fuzzy", words["fuzzy"]))
    if any(geo.arrows for geo in geos):
        items.append(_LegendItem("open", words["open"]))
    if any(geo.fade for geo in geos):
        items.append(_LegendItem("unknown", words["unknown"]))
    return items


GLYPH = 30.0


def _flow(
    items: list[_LegendItem], metrics: _Metrics, width: float
) -> list[list[tuple[float, _LegendItem]]]:
    """Legend items in rows: (x offset, item)."""
    rows: list[list[tuple[float, _LegendItem]]] = []
    x = 0.0
    row: list[tuple[float, _LegendItem]] = []
    for item in items:
        bold = item.kind == "label"
        w = metrics.width(item.text, LEGEND_SIZE, bold) + (0 if bold else GLYPH + 4)
        if row and x + w > width:
            rows.append(row)
            row, x = [], 0.0
        row.append((x, item))
        x += w + 14
    if row:
        rows.append(row)
    return rows


def _draw_legend(
    draw: _Drawer, rows: list[list[tuple[float, _LegendItem]]], x0: float, y: float, job: _Job
) -> float:
    theme = job.theme
    color = theme.muted
    for row in rows:
        cy = y - 7
        for dx, item in row:
            x = x0 + dx
            if item.kind == "label":
                draw.text(
                    x, cy, item.text, LEGEND_SIZE, theme.text, va="center_baseline", bold=True
                )
                continue
            g0, g1 = x + 2, x + GLYPH - 2
            if item.kind == "certainty":
                style = _themes.certainty_style(item.rank, len(job.certainty))
                draw.segments(
                    [((g0 + 6, cy), (g1, cy))],
                    color,
                    3.5,
                    zorder=3,
                    alpha=style.alpha,
                    dashes=style.dashes,
                )
                draw.markers([(g0 + 5, cy)], style, theme.text, zorder=5)
            elif item.kind == "precision":
                draw.rects(
                    [(g0, cy - BAND_HEIGHT / 2, g1, cy + BAND_HEIGHT / 2)],
                    color,
                    zorder=2,
                    alpha=theme.band_alpha + 0.1,
                )
                draw.markers([((g0 + g1) / 2, cy)], _FILLED, theme.text, zorder=5, size=6)
            elif item.kind == "fuzzy":
                draw.segments(
                    [
                        ((g0, cy), (g1, cy)),
                        ((g0, cy - 3.5), (g0, cy + 3.5)),
                        ((g1, cy - 3.5), (g1, cy + 3.5)),
                    ],
                    color,
                    1.1,
                    zorder=2.5,
                    dashes=(1, 1.6),
                )
            elif item.kind == "open":
                draw.segments([((g0, cy), (g1 - 3, cy))], color, 3.5, zorder=3)
                draw.markers([(g1 - 2, cy)], _FILLED, color, marker=">", size=7, zorder=4)
            else:
                for k in range(6):
                    a = g0 + (g1 - g0) * k / 6
                    b = g0 + (g1 - g0) * (k + 1) / 6
                    draw.segments(
                        [((a, cy), (b, cy))], color, 3.5, zorder=3, alpha=0.85 * (1 - k / 6)
                    )
            draw.text(x + GLYPH + 4, cy, item.text, LEGEND_SIZE, theme.text, va="center_baseline")
        y -= 15
    return y


# ---------------------------------------------------------------- footnotes


@attrs.frozen
class _Footnote:
    number: str
    lines: list[str]
    url_text: str | None
    url: str | None  # only http(s): the link target
    url_inline: bool  # on the body's last line (else on its own line)
    url_x: float  # x offset of the URL when inline

    @property
    def line_count(self) -> int:
        return len(self.lines) + (0 if self.url_text is None or self.url_inline else 1)


@attrs.frozen
class _Footnotes:
    columns: list[list[_Footnote]]
    column_width: float
    indent: float
    height: float


def _footnote_layout(presentation: Presentation, metrics: _Metrics, width: float) -> _Footnotes:
    sources = presentation.sources
    if not sources:
        return _Footnotes([], width, 0, 0)
    count = 2 if width >= 600 and len(sources) > 1 else 1
    gap = 24.0
    column_width = (width - gap * (count - 1)) / count
    indent = metrics.width(f"[{len(sources)}]", FOOT_SIZE, True) + 5
    body_width = column_width - indent
    notes = []
    for number, _key, source in sources:
        parts = []
        if source.publisher:
            parts.append(_clean(source.publisher))
        parts.append(f"“{_clean(source.title)}”")
        if source.published is not None:
            parts.append(_clean(date_label(source.published, presentation.locale)))
        body = ", ".join(parts) + "."
        lines = _wrap_width(body, FOOT_SIZE, body_width, max_lines=4)
        url_text = url = None
        inline, url_x = False, 0.0
        if source.url:
            raw = _clean(source.url)
            if urlsplit(raw).scheme.lower() in ("http", "https") if _parsable(raw) else False:
                url = raw
            url_text = _wrap_width(raw.replace(" ", "\u00a0"), FOOT_SIZE, body_width, max_lines=1)[
                0
            ]
            last = metrics.width(lines[-1] + " ", FOOT_SIZE)
            if last + metrics.width(url_text, FOOT_SIZE) <= body_width:
                inline, url_x = True, last
        notes.append(_Footnote(f"[{number}]", lines, url_text, url, inline, url_x))
    total = sum(note.line_count for note in notes)
    target = math.ceil(total / count)
    columns: list[list[_Footnote]] = [[]]
    filled = 0
    for note in notes:
        if filled >= target and len(columns) < count:
            columns.append([])
            filled = 0
        columns[-1].append(note)
        filled += note.line_count
    lines_tall = max(sum(note.line_count for note in column) for column in columns)
    height = FOOT_SIZE * LINE * 1.3 + 4 + lines_tall * FOOT_SIZE * LINE + 4 * len(notes) / count
    return _Footnotes(columns, column_width + gap, indent, height)


def _parsable(url: str) -> bool:
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _draw_footnotes(
    draw: _Drawer, layout: _Footnotes, x0: float, y: float, words: dict[str, str]
) -> None:
    if not layout.columns:
        return
    theme = draw.theme
    draw.text(x0, y, words["sources"], FOOT_SIZE + 1, theme.text, va="top", bold=True)
    y -= FOOT_SIZE * LINE * 1.3 + 4
    pitch = FOOT_SIZE * LINE
    for column_index, column in enumerate(layout.columns):
        x = x0 + column_index * layout.column_width
        cy = y
        for note in column:
            draw.text(x, cy, note.number, FOOT_SIZE, theme.muted, va="top", bold=True)
            lines = list(note.lines)
            merge = note.url_text is not None and note.url_inline and not draw.links
            if merge:  # a raster has no links: one text, no gap to guess
                lines[-1] += f" {note.url_text}"
            draw.text(x + layout.indent, cy, "\n".join(lines), FOOT_SIZE, theme.muted, va="top")
            if note.url_text is not None and not merge:
                if note.url_inline:
                    ux, uy = x + layout.indent + note.url_x, cy - (len(note.lines) - 1) * pitch
                else:
                    ux, uy = x + layout.indent, cy - len(note.lines) * pitch
                draw.text(
                    ux, uy, note.url_text, FOOT_SIZE, theme.link if note.url else theme.muted,
                    va="top", url=note.url,
                )  # fmt: skip
            cy -= note.line_count * pitch + 4


# ---------------------------------------------------------------- description and post-processing


def _description(presentation: Presentation, words: dict[str, str]) -> str:
    entries = presentation.entries
    parts = []
    if presentation.subtitle:
        parts.append(_clean(presentation.subtitle).rstrip(".") + ".")
    if entries:
        first = entries[0].label
        last = entries[-1].label
        text = words["events"].format(n=len(entries), first=_clean(first), last=_clean(last))
        names = [_clean(lane) for lane in presentation.lanes if lane]
        if names:
            text += " " + words["lanes"].format(names=", ".join(names))
        parts.append(text + ".")
    else:
        parts.append(words["empty"])
    if presentation.sources:
        parts.append(words["cited"].format(n=len(presentation.sources)) + ".")
    return " ".join(parts)


_HOVER_GROUP = re.compile(
    r'(<g id="(events-\d+)">\s*(?:<defs>\s*<path [^>]*/>\s*</defs>\s*)?<g[^>]*>)'
    r"((?:\s*<use [^>]*/>)+)"
)
_USE = re.compile(r"<use [^>]*/>")
_TAG = re.compile(r"<[^<>!?][^<>]*>")
_ATTRIBUTE = re.compile(r'([\w:.-]+)="([^"]*)"')


def _finish_svg(svg: str, chart: _Chart) -> str:
    """Hover titles into the markers, ids prefixed, <title>/<desc> first."""

    def titled(match: re.Match[str]) -> str:
        texts = chart.hovers.get(match[2], [])
        uses = _USE.findall(match[3])
        if len(uses) != len(texts):  # not what we drew: leave it as it is
            return match[0]
        body = "".join(
            f"\n    {use[:-2]}><title>{_escape(text)}</title></use>"
            for use, text in zip(uses, texts, strict=True)
        )
        return match[1] + body

    svg = _HOVER_GROUP.sub(titled, svg)
    prefix = chart.prefix

    def attribute(match: re.Match[str]) -> str:
        name, value = match[1], match[2]
        if name == "id":
            value = prefix + value
        elif name in ("xlink:href", "href"):
            if value.startswith("#"):
                value = "#" + prefix + value[1:]
        elif "url(#" in value:
            value = value.replace("url(#", "url(#" + prefix)
        return f'{name}="{value}"'

    svg = _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag[0]), svg)
    start = svg.index("<svg ")
    end = svg.index(">", start)
    title_id, desc_id = f"{prefix}title", f"{prefix}desc"
    head = (
        # No role="img": that would hide the events' own titles from screen readers.
        f' aria-labelledby="{title_id} {desc_id}">\n'
        f' <title id="{title_id}">{_escape(chart.title)}</title>\n'
        f' <desc id="{desc_id}">{_escape(chart.desc)}</desc>'
    )
    return svg[:end] + head + svg[end + 1 :]
