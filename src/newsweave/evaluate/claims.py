"""Facts credited to outlets, on answers that agree across outlets (``newsweave eval claims``).

NAnCo (``../shared/eval/claims/nanco_dataset.json``) asks eight questions of
news about eight events ("Why did Governor Abbott order additional
inspections?") and marks, in paragraphs of many outlets' reports, the span
that answers it; annotators grouped the answers by what they say
(``cluster_global``). No rule here was written against it, so it measures how
the alignment carries to reports it never saw.

Each report (one per article address, its answer paragraphs as its body, the
address's host as its outlet) goes through the whole pipeline. Two answers of
two outlets to one question are linked when one stored fact has a mention
overlapping each answer's span. Gold: the two are in one answer group.

An answer group is coarser than a statement ("Putin" and "Russia" answer
"who would object" alike, in sentences that state different things), so
recall here is a loose bound; precision is the telling figure: linked answers
in different groups mean one fact credited to outlets that said different
things. Printed beside it: the TF-IDF cosine between the answers' paragraphs,
its threshold tuned on these answers.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsweave.evaluate.facts import best_threshold, score_pairs
from newsweave.evaluate.labels import fact_pairs, read_judged, score_judged


@dataclass(frozen=True, slots=True)
class Answer:
    """One annotated answer: its question, group, report and words."""

    question: int
    group: int
    url: str
    outlet: str
    paragraph: str
    text: str

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.question, self.url, self.text)


def read_answers(path: Path) -> list[Answer]:
    """The answers of a NAnCo file, each once.

    Raises:
        ValueError: when the file is not NAnCo's JSON (a list of questions
            with ``answers``).
    """
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
        answers = {}
        for number, question in enumerate(questions):
            for item in question["answers"]:
                url = item["Article URL"]
                answer = Answer(number, int(item["cluster_global"]), url, _outlet(url),
                                item["Paragraph"], item["Answer"].strip())
                if answer.text:
                    answers.setdefault(answer.key, answer)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not NAnCo's answers ({exc})") from exc
    return list(answers.values())


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.")


def gold_pairs(answers: list[Answer]) -> dict[tuple[tuple, tuple], bool]:
    """Every pair of answers to one question from two outlets: same group or not."""
    pairs: dict[tuple[tuple, tuple], bool] = {}
    for group in _by_question(answers):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.outlet != b.outlet:
                    pairs[_pair(a.key, b.key)] = a.group == b.group
    return pairs


def _by_question(answers: list[Answer]) -> list[list[Answer]]:
    """The answers grouped by their question, in question order."""
    groups: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        groups[answer.question].append(answer)
    return [groups[q] for q in sorted(groups)]


def _pair(a: tuple, b: tuple) -> tuple[tuple, tuple]:
    return (a, b) if a <= b else (b, a)


# Our reading of the facts the pipeline credited to two outlets or more
# (labels/README.md); found from the working folder, as `newsweave eval` runs there.
LABELS = Path("labels/claims.jsonl")


def evaluate(data: Path, *, db: Path | None = None,
             labels: Path | None = LABELS) -> dict[str, Any]:
    """Pairwise precision / recall / F1 of linked answers, with the tuned
    baseline, and under ``judged`` the share of the facts' outlet pairs that
    our reading says state one statement.

    Args:
        data: NAnCo's JSON file.
        db: a store :func:`build_store` already made of it.
        labels: our judged pairs (``labels/claims.jsonl``); left out when the
            file is absent.
    """
    answers = read_answers(Path(data))
    pairs = gold_pairs(answers)
    with tempfile.TemporaryDirectory(prefix="nw-eval-claims-") as tmp:
        store = db if db is not None else build_store(answers, Path(tmp))
        predicted, located = predicted_links(answers, store)
        shown = fact_pairs(store)
    scored = score_pairs(pairs, predicted)
    if labels is not None and Path(labels).exists():
        scored["judged"] = score_judged(read_judged(Path(labels)), shown)
    return scored | {
        "answers": len(answers), "located": located,
        "questions": len({a.question for a in answers}),
        "outlets": len({a.outlet for a in answers}),
        "baseline": tfidf_baseline(answers, pairs, links=scored["predicted_links"]),
    }


def build_store(answers: list[Answer], folder: Path) -> Path:
    """One JSONL report per article address (its answer paragraphs, each once,
    as its body; no title), run through the whole pipeline."""
    from newsweave.api import process

    paragraphs: dict[str, dict[str, None]] = defaultdict(dict)
    for answer in answers:
        paragraphs[answer.url][answer.paragraph] = None
    reports = folder / "reports.jsonl"
    with reports.open("w", encoding="utf-8") as handle:
        for number, (url, texts) in enumerate(paragraphs.items()):
            handle.write(json.dumps({"id": f"report-{number:03d}", "url": url,
                                     "outlet": _outlet(url), "text": "\n\n".join(texts)}) + "\n")
    db = folder / "eval-claims.duckdb"
    process([reports], db=db)
    return db


def predicted_links(answers: list[Answer], db: Path) -> tuple[set[tuple[tuple, tuple]], int]:
    """Pairs of answers one fact has a mention in each of, and how many answers
    were found in the stored bodies."""
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        reports = {url: (article, body) for url, article, body in conn.execute(
            "SELECT s.url, a.id, a.body FROM articles a "
            "JOIN article_sources s ON s.article_id = a.id").fetchall()}
        facts = [json.loads(m) for (m,) in conn.execute("SELECT mentions FROM facts").fetchall()]
    finally:
        conn.close()
    by_article: dict[str, list[tuple[int, int, Answer]]] = defaultdict(list)
    located = 0
    for answer in answers:
        span = _answer_span(answer, reports)
        if span is not None:
            located += 1
            by_article[span[0]].append((span[1], span[2], answer))
    predicted = set()
    for mentions in facts:
        touched = {a for m in mentions for start, end, a in by_article.get(m["article_id"], ())
                   if m["start"] < end and start < m["end"]}
        for a in touched:
            for b in touched:
                if a.question == b.question and a.outlet != b.outlet:
                    predicted.add(_pair(a.key, b.key))
    return predicted, located


def _answer_span(answer: Answer, reports: dict[str, tuple[str, str]]
                 ) -> tuple[str, int, int] | None:
    """An answer's (article, start, end) in its stored report, found by its
    words with spaces folded; None when the cleaner changed them."""
    if answer.url not in reports:
        return None
    article, body = reports[answer.url]
    match = re.search(r"\s+".join(map(re.escape, answer.text.split())), body)
    return (article, match.start(), match.end()) if match else None


def tfidf_baseline(answers: list[Answer], pairs: dict[tuple[tuple, tuple], bool], *,
                   links: int = 0) -> dict[str, Any]:
    """TF-IDF cosine between the two answers' paragraphs (IDF over each
    question's paragraphs), with the threshold that scores best on these answers,
    and under ``same_links`` its precision and recall when it links as many
    pairs as the pipeline did (``links``, its most similar pairs)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    scored: list[tuple[float, bool]] = []
    for group in _by_question(answers):
        sims = cosine_similarity(TfidfVectorizer(stop_words="english").fit_transform(
            [a.paragraph for a in group]))
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                key = _pair(a.key, group[j].key)
                if key in pairs:
                    scored.append((float(sims[i, j]), pairs[key]))
    return best_threshold(scored) | {"same_links": _top(scored, links)}


def _top(scored: list[tuple[float, bool]], links: int) -> dict[str, Any]:
    """Precision and recall of the ``links`` most similar pairs."""
    top = sorted(scored, key=lambda s: -s[0])[:links]
    hits = sum(same for _, same in top)
    positives = sum(same for _, same in scored)
    return {"links": len(top), "precision": round(hits / len(top), 4) if top else 0.0,
            "recall": round(hits / positives, 4) if positives else 0.0}
