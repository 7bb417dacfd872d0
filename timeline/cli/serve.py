"""`timeline serve`: the HTML briefing page on 127.0.0.1, reloaded on every save.

The page is rendered afresh from the file for each request. A small script,
allowed by its hash in the page's Content-Security-Policy (which otherwise
stays as strict as the rendered file's), listens on `/events`, a server-sent
event stream that says "reload" after each save; the page then reloads itself.
When the file has errors the page lists them instead of going blank, and
reloads again when they are fixed. Only the loopback interface is bound.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import re
import sys
from typing import Any

from timeline.cli.output import DEFAULT_FILE, said, summary
from timeline.cli.watch import MissingExtra, saves
from timeline.diagnostics import Diagnostic, Severity
from timeline.errors import OptionError, TimelineError
from timeline.storage.load import load

__all__ = ["live_page", "register"]

HOST = "127.0.0.1"
EXAMPLE = """\
examples:
  timeline serve                      # http://127.0.0.1:8000/ for ./events.toml
  timeline serve briefing.toml --port 8080 --size a4-landscape
"""
_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def register(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="serve the HTML page on 127.0.0.1, reloaded on every save",
        epilog=EXAMPLE,
        description="Serve the chronology's HTML briefing page on the loopback interface"
        " and reload it in the browser within a second of each save of FILE; the"
        " diagnostics of each save are printed. Needs the preview extra"
        " (pip install 'timeline[preview]'). Ctrl-C stops.",
    )  # fmt: skip
    serve.add_argument("file", nargs="?", default=DEFAULT_FILE, help="default: ./events.toml")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000; 0 picks a free one")
    serve.add_argument("--size", help="the chart's size (as for render)")
    serve.add_argument("--theme", choices=("light", "dark", "print"))
    serve.add_argument("--locale", help="date language, e.g. en, fr, de")
    serve.set_defaults(run=_serve)


def live_page(page: str, generation: int) -> str:
    """`page` with the reload script, and a policy that lets only it (and its stream) in."""
    script = (
        f'new EventSource("/events?since={generation}")'
        '.addEventListener("reload", function () { location.reload(); });'
    )
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")

    def allow(match: re.Match[str]) -> str:
        directives = [d.strip() for d in match.group(2).split(";") if d.strip()]
        named = {d.split()[0]: i for i, d in enumerate(directives)}
        for name, source in (("script-src", f"'sha256-{digest}'"), ("connect-src", "'self'")):
            if name in named:
                directives[named[name]] += f" {source}"
            else:
                directives.append(f"{name} {source}")
        return match.group(1) + "; ".join(directives) + match.group(3)

    page = _CSP.sub(allow, page, count=1)
    return page.replace("</body>", f"<script>{script}</script>\n</body>", 1)


def _error_page(name: str, diagnostics: list[Diagnostic]) -> str:
    lines = "\n".join(html.escape(str(d)) for d in diagnostics)
    title = html.escape(f"{name}: {summary(None, diagnostics)}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n"
        f"<p>Nothing is drawn until these are fixed; this page reloads on the next save.</p>\n"
        f"<pre>{lines}</pre>\n</body>\n</html>\n"
    )


def _page(path: str, options: dict[str, Any]) -> str:
    from timeline.render import render_html

    try:
        timeline = load(path)
    except TimelineError as error:
        return _error_page(path, list(error.diagnostics))
    diagnostics = timeline.validate()
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return _error_page(timeline.name, diagnostics)
    return render_html(timeline, **options)


def _serve(arguments: argparse.Namespace) -> int:
    options = {k: getattr(arguments, k) for k in ("size", "theme", "locale")}
    options = {k: v for k, v in options.items() if v is not None}
    try:
        _page(arguments.file, options)  # refuse bad options now, not in the browser
    except OptionError as error:
        print(f"timeline serve: error: {said(error.option, error.message)}", file=sys.stderr)
        return 2
    import threading

    from timeline.cli.server import Server, follow, report

    try:
        server = Server(arguments.file, arguments.port, options, _page)
    except OSError as error:
        print(f"timeline serve: error: --port: {error.strerror}", file=sys.stderr)
        return 1
    try:
        changes = saves(arguments.file, server.stopping)
    except MissingExtra as error:
        server.server_close()
        print(f"timeline serve: error: {error}", file=sys.stderr)
        return 1
    report(arguments.file)
    threading.Thread(target=follow, args=(server, changes), daemon=True).start()
    print(f"serving {arguments.file} at http://{HOST}:{server.server_address[1]}/"
          " (Ctrl-C to stop)", flush=True)  # fmt: skip
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping.set()
        server.server_close()
    return 0
