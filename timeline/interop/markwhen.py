"""markwhen: plain-text timelines (https://markwhen.com), a group per lane.

Dates go out as markwhen reads them (`2020-12`, `2023/2026-01`), at the
precision the EDTF gives; an approximate or uncertain date goes out at its
strict bounds with its EDTF kept as the `edtf` property, and certainty, sources,
id, a key event's `key` and the chart `label` as properties under the event (YAML,
double-quoted where needed), which markwhen keeps.
"""

from __future__ import annotations

import json

from timeline.dates.edtf import Date, EdtfDate, End, Precision
from timeline.interop.bounds import bounds
from timeline.interop.document import MARKING_LOSS, marked_title
from timeline.interop.losses import Exported, Losses
from timeline.model.records import Event
from timeline.model.timeline import Timeline

__all__ = ["export_markwhen"]

_WORDING = {
    "marking": MARKING_LOSS,
    "qualified": (
        "approximate or uncertain date exported at its strict bounds (its EDTF kept as a property)",
        "approximate or uncertain dates exported at their strict bounds (their EDTF kept as a"
        " property)",
    ),
    "precision": (
        "season, decade or century exported as its year",
        "seasons, decades and centuries exported as their years",
    ),
    "citation": (
        "citation's details (locator, quote, claimed date, credibility) reduced to its key",
        "citations' details (locator, quote, claimed date, credibility) reduced to their keys",
    ),
    "open": (
        "event whose end is not known exported as its start",
        "events whose end is not known exported as their start",
    ),
    "lines": (
        "description's line breaks made spaces (a property is one line)",
        "descriptions' line breaks made spaces (a property is one line)",
    ),
}


def _date(date: EdtfDate, losses: Losses) -> str:
    if date.precision is Precision.SECOND:
        return date.text.rstrip("~?%")  # ISO 8601, which markwhen reads
    year = f"{date.year:04d}" if date.year >= 0 else str(date.year)
    if date.precision <= Precision.DAY:
        assert date.month is not None
        return f"{year}-{date.month:02d}-{date.day or 1:02d}"
    if date.precision is Precision.MONTH:
        return f"{year}-{date.month:02d}"
    if date.precision is not Precision.YEAR:
        losses.add("precision")
    return year


def _when(span: Date, losses: Losses) -> str | None:
    if isinstance(span, EdtfDate):
        losses.add("qualified", span.uncertain or span.approximate)
        return _date(span, losses)
    start, end = span.start, span.end
    if not isinstance(start, EdtfDate):
        return None
    losses.add("qualified", bounds(span).qualified)
    if end is End.OPEN:
        return f"{_date(start, losses)}/now"
    if not isinstance(end, EdtfDate):  # the end is not known
        losses.add("open")
        return _date(start, losses)
    return f"{_date(start, losses)}/{_date(end, losses)}"


def _text(text: str) -> str:
    return " ".join(text.split())


def _event(event: Event, when: str) -> list[str]:
    lines = [f"{when}: {_text(event.title)}"]
    lines.append(f"  id: {event.id}")
    lines.append(f"  certainty: {event.certainty}")
    lines.append(f"  edtf: {json.dumps(event.span.text)}")
    lines.append(f"  sources: [{', '.join(event.source_keys)}]")
    if event.key:
        lines.append("  key: true")
    if event.label:
        lines.append(f"  label: {json.dumps(_text(event.label), ensure_ascii=False)}")
    if event.description:
        described = json.dumps(_text(event.description), ensure_ascii=False)
        lines.append(f"  description: {described}")
    return lines


def export_markwhen(timeline: Timeline) -> Exported:
    losses = Losses(_WORDING)
    losses.add("period", len(timeline.periods))
    losses.fields(timeline.events, "tags", "actors", "relations")
    losses.add("citation", sum(not c.bare for e in timeline.events for c in e.sources))
    losses.add("subtitle", timeline.subtitle is not None)
    losses.add("as-of", timeline.as_of is not None)
    losses.add("sources", len(timeline.sources))
    losses.add("lines", sum("\n" in (e.description or "").strip() for e in timeline.events))
    lines = ["---"]
    title, marked = marked_title(timeline)
    losses.add("marking", marked)
    if title:
        lines.append(f"title: {_text(title)}")
    lines += ["---", ""]
    lanes = dict.fromkeys([*timeline.lanes, *(e.lane or "" for e in timeline.events)])
    for lane in lanes:
        events = [e for e in timeline.events if (e.lane or "") == lane]
        if not events:
            continue
        if lane:
            lines.append(f"group {_text(lane)}")
        for event in events:
            when = _when(event.span, losses)
            if when is None:
                losses.add("unknown-start")
                continue
            lines += _event(event, when)
        if lane:
            lines += ["endGroup", ""]
    return Exported("markwhen", "\n".join(lines).rstrip("\n") + "\n", losses.result())
