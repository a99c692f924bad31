"""The per-article chain: clean -> annotate -> resolve -> extract.

A pure function of (raw documents, settings, model versions): it reads no
store and no other article, so it runs the same in this process, in worker
processes, or on a cluster.
"""

from __future__ import annotations

import dataclasses
import logging
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsweave.records import Article, ArticleResult, IngestError, RawDoc, Resolution

LOGGER = logging.getLogger(__name__)
# Seconds one document may spend in cleaning, and again in resolve + extract,
# before it is given up as an error (a pathological page must not hang a run).
DOC_SECONDS = 60.0
# Longer bodies are coded in pieces (see ChainConfig.max_chars); news articles
# are far shorter, a transcript or a page dump may not be.
LONG_ARTICLE_CHARS = 100_000


# Called with 1 for each article analysed in this process (progress bars of long
# commands whose work goes through the chain, such as `newsweave eval`).
_OBSERVERS: list[Callable[[int], None]] = []


@contextmanager
def observe_articles(callback: Callable[[int], None]) -> Iterator[None]:
    """Call ``callback(1)`` for every article the chain analyses in this process, in the block.

    Worker processes and Ray actors do not report here; their results reach
    the caller, which counts them itself.
    """
    _OBSERVERS.append(callback)
    try:
        yield
    finally:
        _OBSERVERS.remove(callback)


class DocumentTimeout(Exception):
    """One document took longer than the per-document time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` of wall time.

    Uses a real-time interval timer, so it works only in a process's main
    thread (the local engine and its worker processes); elsewhere (a thread)
    the block runs without a limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than the {seconds:g} s per-document limit")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True, slots=True)
class ChainConfig:
    """What the chain needs to build its models; hashable so a worker caches them."""

    model: str
    gazetteers: tuple[str, ...] = ()
    batch_size: int = 32
    doc_seconds: float = DOC_SECONDS
    # Bodies longer than this (never more than the pipeline's max_length) are
    # coded in pieces of up to ``piece_chars``: spaCy refuses texts over its
    # max_length (E088), and resolve + extract grow faster than linearly with
    # the mentions of one text (a 105,000-character body of 1,500 sentences
    # naming one city took over 20 GB), while a 20,000-character piece takes
    # about half a second and no extra memory.
    max_chars: int | None = LONG_ARTICLE_CHARS
    piece_chars: int = 20_000
    # Only this much of a body is coded (a 10 MB "article" is a page dump, and
    # coding it whole would take many minutes); the rest is stored uncoded.
    max_coded_chars: int = 500_000


@lru_cache(maxsize=4)
def load_models(config: ChainConfig) -> tuple[Any, Any]:
    """The spaCy pipeline and the gazetteer, loaded once per process."""
    from pathlib import Path

    from newsweave.annotate import load_nlp
    from newsweave.gazetteer import load_gazetteer

    gazetteer = load_gazetteer([Path(p) for p in config.gazetteers])
    nlp = load_nlp(config.model, gazetteer=gazetteer)
    return nlp, gazetteer


def clean_all(raws: Iterable[RawDoc | IngestError], *, doc_seconds: float = DOC_SECONDS
              ) -> Iterator[Article | IngestError]:
    """Clean each raw document; failures and documents over the time limit become IngestErrors."""
    from newsweave.clean import clean_document

    for raw in raws:
        if isinstance(raw, IngestError):
            yield raw
            continue
        try:
            with time_limit(doc_seconds):
                article = clean_document(raw)
        except DocumentTimeout as exc:
            yield IngestError(raw.source_path, f"cleaning {exc}")
            continue
        except Exception as exc:  # one bad document must not stop the run
            LOGGER.warning("cleaning %s failed: %s", raw.source_path, exc)
            yield IngestError(raw.source_path, f"cleaning failed: {type(exc).__name__}: {exc}")
            continue
        yield article


def analyse_article(article: Article, doc: Any, gazetteer: Any) -> ArticleResult:
    """Resolve and extract one annotated article: the chain after spaCy."""
    from newsweave.extract import extract_article
    from newsweave.resolve import resolve_article

    resolution = resolve_article(article, doc, gazetteer)
    extraction = extract_article(article, doc, resolution, gazetteer)
    for callback in _OBSERVERS:
        callback(1)
    return ArticleResult(
        article=article, mentions=resolution.mentions, actors=resolution.actors,
        roles=resolution.roles, places=resolution.places, events=extraction.events,
        claims=extraction.claims, positions=extraction.positions,
    )


def is_coded(article: Article) -> bool:
    """True when the article's language is coded (annotated and extracted): English.

    Articles in other languages are stored with their body, metadata and
    language, and take part in copy detection and story clustering, but are
    not coded: the rules and the model are English.
    """
    return article.language == "en"


def annotate_safely(nlp: Any, articles: list[Article], batch_size: int
                    ) -> Iterator[tuple[Article, Any] | IngestError]:
    """``(article, doc)`` pairs for the articles spaCy takes; an error for each it fails on.

    When annotating a batch fails, its articles are annotated one by one so
    that only the article at fault is lost.
    """
    from newsweave.annotate import annotate_articles

    fits = list(articles)
    try:
        pairs = list(annotate_articles(nlp, fits, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find the article at fault below
        LOGGER.warning("annotating a batch failed; annotating its articles one by one",
                       exc_info=True)
    else:
        yield from pairs
        return
    for article in fits:
        try:
            yield from list(annotate_articles(nlp, [article], batch_size=1))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            yield IngestError(article.source_path,
                              f"annotation failed: {type(exc).__name__}: {exc}")


def split_pieces(article: Article, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the body, each at most ``size`` characters, cut between sentences.

    A sentence longer than ``size`` is cut at the last space before the limit
    (or hard at the limit when it has none).
    """
    spans = article.sentences or [(0, len(article.body))]
    pieces: list[tuple[int, int]] = []
    start = end = spans[0][0]
    for s_start, s_end in spans:
        if s_end - start > size and end > start:
            pieces.append((start, end))
            start = s_start
        while s_end - start > size:
            cut = article.body.rfind(" ", start + 1, start + size)
            cut = cut if cut > start else start + size
            pieces.append((start, cut))
            start = cut
        end = s_end
    if end > start:
        pieces.append((start, end))
    return pieces


def _analyse_in_pieces(article: Article, nlp: Any, gazetteer: Any, config: ChainConfig,
                       max_chars: int) -> ArticleResult | IngestError:
    """Code an article longer than the pipeline takes, piece by piece, as one result.

    Each piece is annotated and analysed as an article of its own (under an id
    of its own, so the ids derived from it stay distinct), then its spans are
    moved to their place in the whole body and its rows given the article's id.
    Actors and places found in several pieces are kept once. Only the first
    ``config.max_coded_chars`` characters are coded.
    """
    from newsweave.annotate import annotate_articles
    from newsweave.extract.facts import title_claim

    coded = dataclasses.replace(article, sentences=[
        (start, end) for start, end in article.sentences if end <= config.max_coded_chars]
        or [(0, min(len(article.body), config.max_coded_chars))])
    pieces = split_pieces(coded, min(config.piece_chars, max_chars))
    # the headline is the whole article's claim, made once below, not each piece's
    parts = [dataclasses.replace(
        article, id=f"{article.id}-{n}", body=article.body[start:end], notes=[], title="",
        sentences=[(max(s, start) - start, min(e, end) - start)
                   for s, e in article.sentences if s < end and e > start])
        for n, (start, end) in enumerate(pieces)]
    merged = ArticleResult(article=article)
    actors: dict[str, Any] = {}
    places: dict[str, Any] = {}
    for (start, _), (part, doc) in zip(pieces, annotate_articles(nlp, parts, config.batch_size),
                                       strict=True):
        try:
            with time_limit(config.doc_seconds):
                result = analyse_article(part, doc, gazetteer)
        except DocumentTimeout as exc:
            return IngestError(article.source_path, f"analysis {exc} (in a piece)")
        for name in ("mentions", "roles", "events", "claims", "positions"):
            getattr(merged, name).extend(_moved(r, start, article.id) for r in getattr(result, name))
        actors.update({a.id: actors.get(a.id, a) for a in result.actors})
        places.update({p.id: places.get(p.id, p) for p in result.places})
    merged.actors, merged.places = list(actors.values()), list(places.values())
    headline = title_claim(article, Resolution(mentions=merged.mentions))
    if headline is not None:
        merged.claims.insert(0, headline)
    covered = pieces[-1][1]
    article.notes.append(
        f"coded in {len(pieces)} pieces: its body of {len(article.body):,} characters is longer "
        f"than the {max_chars:,} coded at once"
        + (f"; only its first {covered:,} characters were coded" if covered < len(article.body)
           else ""))
    return merged


def _moved(record: Any, offset: int, article_id: str) -> Any:
    """A copy of a record with its spans (and its quantities' spans) moved by ``offset``."""
    changes: dict[str, Any] = {}
    if isinstance(getattr(record, "start", None), int):
        changes.update(start=record.start + offset, end=record.end + offset)
    if hasattr(record, "article_id"):
        changes["article_id"] = article_id
    if isinstance(getattr(record, "quantities", None), list):
        changes["quantities"] = [_moved(q, offset, article_id) for q in record.quantities]
    return dataclasses.replace(record, **changes) if changes else record


# Ids of the articles the store already holds, set once per worker by the
# pool's initializer (see engines.local): they skip every stage after cleaning.
_KNOWN: frozenset[str] = frozenset()


def set_known(ids: frozenset[str]) -> None:
    """Tell this process which article ids are already stored."""
    global _KNOWN
    _KNOWN = ids


def process_batch(raws: list[RawDoc | IngestError], config: ChainConfig,
                  known: frozenset[str] | None = None) -> list[ArticleResult | IngestError]:
    """Run the whole chain over one batch of raw documents.

    An article whose id (the hash of its cleaned body) is in ``known`` (default:
    what :func:`set_known` was told) is returned right after cleaning, with no
    annotation: the store has it, and only its source is recorded again.

    Results come back in the order of the cleaned articles, except that
    articles stored uncoded (other languages) and articles coded in pieces
    (bodies longer than the pipeline's ``max_length``) come first.
    """
    out: list[ArticleResult | IngestError] = []
    articles: list[Article] = []
    known = _KNOWN if known is None else known
    cleaned = []
    for item in clean_all(raws, doc_seconds=config.doc_seconds):
        if isinstance(item, IngestError):
            out.append(item)
        elif item.id in known or not is_coded(item):
            out.append(ArticleResult(article=item))
        else:
            cleaned.append(item)
    if not cleaned:
        return out  # nothing to annotate: the models are not even loaded
    nlp, gazetteer = load_models(config)
    max_chars = min(config.max_chars or nlp.max_length, nlp.max_length)
    for item in cleaned:
        if len(item.body) > max_chars:
            # spaCy refuses the whole text (E088, which would stop the batch): code it in pieces.
            try:
                out.append(_analyse_in_pieces(item, nlp, gazetteer, config, max_chars))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
                LOGGER.warning("processing %s in pieces failed", item.source_path, exc_info=True)
                out.append(IngestError(item.source_path,
                                       f"analysis failed: {type(exc).__name__}: {exc}"))
        else:
            articles.append(item)
    for pair in annotate_safely(nlp, articles, config.batch_size):
        if isinstance(pair, IngestError):
            out.append(pair)
            continue
        article, doc = pair
        try:
            with time_limit(config.doc_seconds):
                result = analyse_article(article, doc, gazetteer)
        except DocumentTimeout as exc:
            out.append(IngestError(article.source_path, f"analysis {exc}"))
            continue
        except Exception as exc:  # keep the run going; the error names the input
            LOGGER.warning("processing %s failed: %s", article.source_path, exc)
            out.append(IngestError(article.source_path,
                                   f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        out.append(result)
    return out
