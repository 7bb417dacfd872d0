"""Helpers for the real-renderer tests (tests/test_browsers.py): headless
Chromium and librsvg driven through their command lines, and the few readers
(PNG, DOM text, PDF pages) the checks need, with the standard library and
matplotlib's PNG reader only.

Chromium runs headless with a fresh profile, every background service off (on
a closed network it would otherwise flood the machine with connections), and
its log on stderr: a console message from a page shows there as a line with
"CONSOLE" in it. Chromium logs every console message at the INFO level, an
SVG attribute error included, so the level cannot tell errors apart; the pages
tested here have no script, so any console message is Chromium complaining
about the markup (a bad attribute, a resource refused by the page's
Content-Security-Policy) and counts as an error.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

__all__ = [
    "CHROMIUM_TIMEOUT",
    "REQUIRE_ENV",
    "Run",
    "chromium",
    "chromium_binary",
    "console_errors",
    "dom_text",
    "ids",
    "image_extent",
    "inline",
    "page",
    "pdf_media_boxes",
    "pdf_pages",
    "read_png",
    "require",
    "rsvg_binary",
    "run_all",
    "squeeze",
]

REQUIRE_ENV = "TIMELINE_REQUIRE_RENDERERS"
CHROMIUM_TIMEOUT = 60.0
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # needed as root (CI); harmless otherwise
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)


def require(tool: str | None, name: str, package: str) -> str:
    """`tool` (a path) or, when it is missing, skip the test with a message naming
    the Debian package to install; with TIMELINE_REQUIRE_RENDERERS=1 (CI), fail."""
    if tool is not None:
        return tool
    message = f"{name} is not installed: `apt-get install {package}` (Debian) to run this test"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; {REQUIRE_ENV}=1 requires it", pytrace=False)
    pytest.skip(message)


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def rsvg_binary() -> str | None:
    return shutil.which("rsvg-convert")


@attrs.frozen
class Run:
    """One finished Chromium run."""

    url: str
    returncode: int
    stdout: str  # the DOM, with --dump-dom
    stderr: str

    def describe(self) -> str:
        return f"chromium exited {self.returncode} on {self.url}:\n{self.stderr[-3000:]}"


def chromium(binary: str, url: str, *flags: str, workdir: Path) -> Run:
    """Load `url` in a fresh headless Chromium with `flags` (--dump-dom, --screenshot=…,
    --print-to-pdf=…); its whole process group is killed after CHROMIUM_TIMEOUT."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
    command = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, url]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: a timeout ends the renderers too
    )
    try:
        out, err = process.communicate(timeout=CHROMIUM_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        err += f"\n(killed after {CHROMIUM_TIMEOUT:.0f} s)".encode()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return Run(
        url,
        -1 if process.returncode is None else process.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
    )


def console_errors(stderr: str) -> list[str]:
    """The lines of Chromium's log that report a console message or an uncaught error."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


_SVG_START = re.compile(r"<svg[\s>]")


def inline(svg: str) -> str:
    """An SVG document as an element to inline in HTML (no XML declaration, no doctype)."""
    match = _SVG_START.search(svg)
    assert match is not None, "no <svg> element"
    return svg[match.start() :]


def page(body: str, title: str = "chart") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def dom_text(dom: str) -> str:
    """The text of a dumped DOM, tags dropped, entities decoded, with no whitespace
    at all: a title wrapped over several <text>/<tspan> elements still matches."""
    return _SPACE.sub("", html.unescape(_TAG.sub(" ", dom)))


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def ids(markup: str) -> list[str]:
    """Every id attribute of a dumped DOM (the page has no script to ask for them)."""
    return [html.unescape(a or b) for a, b in _ID.findall(markup)]


def read_png(path: Path) -> Any:
    """The image as an array (height, width, channels) of floats in 0..1."""
    from matplotlib import image

    return image.imread(os.fspath(path))


def image_extent(pixels: Any) -> tuple[int, int, int]:
    """(number of distinct colours, width, height) of what differs from the top-left pixel."""
    import numpy as np

    rgba = np.round(np.asarray(pixels, dtype=np.float32) * 255).astype(np.uint32)
    if rgba.shape[2] == 3:
        rgba = np.dstack([rgba, np.full(rgba.shape[:2], 255, dtype=np.uint32)])
    packed = (rgba[..., 0] << 24) | (rgba[..., 1] << 16) | (rgba[..., 2] << 8) | rgba[..., 3]
    colours = len(np.unique(packed))
    channels = rgba.astype(np.int32)
    differs = np.any(np.abs(channels - channels[0, 0]) > 5, axis=2)
    rows = np.flatnonzero(differs.any(axis=1))
    columns = np.flatnonzero(differs.any(axis=0))
    if not len(rows):
        return colours, 0, 0
    return colours, int(columns[-1] - columns[0] + 1), int(rows[-1] - rows[0] + 1)


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]")


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF Chromium wrote (its page dictionaries are not compressed)."""
    return len(_PAGE.findall(data))


def pdf_media_boxes(data: bytes) -> list[tuple[float, ...]]:
    return [tuple(float(v) for v in box.split()) for box in _MEDIA_BOX.findall(data)]


def run_all(jobs: Sequence[tuple[str, Any]], workers: int = 2) -> dict[str, Any]:
    """Run the (key, thunk) jobs on `workers` threads; their results by key."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(thunk) for key, thunk in jobs}
        return {key: future.result() for key, future in futures.items()}
