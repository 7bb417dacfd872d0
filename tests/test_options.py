"""Render options are typed: a wrong name or value is an OptionError naming it, and
the command line turns only that into exit status 2."""

from __future__ import annotations

import pathlib
import tomllib

import pytest
import tomli

import timeline
import timeline.render.text
from timeline.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUB = '<svg xmlns="http://www.w3.org/2000/svg"></svg>'


@pytest.fixture
def bundled() -> timeline.Timeline:
    return timeline.load(ROOT / "events.toml")


def test_a_misspelt_option_is_refused_with_a_hint(bundled: timeline.Timeline) -> None:
    # It used to be dropped without a word: the chart came out unfiltered.
    with pytest.raises(timeline.OptionError) as caught:
        timeline.render_text(bundled, date_form="2022")
    assert caught.value.option == "date_form"
    assert "did you mean 'date_from'?" in str(caught.value)
    with pytest.raises(timeline.OptionError, match="unknown option 'dpi'"):
        timeline.render_markdown(bundled, dpi=300)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("size", "huge", "size must be 'slide', 'a4', 'a4-landscape', 'letter'"),
        ("sources", "footer", "sources must be one of 'chart', 'below', 'none'; got 'footer'"),
        ("theme", "neon", "theme must be one of 'light', 'dark', 'print'; got 'neon'"),
        ("date_from", "2020-13", "date_from: invalid date '2020-13'"),
        ("date_to", "2020/2021", "date_to must be a single date, not an interval"),
        ("lanes", 3, "lanes must be a string or a list of strings, got 3"),
        ("locale", "xx", "locale must be one of"),
        ("min_certainty", "sure", "min_certainty must be a word of the scale"),
    ],
)
def test_bad_values_name_the_option(
    bundled: timeline.Timeline, option: str, value: object, message: str
) -> None:
    with pytest.raises(timeline.OptionError, match="^" + message.replace("(", r"\(")) as caught:
        timeline.render_html(bundled, chart=STUB, **{option: value})
    assert caught.value.option == option


def test_regional_locales_are_accepted(bundled: timeline.Timeline) -> None:
    french = timeline.render_text(bundled, width=80, locale="fr")
    for spelling in ("fr_FR", "fr-FR", "FR"):
        assert timeline.render_text(bundled, width=80, locale=spelling) == french


def test_cli_reports_an_option_error_by_its_flag(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["render", str(ROOT / "events.toml"), "-o", str(tmp_path), "--size", "huge"])
    assert status == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("timeline render: error: --size: must be 'slide'")
    assert list(tmp_path.iterdir()) == []


def test_cli_does_not_hide_a_renderer_bug_as_a_usage_error(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ValueError from inside a renderer is a bug: it used to become exit status 2."""

    def broken(*args: object) -> str:
        raise ValueError("a bug in the renderer")

    monkeypatch.setattr(timeline.render.text, "render", broken)
    with pytest.raises(ValueError, match="a bug in the renderer"):
        main(["render", str(ROOT / "events.toml"), "-o", str(tmp_path), "--format", "txt"])


def test_tomli_floor_gives_error_positions() -> None:
    """The loader reads TOMLDecodeError.lineno/colno, which tomli has had since 2.1."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        dependencies = tomllib.load(file)["project"]["dependencies"]
    assert "tomli>=2.1" in dependencies
    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomli.loads("a = 1\nb = \n")
    assert (caught.value.lineno, caught.value.colno) == (2, 5)


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        ({"lanes": ["Militery"]}, "lanes",
         "no lane is named 'Militery' (the lanes: 'Diplomacy', 'Air defence',"
         " 'Industry & procurement')"),
        ({"lanes": ["Diplomcy"]}, "lanes",
         "no lane is named 'Diplomcy'; did you mean 'Diplomacy'? (the lanes: 'Diplomacy',"
         " 'Air defence', 'Industry & procurement')"),
        ({"date_from": "2024", "date_to": "2020"}, "date_from",
         "the range ends before it starts ('2024' to '2020')"),
    ],
)  # fmt: skip
def test_a_filter_that_cannot_match_is_an_error(
    bundled: timeline.Timeline, options: dict[str, object], option: str, message: str
) -> None:
    with pytest.raises(timeline.OptionError) as caught:
        timeline.render_text(bundled, width=80, **options)
    assert (caught.value.option, caught.value.message) == (option, message)


def test_a_filter_that_selects_nothing_is_a_warning(bundled: timeline.Timeline) -> None:
    from timeline.render import OptionWarning, selection_warnings

    assert selection_warnings(bundled, tags=["barak"]) == [
        OptionWarning("tags", "no event is tagged 'barak'; did you mean 'barak-mx'?"),
        OptionWarning("selection", "no event matches the selection; nothing is drawn"),
    ]
    assert selection_warnings(bundled, date_to="2019") == [
        OptionWarning("selection", "no event matches the selection; nothing is drawn")
    ]
    assert selection_warnings(bundled, tags=["barak-mx"], date_from="2022") == []


def test_cli_prints_filter_warnings_and_errors_by_flag(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = str(ROOT / "events.toml")
    argv = ["render", bundled, "-o", str(tmp_path), "--format", "txt"]
    assert main([*argv, "--tag", "nope", "--lane", "Diplomacy"]) == 0
    assert capsys.readouterr().err == (
        "timeline render: warning: --tag: no event is tagged 'nope'\n"
        "timeline render: warning: the selection: no event matches the selection;"
        " nothing is drawn\n"
    )
    assert main([*argv, "--from", "2024", "--to", "2020"]) == 2
    assert capsys.readouterr().err == (
        "timeline render: error: --from: the range ends before it starts ('2024' to '2020')\n"
    )
