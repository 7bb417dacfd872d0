"""The editing commands (set, remove, source, period, settings): exact output and exit
status, what lands in the file, and what stays byte for byte."""

from __future__ import annotations

import pathlib

import attrs
import pytest
from clirun import chronology_here, run

import timeline
from timeline.cli import main

BEFORE = """\
# Head comment: stays.
[timeline]
title = "Edits"  # title comment
max_gap = "P5Y"

# -- sources
[sources.wire]
title = "Wire"
reliability = "B"

[sources.blog]
title = "Blog"  # blog comment

# -- periods
[[period]]
title = "Talks"
start = "2020"
end = "2021"

# -- events
[[event]]
id = "first"
title = "First"
date = "2020-03"
certainty = "probable"
sources = ["wire"]

# second's own comment
[[event]]
id = "second"
title = "Second"
date = "2021"
certainty = "probable"
sources = ["wire", "blog"]
after = ["first"]
"""


@pytest.fixture
def edits(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, BEFORE)


def test_every_kind_of_table_is_edited_through_the_cli(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = [
        (["set", "first", "--date", "2020-03-14", "--certainty", "confirmed",
          "--add-source", "blog"],
         "events.toml: changed event 'first': certainty, sources, date\n"),
        (["source", "add", "afp", "--title", "AFP", "--reliability", "A"],
         "events.toml: added source 'afp'\n"
         "events.toml:14:1: note[N109]: source 'afp' is not cited by any event\n"),
        (["source", "set", "blog", "--publisher", "Someone"],
         "events.toml: changed source 'blog': publisher\n"),
        (["period", "set", "Talks", "--end", "2021-06"], "events.toml: changed period 'Talks'\n"),
        (["period", "add", "Later", "--start", "2022", "--end", ".."],
         "events.toml: added period 'Later'\n"),
        (["settings", "--subtitle", "Sub", "--max-gap", "P2Y"],
         "events.toml: changed settings: subtitle, max_gap\n"),
    ]  # fmt: skip
    for argv, said in steps:
        assert run(argv, capsys) == (0, said, ""), argv
    assert (
        edits.read_text(encoding="utf-8")
        == """\
# Head comment: stays.
[timeline]
title = "Edits"  # title comment
max_gap = "P2Y"
subtitle = "Sub"

# -- sources
[sources.wire]
title = "Wire"
reliability = "B"

[sources.blog]
title = "Blog"  # blog comment
publisher = "Someone"

[sources.afp]
title = "AFP"
reliability = "A"

# -- periods
[[period]]
title = "Talks"
start = "2020"
end = "2021-06"

[[period]]
title = "Later"
start = "2022"
end = ".."

# -- events
[[event]]
id = "first"
title = "First"
date = "2020-03-14"
certainty = "confirmed"
sources = ["wire", "blog"]

# second's own comment
[[event]]
id = "second"
title = "Second"
date = "2021"
certainty = "probable"
sources = ["wire", "blog"]
after = ["first"]
"""
    )
    loaded = timeline.load(edits)
    assert (loaded.subtitle, loaded.max_gap) == ("Sub", "P2Y")
    assert loaded.sources["afp"].reliability == "A"
    assert [p.title for p in loaded.periods] == ["Talks", "Later"]
    assert run(["check"], capsys)[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["set", "first", "--certainty", "possible", "events.toml"],
        ["set", "first", "events.toml", "--certainty", "possible"],
        ["set", "--certainty", "possible", "first", "events.toml"],
    ],
    ids=["file-last", "file-between", "options-first"],
)
def test_the_file_may_come_before_or_after_the_options(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert run(argv, capsys) == (0, "events.toml: changed event 'first': certainty\n", "")


def test_a_nested_command_takes_its_file_after_the_options(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["source", "set", "blog", "--publisher", "Someone", "events.toml"]
    assert run(argv, capsys) == (0, "events.toml: changed source 'blog': publisher\n", "")


def test_an_unknown_option_is_named_by_the_command_it_was_given_to(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["set", "first", "events.toml", "--nope"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "timeline set: error: unrecognized arguments: --nope"


def test_remove_refuses_while_related_and_cascade_says_what_it_removed(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["remove", "first"], capsys) == (
        1,
        "",
        "timeline remove: error[E103]: ID: 'second' is ordered after or before 'first';"
        " remove those relations first, or use --cascade\n",
    )
    assert edits.read_text(encoding="utf-8") == BEFORE
    assert run(["remove", "first", "--cascade"], capsys) == (
        0, "events.toml: removed event 'first' and its relations from 'second'\n", "",
    )  # fmt: skip
    text = edits.read_text(encoding="utf-8")
    assert 'id = "first"' not in text
    assert "after =" not in text
    assert '# second\'s own comment\n[[event]]\nid = "second"' in text
    assert run(["remove", "second"], capsys) == (
        0,
        "events.toml: removed event 'second'\n"
        "events.toml:1:1: warning[W020]: the chronology has no events\n",
        "",
    )
    text = edits.read_text(encoding="utf-8")
    assert "second's own comment" not in text  # the comment block above goes with it
    assert text.startswith(BEFORE[: BEFORE.index("# -- events")])


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["set", "frist", "--title", "X"], 2,
         "timeline set: error: ID: 'frist' is not an event of this chronology;"
         " did you mean 'first'?"),
        (["set", "first", "--add-source", "wier"], 1,
         "timeline set: error[E021]: --add-source: event 'first' cites 'wier', which is not a"
         " source of this chronology; did you mean 'wire'?"),
        (["set", "first", "--remove-source", "wire"], 1,
         "timeline set: error[E012]: --remove-source: the event would cite no source; add one"
         " first (--add-source KEY)"),
        (["set", "first", "--remove-tag", "nope"], 2,
         "timeline set: error: --remove-tag: the event has no tag 'nope'"),
        (["set", "first", "--date", "2020-13"], 1,
         "timeline set: error[E013]: --date: invalid date '2020-13' in 'date': invalid month"
         " '13': expected 01-12 or a season 21-24"),
        (["set", "first", "--certainty", "sure"], 1,
         "timeline set: error[E022]: --certainty: 'sure' is not a certainty word of this"
         " chronology (the scale is: confirmed, probable, possible, doubtful, improbable,"
         " unknown)"),
        (["set", "second", "--date", "2019"], 1,
         "timeline set: error[E102]: --after/--before: 'second' (2019) is declared after"
         " 'first' (Mar 2020) but is dated before it"),
        (["source", "remove", "blog"], 1,
         "timeline source remove: error[E021]: KEY: 'blog' is cited by 'second'; remove those"
         " citations first (timeline set second --remove-source blog)"),
        (["source", "add", "wire", "--title", "Again"], 2,
         "timeline source add: error: KEY: 'wire' is already a source; use"
         " 'timeline source set wire'"),
        (["source", "set", "wier", "--title", "X"], 2,
         "timeline source set: error: KEY: 'wier' is not a source of this chronology;"
         " did you mean 'wire'?"),
        (["source", "set", "wire", "--url", "ftp://x"], 1,
         "timeline source set: error[E023]: --url: source 'wire' has URL 'ftp://x': only"
         " http:// and https:// URLs are allowed"),
        (["period", "remove", "Talk"], 2,
         "timeline period remove: error: TITLE: 'Talk' is not a period of this chronology;"
         " did you mean 'Talks'?"),
        (["settings", "--rule", "W106"], 2,
         "timeline settings: error: --rule: expected CODE=LEVEL, e.g. W106=off, got 'W106'"),
        (["settings", "--max-gap", "18 months"], 1,
         "timeline settings: error[E017]: --max-gap: must be an ISO 8601 duration such as"
         " 'P18M', got '18 months'"),
    ],
)  # fmt: skip
def test_a_refused_edit_names_the_option_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int,
    message: str,
) -> None:  # fmt: skip
    assert run(argv, capsys) == (status, "", message + "\n")
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_dry_run_prints_the_diff_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["set", "second", "--title", "Second, renamed", "--dry-run"], capsys)
    assert (status, err) == (0, "")
    assert (
        out
        == """\
--- events.toml
+++ events.toml (after timeline set)
@@ -28,7 +28,7 @@
 # second's own comment
 [[event]]
 id = "second"
-title = "Second"
+title = "Second, renamed"
 date = "2021"
 certainty = "probable"
 sources = ["wire", "blog"]
"""
    )
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_an_edit_that_changes_nothing_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits.chmod(0o600)
    before = edits.stat().st_mtime_ns
    assert run(["set", "first", "--title", "First"], capsys) == (
        0, "events.toml: nothing to change\n", "",
    )  # fmt: skip
    assert edits.stat().st_mtime_ns == before


def test_set_prints_the_warnings_the_change_brings(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["set", "second", "--certainty", "confirmed", "--remove-source", "blog"]
    assert run(argv, capsys) == (
        0,
        "events.toml: changed event 'second': certainty, sources\n"
        "events.toml:11:1: note[N109]: source 'blog' is not cited by any event\n"
        "events.toml:33:13: warning[W108]: 'second' is confirmed but uncorroborated: its only"
        " source is 'wire'\n",
        "",
    )  # fmt: skip


def test_the_rules_table_is_added_after_the_settings(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["settings", "--rule", "W106=off"], capsys) == (
        0, "events.toml: changed settings: rules\n", "",
    )  # fmt: skip
    text = edits.read_text(encoding="utf-8")
    assert text == BEFORE.replace(
        'max_gap = "P5Y"\n', 'max_gap = "P5Y"\n\n[timeline.rules]\nW106 = "off"\n'
    )
    assert timeline.load(edits).rules == {"W106": "off"}


def test_help_lists_every_editing_command_with_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("check", "add", "set", "remove", "source", "period", "settings", "render"):
        assert f"\n    {command} " in out
        assert f"timeline {command} " in out  # an example of each


def test_key_events_and_chart_labels_are_set_and_cleared(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["set", "first", "--key", "--label", "First, short"], capsys) == (
        0, "events.toml: changed event 'first': key, label\n", "",
    )  # fmt: skip
    first = timeline.load(edits).events[0]
    assert (first.key, first.label) == (True, "First, short")
    assert 'sources = ["wire"]\nkey = true\nlabel = "First, short"\n' in edits.read_text("utf-8")
    assert run(["set", "first", "--no-key", "--label", ""], capsys) == (
        0, "events.toml: changed event 'first': key, label\n", "",
    )  # fmt: skip
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_actors_and_markings_are_set_and_refused_with_the_option(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BEFORE.replace(
        "# -- periods",
        '[actors.ma]\nname = "Morocco"\n\n[actors.iai]\nname = "IAI"\n\n# -- periods',
    )
    edits.write_text(text, encoding="utf-8")
    changed = "events.toml: changed event 'first': actors, marking\n"
    argv = ["set", "first", "--add-actor", "ma", "--add-actor", "iai", "--marking", "AMBER"]
    assert run(argv, capsys) == (0, changed, "")
    assert 'sources = ["wire"]\nactors = ["ma", "iai"]\nmarking = "AMBER"\n' in edits.read_text(
        "utf-8"
    )
    status, out, err = run(["set", "first", "--add-actor", "iia"], capsys)
    assert (status, out) == (1, "")
    assert err == (
        "timeline set: error[E028]: --add-actor: event 'first' names the actor 'iia', which is"
        " not declared under [actors]; did you mean 'iai'?\n"
    )
    status, out, err = run(["set", "first", "--marking", "amber"], capsys)
    assert err == (
        "timeline set: error[E027]: --marking: 'amber' is not a marking level of this"
        " chronology; did you mean 'AMBER'?\n"
    )
    argv = ["set", "first", "--remove-actor", "ma", "--remove-actor", "iai", "--marking", ""]
    assert run(argv, capsys) == (
        0,
        changed + "events.toml:14:1: note[N117]: actor 'ma' is not named by any event\n"
        "events.toml:17:1: note[N117]: actor 'iai' is not named by any event\n",
        "",
    )
    assert edits.read_text(encoding="utf-8") == text
    assert run(["add", "--id", "third", "--title", "Third", "--date", "2022", "--certainty",
                "probable", "--source", "wire", "--actor", "ma", "--marking", "GREEN"],
               capsys)[0] == 0  # fmt: skip
    third = timeline.load(edits).events[-1]
    assert (third.actors, third.marking) == (("ma",), "GREEN")


@pytest.mark.parametrize("start", ["", "# a comment, and nothing else\n"], ids=["empty", "comment"])
def test_a_chronology_is_started_from_an_empty_file_with_the_editing_commands(
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    start: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.toml"
    path.write_text(start, encoding="utf-8")
    steps = [
        ["settings", "--title", "Talks"],
        ["source", "add", "afp", "--title", "AFP wire", "--reliability", "B"],
        ["period", "add", "Talks", "--start", "2026-03"],
        ["add", "--id", "talks", "--title", "Talks resume", "--date", "2026-03~",
         "--certainty", "probable", "--source", "afp"],
    ]  # fmt: skip
    for argv in steps:
        status, _, err = run(argv, capsys)
        assert (status, err) == (0, ""), argv
    assert path.read_text(encoding="utf-8") == start + ("\n" if start else "") + (
        '[timeline]\ntitle = "Talks"\n\n'
        '[sources.afp]\ntitle = "AFP wire"\nreliability = "B"\n\n'
        '[[period]]\ntitle = "Talks"\nstart = "2026-03"\n\n'
        '[[event]]\nid = "talks"\ntitle = "Talks resume"\ndate = "2026-03~"\n'
        'certainty = "probable"\nsources = ["afp"]\n'
    )


@pytest.mark.parametrize(
    ("date", "argv", "span"),
    [
        ("2021/2022", ["--start", "2021-06"], "2021-06/2022"),  # a date interval keeps its end
        ("2021/2022", ["--end", "2023"], "2021/2023"),  # ... and its start
        ("2021-03", ["--end", "2022"], "2021-03/2022"),  # a single date is the start
        ("../2022", ["--end", "2023"], "../2023"),  # an open start stays a date interval
        ("2021/2022", ["--start", "2021-06", "--end", "2023"], "2021-06/2023"),
    ],
)
def test_set_start_or_end_keeps_the_other_bound(
    edits: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    date: str,
    argv: list[str],
    span: str,
) -> None:
    assert run(["set", "second", "--date", date], capsys)[0] == 0
    status, out, err = run(["set", "second", *argv], capsys)
    assert (status, err) == (0, "")
    assert out.startswith("events.toml: changed event 'second': ")
    assert timeline.load(edits).events[1].span.text == span


THREE = """\
[timeline]
title = "Three"
{order}
[sources.wire]
title = "Wire"

[[event]]
id = "a"
title = "A"
date = "2020"
certainty = "probable"
sources = ["wire"]

# b's own comment
[[event]]
id = "b"
title = "B"
date = "2021"
certainty = "probable"
sources = ["wire"]

[[event]]
id = "c"
title = "C"
date = "2022"
certainty = "probable"
sources = ["wire"]
"""


@pytest.mark.parametrize(
    ("date", "order", "ids"),
    [
        ("2023", "", ["a", "c", "b"]),  # moved after c, its comment with it
        ("2019", "", ["b", "a", "c"]),  # moved before a
        ("2021-06", "", ["a", "b", "c"]),  # still in order: left where it is
        ("2023", 'order = "any"\n', ["a", "b", "c"]),  # the file's order is the analyst's
    ],
)
def test_set_date_moves_the_event_to_its_place_in_date_order(
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    date: str,
    order: str,
    ids: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "events.toml"
    path.write_text(THREE.format(order=order), encoding="utf-8")
    assert run(["set", "b", "--date", date], capsys) == (
        0, "events.toml: changed event 'b': date\n", ""
    )  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert [e.id for e in timeline.load(path).events] == ids
    assert '# b\'s own comment\n[[event]]\nid = "b"' in text
    assert text.count("\n\n\n") == 0  # no blank lines left behind
    assert run(["check"], capsys)[1].endswith("3 events, 0 errors, 0 warnings\n")


def test_a_file_named_like_an_option_follows_a_double_dash(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-f.toml").write_text(BEFORE, encoding="utf-8")
    status, out, err = run(["check", "--", "-f.toml"], capsys)
    assert (status, out.splitlines()[-1], err) == (0, "2 events, 0 errors, 0 warnings", "")
    status, out, err = run(["set", "--title", "Q", "--", "first", "-f.toml"], capsys)
    assert (status, out, err) == (0, "-f.toml: changed event 'first': title\n", "")


@pytest.mark.parametrize(
    ("dates", "added", "ids"),
    [
        ({"a": "2024", "b": "2023"}, None, ["c", "b", "a"]),  # two moved in one save
        ({"a": "2030"}, "2025", ["b", "c", "d", "a"]),  # one moved, one added
        ({"c": "2019", "b": "2018"}, "2020-06", ["b", "c", "a", "d"]),
    ],
)
def test_events_moved_and_added_in_one_save_come_out_in_date_order(
    tmp_path: pathlib.Path, dates: dict[str, str], added: str | None, ids: list[str]
) -> None:
    path = tmp_path / "events.toml"
    path.write_text(THREE.format(order=""), encoding="utf-8")
    tl = timeline.load(path)
    for event in tl.events:
        if event.id in dates:
            tl = tl.replace(attrs.evolve(event, date=dates[event.id]))
    if added is not None:
        tl = tl.add(timeline.Event("d", "D", "probable", ["wire"], date=added))
    tl.save()
    again = timeline.load(path)
    assert [e.id for e in again.events] == ids
    assert [d.code for d in again.validate()] == []
    assert '# b\'s own comment\n[[event]]\nid = "b"' in path.read_text(encoding="utf-8")
