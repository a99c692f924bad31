"""The events explorer in Chromium (issue 19, points 1 and 3), at 1280 px, on a 390 px
phone and in a window zoomed to 200 %: the filters change the table, the map draws
country outlines and marks and zooms, the timeline renders, the downloads carry the
filters, and nothing scrolls sideways."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import OVERFLOW_JS, VIEWPORTS, watched_page

VIEW_JS = "e => e.getAttribute('viewBox').split(' ').map(Number)"
VISIBLE_MARKS = "#map g.marks:not(.off) a.mark"


@pytest.fixture(params=sorted(VIEWPORTS))
def tab(request, browser) -> Iterator:
    """A page at one of the three sizes; fails the test on a console or page error."""
    with watched_page(browser, request.param, accept_downloads=True) as page:
        yield page


def _open(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("#map[data-basemap-state=drawn]", timeout=30_000)


def _total(tab) -> int:
    return int(tab.locator("#event-count").inner_text().split()[0])


def _assert_fits(tab) -> None:
    found = tab.evaluate(OVERFLOW_JS)
    assert found["scroll"] <= found["width"] and found["wide"] == [], (tab.size, found)


def _mark_sizes_on_screen(tab) -> list[float]:
    return tab.locator(VISIBLE_MARKS + " circle").evaluate_all(
        "cs => cs.map((c) => c.getBoundingClientRect().width)")


def _mark_sizes_wanted(tab) -> list[float]:
    """Each visible mark's diameter in screen pixels, as the page asks for it."""
    return tab.locator(VISIBLE_MARKS + " circle").evaluate_all(
        "cs => cs.map((c) => 2 * Number(c.dataset.r))")


def test_filters_change_the_table(tab, demo_url):
    _open(tab, demo_url + "/explore")
    total = _total(tab)
    types = tab.locator("#event-table tbody tr .event-type").all_inner_texts()
    # a type that is not the first row's, so that the table visibly changes
    choice = next(t for t in tab.locator("select[name=event_type] option").all_inner_texts()
                  if t not in ("any", types[0]))
    tab.select_option("select[name=event_type]", choice)
    tab.fill("input[name=min_confidence]", "0")
    with tab.expect_navigation():
        tab.click("#explore-filters button[type=submit]")
    query = parse_qs(urlsplit(tab.url).query)
    assert query["event_type"] == [choice] and query["min_confidence"] == ["0"]
    shown = tab.locator("#event-table tbody tr .event-type").all_inner_texts()
    assert shown and set(shown) == {choice}
    assert _total(tab) < total
    # the filtered view is its URL: opened afresh, it shows the same
    _open(tab, tab.url)
    assert tab.locator("select[name=event_type]").input_value() == choice
    assert set(tab.locator("#event-table tbody tr .event-type").all_inner_texts()) == {choice}
    _assert_fits(tab)


def test_rows_open_the_article_at_the_evidence_span(tab, demo_url):
    _open(tab, demo_url + "/explore")
    link = tab.locator("#event-table tbody tr a.evidence").first
    quote = link.inner_text().strip("“”").rstrip(".").split("...")[0][:40]
    link.click()
    tab.wait_for_load_state()
    target = tab.locator(".seg.target")
    assert target.count() >= 1
    assert quote[:20] in " ".join(target.all_inner_texts())


def test_map_draws_outlines_and_marks_and_zooms(tab, demo_url):
    _open(tab, demo_url + "/explore")
    svg = tab.locator("#map")
    assert tab.locator("#map path.country").count() > 200
    # an outline is drawn with a real shape on screen (not an empty path)
    box = tab.locator("#map path.country[data-iso=BRA]").bounding_box()
    assert box and box["width"] > 20 and box["height"] > 20
    marks = tab.locator(VISIBLE_MARKS)
    assert marks.count() > 0
    assert _mark_sizes_on_screen(tab) == pytest.approx(_mark_sizes_wanted(tab), abs=1)
    before = svg.evaluate(VIEW_JS)
    level = int(svg.get_attribute("data-level"))
    tab.click("button[data-zoom=in]")
    after = svg.evaluate(VIEW_JS)
    assert after[2] == pytest.approx(before[2] / 2, rel=0.01)
    assert int(svg.get_attribute("data-level")) == level + 1
    # marks keep their size on screen as the map zooms
    assert _mark_sizes_on_screen(tab) == pytest.approx(_mark_sizes_wanted(tab), abs=1)
    # keyboard: + zooms in, an arrow pans, 0 goes back
    svg.focus()
    tab.keyboard.press("+")
    assert svg.evaluate(VIEW_JS)[2] == pytest.approx(before[2] / 4, rel=0.01)
    x = svg.evaluate(VIEW_JS)[0]
    tab.keyboard.press("ArrowRight")
    assert svg.evaluate(VIEW_JS)[0] > x
    tab.keyboard.press("0")
    assert svg.evaluate(VIEW_JS) == pytest.approx(before)
    # the wheel zooms out around the pointer
    if tab.size == "wide-1280":
        box = svg.bounding_box()
        tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tab.mouse.wheel(0, 200)
        assert svg.evaluate(VIEW_JS)[2] > before[2]
    _assert_fits(tab)


def test_nearby_places_cluster_and_separate_when_zoomed(tab, demo_url):
    _open(tab, demo_url + "/explore?background=any")
    svg = tab.locator("#map")
    tab.click("button[data-zoom=reset]")
    for _ in range(3):
        tab.click("button[data-zoom=out]")
    assert svg.get_attribute("data-level") == "0"
    world = tab.locator(VISIBLE_MARKS).count()
    cluster = tab.locator(VISIBLE_MARKS + ".cluster").first
    assert cluster.count() == 1, "the whole world groups the demo's nearby places"
    cluster.dispatch_event("click")
    assert int(svg.get_attribute("data-level")) >= 1
    assert tab.locator(VISIBLE_MARKS).count() > world


def test_a_mark_names_its_places_and_precision_on_focus(tab, demo_url):
    _open(tab, demo_url + "/explore")
    tip = tab.locator("#map-tip")
    mark = tab.locator(VISIBLE_MARKS).first
    mark.focus()
    text = tip.inner_text()
    assert "event" in text and any(f"({p})" in text
                                   for p in ("city", "region", "country", "feature"))
    assert mark.locator("circle title").first.text_content() in text or "places" in text


def test_timeline_renders_and_a_bar_filters(tab, demo_url):
    _open(tab, demo_url + "/explore")
    bars = tab.locator("#timeline-chart rect.bar")
    assert bars.count() > 0
    # the tallest stack of bars stands up to half the axis or more (the axis ends at a round
    # number above it): it has a real height on screen
    stacks = bars.evaluate_all("""bars => {
      const sums = {};
      for (const b of bars) {
        const r = b.getBoundingClientRect();
        sums[Math.round(r.left)] = (sums[Math.round(r.left)] || 0) + r.height;
      }
      return Object.values(sums);
    }""")
    ticks = tab.locator("#timeline-chart .tick").evaluate_all(
        "ticks => ticks.map((t) => t.getBoundingClientRect().top)")
    axis = max(ticks) - min(ticks)
    assert max(stacks) > 40 and axis / 2 - 1 <= max(stacks) <= axis + 1
    assert tab.locator("#timeline-legend li").count() >= 2
    bar = bars.first
    event = bar.get_attribute("data-event")
    bar.dispatch_event("click")
    tab.wait_for_url("**/explore?**")
    query = parse_qs(urlsplit(tab.url).query)
    assert query["event_type"] == [event] and "date_from" in query and "date_to" in query
    assert set(tab.locator("#event-table tbody tr .event-type").all_inner_texts()) == {event}
    _assert_fits(tab)


def test_download_links_carry_the_filters_and_return_data(tab, demo_url):
    _open(tab, demo_url + "/explore?event_type=AGREE&min_confidence=0.5")
    total = _total(tab)
    assert total > 0
    links = tab.locator("#downloads a.download")
    assert links.count() == 3
    for k in range(3):
        query = parse_qs(urlsplit(links.nth(k).get_attribute("href")).query)
        assert query["event_type"] == ["AGREE"] and query["min_confidence"] == ["0.5"]
    with tab.expect_download() as info:
        tab.locator("#downloads a[data-format=csv]").click()
    download = info.value
    assert download.suggested_filename == "events.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == total and {r["event"] for r in rows} == {"AGREE"}
    plover = tab.request.get(demo_url + tab.locator("#downloads a[data-format=plover]")
                             .get_attribute("href"))
    assert plover.ok and len(plover.text().splitlines()) == total


def test_the_explorer_fits_without_sideways_scrolling(tab, demo_url):
    for path in ("/explore", "/explore?background=any&min_confidence=0", "/explore?page=2",
                 "/explore?place=no-such-place"):
        _open(tab, demo_url + path)
        _assert_fits(tab)
    if tab.size != "wide-1280":
        # the table is stacked cards on a narrow screen
        _open(tab, demo_url + "/explore")
        row = tab.locator("#event-table tbody tr").first
        assert row.evaluate("e => getComputedStyle(e).display") == "block"
