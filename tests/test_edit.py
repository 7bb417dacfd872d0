"""Editing every kind of table through the library: each change is written, nothing
else moves, comments stay, and a change that cannot be written is refused."""

from __future__ import annotations

import pathlib

import attrs
import pytest

import timeline
from timeline import Event, Period, Source

DOCUMENT = """\
# Top comment: kept.
[timeline]
title = "Edits"  # the title's own comment
subtitle = "Before"
max_gap = "P5Y"

[timeline.rules]
W108 = "off"

# About the wire.
[sources.wire]
title = "Wire report"
url = "https://example.org/wire"

[sources.paper]
title = "Paper"   # spacing kept

[sources.unused]
title = "Nobody cites this"

# The first period.
[[period]]
title = "Early"
start = "2019"
end = "2020"

[[period]]
title = "Late"
start = "2023"
end = ".."

# Comment directly above 'first': it goes with the event.
[[event]]
id = "first"
title = "First"
date = "2020-01"
certainty = "confirmed"
sources = ["wire"]

[[event]]
# A comment inside 'middle': kept where it sits.
id = "middle"
title = "Middle"   # trailing
date = "2022"
certainty = "probable"
sources = ["wire", "paper"]

# Above 'last'.
[[event]]
id = "last"
title = "Last"
date = 2024-05-06
certainty = "possible"
sources = ["paper"]
"""


@pytest.fixture
def path(tmp_path: pathlib.Path) -> pathlib.Path:
    file = tmp_path / "events.toml"
    file.write_text(DOCUMENT, encoding="utf-8")
    return file


def _lines_kept(before: str, after: str, dropped: set[str]) -> list[str]:
    """The lines of `before` (other than `dropped`) that `after` lacks, or holds out of order."""
    remaining = iter(after.splitlines())
    missing = []
    for line in before.splitlines():
        if line in dropped or line in ("", "[[event]]", "[[period]]"):  # not telling
            continue
        if not any(candidate == line for candidate in remaining):
            missing.append(line)
            remaining = iter(after.splitlines())  # keep looking for the others
    return missing


def test_every_kind_of_table_is_edited_in_place(path: pathlib.Path) -> None:
    tl = timeline.load(path)
    middle = tl.events[1]
    tl = tl.replace(attrs.evolve(middle, title="Middle, revised", certainty="confirmed"))
    tl = tl.remove("first")
    tl = tl.add(Event("new", "New in 2023", "possible", ["paper"], date="2023-03"))
    tl = tl.replace_source(attrs.evolve(tl.sources["paper"], title="Paper (2nd ed.)"))
    tl = tl.remove_source("unused")
    tl = tl.add_source(Source("agency", "Agency wire", publisher="Agency"))
    tl = tl.replace_period(0, Period("Early years", start="2019", end="2021"))
    tl = tl.remove_period(1)
    tl = tl.add_period(Period("Latest", start="2025", end=".."))
    tl = tl.with_settings(subtitle="After", max_gap="P10Y", rules={"W108": "warning"})
    tl.save()

    text = path.read_text(encoding="utf-8")
    again = timeline.load(path)
    assert [e.id for e in again.events] == ["middle", "new", "last"]  # date order
    assert again.events[0].title == "Middle, revised"
    assert again.events[0].certainty == "confirmed"
    assert again.sources["paper"].title == "Paper (2nd ed.)"
    assert list(again.sources) == ["wire", "paper", "agency"]
    assert [p.title for p in again.periods] == ["Early years", "Latest"]
    assert (again.subtitle, again.max_gap, dict(again.rules)) == (
        "After",
        "P10Y",
        {"W108": "warning"},
    )
    assert again == attrs.evolve(tl, events=again.events, origin=again.origin)

    rewritten = {
        'title = "Middle"   # trailing',
        'certainty = "probable"',
        'title = "Paper"   # spacing kept',
        'subtitle = "Before"',
        'max_gap = "P5Y"',
        'W108 = "off"',
        'title = "Early"',
        'end = "2020"',
    }
    removed = {
        "# Comment directly above 'first': it goes with the event.",
        'id = "first"',
        'title = "First"',
        'date = "2020-01"',
        'sources = ["wire"]',
        'certainty = "confirmed"',
        "[sources.unused]",
        'title = "Nobody cites this"',
        'title = "Late"',
        'start = "2023"',
        'end = ".."',
    }
    assert _lines_kept(DOCUMENT, text, rewritten | removed) == []
    assert "# A comment inside 'middle': kept where it sits." in text
    assert 'title = "Edits"  # the title\'s own comment' in text
    assert "date = 2024-05-06" in text  # an untouched TOML date stays a TOML date
    assert "Nobody cites this" not in text
    assert "Comment directly above 'first'" not in text


def test_a_value_saved_is_exactly_what_is_written(path: pathlib.Path) -> None:
    """The data loss of old: a new source, title and period were silently dropped."""
    tl = timeline.load(path)
    changed = attrs.evolve(
        tl,
        title="Renamed",
        sources={**tl.sources, "x": Source("x", "New source")},
        periods=(*tl.periods, Period("Extra", date="2030")),
    ).add(Event("cites-x", "Cites x", "probable", ["x"], date="2024-12"))
    changed.save()
    again = timeline.load(path)
    assert again.title == "Renamed"
    assert again.sources["x"] == Source("x", "New source")
    assert again.periods[-1] == Period("Extra", date="2030")
    assert again.validate() == [d for d in again.validate() if d.severity.value != "error"]


def test_unknown_ids_and_keys_are_refused_by_the_edit(path: pathlib.Path) -> None:
    tl = timeline.load(path)
    with pytest.raises(ValueError, match="'nope' is not an event of this chronology"):
        tl.remove("nope")
    with pytest.raises(ValueError, match="'nope' is not a source of this chronology"):
        tl.remove_source("nope")
    with pytest.raises(ValueError, match="'wire' is already a source"):
        tl.add_source(Source("wire", "Again"))
    with pytest.raises(TypeError, match="unknown setting"):
        tl.with_settings(colour="red")


def test_an_inline_table_cannot_be_rewritten_and_save_says_so(tmp_path: pathlib.Path) -> None:
    file = tmp_path / "events.toml"
    inline = (
        '[timeline]\ntitle = "Inline"\n\n[sources]\nwire = { title = "Wire" }\n\n'
        '[[event]]\nid = "a"\ntitle = "A"\ndate = "2020"\ncertainty = "probable"\n'
        'sources = ["wire"]\n'
    )
    file.write_text(inline, encoding="utf-8")
    tl = timeline.load(file)
    with pytest.raises(timeline.TimelineError) as raised:
        tl.replace_source(Source("wire", "Wire, renamed")).save()
    assert str(raised.value) == (
        f"{file}:1:1: error[E030]: not saved: source 'wire' is not written as a table of its"
        " own; edit the file by hand"
    )
    assert file.read_text(encoding="utf-8") == inline


def test_saving_through_a_symlink_writes_the_target(path: pathlib.Path) -> None:
    link = path.parent / "link.toml"
    link.symlink_to(path)
    timeline.load(link).add(Event("via-link", "Via link", "possible", ["wire"], date="2025")).save()
    assert link.is_symlink()
    assert "via-link" in [e.id for e in timeline.load(path).events]
