"""Latency of the story page, the events explorer and ``/api/events`` on a 10,000-article
database.

The database is generated reproducibly at benchmark time: the demo corpus is
processed once (spaCy runs on its 19 articles only), then its rows are copied
into a new DuckDB file as many times as needed, each copy with its own article,
event, claim, position, story and fact ids and its dates shifted by a week per
copy, so every table grows in proportion (stories, facts, conflicts included)
while actors and places stay shared, as they would in a real corpus.

A real uvicorn server on 127.0.0.1 (a free port, in a background thread) then
answers a fixed, seeded sequence of requests one at a time; the script prints
p50 and p95 per request kind as JSON.

Usage::

    .venv/bin/python benchmarks/web_latency.py [--articles 10000] [--requests 200]
        [--source DEMO.duckdb] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import httpx

SEED = 20310524
WARMUP = 5

# One SELECT per table over ``range(lo, hi) t(k)``: ``k`` is the copy number. Each
# keeps every column of the table (``x.* REPLACE``) and renames only the ids and dates,
# so that columns added to the schema later are copied too (inserted BY NAME).
_K = "CAST(7 * k AS INTEGER)"
COPY_SQL = {
    "articles": f"""SELECT x.* REPLACE (x.id || '-c' || k AS id,
        x.source_id || '-c' || k AS source_id, x.published + {_K} AS published)
        FROM src.articles x, range({{lo}}, {{hi}}) t(k)""",
    "article_sources": """SELECT x.* REPLACE (x.article_id || '-c' || k AS article_id,
        x.source_id || '-c' || k AS source_id) FROM src.article_sources x,
        range({lo}, {hi}) t(k)""",
    "mentions": """SELECT x.* REPLACE (x.article_id || '-c' || k AS article_id)
        FROM src.mentions x, range({lo}, {hi}) t(k)""",
    "actor_records": """SELECT x.* REPLACE (x.article_id || '-c' || k AS article_id)
        FROM src.actor_records x, range({lo}, {hi}) t(k)""",
    "roles": f"""SELECT x.* REPLACE (x.article_id || '-c' || k AS article_id,
        x.date + {_K} AS date) FROM src.roles x, range({{lo}}, {{hi}}) t(k)""",
    "events": f"""SELECT x.* REPLACE (x.id || '-c' || k AS id,
        x.article_id || '-c' || k AS article_id, x.date + {_K} AS date)
        FROM src.events x, range({{lo}}, {{hi}}) t(k)""",
    "claims": f"""SELECT x.* REPLACE (x.id || '-c' || k AS id,
        x.article_id || '-c' || k AS article_id, x.date + {_K} AS date)
        FROM src.claims x, range({{lo}}, {{hi}}) t(k)""",
    "positions": """SELECT x.* REPLACE (x.id || '-c' || k AS id,
        x.article_id || '-c' || k AS article_id) FROM src.positions x, range({lo}, {hi}) t(k)""",
    "duplicates": """SELECT x.* REPLACE (x.copy_id || '-c' || k AS copy_id,
        x.original_id || '-c' || k AS original_id) FROM src.duplicates x,
        range({lo}, {hi}) t(k)""",
    "stories": f"""SELECT x.* REPLACE (x.id || '-c' || k AS id, x.start + {_K} AS start,
        x."end" + {_K} AS "end",
        list_transform(x.article_ids, lambda a: a || '-c' || k) AS article_ids)
        FROM src.stories x, range({{lo}}, {{hi}}) t(k)""",
    "story_articles": """SELECT x.* REPLACE (x.story_id || '-c' || k AS story_id,
        x.article_id || '-c' || k AS article_id) FROM src.story_articles x,
        range({lo}, {hi}) t(k)""",
    "facts": f"""SELECT x.* REPLACE (x.id || '-c' || k AS id,
        x.story_id || '-c' || k AS story_id, x.date + {_K} AS date,
        regexp_replace(regexp_replace(CAST(x.mentions AS VARCHAR),
            '"article_id": ?"([^"]+)"', '"article_id": "\\1-c' || k || '"', 'g'),
            '"claim_id": ?"([^"]+)"', '"claim_id": "\\1-c' || k || '"', 'g') AS mentions)
        FROM src.facts x, range({{lo}}, {{hi}}) t(k)""",
    "conflicts": """SELECT x.* REPLACE (x.id || '-c' || k AS id,
        x.story_id || '-c' || k AS story_id, x.fact_id || '-c' || k AS fact_id,
        regexp_replace(CAST(x.sides AS VARCHAR),
            '"article_id": ?"([^"]+)"', '"article_id": "\\1-c' || k || '"', 'g') AS sides)
        FROM src.conflicts x, range({lo}, {hi}) t(k)""",
    "story_positions": """SELECT x.* REPLACE (x.story_id || '-c' || k AS story_id,
        regexp_replace(CAST(x.evidence AS VARCHAR),
            '"article_id": ?"([^"]+)"', '"article_id": "\\1-c' || k || '"', 'g') AS evidence)
        FROM src.story_positions x, range({lo}, {hi}) t(k)""",
}
SHARED_TABLES = ("places", "actors", "actor_map")


def build_source(path: Path) -> Path:
    """Process the bundled demo corpus into ``path`` (the only NLP work of the benchmark)."""
    from newsweave import process

    report = process(None, db=path)
    if report.errors:
        raise SystemExit(f"demo corpus failed: {report.errors}")
    return path


def build_large(source: Path, target: Path, articles: int) -> dict[str, int]:
    """Copy the source database's rows into ``target`` until it holds ``articles`` articles.

    Copies are whole (a story keeps all its articles), so the count is the
    smallest multiple of the source's article count that reaches ``articles``.
    """
    from newsweave.store import connect, table_counts

    conn = connect(target)
    conn.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    per_copy = conn.execute("SELECT count(*) FROM src.articles").fetchone()[0]
    copies = math.ceil(articles / per_copy)
    for table in SHARED_TABLES:
        conn.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
    for table, sql in COPY_SQL.items():
        conn.execute(f"INSERT INTO {table} BY NAME " + sql.format(lo=0, hi=copies))
    conn.execute("DETACH src")
    conn.execute("CHECKPOINT")
    counts = table_counts(conn)
    conn.close()
    return counts


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _time(client: httpx.Client, urls: list[str]) -> list[float]:
    """Milliseconds per request, sequentially; every answer must be 200."""
    out = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return out


def _stats(ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(cuts[94], 1), "max_ms": round(max(ms), 1)}


def measure(db: Path, requests: int) -> dict[str, dict[str, float]]:
    """Serve ``db`` with uvicorn and time each request kind."""
    import uvicorn

    from newsweave.web import create_app

    rng = random.Random(SEED)
    conn = duckdb.connect(str(db), read_only=True)
    stories = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id").fetchall()]
    types = [r[0] for r in conn.execute("SELECT DISTINCT event FROM events ORDER BY 1").fetchall()]
    total_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    kinds: dict[str, Callable[[], str]] = {
        "story page": lambda: f"/stories/{rng.choice(stories)}",
        "/api/events": lambda: f"/api/events?offset={rng.randrange(0, total_events - 50)}",
        "/api/events?story_id": lambda: f"/api/events?story_id={rng.choice(stories)}",
        "/api/events?event_type": lambda: (f"/api/events?event_type={rng.choice(types)}"
                                           f"&offset={rng.randrange(0, 500)}"),
        "story list": lambda: "/",
        # the events explorer over the whole corpus: map, timeline, table, as first opened
        # and narrowed to one event type on a later page of its table
        "explorer page": lambda: "/explore",
        "explorer filtered": lambda: (f"/explore?event_type={rng.choice(types)}"
                                      f"&page={rng.randrange(1, 5)}"),
    }
    results = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for name, make in kinds.items():
                _time(client, [make() for _ in range(WARMUP)])
                results[name] = _stats(_time(client, [make() for _ in range(requests)]))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per kind")
    parser.add_argument("--source", type=Path, help="an already processed demo database")
    parser.add_argument("--keep", type=Path, help="folder to keep the generated database in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        source = args.source or build_source(Path(tmp) / "demo.duckdb")
        large = folder / f"web-{args.articles}.duckdb"
        large.unlink(missing_ok=True)
        counts = build_large(source, large, args.articles)
        built = time.perf_counter() - started
        latency = measure(large, args.requests)
    print(json.dumps({"database": {k: counts[k] for k in (
        "articles", "events", "claims", "mentions", "stories", "facts", "conflicts")},
        "build_seconds": round(built, 1), "latency": latency}, indent=2))


if __name__ == "__main__":
    main()
