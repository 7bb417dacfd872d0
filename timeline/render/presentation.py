"""What every renderer shows, decided once: which events, in what order, with
which date labels and which footnote numbers.

The SVG, text and Markdown renderers all start from `present()`, so a filter,
a date label or a footnote number can never differ between them.
"""

from __future__ import annotations

import math

import attrs

from timeline._i18n import N_, pN_, translation
from timeline.dates.edtf import Date, EdtfDate, EdtfInterval, End
from timeline.dates.format import OPEN_END, date_label
from timeline.model.records import Event, Period, Source
from timeline.model.timeline import Timeline
from timeline.render.options import Selection

__all__ = [
    "DEFAULT_WORDS",
    "Entry",
    "Presentation",
    "Section",
    "clip_note",
    "present",
    "sections",
]

# The default certainty scale (model.timeline.DEFAULT_CERTAINTY), marked for
# translation: a chronology that keeps it reads it in the reader's language.
DEFAULT_WORDS = (
    pN_("certainty", "confirmed"), pN_("certainty", "probable"), pN_("certainty", "possible"),
    pN_("certainty", "doubtful"), pN_("certainty", "improbable"), pN_("certainty", "unknown"),
)  # fmt: skip


@attrs.frozen(slots=True)
class Entry:
    """One event as shown: its date label, its certainty word and its footnote numbers."""

    event: Event
    file_index: int  # position in the file, for stable ordering and positions
    label: str
    references: tuple[int, ...]
    certainty: str  # event.certainty as shown: translated when the scale is the default
    # What the selection's date range cuts off, for the outputs to say: the label of
    # the event's start when it began before `date_from`, of its end when it ends
    # after `date_to` (OPEN_END when it has none).
    began: str | None = None
    ends: str | None = None


def clip_note(entry: Entry) -> str | None:
    """'(began 2018)', '(ends 2027)', '(continues)' in English, marked for translation;
    the caller translates and fills in {date}. None when nothing is cut off."""
    if entry.began is not None:
        return N_("(began {date})")
    if entry.ends == OPEN_END:
        return N_("(continues)")
    if entry.ends is not None:
        return N_("(ends {date})")
    return None


def _clipped(span: Date, chosen: Selection, locale: str) -> tuple[str | None, str | None]:
    if not isinstance(span, EdtfInterval):
        return None, None  # a single date's label already shows all of it
    began = ends = None
    start, end = span.start, span.end
    since, lower = chosen.date_from, span.lower
    if since is not None and lower is not None and lower < since.lower:
        began = date_label(start, locale) if isinstance(start, EdtfDate) else None
    to = chosen.date_to
    if to is not None and (span.upper is None or span.upper > to.upper):
        if isinstance(end, EdtfDate):
            ends = date_label(end, locale)
        elif end is End.OPEN:
            ends = OPEN_END
    return began, ends


@attrs.frozen(slots=True)
class Presentation:
    title: str
    subtitle: str | None
    entries: tuple[Entry, ...]
    # Every cited key by footnote number (order of first citation), with its source;
    # None for a key the chronology does not declare (E021), still shown by its key.
    citations: tuple[tuple[int, str, Source | None], ...]
    lanes: tuple[str, ...]  # in display order; "" is the lane of events without one
    periods: tuple[Period, ...]
    as_of: EdtfDate | None
    locale: str
    scale: tuple[str, ...]  # the certainty words as shown, strongest first

    @property
    def sources(self) -> tuple[tuple[int, str, Source], ...]:
        """(number, key, source) of the cited keys the chronology declares."""
        return tuple((n, key, s) for n, key, s in self.citations if s is not None)


def _sort_key(index: int, event: Event) -> tuple[float, float, int]:
    span = event.span
    lower = -math.inf if span.lower is None else span.lower
    upper = math.inf if span.upper is None else span.upper
    return (lower, upper, index)


def _overlaps(date: Date, start: EdtfDate | None, end: EdtfDate | None) -> bool:
    if start is not None and date.upper is not None and date.upper <= start.lower:
        return False
    return not (end is not None and date.lower is not None and date.lower >= end.upper)


def shown_scale(scale: tuple[str, ...], locale: str) -> dict[str, str]:
    """Each word of `scale` as shown in `locale`: the default scale's words translated,
    any other scale's words as the chronology writes them."""
    if scale != DEFAULT_WORDS:
        return {word: word for word in scale}
    words = translation(locale)
    return {word: words.pgettext("certainty", word) for word in scale}


def present(timeline: Timeline, chosen: Selection | None = None) -> Presentation:
    """Select, order, label and number the events of `timeline`."""
    chosen = chosen or Selection()
    scale = timeline.certainty
    shown = shown_scale(scale, chosen.locale)
    weakest = len(scale) if chosen.min_certainty is None else scale.index(chosen.min_certainty)
    rank = {word: i for i, word in enumerate(scale)}
    kept = [
        (index, event)
        for index, event in enumerate(timeline.events)
        if _overlaps(event.span, chosen.date_from, chosen.date_to)
        and (not chosen.lanes or (event.lane or "") in chosen.lanes)
        and (not chosen.tags or any(tag in chosen.tags for tag in event.tags))
        and rank.get(event.certainty, len(scale)) <= weakest
    ]
    kept.sort(key=lambda pair: _sort_key(*pair))
    numbers: dict[str, int] = {}
    entries = []
    for index, event in kept:
        for key in event.source_keys:
            numbers.setdefault(key, len(numbers) + 1)
        references = tuple(numbers[key] for key in event.source_keys)
        label = date_label(event.span, chosen.locale)
        certainty = shown.get(event.certainty, event.certainty)
        began, ends = _clipped(event.span, chosen, chosen.locale)
        entries.append(Entry(event, index, label, references, certainty, began, ends))
    citations = tuple((number, key, timeline.sources.get(key)) for key, number in numbers.items())
    used = {event.lane or "" for _, event in kept}
    lanes = tuple(lane for lane in timeline.lanes if lane in used)
    lanes += tuple(sorted(used - set(lanes)))
    return Presentation(
        timeline.title, timeline.subtitle, tuple(entries), citations, lanes or ("",),
        timeline.periods, timeline.as_of, chosen.locale, tuple(shown.values()),
    )  # fmt: skip


@attrs.frozen(slots=True)
class Section:
    """A run of entries in one period (or in none), for the outputs that rule periods off."""

    period: Period | None
    entries: tuple[Entry, ...]


def _period_of(entry: Entry, periods: tuple[Period, ...]) -> Period | None:
    """The period `entry` starts in; of several, the one that began last."""
    lower = entry.event.span.lower
    start = -math.inf if lower is None else lower
    best: Period | None = None
    for period in periods:
        begins, ends = period.span.lower, period.span.upper
        inside = (begins is None or begins <= start) and (ends is None or start < ends)
        if inside and (best is None or _begins(period) > _begins(best)):
            best = period
    return best


def _begins(period: Period) -> float:
    return -math.inf if period.span.lower is None else period.span.lower


def sections(presentation: Presentation) -> tuple[Section, ...]:
    """The entries cut into runs by the period each starts in (the latest-begun one
    when periods overlap); a period in which no shown event starts has no section."""
    runs: list[tuple[Period | None, list[Entry]]] = []
    for entry in presentation.entries:
        period = _period_of(entry, presentation.periods)
        if runs and runs[-1][0] is period:
            runs[-1][1].append(entry)
        else:
            runs.append((period, [entry]))
    return tuple(Section(period, tuple(entries)) for period, entries in runs)
