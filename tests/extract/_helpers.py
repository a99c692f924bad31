"""Helpers for the extract tests: inline articles and resolutions built from spaCy entities.

The hand-made mentions use readable ids ("state:russia"); every other part of
the resolution (sentence dates and background flags, groups named through a
country word) comes from the real resolve steps (:func:`finish_resolution`).
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.gazetteer import Gazetteer
from newsweave.records import Actor, Article, Mention, Place, Resolution
from newsweave.resolve import complete_actors, sentence_times

# Demonyms used in the test sentences, mapped to the country they name.
DEMONYMS = {
    "russian": "russia",
    "ukrainian": "ukraine",
    "turkish": "turkey",
    "norwegian": "norway",
    "european": "europe",
    "american": "united-states",
    "israeli": "israel",
    "polish": "poland",
    "sudanese": "sudan",
    "peruvian": "peru",
    "french": "france",
    "german": "germany",
    "italian": "italy",
    "chinese": "china",
}


def slug(text: str) -> str:
    """A lower-case id fragment: "the United States" -> "united-states"."""
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"[’']s$", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_article(
    body: str, published: dt.date | None = dt.date(2025, 6, 2), article_id: str = "a1"
) -> Article:
    """An article around an inline body."""
    return Article(
        id=article_id,
        source_id=article_id,
        source_path="inline",
        outlet="Test Wire",
        url=None,
        title="",
        published=published,
        body=body,
    )


def resolve_from_ents(
    doc,
    article_id: str = "a1",
    *,
    places: frozenset[str] = frozenset(),
    extra: dict[str, str] | None = None,
) -> Resolution:
    """A Resolution built from spaCy entities, standing in for the resolve stage.

    GPEs become state actors unless listed in ``places`` (then a place); NORP map
    to the state they name; PERSON and ORG become person/org actors; FAC and LOC
    become places. ``extra`` maps a literal string to an actor id for names the
    model misses.
    """
    res = Resolution()
    actors: dict[str, Actor] = {}

    def add(
        start: int, end: int, text: str, label: str, actor_id: str | None, place_id: str | None
    ) -> None:
        res.mentions.append(Mention(article_id, start, end, text, label, actor_id, place_id))
        if actor_id and actor_id not in actors:
            kind = (
                "person"
                if actor_id.startswith("person:")
                else "state"
                if actor_id.startswith("state:")
                else "organisation"
            )
            actors[actor_id] = Actor(id=actor_id, name=text, kind=kind)
        if place_id and all(p.id != place_id for p in res.places):
            res.places.append(Place(id=place_id, name=text, country=None, lat=0.0, lon=0.0))

    for ent in doc.ents:
        name = slug(ent.text)
        if ent.text in (extra or {}):
            continue
        if ent.label_ == "GPE" and ent.text in places:
            add(ent.start_char, ent.end_char, ent.text, ent.label_, None, f"user:{name}")
        elif ent.label_ in ("GPE", "NORP"):
            state = f"state:{DEMONYMS.get(name, name)}"
            add(ent.start_char, ent.end_char, ent.text, ent.label_, state, None)
        elif ent.label_ == "PERSON":
            add(ent.start_char, ent.end_char, ent.text, ent.label_, f"person:{name}", None)
        elif ent.label_ == "ORG":
            add(ent.start_char, ent.end_char, ent.text, ent.label_, f"org:{name}", None)
        elif ent.label_ in ("FAC", "LOC"):
            add(ent.start_char, ent.end_char, ent.text, ent.label_, None, f"user:{name}")
    for text, actor_id in (extra or {}).items():
        for match in re.finditer(re.escape(text), doc.text):
            add(match.start(), match.end(), text, "EXTRA", actor_id, None)
    res.actors = list(actors.values())
    return res


def finish_resolution(article: Article, doc, resolution: Resolution,
                      gazetteer: Gazetteer) -> Resolution:
    """Run the resolve steps that follow the mentions, as resolve_article does:
    each sentence's date and background flag, then the group actors."""
    resolution.sentences = sentence_times(article, doc)
    complete_actors(doc, resolution, gazetteer)
    return resolution
