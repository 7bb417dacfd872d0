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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
    """Counts the tests of tests/test_browsers.py that ran and that were skipped,
    and says so at the end of the run, with the number of A4 pages the briefing
    page printed on. It reads the test reports, which pytest-xdist's workers send
    back to the process that prints the summary."""

    MODULE = "tests/test_browsers.py::"

    def __init__(self) -> None:
        self.ran = self.skipped = 0
        self.pdf_pages: object = None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not report.nodeid.startswith(self.MODULE):
            return
        if report.skipped and report.when in ("setup", "call"):
            self.skipped += 1
        elif report.when == "call":
            self.ran += 1
            self.pdf_pages = dict(report.user_properties).get("pdf_pages", self.pdf_pages)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.ran + self.skipped:
            return
        line = f"real renderers (Chromium, librsvg): {self.ran} tests ran, {self.skipped} skipped"
        if self.pdf_pages is not None:
            line += f"; the briefing page prints on {self.pdf_pages} A4 page(s)"
        terminalreporter.write_line(line)


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
