"""Fact alignment across outlets on ECB+ (``newsweave eval facts``).

ECB+ says, for each annotated sentence, which event instances and which
participant instances (people, things, places, times) it mentions, with ids
shared across documents. Two annotated sentences of one topic, from different
documents, state the same fact when they share an event instance and a
participant instance (``../shared/eval/facts/README.md``).

The documents go through the whole pipeline (``newsweave run`` into a
temporary DuckDB file, each document its own outlet), and each exported
fact's mentions are mapped back to the sentences they lie in. A pair of
annotated sentences is predicted to state the same fact when some fact has a
mention in each. Scored pairwise over the cross-document pairs of annotated
sentences within a topic, with the TF-IDF cosine baseline (its threshold
tuned on these answers) beside it.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.evaluate.coref import _detokenise
from newsweave.evaluate.metrics import precision_recall_f1, rounded
from newsweave.extract.facts import ADDRESS_RE

_PARTICIPANT_PREFIXES = ("HUM", "NON", "LOC", "TIM")
SENTENCE_LIST = "ECBplus_coreference_sentences.csv"


@dataclass(slots=True)
class GoldSentence:
    """One annotated ECB+ sentence and the instances it mentions."""

    topic: str
    document: str
    number: int
    text: str
    events: frozenset[str] = field(default_factory=frozenset)
    participants: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> tuple[str, int]:
        return (self.document, self.number)


@dataclass(slots=True)
class GoldTopic:
    """A topic's documents (sentence texts in order) and its annotated sentences."""

    name: str
    documents: dict[str, list[tuple[int, str]]]
    sentences: list[GoldSentence]


def evaluate(data: Path, *, topics: list[str] | None = None,
             db: Path | None = None) -> dict[str, Any]:
    """Score fact alignment through the whole pipeline on ECB+.

    Args:
        data: the ECB+ folder (one sub-folder per topic); the list of annotated
            sentences is read from ``ECBplus_coreference_sentences.csv`` beside it.
        topics: topic folder names to score (a fixed subset for quick gates).
        db: score an existing store built from these documents by
            :func:`build_store` instead of running the pipeline again.

    Returns:
        pairwise ``precision``, ``recall``, ``f1`` over cross-document pairs of
        annotated sentences within a topic, the counts, and under ``baseline``
        the tuned TF-IDF cosine. The learned same-fact decision is scored on
        held-out topics by ``python -m newsweave.evaluate.training --held-out``.
    """
    gold = read_gold(Path(data), topics)
    if not gold:
        raise ValueError(f"{data}: no ECB+ topic folders with annotated sentences")
    with tempfile.TemporaryDirectory(prefix="nw-eval-facts-") as tmp:
        path = Path(db) if db is not None else build_store(gold, Path(tmp))
        shipped = predicted_links(gold, path)
    pairs = gold_pairs(gold)
    result = score_pairs(pairs, shipped) | {
        "topics": len(gold),
        "sentences": sum(len(t.sentences) for t in gold),
        "baseline": tfidf_baseline(gold, pairs),
    }
    return result


# -- gold ------------------------------------------------------------------------------

def read_gold(data: Path, topics: list[str] | None = None) -> list[GoldTopic]:
    """The topics of ``data`` with their annotated sentences and instances.

    Raises:
        ValueError: naming the file when a document is not ECB+ XML or the
            sentence list is missing.
    """
    listing = data / SENTENCE_LIST
    if not listing.exists():
        listing = data.parent / SENTENCE_LIST
    if not listing.exists():
        raise ValueError(f"{data}: no {SENTENCE_LIST} beside the topic folders")
    selected: dict[str, set[tuple[str, int]]] = defaultdict(set)
    with listing.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[row["Topic"]].add((f"{row['Topic']}_{row['File']}",
                                        int(row["Sentence Number"])))
    out = []
    for folder in sorted((p for p in data.iterdir() if p.is_dir()), key=_topic_order):
        if topics is not None and folder.name not in topics:
            continue
        topic = _read_topic(folder, selected.get(folder.name, set()))
        if topic.sentences:
            out.append(topic)
    return out


def _topic_order(path: Path) -> tuple[int, str]:
    return (int(path.name) if path.name.isdigit() else 10**9, path.name)


def _read_topic(folder: Path, selected: set[tuple[str, int]]) -> GoldTopic:
    documents: dict[str, list[tuple[int, str]]] = {}
    sentences: list[GoldSentence] = []
    for path in sorted(folder.glob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as exc:
            raise ValueError(f"{path}: not ECB+ XML ({exc})") from exc
        name = path.stem
        token_sentence: dict[str, int] = {}
        words: dict[int, list[str]] = defaultdict(list)
        for token in root.iter("token"):
            number = int(token.get("sentence", 0))
            token_sentence[token.get("t_id", "")] = number
            words[number].append(token.text or "")
        texts = {n: _detokenise(" ".join(w)) for n, w in sorted(words.items())}
        documents[name] = sorted(texts.items())
        mention_sentences = _mention_sentences(root, token_sentence)
        events: dict[int, set[str]] = defaultdict(set)
        participants: dict[int, set[str]] = defaultdict(set)
        for relation in root.iter("CROSS_DOC_COREF"):
            note = relation.get("note", "")
            target = events if note.startswith("ACT") else (
                participants if note.startswith(_PARTICIPANT_PREFIXES) else None)
            if target is None:
                continue
            for source in relation.iter("source"):
                for number in mention_sentences.get(source.get("m_id", ""), ()):
                    target[number].add(note)
        for number, text in sorted(texts.items()):
            if (name, number) in selected:
                sentences.append(GoldSentence(
                    topic=folder.name, document=name, number=number, text=text,
                    events=frozenset(events.get(number, ())),
                    participants=frozenset(participants.get(number, ()))))
    return GoldTopic(name=folder.name, documents=documents, sentences=sentences)


def _mention_sentences(root: ET.Element, token_sentence: dict[str, int]) -> dict[str, set[int]]:
    markables = root.find("Markables")
    out: dict[str, set[int]] = {}
    for markable in markables if markables is not None else ():
        numbers = {token_sentence[a.get("t_id", "")] for a in markable.iter("token_anchor")
                   if a.get("t_id", "") in token_sentence}
        if numbers:
            out[markable.get("m_id", "")] = numbers
    return out


def same_fact(a: GoldSentence, b: GoldSentence) -> bool:
    """The gold decision: one event instance and one participant instance in common."""
    return bool(a.events & b.events) and bool(a.participants & b.participants)


def gold_pairs(gold: list[GoldTopic]) -> dict[tuple[tuple[str, int], tuple[str, int]], bool]:
    """Every cross-document pair of annotated sentences within a topic, with its answer."""
    pairs = {}
    for topic in gold:
        for i, a in enumerate(topic.sentences):
            for b in topic.sentences[i + 1:]:
                if a.document != b.document:
                    pairs[_pair(a.key, b.key)] = same_fact(a, b)
    return pairs


def _pair(a: tuple[str, int], b: tuple[str, int]) -> tuple[tuple[str, int], tuple[str, int]]:
    return (a, b) if a <= b else (b, a)


# -- the pipeline --------------------------------------------------------------------

def build_store(gold: list[GoldTopic], folder: Path) -> Path:
    """Write each document as a text file (one sentence a line, the document's
    name as its title and outlet), run the whole pipeline on them, and return the store."""
    from newsweave.api import process

    for topic in gold:
        (folder / topic.name).mkdir(parents=True, exist_ok=True)
        for name, sentences in topic.documents.items():
            lines = [text for _, text in sentences]
            # ECB+ documents open with their web address (most of them) and
            # their headline: the address is given as the report's URL, and the
            # cleaner finds the headline as a reader would, as the title
            header = f"Source: {name}\n"
            if lines and ADDRESS_RE.search(lines[0]):
                header += f"URL: {''.join(lines.pop(0).split())}\n"
            body = "\n".join(lines)
            (folder / topic.name / f"{name}.txt").write_text(
                f"{header}\n{body}\n", encoding="utf-8")
    db = folder / "eval-facts.duckdb"
    process([folder / topic.name for topic in gold], db=db)
    return db


@dataclass(slots=True)
class SentenceLocator:
    """Maps a span of a stored article to the annotated ECB+ sentences it lies in
    (identical documents are one stored article: a span stands for each, located
    in each document's own sentences, so the result does not depend on which of
    them the store lists first)."""

    names: dict[str, list[str]]
    # (article, document) -> (sentence number, start, end) of the document's sentences
    spans: dict[tuple[str, str], list[tuple[int, int, int]]]
    annotated: set[tuple[str, int]]
    topic_of: dict[str, str]
    # (article, document) -> the document sentence the stored title is (headline claims)
    titles: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, gold: list[GoldTopic], db: Path) -> SentenceLocator:
        from newsweave.store import connect

        conn = connect(str(db), read_only=True)
        try:
            bodies = dict(conn.execute("SELECT id, body FROM articles").fetchall())
            titles = dict(conn.execute("SELECT id, title FROM articles").fetchall())
            sources = conn.execute(
                "SELECT article_id, source_path FROM article_sources ORDER BY 1, 2").fetchall()
        finally:
            conn.close()
        documents = {name: s for topic in gold for name, s in topic.documents.items()}
        names: dict[str, list[str]] = defaultdict(list)
        for article, path in sources:
            if Path(path).stem in documents:
                names[article].append(Path(path).stem)
        pairs = [(a, n) for a, names_ in names.items() for n in names_]
        return cls(
            names=names,
            spans={(a, n): _sentence_spans(bodies.get(a, ""), documents[n]) for a, n in pairs},
            annotated={s.key for topic in gold for s in topic.sentences},
            topic_of={name: topic.name for topic in gold for name in topic.documents},
            titles={(a, n): number for a, n in pairs
                    if (number := _title_sentence(titles.get(a) or "", documents[n]))
                    is not None})

    def locate(self, article: str, start: int, end: int,
               part: str = "body") -> list[tuple[str, int]]:
        """``(document, sentence number)`` of the annotated sentences the span
        touches (``part="title"``: the sentence that is the article's title)."""
        found = []
        for name in self.names.get(article, []):
            if part == "title":
                numbers = [self.titles[article, name]] if (article, name) in self.titles else []
            else:
                numbers = _sentences_of(self.spans.get((article, name), []), start, end)
            found.extend((name, number) for number in numbers if (name, number) in self.annotated)
        return found

    def topic(self, article: str) -> str:
        """The ECB+ topic of a stored article ("" when it is none of the documents)."""
        return self.topic_of[self.names[article][0]] if self.names.get(article) else ""

    def links(self, facts: Iterable[Iterable[Any]]) -> set[tuple[tuple[str, int], tuple[str, int]]]:
        """Cross-document pairs of annotated sentences that one fact states in both;
        each fact is its mentions (with ``article_id``, ``start``, ``end``)."""
        links = set()
        for mentions in facts:
            keys = sorted({key for m in mentions for key in self.locate(
                m.article_id, m.start, m.end, getattr(m, "part", "body"))})
            links.update(_pair(x, y) for n, x in enumerate(keys) for y in keys[n + 1:]
                         if x[0] != y[0])
        return links


def predicted_links(gold: list[GoldTopic], db: Path
                    ) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of annotated sentences that some stored fact states in both."""
    from newsweave.records import FactMention
    from newsweave.store import connect

    conn = connect(str(db), read_only=True)
    try:
        rows = conn.execute("SELECT mentions FROM facts").fetchall()
    finally:
        conn.close()
    facts = [[FactMention(**m) for m in json.loads(mentions)] for (mentions,) in rows]
    return SentenceLocator.of(gold, db).links(facts)


def _sentence_spans(body: str, sentences: list[tuple[int, str]]) -> list[tuple[int, int, int]]:
    """``(sentence number, start, end)`` of each document sentence in the stored body,
    found in order (cleaning may drop lines, such as a URL, but keeps the rest)."""
    spans, cursor = [], 0
    for number, text in sentences:
        text = text.strip()
        if not text:
            continue
        at = body.find(text, cursor)
        if at < 0:
            at = body.find(text)
        if at < 0:
            continue
        spans.append((number, at, at + len(text)))
        cursor = at + len(text)
    return spans


def _title_sentence(title: str, sentences: list[tuple[int, str]]) -> int | None:
    """The number of the document sentence that is ``title`` (letters and digits
    compared: cleaning repairs spacing and quotes), or None."""
    key = _letters(title)
    return next((number for number, text in sentences if key and _letters(text) == key), None)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def _sentences_of(spans: Iterable[tuple[int, int, int]], start: int, end: int) -> list[int]:
    return [number for number, a, b in spans if a < end and start < b]


# -- scores ----------------------------------------------------------------------------

def score_pairs(pairs: dict[Any, bool], predicted: set[Any]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of ``predicted`` over the gold ``pairs``."""
    positives = {p for p, same in pairs.items() if same}
    found = predicted & set(pairs)
    hits = len(found & positives)
    return rounded(*precision_recall_f1(hits, len(found), len(positives))) | {
        "pairs": len(pairs), "gold_links": len(positives), "predicted_links": len(found)}


def tfidf_baseline(gold: list[GoldTopic], pairs: dict[Any, bool]) -> dict[str, Any]:
    """TF-IDF cosine between the two sentences (IDF over each topic's annotated
    sentences), with the threshold that scores best on these answers."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    scored: list[tuple[float, bool]] = []
    for topic in gold:
        texts = [s.text for s in topic.sentences]
        matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
        sims = cosine_similarity(matrix)
        for i, a in enumerate(topic.sentences):
            for j in range(i + 1, len(topic.sentences)):
                b = topic.sentences[j]
                if a.document != b.document:
                    scored.append((float(sims[i, j]), pairs[_pair(a.key, b.key)]))
    return best_threshold(scored)


def best_threshold(scored: list[tuple[float, bool]]) -> dict[str, Any]:
    """The threshold on a similarity that gives the best F1, with its P/R/F1."""
    positives = sum(same for _, same in scored)
    ordered = sorted(scored, key=lambda s: -s[0])
    best = {"f1": 0.0, "precision": 0.0, "recall": 0.0, "threshold": 1.0}
    hits = 0
    for k, (value, same) in enumerate(ordered, start=1):
        hits += same
        if k < len(ordered) and ordered[k][0] == value:
            continue
        precision, recall, f1 = precision_recall_f1(hits, k, positives)
        if f1 > best["f1"]:
            best = {"f1": round(f1, 4), "precision": round(precision, 4),
                    "recall": round(recall, 4), "threshold": round(value, 4)}
    return best
