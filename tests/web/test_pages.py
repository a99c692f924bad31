"""The server-rendered pages for the demo corpus, the seeds, and hostile text."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from newsweave.api import Newsweave
from newsweave.corpus.update import rebuild_corpus
from newsweave.store import ArticleWriter, connect
from newsweave.web import create_app
from tests.conftest import make_result
from tests.web._databases import LOCAL


class _Tags(HTMLParser):
    """Collects elements by class, with their text, to read pages as a person would."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, set[str], list[str]]] = []
        self.found: list[tuple[str, set[str], str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "circle", "line", "rect"):
            classes = set((dict(attrs).get("class") or "").split())
            self.found.append((tag, classes, ""))
            return
        self.stack.append((tag, set((dict(attrs).get("class") or "").split()), []))

    def handle_endtag(self, tag):
        while self.stack:
            name, classes, text = self.stack.pop()
            joined = "".join(text)
            self.found.append((name, classes, joined))
            if self.stack:
                self.stack[-1][2].append(joined)
            if name == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)


def _by_class(html: str, cls: str, tag: str | None = None) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return [text for name, classes, text in parser.found
            if cls in classes and (tag is None or name == tag)]


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', html, re.DOTALL)
    assert match, section_id
    return match.group(1)


def test_story_list_page_searches_and_filters(client, demo_nw):
    page = client.get("/").text
    stories = demo_nw.stories()
    assert all(s.title in page for s in stories)
    assert f"{len(stories)} stories" in page
    searched = client.get("/", params={"q": "tariff"}).text
    titles = _by_class(searched, "story-link")
    assert titles and all("tariff" in t.lower() or "accord" in t.lower() for t in titles)
    assert len(titles) < len(stories)
    filtered = client.get("/", params={"event_type": "PROTEST", "q": "", "outlet": ""}).text
    assert 0 < len(_by_class(filtered, "story-link")) < len(stories)
    assert client.get("/", params={"date_from": "soon"}).status_code == 400


def test_story_page_shows_the_brief(client, demo_nw):
    story = demo_nw.stories()[0]
    brief = json.loads(demo_nw.brief(story.id, "json"))
    html = client.get(f"/stories/{story.id}").text
    shared = [f for f in brief["facts"] if not f["single_source"]]
    facts = _section(html, "facts")
    assert len(re.findall(r'<tr class="fact"', facts)) == len(shared)
    first = shared[0]
    row = facts.split(f'id="fact-{first["fact_id"]}"')[1].split("</tr>")[0]
    for outlet in first["outlets"]:
        assert f'title="{outlet}"' in row.replace("&#39;", "'")
    assert "✔" * first["corroboration"] in row
    conflicts = _section(html, "conflicts")
    assert conflicts.count('class="conflict"') == len(brief["conflicts"])
    assert conflicts.count('class="side"') == sum(len(c["sides"]) for c in brief["conflicts"])
    positions = _section(html, "positions")
    for party in brief["positions"]:
        assert f'/actors/{party["party"]}' in positions


def test_story_page_timeline_and_map_show_the_story_events(client, demo_nw):
    story = demo_nw.stories()[0]
    brief = json.loads(demo_nw.brief(story.id, "json"))
    html = client.get(f"/stories/{story.id}").text
    timeline = _section(html, "timeline")
    assert timeline.count('class="point"') == len(brief["timeline"]) > 0
    for item in brief["timeline"]:
        assert f'data-kind="{item["event"]}"' in timeline
    places = demo_nw.rows("SELECT DISTINCT p.id, p.name, p.feature_class FROM events e "
                          "JOIN story_articles s ON s.article_id = e.article_id JOIN places p "
                          "ON p.id = e.place_id WHERE s.story_id = ? AND p.lat IS NOT NULL",
                          [story.id])
    assert places
    _assert_world_map(_section(html, "map"), "story-map", places)
    # no tile server, no CDN: every URL the page loads is its own
    assert not re.search(r'(src|href)="(https?:)?//', html)


def _map_levels(map_html: str) -> dict[int, list[dict[str, str]]]:
    """Each zoom level's marks as their attributes (``data-places``, ``aria-label``, ...)."""
    levels = {}
    for level, body in re.findall(r'<g class="marks[^"]*" data-level="(\d+)">(.*?)</g>',
                                  map_html, re.DOTALL):
        levels[int(level)] = [dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
                              for tag in re.findall(r'<a class="mark[^>]*>', body)]
    return levels


def _assert_world_map(map_html: str, svg_id: str, places: list[dict]) -> None:
    """The explorer's kind of map: Natural Earth outlines to draw, every place in one mark
    of each zoom level, and each place's name and precision in its deepest mark's label."""
    from newsweave.web.geo import MAX_LEVEL, PRECISIONS, place_precision

    assert f'<svg id="{svg_id}" class="world-map"' in map_html
    assert 'data-basemap="/map/countries.json"' in map_html
    assert f'data-places="{len(places)}"' in map_html
    assert 'class="place-point"' not in map_html and 'class="towns"' not in map_html
    levels = _map_levels(map_html)
    assert sorted(levels) == list(range(MAX_LEVEL + 1))
    for level, marks in levels.items():
        assert sum(int(m["data-places"]) for m in marks) == len(places), level
    labels = " ".join(m["aria-label"] for m in levels[MAX_LEVEL]).replace("&#39;", "'")
    for place in places:
        precision = PRECISIONS[place_precision(place["id"], place["feature_class"])]
        assert f"{place['name']} ({precision}):" in labels, place
    single = [m for m in levels[MAX_LEVEL] if m["data-places"] == "1"]
    assert single and all(m["href"].startswith("#place-") for m in single)


def test_article_page_highlights_evidence_and_folds_boilerplate(client, demo_nw):
    row = demo_nw.rows("SELECT a.id, len(a.removed) AS removed FROM articles a "
                       "ORDER BY len(a.removed) DESC, a.id LIMIT 1")[0]
    claim = demo_nw.rows("SELECT start, \"end\", text FROM claims WHERE article_id = ? "
                         "AND part = 'body' ORDER BY start LIMIT 1", [row["id"]])[0]
    html = client.get(f"/articles/{row['id']}",
                      params={"hl": f"{claim['start']}-{claim['end']}"}).text
    assert f'id="s-{claim["start"]}-{claim["end"]}"' in html
    body = _by_class(html, "body", "article")[0]
    body_text = demo_nw.rows("SELECT body FROM articles WHERE id = ?", [row["id"]])[0]["body"]
    assert body == body_text
    target = "".join(_by_class(html, "target"))
    assert target == claim["text"]
    assert _by_class(html, "claim") and _by_class(html, "event")
    details = re.search(r'<details class="removed".*?</details>', html, re.DOTALL).group(0)
    assert details.count("<li>") == row["removed"] > 0
    assert client.get("/articles/none").status_code == 404
    bad = client.get(f"/articles/{row['id']}", params={"hl": "x"})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html")


def test_actor_pages(client, demo_nw):
    html = client.get("/actors/person:pavla-grenick").text
    assert "Pavla Grenick" in html and "Emergency Services Minister" in _section(html, "roles")
    ids = {"person:pavla-grenick"} | {r["actor_id"] for r in demo_nw.rows(
        "SELECT actor_id FROM actor_map WHERE canonical_id = 'person:pavla-grenick'")}
    events = sum(1 for e in demo_nw.events() if ids & set(e.actors + e.recipients))
    assert events > 0
    assert _section(html, "events").count("<tr>") == events + 1
    listing = client.get("/actors", params={"q": "veskar"}).text
    assert "Government of Veskaria" in listing and "Pavla Grenick" not in listing
    missing = client.get("/actors/person:nobody")
    assert missing.status_code == 404 and "person:nobody" in missing.text


def test_every_demo_page_renders(client, demo_nw):
    urls = ["/", "/actors"]
    urls += [f"/stories/{s.id}" for s in demo_nw.stories()]
    urls += [f"/articles/{r['id']}" for r in demo_nw.rows("SELECT id FROM articles")]
    urls += [f"/actors/{a.id}" for a in demo_nw.actors()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1" in response.text, url


def test_text_from_reports_is_escaped(tmp_path):
    db = tmp_path / "hostile.duckdb"
    texts = ["Quorvel <script>alert('x')</script> councillors met on Tuesday.",
             "Quorvel <img src=x onerror=alert(1)> councillors met again on Tuesday."]
    conn = connect(db)
    with ArticleWriter(conn) as writer:
        for k, text in enumerate(texts):
            writer.write(make_result(text, outlet=f"<b>Outlet {k}</b>",
                                     published=dt.date(2031, 3, 14)))
    rebuild_corpus(conn)
    conn.close()
    with Newsweave(db) as nw:
        story_ids = [s.id for s in nw.stories()]
        article_ids = [r["id"] for r in nw.rows("SELECT id FROM articles")]
    with TestClient(create_app(db), base_url=LOCAL) as hostile:
        for url in ["/", *(f"/stories/{s}" for s in story_ids),
                    *(f"/articles/{a}" for a in article_ids), "/actors"]:
            html = hostile.get(url).text
            assert "<script>alert" not in html and "<img src=x" not in html, url
            assert "<b>Outlet" not in html, url
        page = hostile.get(f"/articles/{article_ids[0]}").text
        assert "&lt;" in page and "&lt;b&gt;Outlet" in page


def test_seed_pages_show_both_outlets_and_a_conflict(seeds_client, seeds_db):
    with Newsweave(seeds_db) as nw:
        stories = nw.stories()
        outlets = sorted({o for s in stories for o in s.outlets})
        article_ids = [r["id"] for r in nw.rows("SELECT id FROM articles")]
        actor_ids = [a.id for a in nw.actors()]
    assert len(outlets) >= 2
    for url in ["/", "/actors", *(f"/stories/{s.id}" for s in stories),
                *(f"/articles/{a}" for a in article_ids), *(f"/actors/{a}" for a in actor_ids)]:
        assert seeds_client.get(url).status_code == 200, url
    html = seeds_client.get(f"/stories/{stories[0].id}").text
    facts = _section(html, "facts")
    rows = re.findall(r'<tr class="fact" id=.*?</tr>', facts, re.DOTALL)
    both = [r for r in rows if all(f'title="{o}"' in r for o in outlets)]
    assert both, "no shared fact names both outlets"
    sides = [set(re.findall(r'class="side">\s*<div><span class="badge[^"]*"[^>]*title="([^"]+)"', c))
             for c in re.findall(r'<div class="conflict".*?(?=<div class="conflict"|</section>)',
                                 _section(html, "conflicts"), re.DOTALL)]
    assert any(len(s) >= 2 for s in sides), "no conflict with two outlets side by side"
    timeline = _section(html, "timeline")
    assert timeline.count('class="point"') > 0
    assert _map_levels(_section(html, "map"))[0], "no mark on the seeds' story map"


@pytest.mark.parametrize("path", ["/static/style.css", "/static/app.js", "/favicon.ico"])
def test_static_files_are_served(client, path):
    assert client.get(path).status_code == 200
