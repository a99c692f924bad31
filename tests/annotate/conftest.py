"""Fixtures for the annotate tests: the real spaCy model, loaded once."""

from __future__ import annotations

import pytest

from newsweave.annotate import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()
