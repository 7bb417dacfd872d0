"""iCalendar (RFC 5545): each event a VEVENT, for any calendar application.

Days are all-day values (`DTSTART;VALUE=DATE`) with the exclusive `DTEND` of a
partial date (a month runs from its first to the first of the next); a time of
day is a UTC date-time. `DTSTAMP` comes from `as_of` (else the chronology's last
day), so the same chronology always gives the same bytes. `X-EDTF` and
`X-TIMELINE-CERTAINTY` (and `X-TIMELINE-LANE`) carry what iCalendar cannot, for the
way back (`timeline import ics`). Lines end
in CRLF and are folded at 75 octets, never inside a character.
"""

from __future__ import annotations

from timeline.interop.bounds import Bounds, Civil, bounds
from timeline.interop.document import MARKING_LOSS, locale_of, marked_title
from timeline.interop.losses import Exported, Losses
from timeline.model.records import Event
from timeline.model.timeline import Timeline
from timeline.render.citations import citation, plain

__all__ = ["export_ics"]

_WORDING = {
    "marking": MARKING_LOSS,
    "qualified": (
        "approximate or uncertain date exported at its strict bounds",
        "approximate or uncertain dates exported at their strict bounds",
    ),
    "open": (
        "ongoing or open-ended event exported as its start",
        "ongoing or open-ended events exported as their start",
    ),
    "range": (
        "event outside the years 1-9999 left out",
        "events outside the years 1-9999 left out",
    ),
    "quote": ("quote or note dropped", "quotes and notes dropped"),
    "source": (
        "event's sources kept only as lines of its description",
        "events' sources kept only as lines of their descriptions",
    ),
}


def _escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """`line` folded at 75 octets (continuations start with a space), CRLF-terminated."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # a continuation's leading space counts
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out) + "\r\n"


def _day(day: Civil) -> str:
    y, m, d = day
    return f"{y:04d}{m:02d}{d:02d}"


def _stamp(seconds: int) -> str:
    from timeline.dates.calendar import DAY, to_civil

    rest = seconds % DAY
    return f"{_day(to_civil(seconds))}T{rest // 3600:02d}{rest // 60 % 60:02d}{rest % 60:02d}Z"


def _dtstamp(timeline: Timeline) -> str:
    if timeline.as_of is not None:
        return _stamp(timeline.as_of.lower)
    uppers = [b for e in timeline.events if (b := e.span.upper) is not None]
    return _stamp(max(uppers, default=0))


def _when(b: Bounds) -> list[str]:
    if b.instant is not None:
        return [f"DTSTART:{_stamp(b.instant[0])}", f"DTEND:{_stamp(b.instant[1])}"]
    assert b.first is not None
    assert b.after is not None
    return [f"DTSTART;VALUE=DATE:{_day(b.first)}", f"DTEND;VALUE=DATE:{_day(b.after)}"]


def _description(timeline: Timeline, event: Event) -> str:
    lines = [event.description.strip()] if event.description else []
    locale = locale_of(timeline)
    for number, cited in enumerate(event.sources, 1):
        source = timeline.sources.get(cited.source)
        if source is None:
            continue
        line = plain(citation(source, locale, (cited.at, cited.credibility)))
        lines.append(f"[{number}] {line}")
    return "\n".join(lines)


def _vevent(timeline: Timeline, event: Event, uid: str, stamp: str, b: Bounds) -> list[str]:
    strongest = timeline.certainty[0] if timeline.certainty else None
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", *_when(b)]
    lines.append(f"SUMMARY:{_escape(event.title)}")
    description = _description(timeline, event)
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines.append("STATUS:" + ("CONFIRMED" if event.certainty == strongest else "TENTATIVE"))
    categories = [c for c in (event.lane, *event.tags) if c]
    if categories:
        lines.append("CATEGORIES:" + ",".join(map(_escape, categories)))
    urls = [s.url for c in event.sources if (s := timeline.sources.get(c.source)) and s.url]
    if urls:
        lines.append(f"URL:{urls[0]}")
    if event.lane:
        lines.append(f"X-TIMELINE-LANE:{_escape(event.lane)}")
    lines += [
        f"X-EDTF:{_escape(event.span.text)}",
        f"X-TIMELINE-CERTAINTY:{_escape(event.certainty)}",
    ]
    return [*lines, "END:VEVENT"]


def export_ics(timeline: Timeline) -> Exported:
    losses = Losses(_WORDING)
    losses.add("period", len(timeline.periods))
    losses.fields(timeline.events, "actors", "relations", "key", "label")
    losses.add("quote", sum(bool(c.quote or c.note) for e in timeline.events for c in e.sources))
    losses.add("subtitle", timeline.subtitle is not None)
    stamp = _dtstamp(timeline)
    name = timeline.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "timeline"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//timeline//EN",
             "CALSCALE:GREGORIAN"]  # fmt: skip
    title, marked = marked_title(timeline)
    losses.add("marking", marked)
    if title:
        lines.append(f"X-WR-CALNAME:{_escape(title)}")
    for event in timeline.events:
        b = bounds(event.span)
        if b.unknown_start or b.first is None or b.after is None:
            losses.add("unknown-start")
            continue
        if not (b.first[0] >= 1 and b.after[0] <= 9999):
            losses.add("range")
            continue
        losses.add("qualified", b.qualified)
        losses.add("open", b.open_end or b.unknown_end)
        losses.add("source", bool(event.sources))
        lines += _vevent(timeline, event, f"{event.id}.{name}@timeline", stamp, b)
    lines.append("END:VCALENDAR")
    return Exported("ics", "".join(map(_fold, lines)), losses.result())
