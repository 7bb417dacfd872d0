"""Saving: edits in place, every untouched byte kept, refusals that write nothing."""

from __future__ import annotations

import os
import pathlib

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Event
from timeline.model.fields import CONTROL

COMMENTED = """\
# A hand-written chronology. Every line of this must survive a save.
[timeline]
title = "Test chronology"   # trailing comment
max_gap = "P2Y"

# Sources, strongest first
[sources.wire]
title = "Wire report"
url = "https://example.org/wire"

[[event]]
# a comment inside an event
id = "first"
title = "The first thing"   # note the spacing   here
date = "2020-12"
certainty = "confirmed"
sources = ["wire"]

[[event]]
id   =   "second"           # odd spacing is kept
title = 'Literal "quotes" kept'
date = 2021-03-04
certainty = "probable"
sources = [
    "wire",  # multi-line array with a comment
]
"""


@pytest.fixture
def events_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "events.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def test_add_and_save_keeps_every_original_line(events_file: pathlib.Path) -> None:
    loaded = timeline.load(events_file)
    added = loaded.add(Event("third", "A new thing", "possible", "wire", date="2026-03~"))
    added.save()
    text = events_file.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED)
    assert text.splitlines()[: len(COMMENTED.splitlines())] == COMMENTED.splitlines()
    assert text[len(COMMENTED) :] == (
        '\n[[event]]\nid = "third"\ntitle = "A new thing"\ndate = "2026-03~"\n'
        'certainty = "possible"\nsources = ["wire"]\n'
    )
    reloaded = timeline.load(events_file)
    assert [e.id for e in reloaded.events] == ["first", "second", "third"]
    assert reloaded.events == added.events


def test_add_returns_a_new_timeline_and_leaves_the_old_one(events_file: pathlib.Path) -> None:
    loaded = timeline.load(events_file)
    added = loaded.add(Event("third", "A new thing", "possible", ["wire"], date="2026"))
    assert len(loaded.events) == 2
    assert len(added.events) == 3


def test_save_keeps_what_another_writer_saved_meanwhile(events_file: pathlib.Path) -> None:
    loaded = timeline.load(events_file)
    events_file.write_text(COMMENTED + "\n# edited by a colleague\n", encoding="utf-8")
    added = loaded.add(Event("third", "A new thing", "possible", ["wire"], date="2026"))
    added.save()
    text = events_file.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED + "\n# edited by a colleague\n")
    assert [e.id for e in timeline.load(events_file).events] == ["first", "second", "third"]


def test_save_refuses_when_another_writer_changed_the_same_table(
    events_file: pathlib.Path,
) -> None:
    import attrs

    loaded = timeline.load(events_file)
    theirs = COMMENTED.replace('title = "The first thing"', 'title = "Their title"')
    events_file.write_text(theirs, encoding="utf-8")
    mine = loaded.replace(attrs.evolve(loaded.events[0], title="My title"))
    with pytest.raises(timeline.TimelineError) as raised:
        mine.save()
    assert str(raised.value) == (
        f"{events_file}:1:1: error[E030]: not saved: another writer changed event 'first'"
        " since it was loaded; load it again and redo the change"
    )
    assert events_file.read_text(encoding="utf-8") == theirs


def test_save_refuses_a_result_with_errors(events_file: pathlib.Path) -> None:
    loaded = timeline.load(events_file)
    broken = loaded.add(Event("third", "Cites nothing known", "possible", ["nope"], date="2026"))
    with pytest.raises(timeline.TimelineError) as raised:
        broken.save()
    codes = [d.code for d in raised.value.diagnostics]
    assert codes == ["E030", "E021"]
    assert events_file.read_text(encoding="utf-8") == COMMENTED


def test_save_leaves_no_temporary_file(events_file: pathlib.Path) -> None:
    loaded = timeline.load(events_file)
    loaded.add(Event("third", "T", "possible", ["wire"], date="2026")).save()
    assert sorted(os.listdir(events_file.parent)) == ["events.toml", "events.toml.lock"]


def test_save_keeps_crlf_and_bom(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    original = ("\ufeff" + COMMENTED.replace("\n", "\r\n")).encode("utf-8")
    path.write_bytes(original)
    timeline.load(path).add(Event("third", "T", "possible", ["wire"], date="2026")).save()
    data = path.read_bytes()
    assert data.startswith(original)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert [e.id for e in timeline.load(path).events] == ["first", "second", "third"]


def test_keys_added_to_a_crlf_file_take_its_crlf(tmp_path: pathlib.Path) -> None:
    """A changed table's new keys, a changed source's, and a new [timeline] key: every
    line the save writes ends as the file's lines do."""
    path = tmp_path / "events.toml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    tl = timeline.load(path)
    first = attrs.evolve(tl.events[0], lane="Talks", tags=("t",), description="Two\nlines")
    tl = tl.replace(first).replace_source(attrs.evolve(tl.sources["wire"], publisher="P"))
    tl.with_settings(subtitle="S").save()
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b'lane = "Talks"\r\n' in data
    assert b'publisher = "P"\r\n' in data
    again = timeline.load(path)
    assert (again.subtitle, again.events[0].description) == ("S", "Two\nlines")


def test_a_block_with_mixed_line_ends_is_left_as_it_is(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    mixed = COMMENTED.replace("\n", "\r\n").replace('max_gap = "P2Y"\r\n', 'max_gap = "P2Y"\n')
    path.write_bytes(mixed.encode("utf-8"))
    timeline.load(path).with_settings(subtitle="S").save()
    data = path.read_bytes().decode("utf-8")
    assert data.startswith(mixed.split("[sources.wire]")[0].split("max_gap")[0])
    assert 'max_gap = "P2Y"\n' in data  # the untouched LF line keeps its byte


def test_new_timeline_saves_in_canonical_form(tmp_path: pathlib.Path) -> None:
    built = timeline.Timeline(
        title="Built in code",
        sources={"s": timeline.Source("s", "A source", url="https://example.org")},
        max_gap="P1Y",
    ).add(Event("a", "Alpha", "confirmed", ["s"], start="2020", end=".."))
    path = tmp_path / "new.toml"
    built.save(path)
    assert path.read_text(encoding="utf-8") == (
        '[timeline]\ntitle = "Built in code"\nmax_gap = "P1Y"\n\n'
        '[sources.s]\ntitle = "A source"\nurl = "https://example.org"\n\n'
        '[[event]]\nid = "a"\ntitle = "Alpha"\nstart = "2020"\nend = ".."\n'
        'certainty = "confirmed"\nsources = ["s"]\n'
    )
    assert timeline.load(path) == built


def test_save_needs_a_path_for_a_timeline_built_in_code() -> None:
    with pytest.raises(TypeError, match="needs a path"):
        timeline.Timeline(title="x").save()


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"), max_size=30
)
EVENTS = st.builds(
    Event,
    id=st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True),
    title=TEXT.filter(str.strip),  # a blank title is refused (E012)
    certainty=st.sampled_from(("confirmed", "possible")),
    sources=st.just(["wire"]),
    date=st.sampled_from(["2020", "2021-03~", "2022-04-05", "2023/..", "../2020-01", "2001-21?"]),
    description=st.none() | st.text(max_size=40).filter(lambda s: not CONTROL.search(s)),
    tags=st.lists(TEXT, max_size=3),
    key=st.booleans(),
    label=st.none() | TEXT,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # file I/O
@given(new=st.lists(EVENTS, min_size=1, max_size=4, unique_by=lambda e: e.id))
def test_round_trip_of_added_events(tmp_path: pathlib.Path, new: list[Event]) -> None:
    """Added events are saved whole, in date order, and every original line is kept."""
    path = tmp_path / "events.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    loaded = timeline.load(path)
    for event in new:
        if event.id not in ("first", "second"):
            loaded = loaded.add(event)
    loaded.save()
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    assert all(line in lines for line in COMMENTED.splitlines())  # a subsequence, in order
    reloaded = timeline.load(path)
    assert {e.id: e for e in reloaded.events} == {e.id: e for e in loaded.events}
    assert "W105" not in {d.code for d in reloaded.validate()}


def test_key_and_label_are_saved_and_removed(events_file: pathlib.Path) -> None:
    import attrs

    loaded = timeline.load(events_file)
    first = loaded.events[0]
    loaded.replace(attrs.evolve(first, key=True, label="First")).save()
    text = events_file.read_text(encoding="utf-8")
    assert "key = true\n" in text
    assert 'label = "First"\n' in text
    reloaded = timeline.load(events_file)
    assert (reloaded.events[0].key, reloaded.events[0].label) == (True, "First")
    reloaded.replace(attrs.evolve(reloaded.events[0], key=False, label=None)).save()
    assert events_file.read_text(encoding="utf-8") == COMMENTED


def test_a_new_file_gets_the_permissions_open_would_give(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "fresh.toml"
    timeline.Timeline(title="Fresh").save(path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
