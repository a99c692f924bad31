"""The events explorer (issue 19, point 1): its queries, its timeline chart, the page and
its filters, and the downloads through the export, over the demo corpus."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE, StoreReader
from newsweave.web import charts, queries
from newsweave.web.routers.explore import PAGE_SIZE


@pytest.fixture(scope="module")
def reader(client):
    """A reader over the app's own connection (the one the page reads)."""
    cursor = client.app.state.conn.cursor()
    yield StoreReader(cursor)
    cursor.close()


@pytest.fixture(scope="module")
def news(demo_nw):
    """The demo's news events (not background) at the default confidence, as records."""
    return [e for e in demo_nw.events(min_confidence=DEFAULT_MIN_CONFIDENCE) if not e.background]


@pytest.fixture(scope="module")
def places(demo_nw):
    return {r["id"]: r for r in demo_nw.rows("SELECT * FROM places")}


def _soup(response) -> lxml.html.HtmlElement:
    assert response.status_code == 200, response.text[:500]
    return lxml.html.fromstring(response.text)


def _all(tree: lxml.html.HtmlElement, xpath: str) -> list:
    return tree.xpath(xpath)


def _one(tree: lxml.html.HtmlElement, xpath: str):
    found = tree.xpath(xpath)
    assert found, xpath
    return found[0]


def _text(tree: lxml.html.HtmlElement, element_id: str) -> str:
    return tree.get_element_by_id(element_id).text_content()


def _total(tree: lxml.html.HtmlElement) -> int:
    return int(_text(tree, "event-count").split()[0])


ROWS = "//table[@id='event-table']/tbody/tr"
BARS = "//*[@id='timeline-chart']//rect[contains(@class, 'bar')]"
DOWNLOADS = "//*[@id='downloads']//a[contains(@class, 'download')]"
MARK_GROUPS = "//*[@id='map']/g[contains(@class, 'marks')]"


def _table_ids(tree: lxml.html.HtmlElement) -> list[str]:
    return [tr.get("id").removeprefix("event-") for tr in _all(tree, ROWS)]


# --- queries ---------------------------------------------------------------------

def test_new_filters_match_mode_country_and_place(reader, news, places):
    mode = Counter(e.mode for e in news if e.mode).most_common(1)[0][0]
    country = Counter(places[e.place_id]["country"] for e in news
                      if e.place_id and places[e.place_id]["country"]).most_common(1)[0][0]
    place = next(p for p in places.values() if " " in p["name"])
    word = place["name"].split()[1].lower()
    expected = {
        "mode": {e.id for e in news if e.mode == mode},
        "country": {e.id for e in news if e.place_id and places[e.place_id]["country"] == country},
        "place": {e.id for e in news
                  if e.place_id and word in places[e.place_id]["name"].lower()},
    }
    given = {"mode": mode, "country": country.lower(), "place": word.upper()}
    for name, value in given.items():
        f = queries.EventFilters(background=False, **{name: value})
        found = {r["event_id"] for r in queries.list_events(reader, f, limit=None)}
        assert found == expected[name] and 0 < len(found) < len(news), name
        assert queries.count_events(reader, f) == len(found), name


def test_event_span_counts_and_dates(reader, news):
    span = queries.event_span(reader, queries.EventFilters(background=False))
    dates = [e.date for e in news if e.date]
    assert (span.total, span.dated, span.first, span.last) == (
        len(news), len(dates), min(dates), max(dates))
    none = queries.event_span(reader, queries.EventFilters(event_type="NO_SUCH_TYPE"))
    assert (none.total, none.first) == (0, None)


@pytest.mark.parametrize("first, last, unit", [
    (dt.date(2031, 3, 1), dt.date(2031, 3, 1), "day"),
    (dt.date(2031, 1, 1), dt.date(2031, 4, 30), "day"),
    (dt.date(2031, 1, 1), dt.date(2031, 12, 31), "week"),
    (dt.date(2025, 1, 1), dt.date(2031, 12, 31), "month"),
    (dt.date(1990, 1, 1), dt.date(2031, 12, 31), "year"),
    (None, None, "day")])
def test_timeline_unit_keeps_bins_few(first, last, unit):
    assert queries.timeline_unit(first, last) == unit


def test_event_counts_add_up_per_bin_and_type(reader, news):
    f = queries.EventFilters(background=False)
    for unit in ("day", "week", "month", "year"):
        rows = queries.event_counts(reader, f, unit)
        assert sum(r["n"] for r in rows) == sum(1 for e in news if e.date), unit
    by_day = Counter((e.date, e.event) for e in news if e.date)
    assert {(r["bin"], r["event"]): r["n"] for r in queries.event_counts(reader, f, "day")} \
        == dict(by_day)
    with pytest.raises(ValueError, match="unit must be"):
        queries.event_counts(reader, f, "decade")


def test_event_places_count_events_per_place(reader, news, places):
    rows = queries.event_places(reader, queries.EventFilters(background=False))
    expected = Counter(e.place_id for e in news if e.place_id)
    assert {r["place_id"]: r["events"] for r in rows} == dict(expected)
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    assert all(r["feature_class"] == places[r["place_id"]]["feature_class"] for r in rows)


def test_explorer_options_list_what_the_events_have(reader, news, places):
    options = queries.explorer_options(reader)
    assert set(options["modes"]) >= {e.mode for e in news if e.mode}
    codes = {c["code"] for c in options["countries"]}
    assert codes == {places[e]["country"] for e in
                     {r["place_id"] for r in reader.rows("SELECT place_id FROM events")} - {None}
                     if places[e]["country"]}
    # the invented countries of the demo are named from their own place rows
    assert {"code": "XVK", "name": "Veskaria"} in options["countries"]


# --- the timeline chart ----------------------------------------------------------

def test_count_chart_stacks_types_within_a_bin():
    counts = [{"bin": dt.date(2031, 3, 2), "event": "PROTEST", "n": 3},
              {"bin": dt.date(2031, 3, 2), "event": "ASSAULT", "n": 1},
              {"bin": dt.date(2031, 3, 4), "event": "PROTEST", "n": 2}]
    chart = charts.count_chart(counts, "day", dt.date(2031, 3, 2), dt.date(2031, 3, 4))
    assert chart.bins == 3 and chart.types == ["ASSAULT", "PROTEST"]
    assert len(set(chart.hues.values())) == 2
    first, second, third = chart.bars
    # ASSAULT sits under PROTEST in the same bin; the empty middle day keeps its room
    assert first.event == "ASSAULT" and first.x == second.x
    assert second.y + second.height == pytest.approx(first.y)
    assert third.x - first.x == pytest.approx(2 * (chart.width - charts.COUNT_LEFT - 8) / 3,
                                              abs=0.02)
    assert first.title == "2031-03-02 · ASSAULT: 1 event"
    # the tallest bin (4 events) reaches the top tick
    assert [t["label"] for t in chart.y_ticks] == ["0", "2", "4"]
    assert charts.count_chart([], "day", None, None).bars == []


def test_bins_of_weeks_and_months():
    assert charts.bin_starts(dt.date(2031, 3, 5), dt.date(2031, 3, 20), "week") == [
        dt.date(2031, 3, 3), dt.date(2031, 3, 10), dt.date(2031, 3, 17)]
    assert charts.bin_starts(dt.date(2030, 11, 30), dt.date(2031, 1, 1), "month") == [
        dt.date(2030, 11, 1), dt.date(2030, 12, 1), dt.date(2031, 1, 1)]
    assert charts.bin_label(dt.date(2031, 3, 1), "month") == "2031-03"


# --- the page --------------------------------------------------------------------

def test_the_page_shows_map_timeline_table_and_downloads(client, news):
    soup = _soup(client.get("/explore"))
    assert f"{len(news)} events" in _text(soup, "event-count")
    assert len(_table_ids(soup)) == min(PAGE_SIZE, len(news))
    assert _all(soup, BARS)
    marks = _all(soup, MARK_GROUPS)
    assert len(marks) == 9 and len([g for g in marks if "off" not in g.get("class")]) == 1
    assert _all(soup, "//*[@id='map']//a[contains(@class, 'mark')]/circle/title")
    assert {a.get("data-format") for a in _all(soup, DOWNLOADS)} == {"csv", "jsonl", "plover"}
    assert _all(soup, "//header/nav/a[@href='/explore']")


def test_each_row_links_to_its_evidence_span(client, news):
    soup = _soup(client.get("/explore"))
    by_id = {e.id: e for e in news}
    for tr in _all(soup, ROWS)[:10]:
        event = by_id[tr.get("id").removeprefix("event-")]
        link = _one(tr, ".//a[@class='evidence']").get("href")
        assert link == (f"/articles/{event.article_id}?hl={event.start}-{event.end}"
                        f"#s-{event.start}-{event.end}")
        article = client.get(link.split("#")[0])
        assert article.status_code == 200
        assert f'id="s-{event.start}-{event.end}"' in article.text


def test_filters_narrow_the_table_and_stay_in_the_form(client, news):
    event_type = Counter(e.event for e in news).most_common(2)[1][0]
    soup = _soup(client.get("/explore", params={"event_type": event_type, "mode": "",
                                                "place": "", "date_from": ""}))
    expected = [e for e in news if e.event == event_type]
    assert f"{len(expected)} events match" in _text(soup, "event-count")
    rows = _all(soup, ROWS)
    assert len(rows) == min(PAGE_SIZE, len(expected))
    assert {_one(r, ".//span[@class='event-type']").text for r in rows} == {event_type}
    assert _one(soup, "//select[@name='event_type']/option[@selected]").get("value") == event_type
    # the timeline shows that type only
    assert {b.get("data-event") for b in _all(soup, BARS)} == {event_type}


def test_a_date_range_and_confidence_narrow_the_events(client, news):
    dates = sorted(e.date for e in news if e.date)
    middle = dates[len(dates) // 2]
    soup = _soup(client.get("/explore", params={"date_from": middle.isoformat(),
                                                "date_to": middle.isoformat(),
                                                "min_confidence": "0"}))
    assert _total(soup) >= sum(1 for e in news if e.date == middle) > 0
    assert all(middle.isoformat() in tr.xpath("./td")[0].text_content()
               for tr in _all(soup, ROWS))
    strict = _soup(client.get("/explore", params={"min_confidence": "0.9"}))
    assert _total(strict) < len(news)


def test_a_map_mark_of_one_place_filters_to_it(client, news, places):
    soup = _soup(client.get("/explore"))
    deepest = _all(soup, MARK_GROUPS)[-1]
    mark = _one(deepest, ".//a[@class='mark']")
    link = mark.get("href")
    place_id = parse_qs(urlsplit(link).query)["place_id"][0]
    assert _one(mark, ".//title").text.startswith(places[place_id]["name"] + " (")
    filtered = _soup(client.get(link.split("#")[0]))
    expected = sum(1 for e in news if e.place_id == place_id)
    assert _total(filtered) == expected > 0
    assert _one(filtered, "//*[@id='place-filter']/strong").text == places[place_id]["name"]
    assert _one(filtered, "//input[@name='place_id']").get("value") == place_id


def test_background_is_left_out_unless_asked_for(client, demo_nw):
    every = demo_nw.events(min_confidence=DEFAULT_MIN_CONFIDENCE)
    background = [e for e in every if e.background]
    assert background, "the demo corpus recalls some history"
    counts = {}
    for value in ("", "any", "true"):
        soup = _soup(client.get("/explore", params={"background": value}))
        counts[value] = _total(soup)
    assert counts == {"": len(every) - len(background), "any": len(every),
                      "true": len(background)}


def test_pages_of_the_table(client, news):
    if len(news) <= PAGE_SIZE:
        pytest.skip("the demo corpus fits one page")
    first = _table_ids(_soup(client.get("/explore")))
    second_soup = _soup(client.get("/explore", params={"page": 2}))
    second = _table_ids(second_soup)
    assert second and not set(first) & set(second)
    assert _one(second_soup, "//a[@rel='prev']").get("href").startswith("/explore?page=1")


@pytest.mark.parametrize("params", [{"date_from": "14/03/2031"}, {"min_confidence": "2"},
                                    {"min_confidence": "x"}, {"background": "maybe"},
                                    {"page": "0"}])
def test_bad_parameters_get_the_error_page(client, params):
    response = client.get("/explore", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")


# --- downloads -------------------------------------------------------------------

def test_download_links_carry_the_filters_and_return_the_same_events(client, news):
    event_type = Counter(e.event for e in news).most_common(1)[0][0]
    params = {"event_type": event_type, "min_confidence": "0.5"}
    soup = _soup(client.get("/explore", params=params))
    total = _total(soup)
    links = {a.get("data-format"): a.get("href") for a in _all(soup, DOWNLOADS)}
    for fmt, href in links.items():
        query = parse_qs(urlsplit(href).query)
        assert query["event_type"] == [event_type] and query["min_confidence"] == ["0.5"]
        assert query["background"] == ["false"] and query["format"] == [fmt]
        response = client.get(href)
        assert response.status_code == 200, (fmt, response.text[:300])
        lines = response.text.splitlines()
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(response.text)))
            assert {r["event"] for r in rows} == {event_type} and len(rows) == total
        else:
            records = [json.loads(line) for line in lines]
            assert len(records) == total, fmt
    ids = [json.loads(line)["event_id"] for line in client.get(links["jsonl"]).text.splitlines()]
    assert set(_table_ids(soup)) <= set(ids)


def test_the_export_takes_the_new_filters(client, news):
    mode = Counter(e.mode for e in news if e.mode).most_common(1)[0][0]
    response = client.get("/api/events/export", params={"mode": mode, "background": "false",
                                                        "format": "jsonl"})
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert {r["mode"] for r in rows} == {mode}
    assert len(rows) == sum(1 for e in news if e.mode == mode)


# --- the base map asset ------------------------------------------------------------

def test_the_basemap_is_gzipped_cached_and_revalidated(client):
    response = client.get("/map/countries.json")
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "max-age" in response.headers["cache-control"]
    data = response.json()
    assert len(data["countries"]) > 200
    again = client.get("/map/countries.json", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_an_actor_page_links_to_its_events_in_the_explorer(client, demo_nw):
    actor = max(demo_nw.actors(), key=lambda a: len(demo_nw.rows(
        "SELECT 1 FROM events e JOIN actor_map m ON list_contains(e.actors, m.actor_id) "
        "WHERE m.canonical_id = ?", [a.id])))
    page = _soup(client.get(f"/actors/{actor.id}"))
    link = _one(page, "//a[@id='actor-explore']").get("href")
    explorer = _soup(client.get(link))
    assert _one(explorer, "//select[@name='actor']/option[@selected]").get("value") == actor.id
    expected = {r["id"] for r in demo_nw.rows(
        "SELECT e.id FROM events e, actor_map m WHERE m.canonical_id = ? AND "
        "(list_contains(e.actors, m.actor_id) OR list_contains(e.recipients, m.actor_id))",
        [actor.id])}
    assert _total(explorer) == len(expected) > 0


def test_an_actor_outside_the_menu_stays_chosen(client):
    soup = _soup(client.get("/explore", params={"actor": "person:nobody-at-all"}))
    assert _one(soup, "//select[@name='actor']/option[@selected]").get("value") == \
        "person:nobody-at-all"
    assert _total(soup) == 0
