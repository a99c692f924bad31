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
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from newsweave.config import AUTO_WORKERS, Settings, demo_corpus_dir, demo_gazetteer, get_settings
from newsweave.corpus.summary import corpus_counts, corpus_pending
from newsweave.engines import ChainConfig, run_local
from newsweave.engines.local import AUTO_MIN_ARTICLES, choose_workers, usable_cores
from newsweave.records import Actor, Article, Event, Fact, IngestError, RawDoc, Story
from newsweave.store import EXPORT_QUERIES, ArticleWriter, connect, export_table
from newsweave.store.db import full, is_full_error, is_interrupted, set_memory_limit
from newsweave.store.reader import DEFAULT_MIN_CONFIDENCE, StoreReader

if TYPE_CHECKING:
    from newsweave.corpus.summary import CorpusSummary

LOGGER = logging.getLogger(__name__)

# Events below this confidence are hidden from the brief, the API's lists and the
# REST API unless asked for (``min_confidence=0`` shows every event); why 0.35:
# see newsweave.store.reader.


@dataclass(slots=True)
class RunReport:
    """What one `process` call did.

    ``not_english`` counts the articles read in another language: they are
    stored (body, metadata, language) but not coded, and are not errors.
    ``notes`` name articles stored with a caveat (such as a page whose text
    was taken whole because its markup was too deep to analyse). ``workers``
    is how many processes ran the per-article chain (1: this process), which
    ``workers="auto"`` chooses by the input.
    """

    added: int = 0
    skipped: int = 0
    errors: list[IngestError] = field(default_factory=list)
    corpus: CorpusSummary | None = None
    not_english: int = 0
    notes: list[IngestError] = field(default_factory=list)
    workers: int = 1

    @property
    def ok(self) -> bool:
        """True when every input was processed."""
        return not self.errors


class RunInterrupted(KeyboardInterrupt):
    """The run was interrupted (Ctrl-C); ``report`` says what had been stored by then.

    Every article counted in ``report.added`` is stored whole; the corpus
    tables were not updated (the next run brings them up to date).
    """

    def __init__(self, report: RunReport, db: str) -> None:
        super().__init__(f"interrupted: {report.added} articles stored in {db}")
        self.report = report
        self.db = db


def count_inputs(paths: str | Path | Sequence[str | Path]) -> int:
    """A cheap count of input files, for progress bars (JSONL lines are not counted).

    Folders that cannot be read are passed over here; reading reports them.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    total = 0
    for p in map(Path, paths):
        try:
            is_dir = p.is_dir()
        except OSError:
            is_dir = False
        total += sum(len(files) for _, _, files in os.walk(p)) if is_dir else 1
    return total


def input_bytes(paths: str | Path | Sequence[str | Path]) -> int | None:
    """Total size of the input files on disk, or ``None`` when it says nothing of their text.

    ``None`` for standard input and for compressed (``.gz``) files. Folders are
    walked as :func:`count_inputs` walks them (every file counted).
    """
    from newsweave.ingest import STDIN

    if isinstance(paths, (str, Path)):
        paths = [paths]
    total = 0
    for given in paths:
        if str(given) == STDIN:
            return None
        p = Path(given)
        files = ([Path(root, name) for root, _, names in os.walk(p) for name in names]
                 if p.is_dir() else [p])
        for file in files:
            if file.name.lower().endswith(".gz"):
                return None
            try:
                total += file.stat().st_size
            except OSError:
                continue  # reading reports it
    return total


def _auto_workers(raws: Iterator[RawDoc | IngestError], paths: Sequence[str | Path],
                  stored: frozenset[str], cores: int | None = None
                  ) -> tuple[Iterable[RawDoc | IngestError], int]:
    """Choose the workers of an "auto" run from the first articles read and the input's size.

    Reads up to ``AUTO_MIN_ARTICLES + 1`` documents ahead (the input is read
    lazily, so this is cheap) and hands them back in front of the rest.
    """
    head = list(islice(raws, AUTO_MIN_ARTICLES + 1))
    workers = choose_workers(_new_articles(head, stored), input_bytes(paths),
                             usable_cores() if cores is None else cores)
    return chain(head, raws), workers


def _new_articles(raws: list[RawDoc | IngestError], stored: frozenset[str]) -> int:
    """How many of ``raws`` are articles the store does not hold.

    Into an empty store, every document counts. Otherwise they are cleaned to
    learn their ids (about 2 ms each): a re-run of stored input must not start
    workers that load the models for nothing.
    """
    if not stored:
        return len(raws)
    from newsweave.engines.chain import clean_all

    return sum(1 for item in clean_all(raws) if isinstance(item, Article) and item.id not in stored)


def process(paths: str | Path | Sequence[str | Path] | None = None, *,
            db: str | Path | None = None,
            settings: Settings | None = None,
            on_result: Callable[[Any], None] | None = None,
            corpus: bool = True, rebuild: bool = False,
            on_stage: Callable[[str], None] | None = None) -> RunReport:
    """Read, analyse and store the inputs, then update stories and facts.

    Args:
        paths: a file or folder, or a list of them; ``None`` processes the
            bundled demo corpus (with its gazetteer of invented places); an
            empty list processes nothing.
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
            :func:`~newsweave.corpus.update.rebuild_corpus`.
        on_stage: called with the name of each corpus stage as it starts.

    Returns:
        counts of added and already-stored articles, the errors (each naming
        its input and the reason), and the corpus summary.

    Raises:
        StoreError: the database cannot be opened, is damaged, or the disk is
            full (stored data stays intact).
        RunInterrupted: Ctrl-C; its ``report`` counts what was stored.
    """
    from newsweave.ingest import read_inputs

    settings = settings or get_settings()
    if db is not None:
        settings = settings.with_(db=str(db))
    if isinstance(paths, (str, Path)):
        # One path, never a string to iterate character by character.
        paths = [paths]
    if paths is None:
        paths = [demo_corpus_dir()]
        settings = settings.with_(gazetteers=(*settings.gazetteers, str(demo_gazetteer())))
    report = RunReport()
    if not paths:
        return report
    config = ChainConfig(model=settings.model, gazetteers=tuple(settings.gazetteers),
                         batch_size=settings.batch_size)
    conn = connect(settings.db, memory_limit=settings.db_memory)
    ctrl_c = _CtrlC.watch()
    try:
        stored = frozenset(row[0] for row in conn.execute("SELECT id FROM articles").fetchall())
        writer = ArticleWriter(conn, outlet_aliases=_outlet_aliases(settings), stored=stored)
        try:
            engine = _engine(settings)
            raws: Iterable[RawDoc | IngestError] = read_inputs(paths)
            report.workers = 1 if settings.workers == AUTO_WORKERS else int(settings.workers)
            if settings.workers == AUTO_WORKERS and engine is run_local:
                raws, report.workers = _auto_workers(iter(raws), paths, stored)
            options: dict[str, Any] = {"workers": report.workers}
            if engine is run_local:
                # what the store holds skips annotation: a re-run does no NLP work
                options["known"] = stored
                # an "auto" run's inputs are at most middling: this process runs
                # batches too, beside one worker process fewer
                options["share"] = settings.workers == AUTO_WORKERS
            for item in engine(raws, config, **options):
                ctrl_c.check()
                if _record(item, report, writer) and corpus:
                    _preload_corpus_stages()
                if on_result is not None:
                    on_result(item)
            ctrl_c.check()
        except KeyboardInterrupt as exc:
            raise _interrupted(report, writer, settings) from exc
        except Exception as exc:
            # Ctrl-C during a DuckDB statement reaches us as DuckDB's error, not as
            # KeyboardInterrupt; the writer rolled that statement back
            if not is_interrupted(exc):
                raise
            raise _interrupted(report, writer, settings) from exc
        writer.flush()
        report.added, report.skipped = writer.added, writer.skipped
        ctrl_c.stop()
        if corpus and not rebuild and not report.added and not corpus_pending(conn):
            # nothing new and the corpus tables are current: a re-run of the same
            # input loads no corpus stage
            report.corpus = corpus_counts(conn)
        elif corpus:
            # imported here: the corpus stages' libraries (scipy, scikit-learn)
            # take seconds to load, and only a run that updates the corpus needs them
            _finish_preload()
            from newsweave.corpus.update import rebuild_corpus, update_corpus

            set_memory_limit(conn, settings.corpus_memory)
            try:
                corpus_stage = rebuild_corpus if rebuild else update_corpus
                report.corpus = corpus_stage(conn, on_stage=on_stage)
            except KeyboardInterrupt as exc:
                # Ctrl-C in the stages' Python code: they rolled back; the
                # articles stay stored
                raise RunInterrupted(report, settings.db) from exc
            except (duckdb.Error, RuntimeError) as exc:
                if is_interrupted(exc):
                    # Ctrl-C in the corpus stages: they rolled back; the articles stay stored
                    raise RunInterrupted(report, settings.db) from exc
                if not isinstance(exc, duckdb.Error):
                    raise
                if is_full_error(exc):
                    raise full(settings.db, exc, lost=(
                        f"the {report.added} new articles are stored, but stories and facts "
                        "were not updated")) from exc
                raise
    finally:
        ctrl_c.stop()
        _close(conn)
    return report


@dataclass(slots=True)
class _CtrlC:
    """Keeps a Ctrl-C that code below the run swallowed.

    The default handler raises KeyboardInterrupt wherever the main thread is; a
    library's catch-all, or DuckDB turning it into a "Query interrupted" error
    that a handler for bad input takes, can make it vanish, and the run would go
    on to the end. While the chain's results are stored, the handler also
    records the signal, and :meth:`check` raises it again at the next result.
    Only the default handler is replaced (an application's own is left alone),
    only from the main thread, and it is put back by :meth:`stop`.
    """

    seen: bool = False
    installed: bool = False

    @classmethod
    def watch(cls) -> _CtrlC:
        watcher = cls()
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            signal.signal(signal.SIGINT, watcher._handle)
            watcher.installed = True
        return watcher

    def _handle(self, signum: int, frame: object) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt when a Ctrl-C came and was swallowed below."""
        if self.seen:
            raise KeyboardInterrupt

    def stop(self) -> None:
        """Put the default handler back (once)."""
        if self.installed:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            self.installed = False


def _outlet_aliases(settings: Settings) -> dict[str, str] | None:
    """The user's outlet aliases (``NEWSWEAVE_OUTLET_ALIASES``, ``run --outlet-aliases``)."""
    if not settings.outlet_aliases:
        return None
    from newsweave.clean.outlets import load_outlet_aliases

    return load_outlet_aliases(settings.outlet_aliases)


def _interrupted(report: RunReport, writer: ArticleWriter, settings: Settings
                 ) -> RunInterrupted:
    """What is buffered is whole: store it, then say what the run stored."""
    writer.flush()
    report.added, report.skipped = writer.added, writer.skipped
    return RunInterrupted(report, settings.db)


def _record(item: Any, report: RunReport, writer: ArticleWriter) -> bool:
    """Count one chain result in the report and buffer it for the store.

    Returns:
        True when the item is an article the store did not hold.
    """
    if isinstance(item, IngestError):
        report.errors.append(item)
        return False
    article = item.article
    if article.language != "en":
        report.not_english += 1
    report.notes.extend(IngestError(article.source_path, note)
                        for note in getattr(article, "notes", ()) or ())
    return writer.write(item)


# The thread importing the corpus stages while the chain still runs (see
# _preload_corpus_stages); None until a run first stores a new article.
_PRELOAD: threading.Thread | None = None


def _import_corpus_stages() -> None:
    """Import the corpus stages and their libraries (the preload thread's work)."""
    try:
        import newsweave.corpus.update  # noqa: F401
    except Exception:  # noqa: BLE001 - the run's own import reports it, in the main thread
        LOGGER.debug("preloading the corpus stages failed", exc_info=True)


def _preload_corpus_stages() -> None:
    """Start importing the corpus stages in a background thread, once per process.

    Their libraries (scipy, scikit-learn, wordfreq) take about a second to
    import, and only a run that stores something new needs them. Started at the
    first new article, the import overlaps the annotation of the next batches:
    spaCy's matrix products release the GIL, so on a second core the import
    costs little wall time (its CPU time is the same).
    """
    global _PRELOAD
    if _PRELOAD is not None:
        return
    _PRELOAD = threading.Thread(target=_import_corpus_stages, name="newsweave-corpus-preload",
                                daemon=True)
    _PRELOAD.start()


def _finish_preload() -> None:
    """Wait for the preload thread, if one runs, before importing the corpus stages."""
    if _PRELOAD is not None:
        _PRELOAD.join()


def _close(conn: Any) -> None:
    """Close the store; after a failed write DuckDB may refuse, and the first error matters."""
    try:
        conn.close()
    except duckdb.Error:
        LOGGER.debug("closing the database after an error failed", exc_info=True)


def _engine(settings: Settings) -> Callable[..., Any]:
    """The function that runs the per-article chain for the configured engine."""
    if settings.engine == "ray":
        from newsweave.engines.ray_engine import run_ray

        return run_ray
    return run_local


class Newsweave:
    """Read access to a newsweave database: stories, briefs, events, facts, actors.

    A thin public facade over :class:`~newsweave.store.reader.StoreReader`
    (``self.reader``), adding the brief, PLOVER records and exports.

    Args:
        db: path of the DuckDB file written by :func:`process`.

    Raises:
        StoreError: ``db`` is empty, missing, damaged, or not a newsweave database.
    """

    def __init__(self, db: str | Path | None = None) -> None:
        self.path = str(get_settings().db if db is None else db)
        self.conn = connect(self.path, read_only=True)
        self.reader = StoreReader(self.conn)

    def __enter__(self) -> Newsweave:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of any SQL query as dicts (JSON columns decoded)."""
        return self.reader.rows(sql, params)

    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return self.reader.stories()

    def story(self, story_id: str) -> Story:
        """One story by id; raises KeyError when there is none."""
        story = self.reader.story(story_id)
        if story is None:
            raise KeyError(f"no story {story_id!r}; `newsweave stories` lists them")
        return story

    def brief(self, story_id: str, fmt: str = "md", *,
              min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> str:
        """The story brief as Markdown (``md``), ``html`` or ``json``.

        Its timeline leaves out events below ``min_confidence`` (0 keeps every event).
        """
        from newsweave.present import brief as brief_mod

        data = brief_mod.build_brief(self.reader, self.story(story_id),
                                     min_confidence=min_confidence)
        if fmt == "json":
            return json.dumps(data, indent=2, default=str, ensure_ascii=False)
        if fmt == "html":
            return brief_mod.render_html(data)
        if fmt == "md":
            return brief_mod.render_markdown(data)
        raise ValueError(f"unknown brief format {fmt!r}; choose md, html or json")

    def has_column(self, table: str, column: str) -> bool:
        """Whether the file's ``table`` has ``column`` (a file written by an older
        version and opened read-only may lack the columns added since)."""
        return self.reader.has_column(table, column)

    def confidence_sql(self, alias: str = "e") -> str:
        """The SQL of an event's confidence: 1.0 where it was not stored."""
        return self.reader.confidence_sql(alias)

    def events(self, story_id: str | None = None, *,
               min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Event]:
        """PLOVER events, optionally of one story.

        Args:
            story_id: only this story's events.
            min_confidence: hide events the coder is less sure of (see
                :data:`DEFAULT_MIN_CONFIDENCE`); ``0`` returns every event.
        """
        return self.reader.events(story_id, min_confidence=min_confidence)

    def facts(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Facts with their outlets, mentions, corroboration and conflict ids."""
        return self.reader.facts(story_id)

    def fact_records(self, story_id: str | None = None) -> list[Fact]:
        """Facts as :class:`~newsweave.records.Fact` records."""
        return self.reader.fact_records(story_id)

    def actors(self) -> list[Actor]:
        """Canonical actors (aliases merged across articles, each merge explained)."""
        return self.reader.actors()

    def actor(self, actor_id: str) -> Actor:
        """One canonical actor, by its id or by any per-article id merged into it.

        Raises:
            KeyError: no actor has that id.
        """
        rows = self.rows("SELECT canonical_id FROM actor_map WHERE actor_id = ?", [actor_id])
        canonical = rows[0]["canonical_id"] if rows else actor_id
        for actor in self.actors():
            if actor.id == canonical:
                return actor
        raise KeyError(f"no actor {actor_id!r}; `newsweave export actors` lists them")

    def table(self, name: str) -> Any:
        """An exported table (see ``newsweave export``) as a pandas DataFrame."""
        return self.conn.sql(self._export_sql(name)).df()

    def arrow(self, name: str) -> Any:
        """An exported table as a pyarrow Table."""
        result = self.conn.sql(self._export_sql(name)).arrow()
        return result.read_all() if hasattr(result, "read_all") else result

    def plover(self, story_id: str | None = None, *,
               min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[dict[str, Any]]:
        """Events as PLOVER records, actors resolved to their canonical entities.

        Args:
            story_id: only this story's events.
            min_confidence: as in :meth:`events`; ``0`` gives every event.
        """
        from newsweave.present.plover import plover_records

        return plover_records(self.reader, story_id, min_confidence=min_confidence)

    def export(self, name: str, out: str | Path, fmt: str = "jsonl", *,
               min_confidence: float = 0.0) -> int:
        """Write an exported table to a file (events as PLOVER JSONL); returns its row count.

        An export is the whole table by default: every event, with its ``confidence``
        to filter on; ``min_confidence`` leaves out the less sure events.
        """
        if name != "events":
            return export_table(self.conn, name, out, fmt)  # type: ignore[arg-type]
        if fmt == "jsonl":
            records = self.plover(min_confidence=min_confidence)
            with Path(out).open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(record, ensure_ascii=False, default=str) + "\n"
                              for record in records)
            return len(records)
        # a float formatted by Python, never text from outside, goes into the SQL
        sql = (f"SELECT * FROM ({EXPORT_QUERIES['events']}) e "
               f"WHERE {self.confidence_sql()} >= {float(min_confidence)!r}")
        return export_table(self.conn, "events", out, fmt, sql=sql)  # type: ignore[arg-type]

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
        return _plover_events(self.analyse(text, published))

    def plover_events_many(self, texts: Sequence[str], published: dt.date | None = None, *,
                           batch_size: int = 32) -> list[list[dict[str, Any]]]:
        """PLOVER records for each of many texts (as :meth:`plover_events` gives them one
        by one), annotated ``batch_size`` texts at a time."""
        from newsweave.annotate import annotate_articles
        from newsweave.engines.chain import analyse_article
        from newsweave.resolve import text_article

        articles = (text_article(text, published) for text in texts)
        return [_plover_events(analyse_article(article, doc, self.gazetteer))
                for article, doc in annotate_articles(self.nlp, articles, batch_size)]

    def places(self, text: str) -> list[dict[str, Any]]:
        """Every toponym: ``[{start, end, text, name, country, lat, lon, geonameid}]``.

        The same geoparser that ``newsweave eval geo`` scores: wider than the
        places where events happen (metonyms, demonyms, places inside names).
        """
        from newsweave.resolve import geoparse

        article, doc = self._annotate(text)
        return geoparse(article, doc, self.gazetteer)


def _plover_events(result: Any) -> list[dict[str, Any]]:
    """The PLOVER records of one analysed text's events."""
    from newsweave.present.plover import plover_record

    actors = {a.id: a for a in result.actors}
    places = {p.id: p for p in result.places}
    return [plover_record(e, actors, places) for e in result.events]
