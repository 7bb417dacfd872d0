"""Find where a key or value of a TOML document stands, for diagnostics.

tomli returns plain values without positions, and a second, position-keeping
parse (tomlkit) would cost several times tomli's own time. Positions are only
needed when there is something to report, so this module scans the text once,
lazily, line by line: table headers, `key =` lines and array elements.
It understands what can hide a header or a key (multi-line strings and arrays)
and falls back to the nearest enclosing known position otherwise.
"""

from __future__ import annotations

import re

__all__ = ["HEADER", "Locator", "Path", "array_item", "split_key"]

Path = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_KEY_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_KEY_LINE = re.compile(rf"([ \t]*)({_DOTTED})[ \t]*=[ \t]*")
_PART = re.compile(_KEY_PART)
_STRING = re.compile(rf'"""|\'\'\'|{_BASIC}|{_LITERAL}|#.*')
# One array element: a string, or a run of anything but separators.
_ELEMENT = re.compile(rf"{_BASIC}|{_LITERAL}|[^\s,\[\]{{}}#]+")
# A value that is not a string, inside an inline table or array.
_SCALAR = re.compile(r"[^\s,\[\]{}#]+")


def split_key(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(dotted):
        part = match.group()
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


class Locator:
    """Maps document paths such as ``("event", 3, "date")`` to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._keys: dict[Path, tuple[int, int]] | None = None
        self._values: dict[Path, tuple[int, int]] = {}
        self._lines: list[str] = []

    def key(self, path: Path) -> tuple[int, int]:
        """Where the key (or the header) of `path` stands, else its nearest parent."""
        keys = self._index()
        for depth in range(len(path), 0, -1):
            found = keys.get(path[:depth])
            if found is not None:
                return found
        return (1, 1)

    def value(self, path: Path) -> tuple[int, int]:
        """Where the value of `path` stands; array items are paths ending in an int."""
        self._index()
        for depth in range(len(path), 0, -1):
            found = self._values.get(path[:depth])
            if found is not None:
                if depth < len(path) and isinstance(path[depth], int):
                    return self._element(found, path[depth])  # type: ignore[arg-type]
                return found
        return self.key(path)

    def end(self) -> tuple[int, int]:
        """Where text appended to the document would begin."""
        self._index()
        return (len(self._lines) + 1, 1)

    def _element(self, start: tuple[int, int], index: int) -> tuple[int, int]:
        line, column = start
        state = [0, -1]
        while line <= len(self._lines):
            text = self._lines[line - 1]
            found = array_item(text, column - 1, len(text), index, state)
            if found is not None:
                return start if found < 0 else (line, found + 1)
            line += 1
            column = 1
        return start

    def knows(self, path: Path) -> bool:
        """Whether `path` is a key or table this document writes out."""
        return path in self._index()

    def _index(self) -> dict[Path, tuple[int, int]]:
        if self._keys is not None:
            return self._keys
        keys: dict[Path, tuple[int, int]] = {}
        counts: dict[Path, int] = {}  # arrays of tables: the index of their last table
        table: Path = ()
        self._lines = lines = self._text.split("\n")
        skip_until = 0  # lines swallowed by a multi-line string or array
        for number, text in enumerate(lines, start=1):
            if number < skip_until:
                continue
            header = HEADER.match(text)
            if header is not None:
                names = _within(split_key(header.group(2)), counts)
                if header.group(1) == "[[":
                    counts[names] = counts.get(names, -1) + 1
                    table = (*names, counts[names])
                else:
                    table = names
                position = (number, header.start(1) + 1)
                # [a.b] also locates the implicit [a], and [[a]] the array a itself.
                for depth in range(1, len(table)):
                    keys.setdefault(table[:depth], position)
                keys.setdefault(table, position)
                continue
            match = _KEY_LINE.match(text)
            if match is None:
                continue
            path = table + split_key(match.group(2))
            position = (number, match.end(1) + 1)
            for depth in range(len(table) + 1, len(path)):  # a.b = 1 also locates a
                keys.setdefault(path[:depth], position)
            keys.setdefault(path, position)
            self._values.setdefault(path, (number, match.end() + 1))
            skip_until = self._value_end(number, match.end())
            if _holds_tables(text[match.end() :], lines[number : skip_until - 1]):
                _Inline(keys, self._values, path).scan(self._lines, number, match.end())
        self._keys = keys
        return keys

    def _value_end(self, number: int, column: int) -> int:
        """The first line after a value that starts at (number, column)."""
        depth = 0
        delimiter: str | None = None
        line = number
        while line <= len(self._lines):
            text = self._lines[line - 1]
            depth, delimiter = _scan_value(text, column if line == number else 0, depth, delimiter)
            if delimiter is None and depth <= 0:
                return line + 1
            line += 1
        return line


def _within(names: tuple[str, ...], counts: dict[Path, int]) -> Path:
    """A header's path: `[[event.sources]]` is in the last `[[event]]`, ("event", 3, "sources")."""
    path: Path = ()
    for number, name in enumerate(names, start=1):
        path = (*path, name)
        if number < len(names) and path in counts:
            path = (*path, counts[path])
    return path


class _Inline:
    """Indexes the keys and values inside one inline table or array: `t = {a = 1}`
    locates t.a, `e = [{a = 1}]` e[0] and e[0].a. A multi-line string inside ends the
    scan (what follows it keeps the positions of the enclosing key)."""

    def __init__(self, keys: dict[Path, tuple[int, int]], values: dict[Path, tuple[int, int]],
                 path: Path) -> None:  # fmt: skip
        self.keys = keys
        self.values = values
        self.stack: list[tuple[Path, list[int]]] = []  # (path, [items seen]); tables: []
        self.pending: Path | None = path  # the path of the value that comes next

    def scan(self, lines: list[str], number: int, column: int) -> None:
        """Scan from (number, column), a 0-based column, to the end of the value."""
        for line in range(number, len(lines) + 1):
            text = lines[line - 1]
            position = column if line == number else 0
            while 0 <= position < len(text):
                position = self.step(text, position, line)
            if position < 0 or not self.stack:
                return

    def step(self, text: str, position: int, line: int) -> int:
        """Read what begins at text[position]: where to go on, or -1 when done."""
        char = text[position]
        if char in " \t,":
            return position + 1
        if char == "#":
            return len(text)
        if char in "}]":
            if self.stack:
                self.stack.pop()
            return position + 1 if self.stack else -1
        if self.pending is None and not self.stack[-1][1]:  # a key of a table
            found = _KEY_LINE.match(text, position)
            if found is None:
                return -1
            table = self.stack[-1][0]
            self.pending = (*table, *split_key(found.group(2)))
            for depth in range(len(table) + 1, len(self.pending) + 1):
                self.keys.setdefault(self.pending[:depth], (line, position + 1))
            self.values.setdefault(self.pending, (line, found.end() + 1))
            return found.end()
        if self.pending is None:  # the next item of an array
            seen = self.stack[-1][1]
            seen[0] += 1
            self.pending = (*self.stack[-1][0], seen[0])
            if char in "{[":  # scalar items are found by Locator._element
                self.keys.setdefault(self.pending, (line, position + 1))
                self.values.setdefault(self.pending, (line, position + 1))
        if char in "{[":
            self.stack.append((self.pending, [] if char == "{" else [-1]))
            self.pending = None
            return position + 1
        scalar = _STRING.match(text, position) or _SCALAR.match(text, position)
        if scalar is None or scalar.group() in ('"""', "'''"):
            return -1
        self.pending = None
        return scalar.end()


def _holds_tables(first: str, rest: list[str]) -> bool:
    """Whether a value (its first line and the lines it goes on over) is an inline
    table or an array that may hold some."""
    if first.startswith("{"):
        return True
    return first.startswith("[") and ("{" in first or any("{" in line for line in rest))


def _scan_value(
    text: str, position: int, depth: int, delimiter: str | None
) -> tuple[int, str | None]:
    """The bracket depth and the open multi-line string delimiter (or None) after reading
    text[position:], one line of a value, starting with `depth` and `delimiter`."""
    while position < len(text):
        if delimiter is not None:
            found = text.find(delimiter, position)
            if found < 0:
                break
            if delimiter == '"""' and _escaped(text, found):
                position = found + 1
                continue
            delimiter = None
            position = found + 3
            continue
        char = text[position]
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char in "\"'#":
            match = _STRING.match(text, position)
            if match is None or match.group()[0] == "#":
                break
            token = match.group()
            if token in ('"""', "'''"):
                delimiter = token
            position = match.end()
            continue
        position += 1
    return depth, delimiter


def array_item(text: str, position: int, end: int, index: int, state: list[int]) -> int | None:
    """Where item `index` of an array begins in text[position:end], one line of it.

    Returns the item's offset; -1 when the array closes before the item (or has
    fewer items); None when the line ends first: scan the next line with the same
    `state` ([bracket depth, items seen], starting at [0, -1]).
    """
    while position < end:
        char = text[position]
        if char in "[{":
            if char == "{" and state[0] == 1:  # an inline table is one item
                state[1] += 1
                if state[1] == index:
                    return position
            state[0] += 1
            position += 1
        elif char in "]}":
            state[0] -= 1
            position += 1
            if state[0] <= 0:
                return -1
        elif char in ", \t":
            position += 1
        elif char == "#":
            return None
        else:
            element = _ELEMENT.match(text, position, end)
            if element is None:
                position += 1
                continue
            if state[0] == 1:
                state[1] += 1
                if state[1] == index:
                    return position
            position = element.end()
    return None


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index > 0 and text[index - 1] == "\\":
        backslashes += 1
        index -= 1
    return backslashes % 2 == 1
