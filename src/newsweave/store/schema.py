"""DuckDB schema: one file holds every table.

Per-article tables (``articles`` ... ``positions``) are written once per
article id and never rewritten; corpus tables (``duplicates``, ``stories``,
``story_articles``, ``actors``, ``actor_map``, ``facts``, ``conflicts``) are
derived from them and rebuilt by the corpus stages (``story_positions``: the
positions of each story merged per party, stance and object).
"""

from __future__ import annotations

SCHEMA_VERSION = 1

PER_ARTICLE_TABLES: dict[str, str] = {
    "articles": """
        id VARCHAR PRIMARY KEY, source_id VARCHAR, source_path VARCHAR,
        outlet VARCHAR, url VARCHAR, title VARCHAR, published DATE,
        body VARCHAR, removed VARCHAR[], language VARCHAR,
        sentences JSON, ingested_at TIMESTAMP
    """,
    "article_sources": """
        article_id VARCHAR, source_id VARCHAR, source_path VARCHAR,
        outlet VARCHAR, url VARCHAR
    """,
    "mentions": """
        article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        label VARCHAR, actor_id VARCHAR, place_id VARCHAR
    """,
    "actor_records": """
        article_id VARCHAR, id VARCHAR, name VARCHAR, kind VARCHAR,
        country VARCHAR, sector VARCHAR, aliases VARCHAR[], country_evidence VARCHAR,
        merges JSON
    """,
    "roles": """
        actor_id VARCHAR, role VARCHAR, article_id VARCHAR, start INTEGER,
        "end" INTEGER, text VARCHAR, date DATE
    """,
    "places": """
        id VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE,
        feature_class VARCHAR, population BIGINT
    """,
    "events": """
        id VARCHAR PRIMARY KEY, article_id VARCHAR, event VARCHAR, mode VARCHAR,
        context VARCHAR[], actors VARCHAR[], recipients VARCHAR[], date DATE,
        date_precision VARCHAR, place_id VARCHAR, quantities JSON,
        certainty VARCHAR, background BOOLEAN, start INTEGER, "end" INTEGER,
        text VARCHAR, trigger VARCHAR, confidence DOUBLE
    """,
    "claims": """
        id VARCHAR PRIMARY KEY, article_id VARCHAR, start INTEGER, "end" INTEGER,
        text VARCHAR, subject VARCHAR, predicate VARCHAR, object VARCHAR,
        event_type VARCHAR, actors VARCHAR[], quantities JSON, certainty VARCHAR,
        background BOOLEAN, date DATE, date_precision VARCHAR, clauses JSON,
        part VARCHAR
    """,
    "positions": """
        id VARCHAR PRIMARY KEY, article_id VARCHAR, party VARCHAR, stance VARCHAR,
        object VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        certainty VARCHAR, object_start INTEGER, object_end INTEGER
    """,
}

CORPUS_TABLES: dict[str, str] = {
    "duplicates": "copy_id VARCHAR, original_id VARCHAR",
    "stories": """
        id VARCHAR, title VARCHAR, start DATE, "end" DATE,
        article_ids VARCHAR[], outlets VARCHAR[]
    """,
    "story_articles": "story_id VARCHAR, article_id VARCHAR",
    "actors": """
        id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR,
        sector VARCHAR, aliases VARCHAR[], merges JSON, country_evidence VARCHAR
    """,
    "actor_map": "actor_id VARCHAR, canonical_id VARCHAR",
    "facts": """
        id VARCHAR, story_id VARCHAR, statement VARCHAR, outlets VARCHAR[],
        corroboration INTEGER, event_type VARCHAR, certainty VARCHAR,
        background BOOLEAN, date DATE, importance DOUBLE, mentions JSON, lineage JSON
    """,
    "conflicts": """
        id VARCHAR, story_id VARCHAR, kind VARCHAR, topic VARCHAR,
        fact_id VARCHAR, sides JSON
    """,
    # each story's positions merged per party, stance and object (what the brief
    # shows), written by the corpus stage so no read merges them again
    "story_positions": """
        story_id VARCHAR, party VARCHAR, stance VARCHAR, object VARCHAR, objects JSON,
        outlets VARCHAR[], corroboration INTEGER, certainty VARCHAR, position_ids JSON,
        evidence JSON
    """,
    # paragraphs an outlet repeats across its articles (its template), for audit
    "repeated_lines": "outlet VARCHAR, text VARCHAR, articles INTEGER",
    "chrome_spans": 'article_id VARCHAR, start INTEGER, "end" INTEGER',
    # State of the incremental update (see newsweave.corpus.update): each
    # article's MinHash and LSH band keys, and its paragraphs' keys.
    "dedupe_signatures": "article_id VARCHAR, shingles INTEGER, length INTEGER, minhash BLOB",
    "dedupe_bands": "article_id VARCHAR, band INTEGER, key BIGINT",
    "paragraphs": 'article_id VARCHAR, outlet VARCHAR, start INTEGER, "end" INTEGER, hash BIGINT',
}

# Columns added after a table was first released: an older file gains them
# (empty) when it is opened for writing.
ADDED_COLUMNS = [
    ("claims", "clauses", "JSON"), ("facts", "lineage", "JSON"),
    # issue 16: how sure each event is, where a position's object is worded, what a
    # person's country rests on, and why actors were merged
    ("events", "confidence", "DOUBLE"), ("positions", "object_start", "INTEGER"),
    ("positions", "object_end", "INTEGER"), ("actor_records", "country_evidence", "VARCHAR"),
    ("actor_records", "merges", "JSON"),
    ("actors", "merges", "JSON"), ("actors", "country_evidence", "VARCHAR"),
    # issue 15: a headline claim's span indexes the title
    ("claims", "part", "VARCHAR"),
]

# Indexes that keep "does this article exist" and per-article reads cheap.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_id)",
    "CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id)",
]


def create_schema(conn) -> None:  # noqa: ANN001 - duckdb connection
    """Create every table that does not exist yet."""
    for name, columns in {**PER_ARTICLE_TABLES, **CORPUS_TABLES}.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
    for table, column, kind in ADDED_COLUMNS:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    for statement in INDEXES:
        conn.execute(statement)
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    conn.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
        [str(SCHEMA_VERSION)],
    )
