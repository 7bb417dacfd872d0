"""Writing a chronology back to events.toml without losing anything.

`save(timeline)` writes exactly the chronology `timeline` holds. A loaded file is
never re-serialised: the value is compared with what the loaded bytes hold
(`timeline.storage.edits`) and only the tables that differ are rewritten, in
place (`timeline.storage.splice`), so comments, key order and the text of every
untouched table survive byte for byte. A timeline built in code (no file
behind it) is written whole in the canonical form of docs/format.md.

Before writing, `save` takes the file's lock, re-reads the file, validates the
result and reads back what it is about to write; it refuses (a `TimelineError`,
nothing written) rather than write a chronology with errors, lose another
writer's change, or drop a change it cannot make in place.
"""

from __future__ import annotations

import errno
import os

from timeline.diagnostics import Diagnostic, Severity, severity_of
from timeline.errors import TimelineError
from timeline.model import Origin, Timeline
from timeline.storage.atomic import atomic_write, remove_stale
from timeline.storage.lock import locked

# `timeline.storage.edits` and `.splice` are imported where they are used: every
# reader imports this package, and only writers need them.

__all__ = ["canonical_text", "save"]


def save(timeline: Timeline, path: str | os.PathLike[str] | None = None) -> None:
    """Write `timeline` to `path` (default: the file it was loaded from), atomically.

    Exactly the chronology `timeline` holds is written, and nothing else: untouched
    tables keep their bytes; changed, removed and new tables are edited in place
    (see `timeline.storage.splice`). It refuses, writing nothing, with a
    `TimelineError`, when the result has errors, when another writer changed a table
    this value changed too (E030), when a change cannot be written in place, or when
    it may not write (E030: the lock, the folder, a file it may not write or that has
    no write permission at all). It holds the file's lock (`timeline.locked`) from
    reading to renaming, and then first removes the stale temporary files of killed
    writers (`atomic.remove_stale`); edits of other writers since `timeline` was
    loaded are kept.
    """
    origin = timeline.origin
    if path is None:
        if origin is None or origin.path is None:
            raise TypeError("save() needs a path for a timeline that was not loaded from a file")
        path = origin.path
    target = os.path.realpath(os.fspath(path))  # through a symlink, the link stays
    name = os.fspath(path)
    with locked(name):  # the lock of the real path; a TimelineError if it cannot be had
        remove_stale(target)  # what killed writers left
        if origin is None:
            _refuse_errors(timeline, name)
            _write(target, canonical_text(timeline).encode("utf-8"), name)
            return
        _save_loaded(timeline, origin, target, name)


def _check_writable(target: str, name: str) -> None:
    """Refuse to replace a file its user may not write, although its folder would let
    the rename through. A file without any write permission (0444) is refused even for
    root, whom the permission bits do not stop: someone made it read-only."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return  # a new file: the folder decides
    except OSError as error:
        raise _refuse(name, f"cannot read '{name}': {error.strerror}") from None
    if not mode & 0o222:
        raise _refuse(
            name, f"'{name}' is read-only (mode {mode & 0o777:04o}); make it writable to change it"
        )
    try:  # opening for writing changes nothing, and asks exactly what writing would
        os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as error:
        raise _refuse(name, f"cannot write '{name}': {error.strerror}") from None


def _write(target: str, data: bytes, name: str) -> None:
    _check_writable(target, name)
    try:
        atomic_write(target, data)
    except OSError as error:
        why = error.strerror or str(error)
        if error.errno in (errno.EACCES, errno.EPERM):
            why += " (saving writes a new file in its folder, then renames it)"
        raise _refuse(name, f"cannot write '{name}': {why}") from None


def _same_file(origin: Origin, target: str) -> bool:
    return origin.path is not None and os.path.realpath(origin.path) == target


def _save_loaded(timeline: Timeline, origin: Origin, target: str, name: str) -> None:
    from timeline.storage.edits import apply, changes, conflicts
    from timeline.storage.load import loads
    from timeline.storage.splice import Unwritable, splice

    loaded = loads(origin.text, name=origin.name)
    edits = changes(loaded, timeline)
    # Saved elsewhere (a copy): the loaded text is the base, whatever the target holds.
    current_raw = _read_current(target, name) if _same_file(origin, target) else origin.raw
    base = loaded
    if current_raw != origin.raw:
        base = loads(current_raw.decode("utf-8-sig"), name=origin.name)
        clashes = conflicts(loaded, base, edits)
        if clashes:
            listed = ", ".join(c.table for c in clashes)
            raise _refuse(
                name,
                f"another writer changed {listed} since it was loaded;"
                " load it again and redo the change",
            )
    if edits.empty and current_raw == origin.raw and _same_file(origin, target):
        return
    result = apply(edits, base)
    _refuse_errors(result, name)
    text = base.origin.text if base.origin is not None else origin.text
    newline = "\r\n" if b"\r\n" in current_raw else "\n"
    try:
        spliced = splice(text, base, edits, newline)
    except Unwritable as error:
        raise _refuse(name, f"{error}; edit the file by hand") from None
    _check_written(spliced, result, name)
    bom = b"\xef\xbb\xbf" if current_raw.startswith(b"\xef\xbb\xbf") else b""
    _write(target, bom + spliced.encode("utf-8"), name)


def _read_current(target: str, name: str) -> bytes:
    try:
        with open(target, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise _refuse(name, "the file was deleted since it was loaded") from None
    except OSError as error:
        raise _refuse(name, f"cannot read '{name}': {error.strerror}") from None


def _refuse_errors(timeline: Timeline, name: str) -> None:
    """Refuse to write a chronology `check` would reject: say which errors it has."""
    errors = [d for d in timeline.validate() if d.severity is Severity.ERROR]
    if errors:
        raise TimelineError(
            [_diagnostic(name, f"the result would have {len(errors)} error(s)"), *errors]
        )


def _check_written(text: str, expected: Timeline, name: str) -> None:
    """Read back what is about to be written: it must hold exactly `expected`."""
    from timeline.storage.edits import settings_of
    from timeline.storage.load import loads

    try:
        written = loads(text, name=name)
    except TimelineError as error:
        raise _refuse(name, "the edited file would not load; edit it by hand") from error
    same = (
        {e.id: e for e in written.events} == {e.id: e for e in expected.events}
        and len(written.events) == len(expected.events)
        and dict(written.sources) == dict(expected.sources)
        and dict(written.actors) == dict(expected.actors)
        and written.periods == expected.periods
        and settings_of(written) == settings_of(expected)
    )
    if not same:
        raise _refuse(name, "the file cannot hold this change as written; edit it by hand")


def _diagnostic(name: str, message: str) -> Diagnostic:
    return Diagnostic(name, 1, 1, severity_of("E030"), "E030", f"not saved: {message}")


def _refuse(name: str, message: str) -> TimelineError:
    return TimelineError([_diagnostic(name, message)])


def canonical_text(timeline: Timeline) -> str:
    """The whole chronology in the canonical form of docs/format.md."""
    import tomlkit

    from timeline.storage.splice import (
        actor_items,
        event_items,
        period_items,
        settings_items,
        source_items,
        table,
    )

    document = tomlkit.document()
    settings = tomlkit.table()
    for key, written in settings_items(timeline).items():
        settings.add(key, written)
    document.add("timeline", settings)
    if timeline.sources:
        sources = tomlkit.table(is_super_table=True)
        for key, source in timeline.sources.items():
            sources.add(key, table(source_items(source)))
        document.add("sources", sources)
    if timeline.actors:
        actors = tomlkit.table(is_super_table=True)
        for key, actor in timeline.actors.items():
            actors.add(key, table(actor_items(actor)))
        document.add("actors", actors)
    parts = [tomlkit.dumps(document)]
    parts += [tomlkit.dumps({"period": [table(period_items(p))]}) for p in timeline.periods]
    parts += [tomlkit.dumps({"event": [table(event_items(e))]}) for e in timeline.events]
    return "\n".join(parts)
