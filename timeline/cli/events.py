"""`timeline add`, `timeline set` and `timeline remove`: editing events."""

from __future__ import annotations

import argparse
from typing import Any

import attrs

from timeline.cli.editing import Change, Refused, add_common, blank_to_none, missing, run
from timeline.model.citations import Citation
from timeline.model.records import Event, redated
from timeline.model.timeline import Timeline

__all__ = ["register"]

# The option each field of an event, or each finding about the edited event, comes from.
OPTIONS = {
    "id": "--id",
    "title": "--title",
    "date": "--date",
    "start": "--start",
    "end": "--end",
    "certainty": "--certainty",
    "sources": "--source",
    "lane": "--lane",
    "tags": "--tag",
    "description": "--description",
    "after": "--after",
    "before": "--before",
    "actors": "--actor",
    "marking": "--marking",
    "E020": "--id",
    "E021": "--source",
    "E022": "--certainty",
    "E024": "--lane",
    "E027": "--marking",
    "E028": "--actor",
    "W116": "--marking",
    "E101": "--end",
    "E102": "--after/--before",
    "E103": "--after/--before",
    "E104": "--after/--before",
}
SET_OPTIONS = {
    **OPTIONS, "sources": "--add-source", "tags": "--add-tag", "E021": "--add-source",
    "actors": "--add-actor", "E028": "--add-actor",
}  # fmt: skip

ADD_EXAMPLE = """\
examples:
  timeline add --id deal-signed --title "Barak MX contract signed" --date 2022-07~ \\
      --certainty probable --source reuters --lane Procurement
  timeline add --id deal-talks --title "Talks on the deal" --date 2022-05 \\
      --certainty possible --source partner --actor morocco --actor iai --marking AMBER
"""
SET_EXAMPLE = """\
examples:
  timeline set deal-signed --date 2022-07-14 --certainty confirmed
  timeline set deal-signed --add-source haaretz --remove-source blog
  timeline set deal-signed --lane ''        # '' removes an optional field
  timeline set deal-signed --add-actor elbit --marking GREEN
"""
CITE_OPTIONS = {**OPTIONS, "E021": "SOURCE", "sources": "SOURCE"}
CITATION_FIELDS = ("date", "at", "quote", "credibility", "note", "marking")

CITE_EXAMPLE = """\
examples:
  timeline cite deal-signed globes --at "p. 2" --quote "Morocco has bought the Barak MX" \\
      --credibility 2 --date 2022-02
  timeline cite deal-signed lemonde --note "says the contract was signed late in 2021"
  timeline cite deal-signed globes --quote ''      # '' removes a field of the citation
"""
REMOVE_EXAMPLE = """\
examples:
  timeline remove duplicate-entry
  timeline remove deal-signed --cascade    # also drop other events' after/before on it
"""


def register(commands: Any) -> None:
    add = commands.add_parser(
        "add",
        help="add one event, in date order",
        epilog=ADD_EXAMPLE,
        description="Validate the new event against the chronology and insert it where it"
        " belongs in date order; comments and the existing text stay as they are. The"
        " warnings the new event brings are printed (exit 0); nothing is written if it has"
        " errors (exit 1).",
    )
    add.add_argument("--id", required=True)
    add.add_argument("--title", required=True)
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", help="EDTF date or interval, e.g. 2026-03~ or 2023/..")
    when.add_argument("--start", help="EDTF date the event starts")
    add.add_argument("--end", help="EDTF date, or '..' for ongoing (needs --start)")
    add.add_argument("--certainty", required=True, help="a word of the chronology's scale")
    add.add_argument("--source", action="append", required=True, dest="sources", metavar="KEY")
    add.add_argument("--lane")
    add.add_argument("--tag", action="append", default=[], dest="tags", metavar="TAG")
    add.add_argument("--after", action="append", default=[], metavar="ID")
    add.add_argument("--before", action="append", default=[], metavar="ID")
    add.add_argument("--description")
    add.add_argument("--key", action="store_true", help="a key event: labelled first on the chart")
    add.add_argument("--label", help="a short text for the chart's label")
    add.add_argument(
        "--actor", action="append", default=[], dest="actors", metavar="KEY",
        help="an actor of the event (a key of [actors]); repeat for more",
    )  # fmt: skip
    add.add_argument("--marking", help="the event's handling level, e.g. AMBER")
    add_common(add)
    add.set_defaults(run=_add)
    _register_set(commands)
    _register_cite(commands)
    remove = commands.add_parser(
        "remove",
        help="remove one event",
        epilog=REMOVE_EXAMPLE,
        description="Remove the event and the comment block directly above it. Refused"
        " while other events are ordered after or before it, unless --cascade also removes"
        " those relations (and says which).",
    )
    remove.add_argument("id", metavar="ID")
    remove.add_argument(
        "--cascade",
        action="store_true",
        help="also remove the after/before relations of other events to ID",
    )
    add_common(remove)
    remove.set_defaults(run=_remove)


def _register_set(commands: Any) -> None:
    change = commands.add_parser(
        "set",
        help="change fields of one event",
        epilog=SET_EXAMPLE,
        description="Change the given fields of event ID and rewrite its table in place;"
        " every other line of the file stays as it is. An empty value ('') removes an"
        " optional field (lane, description). Nothing is written if the result has errors.",
    )
    change.add_argument("id", metavar="ID")
    change.add_argument("--title")
    when = change.add_mutually_exclusive_group()
    when.add_argument("--date", help="EDTF date or interval (replaces start/end)")
    when.add_argument("--start", help="EDTF date the event starts (replaces date)")
    change.add_argument("--end", help="EDTF date, or '..' for ongoing")
    change.add_argument("--certainty", help="a word of the chronology's scale")
    change.add_argument("--lane", help="a lane; '' removes it")
    change.add_argument("--description", help="free text; '' removes it")
    change.add_argument(
        "--key", action=argparse.BooleanOptionalAction, default=None,
        help="a key event, labelled first on the chart (--no-key: an ordinary one)",
    )  # fmt: skip
    change.add_argument("--label", help="a short text for the chart's label; '' removes it")
    change.add_argument("--marking", help="the event's handling level; '' removes it")
    for verb in ("add", "remove"):
        change.add_argument(f"--{verb}-source", action="append", default=[], metavar="KEY")
        change.add_argument(f"--{verb}-tag", action="append", default=[], metavar="TAG")
        change.add_argument(f"--{verb}-actor", action="append", default=[], metavar="KEY")
    add_common(change)
    change.set_defaults(run=_set)


def _register_cite(commands: Any) -> None:
    cite = commands.add_parser(
        "cite",
        help="cite a source in an event, or change what the citation says",
        epilog=CITE_EXAMPLE,
        description="Add the citation of SOURCE to event ID, or change the one it has: where"
        " in the source (--at), its words (--quote), the date it gives (--date), the"
        " Admiralty credibility of what it says (--credibility), your remark (--note) and the"
        " citation's handling level (--marking). Only the options given change; '' removes"
        " a field. The event's other citations and every other line stay as they are.",
    )  # fmt: skip
    cite.add_argument("id", metavar="ID")
    cite.add_argument("source", metavar="SOURCE", help="a key of [sources]")
    cite.add_argument("--at", metavar="WHERE", help="the locator: page, paragraph, timestamp")
    cite.add_argument("--quote", metavar="TEXT", help="the source's words; may span lines")
    cite.add_argument("--date", help="the date this source gives: EDTF date or interval")
    cite.add_argument(
        "--credibility", metavar="N",
        help="the Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)",
    )  # fmt: skip
    cite.add_argument("--note", metavar="TEXT", help="your remark on what the source says")
    cite.add_argument("--marking", metavar="LEVEL", help="the citation's handling level")
    add_common(cite)
    cite.set_defaults(run=_cite)


def _credibility(value: str) -> int | str:
    """The credibility as typed: a number is an integer; anything else is the citation's
    to refuse (E011, naming the value)."""
    return int(value) if value.strip().isdigit() else value


def _cite(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        event = _event(timeline, arguments.id)
        key = arguments.source
        found = [i for i, c in enumerate(event.sources) if c.source == key]
        if len(found) > 1:
            raise Refused(
                "SOURCE",
                f"event '{event.id}' cites '{key}' {len(found)} times; edit the file by hand",
                status=2,
            )
        fields: dict[str, Any] = {}
        for name in CITATION_FIELDS:
            value = getattr(arguments, name)
            if value is not None:
                value = blank_to_none(value)
                fields[name] = _credibility(value) if name == "credibility" and value else value
        sources = list(event.sources)
        if found:
            old = sources[found[0]]
            sources[found[0]] = new = attrs.evolve(old, **fields)
            names = [n for n in CITATION_FIELDS if getattr(new, n) != getattr(old, n)]
            done = f"changed the citation of '{key}' in event '{event.id}': {', '.join(names)}"
        else:
            sources.append(Citation(key, **fields))
            done = f"cited '{key}' in event '{event.id}'"
        return timeline.replace(attrs.evolve(event, sources=sources)), done

    return run(Change("cite", build, CITE_OPTIONS), arguments)


def _add(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        event = Event(
            arguments.id,
            arguments.title,
            arguments.certainty,
            arguments.sources,
            date=arguments.date,
            start=arguments.start,
            end=arguments.end,
            lane=arguments.lane,
            tags=arguments.tags,
            description=arguments.description,
            key=arguments.key,
            label=arguments.label,
            actors=arguments.actors,
            marking=arguments.marking,
            after=arguments.after,
            before=arguments.before,
        )
        return timeline.add(event), f"added event '{event.id}'"

    return run(Change("add", build, OPTIONS), arguments)


def _event(timeline: Timeline, event_id: str) -> Event:
    for event in timeline.events:
        if event.id == event_id:
            return event
    raise missing("an event", event_id, (e.id for e in timeline.events), "ID")


def _edited(
    values: tuple[str, ...], added: list[str], removed: list[str], what: str, option: str
) -> tuple[str, ...]:
    absent = [value for value in removed if value not in values]
    if absent:
        raise Refused(option, f"the event has no {what} '{absent[0]}'", status=2)
    kept = [value for value in values if value not in removed]
    return (*kept, *(value for value in added if value not in kept))


def _set(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        event = _event(timeline, arguments.id)
        fields: dict[str, Any] = {
            name: getattr(arguments, name)
            for name in ("title", "certainty")
            if getattr(arguments, name) is not None
        }
        for name in ("lane", "description", "label", "marking"):
            if getattr(arguments, name) is not None:
                fields[name] = blank_to_none(getattr(arguments, name))
        if arguments.key is not None:
            fields["key"] = arguments.key
        if arguments.date is not None:
            fields.update(date=arguments.date, start=None, end=None)
            if arguments.end is not None:
                fields["end"] = arguments.end  # E014 says a date and an end conflict
        elif arguments.start is not None or arguments.end is not None:
            fields.update(redated(event, start=arguments.start, end=arguments.end))
        if arguments.add_source or arguments.remove_source:
            keys = _edited(
                event.source_keys,
                arguments.add_source,
                arguments.remove_source,
                "source",
                "--remove-source",
            )
            # Citations keep their details; a key added is a bare citation.
            kept = [c for c in event.sources if c.source in keys]
            sources = [*kept, *(k for k in keys if k not in event.source_keys)]
            if not sources:
                raise Refused(
                    "--remove-source",
                    "the event would cite no source; add one first (--add-source KEY)",
                    code="E012",
                )
            fields["sources"] = sources
        if arguments.add_tag or arguments.remove_tag:
            fields["tags"] = _edited(
                event.tags, arguments.add_tag, arguments.remove_tag, "tag", "--remove-tag"
            )
        if arguments.add_actor or arguments.remove_actor:
            fields["actors"] = _edited(
                event.actors, arguments.add_actor, arguments.remove_actor, "actor",
                "--remove-actor",
            )  # fmt: skip
        changed = attrs.evolve(event, **fields)
        names = [
            f.name
            for f in attrs.fields(Event)
            if f.init and getattr(changed, f.name) != getattr(event, f.name)
        ]
        return timeline.replace(changed), f"changed event '{event.id}': {', '.join(names)}"

    return run(Change("set", build, SET_OPTIONS), arguments)


def _remove(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        target = _event(timeline, arguments.id).id
        related = [e for e in timeline.events if target in (*e.after, *e.before)]
        listed = ", ".join(f"'{e.id}'" for e in related)
        if related and not arguments.cascade:
            raise Refused(
                "ID",
                f"{listed} {'is' if len(related) == 1 else 'are'} ordered"
                f" after or before '{target}'; remove those relations first, or"
                " use --cascade",
                code="E103",
            )
        updated = timeline.remove(target)
        for event in related:
            updated = updated.replace(
                attrs.evolve(
                    event,
                    after=[i for i in event.after if i != target],
                    before=[i for i in event.before if i != target],
                )
            )
        done = f"removed event '{target}'"
        return updated, done + (f" and its relations from {listed}" if related else "")

    return run(Change("remove", build, OPTIONS), arguments)
