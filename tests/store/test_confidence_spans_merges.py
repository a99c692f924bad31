"""What issue 16 adds to the store and its readers: each event's confidence (and the
``min_confidence`` filter that hides uncertain events), the span of each position's
object, and the explanation of each actor merge. Records are built inline, so these
tests need no language model."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.api import DEFAULT_MIN_CONFIDENCE, Newsweave
from newsweave.cli import app
from newsweave.corpus.update import rebuild_corpus
from newsweave.records import Actor, Event, Mention, Position
from newsweave.store import ArticleWriter, connect
from newsweave.web import create_app
from tests.conftest import make_result

SURE, UNSURE = 0.9, 0.3


def _first_report():
    body = "Arlen T. Voss demanded a new harbour inquiry on Monday."
    result = make_result(body, article_id="a1")
    result.actors = [Actor(id="person:arlen-t-voss", name="Arlen T. Voss", kind="person",
                           country="USA", country_evidence="stated")]
    result.mentions = [Mention("a1", 0, 13, "Arlen T. Voss", "PERSON",
                               actor_id="person:arlen-t-voss")]
    obj = "a new harbour inquiry"
    result.events = [
        Event(id="e-sure", article_id="a1", event="REQUEST", start=0, end=len(body), text=body,
              actors=["person:arlen-t-voss"], confidence=SURE),
        Event(id="e-unsure", article_id="a1", event="ASSAULT", start=0, end=len(body),
              text=body, confidence=UNSURE),
    ]
    result.positions = [Position(
        id="p1", article_id="a1", party="person:arlen-t-voss", stance="demands", object=obj,
        start=0, end=len(body), text=body, object_start=body.index(obj),
        object_end=body.index(obj) + len(obj))]
    return result


def _second_report():
    body = "Arlen Voss repeated the harbour demand on Tuesday."
    result = make_result(body, article_id="a2")
    result.actors = [Actor(id="person:arlen-voss", name="Arlen Voss", kind="person",
                           country="FRA", country_evidence="sentence")]
    result.mentions = [Mention("a2", 0, 10, "Arlen Voss", "PERSON",
                               actor_id="person:arlen-voss")]
    result.events = []
    return result


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("issue16") / "t.duckdb"
    conn = connect(path)
    with ArticleWriter(conn) as writer:
        writer.write(_first_report())
        writer.write(_second_report())
    rebuild_corpus(conn)
    conn.close()
    return path


def test_events_keep_their_confidence_and_lists_hide_uncertain_ones(db):
    assert 0 < DEFAULT_MIN_CONFIDENCE <= 0.5
    with Newsweave(db) as nw:
        every = {e.id: e.confidence for e in nw.events(min_confidence=0)}
        assert every == {"e-sure": SURE, "e-unsure": UNSURE}
        assert [e.id for e in nw.events()] == ["e-sure"]
        assert [r["id"] for r in nw.plover()] == ["e-sure"]
        assert nw.plover(min_confidence=0)[0]["confidence"] in (SURE, UNSURE)


def test_positions_keep_the_span_of_their_object(db):
    with Newsweave(db) as nw:
        [row] = nw.rows("SELECT p.object, p.object_start, p.object_end, a.body FROM positions p "
                        "JOIN articles a ON a.id = p.article_id")
    assert row["body"][row["object_start"]:row["object_end"]] == row["object"]


def test_the_actor_record_explains_its_merge_and_country(db):
    with Newsweave(db) as nw:
        [actor] = [a for a in nw.actors() if a.kind == "person"]
        [row] = nw.rows("SELECT merges FROM actors WHERE id = ?", [actor.id])
    # Stated evidence (USA) beats a sentence guess (FRA), whatever the article ids.
    assert (actor.country, actor.country_evidence) == ("USA", "stated")
    merges = row["merges"]
    assert {m["reason"] for m in merges} == {"middle_initial"}
    assert {m["mention"] for m in merges} <= {"Arlen Voss", "Arlen T. Voss"}


def test_rest_api_shows_confidence_object_spans_and_merges(db):
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        events = client.get("/api/events").json()
        assert [e["event_id"] for e in events["items"]] == ["e-sure"]
        assert events["items"][0]["confidence"] == SURE
        every = client.get("/api/events", params={"min_confidence": 0}).json()
        assert every["total"] == 2
        assert client.get("/api/events", params={"min_confidence": 2}).status_code == 422
        csv_text = client.get("/api/events/export", params={"format": "csv"}).text
        assert "confidence" in csv_text.splitlines()[0]
        [position] = client.get("/api/positions").json()["items"]
        assert position["object_start"] is not None and position["object_end"] is not None
        actors = client.get("/api/actors", params={"kind": "person"}).json()["items"]
        detail = client.get(f"/api/actors/{actors[0]['actor_id']}").json()
        assert detail["merges"] and detail["merges"][0]["reason"] == "middle_initial"
        page = client.get(f"/actors/{actors[0]['actor_id']}").text
        assert "middle initial" in page and "(stated)" in page


def test_exports_carry_confidence(db, tmp_path):
    with Newsweave(db) as nw:
        out = tmp_path / "events.jsonl"
        nw.export("events", out)
        records = [json.loads(line) for line in out.read_text().splitlines()]
        assert records and all("confidence" in r for r in records)
        nw.export("events", tmp_path / "events.csv", "csv")
        assert "confidence" in (tmp_path / "events.csv").read_text().splitlines()[0]
        assert nw.export("events", tmp_path / "sure.csv", "csv", min_confidence=0.5) == 1
        assert nw.export("events", tmp_path / "sure.jsonl", min_confidence=0.5) == 1
    result = CliRunner().invoke(app, ["export", "events", "--db", str(db),
                                      "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["e-sure"]


def test_cli_lists_actor_merges(db):
    result = CliRunner().invoke(app, ["actor", "person:arlen-voss", "--db", str(db)])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["merges"][0]["reason"] == "middle_initial"


def test_an_older_file_without_the_new_columns_opens_and_gains_them(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY)")
    old.execute("CREATE TABLE events (id VARCHAR PRIMARY KEY, article_id VARCHAR)")
    old.execute("CREATE TABLE positions (id VARCHAR PRIMARY KEY, article_id VARCHAR)")
    old.execute("CREATE TABLE actors (id VARCHAR, name VARCHAR)")
    old.execute("CREATE TABLE actor_records (article_id VARCHAR, id VARCHAR)")
    old.close()
    conn = connect(path)
    columns = {(t, c) for t, c in conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
    conn.close()
    assert {("events", "confidence"), ("positions", "object_start"),
            ("positions", "object_end"), ("actors", "merges"),
            ("actor_records", "country_evidence")} <= columns


def test_an_older_file_opened_read_only_still_lists_events_positions_and_actors(db, tmp_path):
    import shutil

    old = tmp_path / "old.duckdb"
    shutil.copyfile(db, old)
    conn = duckdb.connect(str(old))
    conn.execute("DROP INDEX IF EXISTS events_article")  # DuckDB alters no indexed table
    for table, column in [("events", "confidence"), ("positions", "object_start"),
                          ("positions", "object_end"), ("actors", "merges"),
                          ("actors", "country_evidence")]:
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.close()
    with Newsweave(old) as nw:
        # with no stored confidence every event counts as sure
        assert {e.confidence for e in nw.events()} == {1.0} and len(nw.events()) == 2
        assert all(a.merges == [] for a in nw.actors())
    with TestClient(create_app(old), base_url="http://127.0.0.1") as client:
        events = client.get("/api/events").json()
        assert events["total"] == 2 and {e["confidence"] for e in events["items"]} == {None}
        [position] = client.get("/api/positions").json()["items"]
        assert position["object_start"] is None
        person = client.get("/api/actors", params={"kind": "person"}).json()["items"][0]
        assert client.get(f"/api/actors/{person['actor_id']}").json()["merges"] == []
