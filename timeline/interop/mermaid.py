"""Mermaid gantt: the chronology to scale in a wiki or a Markdown page.

A section per lane, a bar from the first to the last day of each event, and a
milestone for an event of one day. Mermaid's date handling breaks before the
year 1000 and has no BCE, so such a chronology is refused, not drawn wrong.
Text is escaped with Mermaid's entity codes (`#58;` for a colon).
"""

from __future__ import annotations

from timeline.interop.bounds import Bounds, Civil, bounds
from timeline.interop.losses import Exported, ExportError, Losses
from timeline.model.records import Event
from timeline.model.timeline import Timeline

__all__ = ["export_mermaid"]

_WORDING = {
    "qualified": (
        "approximate or uncertain date drawn at its strict bounds",
        "approximate or uncertain dates drawn at their strict bounds",
    ),
    "open": (
        "ongoing or open-ended event drawn as its start",
        "ongoing or open-ended events drawn as their start",
    ),
    "unknown-start": ("event with no known start left out", "events with no known start left out"),
    "period": ("period dropped", "periods dropped"),
    "source": ("event's sources dropped", "events' sources dropped"),
}
_ENTITIES = {":": "#58;", "#": "#35;", ";": "#59;", "%": "#37;"}


def _text(text: str) -> str:
    """A title for a task or a section: one line, Mermaid's syntax characters escaped."""
    flat = " ".join(text.split())
    return "".join(_ENTITIES.get(char, char) for char in flat)


def _day(day: Civil) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def _task(event: Event, b: Bounds) -> str:
    assert b.first is not None
    assert b.after is not None
    task_id = event.id.replace("-", "_")  # Mermaid ids: letters, digits and _
    if b.point:
        return f"    {_text(event.title)} :milestone, {task_id}, {_day(b.first)}, 0d"
    return f"    {_text(event.title)} :{task_id}, {_day(b.first)}, {_day(b.after)}"


def _check_years(timeline: Timeline, spans: list[tuple[Event, Bounds]]) -> None:
    for event, b in spans:
        years = [d[0] for d in (b.first, b.after) if d is not None]
        if any(year < 1000 or year > 9999 for year in years):
            raise ExportError(
                "mermaid",
                f"event '{event.id}' is dated {event.span.text}: Mermaid cannot draw dates"
                " before the year 1000 or after 9999 (nor BCE); export to another format",
            )


def export_mermaid(timeline: Timeline) -> Exported:
    losses = Losses(_WORDING)
    losses.add("period", len(timeline.periods))
    losses.add("source", sum(1 for e in timeline.events if e.sources))
    spans = []
    for event in timeline.events:
        b = bounds(event.span)
        if b.unknown_start or b.first is None:
            losses.add("unknown-start")
            continue
        losses.add("qualified", b.qualified)
        losses.add("open", b.open_end or b.unknown_end)
        spans.append((event, b))
    _check_years(timeline, spans)
    lines = ["gantt"]
    if timeline.title:
        lines.append(f"    title {_text(timeline.title)}")
    lines += ["    dateFormat YYYY-MM-DD", "    axisFormat %Y", "    todayMarker off"]
    lanes = list(timeline.lanes) + [
        lane for e, _ in spans if (lane := e.lane or "") not in timeline.lanes
    ]
    for lane in dict.fromkeys(lanes):
        tasks = [_task(e, b) for e, b in spans if (e.lane or "") == lane]
        if tasks:
            lines.append(f"    section {_text(lane) if lane else 'Events'}")
            lines += tasks
    return Exported("mermaid", "\n".join(lines) + "\n", losses.result())
