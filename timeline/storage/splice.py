"""Rewriting a loaded events.toml in place, one table at a time.

The file is cut into blocks, one per top-level table header (``[timeline]``,
``[sources.KEY]``, ``[[period]]``, ``[[event]]``, ...), each starting at the
comment lines directly above its header. A save then touches only the blocks
its edits name:

* a changed table is re-parsed alone with tomlkit and only the keys whose values
  changed are set or deleted, so the table's other lines and its comments stay
  where they were (a comment on the same line as a changed value goes with it);
* a removed table goes with the comment block directly above it;
* a new event goes after the last event that certainly begins no later than it
  (so the file stays in date order and W105 never fires because of an
  insertion), a new source after the last source, a new period after the last
  period;
* every other byte is copied unchanged.

Anything this cannot do in place (a table written inline, say
``sources = {wire = {...}}``) raises `Unwritable`, and `save()` refuses with a
diagnostic rather than drop the change.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from timeline.dates.edtf import EdtfDate, EdtfInterval, End
from timeline.model import DEFAULT_CERTAINTY, Citation, Event, Period, Source, Timeline
from timeline.model.actors import Actor
from timeline.storage.edits import Changes, Keyed, settings_of
from timeline.storage.locate import HEADER, Locator, Path, split_key

if TYPE_CHECKING:
    from tomlkit.items import Table

__all__ = [
    "Unwritable",
    "citation_item",
    "event_items",
    "period_items",
    "setting_value",
    "source_items",
    "splice",
    "table",
]

_DEFAULTS: dict[str, object] = {
    "title": "", "subtitle": None, "max_gap": None, "as_of": None, "certainty": DEFAULT_CERTAINTY,
    "lanes": (), "order": "file", "gaps": "all", "locale": None, "markings": "tlp",
    "marking": None, "portion_marks": False, "actor_order": (), "rules": {},
}  # fmt: skip
# Timeline attributes whose [timeline] key has another name.
_SETTING_KEYS = {"actor_order": "actors"}


def settings_items(timeline: Timeline) -> dict[str, object]:
    """The `[timeline]` table as written: its keys and values, defaults left out."""
    found = {}
    for name, value in settings_of(timeline).items():
        written = setting_value(name, value)  # None: the default (no title is "")
        if written is not None:
            found[setting_key(name)] = written
    return found


def setting_key(name: str) -> str:
    """The [timeline] key of the setting `name` (a Timeline attribute)."""
    return _SETTING_KEYS.get(name, name)


class Unwritable(Exception):
    """A change this module cannot make in place; the message says which."""


@attrs.frozen(slots=True)
class Block:
    path: Path  # ("event", 3), ("sources", "wire"), ("timeline",), ("timeline", "rules")
    start: int  # offset of its first line (the comments directly above the header)
    end: int  # offset just past its last line


# ---------------------------------------------------------------- values as TOML


def _date_text(value: EdtfDate | EdtfInterval | End) -> str:
    if isinstance(value, End):
        return value.value  # ".." open, "" unknown
    return value.text


def _dated(item: Event | Period) -> dict[str, object]:
    if item.date is not None:
        return {"date": _date_text(item.date)}
    assert isinstance(item.start, EdtfDate)
    found: dict[str, object] = {"start": _date_text(item.start)}
    if item.end is not None:
        found["end"] = _date_text(item.end)
    return found


def event_items(event: Event) -> dict[str, object]:
    """The keys of `event`'s table, in canonical order; absent keys are left out."""
    items: dict[str, object] = {"id": event.id, "title": event.title, **_dated(event)}
    items["certainty"] = event.certainty
    items["sources"] = [citation_item(citation) for citation in event.sources]
    for key in ("lane", "description"):
        if getattr(event, key) is not None:
            items[key] = getattr(event, key)
    for key in ("tags", "after", "before"):
        if getattr(event, key):
            items[key] = list(getattr(event, key))
    if event.key:
        items["key"] = True
    if event.label is not None:
        items["label"] = event.label
    if event.actors:
        items["actors"] = list(event.actors)
    if event.marking is not None:
        items["marking"] = event.marking
    return items


def citation_item(citation: Citation) -> str | dict[str, object]:
    """A citation as events.toml writes it: a bare key, or a table of its fields in order."""
    if citation.bare:
        return citation.source
    items: dict[str, object] = {"source": citation.source}
    if citation.date is not None:
        items["date"] = citation.date.text
    for name in ("at", "quote", "credibility", "note", "marking"):
        if getattr(citation, name) is not None:
            items[name] = getattr(citation, name)
    return items


def _toml(value: object, newline: str = "\n") -> object:
    """`value` as tomlkit should write it: an array holding tables as one item per line,
    each table inline (`{ source = "globes", at = "p. 2" }`); anything else as it is."""
    if not isinstance(value, list) or not any(isinstance(v, dict) for v in value):
        return value
    import tomlkit

    lines = ["x = ["]
    for item in value:
        if isinstance(item, dict):
            fields = ", ".join(
                f"{tomlkit.key(k).as_string()} = {tomlkit.item(v).as_string()}"
                for k, v in item.items()
            )
            lines.append(f"  {{ {fields} }},")
        else:
            lines.append(f"  {tomlkit.item(item).as_string()},")
    lines.append("]")
    return tomlkit.parse(newline.join(lines))["x"]


def source_items(source: Source) -> dict[str, object]:
    items: dict[str, object] = {"title": source.title}
    for name in ("publisher", "url", "reliability", "via", "archive"):
        if getattr(source, name) is not None:
            items[name] = getattr(source, name)
    for name in ("published", "accessed"):
        date = getattr(source, name)
        if date is not None:
            items[name] = date.text
    if source.marking is not None:
        items["marking"] = source.marking
    return items


def actor_items(actor: Actor) -> dict[str, object]:
    items: dict[str, object] = {"name": actor.name}
    if actor.kind is not None:
        items["kind"] = actor.kind
    if actor.aliases:
        items["aliases"] = list(actor.aliases)
    if actor.wikidata is not None:
        items["wikidata"] = actor.wikidata
    return items


def period_items(period: Period) -> dict[str, object]:
    items = {"title": period.title, **_dated(period)}
    if period.marking is not None:
        items["marking"] = period.marking
    return items


def setting_value(name: str, value: object) -> object:
    if value is None or value == _DEFAULTS.get(name, object()):
        return None
    if isinstance(value, EdtfDate):
        return value.text
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


# ---------------------------------------------------------------- blocks


def blocks(text: str) -> list[Block]:
    """Every real top-level table header of `text` (none inside a multi-line string)."""
    locator = Locator(text)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found: list[tuple[Path, int]] = []
    counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(lines, start=1):
        header = HEADER.match(line)
        if header is None:
            continue
        names = split_key(header.group(2))
        path: Path = names
        if header.group(1) == "[[":
            index = counts.get(names, 0)
            path = (*names, index)
            if not locator.knows(path) or locator.key(path)[0] != number:
                continue
            counts[names] = index + 1
        elif not locator.knows(names) or locator.key(names)[0] != number:
            continue
        found.append((path, number))
    result = []
    for position, (path, number) in enumerate(found):
        first = number
        while first > 1 and lines[first - 2].lstrip().startswith("#"):
            first -= 1
        if position and first <= found[position - 1][1]:
            first = number
        start = offsets[first - 1]
        result.append(Block(path, start, 0))
    ends = [block.start for block in result[1:]] + [len(text)] * bool(result)
    return [attrs.evolve(block, end=end) for block, end in zip(result, ends, strict=True)]


# ---------------------------------------------------------------- edits


def _rewrite(text: str, key: tuple[str, ...], old: Mapping[str, object],
             new: Mapping[str, object]) -> str:  # fmt: skip
    """`text` (one block) with the keys of table `key` that differ set or deleted."""
    import tomlkit

    document = tomlkit.parse(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    table: Any = document
    for part in key:
        table = table[part]
        if isinstance(table, list):  # an array of tables: the block holds one
            table = table[0]
    for name in old:
        if name not in new:
            del table[name]
    for name, value in new.items():
        if name not in old or old[name] != value:
            table[name] = _toml(value, newline)
    written = tomlkit.dumps(document)
    if newline == "\r\n" and "\n" not in text.replace("\r\n", ""):
        # tomlkit ends the lines it adds with LF: in a CRLF block they take its CRLF
        written = re.sub(r"(?<!\r)\n", "\r\n", written)
    return written


def _start_bounds(event: Event) -> tuple[float, float]:
    """(earliest, latest) instant at which `event` may begin, as the rules see it."""
    span = event.span
    if isinstance(span, EdtfDate):
        return span.lower, span.upper - 1
    if isinstance(span.start, EdtfDate):
        return span.start.lower, span.start.upper - 1
    latest = span.end.upper - 1 if isinstance(span.end, EdtfDate) else math.inf
    return -math.inf, latest


def _insertion_point(loaded: list[Event], new: Event) -> int:
    """How many loaded events (in file order) the new event goes after.

    It must come after every event that certainly begins no later than it, and
    before every event that certainly begins later: then W105 cannot fire because
    of it. Between those two, it goes as late as it can, so an event added with
    the same (or an overlapping) date as others goes after them.
    """
    return max(_legal_places(loaded, new))


def _legal_places(loaded: list[Event], new: Event) -> tuple[int, int]:
    """The first and the last number of `loaded` events `new` may go after (see
    `_insertion_point`); the first is more when `loaded` is itself out of order."""
    earliest, latest = _start_bounds(new)
    after = 0  # just past the last event that certainly begins no later
    before = len(loaded)  # the first event that certainly begins later
    for number, event in enumerate(loaded, start=1):
        lower, upper = _start_bounds(event)
        if upper <= earliest:
            after = number
        if lower > latest and before == len(loaded):
            before = number - 1
    return after, before


def table(items: Mapping[str, object]) -> Table:
    """A tomlkit table holding `items` in their order."""
    import tomlkit

    made = tomlkit.table()
    for name, value in items.items():
        made.add(name, _toml(value))
    return made


def _canonical(key: str, items: Mapping[str, object], array: bool) -> str:
    import tomlkit

    return tomlkit.dumps({key: [table(items)]} if array else {key: table(items)})


def _nested_text(outer_key: str, key: str, items: Mapping[str, object]) -> str:
    """`[outer_key.key]` holding `items`, without an empty `[outer_key]` header."""
    import tomlkit

    outer = tomlkit.table(is_super_table=True)
    outer.add(key, table(items))
    return tomlkit.dumps({outer_key: outer})


def splice(text: str, loaded: Timeline, edits: Changes, newline: str) -> str:
    """`text` (what `loaded` was read from) with `edits` made in place."""
    found = {block.path: block for block in blocks(text)}
    replaced: dict[int, str] = {}  # block start -> its new text ("" removes it)
    inserted: dict[int, list[str]] = {}  # offset -> texts to insert there

    def block(path: Path, what: str) -> Block:
        if path not in found:
            raise Unwritable(f"{what} is not written as a table of its own")
        return found[path]

    def change(path: Path, key: tuple[str, ...], what: str,
               old: Mapping[str, object], new: Mapping[str, object]) -> None:  # fmt: skip
        at = block(path, what)
        replaced[at.start] = _rewrite(text[at.start : at.end], key, old, new)

    _settings(text, loaded, edits, found, change, inserted)
    keyed = (found, block, change, replaced, inserted, len(text))
    _keyed("sources", source_items, loaded.sources, edits.sources, *keyed)
    _keyed("actors", actor_items, loaded.actors, edits.actors, *keyed)
    _periods(loaded, edits, found, block, change, replaced, inserted, len(text))
    _events(text, loaded, edits, found, block, change, replaced, inserted)
    return _assemble(text, found.values(), replaced, inserted, newline)


def _settings(
    text: str, loaded: Timeline, edits: Changes, found: Mapping[Path, Block],
    change: Callable[..., None], inserted: dict[int, list[str]],
) -> None:  # fmt: skip
    plain = {k: v for k, v in edits.settings.items() if k != "rules"}
    if plain:
        old = {setting_key(k): setting_value(k, getattr(loaded, k)) for k in plain}
        new = {setting_key(k): setting_value(k, v) for k, v in plain.items()}
        old = {k: v for k, v in old.items() if v is not None}
        new = {k: v for k, v in new.items() if v is not None}
        if ("timeline",) in found:
            change(("timeline",), ("timeline",), "[timeline]", old, new)
        else:  # first of the tables, after the file's head comment (if any)
            at = min((b.start for b in found.values()), default=len(text))
            inserted.setdefault(at, []).append(_canonical("timeline", new, array=False) + "\n")
    if "rules" in edits.settings:
        rules = dict(edits.settings["rules"])  # type: ignore[call-overload]
        if ("timeline", "rules") in found:
            change(("timeline", "rules"), ("timeline", "rules"), "[timeline.rules]",
                   dict(loaded.rules), rules)  # fmt: skip
        elif ("timeline",) in found and not loaded.rules:  # a new table after [timeline]
            at = _content_end(text, found[("timeline",)])
            inserted.setdefault(at, []).append(_nested_text("timeline", "rules", rules))
        else:  # rules = {...} inline, or no [timeline] to put them after
            raise Unwritable("[timeline.rules] is not written as a table of its own")


def _content_end(text: str, at: Block) -> int:
    """The end of `at`'s last key line: trailing comments belong to what follows."""
    end = at.end
    while end > at.start:
        line_start = text.rfind("\n", at.start, end - 1) + 1
        line = text[line_start:end].strip()
        if line and not line.startswith("#"):
            break
        end = line_start
    return end


def _out_of_order(events: list[Event], gone: set[int], i: int) -> bool:
    """Whether event `i` of `events` (the edited versions, in file order) stands where
    no order W105 accepts would put it among the others that stay (not in `gone`)."""
    others = [e for n, e in enumerate(events) if n != i and n not in gone]
    first, last = _legal_places(others, events[i])
    place = sum(1 for n in range(i) if n not in gone)
    return not first <= place <= max(first, last)


def _events(
    text: str, loaded: Timeline, edits: Changes, found: Mapping[Path, Block],
    block: Callable[[Path, str], Block], change: Callable[..., None],
    replaced: dict[int, str], inserted: dict[int, list[str]],
) -> None:  # fmt: skip
    index = {event.id: i for i, event in enumerate(loaded.events)}
    for key, event in edits.changed_events.items():
        i = index[key]
        change(("event", i), ("event",), f"event '{key}'",
               event_items(loaded.events[i]), event_items(event))  # fmt: skip
    gone = {index[key] for key in edits.removed_events}
    for i in gone:
        replaced[block(("event", i), f"event '{loaded.events[i].id}'").start] = ""
    edited = [edits.changed_events.get(e.id, e) for e in loaded.events]
    redated = [
        i for i, e in enumerate(loaded.events)
        if e.id in edits.changed_events and e.span.text != edited[i].span.text
    ]  # fmt: skip
    # A redated event out of order among those that stay moves (its block, comments
    # and all), unless the file's order is the analyst's (order = "any"); one that
    # moves may leave another out of order, hence the rounds.
    moving: set[int] = set()
    while loaded.order != "any":
        more = {i for i in redated if i not in moving and _out_of_order(edited, gone | moving, i)}
        if not more:
            break
        moving |= more
    placed: list[tuple[Event, str]] = []
    for i in sorted(moving):
        start = block(("event", i), f"event '{loaded.events[i].id}'").start
        placed.append((edited[i], replaced[start].replace("\r\n", "\n")))  # see _assemble
        replaced[start] = ""
    placed += [(e, _canonical("event", event_items(e), True)) for e in edits.added_events]
    staying = [n for n in range(len(edited)) if n not in gone and n not in moving]
    # What goes to one place goes there in date order (earliest start first), which
    # keeps every pair of them in an order W105 accepts.
    for event, written in sorted(placed, key=lambda pair: _start_bounds(pair[0])):
        point = _insertion_point([edited[n] for n in staying], event)
        offset = _offset(block, staying, point, len(text))
        inserted.setdefault(offset, []).append(written)


def _offset(block: Callable[[Path, str], Block], staying: list[int], point: int, end: int) -> int:
    """Where a table that goes after `point` of the `staying` events is written: after
    that event, before the first when `point` is 0, at `end` when there are none."""
    if point:
        return block(("event", staying[point - 1]), "an event").end
    if staying:
        return block(("event", staying[0]), "an event").start
    return end


def _keyed(
    name: str, items: Callable[[Any], dict[str, object]], loaded: Mapping[str, Any],
    edits: Keyed, found: Mapping[Path, Block], block: Callable[[Path, str], Block],
    change: Callable[..., None], replaced: dict[int, str], inserted: dict[int, list[str]],
    end: int,
) -> None:  # fmt: skip
    """The edits of the `[sources.KEY]` or `[actors.KEY]` tables."""
    what = name[:-1]
    for key, value in edits.changed.items():
        change((name, key), (name, key), f"{what} '{key}'", items(loaded[key]), items(value))
    for key in edits.removed:
        replaced[block((name, key), f"{what} '{key}'").start] = ""
    if edits.added:
        offset = _after_last(found, name, end)
        texts = [_nested_text(name, key, items(value)) for key, value in edits.added.items()]
        inserted.setdefault(offset, []).extend(texts)


def _periods(
    loaded: Timeline, edits: Changes, found: Mapping[Path, Block],
    block: Callable[[Path, str], Block], change: Callable[..., None],
    replaced: dict[int, str], inserted: dict[int, list[str]], end: int,
) -> None:  # fmt: skip
    for i, period in edits.changed_periods.items():
        change(("period", i), ("period",), f"period {i + 1}",
               period_items(loaded.periods[i]), period_items(period))  # fmt: skip
    for i in edits.removed_periods:
        replaced[block(("period", i), f"period {i + 1}").start] = ""
    if edits.added_periods:
        offset = _after_last(found, "period", end)
        texts = [_canonical("period", period_items(p), True) for p in edits.added_periods]
        inserted.setdefault(offset, []).extend(texts)


def _after_last(found: Mapping[Path, Block], name: str, end: int) -> int:
    """Just past the last block of `name`; else before the first event; else the end."""
    own = [b for path, b in found.items() if path[0] == name]
    if own:
        return max(b.end for b in own)
    events = [b for path, b in found.items() if path[0] == "event"]
    return min((b.start for b in events), default=end)


def _assemble(
    text: str, found: Iterable[Block], replaced: Mapping[int, str],
    inserted: Mapping[int, list[str]], newline: str,
) -> str:  # fmt: skip
    ordered = sorted(found, key=lambda b: b.start)
    cuts = sorted({0, len(text), *(b.start for b in ordered), *(b.end for b in ordered),
                   *inserted})  # fmt: skip
    pieces: list[str] = []
    for begin, finish in zip(cuts, [*cuts[1:], len(text)], strict=True):
        for addition in inserted.get(begin, []):
            table = _separated(pieces, addition.replace("\n", newline), newline)
            followed = begin < len(text) and not text.startswith(newline, begin)
            pieces.append(table if followed else table.removesuffix(newline))
        if begin in replaced:
            pieces.append(replaced[begin])
        elif begin < finish:
            pieces.append(text[begin:finish])
    return "".join(pieces)


def _separated(pieces: list[str], addition: str, newline: str) -> str:
    """`addition` with the blank line before and after it that tables get in this file."""
    before = "".join(pieces[-1:])
    lead = "" if not before or before.endswith(newline * 2) else newline
    if before and not before.endswith(newline):
        lead = newline * 2
    return lead + addition.rstrip(newline) + newline + newline
