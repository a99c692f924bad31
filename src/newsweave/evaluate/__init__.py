"""Quality evaluations against labelled data (``newsweave eval NAME --data PATH``).

Each evaluation is a module of this package with a function
``evaluate(data: Path) -> dict`` returning JSON-ready metrics. The labelled
data is never shipped: it is read from the path given (by default
``../shared/eval/...`` next to the working directory).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

# name -> (module, default data path relative to the shared folder)
EVALUATIONS: dict[str, tuple[str, str]] = {
    "boilerplate": ("newsweave.evaluate.boilerplate", "eval/boilerplate/zyte-aeb"),
    "geo": ("newsweave.evaluate.geo", "eval/geo"),
    "events": ("newsweave.evaluate.events", "eval/events/plover_gsr.json"),
    "stories": ("newsweave.evaluate.stories", "eval/stories/basil/articles.jsonl"),
    "coref": ("newsweave.evaluate.coref", "eval/coref/ecbplus"),
    "facts": ("newsweave.evaluate.facts", "eval/coref/ecbplus"),
    "paraphrase": ("newsweave.evaluate.paraphrase", "eval/facts/msrp/msr_paraphrase_train.txt"),
    "claims": ("newsweave.evaluate.claims", "eval/claims/nanco_dataset.json"),
    # labelled by us, kept in this repository (labels/README.md)
    "conflicts": ("newsweave.evaluate.conflicts", "labels/conflicts.jsonl"),
}


class EvaluationUnavailable(Exception):
    """The named evaluation does not exist or its data is missing."""


def available() -> list[str]:
    """Names of the evaluations whose module is installed."""
    names = []
    for name, (module, _) in EVALUATIONS.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        names.append(name)
    return names


def default_data(name: str) -> Path:
    """Where the labelled data for ``name`` lives by default: the shared folder,
    or this repository's ``labels/`` for the sets we labelled ourselves."""
    relative = EVALUATIONS[name][1]
    if relative.startswith("labels/"):
        return Path(relative)
    return Path("..") / "shared" / relative


def run_evaluation(name: str, data: Path | None = None) -> dict[str, Any]:
    """Run one evaluation and return its metrics."""
    if name not in available():
        raise EvaluationUnavailable(
            f"unknown evaluation {name!r}; available: {', '.join(available()) or 'none'}")
    path = Path(data) if data is not None else default_data(name)
    if not path.exists():
        raise EvaluationUnavailable(f"no evaluation data at {path}; pass --data PATH")
    module = importlib.import_module(EVALUATIONS[name][0])
    return module.evaluate(path)
