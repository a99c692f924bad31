"""Article metadata: title, outlet, publication date and URL from headers, pages, prompts and text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsweave.clean import clean_document
from newsweave.ingest import read_inputs
from newsweave.records import Article, RawDoc

LEAD = ("Police in Kessrin detained dozens of protesters overnight as the fuel protests entered a "
        "third day, the interior ministry said on Wednesday.")
SECOND = ("Shops along the main avenue stayed shut, and bus drivers said they would join the "
          "strike if fuel prices were not cut by the weekend.")


def cleaned(text: str, **metadata: str) -> Article:
    article = clean_document(RawDoc("p.txt", "p.txt", "text", text=text, metadata=metadata))
    assert isinstance(article, Article), article
    return article


def test_outlet_from_the_sites_own_prompts_when_no_url_is_known() -> None:
    page = "\n\n".join([
        "Connect with us", LEAD, SECOND, "Latest from Southwind TV",
        "Subscribe to Southwind Newsletter for Latest News",
        "Get Notifications from Southwind Wire Yes please No thanks",
    ])
    article = cleaned(page)
    assert article.outlet == "Southwind"
    assert article.body == f"{LEAD}\n\n{SECOND}"


def test_domain_wins_over_prompts_and_declared_outlet_wins_over_both() -> None:
    page = "\n\n".join([LEAD, SECOND, "Subscribe to Southwind Newsletter"])
    assert cleaned(page, url="https://www.southwind.example/a").outlet == "southwind.example"
    assert cleaned(page, outlet="Bay Wire").outlet == "Bay Wire"


def test_outlet_unknown_without_any_clue() -> None:
    assert cleaned(f"{LEAD}\n\n{SECOND}").outlet == "unknown"


def test_publication_date_from_the_dateline() -> None:
    article = cleaned(f"KESSRIN, June 4, 2031 (Southwind) — {LEAD}\n\n{SECOND}")
    assert article.published == dt.date(2031, 6, 4)


def test_a_date_inside_the_story_is_not_the_publication_date() -> None:
    article = cleaned(f"{LEAD} The last protests, on March 2, 2029 — were smaller.\n\n{SECOND}")
    assert article.published is None
    article = cleaned(f"Protesters recalled June 3, 2019, when prices last rose. {SECOND}")
    assert article.published is None


def test_header_metadata_wins_over_the_dateline(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "Title: Kessrin protests enter third day\nSource: Northgate Monitor\n"
        "Date: 2031-06-02\nURL: https://northgate.example/kessrin\n\n"
        f"KESSRIN, June 1, 2031 — {LEAD}\n\n{SECOND}\n", encoding="utf-8")
    (raw,) = read_inputs([path])
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.url, article.published) == (
        "Kessrin protests enter third day", "Northgate Monitor",
        "https://northgate.example/kessrin", dt.date(2031, 6, 2))


def test_html_metadata_from_the_page(tmp_path: Path) -> None:
    html = (
        "<html lang='en'><head><title>Protests spread | Cobalt Bay Chronicle</title>"
        "<meta property='og:site_name' content='Cobalt Bay Chronicle'>"
        "<meta property='og:title' content='Protests spread to the port'>"
        "<link rel='canonical' href='https://cobaltbay.example/2031/06/01/protests'>"
        "<meta name='date' content='2031-06-01'></head>"
        f"<body><article><h1>Protests spread to the port</h1><p>{LEAD}</p><p>{SECOND}</p>"
        "</article></body></html>")
    path = tmp_path / "protests.html"
    path.write_text(html, encoding="utf-8")
    (raw,) = read_inputs([path])
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.title == "Protests spread to the port"
    assert article.outlet == "Cobalt Bay Chronicle"
    assert article.url == "https://cobaltbay.example/2031/06/01/protests"
    assert article.published == dt.date(2031, 6, 1)
    assert article.body.startswith("Police in Kessrin")
