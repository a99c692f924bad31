"""Fixtures of the engine tests: the in-process chain's results on the demo corpus."""

from __future__ import annotations

import pytest

from newsweave.config import demo_corpus_dir
from newsweave.engines import run_local
from newsweave.ingest import read_inputs
from tests.engines._compare import CONFIG, signature


@pytest.fixture(scope="session")
def local_results() -> list[tuple]:
    """Signatures of the demo corpus run through the chain in this process, once."""
    return signature(list(run_local(read_inputs([demo_corpus_dir()]), CONFIG)))
