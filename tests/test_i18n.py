"""Localisation: the message catalogues, CLDR dates, and English without Babel.

The catalogues (timeline/locale/LANG/LC_MESSAGES/timeline.po) must translate
every message the code marks (``gettext``, ``ngettext``, ``pgettext``, ``N_``)
and hold no message the code no longer uses. To add a message: mark it in the
code, then add it, translated, to every catalogue; this test names what is missing.
"""

from __future__ import annotations

import ast
import functools
import pathlib
import shutil
import string
import subprocess
import sys
import zipfile

import pytest
from babel.messages.pofile import read_po

import timeline
from timeline._i18n import CATALOGUES, LOCALES, canonical, translation
from timeline.dates.format import date_label, duration_label, year_label

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "timeline"
# The gettext functions and markers, with how many message strings follow the context.
MARKERS = {
    "gettext": 1, "ngettext": 2, "pgettext": 1, "npgettext": 2, "N_": 1, "nN_": 2, "pN_": 1,
}  # fmt: skip

Message = tuple[str | None, str, str | None]  # context, id, plural id


@functools.cache
def _marked() -> dict[Message, str]:
    """Every message the package's code marks, with where it is marked first."""
    found: dict[Message, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in MARKERS:
                continue
            contexts = 1 if name.startswith(("p", "np")) else 0
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            texts = args[: contexts + MARKERS[name]]
            if not all(isinstance(text, str) for text in texts):
                continue  # a message marked where it is defined (N_, nN_, pN_)
            context = str(texts[0]) if contexts else None
            strings = [str(text) for text in texts[contexts:]]
            plural = strings[1] if len(strings) > 1 else None
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            found.setdefault((context, strings[0], plural), where)
    return found


@functools.cache
def _catalogue(language: str) -> dict[Message, str | tuple[str, ...]]:
    path = PACKAGE / "locale" / language / "LC_MESSAGES" / "timeline.po"
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language)
    entries: dict[Message, str | tuple[str, ...]] = {}
    for message in catalogue:
        if not message.id:
            continue
        string = message.string or ""
        if isinstance(message.id, tuple | list):
            key: Message = (message.context, message.id[0], message.id[1])
            entries[key] = tuple(string)
        else:
            key = (message.context, message.id, None)
            entries[key] = str(string)
        assert not message.fuzzy, f"{language}: a fuzzy translation of {key}"
    return entries


def test_the_code_marks_messages() -> None:
    marked = _marked()
    assert len(marked) > 50
    assert (None, "Sources", None) in marked
    assert ("season", "spring", None) in marked


@pytest.mark.parametrize("language", CATALOGUES)
def test_catalogue_covers_every_message(language: str) -> None:
    marked = _marked()
    entries = _catalogue(language)
    missing = [f"{where}: {key}" for key, where in marked.items() if key not in entries]
    assert not missing, f"{language}.po lacks:\n" + "\n".join(missing)
    unused = [key for key in entries if key not in marked]
    assert not unused, f"{language}.po holds messages the code no longer marks: {unused}"
    untranslated = [key for key, text in entries.items() if not text or not all(text)]
    assert not untranslated, f"{language}.po leaves these untranslated: {untranslated}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_the_placeholders(language: str) -> None:
    """A translation has the {fields} of its message (a plural form may leave {n} out)."""
    for (_, msgid, plural), text in _catalogue(language).items():
        wanted = set(_fields(msgid)) | set(_fields(plural or ""))
        for form in (text,) if isinstance(text, str) else text:
            found = set(_fields(form))
            assert found == wanted or (plural and found <= wanted), (language, msgid, form)


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("locale", "day", "month", "bce"),
    [
        ("en", "14 Jun 2013", "Dec 2020", "15 Mar 44 BCE"),
        ("de", "14. Juni 2013", "Dez. 2020", "15. März 44 v. Chr."),
        ("fr", "14 juin 2013", "déc. 2020", "15 mars 44 av. J.-C."),
        ("en_us", "Jun 14, 2013", "Dec 2020", "Mar 15, 44 BCE"),
        ("ja", "2013年6月14日", "2020年12月", "紀元前44年3月15日"),
        ("pt_br", "14 de jun. de 2013", "dez. de 2020", "15 de mar. de 44 a.C."),
    ],
)
def test_dates_follow_cldr(locale: str, day: str, month: str, bce: str) -> None:
    assert date_label(timeline.parse_date("2013-06-14"), locale) == day
    assert date_label(timeline.parse_date("2020-12"), locale) == month
    assert date_label(timeline.parse_date("-0043-03-15"), locale) == bce


def test_seasons_decades_and_durations_are_translated() -> None:
    assert date_label(timeline.parse_date("2001-21"), "de") == "Frühling 2001"
    assert date_label(timeline.parse_date("2001-23"), "fr") == "automne 2001"
    assert date_label(timeline.parse_date("202X"), "fr") == "années 2020"
    assert date_label(timeline.parse_date("202X"), "en") == "2020s"
    assert duration_label(20 * 31_556_952, "de") == "20 Jahre"
    assert duration_label(20 * 31_556_952, "fr") == "20 ans"
    assert year_label(170_000_002, "fr") == "170000002"  # no digit grouping


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_offered_locale_words_every_kind_of_date(locale: str) -> None:
    """Every precision, BCE, years past 9999 (CLDR has no year limit here), seasons,
    decades, moments, intervals, durations: a label in the locale's words, never an error."""
    texts = ["2013-06-14", "2020-12", "2020", "-0043-03-15", "-0044", "2001-21", "202X",
             "19XX", "Y170000002", "9999-12-31", "2021-11-24T10:00:00+01:00", "2023/..",
             "../1985", "2020~", "2004-06-11%"]  # fmt: skip
    for text in texts:
        label = date_label(timeline.parse_date(text), locale)
        assert label.strip(), (locale, text)
        assert "None" not in label
    assert "170000002" in date_label(timeline.parse_date("Y170000002"), locale)
    assert duration_label(5 * 86400, locale)
    tl = timeline.load(ROOT / "events.toml")
    assert timeline.render_text(tl, width=80, locale=locale)
    assert timeline.render_markdown(tl, locale=locale)


@pytest.mark.parametrize("spelling", ["fr", "fr_FR", "fr-FR", "FR", "fr-fr"])
def test_regional_spellings(spelling: str) -> None:
    assert canonical(spelling) == "fr"
    assert canonical(spelling.replace("fr", "de").replace("FR", "DE")) == "de"
    assert canonical("pt-BR") == "pt_br"
    assert canonical("xx") is None


def test_english_has_no_catalogue() -> None:
    assert translation("en").gettext("Sources") == "Sources"
    assert translation("ja").gettext("Sources") == "Sources"  # no Japanese catalogue
    assert translation("de").gettext("Sources") == "Quellen"


def test_english_wording_imports_neither_babel_nor_pendulum() -> None:
    """Wording dates and durations in English imports nothing: with pendulum and Babel
    made unimportable (after the package itself is loaded), it still works."""
    code = (
        "import sys, timeline\n"
        "from timeline.dates.edtf import parse\n"
        "from timeline.dates.format import date_label, duration_label, gap_words, instant_label\n"
        "for name in [m for m in sys.modules if m.split('.')[0] in ('pendulum', 'babel')]:\n"
        "    del sys.modules[name]\n"
        "sys.modules['pendulum'] = sys.modules['babel'] = None  # import fails\n"
        "assert date_label(parse('2013-06-14')) == '14 Jun 2013'\n"
        "assert date_label(parse('2001-21')) == 'spring 2001'\n"
        "assert date_label(parse('-0043-03-15')) == '15 Mar 44 BCE'\n"
        "assert duration_label(10**9) == '32 years' and gap_words(0, 10**8)\n"
        "assert instant_label(10**9, timeline.Precision.DAY) == '9 Sep 2001'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_english_check_and_text_import_neither_babel_nor_pendulum() -> None:
    """Checking and English text, Markdown and the page's words need no catalogue:
    not Babel, not pendulum, not even the gettext module."""
    code = (
        "import sys, timeline\n"
        f"chronology = timeline.load({str(ROOT / 'events.toml')!r})\n"
        "chronology.validate()\n"
        "assert timeline.render_text(chronology, width=80)\n"
        "assert timeline.render_markdown(chronology)\n"
        "for name in ('babel', 'pendulum', 'gettext'):\n"
        "    assert name not in sys.modules, f'{name} was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- [timeline] locale

FRENCH_FILE = """\
[timeline]
title = "Pourparlers"
locale = "fr-FR"

[sources.a]
title = "Dépêche"

[[event]]
id = "one"
title = "Ouverture"
date = "2013-06-14"
certainty = "confirmed"
sources = ["a"]
"""


def test_a_chronology_declares_its_locale() -> None:
    tl = timeline.loads(FRENCH_FILE)
    assert tl.locale == "fr-FR"
    text = timeline.render_text(tl, width=60)
    assert "14 juin 2013" in text
    assert "[confirmé]" in text
    assert text == timeline.render_text(tl, width=60, locale=None)  # None: the file's
    german = timeline.render_text(tl, width=60, locale="de")  # the option wins
    assert "14. Juni 2013" in german
    assert "[bestätigt]" in german
    assert "Chronologie" in timeline.render_html(tl, chart="<svg></svg>")
    assert '<html lang="fr">' in timeline.render_html(tl, chart="<svg></svg>")


def test_a_bad_locale_is_refused_where_it_is_written() -> None:
    with pytest.raises(timeline.TimelineError) as caught:
        timeline.loads(FRENCH_FILE.replace('"fr-FR"', '"klingon"'), name="t.toml")
    (found,) = caught.value.diagnostics
    assert (found.code, found.line) == ("E018", 3)
    assert "'locale' must be one of" in found.message
    with pytest.raises(timeline.FieldError, match="locale"):
        timeline.Timeline("T", locale="xx")


def test_the_locale_setting_is_saved(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text(FRENCH_FILE.replace('locale = "fr-FR"\n', ""), encoding="utf-8")
    tl = timeline.load(path)
    assert tl.locale is None
    tl.with_settings(locale="de").save()
    assert 'locale = "de"' in path.read_text(encoding="utf-8")
    assert timeline.load(path).locale == "de"
    timeline.load(path).with_settings(locale=None).save()
    assert "locale" not in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the installed package


@pytest.mark.slow  # builds and installs a wheel: CI's heavy step
def test_an_installed_wheel_loads_its_catalogues(tmp_path: pathlib.Path) -> None:
    """Built as a wheel and installed (not editable), away from the source tree, the
    package still finds its catalogues."""
    # From a copy of the sources (the build writes next to them), by the build backend
    # installed here (setuptools 77+, see pyproject.toml), as pip would call it: no
    # package index is asked.
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    shutil.copytree(PACKAGE, tree / "timeline", ignore=shutil.ignore_patterns("__pycache__"))
    build = f"from setuptools import build_meta; build_meta.build_wheel({str(tmp_path / 'dist')!r})"
    built = subprocess.run(
        [sys.executable, "-c", build], capture_output=True, text=True, check=False, cwd=tree
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("timeline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for language in CATALOGUES:
        assert f"timeline/locale/{language}/LC_MESSAGES/timeline.po" in names
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:  # installing a pure wheel is unpacking it
        archive.extractall(site)
    code = (
        "import sys, timeline\n"
        f"assert timeline.__file__.startswith({str(site)!r}), timeline.__file__\n"
        "tl = timeline.Timeline('T', [timeline.Event('a', 'A', 'confirmed', ['s'],"
        " date='2013-06-14')], {'s': timeline.Source('s', 'S')})\n"
        "text = timeline.render_text(tl, width=60, locale='de')\n"
        "assert 'Quellen' in text and '14. Juni 2013' in text, text\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("locale", "shown"), [("en", "1,950"), ("fr", "1\u202f950"), ("de", "1.950"), ("fr", "12")]
)
def test_counts_are_grouped_as_the_locale_groups_them(locale: str, shown: str) -> None:
    from timeline.dates.format import grouped

    assert grouped(1950 if shown != "12" else 12, locale) == shown
