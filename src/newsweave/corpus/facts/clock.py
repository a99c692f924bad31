"""Clock times in a claim ("at 3:33 a.m.", "shortly after 7 p.m."), as quantities.

Outlets often time one moment differently ("a call at 3:33 a.m." / "a call at
3:30 a.m."), which is a real difference; but "about 7 p.m." and "7:01 p.m."
agree, and so do "shortly after 3:30" and "3:33". So a clock time is read as a
quantity in minutes after midnight, and a qualified one as the range its
qualifier allows, for the number comparison of :mod:`newsweave.corpus.facts.figures`.
The extract stage does not read clock times as quantities (they count nothing),
so no figure is read twice.
"""

from __future__ import annotations

import re

from newsweave.records import Quantity

# What every clock-time quantity counts, so that only clock times compare with
# each other (a zone is added when the text names one).
CLOCK_UNIT = "o'clock"
# How far a qualified time may be from the time it names, in minutes:
# "about 7 p.m." is 6:45 to 7:15, "shortly after 3:30" is 3:30 to 3:50.
_ROUGHLY = 15
_SHORTLY = 20
_BY = 60
_QUALIFIERS: dict[str, tuple[int, int]] = {
    "about": (-_ROUGHLY, _ROUGHLY), "around": (-_ROUGHLY, _ROUGHLY),
    "approximately": (-_ROUGHLY, _ROUGHLY), "roughly": (-_ROUGHLY, _ROUGHLY),
    "shortly after": (0, _SHORTLY), "just after": (0, _SHORTLY), "soon after": (0, _SHORTLY),
    "shortly before": (-_SHORTLY, 0), "just before": (-_SHORTLY, 0),
    "by": (-_BY, 0), "before": (-_BY, 0), "after": (0, _BY),
}
_CLOCK_RE = re.compile(
    r"(?:\b(?P<q>" + "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))
    + r")\s+)?\b(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?"
    r"(?:\s*\(?(?P<zone>local time|[ECMP][SD]?T|GMT|UTC)\b)?",
    re.IGNORECASE)
_MINUTES_A_DAY = 24 * 60


def _unit(zone: str | None) -> str:
    """What the time counts: a time in a named zone ("1:30 p.m. PST", "6 p.m. local
    time") compares only with times in that zone, since the same moment reads
    differently in another."""
    return f"{CLOCK_UNIT} {zone.split()[0].lower()}" if zone else CLOCK_UNIT


def clock_times(text: str, offset: int = 0) -> list[Quantity]:
    """Each clock time written with a.m. or p.m. in ``text`` (whose first
    character is at ``offset`` in the article body): its value in minutes after
    midnight, and a range (``low``, ``high``) when a qualifier widens it."""
    out = []
    for match in _CLOCK_RE.finditer(text):
        hour = int(match["h"]) % 12 + (12 if match["ap"].lower() == "p" else 0)
        minutes = hour * 60 + int(match["m"] or 0)
        qualifier = (match["q"] or "").lower() or None
        low, high = _QUALIFIERS.get(qualifier or "", (0, 0))
        out.append(Quantity(
            value=float(minutes), text=match.group(0), start=offset + match.start(),
            end=offset + match.end(), unit=_unit(match["zone"]), approx=qualifier,
            low=float(max(0, minutes + low)) if low or high else None,
            high=float(min(_MINUTES_A_DAY, minutes + high)) if low or high else None))
    return out
