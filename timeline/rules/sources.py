"""The rules about sources (W107, W108, N109, E110), as_of (W111) and duplicates (W112).

What citations say (claimed dates, archives) is timeline.rules.evidence."""

from __future__ import annotations

from timeline.dates.format import show
from timeline.model.citations import Citation
from timeline.rules.context import INF, RuleContext

__all__ = ["check_as_of", "check_duplicates", "check_sources"]


def _originals(c: RuleContext) -> tuple[dict[str, str], list[list[str]]]:
    """Each source's original (the end of its via chain) and the via cycles.

    A chain that ends at an unknown key (E025) ends at the last known source; a
    chain caught in a cycle ends at the cycle's smallest key, so that all its
    members count as one original.
    """
    sources = c.timeline.sources
    original: dict[str, str] = {}
    cycles: list[list[str]] = []
    for key in sources:
        chain: list[str] = []
        seen: dict[str, int] = {}
        step: str | None = key
        while step is not None and step in sources and step not in original and step not in seen:
            seen[step] = len(chain)
            chain.append(step)
            step = sources[step].via
        if step is None or step not in sources:
            root = chain[-1] if chain else key
        elif step in original:
            root = original[step]
        else:
            cycle = chain[seen[step] :]
            first = cycle.index(min(cycle))
            cycles.append(cycle[first:] + cycle[:first])
            root = cycle[first]
        for member in chain:
            original[member] = root
    return original, cycles


def check_sources(c: RuleContext) -> None:
    sources = c.timeline.sources
    original, cycles = _originals(c)
    _corroboration(c, original)
    _published(c)
    cited: set[str] = set()
    for event in c.events:
        cited.update(event.source_keys)
    used: set[str] = set()
    for key in cited:  # a source reached through `via` is used too
        step: str | None = key
        while step is not None and step in sources and step not in used:
            used.add(step)
            step = sources[step].via
    for key in sources:
        if key not in used:
            c.report(
                ("sources", key), "N109", f"source '{key}' is not cited by any event", value=False
            )
    # The events whose sources lead into a cycle: their originals are its smallest key.
    roots: dict[str | None, list[str]] = {cycle[0]: [] for cycle in cycles}
    for event in c.events if roots else ():
        for root in dict.fromkeys(original.get(key) for key in event.source_keys):
            if root in roots:
                roots[root].append(event.id)
    for cycle in cycles:
        involved = roots[cycle[0]]
        c.report(
            ("sources", cycle[0], "via"), "E110",
            "via chain forms a cycle: " + " → ".join([*cycle, cycle[0]]), *involved,
        )  # fmt: skip


def _corroboration(c: RuleContext, original: dict[str, str]) -> None:
    strongest = c.strongest
    for i, event in enumerate(c.events):
        if event.certainty != strongest:
            continue
        roots = {original.get(key, key) for key in event.source_keys}
        if len(roots) != 1:
            weak = _weak(c, event.sources)
            if weak is not None:
                c.report(
                    ("event", i, "certainty"), "W108",
                    f"'{event.id}' is {strongest}, but its {weak}", event.id,
                )  # fmt: skip
            continue
        (root,) = roots
        cited = list(dict.fromkeys(event.source_keys))
        if cited == [root]:
            why = f"its only source is '{root}'"
        elif len(cited) == 1:
            why = f"its only source, '{cited[0]}', goes back to '{root}' through via"
        else:
            listed = ", ".join(f"'{key}'" for key in cited)
            why = f"its sources ({listed}) all go back to '{root}' through via"
        c.report(
            ("event", i, "certainty"), "W108",
            f"'{event.id}' is {strongest} but uncorroborated: {why}", event.id,
        )  # fmt: skip


_WEAK_GRADES = frozenset("DEF")


def _listed(items: list[str]) -> str:
    """'E', 'E and F', 'D, E and F'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _weak(c: RuleContext, cited: tuple[Citation, ...]) -> str | None:
    """Why corroborating citations are weak, or None: every citation has credibility
    4-6, or every source cited is graded D-F."""
    credibility = [citation.credibility for citation in cited]
    if all(value is not None and value >= 4 for value in credibility):
        return f"citations have credibility {_listed([str(v) for v in credibility])}"
    sources = c.timeline.sources
    grades = [
        sources[key].reliability if key in sources else None
        for key in dict.fromkeys(citation.source for citation in cited)
    ]
    if all(grade in _WEAK_GRADES for grade in grades):
        return f"sources are graded {_listed([str(g) for g in grades])}"
    return None


def _published(c: RuleContext) -> None:
    """W107: every source of the event has a published date, all before its earliest start."""
    bound: dict[str, float] = {}
    for key, source in c.timeline.sources.items():
        published = source.published
        if published is not None:
            upper = published.upper
            bound[key] = INF if upper is None else upper
    if not bound:
        return
    start_lo = c.start_lo
    for i, event in enumerate(c.events):
        begins = start_lo[i]
        for citation in event.sources:
            published_by = bound.get(citation.source)
            if published_by is None:
                break
            claim = citation.date  # what the source says, when it says it
            lower = begins if claim is None else claim.lower
            if lower is None or published_by > lower:
                break
        else:
            dated = []
            for citation in dict.fromkeys(event.sources):
                published = c.timeline.sources[citation.source].published
                assert published is not None
                said = "" if citation.date is None else f" for {show(citation.date)}"
                dated.append(f"'{citation.source}' {show(published)}{said}")
            c.report(
                ("event", i, "sources"), "W107",
                f"{c.shown(i)} is reported before it happened: its sources were all published"
                f" before it could have begun ({', '.join(dated)})", event.id,
            )  # fmt: skip


def check_as_of(c: RuleContext) -> None:
    as_of = c.timeline.as_of
    if as_of is None:
        return
    after, strongest, start_lo = as_of.upper, c.strongest, c.start_lo
    for i, event in enumerate(c.events):
        if start_lo[i] >= after and event.certainty == strongest:
            c.report(
                ("event", i, "certainty"), "W111",
                f"{c.shown(i)} is {strongest} but begins after as_of {as_of.text}", event.id,
            )  # fmt: skip


def check_duplicates(c: RuleContext) -> None:
    """W112 on the later (in the file) of two events with one title and overlapping dates."""
    first: dict[str, int] = {}  # title: the first event with it
    repeated: dict[str, list[int]] = {}  # title: all its events, for titles seen twice
    for i, event in enumerate(c.events):
        title = event.title.casefold()
        # Most titles are already single-spaced: the C-level tests spare the split.
        if not title.isprintable() or "  " in title or title[:1] == " " or title[-1:] == " ":
            title = " ".join(title.split())
        j = first.setdefault(title, i)
        if j != i:
            repeated.setdefault(title, [j]).append(i)
    start_lo, start_hi, end_lo, end_hi = c.start_lo, c.start_hi, c.end_lo, c.end_hi
    for group in repeated.values():
        lows = {i: min(start_lo[i], end_lo[i]) for i in group}
        group.sort(key=lows.__getitem__)
        reach, holder = -INF, -1  # the greatest upper bound so far, and whose it is
        for i in group:
            if holder >= 0 and lows[i] < reach:
                earlier, later = sorted((holder, i))
                c.report(
                    ("event", later, "title"), "W112",
                    f"{c.shown(later)} may duplicate {c.shown(earlier)}:"
                    " same title and overlapping dates",
                    c.ids[later], c.ids[earlier],
                )  # fmt: skip
            high = max(start_hi[i], end_hi[i])
            if high > reach:
                reach, holder = high, i
