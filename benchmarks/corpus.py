"""A reproducible synthetic corpus for benchmarks, generated at benchmark time.

Articles are recombined sentences of the bundled (invented) demo corpus, with a
fixed seed: the same ``n`` and ``seed`` always give the same articles. Nothing
generated here is committed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from newsweave.clean import clean_document
from newsweave.config import demo_corpus_dir
from newsweave.ingest import read_inputs
from newsweave.records import Article, RawDoc

OUTLETS = [f"Bench Outlet {i}" for i in range(40)]


def demo_sentences() -> list[str]:
    """Every sentence of the cleaned demo corpus."""
    sentences = []
    for raw in read_inputs([demo_corpus_dir()]):
        if isinstance(raw, RawDoc):
            article = clean_document(raw)
            if isinstance(article, Article):
                sentences += [article.body[s:e] for s, e in article.sentences]
    return sentences


def synthetic_docs(n: int, *, seed: int = 7, sentences_per_doc: int = 14) -> Iterator[dict]:
    """``n`` JSONL-style article objects, each 8-20 recombined sentences."""
    pool = demo_sentences()
    rng = random.Random(seed)
    start = dt.date(2031, 1, 1)
    for i in range(n):
        k = rng.randint(sentences_per_doc - 6, sentences_per_doc + 6)
        body = " ".join(rng.choice(pool) for _ in range(k))
        yield {"id": f"bench-{seed}-{i}", "outlet": rng.choice(OUTLETS),
               "url": f"https://bench.test/{seed}/{i}", "title": body[:60],
               "date": (start + dt.timedelta(days=rng.randint(0, 364))).isoformat(),
               "text": body}


def write_jsonl(path: Path, n: int, *, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles to a JSONL file; returns the path."""
    with path.open("w", encoding="utf-8") as fh:
        for doc in synthetic_docs(n, seed=seed):
            fh.write(json.dumps(doc) + "\n")
    return path
