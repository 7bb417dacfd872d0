"""One wording per idea: a date reads the same in every output and every message."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline.dates.format import date_label, show

ANCIENT = """\
[timeline]
title = "Antiquity"
max_gap = "P100Y"

[sources.h]
title = "Histories"

[[event]]
id = "wars"
title = "Persian wars"
start = "-0490"
end = "-0479"
certainty = "probable"
sources = ["h"]

[[event]]
id = "ides"
title = "Ides of March"
date = "-0043-03-15"
certainty = "probable"
sources = ["h"]

[[event]]
id = "later"
title = "Later"
start = "2020"
certainty = "probable"
sources = ["h"]
"""


def test_text_words_years_before_year_one_once() -> None:
    """The text's lines and its gap notes (from W106) used to say '44 BCE' and '44 BC'."""
    tl = timeline.loads(ANCIENT)
    text = timeline.render_text(tl, width=100)
    assert "15 Mar 44 BCE" in text
    assert re.search(r"\bBC\b", text) is None
    gaps = [d.message for d in tl.validate() if d.code == "W106"]
    assert gaps
    assert all(re.search(r"\bBC\b", message) is None for message in gaps)
    assert any("'ides' (15 Mar 44 BCE)" in message for message in gaps)


def test_unknown_and_open_ends_read_differently() -> None:
    assert show(timeline.parse_date("2023/..")) == "2023 → …"
    assert show(timeline.parse_date("2023/")) == "2023 → ?"
    tl = timeline.loads(ANCIENT)
    assert "2020 → ?" in timeline.render_text(tl, width=100)


_EDTF = st.one_of(
    st.integers(-9999, 9999).map(lambda y: f"{y:05d}" if y < 0 else f"{y:04d}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda p: f"{p[0]:04d}-{p[1]:02d}"),
    st.tuples(st.integers(1, 2100), st.integers(1, 12), st.integers(1, 28)).map(
        lambda p: f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}"
    ),
)


@given(_EDTF, st.sampled_from(["", "~", "?", "%"]))
def test_diagnostics_quote_dates_as_renderers_show_them(text: str, qualifier: str) -> None:
    date = timeline.parse_date(text + qualifier)
    assert show(date) == date_label(date, "en")
    assert "BC" not in show(date) or "BCE" in show(date)
