"""The fact, paraphrase and conflict evaluations on inline data (no shared data)."""

from __future__ import annotations

import json

import pytest

from newsweave.evaluate.conflicts import SidePair, read_labels, score, sentence_key
from newsweave.evaluate.facts import (
    GoldSentence,
    GoldTopic,
    _sentence_spans,
    best_threshold,
    gold_pairs,
    same_fact,
    score_pairs,
)
from newsweave.evaluate.paraphrase import read_pairs
from newsweave.evaluate.paraphrase import score as paraphrase_score


def _s(doc: str, n: int, events: set[str], people: set[str]) -> GoldSentence:
    return GoldSentence(topic="1", document=doc, number=n, text=f"{doc} {n}",
                        events=frozenset(events), participants=frozenset(people))


def test_two_sentences_state_one_fact_with_an_event_and_a_participant_in_common() -> None:
    a, b = _s("1_1ecb", 0, {"ACT1"}, {"HUM1"}), _s("1_2ecb", 0, {"ACT1"}, {"HUM1", "LOC1"})
    assert same_fact(a, b)
    assert not same_fact(a, _s("1_2ecb", 1, {"ACT1"}, {"HUM2"}))
    assert not same_fact(a, _s("1_2ecb", 2, {"ACT2"}, {"HUM1"}))


def test_gold_pairs_are_cross_document_within_a_topic() -> None:
    sentences = [_s("1_1ecb", 0, {"A"}, {"H"}), _s("1_1ecb", 1, {"A"}, {"H"}),
                 _s("1_2ecb", 0, {"A"}, {"H"})]
    pairs = gold_pairs([GoldTopic(name="1", documents={}, sentences=sentences)])
    assert len(pairs) == 2 and all(pairs.values())


def test_pairwise_scores_and_the_tuned_threshold() -> None:
    pairs = {("a", "b"): True, ("a", "c"): True, ("b", "c"): False, ("c", "d"): False}
    result = score_pairs(pairs, {("a", "b"), ("b", "c")})
    assert (result["precision"], result["recall"]) == (0.5, 0.5)
    best = best_threshold([(0.9, True), (0.8, True), (0.3, False), (0.2, False), (0.1, True)])
    assert best["threshold"] == 0.8 and best["precision"] == 1.0


def test_sentences_are_found_in_the_stored_body_in_order() -> None:
    body = "Headline words.\nFirst sentence here. Second one."
    spans = _sentence_spans(body, [(0, "http: / / x"), (1, "First sentence here."),
                                   (2, "Second one.")])
    assert [(n, body[a:b]) for n, a, b in spans] == [(1, "First sentence here."),
                                                      (2, "Second one.")]


def test_sentence_keys_fold_space_and_case() -> None:
    assert sentence_key("The  Port\nreopened.") == sentence_key("the port reopened.")
    assert sentence_key("The port reopened.") != sentence_key("The port closed.")


def test_conflict_precision_counts_unjudged_pairs_as_wrong(tmp_path) -> None:
    path = tmp_path / "labels.jsonl"
    rows = [{"source": "ecbplus", "doc_a": "1_1ecb", "sentence_a": "k1", "doc_b": "1_2ecb",
             "sentence_b": "k2", "real": True, "kind": "number", "reason": "r"},
            {"source": "ecbplus", "doc_a": "1_1ecb", "sentence_a": "k3", "doc_b": "1_2ecb",
             "sentence_b": "k4", "real": False, "kind": "none", "reason": "r"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    labels = read_labels(path)
    shown = {SidePair.of(("1_2ecb", "k2"), ("1_1ecb", "k1")): "number",
             SidePair.of(("1_1ecb", "k3"), ("1_2ecb", "k4")): "number",
             SidePair.of(("1_1ecb", "k5"), ("1_2ecb", "k6")): "qualifier"}
    result = score(labels, shown)
    assert result["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["recall"] == 1.0 and result["unjudged"] == 1


def test_a_malformed_label_names_its_line(tmp_path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"doc_a": "x"}\n')
    with pytest.raises(ValueError, match=":1:"):
        read_labels(path)


def test_msrp_pairs_are_read_and_scored(tmp_path) -> None:
    path = tmp_path / "pairs.txt"
    path.write_text("\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
                    "1\t1\t2\tThe port reopened.\tThe port opened again.\n"
                    "0\t3\t4\tThe port reopened.\tThe strike went on.\n", encoding="utf-8")
    pairs = read_pairs(path)
    assert [p.same for p in pairs] == [True, False]
    assert paraphrase_score([True, False], [True, True])["accuracy"] == 0.5


@pytest.mark.parametrize("order", [("1_1ecb", "1_9ecb"), ("1_9ecb", "1_1ecb")])
def test_one_stored_copy_of_two_documents_is_located_in_each(tmp_path, order) -> None:
    """Two near-identical documents stored as one article: a headline claim lies in
    the document whose first line is that headline, whichever the store lists first
    (the locator read only the first listed, so the score moved with row order)."""
    import duckdb

    from newsweave.evaluate.facts import SentenceLocator

    db = tmp_path / "store.duckdb"
    conn = duckdb.connect(str(db))
    conn.execute("CREATE TABLE articles (id VARCHAR, body VARCHAR, title VARCHAR)")
    conn.execute("CREATE TABLE article_sources (article_id VARCHAR, source_path VARCHAR)")
    conn.execute("INSERT INTO articles VALUES ('a', 'Harbour reopens. Crews cheer.', "
                 "'Port Elin harbour reopens')")
    for name in order:
        conn.execute("INSERT INTO article_sources VALUES ('a', ?)", [f"/x/{name}.txt"])
    conn.close()
    documents = {"1_1ecb": [(0, "Port Elin harbour reopens"), (1, "Harbour reopens."),
                            (2, "Crews cheer.")],
                 "1_9ecb": [(0, "Harbour reopens."), (1, "Crews cheer.")]}
    sentences = [GoldSentence("1", d, n, t) for d, lines in documents.items() for n, t in lines]
    locator = SentenceLocator.of([GoldTopic("1", documents, sentences)], db)
    assert locator.locate("a", 0, 0, part="title") == [("1_1ecb", 0)]
    assert sorted(locator.locate("a", 17, 29)) == [("1_1ecb", 2), ("1_9ecb", 1)]
