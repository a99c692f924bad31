"""The Python API the CLI wraps: records, and tables for notebooks."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from newsweave import Newsweave
from newsweave.records import Actor, Event, Fact, Story


def test_reader_returns_records_and_tables(demo_db):
    with Newsweave(demo_db) as nw:
        stories = nw.stories()
        assert stories and all(isinstance(s, Story) for s in stories)
        sizes = [len(s.article_ids) for s in stories]
        assert sizes == sorted(sizes, reverse=True)
        main = stories[0]
        events = nw.events(main.id)
        assert events and all(isinstance(e, Event) for e in events)
        assert {e.article_id for e in events} <= set(main.article_ids)
        facts = nw.fact_records(main.id)
        assert facts and all(isinstance(f, Fact) and f.story_id == main.id for f in facts)
        assert all(isinstance(a, Actor) for a in nw.actors())
        frame = nw.table("events")
        assert isinstance(frame, pd.DataFrame) and len(frame) == len(nw.events())
        table = nw.arrow("facts")
        assert isinstance(table, pa.Table) and "corroboration" in table.column_names


def test_every_event_points_at_its_source_span(demo_db):
    with Newsweave(demo_db) as nw:
        rows = nw.rows("SELECT id, body, title FROM articles")
        bodies = {r["id"]: r["body"] for r in rows}
        titles = {r["id"]: r["title"] for r in rows}
        for event in nw.events():
            assert bodies[event.article_id][event.start:event.end] == event.text
        for fact in nw.facts():
            for m in fact["mentions"]:
                # a headline's span indexes the title, every other span the body
                text = (titles if m.get("part") == "title" else bodies)[m["article_id"]]
                assert text[m["start"]:m["end"]] == m["text"]
