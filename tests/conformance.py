"""Run the project against outside test material (not part of the test suite).

    python tests/conformance.py PATH/TO/anchors

- toml-test-invalid/: every file must give positioned diagnostics through
  `timeline check` and exit status 1, never a traceback;
- edtf-examples: delegated to tests/conformance_edtf.py.
Prints counts per part; exits 1 if anything fails.
"""

from __future__ import annotations

import contextlib
import io
import pathlib
import re
import subprocess
import sys
import traceback

from timeline.cli import main as cli

DIAGNOSTIC = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (error|warning|note)\[([A-Z]\d{3})\]: .+$"
)


def toml_invalid(root: pathlib.Path) -> bool:
    files = sorted(root.rglob("*.toml"))
    failures: list[str] = []
    codes: dict[str, int] = {}
    for path in files:
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                status = cli(["check", str(path)])
        except BaseException:
            failures.append(f"{path}: exception escaped\n{traceback.format_exc()}")
            continue
        lines = out.getvalue().splitlines()
        diagnostics = [m for m in map(DIAGNOSTIC.match, lines) if m]
        if diagnostics:
            code = diagnostics[0].group(5)
            codes[code] = codes.get(code, 0) + 1
        line_count = max(1, path.read_bytes().count(b"\n") + 1)
        if status != 1:
            failures.append(f"{path}: exit status {status}, expected 1")
        elif not diagnostics or not all(int(m["line"]) <= line_count for m in diagnostics):
            failures.append(f"{path}: no diagnostic positioned inside the file: {lines}")
    print(
        f"toml-test invalid: {len(files)} files, {len(files) - len(failures)} rejected with a"
        f" positioned diagnostic and exit 1, {len(failures)} failures"
    )
    # E001 is a TOML syntax error, E003 bad UTF-8; anything else means tomli accepted the
    # file (tomli 2.5 reads TOML 1.1, which allows a few things 1.0 forbids) and the
    # chronology schema rejected it.
    print("  first diagnostic codes:", ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())))
    for failure in failures:
        print("  FAIL", failure)
    return not failures and bool(files)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    anchors = pathlib.Path(argv[0])
    ok = toml_invalid(anchors / "toml-test-invalid")
    edtf = subprocess.run(
        [
            sys.executable,
            str(pathlib.Path(__file__).with_name("conformance_edtf.py")),
            str(anchors),
        ],
        check=False,
    )
    ok &= edtf.returncode == 0
    print("conformance:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
