"""The local engine: the per-article chain in this process or in worker processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from newsweave.engines.chain import ChainConfig, load_models, process_batch
from newsweave.records import ArticleResult, IngestError, RawDoc


def _batches(items: Iterable[RawDoc | IngestError], size: int
             ) -> Iterator[list[RawDoc | IngestError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _warm(config: ChainConfig) -> None:
    load_models(config)


def run_local(raws: Iterable[RawDoc | IngestError], config: ChainConfig, *, workers: int = 1
              ) -> Iterator[ArticleResult | IngestError]:
    """Yield the chain's results for every raw document, in input order.

    Args:
        raws: raw documents (and read errors, passed through).
        config: models and batch size.
        workers: 1 runs in this process; more start that many processes, each
            loading the models once.
    """
    batches = _batches(raws, config.batch_size)
    if workers <= 1:
        for batch in batches:
            yield from process_batch(batch, config)
        return
    # spawn, not fork: the parent holds an open DuckDB connection and threads.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_warm, initargs=(config,)) as pool:
        for results in pool.imap(_process, ((b, config) for b in batches)):
            yield from results


def _process(args: tuple[list[RawDoc | IngestError], ChainConfig]
             ) -> list[ArticleResult | IngestError]:
    batch, config = args
    return process_batch(batch, config)
