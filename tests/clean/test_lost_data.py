"""Texts the cleaner once threw away: one-sentence briefs, pages too deep or too long to parse.

And titles that could reverse what follows them on screen.
"""

from __future__ import annotations

from newsweave.clean import clean_document
from newsweave.clean.html import markup_trouble
from newsweave.records import Article, RawDoc

BRIEF = "Dockworkers at Varna Bay ended their strike on Friday after accepting a pay offer."
PARAGRAPH = ("The ferry operator raised fares to Olm Island by a tenth on Saturday, saying fuel "
             "costs had doubled since the winter. Islanders said they would protest at the pier.")


def test_a_one_sentence_report_whose_title_repeats_it_is_kept() -> None:
    for raw in (
        RawDoc("brief.txt", "brief.txt", "text", text=f"{BRIEF}\n", metadata={"title": BRIEF}),
        RawDoc("wire.jsonl:3", "w3", "jsonl", text=BRIEF, metadata={"title": BRIEF}),
        RawDoc("feed.rss:1", "f1", "feed", html=f"<html><body><p>{BRIEF}</p></body></html>",
               metadata={"title": BRIEF}),
    ):
        article = clean_document(raw)
        assert isinstance(article, Article), (raw.source_path, article)
        assert article.body == BRIEF and article.title == BRIEF


def test_a_title_line_is_still_removed_when_there_is_more_text() -> None:
    raw = RawDoc("x.txt", "x.txt", "text", text=f"Fares rise\n\n{PARAGRAPH}\n",
                 metadata={"title": "Fares rise"})
    article = clean_document(raw)
    assert isinstance(article, Article) and article.body == PARAGRAPH


def test_a_page_nested_too_deep_to_parse_is_stored_whole_with_a_note() -> None:
    html = ("<html><head><title>Fares rise</title><script>var x = 1;</script></head><body>"
            + "<div>" * 300 + f"<p>{PARAGRAPH}</p>" + "</div>" * 300 + "</body></html>")
    assert markup_trouble(html) == "its markup is nested 303 elements deep"
    article = clean_document(RawDoc("deep.html", "deep.html", "html", html=html,
                                    metadata={"title": "Fares rise"}))
    assert isinstance(article, Article)
    assert article.body == PARAGRAPH
    assert article.notes and "nested 303 elements deep" in article.notes[0]


def test_a_page_with_a_huge_paragraph_is_stored_whole() -> None:
    # over the 1 MB text run the tag scan reports; the parsers still take it whole
    # (hostile_inputs tries 10 MB, past libxml2's limit, where the scan takes over)
    text = ("The harbour was busy again today and the ferries ran late. " * 17_000).strip()
    html = f"<html><head><title>Busy harbour</title></head><body><p>{text}</p></body></html>"
    assert markup_trouble(html) == f"it holds a run of {len(text):,} characters of text"
    article = clean_document(RawDoc("long.html", "long.html", "html", html=html,
                                    metadata={"title": "Busy harbour"}))
    assert isinstance(article, Article)
    assert len(article.body) == len(text) > 1_000_000


def test_an_ordinary_page_has_no_markup_trouble() -> None:
    assert markup_trouble(f"<html><body><article><p>{PARAGRAPH}</p></article></body></html>") \
        is None


def test_bidi_controls_are_removed_from_titles_and_outlets() -> None:
    raw = RawDoc("b.txt", "b.txt", "text", text=PARAGRAPH,
                 metadata={"title": "Fares \u202eesir\u202c on Olm", "outlet": "Harbour\u2067 Post"})
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.title == "Fares esir on Olm" and article.outlet == "Harbour Post"


def test_bidi_overrides_are_removed_from_the_body_so_names_read_right() -> None:
    raw = RawDoc("b.txt", "b.txt", "text",
                 text="Mayor \u202eAnja Sorvel\u202c opened the \u2067Olm\u2069 pier on Monday, "
                      "the council said in a statement about the repairs.")
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert "Mayor Anja Sorvel opened the Olm pier" in article.body


def test_a_page_with_a_character_xml_forbids_is_kept() -> None:
    html = f"<html><body><p>{PARAGRAPH} \ufffe More followed.</p></body></html>"
    article = clean_document(RawDoc("x.html", "x.html", "html", html=html))
    assert isinstance(article, Article) and article.body.startswith(PARAGRAPH[:40])
