"""The Python API that the command line wraps.

>>> from newsweave import process, Newsweave
>>> report = process(["reports/"], db="news.duckdb")      # doctest: +SKIP
>>> with Newsweave("news.duckdb") as nw:                    # doctest: +SKIP
...     story = nw.stories()[0]
...     print(nw.brief(story.id))
...     frame = nw.table("events")                          # pandas
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.config import Settings, demo_corpus_dir, demo_gazetteer, get_settings
from newsweave.corpus.build import CorpusSummary, rebuild_corpus
from newsweave.engines import ChainConfig, run_local
from newsweave.records import Actor, Event, Fact, IngestError, Quantity, Story
from newsweave.store import EXPORT_QUERIES, ArticleWriter, connect, export_table, query_rows
from newsweave.store.db import set_memory_limit

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class RunReport:
    """What one `process` call did."""

    added: int = 0
    skipped: int = 0
    errors: list[IngestError] = field(default_factory=list)
    corpus: CorpusSummary | None = None

    @property
    def ok(self) -> bool:
        """True when every input was processed."""
        return not self.errors

    @property
    def not_english(self) -> int:
        """How many documents were skipped because they are not in English."""
        return sum(e.reason.startswith("not English") for e in self.errors)


def count_inputs(paths: Sequence[str | Path]) -> int:
    """A cheap count of input files, for progress bars (JSONL lines are not counted)."""
    total = 0
    for p in map(Path, paths):
        total += sum(1 for f in p.rglob("*") if f.is_file()) if p.is_dir() else 1
    return total


def process(paths: Sequence[str | Path] | None = None, *, db: str | Path | None = None,
            settings: Settings | None = None,
            on_result: Callable[[Any], None] | None = None,
            corpus: bool = True, rebuild: bool = False,
            on_stage: Callable[[str], None] | None = None) -> RunReport:
    """Read, analyse and store the inputs, then update stories and facts.

    Args:
        paths: files or folders; ``None`` processes the bundled demo corpus
            (with its gazetteer of invented places).
        db: the DuckDB file (default ``./newsweave.duckdb``).
        settings: model, workers, batch size, extra gazetteers.
        on_result: called with each ``ArticleResult`` or ``IngestError`` as it
            arrives (progress bars, logging).
        corpus: update the corpus tables (copies, stories, facts) after storing
            the articles; ``False`` stores the per-article rows only (bulk loads
            in several parts, benchmarks), and the next run with ``True`` brings
            the corpus tables up to date.
        rebuild: recluster and corroborate everything from scratch instead of
            updating (story ids may change); see
            :func:`~newsweave.corpus.build.rebuild_corpus`.
        on_stage: called with the name of each corpus stage as it starts.

    Returns:
        counts of added and already-stored articles, the errors (each naming
        its input and the reason), and the corpus summary.
    """
    from newsweave.ingest import read_inputs

    settings = settings or get_settings()
    if db is not None:
        settings = settings.with_(db=str(db))
    if not paths:
        paths = [demo_corpus_dir()]
        settings = settings.with_(gazetteers=(*settings.gazetteers, str(demo_gazetteer())))
    config = ChainConfig(model=settings.model, gazetteers=tuple(settings.gazetteers),
                         batch_size=settings.batch_size)
    report = RunReport()
    conn = connect(settings.db, memory_limit=settings.db_memory)
    try:
        with ArticleWriter(conn) as writer:
            for item in _engine(settings)(read_inputs(paths), config,
                                          workers=settings.workers):
                if isinstance(item, IngestError):
                    report.errors.append(item)
                else:
                    writer.write(item)
                if on_result is not None:
                    on_result(item)
        report.added, report.skipped = writer.added, writer.skipped
        if corpus:
            set_memory_limit(conn, settings.corpus_memory)
            report.corpus = rebuild_corpus(conn, full=rebuild, on_stage=on_stage)
    finally:
        conn.close()
    return report


def _engine(settings: Settings) -> Callable[..., Any]:
    """The function that runs the per-article chain for the configured engine."""
    if settings.engine == "ray":
        from newsweave.engines.ray_engine import run_ray

        return run_ray
    return run_local


class Newsweave:
    """Read access to a newsweave database: stories, briefs, events, facts, actors.

    Args:
        db: path of the DuckDB file written by :func:`process`.
    """

    def __init__(self, db: str | Path | None = None) -> None:
        self.path = str(db or get_settings().db)
        self.conn = connect(self.path, read_only=True)

    def __enter__(self) -> "Newsweave":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of any SQL query as dicts (JSON columns decoded)."""
        return query_rows(self.conn, sql, params)

    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return [Story(id=r["id"], title=r["title"], article_ids=list(r["article_ids"]),
                      outlets=list(r["outlets"]), start=r["start"], end=r["end"])
                for r in self.rows('SELECT * FROM stories ORDER BY len(article_ids) DESC, '
                                   'start, id')]

    def story(self, story_id: str) -> Story:
        """One story by id; raises KeyError when there is none."""
        for story in self.stories():
            if story.id == story_id:
                return story
        raise KeyError(f"no story {story_id!r}; `newsweave stories` lists them")

    def brief(self, story_id: str, fmt: str = "md") -> str:
        """The story brief as Markdown (``md``), ``html`` or ``json``."""
        from newsweave.present import brief as brief_mod

        data = brief_mod.build_brief(self, self.story(story_id))
        if fmt == "json":
            return json.dumps(data, indent=2, default=str, ensure_ascii=False)
        if fmt == "html":
            return brief_mod.render_html(data)
        if fmt == "md":
            return brief_mod.render_markdown(data)
        raise ValueError(f"unknown brief format {fmt!r}; choose md, html or json")

    def events(self, story_id: str | None = None) -> list[Event]:
        """PLOVER events, optionally of one story."""
        sql = "SELECT e.* FROM events e"
        params: list[Any] = []
        if story_id:
            sql += " JOIN story_articles s ON s.article_id = e.article_id WHERE s.story_id = ?"
            params.append(story_id)
        out = []
        for r in self.rows(sql + " ORDER BY e.date, e.article_id, e.start", params):
            r["quantities"] = [Quantity(**q) for q in r["quantities"] or []]
            r["context"] = list(r["context"] or [])
            r["actors"], r["recipients"] = list(r["actors"] or []), list(r["recipients"] or [])
            out.append(Event(**r))
        return out

    def facts(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Facts with their outlets, mentions, corroboration and conflict ids."""
        rows = self.rows(f"SELECT * FROM ({EXPORT_QUERIES['facts']})"
                         + (" WHERE story_id = ?" if story_id else ""),
                         [story_id] if story_id else [])
        return rows

    def fact_records(self, story_id: str | None = None) -> list[Fact]:
        """Facts as :class:`~newsweave.records.Fact` records."""
        from newsweave.records import FactMention

        return [Fact(id=r["fact_id"], story_id=r["story_id"], statement=r["statement"],
                     mentions=[FactMention(**m) for m in r["mentions"]],
                     outlets=list(r["outlets"]), corroboration=r["corroboration"],
                     event_type=r["event_type"], certainty=r["certainty"],
                     background=r["background"], date=r["date"], importance=r["importance"])
                for r in self.facts(story_id)]

    def actors(self) -> list[Actor]:
        """Canonical actors (aliases merged across articles)."""
        return [Actor(id=r["id"], name=r["name"], kind=r["kind"], country=r["country"],
                      sector=r["sector"], aliases=list(r["aliases"] or []))
                for r in self.rows("SELECT * FROM actors ORDER BY id")]

    def table(self, name: str) -> Any:
        """An exported table (see ``newsweave export``) as a pandas DataFrame."""
        return self.conn.sql(self._export_sql(name)).df()

    def arrow(self, name: str) -> Any:
        """An exported table as a pyarrow Table."""
        result = self.conn.sql(self._export_sql(name)).arrow()
        return result.read_all() if hasattr(result, "read_all") else result

    def plover(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Events as PLOVER records, actors resolved to their canonical entities."""
        from newsweave.present.plover import plover_record
        from newsweave.records import Place

        canon = {r["actor_id"]: r["canonical_id"]
                 for r in self.rows("SELECT actor_id, canonical_id FROM actor_map")}
        actors = {a.id: a for a in self.actors()}
        places = {r["id"]: Place(**r) for r in self.rows("SELECT * FROM places")}
        articles = {r["id"]: r for r in self.rows(
            "SELECT id, outlet, url, title, published FROM articles")}
        records = []
        for event in self.events(story_id):
            event.actors = [canon.get(a, a) for a in event.actors]
            event.recipients = [canon.get(r, r) for r in event.recipients]
            records.append(plover_record(event, actors, places, articles.get(event.article_id)))
        return records

    def export(self, name: str, out: str | Path, fmt: str = "jsonl") -> int:
        """Write an exported table to a file (events as PLOVER JSONL); returns its row count."""
        if name == "events" and fmt == "jsonl":
            records = self.plover()
            with Path(out).open("w", encoding="utf-8") as fh:
                for record in records:
                    fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            return len(records)
        return export_table(self.conn, name, out, fmt)  # type: ignore[arg-type]

    @staticmethod
    def _export_sql(name: str) -> str:
        if name not in EXPORT_QUERIES:
            raise KeyError(f"unknown table {name!r}; choose one of {', '.join(EXPORT_QUERIES)}")
        return EXPORT_QUERIES[name]


def clean_file(path: str | Path) -> Any:
    """Read and clean one document: an :class:`Article`, or an :class:`IngestError`."""
    from newsweave.clean import clean_document
    from newsweave.ingest import read_inputs

    for item in read_inputs([path]):
        return item if isinstance(item, IngestError) else clean_document(item)
    return IngestError(str(path), "no document found in the file")


class TextAnalyser:
    """Analyse loose texts (one sentence or paragraph) without a database.

    Args:
        settings: model and extra gazetteers; defaults from the environment.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        from newsweave.engines.chain import load_models

        settings = settings or get_settings()
        self.config = ChainConfig(model=settings.model, gazetteers=tuple(settings.gazetteers))
        self.nlp, self.gazetteer = load_models(self.config)

    def analyse(self, text: str, published: dt.date | None = None) -> Any:
        """The per-article chain on a text taken as a whole article body (no cleaning)."""
        from newsweave.engines.chain import analyse_article

        article, doc = self._annotate(text, published)
        return analyse_article(article, doc, self.gazetteer)

    def _annotate(self, text: str, published: dt.date | None = None) -> tuple[Any, Any]:
        from newsweave.annotate import annotate_articles
        from newsweave.resolve import text_article

        ((article, doc),) = list(annotate_articles(self.nlp, [text_article(text, published)]))
        return article, doc

    def plover_events(self, text: str, published: dt.date | None = None) -> list[dict[str, Any]]:
        """PLOVER records for the events in a text."""
        from newsweave.present.plover import plover_record

        result = self.analyse(text, published)
        actors = {a.id: a for a in result.actors}
        places = {p.id: p for p in result.places}
        return [plover_record(e, actors, places) for e in result.events]

    def places(self, text: str) -> list[dict[str, Any]]:
        """Every toponym: ``[{start, end, text, name, country, lat, lon, geonameid}]``.

        The same geoparser that ``newsweave eval geo`` scores: wider than the
        places where events happen (metonyms, demonyms, places inside names).
        """
        from newsweave.resolve import geoparse

        article, doc = self._annotate(text)
        return geoparse(article, doc, self.gazetteer)
