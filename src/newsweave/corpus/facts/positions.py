"""Parties' positions merged per party, stance and object, and the conflicts among them.

Positions of one party and one stance merge into one row of the "who wants
what" table when their objects share half their content words
(:func:`merge_positions`; the rows are stored in ``story_positions``). Two kinds
of conflict come from these rows:

- outlets that report one position with different numbers or time scopes
  (:func:`_position_scope_conflicts`);
- one party demanding, offering or supporting what another party rejects
  (:func:`_opposition_conflicts`), when the rejection is of the thing proposed
  (:func:`proposed_head`, :func:`_answers`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsweave.corpus.facts.align import _STATE_ID_RE, _agglomerate, _stable_id, _strongest
from newsweave.corpus.facts.clauses import UNKNOWN_OUTLET
from newsweave.corpus.facts.conflicts import _text_conflict
from newsweave.corpus.facts.words import _dice, _fold, _plain_number, _tokens, content_tokens
from newsweave.records import Conflict, ConflictSide, Position

# Objects of one party's positions merge when half their content words match (Dice).
POSITION_THRESHOLD = 0.5
# A rejection is usually worded more broadly than the demand it answers ("any
# unconditional truce" against "an immediate 30-day ceasefire"), so opposing
# positions match when half the rejected object's words are in the proposal.
OPPOSITION_THRESHOLD = 0.5

_PROPOSING = frozenset({"demands", "offers", "supports"})

_CONDITION_SPLIT_RE = re.compile(
    r"\b(?:before|until|unless|if|while|without|as long as|in exchange for|provided|"
    r"on condition|subject to)\b")
_REQUEST_WRAPPER_RE = re.compile(
    r"^.*?\b(?:demands?|calls?|requests?|proposals?|plans?|push|bid|offers?)\s+(?:for|of)\s+")

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|percent\b|per cent\b)?")


# Name parts that make another person of the same name ("Donald Trump Jr").
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def fold_surnames(positions: list[Position]) -> list[Position]:
    """Positions of a person named by surname alone ("Halvane", an outlet that never
    gives the full name) credited to the one person of the story's positions with a
    full name ending in it ("Teodor Halvane"). The corpus cannot merge the two
    everywhere (other Halvanes may be in other stories); within one story a bare
    surname and a single full name of it are one party. Two full names of the
    surname, or none, leave it as it is."""
    parties = {p.party: _person_slug(p.party) for p in positions}
    full: dict[str, set[str]] = {}
    for party, parts in parties.items():
        if len(parts) >= 2 and parts[-1] not in _GENERATIONS:
            full.setdefault(parts[-1], set()).add(party)
    folded = {party: next(iter(full[parts[0]])) for party, parts in parties.items()
              if len(parts) == 1 and len(full.get(parts[0], ())) == 1}
    return [replace(p, party=folded[p.party]) if p.party in folded else p for p in positions]


def _person_slug(party: str) -> list[str]:
    """The name parts of a person's id ("person:teodor-halvane~a1" -> teodor, halvane)."""
    if not party.startswith("person:"):
        return []
    return party.split(":", 1)[1].split("~", 1)[0].split("-")


def merge_positions(positions: Sequence[Position], article_outlets: Mapping[str, str], *,
                    duplicates: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The "who wants what" table: one row per party, stance and object.

    Positions of one party and stance whose objects share at least half their
    content words (Dice coefficient over :func:`content_tokens`) merge into one row.

    Args:
        positions: the story's positions.
        article_outlets: ``{article_id: outlet}``.
        duplicates: ``{copy_id: original_id}``; copies are evidence but do not
            add to ``corroboration``.

    Returns:
        Rows with ``party``, ``stance``, ``object`` (the shortest wording),
        ``objects`` (every wording), ``outlets``, ``corroboration``,
        ``certainty``, ``position_ids`` and ``evidence`` (position id, article
        id, outlet, start, end, text), sorted by party, stance and object.
    """
    clusters = _position_clusters(positions, article_outlets, duplicates or {})
    return [_position_row(cluster, article_outlets, duplicates or {}) for cluster in clusters]


@dataclass(slots=True)
class _PositionCluster:
    party: str
    stance: str
    positions: list[Position]
    outlets: list[str]
    core_tokens: frozenset[str]
    position_outlets: dict[str, str]
    independent: list[Position]


def _position_clusters(positions: Sequence[Position], outlets: Mapping[str, str],
                       duplicates: Mapping[str, str]) -> list[_PositionCluster]:
    by_key: dict[tuple[str, str], list[Position]] = {}
    for pos in sorted(positions, key=lambda p: (p.party, p.stance, p.article_id, p.start, p.id)):
        by_key.setdefault((pos.party, pos.stance), []).append(pos)
    clusters = []
    for (party, stance), group in sorted(by_key.items()):
        # objects worded alike (syndicated copies repeat every position) are
        # compared once, standing for as many positions as word them so
        tokens, weights, item_of = _distinct_objects([content_tokens(p.object) for p in group])
        n = len(tokens)
        score = {(i, j): _dice(tokens[i], tokens[j]) for i in range(n) for j in range(i + 1, n)}
        for members in _agglomerate(n, score, POSITION_THRESHOLD, set(), weights=weights):
            inside = set(members)
            chosen = [group[k] for k, item in enumerate(item_of) if item in inside]
            independent = [p for p in chosen if p.article_id not in duplicates] or chosen
            clusters.append(_PositionCluster(
                party=party, stance=stance, positions=chosen,
                outlets=sorted({outlets.get(p.article_id) or UNKNOWN_OUTLET
                                for p in independent}),
                # whole words, not 5-letter stems: an offer of a "neutral"
                # team does not answer a demand for "neutrality"
                core_tokens=frozenset().union(*(_tokens(_core_object(p.object), None)
                                                for p in chosen)),
                position_outlets={p.id: outlets.get(p.article_id) or UNKNOWN_OUTLET
                                  for p in chosen},
                independent=independent))
    clusters.sort(key=lambda c: (c.party, c.stance, _shortest_object(c)))
    return clusters


def _distinct_objects(tokens: list[frozenset[str]]
                      ) -> tuple[list[frozenset[str]], list[int], list[int]]:
    """The distinct word sets of ``tokens``, how many positions each stands for,
    and each position's item. An empty set stays an item of its own: it matches
    nothing, not even another empty one."""
    items: list[frozenset[str]] = []
    weights: list[int] = []
    index: dict[frozenset[str], int] = {}
    item_of = []
    for words in tokens:
        k = index.get(words) if words else None
        if k is None:
            k = len(items)
            items.append(words)
            weights.append(0)
            if words:
                index[words] = k
        weights[k] += 1
        item_of.append(k)
    return items, weights, item_of


def _position_row(cluster: _PositionCluster, outlets: Mapping[str, str],
                  duplicates: Mapping[str, str]) -> dict[str, Any]:
    return {
        "party": cluster.party,
        "stance": cluster.stance,
        "object": _shortest_object(cluster),
        "objects": sorted({p.object.strip() for p in cluster.positions}),
        "outlets": cluster.outlets,
        "corroboration": len(cluster.outlets),
        "certainty": _strongest(p.certainty for p in cluster.positions),
        "position_ids": sorted(p.id for p in cluster.positions),
        "evidence": [{"position_id": p.id, "article_id": p.article_id,
                      "outlet": outlets.get(p.article_id) or UNKNOWN_OUTLET,
                      "copy": p.article_id in duplicates,
                      "start": p.start, "end": p.end, "text": p.text}
                     for p in cluster.positions],
    }


def _position_scope_conflicts(story_id: str, clusters: list[_PositionCluster],
                              ) -> list[Conflict]:
    """Outlets that report one position with different numbers or time scopes."""
    conflicts = []
    for cluster in clusters:
        by_outlet: dict[str, Position] = {}
        for p in _first_per_article(cluster):
            by_outlet.setdefault(cluster.position_outlets[p.id], p)
        if len(by_outlet) < 2:
            continue
        topic = f"{cluster.party} {cluster.stance} {_shortest_object(cluster)}"
        sides = [(o, p.article_id, p.start, p.end, p.text, p.id)
                 for o, p in sorted(by_outlet.items())]
        numbers = {o: _numbers(p.object) for o, p in by_outlet.items()}
        if len({tuple(v) for v in numbers.values() if v}) > 1:
            conflicts.append(Conflict(
                id=_stable_id("number", story_id, [s[-1] for s in sides]),
                story_id=story_id, kind="number", topic=topic,
                sides=[ConflictSide(outlet=o, article_id=a, start=s, end=e, text=t,
                                    value=", ".join(numbers[o]))
                       for o, a, s, e, t, _ in sides]))
        scope = _text_conflict(story_id, None, topic, sides)
        if scope is not None:
            conflicts.append(scope)
    return conflicts


def _opposition_conflicts(story_id: str, clusters: list[_PositionCluster],
                          idf: Mapping[str, float]) -> list[Conflict]:
    """A party demanding, offering or supporting what another party rejects.

    One conflict per proposal, with the proposing side and every rejection of
    it by another party (see :func:`_same_party`).
    """
    conflicts = []
    for pro in clusters:
        if pro.stance not in _PROPOSING:
            continue
        against = [con for con in clusters
                   if con.stance == "rejects" and not _same_party(pro.party, con.party)
                   and _answers(pro, con)
                   and _opposition(pro.core_tokens, con.core_tokens, idf)
                   >= OPPOSITION_THRESHOLD]
        if not against:
            continue
        ids = [p.id for c in [pro, *against] for p in c.positions]
        # two camps: the proposing party, and every party rejecting it
        sides = [_position_side(c, p, camp=int(c is not pro))
                 for c in [pro, *against] for p in _first_per_article(c)]
        conflicts.append(Conflict(
            id=_stable_id("position", story_id, ids), story_id=story_id,
            kind="position", topic=_shortest_object(pro), sides=sides))
    return conflicts


# The act of a demand that undoes its object: to demand it is to be against the thing.
_UNDOING_VERBS = frozenset({
    "overturn", "reverse", "repeal", "scrap", "block", "stop", "halt", "end", "cancel",
    "withdraw", "rescind", "revoke", "abandon", "drop", "kill", "veto", "reject", "oppose",
    "suspend", "lift", "abolish", "delay", "postpone"})
# The act of a demand that adopts its object: "urged X to accept the plan" backs the plan.
_ADOPTING_VERBS = frozenset({
    "accept", "support", "back", "approve", "pass", "adopt", "sign", "agree", "implement",
    "endorse", "ratify", "join", "respect", "observe", "honour", "honor", "uphold", "embrace",
    "enact", "allow", "grant", "fund", "keep", "maintain", "resume", "hold", "start", "begin"})
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "this",
                          "that", "any", "such", "no", "every", "each"})
# "support for X" proposes X.
_SUPPORT_WRAPPER_RE = re.compile(r"^(?:\w+\s+)?(?:support|backing)\s+(?:for|of)\s+")
# Words that end the head phrase of an object ("changes to the plan" -> "changes").
_HEAD_END_RE = re.compile(
    r"\b(?:of|from|to|for|with|by|in|on|at|as|under|over|into|about|against|that|who|"
    r"which|and|or|but|if|unless|until|before|after|while|made|including)\b")


def proposed_head(obj: str) -> tuple[str, frozenset[str]]:
    """The head word of the thing a demand, offer or support is for, with the
    words of its head phrase; ``("", {})`` when the demand is an act on a thing
    rather than the thing.

    "an immediate ceasefire" -> "ceasefire"; "support for a cease-fire plan" ->
    "plan" (phrase: ceasefire, plan); "Veskaria to accept the plan" -> "plan" (an
    act adopting it); "changes to the plan" -> "change" (the changes, not the
    plan); "the council to scrap the plan" -> "" (undoing it is being against
    it, so a rejection of the plan does not oppose it).
    """
    text = _SUPPORT_WRAPPER_RE.sub("", _core_object(_fold(obj)).strip(), count=1)
    before, to, act = text.partition(" to ")
    if to:
        words = act.split()
        if words and words[0] in _UNDOING_VERBS:
            return "", frozenset()
        if words and words[0] in _ADOPTING_VERBS:
            # "X to accept the plan" is for the plan
            text = " ".join(words[1:])
        elif not words or words[0] in _DETERMINERS:
            # "changes to the plan" is for the changes
            text = before
        else:
            # "X to rewrite the plan", "any deal to include Y": the act is what is asked
            return words[0], frozenset({words[0]})
    words = text.split()
    if words and words[0] in _UNDOING_VERBS:
        return "", frozenset()
    if len(words) > 1 and words[0] not in _DETERMINERS and words[1] in _DETERMINERS:
        # a verb before its object ("renegotiate the deal", "support the plan")
        if words[0] not in _ADOPTING_VERBS:
            return words[0], frozenset({words[0]})
        text = " ".join(words[1:])
    # the head phrase ends before a preposition or a participle ("a plan announced in ...")
    head = _HEAD_END_RE.split(text, maxsplit=1)[0].split()
    cut = next((i for i, w in enumerate(head) if i and w.endswith("ed")
                and head[i - 1] not in _DETERMINERS), len(head))
    phrase = [next(iter(t)) for w in head[:cut] if len(t := _tokens(w, None)) == 1]
    return (phrase[-1], frozenset(phrase)) if phrase else ("", frozenset())


def _answers(pro: _PositionCluster, con: _PositionCluster) -> bool:
    """Whether a rejection is of the thing proposed: the head of one object is in
    the head phrase of the other ("a ceasefire" / "a cease-fire plan"), so a
    rejection of "the plan" does not answer a demand for "changes to the plan"."""
    heads = [proposed_head(p.object) for c in (pro, con) for p in c.positions]
    pro_heads, con_heads = heads[:len(pro.positions)], heads[len(pro.positions):]
    return any(h and (h in phrase_b or hb in phrase)
               for h, phrase in pro_heads for hb, phrase_b in con_heads if hb)


def _same_party(a: str, b: str) -> bool:
    """Equal ids, or a state and its government (``state:XMD`` / ``gov:XMD``): a
    country does not oppose itself because outlets name it differently."""
    if a == b:
        return True
    ma, mb = _STATE_ID_RE.fullmatch(a), _STATE_ID_RE.fullmatch(b)
    return bool(ma and mb and ma.group(1) == mb.group(1))


def _first_per_article(cluster: _PositionCluster) -> list[Position]:
    """One position per independent article: a copy repeats its original's wording."""
    first: dict[str, Position] = {}
    for p in cluster.independent:
        first.setdefault(p.article_id, p)
    return list(first.values())


def _position_side(cluster: _PositionCluster, p: Position, camp: int | None = None
                   ) -> ConflictSide:
    return ConflictSide(outlet=cluster.position_outlets[p.id],
                        article_id=p.article_id, start=p.start, end=p.end, text=p.text,
                        value=f"{cluster.party} {cluster.stance}: {p.object.strip()}",
                        camp=camp)


def _shortest_object(cluster: _PositionCluster) -> str:
    return min((p.object.strip() for p in cluster.positions), key=lambda o: (len(o), o))


def _core_object(text: str) -> str:
    """The object without its conditions and without a wrapper naming another
    party's request: "any raise before the strike ends" -> "any raise",
    "Veskaria's call for a ceasefire" -> "a ceasefire"."""
    core = _CONDITION_SPLIT_RE.split(text.lower(), maxsplit=1)[0]
    core = _REQUEST_WRAPPER_RE.sub("", core, count=1)
    return core if core.strip() else text


def _opposition(proposed: frozenset[str], rejected: frozenset[str],
                idf: Mapping[str, float]) -> float:
    """How much of what is rejected the proposal contains, weighted by rarity.

    A rejection answers a proposal when the thing rejected is part of the thing
    proposed: "any raise" covers "a 9% raise", but rejecting "direct talks
    between the leaders" does not answer support for "the talks". Words many
    positions share (the parties' names) weigh little.
    """
    # fsum: order-independent over sets (see _weighted_dice)
    total = math.fsum(idf.get(t, 1.0) for t in rejected)
    return math.fsum(idf.get(t, 1.0) for t in proposed & rejected) / total if total else 0.0


def _numbers(text: str) -> list[str]:
    found = set()
    for match in _NUMBER_RE.finditer(text.lower()):
        number = re.sub(r"\s*(?:percent|per cent)", "%", _plain_number(match.group()))
        found.add(re.sub(r"\s+", "", number))
    return sorted(found)
