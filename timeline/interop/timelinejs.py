"""TimelineJS JSON (Knight Lab): an interactive web story of the chronology.

Each event a slide: its strict bounds as `start_date` (only the parts its
precision has) and `end_date` (an end coarser than a day as its last day, which
TimelineJS would otherwise read as the first: see `_parts`), the EDTF reading as
`display_date` ("~Jan 2026"), the lane as `group`, the sources as an HTML
footnote list in the text, the id as `unique_id`; periods are eras. TimelineJS
needs both ends of an era: an ongoing period runs to the as-of date (else the last
event's last day), one with an unknown start or end is left out; both are counted.
"""

from __future__ import annotations

import html
import json
from typing import Any

from timeline.dates.edtf import Date, EdtfDate, End, Precision
from timeline.dates.format import date_label
from timeline.interop.bounds import bounds
from timeline.interop.document import MARKING_LOSS, locale_of, marked_title
from timeline.interop.losses import Exported, Losses
from timeline.model.records import Event, Period
from timeline.model.timeline import Timeline
from timeline.render.citations import citation, plain

__all__ = ["export_timelinejs"]

_WORDING = {
    "marking": MARKING_LOSS,
    "open": (
        "ongoing or open-ended event shown from its start",
        "ongoing or open-ended events shown from their start",
    ),
    "grades": (
        "citation's details reduced to a footnote line",
        "citations' details reduced to footnote lines",
    ),
    "period-as-of": (
        "ongoing or open-ended period shown up to the as-of date",
        "ongoing or open-ended periods shown up to the as-of date",
    ),
    "period-last": (
        "ongoing or open-ended period shown up to the last event",
        "ongoing or open-ended periods shown up to the last event",
    ),
    "period-qualified": (
        "approximate or uncertain period shown at its strict bounds",
        "approximate or uncertain periods shown at their strict bounds",
    ),
}


def _parts(date: EdtfDate, side: str) -> dict[str, Any]:
    """TimelineJS date parts of the strict bound `side` ("lower" or "upper" day).

    TimelineJS reads a part it is not given as the first (month 1, day 1): a start
    needs only the parts of its precision (a season gives its first month), but an
    end coarser than a day is its last day, with month and day, and a `display_date`
    naming the year or month it ends ("2023", "2023-05"), which `import timelinejs`
    reads back at that precision. Written as {"year": 2023}, it would end on
    1 January 2023."""
    from timeline.dates.calendar import DAY, to_civil

    second = date.precision is Precision.SECOND
    instant = date.lower if side == "lower" or second else date.upper - DAY
    y, m, d = to_civil(instant)
    parts: dict[str, Any] = {"year": y}
    if side == "upper" and date.precision > Precision.DAY:
        unit = f"-{-y:04d}" if y < 0 else f"{y:04d}"
        if date.precision <= Precision.SEASON:
            unit += f"-{m:02d}"
        return {"year": y, "month": m, "day": d, "display_date": unit}
    if date.precision <= Precision.SEASON:
        parts["month"] = m
    if date.precision <= Precision.DAY:
        parts["day"] = d
    if second:  # a time of day (UTC), which TimelineJS shows too
        clock = instant % DAY
        parts.update(hour=clock // 3600, minute=clock // 60 % 60, second=clock % 60)
    return parts


def _dates(span: Date, losses: Losses) -> dict[str, Any] | None:
    if isinstance(span, EdtfDate):
        start = _parts(span, "lower")
        found: dict[str, Any] = {"start_date": start}
        if span.precision > Precision.DAY:
            found["end_date"] = _parts(span, "upper")
        return found
    if not isinstance(span.start, EdtfDate):
        return None
    found = {"start_date": _parts(span.start, "lower")}
    if isinstance(span.end, EdtfDate):
        found["end_date"] = _parts(span.end, "upper")
    else:
        losses.add("open")
    return found


def _ongoing(timeline: Timeline, start: EdtfDate) -> tuple[dict[str, Any], str] | None:
    """The end date of an era for a period that runs on from `start`, and the kind of
    loss that is: the as-of date, else the last day of the last event; None when that
    day is before the start (the era would run backwards)."""
    from timeline.dates.calendar import to_civil

    if timeline.as_of is not None:
        if timeline.as_of.lower < start.lower:
            return None
        return _parts(timeline.as_of, "lower"), "period-as-of"
    uppers = [u for e in timeline.events if (u := e.span.upper) is not None]
    if not uppers or max(uppers) <= start.lower:
        return None
    y, m, d = to_civil(max(uppers) - 1)
    return {"year": y, "month": m, "day": d}, "period-last"


def _era(timeline: Timeline, period: Period, losses: Losses) -> dict[str, Any] | None:
    """`period` as a TimelineJS era, which must have both ends; None (counted as a
    period dropped) when its start or its end is not known."""
    span = period.span
    if isinstance(span, EdtfDate):
        era = {"start_date": _parts(span, "lower"), "end_date": _parts(span, "upper")}
    elif isinstance(span.start, EdtfDate) and isinstance(span.end, EdtfDate):
        era = {"start_date": _parts(span.start, "lower"), "end_date": _parts(span.end, "upper")}
    elif isinstance(span.start, EdtfDate) and span.end is End.OPEN:
        ongoing = _ongoing(timeline, span.start)
        if ongoing is None:
            losses.add("period")
            return None
        era = {"start_date": _parts(span.start, "lower"), "end_date": ongoing[0]}
        losses.add(ongoing[1])
    else:
        losses.add("period")
        return None
    losses.add("period-qualified", bounds(span).qualified)
    return {**era, "text": {"headline": html.escape(period.title)}}


def _text(timeline: Timeline, event: Event, losses: Losses) -> str:
    parts = [f"<p>{html.escape(event.description.strip())}</p>"] if event.description else []
    parts.append(f"<p>{html.escape(event.certainty)}</p>")
    notes = []
    for cited in event.sources:
        source = timeline.sources.get(cited.source)
        if source is None:
            continue
        losses.add("grades", not cited.bare)
        line = plain(citation(source, locale_of(timeline), (cited.at, cited.credibility)))
        notes.append(f"<li>{html.escape(line)}</li>")
    if notes:
        parts.append("<ol>" + "".join(notes) + "</ol>")
    return "".join(parts)


def export_timelinejs(timeline: Timeline) -> Exported:
    losses = Losses(_WORDING)
    losses.fields(timeline.events, "tags", "actors", "relations", "key", "label")
    events = []
    for event in timeline.events:
        dates = _dates(event.span, losses)
        if dates is None:
            losses.add("unknown-start")
            continue
        slide = {
            **dates,
            "display_date": date_label(event.span, locale_of(timeline)),
            "text": {"headline": html.escape(event.title), "text": _text(timeline, event, losses)},
            "unique_id": event.id,
        }
        if event.lane:
            slide["group"] = _group(event.lane)
        events.append(slide)
    document: dict[str, Any] = {"events": events}
    title, marked = marked_title(timeline)
    losses.add("marking", marked)
    if title:
        subtitle = html.escape(timeline.subtitle) if timeline.subtitle else ""
        document["title"] = {"text": {"headline": html.escape(title), "text": subtitle}}
    eras = [era for p in timeline.periods if (era := _era(timeline, p, losses)) is not None]
    if eras:
        document["eras"] = eras
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Exported("timelinejs", text, losses.result())


def _group(lane: str) -> str:
    """`lane` as TimelineJS must get it to show it as written: TimelineJS reads a group
    as markup to strip (decoding its entities once), then sets what is left as HTML.
    Escaped once, "<img onerror=...>" would come out of the first step as a live
    element; escaped twice it comes out as text (see derive.group_text)."""
    return html.escape(html.escape(lane))
