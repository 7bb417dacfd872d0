"""One URL policy: the validator's (E023) decides what becomes a link, everywhere."""

from __future__ import annotations

import pytest

import timeline
from timeline._urls import web_url

DOCUMENT = """\
[timeline]
title = "Links"

[sources.s]
title = "Source"
url = {url}

[[event]]
id = "e"
title = "Event"
date = "2024"
certainty = "probable"
sources = ["s"]
"""

STUB = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
LINKS = ["https://example.org/a?x=1", "HTTP://EXAMPLE.ORG", "http://example.org"]
NOT_LINKS = [
    "http:/x",
    "https:/\\evil.example",
    "https://\\evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "https://",
    "ftp://example.org",
    "https://exa mple.org",
]


@pytest.mark.parametrize("url", LINKS + NOT_LINKS)
def test_validator_and_renderers_agree(url: str) -> None:
    tl = timeline.loads(DOCUMENT.format(url=f"'{url}'"))
    refused = any(d.code == "E023" for d in tl.validate())
    assert refused is (url in NOT_LINKS) is (not web_url(url))
    html = timeline.render_html(tl, chart=STUB)
    markdown = timeline.render_markdown(tl)
    text = timeline.render_text(tl, width=120)
    escaped = url.replace("&", "&amp;")
    assert (f'href="{escaped}"' in html) is (not refused)
    assert (f"]({url})" in markdown or f"](<{url}>)" in markdown) is (not refused)
    assert (url in text) is (not refused)
