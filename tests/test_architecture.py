"""The architecture contract: dependencies point one way (import-linter, in pyproject.toml).

dates < model < storage < rules < render < cli, with errors/diagnostics and the
small helpers below them all; the only upward edges are the documented
conveniences Timeline.validate() and Timeline.save(). The second test shows the
contract can fail: the same check on a copy of the package with one upward
import added must break.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def lint_imports(root: pathlib.Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"],
        cwd=root, capture_output=True, text=True, env=environment, check=False,
    )  # fmt: skip


def test_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: pathlib.Path) -> None:
    shutil.copytree(ROOT / "timeline", tmp_path / "timeline")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    records = tmp_path / "timeline" / "model" / "records.py"
    records.write_text(records.read_text(encoding="utf-8") + "\nimport timeline.render\n")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "timeline.model.records -> timeline.render" in done.stdout
    assert "BROKEN" in done.stdout


HEAVY = ("matplotlib", "pendulum", "babel", "http")
# What reading and checking need not pay for at start-up (benchmarks/bench_startup.py):
# shutil and tempfile bring bz2, lzma and random; the writer brings fcntl and tomlkit.
COSTLY = ("shutil", "tempfile", "urllib.parse", "timeline.storage.save", "timeline.model.release")
# Runs a command of the CLI in a fresh interpreter and names what of both it loaded.
PROBE = (
    "import sys, io, contextlib\n"
    "from timeline.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(sys.argv[1:])\n"
    f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    f"print(sorted(set(sys.modules) & set({COSTLY!r})))\n"
)


@pytest.mark.parametrize(
    "argv", [["check"], ["render", "--format", "txt,md"]], ids=["check", "render-txt"]
)
def test_check_and_text_load_no_heavy_package(tmp_path: pathlib.Path, argv: list[str]) -> None:
    """Start-up: `check` and the text renderers on the bundled file import neither
    matplotlib, pendulum, Babel nor http.server (English needs none of them), nor
    what only writing the chronology or a release needs."""
    events = str(ROOT / "events.toml")
    arguments = [*argv, events] + (["-o", str(tmp_path)] if argv[0] == "render" else [])
    # -S: without site, whose .pth files (an editable install's, coverage's) may import
    # shutil themselves; the parent's path still finds timeline and its dependencies.
    path = os.pathsep.join([str(ROOT), *filter(None, sys.path)])
    done = subprocess.run(
        [sys.executable, "-S", "-c", PROBE, *arguments], capture_output=True, text=True,
        check=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": path},
    )  # fmt: skip
    heavy, costly = done.stdout.strip().splitlines()[-2:]
    assert (heavy, costly) == ("[]", "[]"), done.stderr
