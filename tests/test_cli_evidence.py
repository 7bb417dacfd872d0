"""`timeline sources`, and `--known-at` / `--without` of check and render: exact output."""

from __future__ import annotations

import json
import pathlib

import pytest
from clirun import chronology_here, run

from timeline.cli import main

EVIDENCE = """\
[timeline]
title = "Evidence"

[sources.wire]
title = "Wire report"
published = "2021-06"
reliability = "B"

[sources.mirror]
title = "A mirror of the wire"
published = "2021-07"
via = "wire"

[sources.paper]
title = "Paper"
publisher = "The Paper"
published = "2023-02"
reliability = "E"

[sources.notes]
title = "Undated notes"

[[event]]
id = "talks"
title = "Talks"
date = "2021"
certainty = "probable"
sources = ["wire", "mirror"]

[[event]]
id = "deal"
title = "Deal"
date = "2022"
certainty = "probable"
sources = [{ source = "wire", date = "2021-05" }, "paper"]

[[event]]
id = "review"
title = "Review"
date = "2023"
certainty = "probable"
sources = ["paper", "notes"]
after = ["deal"]

[[event]]
id = "late"
title = "Late"
date = "2023-03"
certainty = "probable"
sources = ["paper"]
after = ["talks"]
"""


@pytest.fixture
def evidence(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    return chronology_here(tmp_path, monkeypatch, EVIDENCE)


def test_sources_lists_grade_use_and_sole_support(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["sources"], capsys) == (
        0,
        "source  grade  cited  only support of\n"
        "wire    B          2  talks\n"
        "mirror  -          1  -\n"
        "paper   E          3  late\n"
        "notes   -          1  -\n"
        "4 sources, 4 events\n",
        "",
    )


def test_check_known_at_runs_on_the_view(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On 1 Jan 2023 the paper is not out: 'late' disappears, and 'deal' keeps only the
    # wire, which dates it May 2021 (so W114 has nothing to say); 'review' keeps the
    # undated notes.
    assert run(["check", "--known-at", "2023-01-01"], capsys) == (
        0,
        "3 events, 0 errors, 0 warnings\n"
        "As known on 1 Jan 2023: 3 of 4 events, 3 of 4 sources\n"
        "1 source has no publication date and is shown\n",
        "",
    )


def test_a_view_reports_at_the_files_lines(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", "--known-at", "2023-02", "--without", "wire"], capsys) == (
        0,
        "events.toml:50:11: warning[W107]: 'late' (Mar 2023) is reported before it happened:"
        " its sources were all published before it could have begun ('paper' Feb 2023)\n"
        "3 events, 0 errors, 1 warning\n"
        "without 'wire': 1 event lost (talks)\n"
        "As known on Feb 2023: 3 of 3 events, 2 of 2 sources\n"
        "1 source has no publication date and is shown\n",
        "",
    )


def test_check_without_a_source(evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    w114 = (
        "events.toml:35:12: warning[W114]: 'deal' is dated 2022, but its source Wire report"
        " says May 2021\n"
    )
    assert run(["check", "--without", "paper"], capsys) == (
        0,
        f"{w114}3 events, 0 errors, 1 warning\nwithout 'paper': 1 event lost (late)\n",
        "",
    )
    assert run(["check", "--without", "wire", "--format", "json"], capsys)[0] == 0


def test_view_flags_refuse_what_they_cannot_use(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", "--without", "wier"], capsys) == (
        2,
        "",
        "timeline check: error: --without: 'wier' is not a source of this chronology;"
        " did you mean 'wire'?\n",
    )
    assert run(["render", "--known-at", "2021/2022"], capsys) == (
        2,
        "",
        "timeline render: error: --known-at: must be a single date, got '2021/2022'\n",
    )


def test_render_known_at_says_what_it_shows(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["render", "--known-at", "2022", "--format", "txt"], capsys)
    assert (status, out) == (0, "output/timeline.txt\n")
    assert err == (
        "timeline render: As known on 2022: 3 of 4 events, 3 of 4 sources\n"
        "timeline render: 1 source has no publication date and is shown\n"
    )
    text = (evidence.parent / "output" / "timeline.txt").read_text(encoding="utf-8")
    assert "Late" not in text
    assert "Review" in text


def test_sources_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sources", "--help"])
    out = capsys.readouterr().out
    assert "timeline sources briefing.toml" in out
    assert "only independent citation" in out


def test_render_new_since_passes_the_option(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["render", "--new-since", "2022", "--format", "txt"], capsys)
    assert (status, out) == (0, "output/timeline.txt\n")
    text = (evidence.parent / "output" / "timeline.txt").read_text(encoding="utf-8")
    assert [
        line.split("NEW ")[1].split(" [")[0] for line in text.splitlines() if "NEW" in line
    ] == [
        "Review",
        "Late",
    ]
    status, _, err = run(["render", "--new-since", "soon", "--format", "txt"], capsys)
    assert status == 2
    assert err.splitlines()[-1] == (
        "timeline render: error: --new-since: invalid date 'soon': expected a date"
        " such as 1985-04-12, found 'soon'"
    )


def test_sources_as_json(evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["sources", "--format", "json"], capsys)
    assert (status, err) == (0, "")
    assert json.loads(out) == [
        {"source": "wire", "grade": "B", "cited": 2, "only_support_of": ["talks"]},
        {"source": "mirror", "grade": None, "cited": 1, "only_support_of": []},
        {"source": "paper", "grade": "E", "cited": 3, "only_support_of": ["late"]},
        {"source": "notes", "grade": None, "cited": 1, "only_support_of": []},
    ]


def test_render_no_header_leaves_the_title_out_of_the_chart(
    evidence: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = evidence.read_text(encoding="utf-8").split('title = "', 1)[1].split('"', 1)[0]
    shown = {}
    for flags in ([], ["--no-header"]):
        out = evidence.parent / ("plain" if not flags else "bare")
        assert run(["render", "--format", "svg", "-o", str(out), *flags], capsys)[0] == 0
        shown[bool(flags)] = (out / "timeline.svg").read_text(encoding="utf-8").count(title)
    assert shown == {False: 2, True: 1}  # the <title> element stays, the drawn title goes
