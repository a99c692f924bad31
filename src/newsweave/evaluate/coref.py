"""Document clustering into seminal events on ECB+ (``newsweave eval coref``).

Each ECB+ topic holds reports of two similar but different events: the
``*ecb.xml`` documents describe one, the ``*ecbplus.xml`` documents the other
(e.g. two celebrities checking into rehab). The documents of each topic are
clustered with the story clustering defaults and scored with B-cubed over all
documents of all topics at once (one clustering per topic, one score).

By default the documents go through the whole pipeline into a temporary DuckDB
file, and clustering sees the :class:`StoryItem` that ``newsweave run`` builds
(text plus resolved actors and places; ECB+ has no publication dates).
``pipeline=False`` clusters the plain text only. ``pooled`` in the result is
the harder setting where all topics are clustered together, as ``newsweave
run`` would on a mixed folder.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsweave.evaluate.stories import score, tuned_baseline

# Tokens are space-separated in ECB+; glue punctuation back so the parser sees prose.
_BEFORE_PUNCT = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)(?=\s|$)")
_AFTER_OPEN = re.compile(r"([(\[{$]) ")
# ... and the parts of a number, a clock time or an abbreviation, which ECB+
# also splits: "3 : 33" -> "3:33", "1 , 000" -> "1,000", "a . m ." -> "a.m.".
_SPLIT_CLOCK = re.compile(r"\b(\d{1,2}): (\d\d)\b")
_SPLIT_THOUSANDS = re.compile(r"\b(\d{1,3}), (?=\d{3}\b)")
_SPLIT_ABBREVIATION = re.compile(r"\b([A-Za-z])\. (?=[A-Za-z]\.)")


def evaluate(data: Path, *, topics: list[str] | None = None,
             pipeline: bool = True) -> dict[str, Any]:
    """Score document clustering into each topic's two seminal events.

    Args:
        data: the ECB+ folder with one sub-folder of ``*.xml`` documents per topic.
        topics: names of the topic folders to score (a fixed subset for quick
            gates); all when ``None``.
        pipeline: run the full pipeline (True) or cluster the plain text (False).

    Returns:
        B-cubed and pairwise P/R/F1 over all documents (per-topic clustering),
        the same under ``pooled`` (all topics clustered at once), counts,
        which path ran, and under ``baseline`` the best a plain TF-IDF +
        average-linkage clustering does with its threshold tuned on these
        answers (:func:`newsweave.evaluate.stories.tuned_baseline`).
    """
    docs = read_topics(Path(data), topics)
    if not docs:
        raise ValueError(f"{data}: no ECB+ topic folders with *.xml documents")
    gold = {name: f"{topic}/{'ecbplus' if name.endswith('ecbplus') else 'ecb'}"
            for topic, texts in docs.items() for name in texts}
    items = _pipeline_items(docs) if pipeline else _text_items(docs)
    per_topic, pooled = _cluster(docs, items)
    return score(per_topic, gold) | {
        "path": "pipeline" if pipeline else "text-only",
        "topics": len(docs), "documents": len(gold),
        "predicted_clusters": len(set(per_topic.values())),
        "pooled": score(pooled, gold),
        "baseline": tuned_baseline(list(docs.values()), gold),
    }


def read_topics(data: Path, topics: list[str] | None = None) -> dict[str, dict[str, str]]:
    """``{topic: {document name: text}}`` from ECB+ token XML, sorted by name.

    Raises:
        ValueError: naming the file when a document is not ECB+ XML.
    """
    out: dict[str, dict[str, str]] = {}
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        if topics is not None and folder.name not in topics:
            continue
        texts = {}
        for path in sorted(folder.glob("*.xml")):
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as exc:
                raise ValueError(f"{path}: not ECB+ XML ({exc})") from exc
            sentences: dict[int, list[str]] = defaultdict(list)
            for token in root.iter("token"):
                sentences[int(token.get("sentence", 0))].append(token.text or "")
            texts[path.stem] = "\n".join(_detokenise(" ".join(words))
                                         for _, words in sorted(sentences.items()))
        if texts:
            out[folder.name] = texts
    return out


def _detokenise(text: str) -> str:
    """ECB+'s space-separated tokens as prose."""
    text = text.replace("``", '"').replace("''", '"')
    return join_split_numbers(_AFTER_OPEN.sub(r"\1", _BEFORE_PUNCT.sub(r"\1", text)))


def join_split_numbers(text: str) -> str:
    """Numbers, clock times and abbreviations as news writes them: "3: 33 a. m."
    -> "3:33 a.m.", "1, 000" -> "1,000", "U. S." -> "U.S."."""
    text = _SPLIT_CLOCK.sub(r"\1:\2", text)
    text = _SPLIT_THOUSANDS.sub(r"\1,", text)
    return _SPLIT_ABBREVIATION.sub(r"\1.", text)


def _pipeline_items(docs: dict[str, dict[str, str]]) -> dict[str, Any]:
    from newsweave.api import process
    from newsweave.corpus.stories.place import story_items
    from newsweave.store import connect

    with tempfile.TemporaryDirectory(prefix="nw-eval-coref-") as tmp:
        for topic, texts in docs.items():
            (Path(tmp) / topic).mkdir()
            for name, text in texts.items():
                (Path(tmp) / topic / f"{name}.txt").write_text(text, encoding="utf-8")
        db = Path(tmp) / "eval.duckdb"
        process([Path(tmp) / topic for topic in docs], db=db)
        conn = connect(str(db))
        try:
            items = story_items(conn)
            sources = conn.execute(
                "SELECT article_id, source_path FROM article_sources").fetchall()
        finally:
            conn.close()
    # Identical documents are one stored article; each file keeps its own entry.
    return {Path(path).stem: items[article] for article, path in sources}


def _text_items(docs: dict[str, dict[str, str]]) -> dict[str, Any]:
    from newsweave.corpus.stories.cluster import StoryItem

    return {name: StoryItem(id=name, title="", body=text, published=None)
            for texts in docs.values() for name, text in texts.items()}


def _cluster(docs: dict[str, dict[str, str]], items: dict[str, Any]
             ) -> tuple[dict[str, str], dict[str, str]]:
    from newsweave.corpus.stories.cluster import cluster_stories

    per_topic: dict[str, str] = {}
    for topic, texts in docs.items():
        keys = cluster_stories(_unique(items[name] for name in texts))
        per_topic.update({name: f"{topic}/{keys[items[name].id]}" for name in texts})
    keys = cluster_stories(_unique(items.values()))
    pooled = {name: keys[item.id] for name, item in items.items()}
    return per_topic, pooled


def _unique(items: Any) -> list[Any]:
    return list({item.id: item for item in items}.values())
