"""The HTTP side of `timeline serve`: the page, its event stream, and nothing else.

Imported only when serving, so that other commands never load http.server.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from timeline.cli.output import print_diagnostics, summary
from timeline.cli.serve import HOST, live_page
from timeline.cli.watch import Generations
from timeline.errors import TimelineError
from timeline.storage.load import load

__all__ = ["Handler", "Server", "follow", "report"]

KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # the name http.server calls
        url = urlsplit(self.path)
        if url.path == "/":
            generation = self.server.generations.count  # before reading: a save meanwhile reloads
            body = live_page(self.server.page(self.server.file, self.server.options), generation)
            self._send(200, "text/html; charset=utf-8", body.encode("utf-8"))
        elif url.path == "/events":
            since = parse_qs(url.query).get("since", ["0"])[0]
            self._stream(int(since) if since.isdigit() else 0)
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, seen: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.server.stopping.is_set():
                now = self.server.generations.wait_past(seen, KEEP_ALIVE)
                self.wfile.write(b": idle\n\n" if now == seen else b"event: reload\ndata: \n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):  # the page went away
            return

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows diagnostics, not every request


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, file: str, port: int, options: dict[str, Any], page: Callable[..., str]
    ) -> None:
        super().__init__((HOST, port), Handler)
        self.file, self.options, self.page = file, options, page
        self.generations = Generations()
        self.stopping = threading.Event()


def report(file: str) -> None:
    try:
        timeline = load(file)
    except TimelineError as error:
        print_diagnostics(error.diagnostics, sys.stderr)
        return
    diagnostics = timeline.validate()
    print_diagnostics(diagnostics, sys.stderr)
    print(f"{timeline.name}: {summary(len(timeline.events), diagnostics)}", file=sys.stderr)


def follow(server: Server, changes: Iterator[None]) -> None:
    for _ in changes:
        report(server.file)
        server.generations.bump()
