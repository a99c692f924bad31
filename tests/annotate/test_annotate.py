"""annotate: gazetteer rulers in front of the NER, and preset sentence boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.annotate import annotate_articles, annotate_text, load_nlp
from newsweave.records import Article


def make_article(text: str, sentences: list[tuple[int, int]], id: str = "a1") -> Article:
    return Article(
        id=id, source_id=id, source_path=f"{id}.txt", outlet="test", url=None, title="",
        published=dt.date(2025, 6, 2), body=text, sentences=sentences,
    )


def ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_ruler_sits_before_ner_and_pipeline_is_cached(nlp):
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    assert load_nlp() is nlp


def test_kyiv_is_a_place_not_a_person(nlp):
    doc = annotate_text(nlp, "Kyiv said on Monday it would send a delegation to the talks.")
    assert ("Kyiv", "GPE") in ents(doc)
    assert all(label != "PERSON" for _, label in ents(doc))


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Russia annexed Crimea in a move condemned by NATO.", "Crimea", "LOC"),
        ("The Kremlin rejected the proposal.", "Kremlin", "GPE"),
        ("Ukrainian troops held the line near Zaporizhzhia.", "Ukrainian", "NORP"),
        ("The IAEA sent inspectors to the plant.", "IAEA", "ORG"),
        ("Delegates met at the Ciragan Palace on the Bosporus.", "Ciragan Palace", "FAC"),
    ],
)
def test_gazetteer_labels(nlp, text, span, label):
    assert (span, label) in ents(annotate_text(nlp, text))


def test_city_named_like_a_first_name_stays_a_person(nlp):
    doc = annotate_text(nlp, "The delegation was headed by Vladimir Ostrin, a senior aide.")
    assert ("Vladimir Ostrin", "PERSON") in ents(doc)


def test_city_before_an_institution_word_stays_a_city(nlp):
    doc = annotate_text(nlp, "Flights resumed at Istanbul Airport on Sunday.")
    assert ("Istanbul", "GPE") in ents(doc)


def test_preset_sentence_boundaries_are_respected(nlp):
    # Boundaries the parser would never choose: mid-clause, and two sentences joined.
    text = "Kyiv said on Monday it would attend. Talks in Istanbul begin on Friday. Moscow agreed."
    cut = text.index("it would")
    joined_end = text.index("Moscow")
    sentences = [(0, cut), (cut, joined_end), (joined_end, len(text))]
    [(_, doc)] = list(annotate_articles(nlp, [make_article(text, sentences)]))
    got = [(s.start_char, s.end_char) for s in doc.sents]
    want = [(s, e) for s, e in sentences]
    assert [text[s:e].strip() for s, e in got] == [text[s:e].strip() for s, e in want]


def test_annotate_articles_streams_in_order(nlp):
    texts = [f"Report {i}: the Kremlin said talks would resume." for i in range(5)]
    articles = [make_article(t, [(0, len(t))], id=f"a{i}") for i, t in enumerate(texts)]
    out = list(annotate_articles(nlp, iter(articles), batch_size=2))
    assert [a.id for a, _ in out] == [a.id for a in articles]
    assert all(doc.text == a.body for a, doc in out)


def test_annotate_articles_rejects_bad_batch_size(nlp):
    with pytest.raises(ValueError, match="batch_size"):
        list(annotate_articles(nlp, [], batch_size=0))


@pytest.mark.parametrize("text", [
    "Governor Youngkin signed House Bill 426 and Senate Bill 254 on Monday.",
    "The council passed Bill 17 on the harbour fees.",
])
def test_a_name_with_a_number_in_it_is_no_person(nlp, text):
    # "Bill 254" is a bill, whatever the model makes of "Bill"
    assert not [e for e in nlp(text).ents if e.label_ == "PERSON" and any(c.isdigit() for c in e.text)]



def test_the_bill_of_a_long_sentence_is_no_person(nlp):
    text = ("The Varna Bay Harbour Council sent out a news release Monday announcing that Gov. "
            "Teodor Halvane had signed House Bill 426 and Senate Bill 254, extending the "
            "harbour fees through the first half of 2031.")
    assert not [e for e in nlp(text).ents if e.label_ == "PERSON" and any(c.isdigit() for c in e.text)]
