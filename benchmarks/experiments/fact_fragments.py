"""How many facts cannot be read alone? (issue 15, point 3)

Usage: .venv/bin/python benchmarks/experiments/fact_fragments.py STORE [--sample N]

Parses every fact's statement in a newsweave store and counts the candidates for
a fragment: no subject, no finite verb, a first word in lower case, or a first
word that is a relative pronoun ("Which ...", "Who ..."), "Saying", "Including",
or any -ing form. Prints JSON with the counts (all facts, facts of two or more
outlets) and a random sample of the candidates to read: the parse flags whole
sentences that open with a participial phrase too ("Speaking on ABC, Sen. X
said ..."), so the share that are real fragments is judged by reading them.
"""
from __future__ import annotations

import argparse
import json
import random

_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_OPENERS = {"which", "who", "saying", "including"}


def _candidate(doc) -> bool:
    """Whether a parsed statement may be a fragment (see the module docstring)."""
    first = doc[0]
    return (not any(t.dep_ in _SUBJECTS for t in doc)
            or not any(t.tag_ in _FINITE_TAGS for t in doc)
            or (first.is_lower and first.is_alpha) or first.lower_ in _OPENERS
            or first.tag_ == "VBG")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--sample", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from newsweave.annotate import load_nlp
    from newsweave.store import connect
    conn = connect(args.store, read_only=True)
    rows = conn.execute("SELECT statement, corroboration FROM facts ORDER BY id").fetchall()
    conn.close()
    nlp = load_nlp()
    flagged = [(co, st) for (st, co), doc in zip(rows, nlp.pipe(r[0] for r in rows))
               if _candidate(doc)]
    random.seed(args.seed)
    print(json.dumps({
        "facts": len(rows), "candidates": len(flagged),
        "share": round(len(flagged) / max(1, len(rows)), 4),
        "facts_two_or_more_outlets": sum(1 for _, co in rows if co >= 2),
        "candidates_two_or_more_outlets": sum(1 for co, _ in flagged if co >= 2),
        "sample": [st for _, st in random.sample(flagged, min(args.sample, len(flagged)))],
    }, indent=1))


if __name__ == "__main__":
    main()
