"""The local engine: the per-article chain in this process or in worker processes."""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any, Self

from newsweave.engines.chain import ChainConfig, load_models, process_batch, set_known
from newsweave.records import ArticleResult, IngestError, RawDoc

# Seconds to wait for a worker to load its models before giving up on the pool.
READY_SECONDS = 600.0
# A worker is replaced by a fresh one after about this many articles. spaCy's
# string store keeps every new word it has seen (names, numbers, typos), so a
# worker's memory can creep up over a long run; reloading the models costs a
# few seconds per 10,000 articles and bounds whatever grows.
RECYCLE_ARTICLES = 10_000
# "auto" workers (the default of `newsweave run`) start a second process only
# when the input holds more than this many articles. Each worker process loads
# its own models (about 2.5 s of CPU, in parallel on two cores, while the
# parent has nothing to load); a batch goes to one worker, so an input of one
# or two batches (32 articles each) gains little or nothing from a second one.
AUTO_MIN_ARTICLES = 64
# ... and only when the input files hold at most this many bytes (about 10,000
# invented long reports of the benchmark corpus, as JSONL). The parent imports
# the corpus stages' libraries (about 170 MB) while the workers run (about 640
# MB each); two workers at 100,000 articles peaked at 1,934 MB without those
# libraries loaded, so bigger inputs keep one worker unless asked for more.
AUTO_MAX_BYTES = 16 * 2**20
# Never more than this many workers by choice: the bare spaCy pass issue 18
# compares with uses one core, and every worker costs about 640 MB.
AUTO_MAX_WORKERS = 2


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def choose_workers(articles: int, input_bytes: int | None, cores: int) -> int:
    """How many worker processes an "auto" run uses: 1 (this process) or 2.

    Args:
        articles: articles (and unreadable inputs) seen at the start of the
            input, counted up to ``AUTO_MIN_ARTICLES + 1``.
        input_bytes: total size of the input files; ``None`` when unknown
            (standard input, compressed files), which keeps one worker.
        cores: cores this process may use.
    """
    if cores < 2 or articles <= AUTO_MIN_ARTICLES:
        return 1
    if input_bytes is None or input_bytes > AUTO_MAX_BYTES:
        return 1
    return min(cores, AUTO_MAX_WORKERS)


def _batches(items: Iterable[RawDoc | IngestError], size: int
             ) -> Iterator[list[RawDoc | IngestError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _warm(config: ChainConfig, ready: Any, known: frozenset[str] = frozenset()) -> None:
    """Pool initializer: load the models, then tell the parent this worker is ready.

    Workers ignore Ctrl-C: the terminal sends it to the whole process group,
    and the parent alone decides what to keep and stops the pool.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_known(known)
    load_models(config)
    ready.put(os.getpid())


class WorkerPool:
    """Worker processes, each loading the models once, reusable across runs.

    Spawned by default, not forked: the parent may hold an open DuckDB
    connection and threads. Use as a context manager; :meth:`wait_ready`
    blocks until every worker has loaded its models (benchmarks start their
    clock after it).

    Args:
        config: the models every worker loads.
        workers: how many processes.
        known: ids of articles already stored, which skip annotation (sent to
            each worker once, not with every batch).
        fork: fork the workers from this process instead, which must have
            loaded ``config``'s models already: a worker then starts in
            milliseconds and shares the models' memory until it writes to it.
            A forked worker runs only the per-article chain (spaCy and pure
            Python, no DuckDB; the parent's threads and any DuckDB connection
            are not used in it) and ends with ``os._exit`` (no finalizers).
            Forked workers are not replaced after ``RECYCLE_ARTICLES`` (a
            replacement would be forked from the parent later, with more
            threads running): for runs of middling size only.
    """

    def __init__(self, config: ChainConfig, workers: int,
                 known: frozenset[str] = frozenset(), *, fork: bool = False) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.config = config
        self.workers = workers
        context = multiprocessing.get_context("fork" if fork else "spawn")
        self._ready = context.Queue()
        recycle = None if fork else max(1, RECYCLE_ARTICLES // config.batch_size)
        self._pool = context.Pool(workers, initializer=_warm,
                                  initargs=(config, self._ready, known),
                                  maxtasksperchild=recycle)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait_ready(self, timeout: float = READY_SECONDS) -> None:
        """Block until every worker has loaded its models.

        Raises:
            TimeoutError: a worker did not get ready within ``timeout`` seconds.
        """
        for _ in range(self.workers):
            try:
                self._ready.get(timeout=timeout)
            except queue.Empty as exc:
                raise TimeoutError(f"a worker did not load its models within {timeout:g} s"
                                   ) from exc

    def pids(self) -> list[int]:
        """Process ids of the live workers (for benchmarks that watch them)."""
        return [process.pid for process in self._pool._pool if process.pid is not None]

    def map_batches(self, batches: Iterable[list[RawDoc | IngestError]],
                    config: ChainConfig | None = None
                    ) -> Iterator[list[ArticleResult | IngestError]]:
        """The chain's results per batch, in input order (``config`` defaults to the pool's)."""
        config = config or self.config
        # imap reads the input lazily as workers take tasks (the task pipe
        # blocks when full), so the corpus is never held whole.
        yield from self._pool.imap(_process, ((b, config) for b in batches))

    def submit(self, batch: list[RawDoc | IngestError], config: ChainConfig | None = None
               ) -> AsyncResult:
        """Start one batch on the next free worker; ``.get()`` of the result returns its results."""
        return self._pool.apply_async(_process, ((batch, config or self.config),))

    def close(self) -> None:
        """Stop the workers."""
        self._pool.terminate()
        self._pool.join()
        self._ready.close()


def run_local(raws: Iterable[RawDoc | IngestError], config: ChainConfig, *, workers: int = 1,
              pool: WorkerPool | None = None, known: frozenset[str] = frozenset(),
              share: bool = False) -> Iterator[ArticleResult | IngestError]:
    """Yield the chain's results for every raw document, in input order.

    Args:
        raws: raw documents (and read errors, passed through).
        config: models and batch size.
        workers: 1 runs in this process; more start that many processes, each
            loading the models once.
        pool: an already started :class:`WorkerPool` to run on (``workers`` is
            then ignored, and the pool is left open).
        known: ids of articles the store already holds: they skip every stage
            after cleaning (a re-run of a folder does no annotation work).
        share: with ``workers`` of 2 or more, this process loads the models
            and runs batches too, beside ``workers - 1`` worker processes
            forked from it once the models are loaded (see
            :func:`_run_shared`): no worker loads models of its own. For the
            "auto" workers of small and middling inputs; long runs keep every
            batch in spawned worker processes, which are replaced every
            ``RECYCLE_ARTICLES`` articles.
    """
    batches = _batches(raws, config.batch_size)
    if pool is not None:
        for results in pool.map_batches(batches, config):
            yield from results
        return
    if workers <= 1:
        for batch in batches:
            yield from process_batch(batch, config, known)
        return
    if share:
        # models first, then fork: the helpers inherit them instead of loading their own
        load_models(config)
        with WorkerPool(config, workers - 1, known, fork=True) as helpers:
            yield from _run_shared(batches, config, known, helpers)
        return
    with WorkerPool(config, workers, known) as own:
        for results in own.map_batches(batches):
            yield from results


# A worker of a shared run is kept this many batches ahead (one running, one
# waiting), so that it never waits for this process to finish a batch.
SHARED_AHEAD = 2


def _run_shared(batches: Iterable[list[RawDoc | IngestError]], config: ChainConfig,
                known: frozenset[str], helpers: WorkerPool
                ) -> Iterator[ArticleResult | IngestError]:
    """Results of batches run here and on ``helpers``, in input order.

    Each batch goes to the helpers while they hold fewer than
    ``SHARED_AHEAD`` batches each, else it runs here; a batch is the unit of
    balance.
    """
    pending: deque[AsyncResult | list[ArticleResult | IngestError]] = deque()
    for batch in batches:
        while pending and _finished(pending[0]):
            yield from _results(pending.popleft())
        running = sum(1 for entry in pending if isinstance(entry, AsyncResult) and not entry.ready())
        if running < SHARED_AHEAD * helpers.workers:
            pending.append(helpers.submit(batch, config))
        else:
            pending.append(process_batch(batch, config, known))
    while pending:
        yield from _results(pending.popleft())


def _finished(entry: AsyncResult | list[ArticleResult | IngestError]) -> bool:
    return not isinstance(entry, AsyncResult) or entry.ready()


def _results(entry: AsyncResult | list[ArticleResult | IngestError]
             ) -> list[ArticleResult | IngestError]:
    """A batch's results; a helper's are waited for (its exception is raised here)."""
    return entry.get() if isinstance(entry, AsyncResult) else entry


def _process(args: tuple[list[RawDoc | IngestError], ChainConfig]
             ) -> list[ArticleResult | IngestError]:
    batch, config = args
    return process_batch(batch, config)
