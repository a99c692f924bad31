"""Offline API docs (issue 19, point 7): /docs renders Swagger UI with the network blocked,
its files served from the swagger-ui-bundle-v2 package under the page's CSP."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsweave.web.docs import SWAGGER_PREFIX, script_hash
from newsweave.web.security import CONTENT_SECURITY_POLICY


def test_docs_render_with_every_other_host_blocked(page, demo_url):
    blocked: list[str] = []

    def only_this_server(route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    response = page.goto(demo_url + "/docs")
    assert response is not None and response.status == 200
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 11
    assert "/api/stories" in page.locator(".swagger-ui").inner_text()
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("newsweave")
    # an operation opens (Swagger UI's script is live, not a static shell)
    page.locator(".opblock-summary").first.click()
    page.wait_for_selector(".opblock.is-open .opblock-body")
    assert blocked == [], blocked


def test_the_docs_page_allows_only_its_own_start_up_script(client):
    response = client.get("/docs")
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert policy != CONTENT_SECURITY_POLICY and "'unsafe-inline'" not in policy
    start = response.text.index("<script>") + len("<script>")
    inline = response.text[start:response.text.index("</script>", start)]
    assert f"'{script_hash(inline)}'" in policy
    assert f'src="{SWAGGER_PREFIX}/swagger-ui-bundle.js"' in response.text
    assert "cdn" not in response.text.lower()
    assert client.get(f"{SWAGGER_PREFIX}/swagger-ui-bundle.js").status_code == 200
    assert client.get(f"{SWAGGER_PREFIX}/swagger-ui.css").status_code == 200
    assert client.get("/redoc").status_code == 404
