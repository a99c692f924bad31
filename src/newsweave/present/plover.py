"""PLOVER JSON records (field names from the PLOVER manual's JSON table)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from newsweave.records import Actor, Event, Place

if TYPE_CHECKING:
    from newsweave.store.reader import StoreReader

CODER = "newsweave"


def entity(actor_id: str, actors: Mapping[str, Actor]) -> dict[str, Any]:
    """A PLOVER entity object for one actor id."""
    actor = actors.get(actor_id)
    if actor is None:
        return {"code": None, "entity_id": actor_id}
    return {
        "entity_id": actor.id, "entity_name": actor.name, "code": actor.country,
        "country_name": actor.country, "sector_code": actor.sector, "kind": actor.kind,
    }


def location(place: Place | None) -> dict[str, Any] | None:
    """A PLOVER ``event_loc`` object with GeoNames field names."""
    if place is None:
        return None
    return {"name": place.name, "geonameid": place.id, "country_code": place.country,
            "lat": place.lat, "lon": place.lon, "feature_class": place.feature_class}


def plover_record(event: Event, actors: Mapping[str, Actor], places: Mapping[str, Place],
                  article: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One event as a PLOVER record, with newsweave's own fields beside the standard ones."""
    article = article or {}
    date = event.date.isoformat() if isinstance(event.date, dt.date) else event.date
    return {
        "id": event.id,
        "date": date,
        "date_precision": event.date_precision,
        "actor": [entity(a, actors) for a in event.actors],
        "recipient": [entity(r, actors) for r in event.recipients],
        "event": event.event,
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "event_loc": location(places.get(event.place_id) if event.place_id else None),
        "event_text": [event.trigger] if event.trigger else [],
        "text": event.text,
        "text_info": {"article_id": event.article_id, "outlet": article.get("outlet"),
                      "url": article.get("url"), "title": article.get("title"),
                      "published": str(article.get("published") or "") or None},
        "coder": CODER,
        "certainty": event.certainty,
        "background": event.background,
        "confidence": event.confidence,
        "quantities": [asdict(q) for q in event.quantities],
        "evidence": [{"article_id": event.article_id, "start": event.start, "end": event.end}],
    }


def plover_records(reader: StoreReader, story_id: str | None = None, *,
                   min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """The stored events (of one story, or all) as PLOVER records, actors made
    canonical, leaving out events less sure than ``min_confidence``."""
    canon = reader.actor_map()
    actors = {a.id: a for a in reader.actors()}
    places = reader.places()
    articles = reader.articles()
    records = []
    for event in reader.events(story_id, min_confidence=min_confidence):
        event.actors = [canon.get(a, a) for a in event.actors]
        event.recipients = [canon.get(r, r) for r in event.recipients]
        records.append(plover_record(event, actors, places, articles.get(event.article_id)))
    return records
