"""Helpers for the real-renderer tests (tests/test_browsers.py): headless
Chromium and librsvg, and the few readers (PNG, DOM text, PDF pages) the checks
need, with the standard library and matplotlib's PNG reader only.

One headless Chromium serves every page of a test run (starting one costs about
two seconds, a page a tenth of that). It is driven through the DevTools protocol
on a pipe (--remote-debugging-pipe: JSON messages ended by NUL on descriptors 3
and 4, no network, no extra package), and each page loads in a tab of its own,
closed afterwards. What a page is asked for is what the command line gave
(--dump-dom, --screenshot, --print-to-pdf): the DOM serialised after the load
event, a PNG of the viewport, a PDF printed with the page's own @page size.

Chromium runs with a fresh profile, every background service off (on a closed
network it would otherwise flood the machine with connections), and its log on
stderr. A console message from a page reaches the test twice: as a DevTools
event of that page's tab (Log.entryAdded, Runtime.consoleAPICalled,
Runtime.exceptionThrown) and as a line of the log with "CONSOLE" in it, naming
the page. Chromium reports every console message at the same level, an SVG
attribute error included, so the level cannot tell errors apart; the pages
tested here log nothing themselves (the briefing page's one script is silent),
so any console message is Chromium complaining about the markup (a bad
attribute, a resource or script refused by the page's Content-Security-Policy)
or an error of that script, and counts as an error.

A job may also ask for an expression to be evaluated in the page after its load
(`Job.evaluate`, awaited when it is a promise; its value is `Page.value`), and
for the PDF to be printed on a given paper (`Job.paper`, inches, portrait; the
page's CSS may turn it to landscape).
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

__all__ = [
    "CHROMIUM_TIMEOUT",
    "REQUIRE_ENV",
    "Chromium",
    "Job",
    "Page",
    "Run",
    "chromium_binary",
    "console_errors",
    "dom_text",
    "ids",
    "image_extent",
    "inline",
    "page",
    "pdf_media_boxes",
    "pdf_pages",
    "pdf_text",
    "read_png",
    "require",
    "rsvg_binary",
    "squeeze",
]

REQUIRE_ENV = "TIMELINE_REQUIRE_RENDERERS"
CHROMIUM_TIMEOUT = 60.0  # seconds, for a page (load and what is asked of it) and for start-up
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
    # Two tabs work at once: neither may be treated as hidden and left unpainted.
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    "--disable-background-timer-throttling",
    "--enable-logging=stderr",
    "--v=0",
    "--remote-debugging-pipe",
)

# What --dump-dom prints: the doctype, if any, and the serialised document.
DUMP_DOM = (
    "(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
    " + document.documentElement.outerHTML"
)

# Waits for two frames after the load: the screenshot shows a page painted whole.
_PAINTED = {
    "expression": "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))",
    "awaitPromise": True,
}

# Puts the two pipe ends at descriptors 3 and 4, where --remote-debugging-pipe
# looks for them, then becomes Chromium. (subprocess keeps descriptors open
# under their own numbers only; a shell such as dash cannot name one above 9.)
_TRAMPOLINE = """
import fcntl, os, sys
source, sink = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3])
for fd in {int(sys.argv[1]), int(sys.argv[2])}:
    os.close(fd)
os.dup2(source, 3)
os.dup2(sink, 4)
os.close(source)
os.close(sink)
os.execv(sys.argv[3], sys.argv[3:])
"""


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
class Page:
    """What one page of a session gave: `error` says why it did not load (or None),
    `console` holds its console messages and uncaught errors (DevTools events)."""

    url: str
    error: str | None
    dom: str
    console: tuple[str, ...]
    value: Any = None  # what Job.evaluate gave


@attrs.frozen
class Run:
    """One page of a finished Chromium session: the page, and what the session's
    log said about it."""

    page: Page
    returncode: int  # Chromium's exit status when the session closed
    log: str  # the session's stderr

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def dom(self) -> str:
        return self.page.dom

    def console(self) -> list[str]:
        """The page's console messages: its DevTools events, then the lines of the
        log that name it as their source."""
        logged = [line for line in console_errors(self.log) if _source(line) == self.url]
        return [*self.page.console, *logged]

    def describe(self) -> str:
        error = f" ({self.page.error})" if self.page.error else ""
        return f"chromium exited {self.returncode} on {self.url}{error}:\n{self.log[-3000:]}"


def console_errors(stderr: str) -> list[str]:
    """The lines of Chromium's log that report a console message or an uncaught error."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


_SOURCE = re.compile(r", source: (\S+) \(\d+\)$")


def _source(line: str) -> str | None:
    """The page a console line of the log names as its source."""
    match = _SOURCE.search(line)
    return match.group(1) if match else None


class ChromiumError(Exception):
    """The session broke: Chromium closed its pipe, answered with an error, or timed out."""


class Chromium:
    """One headless Chromium with a fresh profile in `workdir`, driven over its
    DevTools pipe; `close()` ends it and returns its exit status. `call` may be
    used from several threads at once."""

    def __init__(self, binary: str, workdir: Path, window: tuple[int, int]) -> None:
        self.window = window
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
        to_chromium, self._commands = os.pipe()
        self._messages, from_chromium = os.pipe()
        command = [
            sys.executable,
            "-I",
            "-S",
            "-c",
            _TRAMPOLINE,
            str(to_chromium),
            str(from_chromium),
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={self.profile}",
            f"--window-size={window[0]},{window[1]}",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(to_chromium, from_chromium),
            start_new_session=True,  # its own process group: a timeout ends the renderers too
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._lock = threading.Lock()  # the tables below
        self._writing = threading.Lock()  # the command pipe
        self._next_id = 0
        self._replies: dict[int, queue.Queue[dict[str, Any] | None]] = {}
        self._events: dict[str, queue.Queue[dict[str, Any] | None]] = {}
        self._closed = False
        self._log: list[bytes] = []
        self._threads = [
            threading.Thread(target=self._read_messages, daemon=True),
            threading.Thread(target=self._read_log, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        self.returncode: int | None = None

    # ------------------------------------------------------------ the pipe

    def _read_messages(self) -> None:
        buffer = b""
        while chunk := os.read(self._messages, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._dispatch(json.loads(raw))
        with self._lock:  # Chromium is gone: wake every waiter
            self._closed = True
            for waiting in [*self._replies.values(), *self._events.values()]:
                waiting.put(None)

    def _dispatch(self, message: dict[str, Any]) -> None:
        with self._lock:
            if "id" in message:
                reply = self._replies.pop(message["id"], None)
                if reply is not None:
                    reply.put(message)
            elif "sessionId" in message:
                self._session(message["sessionId"]).put(message)

    def _session(self, session: str) -> queue.Queue[dict[str, Any] | None]:
        """The events of a tab, kept from the first one (call with the lock held)."""
        return self._events.setdefault(session, queue.Queue())

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._log.append(line)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Send a command and wait for its result."""
        reply: queue.Queue[dict[str, Any] | None] = queue.Queue()
        with self._lock:
            if self._closed:
                raise ChromiumError(f"{method}: Chromium has closed its pipe")
            self._next_id += 1
            message: dict[str, Any] = {"id": self._next_id, "method": method}
            self._replies[self._next_id] = reply
        message["params"] = params or {}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        with self._writing:  # not under _lock: the reader needs it to make room in the pipe
            try:
                while data:
                    data = data[os.write(self._commands, data) :]
            except OSError as error:
                raise ChromiumError(f"{method}: {error}") from None
        try:
            answer = reply.get(timeout=CHROMIUM_TIMEOUT)
        except queue.Empty:  # Chromium hangs: end it, and every later call fails at once
            self._log.append(
                f"(killed: no answer to {method} in {CHROMIUM_TIMEOUT:.0f} s)\n".encode()
            )
            self.kill()
            raise ChromiumError(f"{method}: no answer in {CHROMIUM_TIMEOUT:.0f} s") from None
        if answer is None:
            raise ChromiumError(f"{method}: Chromium closed its pipe")
        if "error" in answer:
            raise ChromiumError(f"{method}: {answer['error']}")
        return answer["result"]

    # ------------------------------------------------------------ pages

    def load_all(self, jobs: Sequence[Job], tabs: int = 2) -> dict[str, Page]:
        """Load the pages of `jobs`, `tabs` at a time, each tab in a window of its
        own and used for one page after another; their Pages by key. A tab whose
        page fails is closed, and the next page gets a new one."""
        pending: queue.Queue[Job] = queue.Queue()
        for job in jobs:
            pending.put(job)
        results: dict[str, Page] = {}

        def work() -> None:
            tab: Tab | None = None
            with contextlib.suppress(queue.Empty):
                while job := pending.get_nowait():
                    try:
                        tab = tab or Tab(self)
                        results[job.key] = tab.load(job)
                    except ChromiumError as error:
                        results[job.key] = Page(job.url, str(error), "", ())
                    if results[job.key].error is not None and tab is not None:
                        tab.close()
                        tab = None
            if tab is not None:
                tab.close()

        workers = [threading.Thread(target=work) for _ in range(tabs)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return {job.key: results[job.key] for job in jobs}

    def events_of(self, session: str) -> queue.Queue[dict[str, Any] | None]:
        with self._lock:
            return self._session(session)

    def close(self) -> int:
        """End the session: ask Chromium to close, kill it if it does not; its exit status."""
        with contextlib.suppress(ChromiumError):
            if not self._closed:
                self.call("Browser.close")
        try:
            self.process.wait(timeout=CHROMIUM_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            self._log.append(f"(killed after {CHROMIUM_TIMEOUT:.0f} s)\n".encode())
        for thread in self._threads:
            thread.join(timeout=CHROMIUM_TIMEOUT)
        os.close(self._commands)
        os.close(self._messages)
        shutil.rmtree(self.profile, ignore_errors=True)
        self.returncode = -1 if self.process.returncode is None else self.process.returncode
        return self.returncode

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    @property
    def log(self) -> str:
        return b"".join(self._log).decode("utf-8", "replace")


@attrs.frozen
class Job:
    """A page to load: `key` names its result; a screenshot and a PDF when asked."""

    key: str
    url: str
    screenshot: Path | None = None
    pdf: Path | None = None
    paper: tuple[float, float] | None = None  # (width, height) in inches for the PDF
    evaluate: str | None = None  # a JavaScript expression, after the load


class Tab:
    """A tab of `browser`, in a window of its own of the browser's window size (a
    tab behind another one is hidden, and not painted), that loads pages one
    after another."""

    def __init__(self, browser: Chromium) -> None:
        self.browser = browser
        width, height = browser.window
        blank = {"url": "about:blank", "newWindow": True, "width": width, "height": height}
        self.target = browser.call("Target.createTarget", blank)["targetId"]
        attached = browser.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})
        self.session: str = attached["sessionId"]
        self.events = browser.events_of(self.session)
        for domain in ("Page", "Runtime", "Log", "Inspector"):
            self.call(f"{domain}.enable")
        self.call("Page.setLifecycleEventsEnabled", {"enabled": True})
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", metrics)

    def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.browser.call(method, params, self.session)

    def load(self, job: Job) -> Page:
        """Load the page and, after its load event, take its DOM and, when asked, a
        screenshot and a PDF. A page that fails to load, crashes or times out gives
        a Page whose `error` says so. Console events still queued from the page
        before count for this one: none is ever dropped."""
        console: list[str] = []
        try:
            _drain(self.events, console)
            navigation = self.call("Page.navigate", {"url": job.url})
            if "errorText" in navigation:
                return Page(job.url, f"navigation failed: {navigation['errorText']}", "", ())
            _wait_for_load(self.events, navigation["loaderId"], console)
            value = None
            if job.evaluate is not None:
                asked = {"expression": job.evaluate, "returnByValue": True, "awaitPromise": True}
                value = self.call("Runtime.evaluate", asked)["result"].get("value")
            dom = self.call("Runtime.evaluate", {"expression": DUMP_DOM, "returnByValue": True})
            if job.screenshot is not None:
                self.call("Runtime.evaluate", _PAINTED)
                shot = self.call(
                    "Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True}
                )
                job.screenshot.write_bytes(base64.b64decode(shot["data"]))
            if job.pdf is not None:
                options: dict[str, bool | float] = {
                    "printBackground": True,
                    "preferCSSPageSize": True,  # the page's @page size, as --print-to-pdf
                    "displayHeaderFooter": False,  # --no-pdf-header-footer
                }
                if job.paper is not None:
                    options["paperWidth"], options["paperHeight"] = job.paper
                printed = self.call("Page.printToPDF", options)
                job.pdf.write_bytes(base64.b64decode(printed["data"]))
            self.call("Runtime.evaluate", {"expression": "0"})  # a round trip: events are in
            _drain(self.events, console)
        except ChromiumError as error:
            return Page(job.url, str(error), "", tuple(console))
        return Page(job.url, None, dom["result"]["value"], tuple(console), value)

    def close(self) -> None:
        with contextlib.suppress(ChromiumError):
            self.browser.call("Target.closeTarget", {"targetId": self.target})


def _wait_for_load(
    events: queue.Queue[dict[str, Any] | None], loader: str, console: list[str]
) -> None:
    """Wait for the load event of the document `loader` loads, noting console events."""
    while True:
        try:
            event = events.get(timeout=CHROMIUM_TIMEOUT)
        except queue.Empty:
            raise ChromiumError(f"no load event in {CHROMIUM_TIMEOUT:.0f} s") from None
        if event is None:
            raise ChromiumError("Chromium closed its pipe during the load")
        _note(event, console)
        params = event.get("params", {})
        if (event.get("method"), params.get("loaderId"), params.get("name")) == (
            "Page.lifecycleEvent",
            loader,
            "load",
        ):
            return


def _drain(events: queue.Queue[dict[str, Any] | None], console: list[str]) -> None:
    with contextlib.suppress(queue.Empty):
        while (event := events.get_nowait()) is not None:
            _note(event, console)


def _note(event: dict[str, Any], console: list[str]) -> None:
    """Keep a console message, an uncaught error or a crash of the page as text."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Log.entryAdded":
        entry = params["entry"]
        where = f"{entry.get('url', '')}:{entry.get('lineNumber', '')}"
        console.append(f"CONSOLE {entry['level']} ({entry['source']}): {entry['text']} [{where}]")
    elif method == "Runtime.consoleAPICalled":
        values = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
        console.append(f"CONSOLE console.{params['type']}: {' '.join(values)}")
    elif method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        description = details.get("exception", {}).get("description", details.get("text", ""))
        console.append(f"Uncaught {description}")
    elif method == "Inspector.targetCrashed":
        raise ChromiumError("the page crashed")


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

    rgba = np.asarray(pixels)
    if rgba.dtype != np.uint8:  # matplotlib reads a PNG as floats in 0..1
        rgba = np.rint(rgba * 255).astype(np.uint8)
    if rgba.shape[2] == 3:
        opaque = np.full((*rgba.shape[:2], 1), 255, dtype=np.uint8)
        rgba = np.concatenate([rgba, opaque], axis=2)
    packed = np.ascontiguousarray(rgba).view(np.uint32)  # one number a pixel
    colours = len(np.unique(packed))
    channels = rgba.astype(np.int16)
    differs = np.any(np.abs(channels - channels[0, 0]) > 5, axis=2)
    rows = np.flatnonzero(differs.any(axis=1))
    columns = np.flatnonzero(differs.any(axis=0))
    if not len(rows):
        return colours, 0, 0
    return colours, int(columns[-1] - columns[0] + 1), int(rows[-1] - rows[0] + 1)


def pdf_text(path: Path, page: int) -> str:
    """The text of one page (1 is the first) of a PDF, by pdftotext (poppler-utils)."""
    tool = require(shutil.which("pdftotext"), "pdftotext (poppler)", "poppler-utils")
    done = subprocess.run(
        [tool, "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]")


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF Chromium wrote (its page dictionaries are not compressed)."""
    return len(_PAGE.findall(data))


def pdf_media_boxes(data: bytes) -> list[tuple[float, ...]]:
    return [tuple(float(v) for v in box.split()) for box in _MEDIA_BOX.findall(data)]
