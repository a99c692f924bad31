"""The claims evaluation (NAnCo's answers grouped by agreement) on an invented
file in NAnCo's shape, through the real pipeline; and on the shared file when
it is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate.claims import evaluate, gold_pairs, read_answers

ROOT = Path(__file__).resolve().parents[2]
NANCO = ROOT.parent / "shared" / "eval" / "claims" / "nanco_dataset.json"

# invented reports of one invented event, three outlets
_PARAGRAPHS = [
    ("https://www.coastline.example/strike", 1,
     ("The harbour authority of Port Elin agreed on Friday to a raise of nine percent for "
     "the dockworkers, ending the strike."), "a raise of nine percent"),
    ("https://ledger.example/port-elin", 1,
     ("The harbour authority of Port Elin agreed on Friday to a nine percent raise for the "
     "dockworkers, which ends the strike."), "a nine percent raise"),
    ("https://elinradio.example/news/1", 2,
     ("Teodor Halvane, who leads the union, said the grain ships of Varna Bay would sail "
     "again on Monday."), "the grain ships of Varna Bay would sail again"),
]


def _write(path: Path) -> Path:
    answers = [{"Paragraph Id": str(n), "Paragraph": text, "Answer": answer,
                "Article URL": url, "cluster_global": group}
               for n, (url, group, text, answer) in enumerate(_PARAGRAPHS)]
    path.write_text(json.dumps([{"question": "What ended the Port Elin strike?",
                                 "answers": answers}]), encoding="utf-8")
    return path


def test_answers_of_two_outlets_in_one_group_are_the_gold_links(tmp_path: Path) -> None:
    answers = read_answers(_write(tmp_path / "nanco.json"))
    assert [a.outlet for a in answers] == ["coastline.example", "ledger.example",
                                          "elinradio.example"]
    pairs = gold_pairs(answers)
    assert len(pairs) == 3 and sum(pairs.values()) == 1


def test_a_file_that_is_not_nanco_is_named(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"answers": 3}), encoding="utf-8")
    with pytest.raises(ValueError, match="other.json"):
        read_answers(path)


def test_the_pipeline_links_the_two_outlets_stating_one_fact(tmp_path: Path) -> None:
    metrics = evaluate(_write(tmp_path / "nanco.json"))
    assert metrics["located"] == 3
    assert metrics["predicted_links"] == 1 and metrics["precision"] == 1.0
    assert metrics["recall"] == 1.0
    assert metrics["baseline"]["same_links"]["links"] == 1


@pytest.mark.skipif(not NANCO.exists(), reason="NAnCo not in ../shared")
def test_the_shared_file_is_read_whole() -> None:
    answers = read_answers(NANCO)
    assert len({a.question for a in answers}) == 8 and len(answers) > 200


def test_judged_pairs_score_the_shown_pairs_and_count_the_unjudged(tmp_path: Path) -> None:
    from newsweave.evaluate.claims import read_judged, score_judged

    path = tmp_path / "claims.jsonl"
    rows = [{"url_a": "https://b.example/1", "sentence_a": "k2", "url_b": "https://a.example/1",
             "sentence_b": "k1", "same": True},
            {"url_a": "https://a.example/1", "sentence_a": "k1", "url_b": "https://c.example/1",
             "sentence_b": "k3", "same": False}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    judged = read_judged(path)
    a, b, c = ("https://a.example/1", "k1"), ("https://b.example/1", "k2"), ("https://c.example/1", "k3")
    assert judged == {(a, b): True, (a, c): False}
    scored = score_judged(judged, {(a, b), (a, c), (b, c)})
    assert scored == {"precision": 0.3333, "shown": 3, "same": 1, "unjudged": 1}
    path.write_text('{"url_a": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="claims.jsonl:1"):
        read_judged(path)


def test_a_judged_sample_scores_only_the_pairs_it_judged() -> None:
    """A random sample of the shown pairs was judged (labels/basil_facts.jsonl):
    its precision is over the judged pairs still shown; pairs outside the sample
    are counted, not scored as wrong."""
    from newsweave.evaluate.labels import score_sample

    a, b, c, d = (("https://a.example/1", "k1"), ("https://b.example/1", "k2"),
                  ("https://c.example/1", "k3"), ("https://d.example/1", "k4"))
    judged = {(a, b): True, (a, c): False, (a, d): True}
    scored = score_sample(judged, {(a, b), (a, c), (b, c), (c, d)})
    assert scored == {"precision": 0.5, "judged_shown": 2, "same": 1, "shown": 4,
                      "judged_not_shown": 1}
    assert score_sample(judged, set())["precision"] is None


def test_the_conflicts_eval_reports_the_basil_fact_sample(tmp_path: Path, demo_db: Path) -> None:
    """`newsweave eval conflicts` scores the BASIL store it built against the
    judged sample of its facts' outlet pairs, found beside the conflict labels
    (here the demo store stands for it)."""
    from newsweave.evaluate.conflicts import basil_fact_sample
    from newsweave.evaluate.labels import fact_pairs

    labels = tmp_path / "conflicts.jsonl"
    assert basil_fact_sample(labels, demo_db) is None  # no sample beside the labels
    (a, b), (c, d) = sorted(fact_pairs(demo_db))[:2]
    rows = [{"url_a": b[0], "sentence_a": b[1], "url_b": a[0], "sentence_b": a[1], "same": True},
            {"url_a": c[0], "sentence_a": c[1], "url_b": d[0], "sentence_b": d[1], "same": False},
            {"url_a": "https://gone.example/1", "sentence_a": "k1",
             "url_b": "https://gone.example/2", "sentence_b": "k2", "same": True}]
    (tmp_path / "basil_facts.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    scored = basil_fact_sample(labels, demo_db)
    assert scored is not None
    assert (scored["precision"], scored["judged_shown"], scored["judged_not_shown"]) == (0.5, 2, 1)
    assert basil_fact_sample(labels, None) is None  # no BASIL store (topic gates)
