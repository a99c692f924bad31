"""The web pages in a real headless Chromium (Debian's), driven by Python Playwright.

A uvicorn server runs the app on 127.0.0.1 on a free port in a background
thread and stops when the test session ends (tests/browser.py; the ``browser``
and ``page`` fixtures are in tests/conftest.py). Every page is checked for console
errors; screenshots go to tests/e2e/screenshots/ (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.api import Newsweave
from tests.browser import serve
from tests.web._databases import private_copy, seeds_database

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="session")
def web_db(demo_db: Path) -> Path:
    """The demo database, copied: the server holds it open for the whole session."""
    return private_copy(demo_db)


@pytest.fixture(scope="session")
def demo_url(web_db: Path, browser) -> Iterator[str]:
    yield from serve(web_db)


@pytest.fixture(scope="session")
def seeds_url(browser) -> Iterator[str]:
    db = seeds_database()
    if db is None:
        pytest.skip("../shared/seeds is not present")
    yield from serve(db)


def _shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_story_list_search_and_filter(page, demo_url, web_db):
    with Newsweave(web_db) as nw:
        stories = nw.stories()
    page.goto(demo_url + "/")
    assert page.locator("#story-count").inner_text() == f"{len(stories)} stories"
    assert page.locator("a.story-link").count() == len(stories)
    _shot(page, "story-list")

    page.fill("input[name=q]", "tariff")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*q=tariff*")
    found = page.locator("a.story-link").all_inner_texts()
    assert 0 < len(found) < len(stories)
    assert page.locator("input[name=q]").input_value() == "tariff"
    _shot(page, "story-list-search")

    # a filter menu applies on change (the page's little script submits the form)
    page.goto(demo_url + "/")
    outlet = stories[-1].outlets[0]
    with page.expect_navigation():
        page.select_option("select[name=outlet]", outlet)
    assert "outlet=" in page.url
    rows = page.locator("#stories tbody tr")
    expected = [s for s in stories if outlet in s.outlets]
    assert rows.count() == len(expected) < len(stories)
    for k in range(rows.count()):
        assert outlet in rows.nth(k).locator(".badge").all_inner_texts()
    _shot(page, "story-list-filter")


def test_story_to_article_and_back(page, demo_url, web_db):
    with Newsweave(web_db) as nw:
        story = nw.stories()[0]
    page.goto(demo_url + "/")
    page.click(f"a.story-link[href='/stories/{story.id}']")
    page.wait_for_url(f"**/stories/{story.id}")
    assert page.locator("h1#story-title").inner_text() == story.title
    assert page.locator("#shared-facts tr.fact").count() > 0
    assert page.locator("#conflicts .conflict .side").count() >= 2
    timeline_points = page.locator("svg.timeline-chart circle.point").count()
    assert timeline_points == page.locator("ol.timeline li").count() > 0
    # the story map: every place of the table in one mark of the zoom level shown
    marks = page.locator("#story-map g.marks:not(.off) a.mark")
    assert sum(int(n) for n in marks.evaluate_all("ms => ms.map((m) => m.dataset.places)")) \
        == page.locator("table.places tbody tr").count() > 0
    # the coverage grid: a column per independent outlet, and something left out
    assert page.locator("#coverage-grid thead th.cov-outlet").count() == len(
        page.locator("ul.cov-outlets > li").all())
    assert page.locator("#coverage-grid td.cov-left_out").count() > 0
    assert page.locator("#coverage li.omission").count() > 0
    _shot(page, "story")

    first = page.locator("a.article-link").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1#article-title").inner_text() == title
    assert page.locator("#article-body .seg.claim").count() > 0
    removed = page.locator("details#removed")
    assert removed.get_attribute("open") is None
    removed.locator("summary").click()
    assert removed.get_attribute("open") is not None
    _shot(page, "article")

    page.go_back()
    page.wait_for_url(f"**/stories/{story.id}")
    assert page.locator("h1#story-title").inner_text() == story.title

    # an outlet badge on a fact opens that outlet's report at the evidence
    page.locator("#shared-facts tr.fact a.badge").first.click()
    page.wait_for_url("**/articles/*hl=*")
    target = page.locator("#article-body .seg.target")
    assert target.count() > 0 and target.first.is_visible()
    _shot(page, "article-evidence")
    page.locator("#back-to-story").click()
    page.wait_for_url(f"**/stories/{story.id}")


def test_actor_page(page, demo_url):
    page.goto(demo_url + "/actors")
    page.fill("input[name=q]", "grenick")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/actors?q=grenick")
    page.click("#actors a[href='/actors/person:pavla-grenick']")
    page.wait_for_url("**/actors/person:pavla-grenick")
    assert page.locator("h1#actor-name").inner_text() == "Pavla Grenick"
    assert "Emergency Services Minister" in page.locator("#roles").inner_text()
    assert page.locator("#events tbody tr").count() > 0
    assert page.locator("#stories li a").count() > 0
    _shot(page, "actor")


def test_every_demo_page_loads_without_errors(page, demo_url, web_db):
    with Newsweave(web_db) as nw:
        paths = [f"/stories/{s.id}" for s in nw.stories()]
        paths += [f"/articles/{r['id']}" for r in nw.rows("SELECT id FROM articles")]
        paths += [f"/actors/{a.id}" for a in nw.actors()[:10]]
    for path in paths:
        response = page.goto(demo_url + path)
        assert response is not None and response.status == 200, path
        assert page.locator("h1").count() == 1, path


def test_seed_story_shows_both_outlets_and_a_conflict(page, seeds_url):
    db = seeds_database()
    with Newsweave(db) as nw:
        story = nw.stories()[0]
        outlets = sorted({o for s in nw.stories() for o in s.outlets})
    page.goto(seeds_url + "/")
    page.click(f"a.story-link[href='/stories/{story.id}']")
    page.wait_for_url(f"**/stories/{story.id}")
    rows = page.locator("#shared-facts tr.fact")
    both = [k for k in range(rows.count())
            if set(outlets) <= set(rows.nth(k).locator(".badge").all_inner_texts())]
    assert both, "no shared fact shows both outlets"
    conflicts = page.locator("#conflicts .conflict")
    side_by_side = []
    for k in range(conflicts.count()):
        sides = conflicts.nth(k).locator(".side")
        boxes = [sides.nth(i).bounding_box() for i in range(sides.count())]
        names = {sides.nth(i).locator(".badge").inner_text() for i in range(sides.count())}
        # side by side: the sides share a row on screen
        if len(names) >= 2 and len({round(b["y"]) for b in boxes[:2]}) == 1:
            side_by_side.append(k)
    assert side_by_side, "no conflict with two outlets side by side"
    assert page.locator("svg.timeline-chart circle.point").count() > 0
    assert page.locator("#story-map g.marks:not(.off) a.mark").count() > 0
    _shot(page, "seeds-story")
    page.locator("a.article-link").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("#article-body .seg").count() > 0
    _shot(page, "seeds-article")
