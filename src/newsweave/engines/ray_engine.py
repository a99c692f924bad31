"""The Ray Data engine: the same per-article chain on a Ray cluster.

Each actor of the pool loads the models once (``load_models`` is cached per
process) and runs :func:`~newsweave.engines.chain.process_batch` on batches of
raw documents. Records travel as pickles, so the chain's output is exactly the
local engine's. Install with ``pip install "newsweave[ray]"``.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from newsweave.engines.chain import ChainConfig, load_models, process_batch
from newsweave.records import ArticleResult, IngestError, RawDoc

WINDOW = 4096
INSTALL_HINT = 'the Ray engine needs Ray: pip install "newsweave[ray]"'


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:  # only the optional engine needs it
        raise ImportError(INSTALL_HINT) from exc
    return ray


class _ChainActor:
    """A Ray Data actor holding the models; called with a batch of pickled RawDocs."""

    def __init__(self, config: ChainConfig) -> None:
        self.config = config
        load_models(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        raws = [pickle.loads(item) for item in batch["raw"]]
        results = process_batch(raws, self.config)
        return {"result": [pickle.dumps(r) for r in results]}


def run_ray(raws: Iterable[RawDoc | IngestError], config: ChainConfig, *, workers: int = 1,
            address: str | None = None) -> Iterator[ArticleResult | IngestError]:
    """Yield the chain's results for every raw document, computed by a Ray actor pool.

    Args:
        raws: raw documents (and read errors, passed through the chain).
        config: models and batch size.
        workers: actors in the pool, each holding its own models.
        address: a Ray cluster address; ``None`` starts or joins a local Ray.
    """
    ray = _import_ray()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 ignore_reinit_error=True)
    context = ray.data.DataContext.get_current()
    # Results come back in input order, as with the local engine.
    context.execution_options.preserve_order = True
    # Windows bound the driver's memory: the corpus is never held whole.
    iterator = iter(raws)
    while window := [{"raw": pickle.dumps(raw)} for raw in islice(iterator, WINDOW)]:
        dataset = ray.data.from_items(window).map_batches(
            _ChainActor, fn_constructor_args=(config,), batch_size=config.batch_size,
            concurrency=workers, batch_format="default",
        )
        for row in dataset.iter_rows():
            yield pickle.loads(row["result"])
