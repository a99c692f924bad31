"""CPU seconds of each part of a ``newsweave run``, measured in one process (issue 18).

Usage: PYTHONPATH=src .venv/bin/python benchmarks/stage_cpu.py [--n 150]

Runs the stages of :func:`newsweave.api.process` one after another over ``n``
invented long reports (``corpus.synthetic_docs``), each timed with
``time.process_time`` (CPU of the whole process, threads included): imports of
the CLI and API, ingest, cleaning, loading the models, annotation, resolve,
extract, storing, importing the corpus stages and running them. Prints JSON.

CPU time is what moves least when other work shares the machine; still, on a
loaded machine each figure grows by some tenths, so compare runs taken together.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402


def _timed(out: dict[str, float], name: str, started: float) -> float:
    """Record the CPU seconds since ``started`` under ``name``; return the clock now."""
    now = time.process_time()
    out[name] = round(now - started, 2)
    return now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=150)
    args = parser.parse_args()
    out: dict[str, float] = {}
    first = clock = time.process_time()
    import newsweave.api  # noqa: F401
    import newsweave.cli  # noqa: F401
    from newsweave.annotate import annotate_articles
    from newsweave.config import get_settings
    from newsweave.engines.chain import ChainConfig, clean_all, load_models
    from newsweave.extract import extract_article
    from newsweave.ingest import read_inputs
    from newsweave.records import ArticleResult
    from newsweave.resolve import resolve_article
    from newsweave.store import ArticleWriter, connect

    clock = _timed(out, "import_cli_api", clock)
    with tempfile.TemporaryDirectory(prefix="nw-stages-") as tmp:
        source = write_jsonl(Path(tmp) / "reports.jsonl", args.n)
        settings = get_settings()
        config = ChainConfig(model=settings.model, gazetteers=tuple(settings.gazetteers))
        clock = time.process_time()
        raws = list(read_inputs([source]))
        clock = _timed(out, "ingest", clock)
        articles = list(clean_all(raws))
        clock = _timed(out, "clean", clock)
        nlp, gazetteer = load_models(config)
        clock = _timed(out, "load_models", clock)
        pairs = list(annotate_articles(nlp, articles, batch_size=config.batch_size))
        clock = _timed(out, "annotate", clock)
        resolutions = [resolve_article(a, doc, gazetteer) for a, doc in pairs]
        clock = _timed(out, "resolve", clock)
        extractions = [extract_article(a, doc, r, gazetteer)
                       for (a, doc), r in zip(pairs, resolutions, strict=True)]
        clock = _timed(out, "extract", clock)
        conn = connect(str(Path(tmp) / "stages.duckdb"))
        with ArticleWriter(conn) as writer:
            for (article, _), r, e in zip(pairs, resolutions, extractions, strict=True):
                writer.write(ArticleResult(
                    article=article, mentions=r.mentions, actors=r.actors, roles=r.roles,
                    places=r.places, events=e.events, claims=e.claims, positions=e.positions))
        clock = _timed(out, "store", clock)
        from newsweave.corpus.update import update_corpus

        clock = _timed(out, "import_corpus", clock)
        update_corpus(conn)
        _timed(out, "corpus", clock)
        conn.close()
    out["total"] = round(time.process_time() - first, 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
