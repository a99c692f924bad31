"""Fixtures of the web tests: TestClients over the demo corpus and the seeds, a real
server and Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.api import Newsweave
from newsweave.web import create_app
from tests.browser import serve
from tests.web._databases import LOCAL, private_copy, seeds_database


@pytest.fixture(scope="session")
def web_db(demo_db: Path) -> Path:
    """The processed demo corpus, in a file of the web tests' own."""
    return private_copy(demo_db)


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    """A TestClient over the processed demo corpus."""
    with TestClient(create_app(web_db), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def demo_nw(web_db: Path) -> Iterator[Newsweave]:
    """A reader of the demo database, to compute expected answers independently."""
    with Newsweave(web_db) as nw:
        yield nw


@pytest.fixture(scope="session")
def seeds_db() -> Path:
    """The seeds processed once; skips when ../shared is absent."""
    db = seeds_database()
    if db is None:
        pytest.skip("../shared/seeds is not present")
    return db


@pytest.fixture(scope="session")
def seeds_client(seeds_db: Path) -> Iterator[TestClient]:
    """A TestClient over the processed seeds."""
    with TestClient(create_app(seeds_db), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def demo_url(web_db: Path, browser) -> Iterator[str]:
    """A real uvicorn server over the demo corpus on 127.0.0.1, stopped at the end."""
    yield from serve(web_db)


@pytest.fixture(scope="session")
def seeds_url(seeds_db: Path, browser) -> Iterator[str]:
    """A real uvicorn server over the processed seeds on 127.0.0.1, stopped at the end."""
    yield from serve(seeds_db)
