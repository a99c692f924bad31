"""Databases the tests share: the seeds processed once per test process."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsweave.api import RunReport

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
# TestClient's base URL: the app answers only its own address and localhost (DNS
# rebinding), not TestClient's default "testserver"
LOCAL = "http://127.0.0.1"


@cache
def private_copy(db: Path) -> Path:
    """A copy of ``db`` that only the web tests open.

    Their servers and clients hold read-only connections for a whole module or
    session; DuckDB will not let the same process open a file for writing while
    that is so, and other tests write to the shared demo database.
    """
    folder = Path(tempfile.mkdtemp(prefix="newsweave-web-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / db.name
    shutil.copyfile(db, copy)
    return copy


@cache
def processed_seeds() -> tuple[Path, RunReport] | None:
    """The seed reports processed into a temporary DuckDB file, once per test
    process, with the run's report; ``None`` without ../shared.

    The ``seeds_run`` fixture and the web tests read the same run (they each
    processed the seeds before); tests only read it.
    """
    if not SEEDS.is_dir():
        return None
    from newsweave import process

    folder = Path(tempfile.mkdtemp(prefix="newsweave-seeds-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = folder / "seeds.duckdb"
    return db, process([SEEDS], db=db)


@cache
def seeds_database() -> Path | None:
    """The processed seeds in a file of the web tests' own (see :func:`private_copy`);
    ``None`` without ../shared."""
    processed = processed_seeds()
    if processed is None:
        return None
    db, report = processed
    assert report.errors == [], report.errors
    return private_copy(db)
