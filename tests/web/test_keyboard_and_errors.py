"""Keyboard and errors (issue 19, point 6): a skip link first on every page, bad page
parameters answered with the HTML error page, and filter menus that do not reload the
page on each arrow key."""

from __future__ import annotations

import pytest


def _page_paths(nw) -> list[str]:
    story = nw.stories()[0]
    article = nw.rows("SELECT id FROM articles LIMIT 1")[0]["id"]
    actor = nw.actors()[0].id
    return ["/", "/actors", f"/stories/{story.id}", f"/articles/{article}", f"/actors/{actor}"]


def test_tab_from_the_top_focuses_the_skip_link_on_every_page(page, demo_url, demo_nw):
    for path in _page_paths(demo_nw):
        page.goto(demo_url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip-link", path
        link = page.locator("a.skip-link")
        assert link.is_visible() and link.inner_text() == "Skip to content", path
        page.keyboard.press("Enter")
        assert page.url.endswith("#main"), path
        assert page.evaluate("document.activeElement.id") == "main", path
        # the next Tab goes on inside the content, past the site header
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('main').contains("
                             "document.activeElement)"), path


def test_the_skip_link_is_hidden_until_focused(page, demo_url):
    page.goto(demo_url + "/")
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 0


@pytest.mark.parametrize("path", ["/?page=x", "/stories?page=x", "/?page=0",
                                  "/articles/{article}?hl=bad", "/actors?q=" + "x" * 300])
def test_a_bad_page_parameter_shows_the_html_error_page(browser, demo_url, demo_nw, path):
    article = demo_nw.rows("SELECT id FROM articles LIMIT 1")[0]["id"]
    # not the `page` fixture: Chromium logs the 400 to the console
    tab = browser.new_page()
    try:
        response = tab.goto(demo_url + path.format(article=article))
        assert response is not None and response.status == 400, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert tab.locator("h1").inner_text() == "400"
        detail = tab.locator("p.error").inner_text()
        assert detail.startswith("Bad parameter:"), detail
        assert tab.locator("a.skip-link").count() == 1
    finally:
        tab.close()


def test_the_api_keeps_json_errors(client):
    response = client.get("/api/stories", params={"limit": "x"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_arrow_keys_in_a_filter_menu_do_not_reload_the_page(page, demo_url):
    page.goto(demo_url + "/")
    outlet = page.locator("select[name=outlet]")
    outlet.focus()
    loads: list[str] = []
    page.on("framenavigated", lambda frame: loads.append(frame.url))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(700)
    assert loads == [] and "outlet=" not in page.url
    chosen = outlet.input_value()
    assert chosen != ""
    # Enter applies the choice
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "outlet=" in page.url
    assert page.locator("select[name=outlet]").input_value() == chosen


def test_a_pointer_choice_still_applies_at_once(page, demo_url, demo_nw):
    outlet = demo_nw.stories()[-1].outlets[0]
    page.goto(demo_url + "/")
    with page.expect_navigation():
        page.select_option("select[name=outlet]", outlet)
    assert "outlet=" in page.url
