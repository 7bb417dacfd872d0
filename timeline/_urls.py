"""The one URL policy: which source URLs are web links.

The validator (E023) refuses every other URL, and every renderer makes a link
only of a URL this accepts; anything else (``javascript:``, ``data:``,
``http:/x``, ``https:/\\evil.example``) is at most shown as inert text.
"""

from __future__ import annotations

import re
from typing import TypeGuard

__all__ = ["web_url"]

# http(s), two slashes, a non-empty host with no backslash (browsers read one as a
# slash, so "https://\\evil" would go elsewhere than it reads), no white space.
_WEB_URL = re.compile(r"https?://[^\s/?#\\]+[^\s]*\Z", re.IGNORECASE)


def web_url(url: str | None) -> TypeGuard[str]:
    """Whether `url` is an http:// or https:// URL that may become a link."""
    return url is not None and _WEB_URL.match(url) is not None
