"""Mermaid gantt: the chronology to scale in a wiki or a Markdown page.

A section per lane, a bar from the first to the last day of each event, and a
milestone for an event of one day. Mermaid's date handling breaks before the
year 1000 and has no BCE, so such a chronology is refused, not drawn wrong.
Text is escaped with Mermaid's entity codes (`#58;` for a colon), and so is the
first character of a task whose title Mermaid would read as a statement ("Call
for tenders", "Title deed signed"); an event whose id is one of Mermaid's tags
(`done`, `crit`, ...) gets the task id `_done`. tests/test_consumers.py renders
the export with Mermaid itself.
"""

from __future__ import annotations

import re

from timeline.interop.bounds import Bounds, Civil, bounds
from timeline.interop.document import MARKING_LOSS, marked_title
from timeline.interop.losses import Exported, ExportError, Losses
from timeline.model.records import Event
from timeline.model.timeline import Timeline

__all__ = ["export_mermaid"]

_WORDING = {
    "marking": MARKING_LOSS,
    "qualified": (
        "approximate or uncertain date drawn at its strict bounds",
        "approximate or uncertain dates drawn at their strict bounds",
    ),
    "open": (
        "ongoing or open-ended event drawn as its start",
        "ongoing or open-ended events drawn as their start",
    ),
    "source": ("event's sources dropped", "events' sources dropped"),
}
# Mermaid's syntax characters; the markup ones, which Mermaid's sanitiser would
# drop or show escaped in the chart's title; and the two it uses for its own
# placeholders of entity codes ("ﬂ°°58¶ß" stands for "#58;" while it parses, then
# becomes "&#58;"): left as they are, "¶ß" in a title would come out as ";".
_ENTITIES = {
    ":": "#58;", "#": "#35;", ";": "#59;", "%": "#37;",
    "<": "#60;", ">": "#62;", "&": "#38;",
    "¶": "#182;", "ﬂ": "#64258;",
}  # fmt: skip
# The words Mermaid reads at the start of a task's data as its tags, not as its id.
_TAGS = frozenset({"active", "done", "crit", "milestone", "vert"})
# A line that begins with one of these (in any case) is read as a statement of the
# gantt (`call` of a click, `title`, `section`, `excludes`, a date ...), not as the
# title of a task: "Call for tenders" is a parse error. Its first character goes out
# as an entity code, which Mermaid decodes in the drawing.
_STATEMENT = re.compile(
    r"(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes"
    r"|excludes|todaymarker|weekday|weekend|title|section|click|href|call)(?![a-z0-9_])"
    r"|acc(?:title|descr)|\d{4}-\d\d-\d\d(?![a-z0-9_])",
    re.IGNORECASE,
)


def _text(text: str, task: bool = False) -> str:
    """A title for a task (`task`) or a section: one line, Mermaid's syntax characters
    escaped, and the first one too when Mermaid would read the task as a statement."""
    flat = " ".join(text.split())
    escaped = "".join(_ENTITIES.get(char, char) for char in flat)
    if task and _STATEMENT.match(flat):
        escaped = f"#{ord(flat[0])};{escaped[1:]}"
    return escaped


def _day(day: Civil) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def _task(event: Event, b: Bounds) -> str:
    assert b.first is not None
    assert b.after is not None
    # The event's id, unless Mermaid would take it for a tag (an event 'done' would be
    # drawn done, 'vert' as a vertical line); "_" starts no event id: no collision.
    task_id = f"_{event.id}" if event.id in _TAGS else event.id
    if b.point:
        return f"    {_text(event.title, task=True)} :milestone, {task_id}, {_day(b.first)}, 0d"
    return f"    {_text(event.title, task=True)} :{task_id}, {_day(b.first)}, {_day(b.after)}"


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
    losses.fields(
        timeline.events, "descriptions", "certainty", "tags", "actors", "relations", "key", "label"
    )
    losses.add("source", sum(1 for e in timeline.events if e.sources))
    losses.add("subtitle", timeline.subtitle is not None)
    losses.add("as-of", timeline.as_of is not None)
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
    title, marked = marked_title(timeline)
    losses.add("marking", marked)
    if title:
        lines.append(f"    title {_text(title)}")
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
