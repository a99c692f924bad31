"""The story brief: what happened, who says so, where outlets differ, who wants what.

``build_brief`` gathers one story's records from a
:class:`~newsweave.store.reader.StoreReader` into a plain dict (the JSON
format); ``render_markdown`` and ``render_html`` lay it out.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsweave.corpus.facts.words import content_tokens
from newsweave.present.coverage import SHOWN_ROWS, build_coverage, column_order
from newsweave.records import Actor, Story
from newsweave.resolve.actors import role_key
from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:
    from newsweave.store.reader import StoreReader

MAX_FACTS = 20
MAX_SINGLE_SOURCE = 10
MAX_TIMELINE = 25
MAX_ACTORS = 15
STANCES = ("demands", "rejects", "offers", "supports")
# The default brief is at most this share of its independent sources' words (a
# brief that retells its sources is no brief); the JSON keeps everything.
BRIEF_SHARE = 1 / 3
# ... but never so short that a one-paragraph story has no brief.
MIN_BRIEF_WORDS = 120


_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


@dataclass(slots=True)
class Limits:
    """How many items of each section the Markdown and HTML briefs show."""

    facts: int = MAX_FACTS
    single: int = MAX_SINGLE_SOURCE
    conflicts: int = 10**6
    positions: int = 10**6
    timeline: int = MAX_TIMELINE
    actors: int = MAX_ACTORS
    background: int = 10**6
    side_words: int = 40
    left_out: int = 3  # facts named on an outlet's "left out" line (0: only their number)
    left_out_outlets: int = 10**6  # outlets with a "left out" line


    def shrink(self, b: dict[str, Any]) -> bool:
        """Show about a quarter less of every section still above its floor;
        False when nothing can shrink."""
        floors = {"facts": 2, "single": 1, "conflicts": 1, "positions": 1, "timeline": 1,
                  "actors": 1, "background": 0, "side_words": 8, "left_out": 1,
                  "left_out_outlets": 1}
        sizes = {"facts": _count_shared(b), "single": len(b["facts"]) - _count_shared(b),
                 "conflicts": len(b["conflicts"]), "positions": len(b["positions"]),
                 "timeline": len(b["timeline"]), "actors": len(b["actors"]),
                 "background": len(b["background"]), "side_words": 40,
                 "left_out": max((len(o["facts"]) for o in _omissions(b)), default=0),
                 "left_out_outlets": len(_omissions(b))}
        changed = False
        for name, floor in floors.items():
            now = min(getattr(self, name), sizes[name])
            if now > floor:
                setattr(self, name, max(floor, now - max(1, now // 4)))
                changed = True
        return changed


def build_brief(reader: StoreReader, story: Story, *,
                min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> dict[str, Any]:
    """Everything the brief shows for one story, as JSON-ready data.

    Args:
        reader: the store's read side.
        story: the story to brief.
        min_confidence: the timeline leaves out events the coder is less sure of
            (:data:`~newsweave.store.reader.DEFAULT_MIN_CONFIDENCE` by default).
    """
    articles = reader.story_articles(story.id)
    by_id = {a["id"]: a for a in articles}
    actors = {a.id: a for a in reader.actors()}
    names = {actor_id: actor.name for actor_id, actor in actors.items()}
    canon = reader.actor_map()
    copies = [{"article_id": a["id"], "outlet": a["outlet"],
               "copy_of": by_id.get(a["copy_of"], {}).get("outlet", a["copy_of"])}
              for a in articles if a["copy_of"]]
    independent = sorted({a["outlet"] for a in articles if not a["copy_of"]})
    copy_ids = {a["id"] for a in articles if a["copy_of"]}
    facts = reader.facts(story.id)
    conflicts = reader.conflicts(story.id)
    statements = {f["fact_id"]: f["statement"] for f in facts}
    news = _main_event_first([_fact(f) for f in facts if not f["background"]])
    return {
        "story_id": story.id,
        "title": story.title,
        "start": story.start,
        "end": story.end,
        "articles": articles,
        "outlets": independent,
        "copies": copies,
        "extra_sources": reader.extra_sources(story.id),
        "lead": _lead(reader, articles),
        "facts": news,
        # which outlet reports which fact, who was first, what each leaves out
        "coverage": build_coverage(news, column_order(articles),
                                   {a["id"]: a["published"] for a in articles}).to_dict(),
        "source_words": _source_words(reader, articles),
        "conflicts": [{**c, "id": f"C{i}", "conflict_id": c["id"],
                       "heading": conflict_heading(c, statements)}
                      for i, c in enumerate(conflicts, 1)],
        "positions": _positions(reader, story, names, canon, copy_ids),
        "timeline": _timeline(reader, story, names, canon, by_id, copy_ids,
                              min_confidence=min_confidence),
        "actors": _actors(reader, story, actors, canon, by_id),
        "background": _background(facts),
        "removed_lines": sum(a["removed"] or 0 for a in articles),
    }


def _main_event_first(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts by independent outlets, then importance; the most corroborated fact
    that states an event comes first (the story's main event)."""
    events = [f for f in facts if f["event_type"]]
    if not events:
        return facts
    main = max(events, key=lambda f: (f["corroboration"], -facts.index(f)))
    return [main] + [f for f in facts if f is not main]


def _source_words(reader: StoreReader, articles: list[dict[str, Any]]) -> int:
    """Words in the story's independent reports (copies left out)."""
    ids = [a["id"] for a in articles if not a["copy_of"]]
    return sum(count_words(body) for body in reader.bodies(ids))


def brief_limits(b: dict[str, Any]) -> Limits:
    """The section sizes that keep the Markdown brief within :data:`BRIEF_SHARE` of
    its sources' words (at least :data:`MIN_BRIEF_WORDS`)."""
    budget = max(MIN_BRIEF_WORDS, int(b.get("source_words", 0) * BRIEF_SHARE))
    limits = Limits()
    while count_words(render_markdown(b, limits)) > budget and limits.shrink(b):
        pass
    if count_words(render_markdown(b, limits)) > budget:
        # every section at its floor and still too long: the omissions stay in the JSON
        limits.left_out_outlets = 0
    return limits


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits (table rules,
    bullets and marks are not words)."""
    return len(_WORD_RE.findall(text))


def _count_shared(b: dict[str, Any]) -> int:
    return sum(not f["single_source"] for f in b["facts"])


def _lead(reader: StoreReader, articles: list[dict[str, Any]]) -> str:
    """The first two sentences of the earliest independent report."""
    originals = [a for a in articles if not a["copy_of"]] or articles
    if not originals:
        return ""
    body, sentences = reader.text(originals[0]["id"])
    return " ".join(body[s:e] for s, e in sentences[:2])


def _fact(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "fact_id": row["fact_id"], "statement": row["statement"],
        "outlets": list(row["outlets"]), "corroboration": row["corroboration"],
        "single_source": row["corroboration"] <= 1, "certainty": row["certainty"],
        "event_type": row["event_type"], "date": row["date"],
        "conflicts": list(row["conflicts"] or []),
        "mentions": row["mentions"],
        # who reported it first, who repeated it, outlets that are one source
        "lineage": row.get("lineage") or {},
    }


def _positions(reader: StoreReader, story: Story, names: dict[str, str],
               canon: dict[str, str], copy_ids: set[str]) -> list[dict[str, Any]]:
    """One row per resolved party: its demands, rejections, offers and support, with outlets.

    The positions come merged by the corpus stage (``story_positions``), with
    canonical party ids. Parties the resolver could not tie to an actor ("two
    officials") stay in the positions export but are left out of the brief.
    """
    table: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for merged in reader.merged_positions(story.id):
        merged["party"] = canon.get(merged["party"], merged["party"])
        if ":" not in merged["party"]:
            continue
        evidence = merged.get("evidence", [])
        independent = sorted({e["outlet"] for e in evidence if e["article_id"] not in copy_ids})
        table[merged["party"]][merged["stance"]].append(
            {"object": merged["object"], "outlets": independent or merged["outlets"],
             "evidence": evidence})
    return [{"party": party, "name": names.get(party, party),
             **{stance: stances.get(stance, []) for stance in STANCES}}
            for party, stances in sorted(table.items())]


def _timeline(reader: StoreReader, story: Story, names: dict[str, str], canon: dict[str, str],
              articles: dict[str, dict[str, Any]], copy_ids: set[str], *,
              min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[dict[str, Any]]:
    """News-of-the-day events in date order, the same event from several outlets merged.

    Events with no resolved actor, background events, events read only from
    syndicated copies and events in an outlet's repeated template paragraphs
    are left out; when there are more than ``MAX_TIMELINE``, those reported by
    the most outlets are kept.
    """
    from newsweave.corpus.chrome.paragraphs import inside

    places = {place_id: place.name for place_id, place in reader.places().items()}
    chrome = reader.chrome_spans(story.id)
    merged: dict[tuple, dict[str, Any]] = {}
    for e in reader.events(story.id, min_confidence=min_confidence):
        if (e.background or not e.actors or e.article_id in copy_ids
                or inside(e.start, e.end, chrome[e.article_id])):
            continue
        actors = tuple(sorted({canon.get(a, a) for a in e.actors}))
        recipients = tuple(sorted({canon.get(r, r) for r in e.recipients}))
        key = (e.date, e.event, actors, recipients)
        item = merged.setdefault(key, {
            "date": e.date, "date_precision": e.date_precision, "event": e.event,
            "mode": e.mode, "actors": [names.get(a, a) for a in actors],
            "recipients": [names.get(r, r) for r in recipients],
            "place": places.get(e.place_id) if e.place_id else None,
            "quantities": [q.text for q in e.quantities], "certainty": e.certainty,
            "text": e.text, "outlets": set(), "evidence": {},
        })
        outlet = articles.get(e.article_id, {}).get("outlet", "?")
        item["outlets"].add(outlet)
        # each outlet's first report of the event: where its timeline row can be checked
        item["evidence"].setdefault(outlet, {"article_id": e.article_id, "outlet": outlet,
                                             "start": e.start, "end": e.end})
        if not item["place"] and e.place_id:
            item["place"] = places.get(e.place_id)
    kept = sorted(merged.values(), key=lambda i: -len(i["outlets"]))[:MAX_TIMELINE]
    items = sorted(kept, key=lambda i: (i["date"] is None, str(i["date"]), i["event"]))
    for item in items:
        item["outlets"] = sorted(item["outlets"])
        item["evidence"] = [item["evidence"][o] for o in item["outlets"]]
    return items


def _actors(reader: StoreReader, story: Story, actors: dict[str, Actor],
            canon: dict[str, str], articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Named people and organisations of the story with the roles the text gives them."""
    counts: dict[str, int] = defaultdict(int)
    for actor_id in reader.mentioned_actors(story.id):
        counts[canon.get(actor_id, actor_id)] += 1
    # spellings of one role ("Defence Minister", "Defense Minister") are one
    # role, shown in the form most mentions use
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for role in reader.roles(story.id):
        outlet = articles.get(role.article_id, {}).get("outlet", "?")
        key = role_key(role.role)
        roles[canon.get(role.actor_id, role.actor_id)][key].add(outlet)
        forms[key][role.role] += 1
    out = []
    for actor_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        actor = actors.get(actor_id)
        out.append({
            "actor_id": actor_id, "name": actor.name if actor else actor_id,
            "kind": actor.kind if actor else None, "country": actor.country if actor else None,
            "sector": actor.sector if actor else None, "mentions": n,
            "roles": sorted(({"role": _usual_form(forms[key]), "outlets": sorted(o)}
                             for key, o in roles[actor_id].items()),
                            key=lambda r: r["role"]),
        })
    return out


def _usual_form(forms: Counter[str]) -> str:
    """The spelling most mentions use; of equal counts, the first in sort order."""
    return min(forms, key=lambda form: (-forms[form], form))


def _background(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = [{"date": f["date"], "statement": f["statement"], "outlets": list(f["outlets"])}
             for f in facts if f["background"]]
    return sorted(items, key=lambda i: str(i["date"] or ""))


# --- Markdown -------------------------------------------------------------

def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(b: dict[str, Any], limits: Limits | None = None) -> str:
    """The brief as Markdown, laid out like EXAMPLE-BRIEF.md, cut to
    :func:`brief_limits` unless ``limits`` are given (``Limits()``: the full caps)."""
    limits = limits or brief_limits(b)
    lines = [f"## {b['title']}"]
    span = str(b["start"] or "undated")
    if b["end"] and b["end"] != b["start"]:
        span += f" – {b['end']}"
    header = (f"**{span} · {len(b['articles'])} reports · {len(b['outlets'])} independent "
              f"outlets ({', '.join(b['outlets'])})")
    if b["copies"]:
        copies = "; ".join(f"{c['outlet']} reprint of {c['copy_of']}" for c in b["copies"])
        header += f" · {_count(len(b['copies']), 'copy', 'copies')} excluded ({copies})"
    lines += [header + "**", ""]
    if b["lead"]:
        lines += [b["lead"], ""]
    lines += (_md_facts(b, limits) + _md_left_out(b, limits) + _md_conflicts(b, limits)
              + _md_positions(b, limits) + _md_timeline(b, limits))
    lines += _md_actors(b, limits) + _md_background(b, limits)
    copies = _count(len(b["copies"]) + len(b["extra_sources"]), "syndicated copy", "syndicated copies")
    lines.append(f"*Removed from the reports: {b['removed_lines']} site lines. "
                 f"{copies} recognised and kept out of the counts.*")
    return "\n".join(lines) + "\n"


def _shown_facts(b: dict[str, Any], limits: Limits) -> tuple[list[dict[str, Any]], int]:
    """The facts the brief shows (shared first, then single-source facts grouped
    by outlet) and how many it leaves to the JSON."""
    distinct = _without_near_repeats(b["facts"])
    shared = [f for f in distinct if not f["single_source"]]
    single = sorted((f for f in distinct if f["single_source"]), key=lambda f: f["outlets"][:1])
    shown = shared[:limits.facts] + single[:limits.single]
    return shown, len(b["facts"]) - len(shown)


# Two facts whose statements share this much of their content words (Dice) say
# the same thing twice; the brief shows the better-ranked one.
NEAR_REPEAT = 0.8


def _without_near_repeats(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[tuple[dict[str, Any], frozenset[str]]] = []
    for fact in facts:
        words = content_tokens(fact["statement"])
        if not any(words and 2 * len(words & other) / (len(words) + len(other)) >= NEAR_REPEAT
                   for _, other in kept):
            kept.append((fact, words))
    return [fact for fact, _ in kept]


def _more(n: int, what: str) -> list[str]:
    return [f"*{n} more {what} in the JSON brief.*"] if n > 0 else []


def _md_facts(b: dict[str, Any], limits: Limits) -> list[str]:
    shown, hidden = _shown_facts(b, limits)
    out = ["### Facts", "| # | fact | outlets | |", "|---|---|---|---|"]
    for i, f in enumerate(shown, 1):
        marks = "✔" * f["corroboration"] if not f["single_source"] else "single source"
        if f["certainty"] != "asserted":
            marks += f" · {f['certainty']}"
        if f["conflicts"]:
            marks += " · differs, see conflicts"
        first = (f.get("lineage") or {}).get("first") or {}
        if not f["single_source"] and first.get("outlet"):
            marks += f" · first: {first['outlet']}"
        outlets = ", ".join(f["outlets"]) + (" only" if f["single_source"] else "")
        out.append(f"| {i} | {_cell(f['statement'])} | {_cell(outlets)} | {marks} |")
    return out + _more(hidden, "facts") + [""]


def _omissions(b: dict[str, Any]) -> list[dict[str, Any]]:
    """The brief's omissions by outlet (none in a brief made before coverage existed)."""
    return list((b.get("coverage") or {}).get("omissions") or [])


# outlets named on the Markdown brief's "first to report" line
MAX_FIRST_OUTLETS = 3


def _md_left_out(b: dict[str, Any], limits: Limits) -> list[str]:
    """Who reported the shared facts first, and a "left out" line per outlet that
    leaves out facts two or more others report (the grid itself is in the JSON
    and on the story page; the brief's word budget allows only its gist)."""
    coverage = b.get("coverage") or {}
    firsts = sorted((o for o in coverage.get("outlets", []) if o["first"]),
                    key=lambda o: -o["first"])[:MAX_FIRST_OUTLETS]
    omissions = _omissions(b)[:limits.left_out_outlets]
    if not firsts and not omissions:
        return []
    out = ["### Coverage"]
    if firsts:
        out.append("First to report: " + ", ".join(
            f"{o['outlet']} ({_count(o['first'], 'fact', 'facts')})" for o in firsts) + ".")
    for o in omissions:
        named = ["; ".join(f"{_cell(f['label'])} ({len(f['reported_by'])} others)"
                           for f in o["facts"][:limits.left_out])]
        more = len(o["facts"]) - limits.left_out
        if more > 0:
            named.append(f"{more} {'more ' if limits.left_out else ''}"
                         f"fact{'s' if more > 1 else ''} two or more others report")
        out.append(f"- Left out by **{o['outlet']}**: " + "; ".join(n for n in named if n))
    hidden = len(_omissions(b)) - limits.left_out_outlets
    return out + _more(hidden, "outlets' omissions") + [""]


def _md_conflicts(b: dict[str, Any], limits: Limits) -> list[str]:
    if not b["conflicts"]:
        return ["### Where the outlets differ", "No differences found.", ""]
    out = ["### Where the outlets differ", "| | topic | wording by outlet |", "|---|---|---|"]
    for c in b["conflicts"][:limits.conflicts]:
        sides = " ‖ ".join(f"**{s['outlet']}**{_side_value(c, s)}: "
                           f"\"{_cell(_clip(s['text'], limits.side_words))}\""
                           for s in c["sides"])
        # the compact topic: the Markdown brief is held to a word budget
        out.append(f"| {c['id']} {c['kind']} | {_cell(c['topic'])} | {sides} |")
    return out + _more(len(b["conflicts"]) - limits.conflicts, "differences") + [""]


def _clip(text: str, words: int) -> str:
    """At most ``words`` words of ``text``, an ellipsis where it was cut."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def _side_value(conflict: dict[str, Any], side: dict[str, Any]) -> str:
    """" (286 drones)": what differs, for number, qualifier, date and condition conflicts."""
    value = str(side.get("value") or "").strip()
    if not value or conflict["kind"] == "position":
        return ""
    return f" ({_cell(value)})"


def _md_positions(b: dict[str, Any], limits: Limits) -> list[str]:
    if not b["positions"]:
        # a table of headings alone reads as a fault
        return ["### Positions", "No positions found.", ""]
    out = ["### Positions", "| party | demands | rejects | offers | supports |",
           "|---|---|---|---|---|"]
    for p in b["positions"][:limits.positions]:
        cells = ["; ".join(f"{_cell(x['object'])} ({', '.join(x['outlets'])})" for x in p[s])
                 for s in STANCES]
        out.append(f"| {_cell(p['name'])} | " + " | ".join(cells) + " |")
    return out + _more(len(b["positions"]) - limits.positions, "parties") + [""]


def _timeline_shown(b: dict[str, Any], limits: Limits) -> list[dict[str, Any]]:
    """The events a cut timeline keeps: those most outlets report (the news of the
    day before one outlet's aside), shown in date order."""
    events = b["timeline"]
    if len(events) <= limits.timeline:
        return events
    ranked = sorted(range(len(events)), key=lambda k: (-len(events[k]["outlets"]), k))
    return [events[k] for k in sorted(ranked[:limits.timeline])]


def _md_timeline(b: dict[str, Any], limits: Limits) -> list[str]:
    out = ["### Timeline"]
    for e in _timeline_shown(b, limits):
        parts = [str(e["date"] or "undated"), e["event"] + (f" ({e['mode']})" if e["mode"] else "")]
        who = ", ".join(e["actors"]) or "?"
        if e["recipients"]:
            who += " → " + ", ".join(e["recipients"])
        parts.append(who)
        if e["place"]:
            parts.append(e["place"])
        if e["quantities"]:
            parts.append(", ".join(e["quantities"]))
        if e["certainty"] != "asserted":
            parts.append(f"certainty: {e['certainty']}")
        parts.append(", ".join(e["outlets"]))
        out.append("- " + " · ".join(parts))
    return out + _more(len(b["timeline"]) - limits.timeline, "events") + [""]


def _md_actors(b: dict[str, Any], limits: Limits) -> list[str]:
    out = ["### Actors"]
    for a in b["actors"][:limits.actors]:
        roles = "; ".join(f"{r['role']} ({', '.join(r['outlets'])})" for r in a["roles"])
        facts = ", ".join(x for x in (a["country"], a["sector"]) if x)
        out.append(f"- **{a['name']}**" + (f" [{facts}]" if facts else "")
                   + (f": {roles}" if roles else ""))
    return out + [""]


def _md_background(b: dict[str, Any], limits: Limits) -> list[str]:
    out = ["### Background (not today's news)"]
    for item in b["background"][:limits.background]:
        year = str(item["date"])[:4] if item["date"] else "earlier"
        out.append(f"- {year}: {item['statement']} ({', '.join(item['outlets'])})")
    return out + [""]


# --- HTML -----------------------------------------------------------------

def render_html(b: dict[str, Any]) -> str:
    """A standalone HTML page of the brief (every text escaped), with the same
    sections as the Markdown: facts with corroboration marks, single-source
    facts marked, conflicts side by side, positions, dated timeline, actors
    with roles, and background apart."""
    e = html.escape
    span = str(b["start"] or "undated")
    if b["end"] and b["end"] != b["start"]:
        span += f" – {b['end']}"
    parts = [(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(b['title'])}"
             "</title><style>table{border-collapse:collapse}td,th{border:1px solid #ccc;"
             "padding:4px;vertical-align:top}.single{color:#a60}.conflict td{width:50%}"
             ".coverage td{text-align:center}.coverage .left_out{color:#a11d1d;font-weight:bold}"
             "</style></head><body>"),
             f"<h1>{e(b['title'])}</h1>",
             (f"<p class='meta'><b>{e(span)} · {len(b['articles'])} reports · "
             f"{len(b['outlets'])} independent outlets ({e(', '.join(b['outlets']))})</b>")]
    if b["copies"]:
        parts.append(" · copies excluded: " + e("; ".join(
            f"{c['outlet']} reprint of {c['copy_of']}" for c in b["copies"])))
    parts.append(f"</p><p class='lead'>{e(b['lead'])}</p>")
    limits = brief_limits(b)
    parts += _html_facts(b, limits) + _html_coverage(b) + _html_conflicts(b) + _html_positions(b)
    parts += _html_timeline(b) + _html_actors(b) + _html_background(b)
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_facts(b: dict[str, Any], limits: Limits) -> list[str]:
    """The facts the Markdown brief shows, then the rest behind a "more"."""
    shown, _ = _shown_facts(b, limits)
    rest = [f for f in b["facts"] if f not in shown]
    out = ["<h2>Facts</h2>"] + _html_fact_table(shown, 1)
    if rest:
        out += [f"<details class='more'><summary>{len(rest)} more facts</summary>"]
        out += _html_fact_table(rest, len(shown) + 1) + ["</details>"]
    return out


def _html_fact_table(facts: list[dict[str, Any]], first: int) -> list[str]:
    e = html.escape
    out = [("<table class='facts'><tr><th>#</th><th>fact</th><th>outlets</th>"
           "<th>corroboration</th></tr>")]
    for i, f in enumerate(facts, first):
        marks = ("✔" * f["corroboration"] if not f["single_source"]
                 else "<span class='single'>single source</span>")
        if f["certainty"] != "asserted":
            marks += f" · {e(f['certainty'])}"
        if f["conflicts"]:
            marks += " · differs, see conflicts"
        outlets = e(", ".join(f["outlets"])) + (" only" if f["single_source"] else "")
        out.append(f"<tr><td>{i}</td><td>{e(f['statement'])}</td><td>{outlets}</td>"
                   f"<td>{marks}</td></tr>")
    return out + ["</table>"]


# what a coverage cell shows in the standalone HTML brief
_CELL_MARKS = {"first": "1st", "reported": "✔", "left_out": "✘", "not_reported": ""}


def _html_coverage(b: dict[str, Any]) -> list[str]:
    """The coverage grid (outlets by abbreviation, a key below) and each outlet's
    omissions: facts two or more other independent sources report."""
    e = html.escape
    coverage = b.get("coverage") or {}
    if not coverage.get("facts"):
        return []
    outlets, rows = coverage["outlets"], coverage["facts"]
    out = ["<h2>Coverage</h2>"] + _html_coverage_table(outlets, rows[:SHOWN_ROWS])
    if rows[SHOWN_ROWS:]:
        out += [f"<details class='more'><summary>{len(rows) - SHOWN_ROWS} more facts</summary>"]
        out += _html_coverage_table(outlets, rows[SHOWN_ROWS:]) + ["</details>"]
    out.append("<p class='key'>" + e(" · ".join(f"{o['abbr']} {o['outlet']}" for o in outlets))
               + " · 1st: reported first · ✘: left out, two or more others report it</p>")
    out += ["<ul class='omissions'>"]
    out += [f"<li><b>{e(o['outlet'])}</b> leaves out: "
            + e("; ".join(f"{f['label']} ({len(f['reported_by'])} others)" for f in o["facts"]))
            + "</li>" for o in coverage["omissions"]]
    return out + ["</ul>"]


def _html_coverage_table(outlets: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[str]:
    e = html.escape
    out = ["<table class='coverage'><tr><th>fact</th>"
           + "".join(f"<th title='{e(o['outlet'])}'>{e(o['abbr'])}</th>" for o in outlets)
           + "</tr>"]
    for row in rows:
        cells = "".join(f"<td class='{row['cells'][o['outlet']]}'>"
                        f"{_CELL_MARKS[row['cells'][o['outlet']]]}</td>" for o in outlets)
        out.append(f"<tr><td title='{e(row['statement'])}'>{e(row['label'])}</td>{cells}</tr>")
    return out + ["</table>"]


def conflict_heading(conflict: dict[str, Any], statements: dict[str, str]) -> str:
    """What a conflict is about, for its heading: the fact, not a unit.

    A number conflict's topic is the unit of the figures ("people", "day", "usd");
    its heading is the statement of the fact the outlets give different figures
    for. Other conflicts keep their topic unless it too is one bare word.
    """
    topic = str(conflict.get("topic") or "")
    statement = statements.get(conflict.get("fact_id") or "")
    if statement and (conflict.get("kind") == "number" or len(topic.split()) <= 1):
        return statement
    return topic


def _html_conflicts(b: dict[str, Any]) -> list[str]:
    e = html.escape
    out = ["<h2>Where the outlets differ</h2>"]
    if not b["conflicts"]:
        return out + ["<p>No differences found.</p>"]
    for c in b["conflicts"]:
        out.append(f"<h3>{e(c['id'])} {e(c['kind'])}: {e(c['heading'])}</h3>"
                   "<table class='conflict'><tr>")
        out += [f"<td><b>{e(s['outlet'])}</b>{e(_side_value(c, s))}: “{e(s['text'])}”</td>"
                for s in c["sides"]]
        out.append("</tr></table>")
    return out


def _html_positions(b: dict[str, Any]) -> list[str]:
    e = html.escape
    if not b["positions"]:
        return ["<h2>Positions</h2>", "<p>No positions found.</p>"]
    out = ["<h2>Positions</h2><table class='positions'><tr><th>party</th>"
           + "".join(f"<th>{s}</th>" for s in STANCES) + "</tr>"]
    for p in b["positions"]:
        cells = "".join("<td>" + "; ".join(f"{e(x['object'])} ({e(', '.join(x['outlets']))})"
                                          for x in p[s]) + "</td>" for s in STANCES)
        out.append(f"<tr><td>{e(p['name'])}</td>{cells}</tr>")
    return out + ["</table>"]


def _html_timeline(b: dict[str, Any]) -> list[str]:
    e = html.escape
    out = ["<h2>Timeline</h2><ul class='timeline'>"]
    for t in b["timeline"]:
        what = t["event"] + (f" ({t['mode']})" if t["mode"] else "")
        who = ", ".join(t["actors"]) or "?"
        if t["recipients"]:
            who += " → " + ", ".join(t["recipients"])
        extra = [x for x in (t["place"], ", ".join(t["quantities"])) if x]
        out.append(f"<li><time>{e(str(t['date'] or 'undated'))}</time> · {e(what)} · {e(who)}"
                   + "".join(f" · {e(x)}" for x in extra)
                   + f" · {e(', '.join(t['outlets']))}</li>")
    return out + ["</ul>"]


def _html_actors(b: dict[str, Any]) -> list[str]:
    e = html.escape
    out = ["<h2>Actors</h2><ul class='actors'>"]
    for a in b["actors"][:15]:
        roles = "; ".join(f"{r['role']} ({', '.join(r['outlets'])})" for r in a["roles"])
        out.append(f"<li><b>{e(a['name'])}</b>" + (f": {e(roles)}" if roles else "") + "</li>")
    return out + ["</ul>"]


def _html_background(b: dict[str, Any]) -> list[str]:
    e = html.escape
    out = ["<h2>Background (not today's news)</h2><ul class='background'>"]
    for item in b["background"]:
        year = str(item["date"])[:4] if item["date"] else "earlier"
        out.append(f"<li>{e(year)}: {e(item['statement'])} "
                   f"({e(', '.join(item['outlets']))})</li>")
    return out + ["</ul>"]
