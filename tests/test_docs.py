"""Every public name and every command is documented (as sqlite-utils checks its CLI)."""

from __future__ import annotations

import argparse
import pathlib
import re
import types

import pytest

import timeline
import timeline.dates
import timeline.interop
import timeline.render
import timeline.rules
from timeline.cli import _parser

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
LIBRARY = (DOCS / "library.md").read_text(encoding="utf-8")


NAMESPACES = [timeline, timeline.dates, timeline.render, timeline.rules, timeline.interop]


@pytest.mark.parametrize("namespace", NAMESPACES, ids=lambda m: m.__name__)
def test_every_public_name_is_documented(namespace: types.ModuleType) -> None:
    missing = [name for name in namespace.__all__ if f"`{name}" not in LIBRARY]
    assert missing == []


def test_every_public_name_exists() -> None:
    for namespace in NAMESPACES:
        for name in namespace.__all__:
            assert hasattr(namespace, name), f"{namespace.__name__}.{name}"


def test_docs_name_no_private_module() -> None:
    """The user docs never send a reader to internals (architecture.md describes them)."""
    for page in DOCS.glob("*.md"):
        if page.name == "architecture.md":
            continue
        text = page.read_text(encoding="utf-8")
        assert re.search(r"timeline\._[a-z]", text) is None, page.name


def test_every_command_is_named_in_the_readme() -> None:
    parser = _parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    commands: dict[str, argparse.ArgumentParser] = actions[0].choices
    assert set(commands) >= {"check", "add", "render"}
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert [name for name in commands if f"`{name}`" not in readme] == []
