"""The cleaner on the bundled demo corpus: chrome and unrelated headlines out, metadata in."""

from __future__ import annotations

import json

import pytest

from newsweave.clean import clean_document
from newsweave.config import demo_corpus_dir
from newsweave.ingest import read_inputs
from newsweave.records import Article, RawDoc

DEMO = demo_corpus_dir()
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
CHROME_WORDS = ("Share on Facebook", "Share on X", "See also", "Subscribe", "Click to comment", "Leave a Reply",
                "Latest Updates", "Continue Reading", "Home | World")


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    docs = [d for d in read_inputs([DEMO]) if isinstance(d, RawDoc)]
    cleaned = {d.source_id.rsplit("/", 1)[-1]: clean_document(d) for d in docs}
    assert all(isinstance(a, Article) for a in cleaned.values()), cleaned
    return cleaned  # type: ignore[return-value]


def test_every_demo_report_is_read_and_cleaned(articles: dict[str, Article]) -> None:
    ids = {source for story in EXPECTED["stories"].values() for source in story}
    assert set(articles) == ids


def test_unrelated_headlines_are_removed_and_kept_for_audit(articles: dict[str, Article]) -> None:
    removed = " ".join(line for a in articles.values() for line in a.removed)
    for headline in EXPECTED["unrelated_headlines"]:
        for name, article in articles.items():
            assert headline not in article.body, (headline, name)
        assert headline in removed, headline


def test_no_site_chrome_in_any_body(articles: dict[str, Article]) -> None:
    for name, article in articles.items():
        for words in CHROME_WORDS:
            assert words.lower() not in article.body.lower(), (name, words)


def test_outlets_and_dates_match_the_corpus(articles: dict[str, Article]) -> None:
    assert {a.outlet for a in articles.values()} == set(EXPECTED["outlets"])
    for name, article in articles.items():
        assert article.published is not None, name
        # file names and JSONL ids carry the publication date
        stamps = (article.published.isoformat(), article.published.strftime("%Y%m%d"))
        assert any(stamp in name for stamp in stamps), (name, article.published)


def test_page_chrome_report_keeps_its_news_and_headline(articles: dict[str, Article]) -> None:
    tidewater = articles["tidewater-2031-06-03-peace-talks.txt"]
    assert tidewater.title == "Peace talks resume in Ondravel as drones fill the night sky"
    assert tidewater.body.startswith("Delegations from Veskaria and Maldrenia sat down")
    assert "Between 30 and 50 relatives" in tidewater.body
    assert tidewater.outlet == "Tidewater Dispatch"
    assert "Tidewater Dispatch" in tidewater.removed
