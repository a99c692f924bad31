"""Phones and zoom (issue 19, point 4): every page type fits a 390 px phone and a window
zoomed to 200 % (640 CSS px wide) with no sideways scrolling; tables become stacked
cards, each cell labelled with its column."""

from __future__ import annotations

import pytest

from tests.browser import OVERFLOW_JS, VIEWPORTS, watched_page

# a phone, and a 1280 x 900 window at 200 % zoom
SIZES = ("phone-390", "zoom-200")


def _page_types(nw) -> list[str]:
    """One address of every page type (every story: they differ most), the events
    explorer, the longest URL's article, and the error page."""
    article = nw.rows("SELECT id FROM articles ORDER BY length(url) DESC NULLS LAST, "
                      "length(title) DESC LIMIT 1")[0]["id"]
    actor = max(nw.actors()[:20], key=lambda a: len(a.id)).id
    return ["/", "/explore", "/actors", *(f"/stories/{s.id}" for s in nw.stories()),
            f"/articles/{article}", f"/actors/{actor}", "/stories/no-such-story", "/docs"]


def _assert_no_sideways_scrolling(browser, base: str, paths: list[str], size: str) -> None:
    # the error page's own 404 is the page working, not an error
    with watched_page(browser, size, ignore=lambda text: "status of 404" in text) as tab:
        for path in paths:
            tab.goto(base + path)
            if path == "/docs":
                tab.wait_for_selector(".swagger-ui .opblock")
            found = tab.evaluate(OVERFLOW_JS)
            assert found["scroll"] <= found["width"], (size, path, found)
            assert found["wide"] == [], (size, path, found)
            assert found["unclipped"] == [], (size, path, found)


@pytest.mark.parametrize("size", SIZES)
def test_no_page_scrolls_sideways(browser, demo_url, demo_nw, size):
    _assert_no_sideways_scrolling(browser, demo_url, _page_types(demo_nw), size)


@pytest.mark.parametrize("size", SIZES)
def test_no_seed_page_scrolls_sideways(browser, seeds_url, seeds_db, size):
    """The seeds: real-world lengths of titles, URLs and outlet names."""
    from newsweave.api import Newsweave

    with Newsweave(seeds_db) as nw:
        paths = ["/", "/actors", *(f"/stories/{s.id}" for s in nw.stories()),
                 *(f"/articles/{r['id']}" for r in nw.rows("SELECT id FROM articles"))]
    _assert_no_sideways_scrolling(browser, seeds_url, paths, size)


@pytest.mark.parametrize("size", SIZES)
def test_tables_become_labelled_cards(browser, demo_url, demo_nw, size):
    context = browser.new_context(**VIEWPORTS[size])
    tab = context.new_page()
    try:
        tab.goto(demo_url + "/")
        row = tab.locator("#stories tbody tr").first
        assert row.evaluate("e => getComputedStyle(e).display") == "block"
        cells = row.locator("td")
        labels = [cells.nth(k).evaluate("e => getComputedStyle(e, '::before').content")
                  for k in range(cells.count())]
        assert labels[1] == '"dates: "' and labels[2] == '"reports: "', labels
        # the cards stack: the second cell sits below the first, not beside it
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert second["y"] >= first["y"] + first["height"] - 1
        story = demo_nw.stories()[0]
        tab.goto(f"{demo_url}/stories/{story.id}")
        sides = tab.locator(".conflict .sides").first
        assert sides.evaluate("e => getComputedStyle(e).gridTemplateColumns.split(' ').length") == 1
    finally:
        context.close()


def test_wide_screens_keep_their_tables(page, demo_url):
    page.goto(demo_url + "/")
    assert page.locator("#stories tbody tr").first.evaluate(
        "e => getComputedStyle(e).display") == "table-row"
