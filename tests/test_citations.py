"""Citations: what an event's sources say (date, locator, quote, credibility, note);
the model, loading with positions, and saving them back in place."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Citation, Event, FieldError, Source
from timeline.model.fields import CONTROL
from timeline.storage.positions import Positions, locate

DOCUMENT = """\
[timeline]
title = "Citations"

[sources.nap]
title = "North Africa Post"

[sources.globes]
title = "Morocco buys Israeli air defence system for $500m"
url = "https://en.globes.co.il/en/article"
archive = "https://web.archive.org/web/20220301000000/https://en.globes.co.il/en/article"
accessed = 2026-01-20   # when the analyst read it
reliability = "B"

[sources.lemonde]
title = "Le Monde"

[[event]]
id = "barak-deal"
title = "Morocco buys the Barak MX air-defence system"
date = "2022"
certainty = "confirmed"
sources = [
  "nap",   # a bare key
  { source = "globes", date = "2022-02", at = "p. 2", quote = "We bought it", credibility = 2 },
  { source = "lemonde", date = "2021-11~", note = "says it was signed at the end of 2021" },
]

[[event]]
id = "deliveries"
title = "Deliveries"
date = "2023"
certainty = "probable"
sources = ["nap"]

[[event]]
id = "tables"
title = "Written as tables"
date = "2024"
certainty = "possible"

[[event.sources]]
source = "globes"
at = "p. 3"   # kept

[[event.sources]]
source = "lemonde"
quote = \"\"\"two
lines\"\"\"
"""


@pytest.fixture
def path(tmp_path: pathlib.Path) -> pathlib.Path:
    file = tmp_path / "events.toml"
    file.write_text(DOCUMENT, encoding="utf-8")
    return file


# The model -------------------------------------------------------------------


def test_sources_take_keys_mappings_citations_and_lists() -> None:
    bare = Event("x", "X", "probable", "nap", date="2022")
    assert bare.sources == (Citation("nap"),)
    mixed = Event(
        "x", "X", "probable",
        ["nap", {"source": "globes", "date": "2022-02"}, Citation("lemonde", at="p. 2")],
        date="2022",
    )  # fmt: skip
    assert mixed.source_keys == ("nap", "globes", "lemonde")
    assert mixed.sources[1].date == timeline.parse_date("2022-02")
    assert Event("x", "X", "p", {"source": "nap"}, date="2022").sources == (Citation("nap"),)
    assert Citation("nap").bare
    assert not Citation("nap", note="n").bare
    assert attrs.evolve(mixed, sources=["nap"]).source_keys == ("nap",)
    assert "Citation" in timeline.__all__


@pytest.mark.parametrize(
    ("make", "field", "code", "message"),
    [
        (lambda: Citation("nap", credibility=7), "credibility", "E018",
         "'credibility' must be an Admiralty information credibility 1-6, got 7"),
        (lambda: Citation("nap", credibility=True), "credibility", "E011",
         "'credibility' must be an integer 1-6, got True"),
        (lambda: Citation("nap", credibility="2"), "credibility", "E011",  # type: ignore[arg-type]
         "'credibility' must be an integer 1-6, got '2'"),
        (lambda: Citation("nap", date="2022-13"), "date", "E013",
         "invalid date '2022-13' in 'date': invalid month '13': expected 01-12 or a season 21-24"),
        (lambda: Citation("nap", at="p.\n2"), "at", "E016",
         "'at' must be a single line (it contains a line break)"),
        (lambda: Event("x", "X", "p", [{"source": "nap", "pg": 2}], date="2022"), "sources",
         "E010", "'pg' is not a key of a citation; known keys: source, date, at, quote,"
         " credibility, note, marking"),
        (lambda: Event("x", "X", "p", [{"at": "p. 2"}], date="2022"), "sources", "E012",
         "a citation needs a 'source'"),
        (lambda: Event("x", "X", "p", [3], date="2022"), "sources", "E011",  # type: ignore[list-item]
         "a citation must be a source key or a table, got 3"),
        (lambda: Event("x", "X", "p", ["a\x07"], date="2022"), "sources", "E016",
         "'sources' contains the control character U+0007, which would corrupt SVG and"
         " terminals"),
        (lambda: Source("s", "S", accessed="2026-13"), "accessed", "E013",
         "invalid date '2026-13' in 'accessed': invalid month '13': expected 01-12 or a"
         " season 21-24"),
    ],
)  # fmt: skip
def test_what_a_citation_cannot_hold_is_refused(
    make: Callable[[], object], field: str, code: str, message: str
) -> None:
    with pytest.raises(FieldError) as raised:
        make()
    assert (raised.value.field, raised.value.code, raised.value.message) == (field, code, message)


def test_a_multi_line_quote_and_note_are_allowed() -> None:
    citation = Citation("nap", quote="two\nlines", note="a\nb")
    assert citation.quote == "two\nlines"


# Loading -----------------------------------------------------------------------


def test_citations_load_from_inline_tables_and_arrays_of_tables(path: pathlib.Path) -> None:
    tl = timeline.load(path)
    deal, deliveries, tables = tl.events
    assert deal.sources == (
        Citation("nap"),
        Citation("globes", date="2022-02", at="p. 2",
                 quote="We bought it", credibility=2),
        Citation("lemonde", date="2021-11~",
                 note="says it was signed at the end of 2021"),
    )  # fmt: skip
    assert deliveries.sources == (Citation("nap"),)
    assert tables.sources == (
        Citation("globes", at="p. 3"),
        Citation("lemonde", quote="two\nlines"),
    )
    globes = tl.sources["globes"]
    assert str(globes.archive).startswith("https://web.archive.org/")
    assert globes.accessed == timeline.parse_date("2026-01-20")
    # Globes and Le Monde give dates that cannot overlap: the rules say so (W113).
    assert [d.code for d in tl.validate()] == ["W113"]


def test_citations_are_positioned_item_by_item(path: pathlib.Path) -> None:
    tl = timeline.load(path)
    fast = Positions(tl)
    for item, where in [(0, (23, 3)), (1, (24, 3)), (2, (25, 3))]:
        at = ("event", 0, "sources", item)
        assert locate(tl, at, value=True) == where
        assert fast.locate(at, value=True) == where
    assert locate(tl, ("event", 0, "sources", 1, "at"), value=True) == (24, 47)
    assert locate(tl, ("event", 2, "sources", 1, "quote")) == (47, 1)


# Saving ------------------------------------------------------------------------


def test_untouched_citations_keep_their_bytes(path: pathlib.Path) -> None:
    tl = timeline.load(path)
    deliveries = tl.events[1]
    tl.replace(attrs.evolve(deliveries, title="Deliveries, phased")).save()
    assert path.read_text(encoding="utf-8") == DOCUMENT.replace(
        'title = "Deliveries"', 'title = "Deliveries, phased"'
    )
    tl = timeline.load(path)
    tables = tl.events[2]
    tl.replace(attrs.evolve(tables, certainty="probable")).save()
    assert (
        path.read_text(encoding="utf-8").split("[[event.sources]]")[1:]
        == (DOCUMENT.split("[[event.sources]]")[1:])
    )


def test_a_changed_event_gets_its_citations_as_inline_tables(path: pathlib.Path) -> None:
    tl = timeline.load(path)
    deliveries = tl.events[1]
    cited = [*deliveries.sources, Citation("globes", date="2022-02", at="p. 2")]
    tl.replace(attrs.evolve(deliveries, sources=cited)).save()
    text = path.read_text(encoding="utf-8")
    assert (
        'certainty = "probable"\n'
        "sources = [\n"
        '  "nap",\n'
        '  { source = "globes", date = "2022-02", at = "p. 2" },\n'
        "]\n"
    ) in text
    assert text.count("a bare key") == 1  # the other event's comments stay
    assert timeline.load(path).events[1].sources == tuple(cited)
    # Back to bare keys: a bare array again.
    tl = timeline.load(path)
    tl.replace(attrs.evolve(tl.events[1], sources=["nap"])).save()
    assert path.read_text(encoding="utf-8") == DOCUMENT


def test_the_command_line_edits_keys_and_keeps_details(
    path: pathlib.Path,
    cli: Callable[[list[str]], tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(path.parent)
    assert cli(["set", "barak-deal", "--remove-source", "nap"])[0] == 0
    event = timeline.load(path).events[0]
    assert event.source_keys == ("globes", "lemonde")
    assert event.sources[0].at == "p. 2"
    assert cli(["set", "barak-deal", "--add-source", "nap"])[0] == 0
    assert timeline.load(path).events[0].sources[-1] == Citation("nap")
    status, _, err = cli(["source", "add", "web", "--title", "Web", "--archive",
                            "https://web.archive.org/x", "--accessed", "2026-01"])  # fmt: skip
    assert status == 0, err
    web = timeline.load(path).sources["web"]
    assert (web.archive, web.accessed) == (
        "https://web.archive.org/x",
        timeline.parse_date("2026-01"),
    )
    status, _, err = cli(["source", "set", "web", "--archive", "ftp://x"])
    assert status == 1
    assert err == (
        "timeline source set: error[E023]: --archive: source 'web' has archive URL 'ftp://x':"
        " only http:// and https:// URLs are allowed\n"
    )
    assert cli(["source", "set", "web", "--archive", "", "--accessed", ""])[0] == 0
    assert timeline.load(path).sources["web"] == Source("web", "Web")


# Any citations round-trip --------------------------------------------------------

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"), max_size=20
)
LONG_TEXT = st.text(max_size=30).filter(lambda s: not CONTROL.search(s))  # line breaks too
DATES = st.sampled_from(["2022", "2022-02", "2021-11~", "2020/2021-03", "2023/..", "201X"])
CITATIONS = st.builds(
    Citation,
    source=st.sampled_from(["nap", "globes", "lemonde"]),
    date=st.none() | DATES,
    at=st.none() | TEXT,
    quote=st.none() | LONG_TEXT,
    credibility=st.none() | st.integers(1, 6),
    note=st.none() | LONG_TEXT,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # file I/O
@given(
    added=st.lists(CITATIONS | st.sampled_from(["nap", "globes"]), min_size=1, max_size=4),
    changed=st.lists(CITATIONS, min_size=1, max_size=3),
)
def test_any_citations_round_trip_through_save_and_load(
    tmp_path: pathlib.Path, added: list[Citation | str], changed: list[Citation]
) -> None:
    file = tmp_path / "events.toml"
    file.write_text(DOCUMENT, encoding="utf-8")
    tl = timeline.load(file)
    new = Event("new", "New", "possible", added, date="2025")
    edited = attrs.evolve(tl.events[0], sources=changed)
    tl = tl.add(new).replace(edited)
    tl.save()
    again = timeline.load(file)
    assert {e.id: e for e in again.events} == {e.id: e for e in tl.events}
    untouched = DOCUMENT[DOCUMENT.index('[[event]]\nid = "deliveries"') :]
    assert untouched in file.read_text(encoding="utf-8")
