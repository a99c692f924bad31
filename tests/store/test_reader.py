"""The read side: records written by the writer come back whole, through one mapping."""

from __future__ import annotations

import dataclasses

import pytest

from newsweave.records import Conflict, ConflictSide, Event, Fact, FactMention, Quantity, Story
from newsweave.store import ArticleWriter, connect
from newsweave.store.reader import StoreReader, events_by_article
from newsweave.store.rows import from_row, table_columns, to_row
from newsweave.store.writer import insert_rows
from tests.conftest import make_result


@pytest.fixture()
def conn(tmp_path):
    connection = connect(tmp_path / "t.duckdb")
    yield connection
    connection.close()


def test_an_event_with_quantities_round_trips_through_the_store(conn):
    result = make_result("Rebels fired 40 shells at the depot on Monday.")
    event = result.events[0]
    event.quantities = [Quantity(value=40, text="40 shells", start=13, end=22, unit="shell")]
    event.context, event.actors = ["military"], ["org:x"]
    with ArticleWriter(conn) as writer:
        writer.write(result)
    [stored] = StoreReader(conn).events()
    assert stored == dataclasses.replace(event, confidence=stored.confidence)
    assert events_by_article(conn)[event.article_id][0].id == event.id


def test_corpus_records_round_trip_and_stories_come_largest_first(conn):
    small = Story(id="s1", title="Small", article_ids=["a"], outlets=["O"])
    large = Story(id="s2", title="Large", article_ids=["b", "c"], outlets=["O", "P"])
    fact = Fact(id="f1", story_id="s2", statement="Rebels fired shells.",
                mentions=[FactMention("c1", "b", "O", 0, 6, "Rebels")], outlets=["O"],
                corroboration=1, lineage={"first": {"outlet": "O"}})
    conflict = Conflict(id="k1", story_id="s2", kind="number", topic="shells",
                        sides=[ConflictSide("O", "b", 0, 6, "Rebels", "40")])
    insert_rows(conn, "stories", [to_row("stories", small), to_row("stories", large)])
    insert_rows(conn, "facts", [to_row("facts", fact)])
    insert_rows(conn, "conflicts", [to_row("conflicts", conflict)])
    reader = StoreReader(conn)
    assert reader.stories() == [large, small]
    assert reader.story("s1") == small and reader.story("nope") is None
    assert reader.fact_records("s2") == [fact]
    assert from_row(Conflict, reader.conflicts("s2")[0]) == conflict


def test_columns_come_from_the_schema_so_a_new_column_needs_no_mapping_code():
    names = [name for name, _ in table_columns("events")]
    assert names[:3] == ["id", "article_id", "event"] and "end" in names
    assert set(names) <= {f.name for f in dataclasses.fields(Event)}
    # a row with a column the record lacks, and a NULL where the record has a default
    event = from_row(Event, {"id": "e", "article_id": "a", "event": "PROTEST", "start": 0,
                             "end": 1, "text": "x", "trigger": None, "outlet": "joined"})
    assert event.trigger == "" and event.quantities == []
