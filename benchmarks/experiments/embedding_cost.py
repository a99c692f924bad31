"""CPU time the MiniLM meaning link adds to fact alignment, per article (issue 15).

Usage: PYTHONPATH=src .venv/bin/python benchmarks/experiments/embedding_cost.py [--n 150]

Writes ``n`` invented long reports (``benchmarks/corpus.synthetic_docs``), runs
``newsweave.api.process`` on them into a temporary store, then aligns every
stored story twice with the corroborate stage, once by words alone and once
with the MiniLM meaning link (``meaning_link.py``), and prints JSON: the CPU seconds of each
(``time.process_time``, model loading counted apart), the texts embedded, and
the added CPU milliseconds per article.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--threshold", type=float, default=0.75)
    parser.add_argument("--db", type=Path, help="an existing store to align instead")
    args = parser.parse_args()
    import meaning_link
    from paraphrase_embeddings import model

    from newsweave.api import process
    from newsweave.evaluate.stored import stored_stories, story_facts

    with tempfile.TemporaryDirectory(prefix="nw-embed-cost-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            process([write_jsonl(Path(tmp) / "reports.jsonl", args.n)], db=db)
        stories = list(stored_stories(db))
    articles = len({a for s in stories for a in s.outlets})
    out = {"articles": articles, "stories": len(stories)}
    started = time.process_time()
    model()
    out["model_load_cpu_s"] = round(time.process_time() - started, 2)
    texts = [0]
    encode = meaning_link.encode

    def counted(batch):
        texts[0] += len(batch)
        return encode(batch)

    meaning_link.encode = counted
    for name, threshold in (("words_cpu_s", None), ("with_embedding_cpu_s", args.threshold)):
        meaning_link.enable(threshold)
        started = time.process_time()
        for story in stories:
            story_facts(story)
        out[name] = round(time.process_time() - started, 2)
    out["texts_embedded"] = texts[0]
    out["added_ms_per_article"] = round(
        1000 * (out["with_embedding_cpu_s"] - out["words_cpu_s"]) / max(articles, 1), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
