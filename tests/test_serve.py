"""The live preview: `timeline serve` in headless Chromium, its event stream, its page
policy, and `timeline render --watch`. Each runs the real command in a subprocess."""

from __future__ import annotations

import contextlib
import os
import pathlib
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from browsers import Chromium, Job, Tab, chromium_binary, require

import timeline
from timeline.cli.serve import live_page

pytest.importorskip("watchfiles", reason="the preview extra (watchfiles) is not installed")

ROOT = pathlib.Path(__file__).resolve().parent.parent
SMALL = """\
[timeline]
title = "Before"

[sources.wire]
title = "Wire"

[[event]]
id = "first"
title = "First"
date = "2020"
certainty = "probable"
sources = ["wire"]
"""
LIMIT = 20.0  # seconds for anything to show up; a save normally shows within one


def _wait(condition: object, what: str) -> float:
    """Poll `condition()` until true; return the seconds it took."""
    began = time.monotonic()
    while time.monotonic() - began < LIMIT:
        if condition():  # type: ignore[operator]
            return time.monotonic() - began
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {LIMIT:.0f} s")


@contextlib.contextmanager
def serving(path: pathlib.Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", str(path), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=path.parent,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        failed = process.poll() is not None and process.stderr is not None
        assert found, (line, process.stderr.read() if failed and process.stderr else "")
        yield found.group(), process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def small(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "events.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


# Chromium (5-12 s): .ci/run's slow step runs it. The fast suite checks the server's
# side without a browser: the event stream says reload, the page's script listens.
@pytest.mark.slow
def test_the_page_reloads_in_chromium_after_each_save(
    small: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    binary = require(chromium_binary(), "Chromium", "chromium")
    browser = Chromium(binary, tmp_path, (1280, 800))
    try:
        with serving(small) as (url, process):
            tab = Tab(browser)
            page = tab.load(Job("serve", url))
            assert page.error is None, page
            assert "<title>Before" in page.dom

            def title() -> str:
                answer = tab.call("Runtime.evaluate", {"expression": "document.title"})
                return str(answer["result"].get("value", ""))

            timeline.load(small).with_settings(title="After the save").save()
            took = _wait(lambda: title().startswith("After the save"), "the reload")
            print(f"reloaded {took:.2f} s after the save")
            small.write_text(SMALL.replace('date = "2020"', 'date = "2020-13"'), "utf-8")
            _wait(lambda: "1 error" in title(), "the error page")
            listed = "document.querySelector('pre').textContent"
            heading = tab.call("Runtime.evaluate", {"expression": listed})
            assert "error[E013]" in heading["result"]["value"]
            small.write_text(SMALL.replace("Before", "Fixed"), "utf-8")
            _wait(lambda: title().startswith("Fixed"), "the page after the fix")
            tab.close()
            assert process.poll() is None
    finally:
        browser.close()


def test_the_event_stream_says_reload_after_a_save(small: pathlib.Path) -> None:
    with serving(small) as (url, _):
        with urllib.request.urlopen(url, timeout=LIMIT) as response:
            page = response.read().decode("utf-8")
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        since = re.search(r"/events\?since=(\d+)", page)
        assert since, page[-500:]
        stream = urllib.request.urlopen(f"{url}events?since={since.group(1)}", timeout=LIMIT)
        small.write_text(SMALL.replace("Before", "After"), "utf-8")
        assert stream.readline() == b"event: reload\n"
        stream.close()
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"{url}elsewhere", timeout=LIMIT)


def test_the_live_page_allows_only_its_own_script_and_stream() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'\"></head>"
        "<body><p>x</p></body></html>"
    )
    live = live_page(page, 7)
    policy = re.search(r'content="([^"]*)"', live)
    assert policy
    directives = [d.strip() for d in policy.group(1).split(";")]
    assert directives[:2] == ["default-src 'none'", "style-src 'unsafe-inline'"]
    assert re.fullmatch(r"script-src 'sha256-[A-Za-z0-9+/]+=*'", directives[2])
    assert directives[3] == "connect-src 'self'"
    assert live.endswith(
        '<script>new EventSource("/events?since=7").addEventListener("reload",'
        " function () { location.reload(); });</script>\n</body></html>"
    )


@pytest.mark.slow  # two processes of a second each: CI's heavy step
def test_serve_refuses_a_port_in_use(small: pathlib.Path) -> None:
    with serving(small) as (url, _):
        port = url.rsplit(":", 1)[1].strip("/")
        taken = subprocess.run(
            [sys.executable, "-m", "timeline", "serve", str(small), "--port", port],
            check=False, capture_output=True, text=True, timeout=LIMIT,
        )  # fmt: skip
    assert (taken.returncode, taken.stdout) == (1, "")
    assert taken.stderr == "timeline serve: error: --port: Address already in use\n"


def test_render_watch_renders_again_on_each_save(
    small: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "render", str(small), "--watch", "--format", "txt",
         "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        assert process.stderr.readline() == f"watching {small} for saves (Ctrl-C to stop)\n"
        text = out / "timeline.txt"
        assert text.read_text(encoding="utf-8").startswith("Before")
        small.write_text(SMALL.replace("Before", "After"), "utf-8")
        _wait(lambda: text.read_text(encoding="utf-8").startswith("After"), "the re-render")
        small.write_text(SMALL.replace('"2020"', '"2020-13"'), "utf-8")
        assert "error[E013]" in process.stderr.readline()
        assert process.poll() is None  # an error in the file does not stop the watch
    finally:
        process.send_signal(signal.SIGINT)
        out_text, err_text = process.communicate(timeout=10)
    assert process.returncode == 0, err_text
    assert out_text.count(str(out / "timeline.txt")) == 2


@pytest.mark.slow  # two processes of a second each: CI's heavy step
def test_watch_without_the_extra_says_how_to_install_it(small: pathlib.Path) -> None:
    """A Python that cannot import watchfiles gets the install command, exit 1."""
    blocker = small.parent / "blocker"
    blocker.mkdir()
    (blocker / "watchfiles.py").write_text("raise ImportError('blocked for the test')\n")
    environment = {**os.environ, "PYTHONPATH": f"{blocker}{os.pathsep}{ROOT}"}
    for argv in (["render", "--watch"], ["serve", "--port", "0"]):
        done = subprocess.run(
            [sys.executable, "-m", "timeline", *argv, str(small)], check=False,
            capture_output=True, text=True, timeout=LIMIT, env=environment,
        )  # fmt: skip
        command = argv[0]
        prefix = f"timeline {command}: error: " + ("--watch: " if command == "render" else "")
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr == prefix + (
            "this needs the watchfiles package; install it with: pip install 'timeline[preview]'\n"
        )
