"""What every renderer shows, decided once: which events, in what order, with
which date labels and which footnote numbers.

The SVG, text and Markdown renderers all start from `present()`, so a filter,
a date label or a footnote number can never differ between them.

A footnote number stands for one source cited at one place with one credibility
(its *pin*: `at` and `credibility`): two events citing Globes at "p. 2" share a
number, a citation of Globes at "p. 5" has its own. An event's `cited` gives its
citations with their numbers, `claims` what its sources say its date is, and
`conflict` whether two of those dates (or one and the event's own) cannot overlap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from timeline._i18n import N_, nN_, pN_, translation
from timeline.dates.edtf import Date, EdtfDate, EdtfInterval, End
from timeline.dates.format import OPEN_END, date_label
from timeline.model.citations import Citation
from timeline.model.records import Event, Period, Source, sort_key
from timeline.model.timeline import Timeline
from timeline.render.options import Selection

__all__ = [
    "DEFAULT_WORDS",
    "Cited",
    "Claim",
    "Entry",
    "Presentation",
    "Section",
    "clip_note",
    "dateline",
    "present",
    "sections",
    "selected",
    "source_name",
]

# The default certainty scale (model.timeline.DEFAULT_CERTAINTY), marked for
# translation: a chronology that keeps it reads it in the reader's language.
DEFAULT_WORDS = (
    pN_("certainty", "confirmed"), pN_("certainty", "probable"), pN_("certainty", "possible"),
    pN_("certainty", "doubtful"), pN_("certainty", "improbable"), pN_("certainty", "unknown"),
)  # fmt: skip


@attrs.frozen(slots=True)
class Cited:
    """One citation of an event as shown: its footnote number, what it says, its source
    (None for a key the chronology does not declare)."""

    number: int
    citation: Citation
    source: Source | None


@attrs.frozen(slots=True)
class Claim:
    """What one source says the event's date is: "Globes Feb 2022 [4]"."""

    number: int
    name: str  # the source as a claim names it: its publisher, else its title, else its key
    label: str  # the claimed date in words
    date: Date
    differs: bool  # from the event's own date (another label)


@attrs.frozen(slots=True)
class Entry:
    """One event as shown: its date label, its certainty word and its footnote numbers."""

    event: Event
    file_index: int  # position in the file, for stable ordering and positions
    # The date label in `locale`, worded on first use (None until then): a chart of 100k
    # events shows a few hundred labels, and wording every date costs a second.
    _label: str | None = attrs.field(alias="label", eq=False, repr=False)
    references: tuple[int, ...]
    certainty: str  # event.certainty as shown: translated when the scale is the default
    # What the selection's date range cuts off, for the outputs to say: the label of
    # the event's start when it began before `date_from`, of its end when it ends
    # after `date_to` (OPEN_END when it has none).
    began: str | None = None
    ends: str | None = None
    cited: tuple[Cited, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflict: bool = False  # two claimed dates, or one and the event's, cannot overlap
    new: bool = False  # first reported after the selection's `new_since`
    locale: str = "en"

    @property
    def label(self) -> str:
        """The event's date as every output words it ("Dec 2020", "~Jan 2026")."""
        label = self._label
        if label is None:
            label = date_label(self.event.span, self.locale)
            object.__setattr__(self, "_label", label)
        return label


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
    # Every footnote number (order of first citation) with its key and source; None for
    # a key the chronology does not declare (E021), still shown by its key. A key cited
    # at several places or credibilities has a number for each (see `pins`).
    citations: tuple[tuple[int, str, Source | None], ...]
    lanes: tuple[str, ...]  # in display order; "" is the lane of events without one
    periods: tuple[Period, ...]
    as_of: EdtfDate | None  # a known_at view's day, else the chronology's as_of
    locale: str
    scale: tuple[str, ...]  # the certainty words as shown, strongest first
    # The locator and credibility of each footnote number that has either.
    pins: dict[int, tuple[str | None, int | None]] = attrs.field(factory=dict)
    new_since: EdtfDate | None = None  # the selection's: entries say whether they are `new`
    # For a `Timeline.known_at` view: the day, worded, and how many sources were kept
    # because they have no publication date.
    known_on: str | None = None
    undated: int = 0

    @property
    def sources(self) -> tuple[tuple[int, str, Source], ...]:
        """(number, key, source) of the cited keys the chronology declares."""
        return tuple((n, key, s) for n, key, s in self.citations if s is not None)


# The header's date line, marked for translation: a known_at view says which day it
# shows instead of the file's as_of. (Markdown and HTML end it with a full stop.)
AS_OF = (N_("As of {date}"), N_("As of {date}."))
AS_KNOWN = (N_("As known on {date}"), N_("As known on {date}."))
UNDATED = nN_(
    "{n} source has no publication date and is shown",
    "{n} sources have no publication date and are shown",
)


def dateline(presentation: Presentation, stop: bool = False) -> tuple[str, str] | None:
    """(message, date) of the header's date line, or None: 'As known on 1 Jan 2023' for a
    known_at view, else 'As of …' when the chronology has an as_of."""
    if presentation.known_on is not None:
        return AS_KNOWN[stop], presentation.known_on
    if presentation.as_of is not None:
        return AS_OF[stop], date_label(presentation.as_of, presentation.locale)
    return None


def _sort_key(index: int, event: Event) -> tuple[float, float, int]:
    return (*sort_key(event), index)


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


def selected(timeline: Timeline, chosen: Selection) -> list[tuple[int, Event]]:
    """The events `chosen` shows, with their positions in the file, in file order."""
    scale = timeline.certainty
    weakest = len(scale) if chosen.min_certainty is None else scale.index(chosen.min_certainty)
    rank = {word: i for i, word in enumerate(scale)}
    return [
        (index, event)
        for index, event in enumerate(timeline.events)
        if _overlaps(event.span, chosen.date_from, chosen.date_to)
        and (not chosen.lanes or (event.lane or "") in chosen.lanes)
        and (not chosen.tags or any(tag in chosen.tags for tag in event.tags))
        and (not chosen.actors or any(actor in chosen.actors for actor in event.actors))
        and rank.get(event.certainty, len(scale)) <= weakest
    ]


def present(timeline: Timeline, chosen: Selection | None = None) -> Presentation:
    """Select, order, label and number the events of `timeline`."""
    chosen = chosen or Selection()
    shown = shown_scale(timeline.certainty, chosen.locale)
    kept = selected(timeline, chosen)
    kept.sort(key=lambda pair: _sort_key(*pair))
    numbers: dict[tuple[str, str | None, int | None], int] = {}
    entries = []
    for index, event in kept:
        cited = _cite(event, numbers, timeline.sources)
        references = tuple(dict.fromkeys(c.number for c in cited))
        certainty = shown.get(event.certainty, event.certainty)
        began, ends = _clipped(event.span, chosen, chosen.locale)
        claims = _claims(event, cited, chosen.locale)
        label = date_label(event.span, chosen.locale) if claims else None
        if claims:  # a claim is drawn where its label differs from the event's
            claims = tuple(attrs.evolve(c, differs=c.label != label) for c in claims)
        entries.append(Entry(
            event, index, label, references, certainty, began, ends, cited, claims,
            bool(claims) and _conflict(event.span, claims), _new(cited, chosen.new_since),
            chosen.locale,
        ))  # fmt: skip
    citations = tuple(
        (number, key, timeline.sources.get(key)) for (key, _, _), number in numbers.items()
    )
    pins = {n: (at, grade) for (_, at, grade), n in numbers.items() if (at, grade) != (None, None)}
    used = {event.lane or "" for _, event in kept}
    lanes = tuple(lane for lane in timeline.lanes if lane in used)
    lanes += tuple(sorted(used - set(lanes)))
    return Presentation(
        timeline.title, timeline.subtitle, tuple(entries), citations, lanes or ("",),
        timeline.periods, _as_of(timeline), chosen.locale, tuple(shown.values()), pins,
        chosen.new_since, *_known(timeline, chosen.locale),
    )  # fmt: skip


def _as_of(timeline: Timeline) -> EdtfDate | None:
    """The day the view shows the chronology as of: a known_at view's, else its as_of."""
    return timeline.as_known.date if timeline.as_known is not None else timeline.as_of


def _known(timeline: Timeline, locale: str) -> tuple[str | None, int]:
    known = timeline.as_known
    if known is None:
        return None, 0
    return date_label(known.date, locale), len(known.undated)


def _cite(
    event: Event,
    numbers: dict[tuple[str, str | None, int | None], int],
    sources: Mapping[str, Source],
) -> tuple[Cited, ...]:
    """The event's citations, numbered by their pins (a new pin takes the next number)."""
    cited = []
    for citation in event.sources:
        pin = (citation.source, citation.at, citation.credibility)
        number = numbers.setdefault(pin, len(numbers) + 1)
        cited.append(Cited(number, citation, sources.get(citation.source)))
    return tuple(cited)


def _new(cited: tuple[Cited, ...], since: EdtfDate | None) -> bool:
    """Whether the event was first reported after `since`: its earliest citation's
    source was published after it (certainly: a source published "2022-02" is not after
    2022-02-10). An event none of whose sources has a publication date is not new."""
    if since is None:
        return False
    published = [c.source.published.lower for c in cited if c.source and c.source.published]
    lowest = min((date for date in published if date is not None), default=None)
    return lowest is not None and since.upper is not None and lowest >= since.upper


def source_name(key: str, source: Source | None) -> str:
    """A source as a claim names it: its publisher, else its title, else its key."""
    for name in (source.publisher, source.title) if source is not None else ():
        if name and name.split():
            return " ".join(name.split())
    return key


def _claims(event: Event, cited: tuple[Cited, ...], locale: str) -> tuple[Claim, ...]:
    claims = []
    for one in cited:
        date = one.citation.date
        if date is not None:
            said = date_label(date, locale)
            name = source_name(one.citation.source, one.source)
            claims.append(Claim(one.number, name, said, date, True))
    return tuple(claims)


def _apart(a: Date, b: Date) -> bool:
    """Whether `a` and `b` cannot overlap, even at their fuzzy bounds."""
    a_low, a_high, b_low, b_high = a.lower_fuzzy, a.upper_fuzzy, b.lower_fuzzy, b.upper_fuzzy
    return (a_high is not None and b_low is not None and a_high <= b_low) or (
        b_high is not None and a_low is not None and b_high <= a_low
    )


def _conflict(span: Date, claims: tuple[Claim, ...]) -> bool:
    dates = [span, *(claim.date for claim in claims)]
    return any(_apart(a, b) for n, a in enumerate(dates) for b in dates[n + 1 :])


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
