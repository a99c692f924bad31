"""Facts of two or more outlets that the MiniLM meaning link forms and the shipped
decision does not, on a store of real reports, for reading (issue 15).

Usage: PYTHONPATH=src .venv/bin/python benchmarks/experiments/embedding_new_facts.py --db basil.duckdb
       [--threshold 0.75] [--sample 15] [--seed 15]

Aligns every stored story twice (shipped decision; with ``meaning_link.enable``),
prints the CPU seconds of each, the counts of multi-outlet facts, and a random
sample of the facts (by their set of mentions) only the link forms, each with its
mentions' outlets and texts.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import meaning_link

from newsweave.evaluate.stored import stored_stories, story_facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.75)
    parser.add_argument("--sample", type=int, default=15)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    stories = list(stored_stories(args.db))

    def multi(threshold: float | None) -> tuple[dict, float]:
        meaning_link.enable(threshold)
        started = time.process_time()
        out = {}
        for story in stories:
            for fact in story_facts(story):
                if len(set(fact.outlets)) >= 2:
                    out[frozenset((m.claim_id, m.start) for m in fact.mentions)] = fact
        return out, time.process_time() - started

    base, base_cpu = multi(None)
    new, new_cpu = multi(args.threshold)
    fresh = [fact for key, fact in new.items() if key not in base]
    print(f"cpu: words {base_cpu:.1f} s, with the link {new_cpu:.1f} s; "
          f"multi-outlet facts {len(base)} -> {len(new)}, formed only with the link {len(fresh)}")
    random.seed(args.seed)
    for fact in random.sample(fresh, min(args.sample, len(fresh))):
        print("----", fact.outlets)
        for m in fact.mentions:
            print("  *", m.outlet, "|", m.text[:300])


if __name__ == "__main__":
    main()
