"""The explorer's map (issue 19, point 3): projection, precision, clusters, first view and
the Natural Earth base map."""

from __future__ import annotations

import json
import re

import pytest

from newsweave.web import geo


def _place(name: str, lat: float, lon: float, events: int = 1,
           precision: str = "city") -> geo.MapPlace:
    x, y = geo.project(lat, lon)
    return geo.MapPlace(place_id=f"id:{name}", name=name, country=None, precision=precision,
                        events=events, x=x, y=y)


def test_projection_puts_the_world_in_its_box():
    assert geo.project(90, -180) == (0, 0)
    assert geo.project(-90, 180) == (geo.WORLD_WIDTH, geo.WORLD_HEIGHT)
    # Paris: east of Greenwich and north of the equator
    x, y = geo.project(48.85, 2.35)
    assert x == pytest.approx(1823.5) and y == pytest.approx(411.5)


@pytest.mark.parametrize("place_id, feature_class, expected", [
    ("iso:XVK", "A", "country"), ("2988507", "A", "country"), ("adm:fr:11", "A", "admin"),
    ("user:lowmere", "A", "admin"), ("2988507", "P", "city"), ("user:river-aubel", "H", "feature"),
    (None, None, "feature")])
def test_place_precision(place_id, feature_class, expected):
    assert geo.place_precision(place_id, feature_class) == expected


def test_nearby_places_share_a_cluster_far_ones_do_not():
    paris, versailles = _place("Paris", 48.85, 2.35, 5), _place("Versailles", 48.80, 2.13, 2)
    tokyo = _place("Tokyo", 35.68, 139.69, 1)
    world = geo.cluster_places([paris, versailles, tokyo], 0)
    assert [len(c.places) for c in world] == [2, 1]
    paris_cluster = world[0]
    assert paris_cluster.events == 7
    assert [p.name for p in paris_cluster.places] == ["Paris", "Versailles"]
    # the mark sits at the event-weighted centre, nearer Paris than Versailles
    assert abs(paris_cluster.x - paris.x) < abs(paris_cluster.x - versailles.x)
    # zoomed in far enough, Paris and Versailles (about 17 km apart) separate
    deep = geo.cluster_places([paris, versailles, tokyo], geo.MAX_LEVEL)
    assert len(deep) == 3


def test_every_level_keeps_every_event():
    places = [_place(f"p{k}", -34 + k * 0.3, -21 + k * 0.2, k + 1) for k in range(12)]
    levels = geo.cluster_levels(places)
    assert [lv.level for lv in levels] == list(range(geo.MAX_LEVEL + 1))
    counts = [len(lv.clusters) for lv in levels]
    assert counts == sorted(counts) and counts[0] < counts[-1] == 12
    for lv in levels:
        assert sum(c.events for c in lv.clusters) == sum(p.events for p in places)


def test_a_level_out_of_range_is_refused():
    with pytest.raises(ValueError, match="level must be"):
        geo.cluster_places([], geo.MAX_LEVEL + 1)


def test_a_cluster_title_names_places_with_their_precision():
    one = geo.Cluster(0, 0, 3, [_place("Saltreach", -34.1, -21.3, 3)])
    assert one.title == "Saltreach (city): 3 events"
    two = geo.Cluster(0, 0, 4, [_place("Veskaria", -33.5, -22, 3, "country"),
                                _place("Lowmere", -32.3, -20.7, 1, "admin")])
    assert two.title == "2 places, 4 events: Veskaria (country): 3 events; Lowmere (region): 1 event"


def test_first_view_surrounds_the_places():
    places = [_place("a", -34.1, -21.3), _place("b", -38.2, -14.5)]
    view = geo.initial_view(places)
    for p in places:
        assert view.x < p.x < view.x + view.width and view.y < p.y < view.y + view.height
    assert view.width == pytest.approx(2 * view.height)
    assert view.width >= geo.MIN_VIEW_DEGREES * geo.UNITS_PER_DEGREE - 0.1
    assert geo.initial_view([]).box() == f"0 0 {geo.WORLD_WIDTH} {geo.WORLD_HEIGHT}"
    # a view stays inside the world, even around a place at its edge
    edge = geo.initial_view([_place("Fiji", -17.7, 179.9)])
    assert edge.x + edge.width <= geo.WORLD_WIDTH and edge.x >= 0


@pytest.mark.parametrize("width, pixels, level", [
    (3600, 900, 0), (1800, 900, 1), (900, 900, 2), (800, 1050, 2), (800, 366, 1), (1, 900, 8)])
def test_level_for_width(width, pixels, level):
    assert geo.level_for_width(width, pixels) == level
    # the level's cells are wide enough on screen, the next level's are not
    if 0 < level < geo.MAX_LEVEL:
        assert geo.cell_size(level) * pixels / width >= geo.MIN_CELL_PIXELS
        assert geo.cell_size(level + 1) * pixels / width < geo.MIN_CELL_PIXELS


def test_basemap_has_the_countries_of_natural_earth_small_and_cached():
    base = geo.basemap()
    assert geo.basemap() is base
    data = json.loads(base.body)
    by_iso = {c["iso"]: c for c in data["countries"]}
    assert len(by_iso) > 200 and {"FRA", "BRA", "ZAF", "JPN", "NZL"} <= set(by_iso)
    assert by_iso["FRA"]["name"] == "France"
    # simplified: the whole map in well under 200 kB, and far less on the wire
    assert len(base.body) < 200_000 and len(base.gzipped) < len(base.body) / 2
    # every path is closed rings of whole map units inside the world box
    path = by_iso["BRA"]["d"]
    assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", path)
    x, y = (int(v) for v in re.match(r"M(\d+) (\d+)", path).groups())
    assert 0 <= x <= geo.WORLD_WIDTH and 0 <= y <= geo.WORLD_HEIGHT


def test_a_ring_path_is_relative_and_drops_repeated_points():
    ring = [(0.0, 0.0), (0.0, 0.01), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    assert geo._ring_path(ring) == "M1800 900l10 0 0-10z"
    assert geo._ring_path([(0, 0), (0.01, 0), (0, 0)]) == ""


def test_world_map_marks_lead_where_the_page_says():
    """One place's mark leads to the page's own link for it; several places' to the map."""
    places = [_place("Alpha", 50.0, 30.0, events=4), _place("Beta", 50.01, 30.01),
              _place("Gamma", 10.0, -60.0, events=2)]
    world = geo.world_map(places, lambda p: f"#place-{p.place_id}", "#the-map",
                          min_degrees=geo.STORY_VIEW_DEGREES)
    assert world.places == 3 and len(world.marks) == geo.MAX_LEVEL + 1
    top = dict(world.marks)[geo.MAX_LEVEL]
    assert sum(m.places for m in top) == 3
    by_href = {m.href: m for m in top}
    assert by_href["#place-id:Gamma"].events == 2
    whole = dict(world.marks)[0]
    assert any(m.href == "#the-map" and m.places == 2 and m.events == 5 for m in whole)
    assert all(m.r > 0 for _, marks in world.marks for m in marks)


def test_a_story_view_is_closer_than_the_explorers():
    places = [_place("Alpha", 50.0, 30.0)]
    story = geo.initial_view(places, min_degrees=geo.STORY_VIEW_DEGREES)
    explorer = geo.initial_view(places)
    assert story.width == geo.STORY_VIEW_DEGREES * geo.UNITS_PER_DEGREE < explorer.width
    assert story.x < places[0].x < story.x + story.width


def test_map_places_carry_their_precision():
    rows = [{"place_id": "iso:XVK", "name": "Veskaria", "country": "XVK", "lat": -33.5,
             "lon": -22.0, "events": 3, "feature_class": "A"},
            {"place_id": "user:aubel", "name": "River Aubel", "country": "XVK", "lat": -34.1,
             "lon": -21.4, "events": 1}]
    country, river = geo.map_places(rows)
    assert (country.precision, river.precision) == ("country", "feature")
    assert (country.x, country.y) == geo.project(-33.5, -22.0)
