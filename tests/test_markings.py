"""Markings and actors in the model: levels, the releasable cut, and the round trip."""

from __future__ import annotations

import pathlib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline.errors import FieldError
from timeline.model.actors import Actor
from timeline.model.markings import TLP, banner, event_level, marked, shown_level
from timeline.model.release import Release

THREE = """\
[timeline]
title = "Three levels"
markings = ["OFFICIAL", "SENSITIVE", "SECRET"]
marking = "OFFICIAL"
actors = ["ma", "il"]

[sources.wire]
title = "Wire report"

[sources.partner]
title = "Partner reporting"
marking = "SECRET"
via = "wire"

[sources.desk]
title = "Desk note"
marking = "SENSITIVE"
via = "partner"

[actors.ma]
name = "Morocco"

[actors.il]
name = "Israel"

[actors.unit]
name = "A unit"

[[period]]
title = "Talks"
start = "2021"
end = "2022"
marking = "SENSITIVE"

[[event]]
id = "open"
title = "Open event"
date = "2020"
certainty = "confirmed"
sources = ["wire", { source = "wire", at = "p. 9", quote = "said in secret", marking = "SECRET" }]
actors = ["ma"]

[[event]]
id = "mixed"
title = "Resting on the partner and the wire"
date = "2021"
certainty = "probable"
sources = ["partner", "wire"]
after = ["hidden"]
actors = ["il"]

[[event]]
id = "hidden"
title = "Only the partner says so"
date = "2019"
certainty = "possible"
sources = ["partner"]
actors = ["unit"]
marking = "SECRET"

[[event]]
id = "desk-only"
title = "Only the desk says so"
date = "2022"
certainty = "possible"
sources = ["desk"]
"""


@pytest.fixture
def three() -> timeline.Timeline:
    return timeline.loads(THREE, name="three.toml")


def test_levels_compile_upwards(three: timeline.Timeline) -> None:
    levels = {e.id: event_level(three, e) for e in three.events}
    assert levels == {
        "open": "SECRET", "mixed": "SECRET", "hidden": "SECRET", "desk-only": "SENSITIVE",
    }  # fmt: skip
    assert marked(three)
    assert shown_level(three) == "SECRET"
    assert banner(three.markings, "SECRET") == "SECRET"
    assert banner("tlp", "AMBER") == "TLP:AMBER"


def test_the_cut_at_the_lowest_level(three: timeline.Timeline) -> None:
    cut = three.released("OFFICIAL")
    assert [e.id for e in cut.events] == ["open", "mixed"]
    open_, mixed = cut.events
    assert [c.source for c in open_.sources] == ["wire"]  # the SECRET citation is withheld
    assert [c.source for c in mixed.sources] == ["wire"]
    assert mixed.after == ()  # 'hidden' was withheld: its id may not appear
    assert list(cut.sources) == ["wire"]
    assert cut.periods == ()
    assert list(cut.actors) == ["ma", "il"]  # 'unit' was named only by a withheld event
    assert cut.actor_order == ("ma", "il")
    assert cut.release == Release("OFFICIAL", events=2, sources=2, periods=1, citations=2)
    assert shown_level(cut) == "OFFICIAL"


def test_the_cut_in_the_middle_drops_a_via_to_what_it_withholds(
    three: timeline.Timeline,
) -> None:
    cut = three.released("SENSITIVE")
    assert [e.id for e in cut.events] == ["open", "mixed", "desk-only"]
    assert cut.sources["desk"].via is None  # 'partner' is SECRET
    assert [p.title for p in cut.periods] == ["Talks"]
    assert shown_level(cut) == "SENSITIVE"


def test_the_cut_at_the_top_is_the_whole_chronology(three: timeline.Timeline) -> None:
    cut = three.released("SECRET")
    assert cut == three
    assert cut.release == Release("SECRET")


def test_a_level_off_the_scheme_is_refused_with_a_hint(three: timeline.Timeline) -> None:
    with pytest.raises(FieldError) as raised:
        three.released("secret")
    assert raised.value.code == "E027"
    assert raised.value.message == (
        "'secret' is not a marking level of this chronology; did you mean 'SECRET'?"
    )
    with pytest.raises(FieldError) as raised:
        three.released("TOP")
    assert raised.value.message == (
        "'TOP' is not a marking level of this chronology;"
        " the levels are OFFICIAL, SENSITIVE, SECRET"
    )


def test_a_chronology_without_markings_is_not_marked() -> None:
    tl = timeline.load(pathlib.Path(__file__).parent.parent / "events.toml")
    assert not marked(tl)
    assert tl.released("CLEAR") == tl  # nothing marked: everything is the lowest level


def test_markings_and_actors_round_trip_through_save(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "three.toml"
    path.write_text(THREE, encoding="utf-8")
    tl = timeline.load(path)
    tl.save()
    assert path.read_text(encoding="utf-8") == THREE  # a no-op save writes nothing new
    changed = tl.replace(attrs.evolve(tl.events[0], actors=("ma", "il"), marking="SENSITIVE"))
    changed = attrs.evolve(changed, actors={**changed.actors, "iai": Actor("iai", "IAI")})
    changed = changed.with_settings(portion_marks=True, actor_order=("il", "ma"))
    changed.save()
    text = path.read_text(encoding="utf-8")
    assert 'actors = ["il", "ma"]\nportion_marks = true\n' in text
    assert '[actors.iai]\nname = "IAI"\n' in text
    assert 'actors = ["ma", "il"]\nmarking = "SENSITIVE"\n' in text
    again = timeline.load(path)
    assert again == changed
    assert dict(again.actors) == dict(changed.actors)


def test_a_built_chronology_is_written_whole(tmp_path: pathlib.Path) -> None:
    tl = timeline.loads(THREE, name="three.toml")
    built = timeline.Timeline(
        title=tl.title, events=tl.events, sources=tl.sources, periods=tl.periods,
        markings=tl.markings, marking=tl.marking, actor_order=tl.actor_order, actors=tl.actors,
    )  # fmt: skip
    path = tmp_path / "built.toml"
    built.save(path)
    again = timeline.load(path)
    assert again == built
    assert dict(again.actors) == dict(built.actors)


@given(st.data())
def test_a_higher_release_keeps_everything_a_lower_one_does(data: st.DataObject) -> None:
    """For levels A <= B, every event, source and period of the cut at A is in the cut at
    B, and every level's cut shows nothing above it."""
    sources = {
        f"s{i}": timeline.Source(f"s{i}", f"S{i}", marking=data.draw(st.sampled_from(TLP)))
        for i in range(3)
    }
    events = []
    for i in range(data.draw(st.integers(1, 6))):
        cited = data.draw(st.lists(st.sampled_from(sorted(sources)), min_size=1, max_size=3))
        level = data.draw(st.none() | st.sampled_from(TLP))
        events.append(
            timeline.Event(f"e{i}", f"E{i}", "probable", cited, date=str(2000 + i), marking=level)
        )
    tl = timeline.Timeline(events=events, sources=sources)
    low, high = sorted(data.draw(st.lists(st.sampled_from(TLP), min_size=2, max_size=2)),
                       key=TLP.index)  # fmt: skip
    a, b = tl.released(low), tl.released(high)
    assert {e.id for e in a.events} <= {e.id for e in b.events}
    assert set(a.sources) <= set(b.sources)
    for cut, level in ((a, low), (b, high)):
        assert all(TLP.index(event_level(cut, e)) <= TLP.index(level) for e in cut.events)
