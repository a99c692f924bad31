"""The per-article chain: clean -> annotate -> resolve -> extract.

A pure function of (raw documents, settings, model versions): it reads no
store and no other article, so it runs the same in this process, in worker
processes, or on a cluster.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsweave.records import Article, ArticleResult, IngestError, RawDoc

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChainConfig:
    """What the chain needs to build its models; hashable so a worker caches them."""

    model: str
    gazetteers: tuple[str, ...] = ()
    batch_size: int = 32


@lru_cache(maxsize=4)
def load_models(config: ChainConfig) -> tuple[Any, Any]:
    """The spaCy pipeline and the gazetteer, loaded once per process."""
    from pathlib import Path

    from newsweave.annotate import load_nlp
    from newsweave.resolve import load_gazetteer

    gazetteer = load_gazetteer([Path(p) for p in config.gazetteers])
    nlp = load_nlp(config.model, gazetteer=gazetteer)
    return nlp, gazetteer


def clean_all(raws: Iterable[RawDoc | IngestError]) -> Iterator[Article | IngestError]:
    """Clean each raw document; failures become IngestError records."""
    from newsweave.clean import clean_document

    for raw in raws:
        if isinstance(raw, IngestError):
            yield raw
            continue
        try:
            yield clean_document(raw)
        except Exception as exc:  # one bad document must not stop the run
            LOGGER.warning("cleaning %s failed: %s", raw.source_path, exc)
            yield IngestError(raw.source_path, f"cleaning failed: {type(exc).__name__}: {exc}")


def process_batch(raws: list[RawDoc | IngestError], config: ChainConfig
                  ) -> list[ArticleResult | IngestError]:
    """Run the whole chain over one batch of raw documents."""
    from newsweave.annotate import annotate_articles
    from newsweave.extract import extract_article
    from newsweave.resolve import resolve_article

    nlp, gazetteer = load_models(config)
    out: list[ArticleResult | IngestError] = []
    articles: list[Article] = []
    for item in clean_all(raws):
        (out if isinstance(item, IngestError) else articles).append(item)
    for article, doc in annotate_articles(nlp, articles, batch_size=config.batch_size):
        try:
            resolution = resolve_article(article, doc, gazetteer)
            extraction = extract_article(article, doc, resolution)
        except Exception as exc:  # keep the run going; the error names the input
            LOGGER.warning("processing %s failed: %s", article.source_path, exc)
            out.append(IngestError(article.source_path,
                                   f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        out.append(ArticleResult(
            article=article, mentions=resolution.mentions, actors=resolution.actors,
            roles=resolution.roles, places=resolution.places, events=extraction.events,
            claims=extraction.claims, positions=extraction.positions,
        ))
    return out
