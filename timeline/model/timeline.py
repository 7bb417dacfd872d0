"""The `Timeline`: settings, sources, periods and events, immutable.

`add` returns a new timeline (the old one is untouched), so a script can keep
both and compare. A loaded timeline remembers the text it came from, which is
what lets `save` append to the file without rewriting a byte of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from timeline._i18n import LOCALES, canonical
from timeline.dates import edtf as _edtf
from timeline.dates.duration import Duration, parse_duration
from timeline.diagnostics import Diagnostic
from timeline.errors import FieldError
from timeline.model.fields import DateInput, check_line, convert_date, text_problem
from timeline.model.records import Event, Period, Source

if TYPE_CHECKING:  # the views' modules load with the first view (start-up)
    from timeline.model.actors import Actor
    from timeline.model.known import AsKnown
    from timeline.model.release import Release

__all__ = ["DEFAULT_CERTAINTY", "Origin", "Timeline"]

DEFAULT_CERTAINTY = ("confirmed", "probable", "possible", "doubtful", "improbable", "unknown")
ORDERS = ("file", "any")
GAP_MODES = ("all", "per-lane")
RULE_LEVELS = ("off", "note", "warning", "error")


@attrs.frozen(slots=True, eq=False)
class Origin:
    """Where a timeline was loaded from, and exactly what the file held then."""

    name: str
    path: str | None
    raw: bytes
    text: str
    events: tuple[Event, ...]


def _parse_duration(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    invalid = FieldError(
        "max_gap", "E017", f"'max_gap' must be an ISO 8601 duration such as 'P18M', got {value!r}"
    )
    empty = FieldError(
        "max_gap",
        "E017",
        f"'max_gap' must be a duration longer than zero such as 'P18M', got {value!r}",
    )
    if value in ("P", "PT"):  # no components at all
        raise empty
    if not isinstance(value, str):
        raise invalid
    try:
        duration = parse_duration(value)
    except ValueError:
        raise invalid from None
    # 'P0D', 'PT0S': every stretch between two events would be a gap. (Under a second
    # counts as zero: the gap rule measures whole seconds.)
    if duration.is_zero:
        raise empty


def _as_of(value: object) -> _edtf.EdtfDate | None:
    if value is None or isinstance(value, _edtf.EdtfDate):
        return value
    date = convert_date(value, "as_of")
    if isinstance(date, _edtf.EdtfInterval):
        raise FieldError("as_of", "E013", f"'as_of' must be a single date, got {date.text!r}")
    return date


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            listed = ", ".join(repr(c) for c in choices)
            raise FieldError(
                attribute.name, "E018", f"'{attribute.name}' must be one of {listed}, got {value!r}"
            )

    return check


def _check_rules(
    instance: object, attribute: attrs.Attribute[Any], value: Mapping[str, str]
) -> None:
    for code, level in value.items():
        problem = text_problem("rules", code)  # a code is printed in W021's message
        if problem is not None:
            raise problem
        if level not in RULE_LEVELS:
            listed = ", ".join(repr(c) for c in RULE_LEVELS)
            raise FieldError(
                f"rules.{code}", "E018", f"rule {code} must be one of {listed}, got {level!r}"
            )


def _check_title(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The chronology's title: one line, and not only whitespace ('' is no title)."""
    check_line(instance, attribute, value)
    if isinstance(value, str) and value and not value.strip():
        raise FieldError(
            "title", "E012", "'title' is blank; give the chronology a title or leave it out"
        )


def repeated(values: Sequence[str]) -> int | None:
    """The index of the first item of `values` that an earlier one already is, or None."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            return index
        seen.add(value)
    return None


def repeated_message(name: str, value: str) -> str:
    """E019's message: `value` is listed twice in the setting `name`."""
    words = {"lanes": "lane", "certainty": "certainty word", "markings": "level", "actors": "actor"}
    what = words.get(name, "word")
    return f"'{name}' lists the {what} {value!r} twice; each may appear once"


def _distinct_lines(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A list of single lines, none of them twice (E016, E019)."""
    check_line(instance, attribute, value)
    assert isinstance(value, tuple)
    index = repeated(value)
    if index is not None:
        raise FieldError(attribute.name, "E019", repeated_message(attribute.name, value[index]))


def _check_locale(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and canonical(value) is None:
        known = ", ".join(sorted(LOCALES))
        raise FieldError("locale", "E018", f"'locale' must be one of {known}, got {value!r}")


def _markings(value: str | Iterable[str]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def _check_markings(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """ "tlp" or the organisation's own levels, lowest first: at least one, each once."""
    if isinstance(value, str):
        if value != "tlp":
            message = f"'markings' must be \"tlp\" or an array of levels, got {value!r}"
            raise FieldError("markings", "E018", message)
        return
    if not value:
        raise FieldError("markings", "E018", "'markings' must list at least one level")
    _distinct_lines(instance, attribute, value)


def _check_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        message = f"'{attribute.name}' must be true or false, got {value!r}"
        raise FieldError(attribute.name, "E011", message)


def _actors(value: Mapping[str, Actor]) -> dict[str, Actor]:
    return dict(value)


def _events(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


def _periods(value: Iterable[Period]) -> tuple[Period, ...]:
    return tuple(value)


def _words(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _sources(value: Mapping[str, Source]) -> dict[str, Source]:
    return dict(value)


def _rules(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


# The [timeline] table's keys, as Timeline attributes.
SETTINGS = (
    "title", "subtitle", "max_gap", "as_of", "certainty", "lanes", "order", "gaps", "locale",
    "markings", "marking", "portion_marks", "actor_order", "rules",
)  # fmt: skip


def _expect(value: object, kind: type, method: str) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{method}() takes a {kind.__name__}, got {type(value).__name__}")


@attrs.frozen(slots=True, repr=False)
class Timeline:
    """A chronology: what `load` returns and what renderers draw."""

    title: str = attrs.field(default="", validator=_check_title)
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events)
    sources: Mapping[str, Source] = attrs.field(factory=dict, converter=_sources)
    periods: tuple[Period, ...] = attrs.field(default=(), converter=_periods)
    subtitle: str | None = attrs.field(default=None, validator=check_line)
    max_gap: str | None = attrs.field(default=None, validator=_parse_duration)
    as_of: _edtf.EdtfDate | None = attrs.field(default=None, converter=_as_of)
    certainty: tuple[str, ...] = attrs.field(
        default=DEFAULT_CERTAINTY, converter=_words, validator=_distinct_lines
    )
    lanes: tuple[str, ...] = attrs.field(default=(), converter=_words, validator=_distinct_lines)
    order: str = attrs.field(default="file", validator=_one_of(ORDERS))
    gaps: str = attrs.field(default="all", validator=_one_of(GAP_MODES))
    locale: str | None = attrs.field(default=None, validator=_check_locale)  # "fr", "de-DE"...
    # Handling markings (timeline.model.markings): the scheme, the default level, and
    # whether text outputs mark each event's line with its level.
    markings: str | tuple[str, ...] = attrs.field(
        default="tlp", converter=_markings, validator=_check_markings
    )
    marking: str | None = attrs.field(default=None, validator=check_line)
    portion_marks: bool = attrs.field(default=False, validator=_check_flag)
    # The lanes of `--lanes actors`, in order ([timeline] actors); others follow.
    actor_order: tuple[str, ...] = attrs.field(
        default=(), converter=_words, validator=_distinct_lines
    )
    rules: Mapping[str, str] = attrs.field(factory=dict, converter=_rules, validator=_check_rules)
    actors: Mapping[str, Actor] = attrs.field(factory=dict, converter=_actors, kw_only=True)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    # Set on the cut `released` returns: the level, and how much it withheld.
    release: Release | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    # Set on the view `known_at` returns: the day it is known on, and what it kept and hid.
    as_known: AsKnown | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    # validate()'s answer: the timeline is immutable, so it never goes stale, and one
    # `render` asks for it several times (the CLI, the text gaps, the HTML summary).
    _findings: tuple[Diagnostic, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def name(self) -> str:
        """The file name diagnostics carry."""
        return self.origin.name if self.origin is not None else "<timeline>"

    @property
    def max_gap_duration(self) -> Duration | None:
        return None if self.max_gap is None else parse_duration(self.max_gap)

    # Edits. Each returns a new timeline and leaves this one unchanged; `save()`
    # writes whatever the value holds (new events go where they belong in date order).

    def add(self, event: Event) -> Timeline:
        """Return a new timeline with `event` added; this one is unchanged."""
        _expect(event, Event, "add")
        return attrs.evolve(self, events=(*self.events, event))

    def replace(self, event: Event) -> Timeline:
        """Return a new timeline in which the event with `event.id` is `event`."""
        _expect(event, Event, "replace")
        self._event_index(event.id)
        return attrs.evolve(self, events=[event if e.id == event.id else e for e in self.events])

    def remove(self, event_id: str) -> Timeline:
        """Return a new timeline without the event `event_id`."""
        self._event_index(event_id)
        return attrs.evolve(self, events=[e for e in self.events if e.id != event_id])

    def add_source(self, source: Source) -> Timeline:
        """Return a new timeline with `source` (under `source.key`) added."""
        _expect(source, Source, "add_source")
        if source.key in self.sources:
            raise ValueError(
                f"add_source(): '{source.key}' is already a source; use replace_source"
            )
        return attrs.evolve(self, sources={**self.sources, source.key: source})

    def replace_source(self, source: Source) -> Timeline:
        """Return a new timeline in which the source `source.key` is `source`."""
        _expect(source, Source, "replace_source")
        self._source(source.key)
        return attrs.evolve(self, sources={**self.sources, source.key: source})

    def remove_source(self, key: str) -> Timeline:
        """Return a new timeline without the source `key` (events may still cite it)."""
        self._source(key)
        return attrs.evolve(self, sources={k: s for k, s in self.sources.items() if k != key})

    def add_actor(self, actor: Actor) -> Timeline:
        """Return a new timeline with `actor` (under `actor.key`) added."""
        from timeline.model.actors import Actor

        _expect(actor, Actor, "add_actor")
        if actor.key in self.actors:
            raise ValueError(f"add_actor(): '{actor.key}' is already an actor; use replace_actor")
        return attrs.evolve(self, actors={**self.actors, actor.key: actor})

    def replace_actor(self, actor: Actor) -> Timeline:
        """Return a new timeline in which the actor `actor.key` is `actor`."""
        from timeline.model.actors import Actor

        _expect(actor, Actor, "replace_actor")
        self._actor(actor.key)
        return attrs.evolve(self, actors={**self.actors, actor.key: actor})

    def remove_actor(self, key: str) -> Timeline:
        """Return a new timeline without the actor `key` (events and `[timeline] actors`
        may still name it)."""
        self._actor(key)
        return attrs.evolve(self, actors={k: a for k, a in self.actors.items() if k != key})

    def add_period(self, period: Period) -> Timeline:
        _expect(period, Period, "add_period")
        return attrs.evolve(self, periods=(*self.periods, period))

    def replace_period(self, index: int, period: Period) -> Timeline:
        """Return a new timeline whose period number `index` (0-based) is `period`."""
        _expect(period, Period, "replace_period")
        self._period(index)
        periods = list(self.periods)
        periods[index] = period
        return attrs.evolve(self, periods=periods)

    def remove_period(self, index: int) -> Timeline:
        self._period(index)
        return attrs.evolve(self, periods=[p for i, p in enumerate(self.periods) if i != index])

    def with_settings(self, **settings: Any) -> Timeline:
        """Return a new timeline with `[timeline]` settings changed: title, subtitle,
        max_gap, as_of, certainty, lanes, order, gaps, locale, markings, marking,
        portion_marks, actor_order, rules (None removes an optional one)."""
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            raise TypeError(f"with_settings() got unknown setting(s): {', '.join(unknown)}")
        return attrs.evolve(self, **settings)

    def known_at(self, date: DateInput) -> Timeline:
        """The chronology as it could be known on `date` (an EDTF day, month or year, or
        a date): only citations of sources certainly published by then (or undated)
        count, an event with none left disappears, and a lone citation's claimed date
        becomes the event's. `as_known` of the result says what was kept and hidden."""
        from timeline.model.known import known_at

        return known_at(self, date)

    def without(self, key: str) -> Timeline:
        """The chronology with the source `key` discredited: it, the sources that go back
        to it through `via`, and their citations removed; an event left with no citation
        disappears. A `ValueError` when `key` is not a source."""
        from timeline.model.known import without

        return without(self, key)

    def released(self, level: str) -> Timeline:
        """The releasable cut at `level`: everything marked above it removed (events,
        sources, periods, citations), and an event left with no citation with them; see
        `timeline.model.markings`. A `FieldError` (E027) when `level` is not a level."""
        from timeline.model.release import released

        return released(self, level)

    def _event_index(self, event_id: str) -> int:
        for index, event in enumerate(self.events):
            if event.id == event_id:
                return index
        raise ValueError(f"'{event_id}' is not an event of this chronology")

    def _source(self, key: str) -> Source:
        if key not in self.sources:
            raise ValueError(f"'{key}' is not a source of this chronology")
        return self.sources[key]

    def _actor(self, key: str) -> Actor:
        if key not in self.actors:
            raise ValueError(f"'{key}' is not an actor of this chronology")
        return self.actors[key]

    def _period(self, index: int) -> Period:
        if not 0 <= index < len(self.periods):
            raise ValueError(f"there is no period {index} (the chronology has {len(self.periods)})")
        return self.periods[index]

    def validate(self) -> list[Diagnostic]:
        """Every finding about this chronology, sorted by position."""
        if self._findings is None:
            from timeline.rules import validate

            object.__setattr__(self, "_findings", tuple(validate(self)))
        assert self._findings is not None
        return list(self._findings)

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the chronology back as TOML; the same as `timeline.save(self, path)`."""
        from timeline.storage.save import save

        save(self, path)

    # For scripts and notebooks: deferred delegations up the layers, like validate() and
    # save(); the model itself never needs them.

    def select(self, **options: Any) -> Timeline:
        """Only the events the selection options choose (`lanes`, `tags`, `actors`,
        `date_from`, `date_to`, `min_certainty`), as every renderer chooses them;
        see `timeline.render.select`."""
        from timeline.render import select

        return select(self, **options)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per event, with the keys and values events.toml writes."""
        from timeline.interop.document import records

        return records(self)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one row per event (`pip install 'timeline[pandas]'`);
        `timeline.from_dataframe` turns it back into a Timeline."""
        from timeline.interop.frames import to_dataframe

        return to_dataframe(self)

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        counts = ((len(self.events), "event"), (len(self.sources), "source"),
                  (len(self.periods), "period"))  # fmt: skip
        said = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
        return f"<Timeline{title}: {said}>"

    def _repr_svg_(self) -> str:
        """Jupyter shows a chronology as its chart."""
        from timeline.render import render_svg

        return render_svg(self)

    def _repr_html_(self) -> str:
        svg = self._repr_svg_()
        return svg[svg.index("<svg") :]  # inline, without the XML declaration
