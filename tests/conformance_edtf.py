"""Check timeline.dates.edtf against the outside EDTF example table.

Usage: python tests/conformance_edtf.py /path/to/anchors

The table (edtf-examples.json) is public material nobody on this project wrote; it is
read from where it lies, never copied into the project. This is a script, not a test:
pytest does not collect it and the test suite does not import it. Exit status 1 when a
row fails, 0 otherwise (documented deviations are listed but do not fail).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from timeline.dates.edtf import EdtfDate, EdtfError, EdtfInterval, End, days_from_civil, parse

# Where the table disagrees with itself or with the specification, the specification wins
# (anchors README); these rows are reported, not failed.
DEVIATIONS = {
    "2010-24": "python-edtf reads winter 2010 as December 2010 only; the project's winter "
    "is December 2010 to the end of February 2011",
    "2019-24": "CONFLICT row: sources disagree on winter; the project's choice (Dec-Feb) "
    "is go-edtf's",
    "196X": "listed only as Level 2 by python-edtf ('masked precision'); it is the spec's "
    "Level 1 'unspecified digit from the right' like 201X, so it is accepted",
    "2011-23~": "listed only as Level 2 by edtf-validate, which accepts '1952-23~/1953' as "
    "Level 1; the spec's Level 1 qualifies any complete date, so it is accepted",
}

Row = dict[str, str]


def day_start(iso: str) -> int:
    """Instant of 00:00:00 on a YYYY-MM-DD day (the year may be signed or long)."""
    sign = -1 if iso.startswith("-") else 1
    year, month, day = iso.lstrip("-").split("-")
    return days_from_civil(sign * int(year), int(month), int(day)) * 86400


def check_side(row: Row, side: str, end: EdtfDate | End, skip_unknown: bool) -> list[str]:
    """Problems with one side ('lower' or 'upper') of a row's strict bounds."""
    want = row[side]
    if not want:
        return []
    if want in ("open", "-inf", "inf"):
        return [] if end is End.OPEN else [f"{side}: expected an OPEN end, got {end!r}"]
    if want == "unknown" or (skip_unknown and end is End.UNKNOWN):
        return [] if end is End.UNKNOWN else [f"{side}: expected an UNKNOWN end, got {end!r}"]
    if not isinstance(end, EdtfDate):
        return [f"{side}: expected the day {want}, got {end!r}"]
    if "T" in row["string"]:  # the source gives only the date part of a date-time
        if day_start(want) <= end.lower < day_start(want) + 86400:
            return []
        return [f"{side}: instant {end.lower} is not within {want}"]
    got = end.lower if side == "lower" else end.upper
    expected = day_start(want) + (0 if side == "lower" else 86400)
    return [] if got == expected else [f"{side}: expected {expected} ({want}), got {got}"]


def check_valid(row: Row) -> list[str]:
    """Problems with a row that must parse (and match its strict bounds)."""
    try:
        date = parse(row["string"])
    except EdtfError as error:
        return [f"rejected: {error.message} (offset {error.offset})"]
    start, end = (date.start, date.end) if isinstance(date, EdtfInterval) else (date, date)
    # python-edtf fills an unknown end with 10 years: check only the known side.
    skip_unknown = "implementation choice" in row["note"]
    return check_side(row, "lower", start, skip_unknown) + check_side(
        row, "upper", end, skip_unknown
    )


def rejected(text: str) -> str | None:
    """The error message when `text` is rejected, None when it parses."""
    try:
        parse(text)
    except EdtfError as error:
        return error.message
    return None


def main(anchors: Path) -> int:
    rows: list[Row] = json.loads((anchors / "edtf-examples.json").read_text(encoding="utf-8"))
    failures: list[str] = []
    deviations: list[str] = []

    def fail(row: Row, problem: str) -> None:
        failures.append(f"  {row['string']!r} [{row['source']}, level {row['level']!r}]: {problem}")

    level01 = [r for r in rows if r["valid"] == "yes" and r["level"] in ("0", "1")]
    passed = bounded = 0
    for row in level01:
        problems = check_valid(row)
        if row["string"] in DEVIATIONS or "CONFLICT" in row["note"]:
            outcome = "; ".join(problems) or "agrees with the table"
            reason = DEVIATIONS.get(row["string"], row["note"])
            deviations.append(f"  {row['string']!r} [{row['source']}]: {reason} ({outcome})")
            continue
        for problem in problems:
            fail(row, problem)
        passed += not problems
        bounded += bool(row["lower"] or row["upper"])
    counted = len(level01) - len(deviations)  # so far only level 0/1 rows deviate
    print(f"level 0/1 valid: {counted} rows, {passed} pass ({bounded} with strict bounds checked)")

    invalid = [r for r in rows if r["valid"] == "no"]
    for row in invalid:
        if rejected(row["string"]) is None:
            fail(row, "parsed, but the table says invalid")
    print(f"invalid: {len(invalid)} rows, {sum(rejected(r['string']) is not None for r in invalid)}"
          " rejected")  # fmt: skip

    level01_strings = {r["string"] for r in level01}
    level2 = sorted({r["string"] for r in rows if r["level"] == "2"} - level01_strings)
    level2_rejected = level2_message = 0
    for text in level2:
        message = rejected(text)
        if text in DEVIATIONS:
            deviations.append(f"  {text!r} [level 2 only]: {DEVIATIONS[text]} "
                              f"({'rejected' if message else 'parses'})")  # fmt: skip
        elif message is None:
            fail({"string": text, "source": "level-2 rows", "level": "2"}, "parsed (Level 2)")
        else:
            level2_rejected += 1
            level2_message += message.startswith("Level 2 EDTF is not supported")
    print(
        f"level 2 only: {len(level2) - len(DEVIATIONS.keys() & set(level2))} strings,"
        f" {level2_rejected} rejected ({level2_message} with the Level 2 message)"
    )

    unlevelled = [r for r in rows if r["valid"] == "yes" and not r["level"]]
    print(f"valid, no level given: {len(unlevelled)} rows (not pass/fail)")
    for row in unlevelled:
        message = rejected(row["string"])
        print(f"  {row['string']!r}: " + (f"rejected: {message}" if message else "parses"))

    print(f"documented deviations: {len(deviations)}")
    print("\n".join(deviations))
    print(f"failures: {len(failures)}")
    print("\n".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/conformance_edtf.py /path/to/anchors")
    sys.exit(main(Path(sys.argv[1])))
