"""Fitting the chart to its size: text sizes, label rows, numbers and the key (no matplotlib).

Without a `size` (`job.exact` false) the chart is as tall as its content, at
full text size: when every label fits in GROWTH times the minimum height (or in
ROOMY_ROWS label rows a lane), every event is labelled; otherwise the labels
get the rows of the minimum height (at least MIN_ROWS a lane), and the chart
grows by whatever else it holds (the numbered key, many lanes, the sources).

With a `size` the page is exact. The chart is tried at each text scale of
`fonts.SCALES`, largest first; at each, the label rows start at all the page
leaves and shrink, row by row, while the rows and the key they leave take more
than the page holds: labels give way to numbers in the key. When even no label
rows at the smallest text size leave room for the key, the key (and then the
sources) is cut short, with a line saying how much is left out; that keeps
every event that fits identified rather than shrinking text further.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from timeline.render.chart import key as _key
from timeline.render.chart import labels as _labels
from timeline.render.chart import notes as _notes
from timeline.render.chart.fonts import SCALES, type_at
from timeline.render.chart.job import Job
from timeline.render.chart.labels import MIN_ROWS, ROW
from timeline.render.chart.parts import Parts, fixed_height, lane_bases, parts
from timeline.render.layout.placement import Placement

__all__ = ["GROWTH", "ROOMY_ROWS", "Fit", "fit"]

GROWTH = 1.25  # a chart without a size grows up to this much taller to label every event,
ROOMY_ROWS = 18  # or to this many label rows per lane
ATTEMPTS = 16  # label-row budgets tried at the smallest text size
UNBOUNDED = 1 << 30  # a row budget no chart reaches
# More events without a label than this and a key would be a directory, not a key
# (and drawing it would cost seconds): the chart then numbers none and says how many
# it left unlabelled.
MAX_NUMBERED = 300

Placements = dict[int, Placement]


@attrs.frozen(slots=True)
class Fit:
    """What the fitting decided: sizes, labels, numbers and the key."""

    parts: Parts
    texts: _labels.Texts = attrs.field(eq=False)
    placements: tuple[Placements, ...]  # per lane: event -> its label's place
    numbered: dict[int, str]  # event -> its number in the key (none past MAX_NUMBERED)
    numbers: tuple[Placements, ...]  # per lane: event -> its number's place
    key: _key.Key
    footnotes: _notes.Footnotes  # as the chart shows them
    wanting: int  # events without a whole label (numbered, unless too many)

    def rows(self) -> list[int]:
        """The label rows each lane takes, numbers included."""
        return [
            max(_labels.rows_used(placed), _labels.rows_used(numbers))
            for placed, numbers in zip(self.placements, self.numbers, strict=True)
        ]

    def shortened(self, event: int) -> bool:
        """Whether `event`'s label (if any) is a shortened one."""
        for placed in self.placements:
            if event in placed:
                return self.texts[event].shapes[placed[event].shape].shortened
        return False


def fit(job: Job) -> Fit:
    """The chart of `job`, fitted to its page (exact) or to its content.

    On an exact page whose key cannot list every numbered event, sources="below"
    moves the whole key after the chart (with the sources), and the chart is fitted
    again with the room it leaves. A page too short to show the chart's header, lanes,
    axis and legend and, at the smallest text, KEY_LINES lines of its key is a
    `PageTooShortError` (an `OptionError` naming `size`)."""
    if not job.exact:
        return _flowing(job)
    found = _exact(job, key_below=False)
    key_below = job.sources == "below" and bool(found.key.more)
    if key_below:
        found = _exact(job, key_below=True)
    _fits_the_page(found, key_below=key_below)
    return found


def _exact(job: Job, *, key_below: bool) -> Fit:
    survey = None  # a dense chart's counts and candidates, made once for every size
    for scale in SCALES[:-1]:
        built = parts(job, type_at(scale), survey)
        found = _fitted(built, last=False, key_below=key_below)
        if found is not None:
            return found
        survey = built.survey
    fitted = _fitted(parts(job, type_at(SCALES[-1]), survey), last=True, key_below=key_below)
    assert fitted is not None
    return fitted


def _room(built: Parts, footnotes: _notes.Footnotes | None = None) -> float:
    """The height the page leaves the label rows and the key (with other `footnotes`)."""
    return built.job.min_height - fixed_height(built, footnotes) - sum(lane_bases(built))


def _need(found: Fit) -> float:
    """The height `found`'s label rows and key take."""
    return sum(found.rows()) * ROW + found.key.height


def _fits_the_page(found: Fit, *, key_below: bool) -> None:
    """Raise `PageTooShortError` if the chart runs off its exact page, or identifies too
    little on it: a page that numbers events must show KEY_LINES lines of its key (or,
    with `key_below`, the line saying the key is after the chart)."""
    from timeline.errors import PageTooShortError

    built, job = found.parts, found.parts.job
    page = job.min_height + 0.01
    least = fixed_height(built, _sources_within(built, 0.0)) + sum(lane_bases(built))
    if found.numbered or found.wanting:
        least += _least_key(built, key_below)
    need = fixed_height(built, found.footnotes) + sum(lane_bases(built)) + _need(found)
    if need <= page and least <= page:
        return
    least = max(least, need)
    raise PageTooShortError(
        f"size: the page is {_inches(job.width)} x {_inches(job.min_height)} in; this"
        f" chart's {_lanes(len(built.by_lane))} a page at least"
        f" {_inches(least, up=True)} in ({_cm(least)} cm) tall to show"
        f" {'them' if len(built.by_lane) != 1 else 'it'} and"
        f" {'a line for the key' if key_below else f'{KEY_LINES} lines of the key'} at the"
        f" smallest text (try {_ways(built)})",
        job.width, job.min_height, least,
    )  # fmt: skip


def _ways(built: Parts) -> str:
    """What would make the chart fit, in words."""
    job = built.job
    ways = ["fewer lanes"] if len(built.by_lane) > 1 else []
    ways += ["no header"] if job.header and built.header else []
    ways += ["sources below"] if job.sources != "below" else []  # the key after the chart
    ways += ["sources none"] if job.sources == "chart" and job.presentation.sources else []
    if not ways:
        return "a taller size"
    listed = ", ".join(ways[:-1]) + " or " + ways[-1] if len(ways) > 1 else ways[0]
    return f"a taller size; {listed} would {'each ' if len(ways) > 1 else ''}save some room"


def _lanes(count: int) -> str:
    return f"{count} lanes need" if count != 1 else "1 lane needs"


def _inches(points: float, *, up: bool = False) -> str:
    """`points` in inches to 0.01 (rounded up with `up`: a height that is enough)."""
    inches = math.ceil(points / 72 * 100 - 1e-6) / 100 if up else round(points / 72, 2)
    return f"{inches:.2f}".rstrip("0").rstrip(".")


def _cm(points: float) -> str:
    """`points` in centimetres to 0.1, rounded up."""
    return f"{math.ceil(points / 72 * 25.4 - 1e-6) / 10:.1f}".rstrip("0").rstrip(".")


def _texts(built: Parts) -> _labels.Texts:
    digits = len(str(max(1, built.primaries)))
    return _labels.Texts(built.events, built.job.metrics, built.sizes, digits)


def _numbering(
    built: Parts, texts: _labels.Texts, placements: Sequence[Placements], caps: Sequence[int]
) -> tuple[dict[int, str], list[Placements], int]:
    """Every event without a whole label numbered, in date order, the numbers placed, and
    how many there are (none numbered past MAX_NUMBERED)."""
    labelled: dict[int, bool] = {}  # event -> shortened
    for placed in placements:
        for event, placement in placed.items():
            labelled[event] = texts[event].shapes[placement.shape].shortened
    numbered: dict[int, str] = {}
    for event in range(built.primaries):  # an echo is never numbered
        if labelled.get(event, True):
            numbered[event] = str(len(numbered) + 1)
    # A dense chart's events are its label candidates: the others all want a label.
    wanting = len(numbered) + len(built.job.presentation.entries) - built.primaries
    if wanting > MAX_NUMBERED or built.survey is not None:
        return {}, [{} for _ in built.by_lane], wanting
    width = built.job.metrics.width("0", built.sizes.number, True)
    numbers = _labels.place_numbers(
        built.by_lane, numbered, built.events, placements, caps, built.left, built.right, width
    )
    return numbered, numbers, wanting


def _key_of(
    built: Parts, numbered: dict[int, str], wanting: int, max_height: float | None = None,
    *, key_below: bool = False,
) -> _key.Key:  # fmt: skip
    if wanting > len(numbered):  # too many to number: a line says how many
        return _key.unlisted(wanting, built.sizes, built.inner)
    if key_below and numbered:  # listed after the chart: a line says where
        return _key.listed_after(len(numbered), built.sizes, built.inner)
    events = built.events
    listed = [(number, event, events[event].entry) for event, number in numbered.items()]
    return _key.key(listed, built.job.metrics, built.sizes, built.inner, max_height=max_height)


def _made(
    built: Parts, texts: _labels.Texts, budget: int, roomy: int, floor: int,
    footnotes: _notes.Footnotes, key_height: float | None = None, *, keys_only: bool = False,
    key_floors: bool = True, key_below: bool = False,
) -> Fit:  # fmt: skip
    placements, caps = _labels.place(
        built.by_lane, texts, built.events, built.left, built.right, budget, roomy, floor=floor,
        keys_only=keys_only, key_floors=key_floors, out_of=len(built.job.presentation.entries),
        exact=built.job.exact,
    )  # fmt: skip
    numbered, numbers, wanting = _numbering(built, texts, placements, caps)
    found = _key_of(built, numbered, wanting, key_height, key_below=key_below)
    return Fit(built, texts, tuple(placements), numbered, tuple(numbers), found, footnotes, wanting)


def _flowing(job: Job) -> Fit:
    built = parts(job, type_at(1.0))
    texts = _texts(built)
    fixed = fixed_height(built)
    bases = sum(lane_bases(built))
    budget = int((job.min_height - fixed - bases) // ROW)
    roomy = max(
        int((job.min_height * GROWTH - fixed - bases) // ROW),
        int(ROOMY_ROWS * len(job.lanes.names)),
    )
    return _made(built, texts, budget, roomy, MIN_ROWS, built.footnotes)


KEY_LINES = 3  # the key's lines a page keeps from its sources, at the least


def _identifying(built: Parts, texts: _labels.Texts) -> float:
    """The height the sources leave, when the page is short, for what identifies the
    events on paper: the key events' label rows, and a key of KEY_LINES lines with its
    heading and its "and N more" line."""
    keys = sum(_labels.key_rows(built.by_lane, texts, built.events, built.left, built.right))
    return keys * ROW + _least_key(built)


def _fitted(built: Parts, *, last: bool, key_below: bool = False) -> Fit | None:
    """The chart at `built`'s sizes on its exact page; None if it does not fit (unless
    `last`: then cut short whatever does not fit); with `key_below`, the key is listed
    after the chart and takes one line here."""
    texts = _texts(built)
    footnotes = built.footnotes
    room = _room(built)  # for the label rows and the key
    if room < 0 and not last:
        return None
    identifying = _identifying(built, texts) if last else 0.0
    if room < identifying:  # the last resort: the sources give way to what identifies events
        footnotes = _sources_within(built, max(0.0, footnotes.height + room - identifying))
        room = max(0.0, _room(built, footnotes))
    budget = int(room // ROW)
    if not last:  # text shrinks before any label gives way to the room
        found = _made(
            built, texts, budget, budget, 0, footnotes, key_floors=False, key_below=key_below
        )
        need = _need(found)
        if need > room:
            return None
        if built.survey is not None:  # only the labels that fit: smaller text when none does
            labelled = any(found.placements) or not built.events
            return found if labelled else None
        free = _made(built, texts, UNBOUNDED, UNBOUNDED, 0, footnotes, key_below=key_below)
        return found if found.wanting == free.wanting else None
    # The key events' labels stay while they fit at all: the others give way first.
    keys = sum(_labels.key_rows(built.by_lane, texts, built.events, built.left, built.right))
    floor = min(keys, budget)
    for _ in range(ATTEMPTS):
        found = _made(
            built, texts, budget, budget, 0, footnotes, key_floors=keys <= budget,
            key_below=key_below,
        )  # fmt: skip
        need = _need(found)
        if need <= room or budget <= floor:
            break
        budget = max(floor, budget - max(1, math.ceil((need - room) / ROW)))
    if need <= room:
        return found
    # The last resort: only key events keep labels, as many as leave room for a key of
    # KEY_LINES lines; the key lists what room is left, taken from the sources when they
    # hold it: what identifies the events on paper comes before what cites them.
    floor = max(0, min(keys, int((room - _least_key(built, key_below)) // ROW)))
    found = _made(
        built, texts, floor, floor, 0, footnotes, keys_only=True, key_floors=False,
        key_below=key_below,
    )  # fmt: skip
    rows = sum(found.rows()) * ROW
    whole = _key_of(built, found.numbered, found.wanting, key_below=key_below).height
    short = whole - (room - rows)
    if short > 0 and footnotes.height > 0 and found.numbered:
        footnotes = _sources_within(built, max(0.0, footnotes.height - short))
        room = max(0.0, _room(built, footnotes))
        found = attrs.evolve(found, footnotes=footnotes)
    key = _key_of(built, found.numbered, found.wanting, max(0.0, room - rows), key_below=key_below)
    return attrs.evolve(found, key=key)


def _least_key(built: Parts, key_below: bool = False) -> float:
    """The height of a key of KEY_LINES one-line entries and its "and N more" line (with
    `key_below`, of the line saying the key is after the chart)."""
    if key_below:
        return _key.listed_after(1, built.sizes, built.inner).height
    return _key.lines_height(KEY_LINES, built.sizes.key, more=True)


def _sources_within(built: Parts, height: float) -> _notes.Footnotes:
    """The chart's numbered sources cut to `height` (a line says how many are left out)."""
    job = built.job
    return _notes.footnotes(
        job.presentation.sources if job.sources == "chart" else (), job.presentation.locale,
        job.metrics, built.inner, built.sizes, max_height=height,
        pins=job.presentation.pins, archived=built.words["archived"],
    )  # fmt: skip
