"""The coverage grid (issue 19, point 2) on the demo's story page, in the API and in
Chromium at 1280 px and 390 px: which outlet reports which fact, who was first, and the
omission the demo corpus was written to have (the Tidewater Dispatch never names the
head of the Maldrenian delegation, whom the four other outlets name)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from newsweave.config import demo_corpus_dir
from tests.browser import VIEWPORTS

OMISSION = json.loads((demo_corpus_dir() / "expected.json").read_text(encoding="utf-8"))[
    "omissions"][0]
SIZES = ("phone-390", "wide-1280")
# elements of the coverage section reaching past the window's right edge
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('#coverage, #coverage *')]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
    .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture(scope="module")
def demo_brief(demo_nw) -> dict[str, Any]:
    """The main demo story's JSON brief (the story of the designed omission)."""
    return json.loads(demo_nw.brief(demo_nw.stories()[0].id, "json"))


def _omitted_row(brief: dict[str, Any]) -> dict[str, Any]:
    """The grid row of the fact the demo's omission is about: it names Ferrol Oskane."""
    names = {w for w in OMISSION["statement"].split() if w[:1].isupper()}
    return next(r for r in brief["coverage"]["facts"]
                if names <= set(r["statement"].replace(".", "").split()))


def _abbr(brief: dict[str, Any], outlet: str) -> str:
    return next(o["abbr"] for o in brief["coverage"]["outlets"] if o["outlet"] == outlet)


def test_story_page_shows_the_grid_and_the_demo_omission(client, demo_brief):
    row = _omitted_row(demo_brief)
    html = client.get(f"/stories/{demo_brief['story_id']}").text
    assert '<section id="coverage">' in html and 'href="#coverage"' in html
    grid = html[html.index('id="coverage-grid"'):html.index("</table>", html.index(
        'id="coverage-grid"'))]
    # one column per independent outlet, headed by its abbreviation
    for column in demo_brief["coverage"]["outlets"]:
        assert f'title="{column["outlet"]}">{column["abbr"]}</abbr></th>' in grid
    tr = grid[grid.index(f'id="cov-{row["fact_id"]}"'):]
    tr = tr[:tr.index("</tr>")]
    by_abbr = {abbr: cell for cell, abbr in re.findall(
        r'class="cov cov-(\w+)" data-abbr="([^"]+)"', tr)}
    assert len(by_abbr) == len(demo_brief["coverage"]["outlets"])
    assert by_abbr[_abbr(demo_brief, OMISSION["outlet"])] == "left_out"
    for outlet in OMISSION["reported_by"]:
        assert by_abbr[_abbr(demo_brief, outlet)] in ("first", "reported")
    # the outlet's "Left out" list names the fact first and links to its row
    item = html[html.index(f'<li class="omission" data-outlet="{OMISSION["outlet"]}">'):]
    item = item[:item.index("</li>")]
    first_link = re.search(r'<a href="#cov-(\w+)">', item)
    assert first_link and first_link.group(1) == row["fact_id"]


def test_every_grid_mark_links_to_that_outlets_span(client, demo_brief):
    html = client.get(f"/stories/{demo_brief['story_id']}").text
    for row in demo_brief["coverage"]["facts"][:3]:
        for outlet, span in row["evidence"].items():
            assert (f'data-abbr="{_abbr(demo_brief, outlet)}" title="{outlet}: reported'
                    in html)
            assert f'/articles/{span["article_id"]}?hl={span["start"]}-{span["end"]}' in html


def test_rows_past_the_first_twelve_are_behind_a_more_and_past_forty_in_the_json(
        client, demo_brief):
    html = client.get(f"/stories/{demo_brief['story_id']}").text
    rows = demo_brief["coverage"]["facts"]
    assert len(rows) > 40
    shown = html[html.index('id="coverage-grid"'):html.index('<details class="cov-more">')]
    assert shown.count('class="cov-row"') == 12
    assert "28 more facts in the grid" in html
    assert html.count('class="cov-row"') == 40
    assert (f'{len(rows) - 40} more facts in the <a href="/api/stories/'
            f'{demo_brief["story_id"]}">JSON brief</a>') in html
    # an omission links to its row only where the row is on the page
    for fact_id in re.findall(r'<a href="#cov-(\w+)">', html):
        assert f'id="cov-{fact_id}"' in html


def test_api_story_brief_carries_the_coverage(client, demo_brief):
    data = client.get(f"/api/stories/{demo_brief['story_id']}").json()
    assert data["coverage"] == demo_brief["coverage"]
    left = next(o for o in data["coverage"]["omissions"] if o["outlet"] == OMISSION["outlet"])
    assert left["facts"][0]["fact_id"] == _omitted_row(demo_brief)["fact_id"]
    assert sorted(left["facts"][0]["reported_by"]) == sorted(OMISSION["reported_by"])


@pytest.mark.parametrize("size", SIZES)
def test_grid_in_chromium_shows_the_omission_without_sideways_scrolling(
        browser, demo_url, demo_brief, size):
    row = _omitted_row(demo_brief)
    abbr = _abbr(demo_brief, OMISSION["outlet"])
    context = browser.new_context(**VIEWPORTS[size])
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        tab.goto(f"{demo_url}/stories/{demo_brief['story_id']}")
        grid = tab.locator("#coverage-grid")
        assert grid.is_visible()
        cell = tab.locator(f"#cov-{row['fact_id']} td[data-abbr='{abbr}']")
        assert cell.is_visible() and "cov-left_out" in cell.get_attribute("class")
        assert cell.inner_text().startswith("✘")
        heads = tab.locator("#coverage-grid thead th.cov-outlet")
        if size == "phone-390":
            # the header row is read out, not shown: each mark carries its outlet
            assert tab.locator("#coverage-grid thead").bounding_box()["width"] <= 1
            before = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
            assert before == f'"{abbr} "'
        else:
            assert heads.count() == len(demo_brief["coverage"]["outlets"])
            assert heads.first.is_visible()
        found = tab.evaluate(OVERFLOW_JS)
        assert found["scroll"] <= found["width"] and found["wide"] == [], found
        # the outlet's "Left out" list leads with the fact, and its link finds the row
        link = tab.locator(f"li.omission[data-outlet='{OMISSION['outlet']}'] > a").first
        assert link.is_visible()
        link.click()
        tab.wait_for_url(f"**#cov-{row['fact_id']}")
        assert tab.locator(f"#cov-{row['fact_id']}").is_visible()
        # a reporting outlet's mark opens its report at the span
        tab.locator(f"#cov-{row['fact_id']} td.cov-reported a, "
                    f"#cov-{row['fact_id']} td.cov-first a").first.click()
        tab.wait_for_url("**/articles/*hl=*")
        assert tab.locator("#article-body .seg.target").first.is_visible()
    finally:
        context.close()
    assert errors == [], errors
