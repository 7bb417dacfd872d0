"""Events the selected date range cuts off say so in text, Markdown and HTML."""

from __future__ import annotations

import pytest

import timeline
from timeline.render.options import Selection
from timeline.render.presentation import present

SMALL = """\
[timeline]
title = "Clipped"

[sources.wire]
title = "Wire"

[[event]]
id = "long"
title = "Long programme"
start = "2018"
end = "2027"
certainty = "probable"
sources = ["wire"]

[[event]]
id = "open"
title = "Open-ended programme"
start = "2019"
end = ".."
certainty = "probable"
sources = ["wire"]

[[event]]
id = "inside"
title = "Inside the range"
date = "2024-05"
certainty = "probable"
sources = ["wire"]
"""


@pytest.fixture
def small() -> timeline.Timeline:
    return timeline.loads(SMALL, name="clipped.toml")


def test_the_presentation_records_what_the_range_cuts_off(small: timeline.Timeline) -> None:
    entries = present(small, Selection(date_from="2024", date_to="2025")).entries
    assert [(e.event.id, e.began, e.ends) for e in entries] == [
        ("long", "2018", "2027"),
        ("open", "2019", "…"),
        ("inside", None, None),
    ]
    whole = present(small, Selection()).entries
    assert all((e.began, e.ends) == (None, None) for e in whole)


def test_text_markdown_and_html_say_began(small: timeline.Timeline) -> None:
    text = timeline.render_text(small, width=80, date_from="2024")
    assert "(began 2018)" in text
    assert "(began 2019)" in text
    markdown = timeline.render_markdown(small, date_from="2024")
    assert "| Long programme (began 2018) |" in markdown
    page = timeline.render_html(
        small, date_from="2024", chart='<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    )
    assert '<td class="date">2018 → 2027 <span class="clipped">(began 2018)</span></td>' in page
    assert "(began" not in timeline.render_text(small, width=80)


def test_the_end_and_an_open_end_are_said_too(small: timeline.Timeline) -> None:
    text = timeline.render_text(small, width=80, date_to="2025")
    assert "(ends 2027)" in text
    assert "(continues)" in text


@pytest.mark.parametrize(
    ("locale", "began", "continues"),
    [("fr", "(commencé : 2018)", "(se poursuit)"), ("de", "(Beginn: 2018)", "(dauert an)")],
)
def test_the_notes_are_translated(
    small: timeline.Timeline, locale: str, began: str, continues: str
) -> None:
    text = timeline.render_text(small, width=100, date_from="2024", locale=locale)
    assert began in text
    markdown = timeline.render_markdown(small, date_to="2025", locale=locale)
    assert continues in markdown
