"""pandas: a chronology as a DataFrame, one row per event, and back.

The rows are `to_records()` (the keys events.toml writes), with `lower` and
`upper`, the strict first and last days as dates where `datetime` can hold them,
for sorting and plotting. The rest of the chronology (settings, sources,
actors, periods) rides along in `DataFrame.attrs["timeline"]`, so that
`from_dataframe(tl.to_dataframe())` gives `tl` back. pandas is an optional
extra: `pip install 'timeline[pandas]'`.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from timeline.diagnostics import Diagnostic
from timeline.errors import TimelineError
from timeline.interop.document import document
from timeline.model.timeline import Timeline

__all__ = ["from_dataframe", "to_dataframe"]

_MISSING = "pandas is not installed; install it with: pip install 'timeline[pandas]'"


def _pandas() -> Any:
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]  # an optional extra
    except ImportError:
        raise ImportError(_MISSING) from None
    return pandas


def to_dataframe(timeline: Timeline) -> Any:
    """`timeline`'s events as a DataFrame (see the module)."""
    pandas = _pandas()
    from timeline.dates.edtf import EdtfDate

    rows = []
    for record, event in zip(timeline.to_records(), timeline.events, strict=True):
        span = event.span
        first = span if isinstance(span, EdtfDate) else span.start
        last = span if isinstance(span, EdtfDate) else span.end
        rows.append({
            **record,
            "lower": first.lower_date if isinstance(first, EdtfDate) else None,
            "upper": last.upper_date if isinstance(last, EdtfDate) else None,
        })  # fmt: skip
    frame = pandas.DataFrame(rows)
    rest = document(timeline)
    rest.pop("event")
    frame.attrs["timeline"] = rest
    return frame


def _present(value: Any) -> bool:
    """Whether a cell holds a value (pandas writes NaN or None for an absent key)."""
    if value is None:
        return False
    return not (isinstance(value, float) and math.isnan(value))


def from_dataframe(frame: Any, *, name: str = "<dataframe>") -> Timeline:
    """A Timeline from a DataFrame of events (as `to_dataframe` writes, or any with the
    same columns), checked as a file would be: a `TimelineError` with the diagnostics
    when it would not load, each at `NAME:ROW:COLUMN` (both counted from 1). Settings,
    sources, actors and periods come from `frame.attrs["timeline"]` when present."""
    _pandas()
    import tomlkit

    from timeline.storage.load import loads

    events = []
    for row in frame.to_dict(orient="records"):
        event = {k: _listed(v) for k, v in row.items() if k not in ("lower", "upper")}
        events.append({k: v for k, v in event.items() if _present(v)})
    data = dict(frame.attrs.get("timeline", {}))
    data["event"] = events
    text = tomlkit.dumps(data)
    try:
        return loads(text, name=name)
    except TimelineError as error:
        moved = [_at_row(d, text, list(frame.columns)) for d in error.diagnostics]
        raise TimelineError(moved) from None


def _at_row(diagnostic: Diagnostic, text: str, columns: list[str]) -> Diagnostic:
    """`diagnostic` of the intermediate TOML moved to the frame: LINE the row (1 for the
    first), COL the column of the key at fault (1 for the row as a whole)."""
    lines = text.split("\n")[: diagnostic.line]
    headers = [i for i, line in enumerate(lines) if line.strip() == "[[event]]"]
    if not headers:  # a setting, source or period of frame.attrs: no row to point at
        return attrs.evolve(diagnostic, line=1, column=1)
    key = lines[-1].split("=", 1)[0].strip() if "=" in lines[-1] else None
    column = columns.index(key) + 1 if key in columns else 1
    return attrs.evolve(diagnostic, line=len(headers), column=column)


def _listed(value: Any) -> Any:
    """pandas and numpy arrays in a cell as plain lists (tomlkit writes those)."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        return value.tolist()
    return value
