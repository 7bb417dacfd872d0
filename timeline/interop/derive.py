"""What an import derives from cells: ids, source keys, sources, plain text.

Ids and keys are slugs (ASCII letters and digits joined by `-`, as events.toml
ids must be), made unique by a number (`talks`, `talks-2`). A cell naming a source
is a URL (the key is its host, `www.` dropped: `reuters-com`; the title the host)
or an outlet's name (the key its slug, the title the name as written).
"""

from __future__ import annotations

import html.parser
import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

from timeline.render.ascii import transliterate

__all__ = ["Keys", "group_text", "is_url", "plain_text", "slug", "source_of"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LONGEST = 48


def slug(text: str) -> str:
    """`text` as an id: lower-case ASCII words joined by `-`, at most 48 characters
    (cut at a word); "" when nothing of it is ASCII."""
    words = _NOT_SLUG.sub("-", transliterate(text).lower()).strip("-")
    if len(words) > _LONGEST:
        cut = words[: _LONGEST + 1]
        words = cut.rsplit("-", 1)[0] if "-" in cut else words[:_LONGEST]
    return words


class Keys:
    """Unique keys: `key(base)` gives `base`, then `base-2`, `base-3` ..."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def key(self, base: str) -> str:
        found, number = base, 1
        while found in self.taken:
            number += 1
            found = f"{base}-{number}"
        self.taken.add(found)
        return found


def is_url(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def source_of(text: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The base key and the `[sources]` table of a cell naming a source: a URL, or an
    outlet's name (with `url`, the address of what it is credited for)."""
    if is_url(text):
        host = urllib.parse.urlsplit(text).hostname or ""
        host = host.removeprefix("www.")
        return slug(host) or "source", {"title": host, "url": text}
    table: dict[str, Any] = {"title": text}
    if url is not None and is_url(url):
        table["url"] = url
    return slug(text) or "source", table


_BLOCKS = frozenset(("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "tr", "table"))  # fmt: skip


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def group_text(group: str) -> str:
    """A TimelineJS group as TimelineJS shows it: it strips the group's markup
    (decoding its entities) and shows what is left as HTML."""
    return plain_text(plain_text(group))


def plain_text(markup: str) -> str:
    """HTML as plain text: tags gone, entities read, a paragraph or `<br>` a line break,
    runs of spaces one space."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
