"""Engines that run the per-article chain: local processes (Ray arrives later)."""

from newsweave.engines.chain import ChainConfig, process_batch
from newsweave.engines.local import run_local

__all__ = ["ChainConfig", "process_batch", "run_local"]
