"""Safer serving (issue 19, point 8): security headers on every response, foreign Host
names refused, HEAD answered wherever GET is, the export streamed and bounded.

Checked on a real uvicorn server with Debian's Chromium, and with raw HTTP where a
browser cannot send the request (a HEAD, a forged Host).
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.routing import Route

from newsweave.web.security import (
    CONTENT_SECURITY_POLICY,
    GuardMiddleware,
    allowed_hosts,
    host_name,
)
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.web._databases import LOCAL

EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def _raw(base: str, method: str, path: str, host: str | None = None
         ) -> tuple[int, dict[str, str], bytes]:
    """One request over a plain socket, so that HEAD and any Host header can be sent."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=host is not None)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _assert_secured(headers: dict[str, str], what: str) -> None:
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (what, name, headers.get(name))
    assert "frame-ancestors 'none'" in headers["content-security-policy"], what


def test_security_headers_on_a_page_the_api_a_static_file_and_errors(browser, demo_url):
    # not the `page` fixture: it fails a test on the console's note of each 404
    page = browser.new_page()
    story = page.goto(demo_url + "/")
    assert story is not None and story.status == 200
    _assert_secured(story.headers, "page")
    api = page.goto(demo_url + "/api/stories?limit=1")
    assert api is not None and api.status == 200
    assert api.headers["content-type"].startswith("application/json")
    _assert_secured(api.headers, "api")
    static = page.goto(demo_url + "/static/style.css")
    assert static is not None and static.status == 200
    _assert_secured(static.headers, "static")
    missing_page = page.goto(demo_url + "/stories/no-such-story")
    assert missing_page is not None and missing_page.status == 404
    _assert_secured(missing_page.headers, "404 page")
    assert page.locator("h1").inner_text() == "404"
    missing_api = page.goto(demo_url + "/api/stories/no-such-story")
    assert missing_api is not None and missing_api.status == 404
    _assert_secured(missing_api.headers, "404 api")
    missing_route = page.goto(demo_url + "/no/such/route")
    assert missing_route is not None and missing_route.status == 404
    _assert_secured(missing_route.headers, "404 route")
    page.close()


def test_pages_keep_their_colours_under_the_policy(page, demo_url, demo_nw):
    """Outlet colours are classes, not style attributes the policy would block."""
    story = demo_nw.stories()[0]
    page.goto(f"{demo_url}/stories/{story.id}")
    colour = page.locator(".badge").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
    columns = page.locator(".conflict .sides").first.evaluate(
        "e => getComputedStyle(e).gridTemplateColumns.split(' ').length")
    assert columns == min(page.locator(".conflict").first.locator(".side").count(), 3)


def test_a_foreign_host_is_refused_in_the_browser(browser, demo_url):
    """DNS rebinding: a name that resolves to this machine but is not its own gets a 400."""
    port = urlsplit(demo_url).port
    # a second Chromium whose resolver sends the foreign name to 127.0.0.1, as a
    # rebinding attacker's DNS would; nothing leaves the machine
    rebound = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP rebind.invalid 127.0.0.1"])
    try:
        tab = rebound.new_page()
        response = tab.goto(f"http://rebind.invalid:{port}/api/stories")
        assert response is not None and response.status == 400
        _assert_secured(response.headers, "refused")
        assert "stories" not in tab.content()
        ok = tab.goto(f"http://localhost:{port}/api/stories?limit=1")
        assert ok is not None and ok.status == 200
    finally:
        rebound.close()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example",
                                  "[::2]:8000", ""])
def test_foreign_hosts_are_refused_on_the_wire(demo_url, host):
    status, headers, body = _raw(demo_url, "GET", "/api/stories", host=host)
    assert status == 400, host
    assert b"Invalid Host" in body
    _assert_secured(headers, host)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_local_hosts_are_answered(demo_url, host):
    port = urlsplit(demo_url).port
    status, _, _ = _raw(demo_url, "GET", "/api/stories?limit=1", host=f"{host}:{port}")
    assert status == 200, host


@pytest.mark.parametrize("path", ["/", "/api/stories", "/static/style.css", "/actors",
                                  "/api/events/export", "/openapi.json"])
def test_head_is_answered_wherever_get_is(demo_url, path):
    get_status, get_headers, get_body = _raw(demo_url, "GET", path)
    status, headers, body = _raw(demo_url, "HEAD", path)
    assert (status, body) == (get_status, b""), path
    assert get_status == 200 and get_body, path
    assert headers["content-type"] == get_headers["content-type"], path
    _assert_secured(headers, path)


def test_head_from_the_browser(page, demo_url):
    page.goto(demo_url + "/")
    status = page.evaluate("fetch('/api/stories', {method: 'HEAD'}).then(r => r.status)")
    assert status == 200


def test_the_export_is_bounded_by_its_limit(client, demo_nw):
    total = len(demo_nw.events())
    assert total > 3
    three = client.get("/api/events/export", params={"limit": 3})
    assert three.status_code == 200
    assert [json.loads(line)["event_id"] for line in three.text.splitlines()] == [
        e["event_id"] for e in client.get("/api/events", params={"limit": 3}).json()["items"]]
    csv_lines = client.get("/api/events/export", params={"limit": 2, "format": "csv"}).text
    assert len(csv_lines.strip().splitlines()) == 3  # the header and two rows
    everything = client.get("/api/events/export").text.splitlines()
    assert len(everything) == total
    for bad in (0, -1, 10**9):
        assert client.get("/api/events/export", params={"limit": bad}).status_code == 422


@pytest.fixture
def export_reads(monkeypatch) -> list[int]:
    """The number of rows of each read of the events the export makes."""
    from newsweave.web.routers import events

    reads: list[int] = []
    original = events.queries.list_events

    def counting(nw, filters, *, limit, offset=0):
        rows = original(nw, filters, limit=limit, offset=offset)
        reads.append(len(rows))
        return rows

    monkeypatch.setattr(events.queries, "list_events", counting)
    return reads


def test_the_export_streams_in_chunks(client, monkeypatch, export_reads):
    """Rows come from the store a chunk at a time, not all at once."""
    from newsweave.web.routers import events

    monkeypatch.setattr(events, "EXPORT_CHUNK", 2)
    reads = export_reads
    lines = client.get("/api/events/export", params={"limit": 5}).text.splitlines()
    assert len(lines) == 5
    assert reads[:3] == [2, 2, 1] and max(reads) <= 2


def test_an_unhandled_error_keeps_the_headers():
    def boom(request):
        raise RuntimeError("boom")

    app = GuardMiddleware(Starlette(routes=[Route("/", boom)]), hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        response = client.get("/")
    assert response.status_code == 500
    _assert_secured({k.lower(): v for k, v in response.headers.items()}, "500")


def test_allowed_hosts_and_host_names():
    assert allowed_hosts("0.0.0.0") == {"localhost", "127.0.0.1", "[::1]"}
    assert "news.lan" in allowed_hosts("0.0.0.0", ["News.LAN "])
    assert "[fe80::1]" in allowed_hosts("fe80::1")
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("LocalHost:80") == "localhost"
    with pytest.raises(ValueError, match="allowed_hosts"):
        GuardMiddleware(Starlette(), hosts=frozenset())


def test_the_plover_export_is_built_a_chunk_at_a_time_and_matches_the_cli(
        client, web_db, monkeypatch):
    """The same PLOVER records as ``newsweave export events``, read per chunk."""
    from newsweave.present.plover import plover_records
    from newsweave.store import connect
    from newsweave.store.reader import StoreReader
    from newsweave.web.routers import events

    monkeypatch.setattr(events, "EXPORT_CHUNK", 7)
    conn = connect(str(web_db), read_only=True)
    try:
        expected = plover_records(StoreReader(conn))
    finally:
        conn.close()
    lines = client.get("/api/events/export", params={"format": "plover"}).text.splitlines()
    exported = [json.loads(line) for line in lines]
    assert sorted(map(_normal, exported)) == sorted(map(_normal, expected))
    limited = client.get("/api/events/export", params={"format": "plover", "limit": 10})
    assert len(limited.text.splitlines()) == 10


def _normal(record: dict) -> str:
    """A record as its JSON line would give it back, keys sorted, to compare."""
    return json.dumps(json.loads(json.dumps(record, default=str)), sort_keys=True)



@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover"])
def test_head_on_the_export_reads_no_event(client, export_reads, fmt):
    """HEAD on the export answers its headers without running the export: not one read of
    the events (a GET of the same URL reads them), the same type and file name as GET."""
    reads = export_reads
    head = client.head("/api/events/export", params={"format": fmt})
    assert head.status_code == 200 and head.content == b""
    assert reads == [], "HEAD ran the export"
    get = client.get("/api/events/export", params={"format": fmt})
    assert get.status_code == 200 and get.content and reads, "GET read nothing"
    for name in ("content-type", "content-disposition"):
        assert head.headers[name] == get.headers[name], name
    assert head.headers["content-disposition"].startswith("attachment; filename=\"events.")
    # HEAD still checks the parameters as GET does
    assert client.head("/api/events/export", params={"limit": 0}).status_code == 422
