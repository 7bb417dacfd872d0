"""Render options, typed: what is shown (`Selection`) and how (`ChartOptions`,
`TextOptions`).

The public render functions take flat keyword arguments
(``render_svg(tl, size="a4", lanes=["Military"], locale="fr")``); `parse`
sorts them into these frozen values once, so the renderers never see a loose
``**options`` bag. A name no renderer of the call knows, or a value an option
cannot take, raises `OptionError` naming the option; nothing is silently
ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from timeline._i18n import LOCALES, canonical
from timeline.dates.edtf import EdtfDate, EdtfInterval
from timeline.dates.edtf import parse as parse_edtf
from timeline.errors import EdtfError, OptionError
from timeline.model.timeline import Timeline

__all__ = [
    "LOCALES",
    "SIZES",
    "ChartOptions",
    "OptionWarning",
    "Report",
    "Selection",
    "TextOptions",
    "parse",
]

THEMES = ("light", "dark", "print")
# Named sizes, exact: (width, height) in points. A4 is 595 x 842 pt, as PostScript has it.
SIZES = {
    "slide": (960.0, 540.0),  # 13.333 x 7.5 in, 16:9
    "a4": (595.0, 842.0),
    "a4-landscape": (842.0, 595.0),
    "letter": (612.0, 792.0),
    "letter-landscape": (792.0, 612.0),
}
FLOWING_WIDTH = 960.0  # no size: a slide's width, and the height of the content
UNITS = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}  # points per unit
SOURCES = ("chart", "below", "none")  # where the chart's numbered sources go
LANES_BY = ("lane", "actors")  # what the chart's lanes are: the events' lanes, or actors
MIN_WIDTH = 20  # text columns
_LENGTH = r"(\d+(?:\.\d+)?)"
_WXH = re.compile(rf"\s*{_LENGTH}\s*[xX×]\s*{_LENGTH}\s*(in|cm|mm)?\s*", re.IGNORECASE)
_WIDTH = re.compile(rf"\s*{_LENGTH}\s*(in|cm|mm)?\s*", re.IGNORECASE)


def _date_bound(name: str, value: object) -> EdtfDate | None:
    if value is None or isinstance(value, EdtfDate):
        return value
    if not isinstance(value, str):
        raise OptionError(name, f"{name} must be an EDTF date string, got {value!r}")
    try:
        date = parse_edtf(value)
    except EdtfError as error:
        raise OptionError(name, f"{name}: invalid date {value!r}: {error.message}") from None
    if isinstance(date, EdtfInterval):
        raise OptionError(name, f"{name} must be a single date, not an interval: {value!r}")
    return date


def _date_from(value: object) -> EdtfDate | None:
    return _date_bound("date_from", value)


def _date_to(value: object) -> EdtfDate | None:
    return _date_bound("date_to", value)


def _new_since(value: object) -> EdtfDate | None:
    return _date_bound("new_since", value)


def _words(name: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise OptionError(name, f"{name} must be a string or a list of strings, got {value!r}")


def _lanes(value: object) -> tuple[str, ...]:
    return _words("lanes", value)


def _tags(value: object) -> tuple[str, ...]:
    return _words("tags", value)


def _actors(value: object) -> tuple[str, ...]:
    return _words("actors", value)


def _locale(value: object) -> str:
    # fr_FR, fr-FR and FR all name French (timeline._i18n.canonical).
    found = canonical(value)
    if found is None:
        known = ", ".join(sorted(LOCALES))
        raise OptionError("locale", f"locale must be one of {known}; got {value!r}")
    return found


def _one_of(name: str, choices: tuple[str, ...]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            listed = ", ".join(repr(c) for c in choices)
            raise OptionError(name, f"{name} must be one of {listed}; got {value!r}")

    return check


def _optional_word(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise OptionError(attribute.name, f"{attribute.name} must be a string, got {value!r}")


@attrs.frozen(slots=True, kw_only=True)
class Selection:
    """Which events every renderer shows, and in which language."""

    date_from: EdtfDate | None = attrs.field(default=None, converter=_date_from)
    date_to: EdtfDate | None = attrs.field(default=None, converter=_date_to)
    lanes: tuple[str, ...] = attrs.field(default=(), converter=_lanes)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    # The events that name one of these actors (keys of [actors]).
    actors: tuple[str, ...] = attrs.field(default=(), converter=_actors)
    min_certainty: str | None = attrs.field(default=None, validator=_optional_word)
    locale: str = attrs.field(default="en", converter=_locale)
    # Marks the events first reported after this date: every source they cite was
    # published after it (the weekly briefing's "what is new since the last one").
    new_since: EdtfDate | None = attrs.field(default=None, converter=_new_since)

    def check(self, timeline: Timeline) -> Selection:
        """This selection, after checking it against `timeline`; OptionError if it cannot be."""
        if self.min_certainty is not None and self.min_certainty not in timeline.certainty:
            from timeline._hints import did_you_mean

            scale, word = ", ".join(timeline.certainty), self.min_certainty
            raise OptionError(
                "min_certainty",
                f"min_certainty must be a word of the scale ({scale}); got {word!r}"
                f"{did_you_mean(word, timeline.certainty)}",
            )
        self._check_lanes(timeline)
        self._check_actors(timeline)
        if self.date_from and self.date_to and self.date_from.lower > self.date_to.upper:
            raise OptionError(
                "date_from",
                f"the range ends before it starts ({self.date_from.text!r} to"
                f" {self.date_to.text!r})",
            )
        return self

    def _check_lanes(self, timeline: Timeline) -> None:
        known = (*timeline.lanes, *(e.lane for e in timeline.events if e.lane))
        _check_known("lanes", self.lanes, known, "no lane is named {!r}", "the lanes")

    def _check_actors(self, timeline: Timeline) -> None:
        known = (*timeline.actors, *(key for e in timeline.events for key in e.actors))
        _check_known("actors", self.actors, known, "no actor has the key {!r}", "the actors")

    def warnings(self, timeline: Timeline) -> tuple[OptionWarning, ...]:
        """What this selection asks for that the chronology does not have (a tag no
        event carries): not an error, since a tag may be meant for events to come."""
        from timeline._hints import did_you_mean

        carried = list(dict.fromkeys(tag for event in timeline.events for tag in event.tags))
        return tuple(
            OptionWarning("tags", f"no event is tagged {tag!r}{did_you_mean(tag, carried)}")
            for tag in self.tags
            if tag not in carried
        )


def _check_known(
    option: str, wanted: tuple[str, ...], found: tuple[str, ...], says: str, listing: str
) -> None:
    """OptionError naming `option` for the first of `wanted` not among `found`, with
    "did you mean" and the words there are."""
    from timeline._hints import did_you_mean

    known = list(dict.fromkeys(found))
    for word in wanted:
        if word not in known:
            listed = ", ".join(repr(k) for k in known) or "none"
            message = f"{says.format(word)}{did_you_mean(word, known)} ({listing}: {listed})"
            raise OptionError(option, message)


@attrs.frozen(slots=True)
class OptionWarning:
    """A render option that is valid but selects nothing, or a chart's exact page that
    left something out: `option` names it."""

    option: str
    message: str


Report = Callable[[OptionWarning], None]  # what a render is given its warnings through


@attrs.frozen(slots=True)
class Page:
    """The chart's page in points: exactly `width` x `height`, or (not `exact`)
    `width` wide and as tall as its content, at least `height`."""

    width: float
    height: float
    exact: bool


def _points(value: str, unit: str | None) -> float:
    return float(value) * UNITS[(unit or "in").lower()]


def page_size(size: str | None) -> Page:
    """The page of a `size` option value (see ChartOptions.size)."""
    if size is None:
        return Page(FLOWING_WIDTH, FLOWING_WIDTH * 9 / 16, False)
    if isinstance(size, str):
        if size.strip().lower() in SIZES:
            return Page(*SIZES[size.strip().lower()], True)
        both, alone = _WXH.fullmatch(size), _WIDTH.fullmatch(size)
        if both:
            width, height = _points(both[1], both[3]), _points(both[2], both[3])
        elif alone:
            width = _points(alone[1], alone[2])
            height = max(2 * 72, width * 9 / 16)
        if both or alone:
            if 3 * 72 <= width <= 100 * 72 and 2 * 72 <= height <= 100 * 72:
                return Page(round(width, 3), round(height, 3), both is not None)
            raise OptionError(
                "size", f"size {size!r}: width must be 3-100 inches and height 2-100 inches"
            )
    named = ", ".join(repr(name) for name in SIZES)
    raise OptionError(
        "size",
        f"size must be {named}, WIDTHxHEIGHT in inches, cm or mm such as '10x6' or"
        f" '25x15cm', or a width alone such as '8.5' (the height follows the content);"
        f" got {size!r}",
    )


def _check_size(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    page_size(value)  # type: ignore[arg-type]


def _check_dpi(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 10 <= value <= 2400:
        raise OptionError("dpi", f"dpi must be a whole number from 10 to 2400; got {value!r}")


def _check_flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise OptionError(attribute.name, f"{attribute.name} must be True or False, got {value!r}")


@attrs.frozen(slots=True, kw_only=True)
class ChartOptions:
    """How the chart (SVG, PNG, PDF, and the chart of the HTML page) is drawn."""

    # None: a slide's width, and as tall as the content; a named size or WxH: exactly
    # that page; a width alone: that width, as tall as the content.
    size: str | None = attrs.field(default=None, validator=_check_size)
    theme: str = attrs.field(default="light", validator=_one_of("theme", THEMES))
    dpi: int = attrs.field(default=150, validator=_check_dpi)
    sources: str = attrs.field(default="chart", validator=_one_of("sources", SOURCES))
    # False: no title and subtitle in the picture (a page that shows them itself).
    header: bool = attrs.field(default=True, validator=_check_flag)
    # "actors": a lane per actor; an event of several actors is in each of their lanes.
    lanes_by: str = attrs.field(default="lane", validator=_one_of("lanes_by", LANES_BY))

    @property
    def page(self) -> Page:
        return page_size(self.size)


def _check_width(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise OptionError("width", f"width must be an integer, got {value!r}")
    if value < MIN_WIDTH:
        raise OptionError("width", f"width must be at least {MIN_WIDTH} columns, got {value}")


@attrs.frozen(slots=True, kw_only=True)
class TextOptions:
    """How plain text is laid out: `width` columns (None: the terminal's) and 7-bit glyphs."""

    width: int | None = attrs.field(default=None, validator=_check_width)
    ascii: bool = attrs.field(default=False, validator=_check_flag)


_KINDS: dict[str, type[Any]] = {
    "selection": Selection,
    "chart": ChartOptions,
    "text": TextOptions,
}


def names(kind: type[Any]) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(kind))


def parse(
    timeline: Timeline, options: Mapping[str, Any], *kinds: type[Any], caller: str
) -> dict[type[Any], Any]:
    """Sort flat `options` into one value of each of `kinds` (Selection is always one).

    `locale`, when not given (or None), is the chronology's `[timeline] locale`, if any.

    An option none of them takes raises OptionError naming it and the options
    `caller` does take, with a "did you mean" when one is close.
    """
    from timeline._hints import did_you_mean

    wanted: tuple[type[Any], ...] = (Selection, *[k for k in kinds if k is not Selection])
    known = {name: kind for kind in wanted for name in names(kind)}
    for name in options:
        if name not in known:
            listed = ", ".join(sorted(known))
            raise OptionError(
                name,
                f"{caller}() got an unknown option {name!r}{did_you_mean(name, known)};"
                f" it takes {listed}",
            )
    if options.get("locale") is None:  # the file's locale, if any; an explicit one wins
        options = {k: v for k, v in options.items() if k != "locale"}
        if timeline.locale is not None:
            options["locale"] = timeline.locale
    values: dict[type[Any], Any] = {}
    for kind in wanted:
        chosen = {k: v for k, v in options.items() if known[k] is kind}
        values[kind] = kind(**chosen)
    values[Selection] = values[Selection].check(timeline)
    return values
