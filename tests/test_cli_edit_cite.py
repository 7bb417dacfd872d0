"""`timeline cite ID SOURCE`: a citation's locator, quote, date, credibility, note and
marking, added or changed, with exact output, exit status and file text."""

from __future__ import annotations

import pathlib

import pytest
from clirun import chronology_here, run

import timeline

BEFORE = """\
[timeline]
title = "Citations"

[sources.wire]
title = "Wire"

[sources.blog]
title = "Blog"

# first's comment
[[event]]
id = "first"
title = "First"  # the title's comment
date = "2020-03"
certainty = "probable"
sources = ["wire"]
"""


@pytest.fixture
def edits(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, BEFORE)


def test_a_citation_is_added_with_its_details_and_changed(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["cite", "first", "blog", "--at", "p. 2", "--quote", "It happened", "--credibility",
            "2", "--date", "2020-03-01"]  # fmt: skip
    assert run(argv, capsys) == (0, "events.toml: cited 'blog' in event 'first'\n", "")
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        'sources = ["wire"]\n',
        'sources = [\n  "wire",\n'
        '  { source = "blog", date = "2020-03-01", at = "p. 2", quote = "It happened",'
        " credibility = 2 },\n]\n",
    )
    argv = ["cite", "first", "blog", "--quote", "", "--credibility", "", "--note", "two\nlines",
            "--marking", "AMBER"]  # fmt: skip
    assert run(argv, capsys) == (
        0,
        "events.toml: changed the citation of 'blog' in event 'first': quote, credibility,"
        " note, marking\n",
        "",
    )
    (citation,) = [c for c in timeline.load(edits).events[0].sources if c.source == "blog"]
    assert (citation.at, citation.quote, citation.note, citation.marking) == (
        "p. 2", None, "two\nlines", "AMBER",
    )  # fmt: skip
    assert run(["set", "first", "--remove-source", "blog"], capsys)[0] == 0
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_citing_a_bare_key_gives_it_details_and_keeps_the_comments(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["cite", "first", "wire", "--at", "para. 4"], capsys) == (
        0, "events.toml: changed the citation of 'wire' in event 'first': at\n", "",
    )  # fmt: skip
    assert edits.read_text(encoding="utf-8") == BEFORE.replace(
        'sources = ["wire"]\n', 'sources = [\n  { source = "wire", at = "para. 4" },\n]\n'
    )
    assert run(["cite", "first", "wire", "--at", ""], capsys)[0] == 0
    assert edits.read_text(encoding="utf-8") == BEFORE  # a bare key again


def test_cite_dry_run_prints_the_diff_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["cite", "first", "wire", "--credibility", "3", "--dry-run"], capsys) == (
        0,
        """\
--- events.toml
+++ events.toml (after timeline cite)
@@ -13,4 +13,6 @@
 title = "First"  # the title's comment
 date = "2020-03"
 certainty = "probable"
-sources = ["wire"]
+sources = [
+  { source = "wire", credibility = 3 },
+]
""",
        "",
    )
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_citing_what_is_already_cited_as_it_is_changes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["cite", "first", "wire"], capsys) == (0, "events.toml: nothing to change\n", "")
    assert edits.read_text(encoding="utf-8") == BEFORE


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["cite", "first", "wire", "--credibility", "7"], 1,
         "timeline cite: error[E018]: --credibility: must be an Admiralty information"
         " credibility 1-6, got 7"),
        (["cite", "first", "wire", "--credibility", "likely"], 1,
         "timeline cite: error[E011]: --credibility: must be an integer 1-6, got 'likely'"),
        (["cite", "first", "wier"], 1,
         "timeline cite: error[E021]: SOURCE: event 'first' cites 'wier', which is not a"
         " source of this chronology; did you mean 'wire'?"),
        (["cite", "frist", "wire"], 2,
         "timeline cite: error: ID: 'frist' is not an event of this chronology;"
         " did you mean 'first'?"),
        (["cite", "first", "wire", "--date", "2020-13"], 1,
         "timeline cite: error[E013]: --date: invalid date '2020-13' in 'date': invalid month"
         " '13': expected 01-12 or a season 21-24"),
        (["cite", "first", "wire", "--marking", "amber"], 1,
         "timeline cite: error[E027]: --marking: 'amber' is not a marking level of this"
         " chronology; did you mean 'AMBER'?"),
        (["cite", "first", "wire", "--at", "p.\n2"], 1,
         "timeline cite: error[E016]: --at: must be a single line (it contains a line break)"),
    ],
    ids=["credibility", "not-a-number", "source", "event", "date", "marking", "at-lines"],
)  # fmt: skip
def test_a_refused_citation_names_the_option_and_writes_nothing(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int,
    message: str,
) -> None:  # fmt: skip
    assert run(argv, capsys) == (status, "", message + "\n")
    assert edits.read_text(encoding="utf-8") == BEFORE


def test_a_source_cited_twice_is_left_to_the_file(
    edits: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BEFORE.replace(
        'sources = ["wire"]', 'sources = [{ source = "wire", at = "p. 1" }, { source = "wire" }]'
    )
    edits.write_text(text, encoding="utf-8")
    assert run(["cite", "first", "wire", "--at", "p. 3"], capsys) == (
        2, "", "timeline cite: error: SOURCE: event 'first' cites 'wire' 2 times; edit the file"
        " by hand\n",
    )  # fmt: skip
    assert edits.read_text(encoding="utf-8") == text
