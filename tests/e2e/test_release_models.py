"""A large run drops its spaCy pipelines before the corpus stages (their memory is
better spent there); a small run keeps them for the next call. Real pipeline, real
store; only the size that counts as large is lowered for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave import annotate, api
from newsweave.engines.chain import load_models


def test_a_large_run_drops_its_pipelines_and_still_builds_the_corpus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "RELEASE_MODELS_AFTER", 3)
    report = api.process(None, db=tmp_path / "large.duckdb")
    assert report.added >= 3 and report.ok
    assert annotate._NLP_CACHE == {} and load_models.cache_info().currsize == 0
    assert report.corpus is not None and report.corpus.stories > 0


def test_a_small_run_keeps_its_pipelines(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "RELEASE_MODELS_AFTER", 10**6)
    report = api.process(None, db=tmp_path / "small.duckdb")
    assert report.added > 0 and report.ok
    assert annotate._NLP_CACHE and load_models.cache_info().currsize > 0
