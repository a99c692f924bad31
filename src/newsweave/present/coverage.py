"""Coverage of one story: which outlet reports which fact, who was first, what each leaves out.

``build_coverage`` turns the facts a brief already holds (each with its
independent outlets, mentions and lineage) into an outlet × fact grid. A cell
is ``first`` (the outlet published the fact on an earlier day than some other
outlet stating it, and no outlet published it earlier still), ``reported``,
``left_out`` (the outlet does not state a fact that at least
:data:`MIN_OTHER_SOURCES` other independent sources state) or
``not_reported``. The ``left_out`` cells, gathered by outlet, are the
omissions: what a reader of that outlet alone would not learn.

Nothing here reads the store; the input is plain fact dicts (the brief's
``facts``), so the grid can be tested on inline records.

>>> facts = [{"fact_id": "f1", "statement": "Talks opened.", "outlets": ["A", "B"],
...           "corroboration": 2, "mentions": [{"outlet": "A", "article_id": "a1"},
...                                            {"outlet": "B", "article_id": "b1"}]}]
>>> grid = build_coverage(facts, ["A", "B", "C"], {"a1": "2031-06-03", "b1": "2031-06-04"})
>>> grid.rows[0].cells
{'A': 'first', 'B': 'reported', 'C': 'left_out'}
>>> [o.outlet for o in grid.omissions]
['C']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from newsweave.words import word_set

Cell = Literal["first", "reported", "left_out", "not_reported"]

# A fact counts as left out by an outlet when at least this many other
# independent sources state it (issue 19: "two or more others").
MIN_OTHER_SOURCES = 2
# Words of a fact's statement in its row label.
LABEL_WORDS = 10
# Rows a page shows before a "more", and in all (the JSON has every row).
SHOWN_ROWS = 12
PAGE_ROWS = 40
# Letters of an outlet's abbreviation (column heading on a narrow grid).
ABBR_LETTERS = 4
_SKIP_WORDS = word_set("outlet_name_skip_words")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(slots=True)
class CoverageRow:
    """One fact of the grid: its label and one cell per outlet."""

    fact_id: str
    label: str
    statement: str
    sources: int  # independent sources stating it (outlets quoting one speaker are one)
    # the outlets that published it first: on the earliest day, when some other
    # outlet stating it published later (none when all published on one day)
    first: list[str]
    cells: dict[str, Cell]
    # each reporting outlet's span of the fact (article_id, start, end, part)
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(slots=True)
class OutletColumn:
    """One outlet of the grid with its short name and totals."""

    outlet: str
    abbr: str
    reported: int = 0
    first: int = 0
    left_out: int = 0


@dataclass(slots=True)
class LeftOut:
    """A fact one outlet leaves out, and the outlets that report it."""

    fact_id: str
    label: str
    reported_by: list[str]


@dataclass(slots=True)
class Omissions:
    """Every fact one outlet leaves out, those most reported elsewhere first."""

    outlet: str
    facts: list[LeftOut]


@dataclass(slots=True)
class Coverage:
    """The outlet × fact grid of one story."""

    outlets: list[OutletColumn]
    rows: list[CoverageRow]
    omissions: list[Omissions]

    def to_dict(self) -> dict[str, Any]:
        """The grid as JSON-ready data (the brief's ``coverage``).

        Built field by field, not with ``dataclasses.asdict``: its deep copies
        cost more than the grid itself on a story of hundreds of facts.
        """
        return {"outlets": [_flat(o) for o in self.outlets],
                "facts": [_flat(r) for r in self.rows],
                "omissions": [{"outlet": o.outlet, "facts": [_flat(f) for f in o.facts]}
                              for o in self.omissions]}


def _flat(record: Any) -> dict[str, Any]:
    """A dataclass record of plain values as a dict (its lists and dicts shared)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def build_coverage(facts: Sequence[Mapping[str, Any]], outlets: Sequence[str],
                   published: Mapping[str, dt.date | str | None] | None = None, *,
                   min_other_sources: int = MIN_OTHER_SOURCES) -> Coverage:
    """The coverage grid of a story's facts over its independent outlets.

    Args:
        facts: the brief's facts (``fact_id``, ``statement``, ``outlets``,
            ``corroboration``, ``mentions``, ``lineage``), background left out.
        outlets: the story's independent outlets, in column order (syndicated
            copies are no column: a reprint neither reports nor leaves out).
        published: ``{article_id: publication date}``; who was first is read
            from the dates of the articles whose mentions state a fact (a day
            is the finest grain: outlets of one day are first together).
        min_other_sources: how many other independent sources must state a
            fact for an outlet that does not to have left it out.

    Returns:
        The grid: rows shared facts first (most sources first), then
        single-source facts, one row per statement (a fact no column states,
        one only a reprint carries, is no row); the omissions by outlet,
        longest list first.
    """
    if min_other_sources < 1:
        raise ValueError(f"min_other_sources must be at least 1, not {min_other_sources}")
    abbrs = outlet_abbreviations(outlets)
    columns = {o: OutletColumn(outlet=o, abbr=abbrs[o]) for o in outlets}
    dates = {k: _day(v) for k, v in (published or {}).items()}
    shown = set(outlets)
    # a line only a syndicated copy carries has no column to stand in
    rows = [_row(f, outlets, dates, min_other_sources) for f in _distinct(_ordered(facts))
            if not shown.isdisjoint(f["outlets"])]
    left: dict[str, list[LeftOut]] = {o: [] for o in outlets}
    for row in rows:
        reporters = [o for o in outlets if row.cells[o] in ("first", "reported")]
        for outlet, cell in row.cells.items():
            column = columns[outlet]
            column.reported += cell in ("first", "reported")
            column.first += cell == "first"
            if cell == "left_out":
                column.left_out += 1
                left[outlet].append(LeftOut(row.fact_id, row.label, reporters))
    omissions = [Omissions(o, sorted(items, key=lambda i: -len(i.reported_by)))
                 for o, items in left.items() if items]
    position = {o: k for k, o in enumerate(outlets)}
    omissions.sort(key=lambda o: (-len(o.facts), position[o.outlet]))
    return Coverage(outlets=list(columns.values()), rows=rows, omissions=omissions)


def _ordered(facts: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Shared facts by number of sources (stable: the brief's order within one
    number), then single-source facts."""
    return sorted(facts, key=lambda f: -_sources(f) if _sources(f) > 1 else 0)


def _distinct(facts: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The first fact of each statement: two claims read as one sentence would
    otherwise be two rows (a single-source copy of a shared fact, say)."""
    seen: set[str] = set()
    out = []
    for fact in facts:
        key = " ".join(fact["statement"].casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def _sources(fact: Mapping[str, Any]) -> int:
    """Independent sources of a fact: its lineage's source groups where known
    (outlets that only quote one speaker are one), else its corroboration."""
    sources = (fact.get("lineage") or {}).get("sources")
    return len(sources) if sources else int(fact.get("corroboration") or 0)


def _day(value: dt.date | str | None) -> str | None:
    """A publication date as ``YYYY-MM-DD`` text (the day only), or None."""
    if value is None:
        return None
    return value.isoformat()[:10] if isinstance(value, dt.date) else str(value)[:10] or None


def _row(fact: Mapping[str, Any], outlets: Sequence[str], dates: Mapping[str, str | None],
         min_other_sources: int) -> CoverageRow:
    """One fact's cells: the first reporters, the others, and who leaves it out."""
    stating = set(fact["outlets"])
    mentions = fact.get("mentions") or []
    first = first_reporters(mentions, stating, dates)
    sources = _sources(fact)
    cells: dict[str, Cell] = {}
    for outlet in outlets:
        if outlet in stating:
            cells[outlet] = "first" if outlet in first else "reported"
        else:
            cells[outlet] = "left_out" if sources >= min_other_sources else "not_reported"
    return CoverageRow(fact_id=fact["fact_id"], label=short_label(fact["statement"]),
                       statement=fact["statement"], sources=sources,
                       first=[o for o in outlets if o in first], cells=cells,
                       evidence=_evidence(mentions, stating))


def first_reporters(mentions: Iterable[Mapping[str, Any]], outlets: set[str],
                    dates: Mapping[str, str | None]) -> set[str]:
    """The outlets that stated a fact on the earliest day, when at least one other
    outlet stating it published on a later day.

    Outlets of one day are tied (articles carry a day, not an hour): when all
    published on the same day, or a date is unknown, nobody is first.
    """
    earliest: dict[str, str] = {}
    for m in mentions:
        outlet, day = m.get("outlet"), dates.get(m.get("article_id") or "")
        if outlet not in outlets or m.get("copy"):
            continue
        if day is None:
            return set()
        if outlet not in earliest or day < earliest[outlet]:
            earliest[outlet] = day
    if len(earliest) < len(outlets) or len(set(earliest.values())) < 2:
        return set()
    first_day = min(earliest.values())
    return {o for o, day in earliest.items() if day == first_day}


def _evidence(mentions: Iterable[Mapping[str, Any]], outlets: set[str],
              ) -> dict[str, dict[str, Any]]:
    """Each outlet's span of the fact: its first mention in a body, else its headline."""
    best: dict[str, Mapping[str, Any]] = {}
    for m in mentions:
        outlet = m.get("outlet")
        if outlet not in outlets or m.get("copy"):
            continue
        known = best.get(outlet)
        if known is None or (known.get("part") == "title" and m.get("part") != "title"):
            best[outlet] = m
    return {o: {k: m.get(k) for k in ("article_id", "start", "end", "part")}
            for o, m in sorted(best.items())}


def short_label(statement: str, words: int = LABEL_WORDS) -> str:
    """A fact's row label: its statement cut to ``words`` words, an ellipsis where cut."""
    parts = statement.split()
    if len(parts) <= words:
        return statement.strip()
    return " ".join(parts[:words]).rstrip(",;:") + " …"


def outlet_abbreviations(outlets: Sequence[str]) -> dict[str, str]:
    """Short, distinct column names: initials ("Cobalt Bay Chronicle" → "CBC"), the
    first letters of a one-word name or a site ("reuters.com" → "Reut"), numbered
    where two would be alike."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for outlet in outlets:
        base = _abbreviation(outlet)
        abbr, n = base, 1
        while abbr.casefold() in taken:
            n += 1
            abbr = f"{base}{n}"
        taken.add(abbr.casefold())
        out[outlet] = abbr
    return out


def _abbreviation(outlet: str) -> str:
    words = _WORD_RE.findall(outlet)
    if "." in outlet and " " not in outlet.strip():
        words = words[:1]  # a site name: its first label, not "COU" of bbc.co.uk
    kept = [w for w in words if w.casefold() not in _SKIP_WORDS] or words
    if not kept:
        return outlet[:ABBR_LETTERS] or "?"
    if len(kept) == 1:
        word = kept[0]
        return word[:ABBR_LETTERS] if not word.isupper() else word[:ABBR_LETTERS + 1]
    return "".join(w[0].upper() for w in kept)[:ABBR_LETTERS]


def column_order(articles: Iterable[Mapping[str, Any]]) -> list[str]:
    """The independent outlets of a story, the earliest to publish first (then by
    name): the grid reads left to right in the order the news spread."""
    earliest: dict[str, tuple[bool, dt.date | str]] = {}
    for a in articles:
        if a.get("copy_of"):
            continue
        published = a.get("published")
        key = (published is None, published or "")
        if a["outlet"] not in earliest or key < earliest[a["outlet"]]:
            earliest[a["outlet"]] = key
    return sorted(earliest, key=lambda o: (earliest[o], o))
