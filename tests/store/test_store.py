"""The DuckDB store: schema, all-or-nothing bulk writes, idempotence, exports."""

from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq
import pytest

from newsweave.store import ArticleWriter, connect, export_table, table_counts
from tests.conftest import make_result


@pytest.fixture()
def conn(tmp_path):
    connection = connect(tmp_path / "t.duckdb")
    yield connection
    connection.close()


def test_writer_stores_each_article_once(conn):
    first = make_result("Dockers marched to the harbour on Monday.")
    second = make_result("Farmers blocked the northern road on Tuesday.")
    with ArticleWriter(conn, batch_size=1) as writer:
        writer.write(first)
        writer.write(second)
        writer.write(first)
    assert (writer.added, writer.skipped) == (2, 1)
    before = table_counts(conn)
    with ArticleWriter(conn) as writer:
        writer.write(first)
        writer.write(second)
    assert writer.added == 0
    assert table_counts(conn) == before
    assert before["articles"] == 2 and before["events"] == 2 and before["mentions"] == 2


def test_same_body_from_a_second_source_is_recorded_as_a_source(conn):
    original = make_result("Dockers marched to the harbour on Monday.")
    copy = make_result("Dockers marched to the harbour on Monday.")
    copy.article.source_id = "reprint.txt"
    copy.article.outlet = "Bay Wire"
    with ArticleWriter(conn) as writer:
        writer.write(original)
        writer.write(copy)
    assert table_counts(conn)["articles"] == 1
    outlets = conn.execute("SELECT outlet FROM article_sources ORDER BY outlet").fetchall()
    assert [o for (o,) in outlets] == ["Bay Wire", "Test Outlet"]


def test_failed_flush_writes_nothing(conn):
    good = make_result("Dockers marched to the harbour on Monday.")
    bad = make_result("Farmers blocked the northern road on Tuesday.")
    bad.events[0].id = good.events[0].id  # a primary-key clash inside one batch
    writer = ArticleWriter(conn, batch_size=10)
    writer.write(good)
    writer.write(bad)
    with pytest.raises(duckdb.Error):
        writer.flush()
    assert table_counts(conn)["articles"] == 0
    assert table_counts(conn)["events"] == 0


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(conn, tmp_path, fmt):
    with ArticleWriter(conn) as writer:
        writer.write(make_result("Dockers marched to the harbour on Monday."))
    out = tmp_path / f"articles.{fmt}"
    assert export_table(conn, "articles", out, fmt) == 1
    if fmt == "parquet":
        assert pq.read_table(out).column("outlet").to_pylist() == ["Test Outlet"]
    elif fmt == "jsonl":
        row = json.loads(out.read_text().splitlines()[0])
        assert row["outlet"] == "Test Outlet" and "story_id" in row and "source_id" in row
    else:
        assert out.read_text().splitlines()[0].startswith("id,source_id")
