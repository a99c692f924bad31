"""Outlet filters match in any case (issue 19, point 9), on the pages and in the API."""

from __future__ import annotations

from urllib.parse import quote


def test_the_story_list_filter_matches_any_case(page, demo_url, demo_nw):
    stories = demo_nw.stories()
    outlet = stories[-1].outlets[0]
    expected = [s for s in stories if outlet in s.outlets]
    for spelling in (outlet, outlet.lower(), outlet.upper(), f"  {outlet} "):
        page.goto(f"{demo_url}/?outlet={quote(spelling)}")
        rows = page.locator("#stories tbody tr")
        assert rows.count() == len(expected) < len(stories), spelling
        # the menu shows the outlet chosen, whatever its case in the address
        assert page.locator("select[name=outlet]").input_value() == outlet, spelling


def test_the_api_outlet_filters_match_any_case(client, demo_nw):
    outlet = demo_nw.stories()[-1].outlets[0]
    for path in ("/api/stories", "/api/articles", "/api/events", "/api/facts"):
        exact = client.get(path, params={"outlet": outlet, "limit": 100}).json()
        assert exact["total"] > 0, path
        for spelling in (outlet.lower(), outlet.upper()):
            other = client.get(path, params={"outlet": spelling, "limit": 100}).json()
            assert other == exact, (path, spelling)
