"""Shared fixtures, and the Hypothesis profiles.

Profiles (HYPOTHESIS_PROFILE selects one; unset means "default"):

- "default": quick, for the README's `python -m pytest`: few examples per
  property, no deadline (a busy machine makes timings meaningless).
- "ci": thorough, as .ci/run selects it: at least as many examples as any
  property ever asked for itself, with Hypothesis's own deadline.

The property tests name no example count of their own; the profile decides.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from hypothesis import settings

if TYPE_CHECKING:  # imported where used: a broken package fails its tests, not collection
    import timeline

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "events.toml"

PROFILE_ENV = "HYPOTHESIS_PROFILE"
_BUILT_IN = settings.get_profile("default")
settings.register_profile("ci", _BUILT_IN, max_examples=300, print_blob=True)
settings.register_profile("default", _BUILT_IN, max_examples=25, deadline=None)
settings.load_profile(os.environ.get(PROFILE_ENV, "default"))


class RealRenderers:
    """Counts the tests of tests/test_browsers.py that ran and that were skipped, by
    the renderer they drive (the `chromium_runs` or the `rsvg` fixture), and says
    so at the end of the run, with the number of A4 pages the briefing page
    printed on. A renderer none of whose tests was selected says so: the
    Chromium tests are marked slow (`python -m pytest -m slow`, as .ci/run runs).
    It reads the test reports, which pytest-xdist's workers send back to the
    process that prints the summary."""

    MODULE = "tests/test_browsers.py::"
    RENDERERS = ("Chromium", "librsvg")
    FIXTURES: ClassVar = {"chromium_runs": "Chromium", "rsvg": "librsvg"}
    WHY: ClassVar = {"Chromium": " (marked slow: `python -m pytest -m slow` runs them)"}

    def __init__(self) -> None:
        self.ran = dict.fromkeys(self.RENDERERS, 0)
        self.skipped = dict.fromkeys(self.RENDERERS, 0)
        self.pdf_pages: object = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item) -> Iterator[None]:
        """In the worker: the report names the renderer its test drives."""
        outcome: Any = yield
        report = outcome.get_result()
        for fixture, renderer in self.FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()):
                report.user_properties = [*report.user_properties, ("renderer", renderer)]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        renderer = dict(report.user_properties).get("renderer")
        if not report.nodeid.startswith(self.MODULE) or renderer not in self.RENDERERS:
            return
        if report.skipped and report.when in ("setup", "call"):
            self.skipped[renderer] += 1
        elif report.when == "call":
            self.ran[renderer] += 1
            self.pdf_pages = dict(report.user_properties).get("pdf_pages", self.pdf_pages)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not sum(self.ran.values()) + sum(self.skipped.values()):
            return
        parts = []
        for renderer in self.RENDERERS:
            ran, skipped = self.ran[renderer], self.skipped[renderer]
            if ran + skipped:
                parts.append(f"{renderer} {ran} tests ran, {skipped} skipped")
            else:
                parts.append(f"{renderer} none selected" + self.WHY.get(renderer, ""))
        line = "real renderers: " + "; ".join(parts)
        if self.pdf_pages is not None:
            line += f"; the briefing page prints on {self.pdf_pages} A4 page(s)"
        terminalreporter.write_line(line)


# Under `--dist loadgroup` (pyproject.toml) each test module runs whole in one worker
# (its module fixtures start once), as with loadscope, except these: heavy modules
# whose tests share nothing costly, spread test by test to balance the two workers.
SPREAD = frozenset({"test_chart_fit.py", "test_render_svg.py", "test_serve.py"})


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not getattr(config.option, "loadgroup", False):  # set in pytest-xdist's workers
        return
    for item in items:
        if item.path.name not in SPREAD and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.path.name))


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(RealRenderers(), "timeline-real-renderers")


def pytest_report_header() -> str:
    name, examples = settings.get_current_profile_name(), settings().max_examples
    return f"hypothesis profile {name!r} (set by {PROFILE_ENV}): {examples} examples a property"


@pytest.fixture(scope="session")
def bundled_path() -> pathlib.Path:
    """The bundled chronology, events.toml at the top of the checkout (read only)."""
    return BUNDLED


@pytest.fixture(scope="session")
def bundled(bundled_path: pathlib.Path) -> timeline.Timeline:
    """The bundled chronology, loaded once."""
    import timeline

    return timeline.load(bundled_path)


@pytest.fixture
def write_chronology(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """Write TOML text to a file in tmp_path (events.toml unless named) and return its path."""

    def write(text: str, name: str = "events.toml") -> pathlib.Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[[list[str]], tuple[int, str, str]]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    from timeline.cli import main

    def run(argv: list[str]) -> tuple[int, str, str]:
        status = main(argv)
        out, err = capsys.readouterr()
        return status, out, err

    return run
