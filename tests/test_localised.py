"""The bundled chronology in French and German: goldens of every format, and no
English word of the renderers' own in any of them.

The goldens live in tests/golden/i18n/ (the chronology is tests/golden/morocco.toml,
a copy of events.toml). After a deliberate change, regenerate and review the diff::

    TIMELINE_UPDATE_GOLDEN=1 python -m pytest --no-cov tests/test_localised.py

The SVG goldens depend on matplotlib's SVG writer and carry its version in their
names, as those of tests/test_render_svg.py do; the page's golden inlines a stub
chart (the chart has its own golden).
"""

from __future__ import annotations

import os
import pathlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import matplotlib
import pytest
from test_i18n import _catalogue, _marked

import timeline
from timeline._i18n import CATALOGUES

GOLDEN = pathlib.Path(__file__).parent / "golden"
LOCALISED = GOLDEN / "i18n"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"
STUB = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt"></svg>\n'
_WORD = re.compile(r"[^\W\d_]{3,}")

RENDERS: dict[str, Callable[[timeline.Timeline, str], str]] = {
    "w80.txt": lambda tl, locale: timeline.render_text(tl, width=80, locale=locale),
    "w50.ascii.txt": lambda tl, locale: timeline.render_text(
        tl, width=50, ascii=True, locale=locale
    ),
    "md": lambda tl, locale: timeline.render_markdown(tl, locale=locale),
    "html": lambda tl, locale: timeline.render_html(tl, chart=STUB, locale=locale),
    f"mpl-{matplotlib.__version__}.svg": lambda tl, locale: timeline.render_svg(tl, locale=locale),
}


@pytest.fixture(scope="module")
def bundled() -> timeline.Timeline:
    # By name only: the page's diagnostics name the file, wherever the tests run.
    return timeline.loads(
        (GOLDEN / "morocco.toml").read_text(encoding="utf-8"), name="morocco.toml"
    )


@pytest.fixture(scope="module")
def rendered(bundled: timeline.Timeline) -> Callable[[str, str], str]:
    """Each render of the bundled chronology, made once for all the tests of a module."""
    made: dict[tuple[str, str], str] = {}

    def render(locale: str, kind: str) -> str:
        if (locale, kind) not in made:
            made[locale, kind] = RENDERS[kind](bundled, locale)
        return made[locale, kind]

    return render


def _golden(name: str, rendered: str) -> None:
    path = LOCALISED / name
    if UPDATE:
        LOCALISED.mkdir(exist_ok=True)
        path.write_bytes(rendered.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert rendered == expected, f"{name} differs; see the module docstring to regenerate"


@pytest.mark.parametrize("kind", sorted(RENDERS))
@pytest.mark.parametrize("locale", CATALOGUES)
def test_localised_golden(rendered: Callable[[str, str], str], locale: str, kind: str) -> None:
    _golden(f"morocco.{locale}.{kind}", rendered(locale, kind))


# ---------------------------------------------------------------- no English left


def _chronology_words(tl: timeline.Timeline) -> set[str]:
    """Every word the chronology itself writes (it may well be in English)."""
    texts = [tl.title, tl.subtitle or "", *tl.lanes, *tl.certainty]
    for event in tl.events:
        texts += [event.title, event.description or "", event.lane or "", *event.tags, event.id]
    for source in tl.sources.values():
        texts += [source.title, source.publisher or "", source.url or "", source.key]
    texts += [period.title for period in tl.periods]
    return {word.lower() for text in texts for word in _WORD.findall(text)}


def english_words(language: str, tl: timeline.Timeline) -> set[str]:
    """The words of the renderers' English messages that a reader of `language` must
    not meet: less those its catalogue uses too ("Sources", "possible") and those of
    the chronology's own text."""
    english = {word.lower() for _, msgid, plural in _marked() for text in (msgid, plural or "")
               for word in _WORD.findall(re.sub(r"\{\w*\}", " ", text))}  # fmt: skip
    translated = set()
    for text in _catalogue(language).values():
        for form in (text,) if isinstance(text, str) else text:
            translated |= {word.lower() for word in _WORD.findall(form)}
    return english - translated - _chronology_words(tl)


class _Text(HTMLParser):
    """The text a reader meets in an HTML page: its text, and the attributes read out;
    not the diagnostics themselves (<code>), which are the checker's, in English."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "script", "code")
        self.parts += [v or "" for k, v in attrs if k in ("title", "aria-label", "data-template")]

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script", "code")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _shown(kind: str, rendered: str) -> str:
    """What a reader reads of a render: the SVG's and the page's text, not their markup."""
    if kind.endswith(".svg"):
        root = ET.fromstring(rendered)
        shown = ("text", "title", "desc", "tspan")
        return " ".join("".join(node.itertext()) for node in root.iter()
                        if node.tag.split("}")[-1] in shown)  # fmt: skip
    if kind == "html":
        return " ".join(_Text(rendered).parts)
    return rendered


@pytest.mark.parametrize("kind", sorted(RENDERS))
@pytest.mark.parametrize("locale", CATALOGUES)
def test_no_english_word_is_left(
    bundled: timeline.Timeline, rendered: Callable[[str, str], str], locale: str, kind: str
) -> None:
    shown = _shown(kind, rendered(locale, kind)).lower()
    words = set(_WORD.findall(shown))
    left = sorted(words & english_words(locale, bundled))
    assert not left, f"English in the {locale} {kind}: {left}"


def test_the_check_can_fail(bundled: timeline.Timeline) -> None:
    """The English render is full of the words the check looks for."""
    shown = _shown("html", timeline.render_html(bundled, chart=STUB)).lower()
    left = set(_WORD.findall(shown)) & english_words("fr", bundled)
    assert {"chronology", "certainty", "reliability", "lanes", "periods"} <= left


@pytest.mark.parametrize("locale", ["fr", "fr_FR", "fr-FR"])
def test_french_text_is_7_bit_in_ascii(locale: str) -> None:
    """Every byte of the hostile fixture's text in French, with `ascii`, is below 128."""
    hostile = timeline.load(GOLDEN / "hostile.toml")
    for width in (50, 80):
        data = timeline.render_text(hostile, width=width, ascii=True, locale=locale).encode()
        assert all(byte < 128 for byte in data)
    assert "Situation" in timeline.render_text(
        timeline.load(GOLDEN / "morocco.toml"), width=80, ascii=True, locale=locale
    )
