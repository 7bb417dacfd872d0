"""What the outputs say about the evidence: each citation's locator, grade, quote and
note, the sources' dates when they disagree, and footnotes numbered by pin.

tests/golden/evidence.toml is the fixture (its text and Markdown goldens are checked
in test_render_text.py); its HTML page is tests/golden/evidence.html, with a stand-in
chart and without the diagnostics. Regenerate after a deliberate change and review the diff::

    TIMELINE_UPDATE_GOLDEN=1 python -m pytest --no-cov tests/test_render_evidence.py
"""

from __future__ import annotations

import os
import pathlib

import pytest

import timeline
from timeline import Citation, Event, Source, Timeline, render_html, render_markdown, render_text
from timeline.dates.edtf import parse
from timeline.render.chart.geometry import time_extents
from timeline.render.chart.job import Job
from timeline.render.chart.layout import ChartLayout, layout
from timeline.render.chart.notes import PlacedNote
from timeline.render.citations import claims_text, grade
from timeline.render.options import ChartOptions, Selection
from timeline.render.presentation import present

GOLDEN = pathlib.Path(__file__).parent / "golden"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"
CHART = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"></svg>'


def _fixture() -> Timeline:
    return timeline.load(GOLDEN / "evidence.toml")


def test_html_golden() -> None:
    """The page but its diagnostics (the rules' business, tested with them)."""
    page = render_html(_fixture(), chart=CHART)
    start, end = page.index('<section id="diagnostics">'), page.index("</main>")
    page = page[:start] + page[end:]
    path = GOLDEN / "evidence.html"
    if UPDATE:
        path.write_bytes(page.encode("utf-8"))
    assert page == path.read_bytes().decode("utf-8"), "evidence.html differs; see the docstring"


def test_grade_is_the_admiralty_pair() -> None:
    assert grade("B", 2) == "B2"
    assert grade("B", None) == "B"
    assert grade(None, 3) == "?3"
    assert grade(" ", None) is None
    assert grade(None, None) is None


def test_numbers_follow_the_pin() -> None:
    """A source cited at two places has two numbers; the same place shares one."""
    presentation = present(_fixture())
    numbered = [(key, presentation.pins.get(n)) for n, key, _ in presentation.citations]
    assert numbered == [
        ("globes", ("p. 2", 2)), ("lemonde", (None, 3)), ("blog", None), ("globes", ("p. 5", 4)),
        ("wire", ("para. 3", None)), ("wire", ("para. 1", 1)), ("globes", None),
    ]  # fmt: skip
    assert [entry.references for entry in presentation.entries] == [(1, 2, 3), (4, 5), (6, 7)]


def test_bare_citations_keep_one_number_a_key() -> None:
    tl = Timeline(
        sources={"a": Source("a", "A")},
        events=[
            Event("x", "X", "confirmed", ["a"], date="2020"),
            Event("y", "Y", "confirmed", ["a"], date="2021"),
        ],
    )
    presentation = present(tl)
    assert [n for n, _, _ in presentation.citations] == [1]
    assert presentation.pins == {}


def test_conflict_only_where_the_dates_cannot_overlap() -> None:
    entries = present(_fixture()).entries
    assert [entry.conflict for entry in entries] == [True, False, False]
    assert claims_text(entries[0].claims) == "Globes Feb 2022 [1]; Le Monde ~Nov 2021 [2]"
    # A claim that only narrows the event's date differs, but does not conflict.
    assert [claim.differs for claim in entries[1].claims] == [True]


def test_a_claim_against_the_events_own_date_is_a_conflict() -> None:
    tl = Timeline(
        sources={"g": Source("g", "T", publisher="Globes")},
        events=[Event("x", "X", "confirmed", [Citation("g", date="2022-02")], date="2023")],
    )
    assert "Dates differ: Globes Feb 2022 [1]" in render_text(tl, width=80)


def test_every_output_shows_locator_grade_and_quote() -> None:
    tl = _fixture()
    text, markdown = render_text(tl, width=100), render_markdown(tl)
    page = render_html(tl, chart=CHART)
    for output in (text, markdown, page):
        assert "Globes, Feb 2022, p. 2 (B2)" in output
        assert "Morocco has bought the Barak MX system" in output
        assert "web.archive.org/web/20220301000000" in output
    assert '<blockquote dir="auto">Morocco has bought the Barak MX system</blockquote>' in page
    assert "[^q1]: “Morocco has bought the Barak MX system”" in markdown
    assert "    “Morocco has bought the Barak MX system”" in text


def test_the_evidence_in_french_and_german() -> None:
    tl = _fixture()
    french = render_text(tl, width=100, locale="fr")
    german = render_text(tl, width=100, locale="de")
    assert "«\u00a0Morocco has bought the Barak MX system\u00a0»" in french
    assert "Dates divergentes : Globes févr. 2022 [1]" in french
    assert "„Morocco has bought the Barak MX system“" in german
    assert "Cote B2." in french
    assert "Bewertung B2." in german
    assert "archiviert:" in german


def _briefing() -> Timeline:
    return Timeline(
        sources={
            "old": Source("old", "Old report", publisher="Old", published="2023-01"),
            "new": Source("new", "New report", publisher="New", published="2024-03-02"),
            "undated": Source("undated", "Undated report"),
        },
        events=[
            Event("a", "Reported long ago", "confirmed", ["old", "new"], date="2022"),
            Event("b", "Reported this week", "confirmed", ["new"], date="2024-02"),
            Event("c", "Reported when, nobody knows", "confirmed", ["undated"], date="2024-01"),
        ],
    )


def test_new_since_marks_the_events_first_reported_after_it() -> None:
    tl = _briefing()
    assert [e.new for e in present(tl).entries] == [False, False, False]
    chosen = Selection(new_since="2024-03-01")
    assert [e.event.id for e in present(tl, chosen).entries if e.new] == ["b"]
    # Published on the day itself is not after it; within the month is not certainly after.
    assert not any(e.new for e in present(tl, Selection(new_since="2024-03-02")).entries)
    assert not any(e.new for e in present(tl, Selection(new_since="2024-03")).entries)


def test_new_since_in_every_output() -> None:
    tl = _briefing()
    text = render_text(tl, width=80, new_since="2024-03-01")
    assert "NEW Reported this week [2]" in text
    assert text.count("NEW") == 1
    markdown = render_markdown(tl, new_since="2024-03-01")
    assert "| New | Date | Event |" in markdown
    assert "| NEW | Feb 2024 | Reported this week |" in markdown
    assert "| New |" not in render_markdown(tl)
    page = render_html(tl, chart=CHART, new_since="2024-03-01")
    assert '<tr id="event-b" class="new"' in page
    assert page.count('<tr id="event-') == 3
    assert page.count('<tr id="event-b" class="new"') == 1
    assert page.count(' class="new"') == 2  # the row and its badge
    assert '<span class="new">NEW</span>' in page
    assert "NEU Reported this week" in render_text(
        tl, width=80, new_since="2024-03-01", locale="de"
    )


def test_new_since_is_checked_like_date_from() -> None:
    for value, message in (
        (2024, "new_since must be an EDTF date string"),
        ("2024-13", "new_since: invalid date"),
        ("2023/2024", "new_since must be a single date"),
    ):
        with pytest.raises(timeline.OptionError, match=message):
            render_text(_briefing(), new_since=value)


def _notes(tl: Timeline, locale: str = "en") -> dict[str, PlacedNote]:
    chart = layout(Job.make(tl, Selection(locale=locale), ChartOptions()))
    return {note.number: note for note in chart.footnotes}


def test_the_charts_footnotes_are_the_one_citation() -> None:
    """Locator and grade on the body, the URL, then the archived copy as a link."""
    notes = _notes(_fixture())
    first = notes["[1]"]
    assert first.body.replace("\n", " ").endswith("Feb 2022, p. 2 (B2).")
    assert (first.url or "").startswith("https://en.globes.co.il/")
    assert (first.archive_text or "").startswith("archived: https://web.archive.org/")
    assert (first.archive or "").startswith("https://web.archive.org/")
    assert first.archive_y < first.url_y
    assert "Mar 2022 (A3)." in notes["[2]"].body.replace("\n", " ")
    assert notes["[3]"].archive_text is None
    assert (_notes(_fixture(), "fr")["[1]"].archive_text or "").startswith("archive :")


def _laid_out(tl: Timeline, **options: object) -> ChartLayout:
    return layout(Job.make(tl, Selection(**options), ChartOptions()))  # type: ignore[arg-type]


def test_the_chart_rings_and_badges_the_new_events() -> None:
    """A ring and a "NEW" badge on each new event, and a legend item, only with some."""
    plain = _laid_out(_fixture())
    assert plain.new_marks == ()
    assert all(item.kind != "new" for row in plain.legend for _, item in row.items)
    none_new = _laid_out(_fixture(), new_since="2023-01-01")
    assert none_new.new_marks == ()
    assert all(item.kind != "new" for row in none_new.legend for _, item in row.items)
    chart = _laid_out(_fixture(), new_since="2021-06-01")
    assert len(chart.new_marks) == 3
    assert {mark.text for mark in chart.new_marks} == {"NEW"}
    assert {mark.x for mark in chart.new_marks} == {geo.anchor for geo in chart.events}
    legend = [item for row in chart.legend for _, item in row.items]
    assert any(item.kind == "new" and item.text == "new since 1 Jun 2021" for item in legend)
    french = _laid_out(_fixture(), new_since="2021-06-01", locale="fr")
    assert {mark.text for mark in french.new_marks} == {"NOUVEAU"}


def test_the_chart_brackets_the_claimed_dates_that_differ() -> None:
    """Each differing claim is a bracket on its event's row, numbered as its footnote."""
    chart = _laid_out(_fixture())
    differing = [
        str(claim.number) for geo in chart.events for claim in geo.entry.claims if claim.differs
    ]
    assert [bracket.text for bracket in chart.brackets] == differing
    assert differing  # the fixture has some
    feb = chart.scale.x(time_extents([parse("2022-02")], [])[0][0])
    first = chart.brackets[[b.text for b in chart.brackets].index("1")]
    assert first.x0 == pytest.approx(feb)
    assert first.x1 > first.x0
    legend = [item.kind for row in chart.legend for _, item in row.items]
    assert "claimed" in legend
    bare = _laid_out(timeline.load(GOLDEN / "svg" / "morocco.toml"))
    assert bare.brackets == ()
    assert all(item.kind != "claimed" for row in bare.legend for _, item in row.items)
