"""Every row traceable (issue 19, point 5): the original URL is a safe link, no server
path on any page, dates as precise as the text, conflict headings that name the fact."""

from __future__ import annotations

import re
from pathlib import Path

from newsweave.web.routers.pages import file_name, shown_date, web_url


def test_the_original_url_is_a_link(page, demo_url, demo_nw):
    row = demo_nw.rows("SELECT id, url FROM articles WHERE url LIKE 'http%' LIMIT 1")[0]
    page.goto(f"{demo_url}/articles/{row['id']}")
    link = page.locator("a#original-url")
    assert link.get_attribute("href") == row["url"]
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert link.inner_text() == row["url"]


def test_only_web_addresses_become_links():
    assert web_url("https://cobalt-chronicle.test/news/1")
    assert web_url("HTTP://example.test")
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "file:///etc/passwd",
                "data:text/html,x", "//example.test", "example.test", "", None):
        assert not web_url(bad), bad


def test_no_server_path_on_any_page(client, demo_nw):
    rows = demo_nw.rows("SELECT id, source_path FROM articles")
    folders = {str(Path(r["source_path"]).parent) for r in rows if r["source_path"]}
    assert folders and all(f not in ("", ".") for f in folders)
    paths = ["/", "/actors", *(f"/stories/{s.id}" for s in demo_nw.stories()),
             *(f"/articles/{r['id']}" for r in rows),
             *(f"/actors/{a.id}" for a in demo_nw.actors()[:10])]
    for path in paths:
        html = client.get(path).text
        for folder in folders:
            assert folder not in html, path
    article = client.get(f"/articles/{rows[0]['id']}").text
    assert file_name(rows[0]["source_path"]) in article


def test_month_and_year_dates_are_shown_as_such(page, demo_url, demo_nw):
    rows = demo_nw.rows("SELECT DISTINCT article_id FROM events "
                        "WHERE date_precision IN ('month', 'year')")
    assert rows
    for row in rows:
        events = demo_nw.rows("SELECT date, date_precision FROM events WHERE article_id = ? "
                              "ORDER BY start", [row["article_id"]])
        page.goto(f"{demo_url}/articles/{row['article_id']}")
        shown = page.locator("table.list tbody tr td.nowrap").all_inner_texts()
        assert shown == [shown_date(e["date"], e["date_precision"]) if e["date"] else ""
                         for e in events], row
    story = demo_nw.rows("SELECT sa.story_id FROM events e JOIN story_articles sa "
                         "ON sa.article_id = e.article_id WHERE e.date_precision = 'month' "
                         "AND NOT e.background AND len(e.actors) > 0 LIMIT 1")[0]["story_id"]
    page.goto(f"{demo_url}/stories/{story}")
    dates = page.locator("ol.timeline .date").all_inner_texts()
    assert any(re.fullmatch(r"\d{4}-\d{2}", d) for d in dates), dates


def test_shown_date():
    import datetime as dt

    day = dt.date(2031, 3, 14)
    assert shown_date(day) == shown_date(day, "day") == "2031-03-14"
    assert shown_date(day, "month") == "2031-03"
    assert shown_date(day, "year") == "2031"
    assert shown_date(None, "year") == "undated"


def test_conflict_headings_name_the_fact_not_a_unit(page, demo_url, demo_nw):
    checked = 0
    for story in demo_nw.stories():
        conflicts = [c for c in demo_nw.rows(
            "SELECT c.kind, c.topic, f.statement FROM conflicts c JOIN facts f "
            "ON f.id = c.fact_id WHERE c.story_id = ? AND c.kind = 'number'", [story.id])]
        if not conflicts:
            continue
        page.goto(f"{demo_url}/stories/{story.id}")
        headings = page.locator("#conflicts .conflict h3 .topic").all_inner_texts()
        for c in conflicts:
            assert c["statement"] in headings, (c, headings)
            checked += 1
        # no heading is a bare unit such as "people" or "day"
        assert all(len(h.split()) > 1 for h in headings), headings
        # a number conflict's heading links to its fact
        link = page.locator("#conflicts .conflict h3 .topic a").first
        target = link.get_attribute("href")
        assert target.startswith("#fact-") and page.locator(target).count() == 1
    assert checked > 0


def test_timeline_rows_and_positions_link_to_their_spans(page, demo_url, demo_nw):
    story = demo_nw.stories()[0]
    page.goto(f"{demo_url}/stories/{story.id}")
    rows = page.locator("ol.timeline li")
    assert rows.count() > 0
    for k in range(rows.count()):
        badges = rows.nth(k).locator(".badge")
        links = rows.nth(k).locator("a.badge")
        assert links.count() == badges.count() > 0, rows.nth(k).inner_text()
        assert all("/articles/" in h and "hl=" in h
                   for h in (links.nth(i).get_attribute("href") for i in range(links.count())))
    position_links = page.locator("table.positions a.badge")
    assert position_links.count() > 0
    assert position_links.count() == page.locator("table.positions .badge").count()
    # a position's outlet opens the report at its quotation
    position_links.first.click()
    page.wait_for_url("**/articles/*hl=*")
    target = page.locator("#article-body .seg.target")
    assert target.count() > 0 and target.first.is_visible()
    page.go_back()
    rows.first.locator("a.badge").first.click()
    page.wait_for_url("**/articles/*hl=*")
    assert page.locator("#article-body .seg.target").count() > 0


def test_names_in_an_article_link_to_their_actor_page(page, demo_url, demo_nw):
    row = demo_nw.rows("SELECT m.article_id, count(*) AS n FROM mentions m "
                       "WHERE m.actor_id IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 1")[0]
    page.goto(f"{demo_url}/articles/{row['article_id']}")
    names = page.locator("#article-body a.seg[href^='/actors/']")
    assert names.count() > 0
    # the article's text reads the same as before: links add no characters
    body = demo_nw.rows("SELECT body FROM articles WHERE id = ?", [row["article_id"]])[0]["body"]
    assert page.locator("#article-body").inner_text().strip() == body.strip()
    name = names.first.inner_text()
    names.first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1#actor-name").count() == 1
    assert page.locator("h1#actor-name").inner_text()
    assert name


def test_every_name_link_opens_an_actor_page(client, demo_nw):
    hrefs: set[str] = set()
    for row in demo_nw.rows("SELECT id FROM articles"):
        html = client.get(f"/articles/{row['id']}").text
        hrefs |= set(re.findall(r'<a class="seg[^"]*" href="(/actors/[^"]+)"', html))
    assert hrefs
    for href in sorted(hrefs):
        assert client.get(href).status_code == 200, href


def _api_paths(client, demo_nw) -> list[str]:
    """Every API answer of the demo store that could carry an article's input path: each
    list, each story's brief, each article and actor, the exports and the schema."""
    stories = [s.id for s in demo_nw.stories()]
    articles = [r["id"] for r in demo_nw.rows("SELECT id FROM articles")]
    actors = [a.id for a in demo_nw.actors()[:10]]
    lists = ["/api/stories", "/api/articles", "/api/events", "/api/facts", "/api/places",
             "/api/positions", "/api/actors"]
    return [*(f"{p}?limit=100" for p in lists), *(f"/api/stories/{s}" for s in stories),
            *(f"/api/articles/{a}" for a in articles), *(f"/api/actors/{a}" for a in actors),
            *(f"/api/events/export?format={f}" for f in ("jsonl", "csv", "plover")),
            "/openapi.json", "/explore", "/explore?background=any"]


def test_no_response_names_the_demo_folder(client, demo_nw):
    """Not the API either: an article's ``source_file`` is its file name, never the path."""
    from newsweave.config import demo_corpus_dir

    folder = str(demo_corpus_dir().resolve())
    stored = demo_nw.rows("SELECT source_path FROM articles WHERE source_path IS NOT NULL")
    assert stored and all(folder in r["source_path"] for r in stored), "the test sees no path"
    for path in _api_paths(client, demo_nw):
        response = client.get(path)
        assert response.status_code == 200, path
        assert folder not in response.text, path
        assert folder.replace("/", "\\/") not in response.text, path
    first = demo_nw.rows("SELECT id, source_path FROM articles ORDER BY id LIMIT 1")[0]
    article = client.get(f"/api/articles/{first['id']}").json()
    assert "source_path" not in article
    assert article["source_file"] == Path(first["source_path"]).name


def test_public_source_ids_keep_web_addresses_and_cut_paths():
    from newsweave.web.queries import public_source_id, source_file

    assert public_source_id("/srv/news/in/report.html") == "report.html"
    assert public_source_id("/srv/news/feed.xml:3") == "feed.xml:3"
    assert public_source_id("https://example.test/a/b") == "https://example.test/a/b"
    assert public_source_id("reuters-123") == "reuters-123"
    assert public_source_id(None) is None and source_file("") is None
