"""TimelineJS JSON (Knight Lab): an interactive web story of the chronology.

Each event a slide: its strict bounds as `start_date` / `end_date` with only the
parts its precision has, the EDTF reading as `display_date` ("~Jan 2026"), the
lane as `group`, the sources as an HTML footnote list in the text, the id as
`unique_id`; periods are eras.
"""

from __future__ import annotations

import html
import json
from typing import Any

from timeline.dates.edtf import Date, EdtfDate, Precision
from timeline.dates.format import date_label
from timeline.interop.document import MARKING_LOSS, marked_title
from timeline.interop.losses import Exported, Losses
from timeline.model.records import Event
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
}


def _parts(date: EdtfDate, side: str) -> dict[str, int]:
    """TimelineJS date parts of the strict bound `side` ("lower" or "upper" day)."""
    from timeline.dates.calendar import DAY, to_civil

    second = date.precision is Precision.SECOND
    instant = date.lower if side == "lower" or second else date.upper - DAY
    y, m, d = to_civil(instant)
    parts = {"year": y}
    if date.precision <= Precision.MONTH:
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


def _text(timeline: Timeline, event: Event, losses: Losses) -> str:
    parts = [f"<p>{html.escape(event.description.strip())}</p>"] if event.description else []
    parts.append(f"<p>{html.escape(event.certainty)}</p>")
    notes = []
    for cited in event.sources:
        source = timeline.sources.get(cited.source)
        if source is None:
            continue
        losses.add("grades", not cited.bare)
        line = plain(citation(source, "en", (cited.at, cited.credibility)))
        notes.append(f"<li>{html.escape(line)}</li>")
    if notes:
        parts.append("<ol>" + "".join(notes) + "</ol>")
    return "".join(parts)


def export_timelinejs(timeline: Timeline) -> Exported:
    losses = Losses(_WORDING)
    losses.fields(timeline.events, "tags", "actors", "relations")
    events = []
    for event in timeline.events:
        dates = _dates(event.span, losses)
        if dates is None:
            losses.add("unknown-start")
            continue
        slide = {
            **dates,
            "display_date": date_label(event.span),
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
    eras = [
        {**era_dates, "text": {"headline": html.escape(p.title)}}
        for p in timeline.periods
        if (era_dates := _dates(p.span, Losses(_WORDING))) is not None and "end_date" in era_dates
    ]
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
