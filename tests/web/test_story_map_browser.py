"""The story page's map in Chromium (issue 19, point 3), at 1280 px and on a 390 px phone:
the explorer's map, closer in: Natural Earth outlines drawn, the story's places as marks,
a mark's places and their precision named on focus and on pointing, zoom within the map."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import VIEWPORTS, watched_page

MARKS = "#story-map g.marks:not(.off) a.mark"
PRECISION_WORDS = ("(country)", "(region)", "(city)", "(feature)")


@pytest.fixture(params=["phone-390", "wide-1280"])
def tab(request, browser) -> Iterator:
    """A page at one of the two sizes; fails the test on a console or page error (a
    blocked inline script or style is one)."""
    with watched_page(browser, request.param) as page:
        yield page


def _open_story(tab, demo_url: str, demo_nw) -> list[str]:
    """Open the first story with mapped places; the names of its places (the table's)."""
    story = demo_nw.stories()[0]
    tab.goto(f"{demo_url}/stories/{story.id}")
    tab.wait_for_selector("#story-map[data-basemap-state=drawn]", timeout=30_000)
    return tab.locator("table.places tbody tr td:first-child").all_inner_texts()


def test_story_map_draws_outlines_and_marks(tab, demo_url, demo_nw):
    names = _open_story(tab, demo_url, demo_nw)
    assert names
    assert tab.locator("#story-map path.country").count() > 150
    marks = tab.locator(MARKS)
    assert marks.count() > 0
    # every place is in exactly one mark of the level shown
    shown = sum(int(n) for n in marks.evaluate_all("ms => ms.map((m) => m.dataset.places)"))
    assert shown == len(names)
    # the marks are on the picture, which fits the screen
    width = tab.evaluate("document.documentElement.clientWidth")
    box = tab.locator("#story-map").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (tab.size, box)
    for k in range(marks.count()):
        mark = marks.nth(k).locator("circle").bounding_box()
        assert mark and box["x"] <= mark["x"] + mark["width"] / 2 <= box["x"] + box["width"]
        assert box["y"] <= mark["y"] + mark["height"] / 2 <= box["y"] + box["height"]


def test_story_map_names_a_marks_places_on_focus_and_on_pointing(tab, demo_url, demo_nw):
    names = _open_story(tab, demo_url, demo_nw)
    tip = tab.locator("#story-map-tip")
    marks = tab.locator(MARKS)
    first = marks.first
    first.focus()
    label = first.get_attribute("aria-label")
    assert tip.inner_text() == label
    assert any(word in label for word in PRECISION_WORDS), label
    assert any(name in label for name in names), label
    if marks.count() > 1 and not VIEWPORTS[tab.size].get("has_touch"):
        last = marks.nth(marks.count() - 1)
        last.hover()
        assert tip.inner_text() == last.get_attribute("aria-label") != label


def test_story_map_zooms_on_its_own_buttons(tab, demo_url, demo_nw):
    _open_story(tab, demo_url, demo_nw)
    view = "e => e.getAttribute('viewBox').split(' ').map(Number)"
    before = tab.locator("#story-map").evaluate(view)
    tab.locator("[aria-controls=story-map] [data-zoom=in]").click()
    after = tab.locator("#story-map").evaluate(view)
    assert after[2] == pytest.approx(before[2] / 2, rel=0.01)
    tab.locator("[aria-controls=story-map] [data-zoom=reset]").click()
    assert tab.locator("#story-map").evaluate(view) == before


COUNTRY_UNDER_MARKS = """() => [...document.querySelectorAll('#story-map g.marks:not(.off) circle')]
  .filter((c) => { const r = c.getBoundingClientRect();
    return document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)
      .some((e) => e.classList.contains('country')); }).length"""


def test_seed_story_maps_put_places_on_their_countries(page, seeds_url, seeds_db):
    """The demo's countries are invented (at sea); the seeds' places are real, and the
    outlines drawn under their marks are those of real countries."""
    from newsweave.api import Newsweave

    with Newsweave(seeds_db) as nw:
        stories = [s.id for s in nw.stories()]
    on_land = 0
    for story in stories:
        page.goto(f"{seeds_url}/stories/{story}")
        if not page.locator("#story-map").count():
            continue
        page.wait_for_selector("#story-map[data-basemap-state=drawn]", timeout=30_000)
        # elementsFromPoint sees only what is in the viewport
        page.locator("#story-map").scroll_into_view_if_needed()
        on_land += page.evaluate(COUNTRY_UNDER_MARKS)
    assert on_land > 0, "no seed story's mark lies on a country outline"
