"""Text widths for the layout, from DejaVu Sans glyph advances (no matplotlib).

The chart's font stack starts with DejaVu Sans, the font matplotlib ships
(mpl-data/fonts/ttf). Its advances are read here from the font file's own
tables (``cmap`` and ``hmtx``) with `struct`: the numbers FreeType reports as
the unhinted advance, the same on every machine whatever fonts it has, and
wider than Arial/Helvetica, so a browser's substitute font never makes labels
collide. The file is found without importing matplotlib. A character the font
lacks counts one em (CJK and emoji are about that wide); kerning is ignored,
which errs on the wide side.

`Metrics` is a value, the same for every output format: the PNG is drawn on
these advances too (unhinted, see `timeline.render.chart.context`). The
advance tables are read once and never change.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import struct
from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = ["FONT_FILES", "Metrics", "advances", "font_path"]

FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
MISSING = 1.0  # ems: the advance of a character the font lacks


def font_path(bold: bool) -> str:
    """The DejaVu Sans (or DejaVu Sans Bold) file matplotlib ships."""
    spec = importlib.util.find_spec("matplotlib")  # finds the package, does not import it
    if spec is None or spec.origin is None:
        raise RuntimeError("matplotlib is not installed: its DejaVu Sans font is needed")
    data = os.path.join(os.path.dirname(spec.origin), "mpl-data")
    return os.path.join(data, "fonts", "ttf", FONT_FILES[bold])


@functools.cache
def advances(bold: bool) -> Mapping[str, float]:
    """Every character the font maps, with its advance in ems (read-only)."""
    with open(font_path(bold), "rb") as file:
        data = file.read()
    return MappingProxyType(_advances(data))


def _tables(data: bytes) -> dict[bytes, int]:
    (count,) = struct.unpack_from(">H", data, 4)
    found = {}
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        found[tag] = offset
    return found


def _advances(data: bytes) -> dict[str, float]:
    tables = _tables(data)
    units: int
    (units,) = struct.unpack_from(">H", data, tables[b"head"] + 18)
    (metrics,) = struct.unpack_from(">H", data, tables[b"hhea"] + 34)
    hmtx = tables[b"hmtx"]

    def advance(glyph: int) -> float:
        width: int
        (width,) = struct.unpack_from(">H", data, hmtx + 4 * min(glyph, metrics - 1))
        return width / units

    return {chr(code): advance(glyph) for code, glyph in _cmap(data, tables[b"cmap"]).items()}


def _cmap(data: bytes, cmap: int) -> dict[int, int]:
    """Code point -> glyph index, from the Unicode subtable FreeType would choose:
    the full repertoire (3, 10, format 12), else the BMP one (3, 1, format 4)."""
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[platform, encoding] = cmap + offset
    if (3, 10) in subtables and struct.unpack_from(">H", data, subtables[3, 10])[0] == 12:
        return _format12(data, subtables[3, 10])
    return _format4(data, subtables[3, 1])


def _format12(data: bytes, at: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    found = {}
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        for code in range(first, last + 1):
            if glyph + code - first:
                found[code] = glyph + code - first
    return found


def _format4(data: bytes, at: int) -> dict[int, int]:
    (double,) = struct.unpack_from(">H", data, at + 6)
    count = double // 2
    ends = struct.unpack_from(f">{count}H", data, at + 14)
    starts = struct.unpack_from(f">{count}H", data, at + 16 + double)
    deltas = struct.unpack_from(f">{count}h", data, at + 16 + 2 * double)
    ranges = at + 16 + 3 * double
    offsets = struct.unpack_from(f">{count}H", data, ranges)
    found = {}
    for i in range(count):
        for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
            if offsets[i]:
                where = ranges + 2 * i + offsets[i] + 2 * (code - starts[i])
                (glyph,) = struct.unpack_from(">H", data, where)
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            else:
                glyph = (code + deltas[i]) & 0xFFFF
            if glyph:
                found[code] = glyph
    return found


@attrs.frozen(slots=True)
class Metrics:
    """Widths in points of text in the chart's font."""

    def width(self, text: str, size: float, bold: bool = False) -> float:
        table = advances(bold)
        total = 0.0
        for char in text:
            total += table.get(char, MISSING)
        return total * size

    def wrap(
        self, text: str, size: float, width: float, *, bold: bool = False, max_lines: int = 0
    ) -> list[str]:
        """Greedy word wrap to `width` points; words too long are split; '…' past max_lines."""

        def measure(text: str) -> float:
            return self.width(text, size, bold)

        space = measure(" ")
        lines: list[str] = []
        line, used = "", 0.0
        for word in text.split():
            w = measure(word)
            if line and used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                lines.append(line)
            if w <= width:
                line, used = word, w
                continue
            line, used = "", 0.0
            for char in word:
                c = measure(char)
                if line and used + c > width:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = line + char, used + c
        if line or not lines:
            lines.append(line)
        if max_lines and len(lines) > max_lines:
            last = lines[max_lines - 1]
            while last and measure(last + "…") > width:
                last = last[:-1]
            lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
        return lines
