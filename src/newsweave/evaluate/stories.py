"""Story clustering against BASIL (``newsweave eval stories``).

BASIL gives 3 reports (Fox, NYT, HuffPost) of each of 50 events; its ``story``
field is the gold cluster. By default the articles go through the whole
pipeline (ingest, clean, annotate, resolve, extract) into a temporary DuckDB
file and the story assignment that :func:`newsweave.corpus.update.update_corpus`
stores is scored: the same code and the same defaults as ``newsweave run``.
``pipeline=False`` clusters the raw title + text + date only (no resolved
actors or places): much faster, and reported as ``"path": "text-only"``. The
copy search is scored too (:func:`dedupe_check`), through the code the corpus
update runs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from newsweave.evaluate.clustering import bcubed, pairwise


def evaluate(data: Path, *, stories: int | None = None, pipeline: bool = True,
             facts_sample: Path | None = None) -> dict[str, Any]:
    """Score story clustering on a BASIL ``articles.jsonl``.

    Args:
        data: the JSONL file (``id, story, outlet, title, date, text`` per line).
        stories: score only the first ``stories`` gold stories (by story number),
            a fixed deterministic subset for quick gates; all when ``None``.
        pipeline: run the full pipeline (True) or cluster the raw text (False).
        facts_sample: our judged sample of the facts' outlet pairs
            (``labels/basil_facts.jsonl``); with the pipeline, the same store's
            facts are scored against it too (``facts_sample``, and its
            ``facts_precision`` and ``facts_judged_shown`` at the top level for
            the gates' floors).

    Returns:
        B-cubed and pairwise precision / recall / F1, counts, and which path ran.
    """
    rows = _read_rows(Path(data), stories)
    gold = {str(r["id"]): str(r["story"]) for r in rows}
    sample = None
    if pipeline:
        predicted, sample = _pipeline_clusters(rows, facts_sample)
    else:
        predicted = _text_clusters(rows)
    sampled = {} if sample is None else {
        "facts_sample": sample, "facts_precision": sample["precision"],
        "facts_judged_shown": sample["judged_shown"]}
    return score(predicted, gold) | sampled | {
        "path": "pipeline" if pipeline else "text-only",
        "articles": len(rows),
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len({predicted[i] for i in gold if i in predicted}),
        "dedupe": dedupe_check(rows),
        "baseline": tuned_baseline(
            [{str(r["id"]): f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in rows}],
            gold),
    }


def near_copies(rows: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """Deterministic reprints of each article, as wire services and aggregators make them.

    Per article: ``credit`` (same text, curly quotes straightened, a credit line
    added), ``drop1`` (one sentence in ten dropped, plus the credit line) and
    ``edit`` (two sentences in ten dropped, "said" -> "says", first sentence
    cut). Returns ``(copy_id, original_id, kind, body)``.
    """
    out = []
    for r in rows:
        body = str(r.get("text") or "")
        sentences = re.split(r"(?<=[.!?])\s+", body)
        credit = "\n(Reporting by a wire service; editing by the desk.)"
        straight = body.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
        drop1 = [s for k, s in enumerate(sentences) if k % 10 != 3]
        edit = [s.replace(" said", " says") for k, s in enumerate(sentences[1:])
                if k % 10 not in (2, 7)]
        for kind, text in (("credit", straight + credit), ("drop1", " ".join(drop1) + credit),
                           ("edit", " ".join(edit))):
            out.append((f"{r['id']}~{kind}", str(r["id"]), kind, text))
    return out


def dedupe_check(rows: list[dict[str, Any]], config: Any = None) -> dict[str, Any]:
    """Recall of :func:`near_copies` and false copies among the real articles.

    The real articles include three outlets' reports of each event, the
    hardest negatives for a copy detector: same event, names and numbers,
    different wording. Run with default settings unless ``config`` is given,
    through :func:`~newsweave.corpus.dedupe.copies.find_duplicates`: the
    signing and band-key join ``newsweave run`` does, on a private store.
    """
    from newsweave.corpus.dedupe.copies import DedupeItem, find_duplicates

    originals = [DedupeItem(id=str(r["id"]), outlet=str(r.get("outlet") or ""),
                            published=_date(r.get("date")), body=str(r.get("text") or ""))
                 for r in rows]
    copies = near_copies(rows)
    found = find_duplicates(originals + [
        DedupeItem(id=cid, outlet="wire", published=None, body=body)
        for cid, _, _, body in copies], config)
    recall = {}
    for kind in ("credit", "drop1", "edit"):
        mine = [(cid, oid) for cid, oid, k, _ in copies if k == kind]
        recall[kind] = round(sum(found.get(cid) == oid or found.get(oid) == cid
                                 or (cid in found and found.get(cid) == found.get(oid))
                                 for cid, oid in mine) / max(len(mine), 1), 4)
    real = {o.id for o in originals}
    false_copies = sorted(c for c, o in found.items() if c in real and o in real)
    return {"copy_recall": recall, "false_copies": len(false_copies),
            "articles": len(originals)}


# Thresholds the baseline is swept over (cosine similarity at which to cut).
BASELINE_THRESHOLDS = tuple(round(0.02 * k, 2) for k in range(1, 50))


def tuned_baseline(groups: list[dict[str, str]], gold: dict[str, str]) -> dict[str, Any]:
    """Plain TF-IDF + average linkage, its threshold tuned on the answers.

    The reference the acceptance compares against: scikit-learn's TF-IDF
    (English stop words, nothing else) and scipy's average linkage, each group
    of texts clustered on its own (one group for BASIL, one per topic for
    ECB+), cut at every threshold of ``BASELINE_THRESHOLDS``. The best B-cubed
    F1 is the most this baseline can do, and only by seeing the answers.

    Args:
        groups: ``{id: text}`` per group clustered on its own.
        gold: ``{id: gold cluster}`` over every group.

    Returns:
        ``best_threshold``, ``best_bcubed_f1`` and the F1 at each threshold.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    trees = []
    for k, texts in enumerate(groups):
        ids = sorted(texts)
        if len(ids) < 2:
            trees.append((k, ids, None))
            continue
        rows = TfidfVectorizer(stop_words="english").fit_transform([texts[i] for i in ids])
        dist = np.clip(1.0 - (rows @ rows.T).toarray(), 0.0, None)
        np.fill_diagonal(dist, 0.0)
        trees.append((k, ids, linkage(squareform(dist, checks=False), method="average")))
    sweep = {}
    for threshold in BASELINE_THRESHOLDS:
        predicted = {}
        for k, ids, tree in trees:
            labels = ([1] * len(ids) if tree is None
                      else fcluster(tree, t=1.0 - threshold, criterion="distance"))
            predicted.update({i: f"{k}/{label}" for i, label in zip(ids, labels)})
        sweep[threshold] = score(predicted, gold)["bcubed_f1"]
    best = max(sweep, key=lambda t: (sweep[t], -t))
    return {"method": "TF-IDF + average linkage, threshold tuned on the answers",
            "best_threshold": best, "best_bcubed_f1": sweep[best],
            "bcubed_f1_by_threshold": sweep}


def score(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed and pairwise P/R/F1, rounded to four places."""
    bp, br, bf = bcubed(predicted, gold)
    pp, pr, pf = pairwise(predicted, gold)
    return {"bcubed_precision": round(bp, 4), "bcubed_recall": round(br, 4),
            "bcubed_f1": round(bf, 4), "pairwise_precision": round(pp, 4),
            "pairwise_recall": round(pr, 4), "pairwise_f1": round(pf, 4)}


def _read_rows(path: Path, stories: int | None) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from exc
            if not isinstance(row, dict) or "id" not in row or "story" not in row:
                raise ValueError(f"{path}:{number}: not a BASIL article (needs id and story)")
            rows.append(row)
    if stories is not None:
        keep = sorted({r["story"] for r in rows}, key=_story_order)[:stories]
        rows = [r for r in rows if r["story"] in set(keep)]
    return rows


def _story_order(story: Any) -> tuple[int, str]:
    text = str(story)
    return (int(text), text) if text.isdigit() else (1 << 30, text)


def _pipeline_clusters(rows: list[dict[str, Any]], facts_sample: Path | None = None,
                       ) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Each article's story from the whole pipeline, and with ``facts_sample`` the
    store's facts scored against it (:func:`~newsweave.evaluate.labels.score_sample`)."""
    from newsweave.api import process
    from newsweave.evaluate.labels import fact_pairs, read_judged, score_sample
    from newsweave.store import connect

    with tempfile.TemporaryDirectory(prefix="nw-eval-stories-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        db = Path(tmp) / "eval.duckdb"
        process([source], db=db)
        conn = connect(str(db))
        try:
            found = conn.execute(
                "SELECT s.source_id, l.story_id FROM article_sources s "
                "JOIN story_articles l ON l.article_id = s.article_id").fetchall()
        finally:
            conn.close()
        sample = (score_sample(read_judged(Path(facts_sample)), fact_pairs(db))
                  if facts_sample is not None else None)
    return {str(source_id): story for source_id, story in found}, sample


def _text_clusters(rows: list[dict[str, Any]]) -> dict[str, str]:
    from newsweave.corpus.stories.cluster import StoryItem, cluster_stories

    return cluster_stories([StoryItem(id=str(r["id"]), title=r.get("title") or "",
                                      body=r.get("text") or "", published=_date(r.get("date")))
                            for r in rows])


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
