"""Timeline geometry, and cutting an article body into highlighted runs."""

from __future__ import annotations

import datetime as dt

from newsweave.web.charts import timeline_chart
from newsweave.web.highlight import Span, cut_runs
from newsweave.web.queries import like_pattern


def _item(day: int | None, event: str, outlets: int = 1) -> dict:
    return {"date": dt.date(2031, 4, day) if day else None, "event": event,
            "title": f"{event} {day}", "href": f"#{event}-{day}", "outlets": ["o"] * outlets}


def test_timeline_orders_points_by_date_and_lanes_by_type():
    chart = timeline_chart([_item(3, "PROTEST"), _item(1, "AGREE"), _item(9, "AGREE"),
                            _item(None, "CONSULT")])
    assert [lane["label"] for lane in chart.lanes] == ["AGREE", "CONSULT", "PROTEST"]
    x = {p.title: p.x for p in chart.points}
    assert x["AGREE 1"] < x["PROTEST 3"] < x["AGREE 9"] < chart.undated_x < x["CONSULT None"]
    assert chart.ticks[0]["label"] == "2031-04-01" and chart.ticks[-1]["label"] == "2031-04-09"
    assert all(0 < p.x < chart.width and 0 < p.y < chart.height for p in chart.points)


def test_timeline_keeps_same_day_events_apart_and_handles_no_dates():
    same = timeline_chart([_item(2, "AGREE"), _item(2, "AGREE"), _item(2, "AGREE")])
    assert len({p.x for p in same.points}) == 3
    undated = timeline_chart([_item(None, "AGREE"), _item(None, "REJECT")])
    assert not undated.ticks and undated.undated_x and len(undated.points) == 2


def test_runs_cover_the_body_and_carry_every_overlapping_kind():
    body = "Police detained 63 people in Lissom Square on Monday."
    at = body.index("Lissom")
    spans = [Span(0, len(body), "claim", "claim"), Span(0, at + 6, "event", "event ARREST"),
             Span(at, at + 6, "mention-fac", "FAC"), Span(40, 60, "mention-date", "too long")]
    runs = cut_runs(body, spans, target=(0, 6))
    assert "".join(r.text for r in runs) == body
    square = next(r for r in runs if r.text == "Lissom")
    assert square.kinds == ["claim", "event", "mention-fac"]
    assert runs[0].target and runs[0].text == "Police" and f"s-0-{len(body)}" in runs[0].anchors
    assert all(r.end <= len(body) for r in runs)


def test_like_patterns_escape_wildcards():
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
