"""Engines that run the per-article chain: this process, local worker processes, or Ray."""

from newsweave.engines.chain import ChainConfig, process_batch
from newsweave.engines.local import WorkerPool, run_local

__all__ = ["ChainConfig", "WorkerPool", "process_batch", "run_local"]
