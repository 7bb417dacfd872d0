"""The errors timeline raises: one base class, the old builtins, picklable whole.

A process pool that loads (or builds, or renders) in its workers gets each error
back in the parent as the same type with the same data: every one is raised in
a real `ProcessPoolExecutor` worker (a fresh "spawn" interpreter, so the class
is found again by its import path) and compared with the one raised here.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

import timeline
from timeline import EdtfError, Error, FieldError, OptionError, TimelineError

BAD_DOCUMENT = (
    '[timeline]\ntitle = "Bad"\norder = "sideways"\n'
    '[[event]]\nid = "Bad id"\ntitle = "X"\ndate = "2020"\ncertainty = "probable"\n'
    'sources = ["s"]\n'
)

ERRORS: list[tuple[type[Error], type[Exception]]] = [
    (TimelineError, Exception),
    (FieldError, ValueError),
    (EdtfError, ValueError),
    (OptionError, ValueError),
]


# Workers: module-level, so that a spawned interpreter can import them ----------------


def load_bad_document() -> None:
    timeline.loads(BAD_DOCUMENT, name="bad.toml")


def make_event_with_bad_id() -> None:
    timeline.Event("Bad id", "X", "probable", ["s"], date="2020")


def parse_bad_date() -> None:
    timeline.parse_date("2020-13")


def render_with_bad_option() -> None:
    chronology = timeline.Timeline(events=[timeline.Event("a", "A", "probable", "s", date="2020")])
    timeline.render_text(chronology, colour=1)


WORKERS: dict[type[Error], Callable[[], None]] = {
    TimelineError: load_bad_document,
    FieldError: make_event_with_bad_id,
    EdtfError: parse_bad_date,
    OptionError: render_with_bad_option,
}


def raised_here(worker: Callable[[], None]) -> Error:
    with pytest.raises(Error) as raised:
        worker()
    return raised.value


def state(error: Error) -> dict[str, object]:
    """What a caller reads from each error: its text and its own attributes."""
    found: dict[str, object] = {"type": type(error), "str": str(error), "args": error.args}
    for name in ("diagnostics", "field", "code", "message", "offset", "option"):
        if hasattr(error, name):
            found[name] = getattr(error, name)
    return found


@pytest.fixture
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


# The hierarchy -------------------------------------------------------------


@pytest.mark.parametrize(("error", "builtin"), ERRORS, ids=lambda e: e.__name__)
def test_each_error_is_a_timeline_error_and_its_builtin(
    error: type[Error], builtin: type[Exception]
) -> None:
    assert issubclass(error, timeline.Error)
    assert issubclass(error, builtin)
    assert issubclass(timeline.Error, Exception)


@pytest.mark.parametrize("error", [Error, *(e for e, _ in ERRORS)], ids=lambda e: e.__name__)
def test_each_error_says_timeline_in_a_traceback(error: type[Error]) -> None:
    assert error.__module__ == "timeline"
    assert getattr(timeline, error.__name__) is error


@pytest.mark.parametrize("error", list(WORKERS), ids=lambda e: e.__name__)
def test_each_error_is_raised_where_documented(error: type[Error]) -> None:
    assert type(raised_here(WORKERS[error])) is error


def test_the_errors_carry_what_went_wrong() -> None:
    loading = raised_here(load_bad_document)
    assert isinstance(loading, TimelineError)
    assert [d.code for d in loading.diagnostics] == ["E018", "E015"]
    assert str(loading) == "\n".join(str(d) for d in loading.diagnostics)
    field = raised_here(make_event_with_bad_id)
    assert isinstance(field, FieldError)
    assert (field.field, field.code, field.offset) == ("id", "E015", None)
    date = raised_here(parse_bad_date)
    assert isinstance(date, EdtfError)
    assert date.offset == 5
    option = raised_here(render_with_bad_option)
    assert isinstance(option, OptionError)
    assert option.option == "colour"


# Pickling ------------------------------------------------------------------


@pytest.mark.parametrize("error", list(WORKERS), ids=lambda e: e.__name__)
def test_each_error_pickles_whole(error: type[Error]) -> None:
    here = raised_here(WORKERS[error])
    assert state(pickle.loads(pickle.dumps(here))) == state(here)


@pytest.mark.parametrize("error", list(WORKERS), ids=lambda e: e.__name__)
def test_each_error_comes_back_whole_from_a_process_pool(
    error: type[Error], pool: ProcessPoolExecutor
) -> None:
    here = raised_here(WORKERS[error])
    future = pool.submit(WORKERS[error])
    with pytest.raises(error) as raised:
        future.result(timeout=120)
    assert state(raised.value) == state(here)
    if isinstance(here, TimelineError):
        assert isinstance(raised.value, TimelineError)
        assert raised.value.diagnostics == here.diagnostics
        assert len(here.diagnostics) == 2
