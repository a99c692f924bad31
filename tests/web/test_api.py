"""The REST API over the demo corpus, checked against answers computed straight from the store."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from newsweave.api import Newsweave
from newsweave.web.routers.events import EXPORT_MAX_ROWS


def _all(client: TestClient, url: str, **params: object) -> list[dict]:
    """Every item of a paginated list, page by page."""
    items, offset = [], 0
    while True:
        page = client.get(url, params={**params, "limit": 7, "offset": offset}).json()
        items += page["items"]
        offset += 7
        if offset >= page["total"]:
            return items


def _stories_with_text(nw: Newsweave, word: str) -> set[str]:
    """Stories whose title, or an article's title or body, contains ``word`` (any case)."""
    word = word.lower()
    hits = {s.id for s in nw.stories() if word in s.title.lower()}
    for r in nw.rows("SELECT sa.story_id, a.title, a.body FROM articles a "
                     "JOIN story_articles sa ON sa.article_id = a.id"):
        if word in (r["title"] or "").lower() or word in r["body"].lower():
            hits.add(r["story_id"])
    return hits


def test_story_list_has_every_story_largest_first(client, demo_nw):
    page = client.get("/api/stories").json()
    stories = demo_nw.stories()
    assert page["total"] == len(stories) == len(page["items"])
    assert [s["story_id"] for s in page["items"]] == [s.id for s in stories]
    sizes = [s["articles"] for s in page["items"]]
    assert sizes == sorted(sizes, reverse=True)
    first = page["items"][0]
    assert first["outlets"] == stories[0].outlets and first["events"] > 0


@pytest.mark.parametrize("word", ["saltreach", "TALKS", "tariff", "no-such-word-anywhere"])
def test_story_search_matches_titles_and_bodies(client, demo_nw, word):
    found = {s["story_id"] for s in client.get("/api/stories", params={"q": word}).json()["items"]}
    assert found == _stories_with_text(demo_nw, word)


def test_story_search_treats_wildcards_and_quotes_as_text(client, demo_nw):
    # `%` occurs in some demo bodies; `_` and the quote in none
    for q in ("%", "_", "' OR 1=1 --", "\\"):
        found = {s["story_id"] for s in client.get("/api/stories", params={"q": q}).json()["items"]}
        assert found == _stories_with_text(demo_nw, q), q


def test_story_filters_by_outlet_event_type_actor_and_date(client, demo_nw):
    stories = demo_nw.stories()
    outlet = stories[-1].outlets[0]
    by_outlet = {s["story_id"] for s in client.get(
        "/api/stories", params={"outlet": outlet}).json()["items"]}
    assert by_outlet == {s.id for s in stories if outlet in s.outlets}

    rows = demo_nw.rows("SELECT DISTINCT sa.story_id, e.event FROM events e "
                        "JOIN story_articles sa ON sa.article_id = e.article_id")
    by_type = {s["story_id"] for s in client.get(
        "/api/stories", params={"event_type": "PROTEST"}).json()["items"]}
    assert by_type == {r["story_id"] for r in rows if r["event"] == "PROTEST"}
    assert 0 < len(by_type) < len(stories)

    actor = "person:pavla-grenick"
    brief_actors = {s.id: {a["actor_id"] for a in json.loads(demo_nw.brief(s.id, "json"))["actors"]}
                    for s in stories}
    by_actor = {s["story_id"] for s in client.get(
        "/api/stories", params={"actor": actor}).json()["items"]}
    assert by_actor == {sid for sid, ids in brief_actors.items() if actor in ids}
    assert by_actor

    day = "2031-06-05"
    later = {s["story_id"] for s in client.get(
        "/api/stories", params={"date_from": day}).json()["items"]}
    assert later == {s.id for s in stories if str(s.end or s.start) >= day}
    both = client.get("/api/stories", params={"date_from": day, "outlet": outlet}).json()
    assert {s["story_id"] for s in both["items"]} == later & by_outlet


def test_story_list_limits_are_enforced(client):
    assert client.get("/api/stories", params={"limit": 101}).status_code == 422
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/stories", params={"offset": -1}).status_code == 422
    assert client.get("/api/stories", params={"date_from": "June"}).status_code == 422
    page = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1 and page["total"] == 4


def test_one_story_is_its_brief(client, demo_nw):
    story = demo_nw.stories()[0]
    data = client.get(f"/api/stories/{story.id}").json()
    brief = json.loads(demo_nw.brief(story.id, "json"))
    assert data["story_id"] == story.id and data["title"] == brief["title"]
    assert [f["fact_id"] for f in data["facts"]] == [f["fact_id"] for f in brief["facts"]]
    assert len(data["conflicts"]) == len(brief["conflicts"])
    assert data["timeline"] == brief["timeline"]
    missing = client.get("/api/stories/story-0000000000")
    assert missing.status_code == 404 and "story-0000000000" in missing.json()["detail"]


def test_article_has_body_removed_lines_and_exact_spans(client, demo_nw):
    items = _all(client, "/api/articles")
    assert len(items) == demo_nw.rows("SELECT count(*) AS n FROM articles")[0]["n"]
    article_id = items[0]["article_id"]
    data = client.get(f"/api/articles/{article_id}").json()
    body = data["body"]
    assert body and isinstance(data["removed"], list)
    for kind in ("claims", "events", "positions", "mentions"):
        for span in data[kind]:
            assert body[span["start"]:span["end"]] == span["text"]
    assert data["events"] and data["mentions"]
    assert client.get("/api/articles/nope").status_code == 404


def test_events_paginate_without_gaps_or_repeats(client, demo_nw):
    total = demo_nw.rows("SELECT count(*) AS n FROM events")[0]["n"]
    items = _all(client, "/api/events")
    assert len(items) == total
    assert len({e["event_id"] for e in items}) == total
    dated = [e["date"] for e in items if e["date"]]
    assert dated == sorted(dated)


def test_event_filters(client, demo_nw):
    story = demo_nw.stories()[0]
    in_story = _all(client, "/api/events", story_id=story.id)
    assert {e["event_id"] for e in in_story} == {e.id for e in demo_nw.events(story.id)}
    protests = _all(client, "/api/events", event_type="PROTEST")
    assert protests and all(e["event"] == "PROTEST" for e in protests)
    actor = "gov:XVK"
    ids = {r["actor_id"] for r in demo_nw.rows(
        "SELECT actor_id FROM actor_map WHERE canonical_id = ?", [actor])} | {actor}
    mine = _all(client, "/api/events", actor=actor)
    assert mine and all(ids & set(e["actors"] + e["recipients"]) for e in mine)
    june = _all(client, "/api/events", date_from="2031-06-01", date_to="2031-06-03")
    assert june and all("2031-06-01" <= e["date"] <= "2031-06-03" for e in june)
    placed = [e for e in in_story if e["place_id"]]
    at = _all(client, "/api/events", place_id=placed[0]["place_id"])
    assert at and all(e["place"] == placed[0]["place"] for e in at)


def test_event_export_formats(client, demo_nw):
    story = demo_nw.stories()[1]
    expected = {e.id for e in demo_nw.events(story.id)}
    jsonl = client.get("/api/events/export", params={"story_id": story.id})
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert {json.loads(line)["event_id"] for line in jsonl.text.splitlines()} == expected
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/events/export", params={"story_id": story.id, "format": "csv"}).text)))
    assert {r["event_id"] for r in rows} == expected
    assert all(isinstance(json.loads(r["actors"]), list) for r in rows)
    plover = client.get("/api/events/export", params={"story_id": story.id, "format": "plover",
                                                      "event_type": "AGREE"}).text.splitlines()
    records = [json.loads(line) for line in plover]
    assert records and all(r["event"] == "AGREE" and r["coder"] == "newsweave" for r in records)
    assert client.get("/api/events/export", params={"format": "xml"}).status_code == 422


def test_actors_places_positions_facts(client, demo_nw):
    actors = _all(client, "/api/actors")
    assert {a["actor_id"] for a in actors} == {a.id for a in demo_nw.actors()}
    assert [a["mentions"] for a in actors] == sorted((a["mentions"] for a in actors), reverse=True)
    found = client.get("/api/actors", params={"q": "grenick"}).json()["items"]
    assert [a["actor_id"] for a in found] == ["person:pavla-grenick"]
    detail = client.get("/api/actors/person:pavla-grenick").json()
    assert detail["roles"] and {r["role"] for r in detail["roles"]} >= {"Emergency Services Minister"}
    assert detail["stories"] and client.get("/api/actors/person:nobody").status_code == 404

    story = demo_nw.stories()[0]
    places = client.get("/api/places", params={"story_id": story.id}).json()["items"]
    counted = demo_nw.rows("SELECT e.place_id, count(*) AS n FROM events e JOIN story_articles s "
                           "ON s.article_id = e.article_id WHERE s.story_id = ? AND e.place_id "
                           "IS NOT NULL GROUP BY e.place_id", [story.id])
    assert {p["place_id"]: p["events"] for p in places} == {r["place_id"]: r["n"] for r in counted}

    demands = _all(client, "/api/positions", story_id=story.id, stance="demands")
    assert demands and all(p["stance"] == "demands" and p["story_id"] == story.id for p in demands)
    assert client.get("/api/positions", params={"stance": "wants"}).status_code == 422

    facts = _all(client, "/api/facts", story_id=story.id, min_corroboration=2)
    assert facts and all(f["corroboration"] >= 2 and len(f["outlets"]) >= 2 for f in facts)
    assert {f["fact_id"] for f in _all(client, "/api/facts", story_id=story.id)} == {
        f["fact_id"] for f in demo_nw.facts(story.id)}


def test_openapi_documents_every_resource(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles",
                 "/api/articles/{article_id}", "/api/events", "/api/events/export",
                 "/api/actors", "/api/actors/{actor_id}", "/api/places", "/api/positions",
                 "/api/facts"):
        operation = paths[path]["get"]
        assert operation.get("summary") and operation.get("description"), path
        assert "200" in operation["responses"], path
        limits = [p for p in operation.get("parameters", []) if p["name"] == "limit"]
        # a page holds at most 100 rows; an export is streamed and bounded higher
        bound = EXPORT_MAX_ROWS if path.endswith("/export") else 100
        for p in limits:
            assert p["schema"]["maximum"] == bound, path
    assert not any(p.startswith(("/stories", "/articles/", "/actors")) for p in paths)
    assert client.get("/docs").status_code == 200
