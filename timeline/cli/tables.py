"""`timeline source ...`, `timeline actor ...`, `timeline period ...` and `timeline
settings`: the other tables."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import attrs

from timeline._urls import web_url
from timeline.cli.editing import Change, Refused, add_common, blank_to_none, missing, run
from timeline.cli.output import count, print_diagnostics
from timeline.diagnostics import Diagnostic, Severity
from timeline.model.actors import Actor
from timeline.model.records import Period, Source
from timeline.model.timeline import Timeline

__all__ = ["register"]

SOURCE_FIELDS = (
    "title", "publisher", "url", "archive", "published", "accessed", "reliability", "via",
    "marking",
)  # fmt: skip
SOURCE_OPTIONS = {
    "E023": "--url", "E025": "--via", "E026": "--reliability", "E110": "--via",
    "E027": "--marking",
}  # fmt: skip
ACTOR_OPTIONS = {"aliases": "--alias"}
PERIOD_OPTIONS = {"E101": "--end", "E027": "--marking"}
SETTING_KEYS = {"actor_order": "actors"}  # a setting's attribute -> its key in [timeline]
# A FieldError's field (`rules.W108`, by its first part) or a diagnostic's code -> the option.
SETTINGS_OPTIONS = {
    "E022": "--certainty", "E024": "--lanes", "W021": "--rule", "rules": "--rule",
    "E028": "--actors", "actor_order": "--actors", "E027": "--marking",
}  # fmt: skip

SOURCE_EXAMPLE = """\
examples:
  timeline source add reuters --title "Israel to sell Barak MX to Morocco" \\
      --publisher Reuters --url https://example.org/barak --published 2022-07-14 --reliability B
  timeline source set reuters --accessed 2026-01-20 \\
      --archive https://web.archive.org/web/2022/https://example.org/barak
  timeline source set reuters --reliability A --url ''    # '' removes an optional field
  timeline source set partner --marking AMBER              # its handling level
  timeline source remove blog                              # refused while an event cites it
"""
ACTOR_EXAMPLE = """\
examples:
  timeline actor add mali --name Mali --kind state --alias "Republic of Mali" --wikidata Q912
  timeline actor set mali --add-alias Bamako --kind ''     # '' removes an optional field
  timeline set talks --add-actor mali                       # an event names it
  timeline actor remove mali                                # refused while an event names it
"""
PERIOD_EXAMPLE = """\
examples:
  timeline period add "Deliveries" --start 2023 --end 2026-01~
  timeline period set "Deliveries" --end 2026-02 --marking AMBER
  timeline period remove "Deliveries"
"""
SETTINGS_EXAMPLE = """\
examples:
  timeline settings --title "Morocco-Israel defence cooperation" --as-of 2026-11-30
  timeline settings --max-gap P12M --rule W106=warning --lanes Diplomacy,Procurement
  timeline settings --subtitle ''      # '' removes an optional setting
  timeline settings --actors morocco,israel,iai   # the lanes of render --lanes actors
  timeline settings --markings OFFICIAL,SECRET --marking OFFICIAL --portion-marks
"""


def register(commands: Any) -> None:
    source = commands.add_parser(
        "source",
        help="add, change or remove a source",
        epilog=SOURCE_EXAMPLE,
        description="Edit the [sources.KEY] tables; comments and other tables stay as they are.",
    )
    verbs = source.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, help in (("add", "add a source"), ("set", "change fields of a source")):
        parser = verbs.add_parser(
            verb,
            help=help,
            epilog=SOURCE_EXAMPLE,
        )
        parser.add_argument("key", metavar="KEY")
        parser.add_argument("--title", required=verb == "add")
        parser.add_argument("--publisher")
        parser.add_argument("--url", help="http or https")
        parser.add_argument("--archive", metavar="URL", help="an archived copy, http or https")
        parser.add_argument("--published", metavar="DATE", help="EDTF date")
        parser.add_argument("--accessed", metavar="DATE", help="EDTF date: when you read it")
        parser.add_argument("--reliability", help="Admiralty grade A-F")
        parser.add_argument("--via", metavar="KEY", help="the source this one reports from")
        parser.add_argument("--marking", metavar="LEVEL", help="its handling level, e.g. AMBER")
        add_common(parser)
        parser.set_defaults(run=_source_add if verb == "add" else _source_set)
    parser = verbs.add_parser("remove", help="remove a source (refused while cited)")
    parser.add_argument("key", metavar="KEY")
    add_common(parser)
    parser.set_defaults(run=_source_remove)
    _register_actor(commands)
    _register_period(commands)
    _register_settings(commands)


def _register_actor(commands: Any) -> None:
    actor = commands.add_parser(
        "actor",
        help="add, change or remove an actor",
        epilog=ACTOR_EXAMPLE,
        description="Edit the [actors.KEY] tables (`timeline actors` lists them); comments"
        " and other tables stay as they are.",
    )
    verbs = actor.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, help in (("add", "add an actor"), ("set", "change fields of an actor")):
        parser = verbs.add_parser(verb, help=help, epilog=ACTOR_EXAMPLE)
        parser.add_argument("key", metavar="KEY", help="how events name it (--actor KEY)")
        parser.add_argument("--name", required=verb == "add", help="as outputs show it")
        parser.add_argument("--kind", help="a word: state, organisation, company, person, unit...")
        if verb == "add":
            parser.add_argument(
                "--alias", action="append", default=[], dest="aliases", metavar="NAME",
                help="another name it goes by; repeat for more",
            )  # fmt: skip
        else:
            parser.add_argument(
                "--add-alias", action="append", default=[], metavar="NAME",
                help="another name it goes by; repeatable",
            )  # fmt: skip
            parser.add_argument(
                "--remove-alias", action="append", default=[], metavar="NAME",
                help="a name it no longer goes by; repeatable",
            )  # fmt: skip
        parser.add_argument("--wikidata", metavar="ID", help="its Wikidata item, e.g. Q912")
        add_common(parser)
        parser.set_defaults(run=_actor_add if verb == "add" else _actor_set)
    parser = verbs.add_parser(
        "remove", help="remove an actor (refused while an event names it)", epilog=ACTOR_EXAMPLE
    )
    parser.add_argument("key", metavar="KEY")
    add_common(parser)
    parser.set_defaults(run=_actor_remove)


def _register_period(commands: Any) -> None:
    period = commands.add_parser(
        "period",
        help="add, change or remove a shaded period",
        epilog=PERIOD_EXAMPLE,
        description="Edit the [[period]] tables, named by their title.",
    )
    verbs = period.add_subparsers(dest="verb", metavar="VERB", required=True)
    for verb, help in (("add", "add a period"), ("set", "change a period")):
        parser = verbs.add_parser(
            verb,
            help=help,
            epilog=PERIOD_EXAMPLE,
        )
        parser.add_argument("title", metavar="TITLE")
        if verb == "set":
            parser.add_argument("--title", dest="new_title", metavar="TITLE", help="a new title")
        when = parser.add_mutually_exclusive_group(required=verb == "add")
        when.add_argument("--date", help="EDTF date or interval")
        when.add_argument("--start", help="EDTF date the period starts")
        parser.add_argument("--end", help="EDTF date, or '..' for ongoing")
        parser.add_argument("--marking", metavar="LEVEL", help="its handling level, e.g. AMBER")
        add_common(parser)
        parser.set_defaults(run=_period_add if verb == "add" else _period_set)
    parser = verbs.add_parser("remove", help="remove a period")
    parser.add_argument("title", metavar="TITLE")
    add_common(parser)
    parser.set_defaults(run=_period_remove)


def _register_settings(commands: Any) -> None:
    settings = commands.add_parser(
        "settings",
        help="change the [timeline] settings",
        epilog=SETTINGS_EXAMPLE,
        description="Change settings of the [timeline] table in place. Lists are"
        " comma-separated; '' removes an optional setting.",
    )
    settings.add_argument("--title")
    settings.add_argument("--subtitle")
    settings.add_argument("--as-of", metavar="DATE", help="the date the chronology is current to")
    settings.add_argument("--max-gap", metavar="DURATION", help="ISO 8601, e.g. P18M")
    settings.add_argument("--certainty", metavar="WORDS", help="the scale, strongest first")
    settings.add_argument("--lanes", metavar="NAMES", help="the lanes, in drawing order")
    settings.add_argument("--order", choices=("file", "any"))
    settings.add_argument("--gaps", choices=("all", "per-lane"))
    settings.add_argument("--locale", help="the language outputs use by default, e.g. fr, de")
    settings.add_argument(
        "--actors", dest="actor_order", metavar="KEYS",
        help="the actors' lanes of render --lanes actors, in order (keys of [actors])",
    )  # fmt: skip
    settings.add_argument(
        "--markings", metavar="LEVELS",
        help="the marking scheme: tlp (the default), or your own levels, lowest first",
    )  # fmt: skip
    settings.add_argument(
        "--marking", metavar="LEVEL", help="the level of everything that gives none"
    )
    settings.add_argument(
        "--portion-marks", action=argparse.BooleanOptionalAction, default=None,
        help="text, Markdown and HTML mark each event's line with its level",
    )  # fmt: skip
    settings.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help="off, note, warning or error; CODE= removes the override",
    )
    add_common(settings)
    settings.set_defaults(run=_settings)


def _source_fields(arguments: argparse.Namespace) -> dict[str, Any]:
    fields = {name: getattr(arguments, name) for name in SOURCE_FIELDS}
    fields = {name: value for name, value in fields.items() if value is not None}
    return {
        name: value if name == "title" else blank_to_none(value) for name, value in fields.items()
    }


def _source_add(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        if arguments.key in timeline.sources:
            raise Refused(
                "KEY",
                f"'{arguments.key}' is already a source; use 'timeline source set {arguments.key}'",
                status=2,
            )
        source = Source(arguments.key, **_source_fields(arguments))
        return timeline.add_source(source), f"added source '{source.key}'"

    return run(Change("source add", build, _source_options(arguments)), arguments)


def _source_set(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        source = _source(timeline, arguments.key)
        changed = attrs.evolve(source, **_source_fields(arguments))
        names = [name for name in SOURCE_FIELDS if getattr(changed, name) != getattr(source, name)]
        return timeline.replace_source(
            changed
        ), f"changed source '{source.key}': {', '.join(names)}"

    return run(Change("source set", build, _source_options(arguments)), arguments)


def _source_options(arguments: argparse.Namespace) -> dict[str, str]:
    """Which option a diagnostic comes from: E023 is --archive's when that URL is the bad one."""
    archive = arguments.archive
    if archive and not web_url(archive) and (arguments.url is None or web_url(arguments.url)):
        return {**SOURCE_OPTIONS, "E023": "--archive"}
    return SOURCE_OPTIONS


def _source_remove(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        key = _source(timeline, arguments.key).key
        citing = [e.id for e in timeline.events if key in e.source_keys]
        if citing:
            listed = ", ".join(f"'{i}'" for i in citing)
            raise Refused(
                "KEY",
                f"'{key}' is cited by {listed}; remove those citations first"
                f" (timeline set {citing[0]} --remove-source {key})",
                code="E021",
            )
        reporting = [k for k, s in timeline.sources.items() if s.via == key]
        if reporting:
            raise Refused(
                "KEY",
                f"source '{reporting[0]}' is via '{key}'; change its --via first",
                code="E025",
            )
        return timeline.remove_source(key), f"removed source '{key}'"

    return run(Change("source remove", build, SOURCE_OPTIONS), arguments)


def _source(timeline: Timeline, key: str) -> Source:
    if key not in timeline.sources:
        raise missing("a source", key, timeline.sources, "KEY")
    return timeline.sources[key]


def _actor(timeline: Timeline, key: str) -> Actor:
    if key not in timeline.actors:
        raise missing("an actor", key, timeline.actors, "KEY")
    return timeline.actors[key]


def _actor_add(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        if arguments.key in timeline.actors:
            raise Refused(
                "KEY",
                f"'{arguments.key}' is already an actor; use 'timeline actor set {arguments.key}'",
                status=2,
            )
        actor = Actor(
            arguments.key, arguments.name, kind=blank_to_none(arguments.kind),
            aliases=arguments.aliases, wikidata=blank_to_none(arguments.wikidata),
        )  # fmt: skip
        return timeline.add_actor(actor), f"added actor '{actor.key}'"

    return run(Change("actor add", build, ACTOR_OPTIONS), arguments)


def _actor_set(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        actor = _actor(timeline, arguments.key)
        fields: dict[str, Any] = {}
        if arguments.name is not None:
            fields["name"] = arguments.name
        for name in ("kind", "wikidata"):
            if getattr(arguments, name) is not None:
                fields[name] = blank_to_none(getattr(arguments, name))
        absent = [a for a in arguments.remove_alias if a not in actor.aliases]
        if absent:
            raise Refused("--remove-alias", f"the actor has no alias '{absent[0]}'", status=2)
        kept = [a for a in actor.aliases if a not in arguments.remove_alias]
        fields["aliases"] = [*kept, *(a for a in arguments.add_alias if a not in kept)]
        changed = attrs.evolve(actor, **fields)
        names = [
            f.name
            for f in attrs.fields(Actor)
            if getattr(changed, f.name) != getattr(actor, f.name)
        ]
        return timeline.replace_actor(changed), f"changed actor '{actor.key}': {', '.join(names)}"

    options = {**ACTOR_OPTIONS, "aliases": "--add-alias"}
    return run(Change("actor set", build, options), arguments)


def _actor_remove(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        key = _actor(timeline, arguments.key).key
        naming = [e.id for e in timeline.events if key in e.actors]
        if naming:
            listed = ", ".join(f"'{i}'" for i in naming)
            raise Refused(
                "KEY",
                f"'{key}' is named by {listed}; remove it from those events first"
                f" (timeline set {naming[0]} --remove-actor {key})",
                code="E028",
            )
        if key in timeline.actor_order:
            rest = ",".join(k for k in timeline.actor_order if k != key)
            raise Refused(
                "KEY",
                f"[timeline] actors lists '{key}'; take it out of the order first"
                f" (timeline settings --actors {rest or repr('')})",
                code="E028",
            )
        return timeline.remove_actor(key), f"removed actor '{key}'"

    return run(Change("actor remove", build, ACTOR_OPTIONS), arguments)


def _period_index(timeline: Timeline, title: str) -> int:
    found = [i for i, period in enumerate(timeline.periods) if period.title == title]
    if not found:
        raise missing("a period", title, (p.title for p in timeline.periods), "TITLE")
    if len(found) > 1:
        raise Refused(
            "TITLE", f"{len(found)} periods are titled '{title}'; edit the file by hand", status=2
        )
    return found[0]


def _refuse_taken_title(timeline: Timeline, title: str, option: str, advice: str) -> None:
    """Periods are named by title: a second period of the same title could not be."""
    if any(period.title == title for period in timeline.periods):
        raise Refused(option, f"a period is already titled '{title}'; {advice}", status=2)


def _period_add(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        title = arguments.title
        _refuse_taken_title(timeline, title, "TITLE", f"use 'timeline period set \"{title}\"'")
        period = Period(
            arguments.title, date=arguments.date, start=arguments.start, end=arguments.end,
            marking=blank_to_none(arguments.marking),
        )  # fmt: skip
        return timeline.add_period(period), f"added period '{period.title}'"

    return run(Change("period add", build, PERIOD_OPTIONS), arguments)


def _period_set(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        index = _period_index(timeline, arguments.title)
        period = timeline.periods[index]
        fields: dict[str, Any] = {}
        if arguments.new_title is not None and arguments.new_title != period.title:
            _refuse_taken_title(timeline, arguments.new_title, "--title", "choose another")
            fields["title"] = arguments.new_title
        if arguments.date is not None:
            fields.update(date=arguments.date, start=None, end=None)
        elif arguments.start is not None:
            fields.update(date=None, start=arguments.start, end=period.end)
        if arguments.end is not None:
            fields["end"] = arguments.end
        if arguments.marking is not None:
            fields["marking"] = blank_to_none(arguments.marking)
        changed = attrs.evolve(period, **fields)
        return timeline.replace_period(index, changed), f"changed period '{period.title}'"

    return run(Change("period set", build, PERIOD_OPTIONS), arguments)


def _period_remove(arguments: argparse.Namespace) -> int:
    def build(timeline: Timeline) -> tuple[Timeline, str]:
        index = _period_index(timeline, arguments.title)
        return timeline.remove_period(index), f"removed period '{arguments.title}'"

    return run(Change("period remove", build, PERIOD_OPTIONS), arguments)


def _words(value: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in value.split(",") if word.strip())


def _settings(arguments: argparse.Namespace) -> int:
    options = SETTINGS_OPTIONS
    if arguments.markings is not None:  # a level the new scheme lacks is its fault
        options = {**SETTINGS_OPTIONS, "E027": "--markings"}

    def build(timeline: Timeline) -> tuple[Timeline, str]:
        settings: dict[str, Any] = {}
        for name in ("title", "order", "gaps"):
            if getattr(arguments, name) is not None:
                settings[name] = getattr(arguments, name)
        for name in ("subtitle", "as_of", "max_gap", "locale", "marking"):
            if getattr(arguments, name) is not None:
                settings[name] = blank_to_none(getattr(arguments, name))
        for name in ("certainty", "lanes", "actor_order"):
            if getattr(arguments, name) is not None:
                settings[name] = _words(getattr(arguments, name))
        if arguments.markings is not None:
            words = _words(arguments.markings)
            settings["markings"] = "tlp" if words in ((), ("tlp",)) else words
        if arguments.portion_marks is not None:
            settings["portion_marks"] = arguments.portion_marks
        if arguments.rule:
            settings["rules"] = _rules(timeline, arguments.rule)
        updated = timeline.with_settings(**settings)
        _refuse_events_at_fault(timeline, updated, options)
        changed = [
            SETTING_KEYS.get(name, name)
            for name in settings
            if getattr(updated, name) != getattr(timeline, name)
        ]
        return updated, f"changed settings: {', '.join(changed)}"

    return run(Change("settings", build, options), arguments)


def _refuse_events_at_fault(timeline: Timeline, updated: Timeline, options: dict[str, str]) -> None:
    """Refused when the new settings put events in error (a certainty word the new scale
    lacks, a lane the new lanes lack), after printing each event's error once, where it
    is in the file: the settings change no event's line."""

    def key(d: Diagnostic) -> tuple[object, ...]:
        return (d.code, d.message, d.line, d.column, d.event_ids)

    before = {key(d) for d in timeline.validate()}
    brought = [
        d for d in updated.validate() if d.severity is Severity.ERROR and key(d) not in before
    ]
    at_fault = [d for d in brought if d.event_ids]
    if not at_fault:
        return  # `run` refuses any other error the change brings
    print_diagnostics(at_fault, sys.stderr)
    events = len({i for d in at_fault for i in d.event_ids})
    option = ", ".join(dict.fromkeys(options.get(d.code, "the change") for d in at_fault))
    raise Refused(
        option, f"nothing written: {count(events, 'event')} would be in error (above)",
        code=at_fault[0].code,
    )  # fmt: skip


def _rules(timeline: Timeline, assignments: list[str]) -> dict[str, str]:
    rules = dict(timeline.rules)
    for assignment in assignments:
        code, equals, level = assignment.partition("=")
        if not equals or not code.strip():
            raise Refused(
                "--rule", f"expected CODE=LEVEL, e.g. W106=off, got {assignment!r}", status=2
            )
        if level.strip():
            rules[code.strip()] = level.strip()
        else:
            rules.pop(code.strip(), None)
    return rules
