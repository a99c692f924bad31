"""RSS, Atom and WARC readers, content sniffing and gzip, on files written for the project."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.clean import clean_document
from newsweave.ingest import read_inputs
from newsweave.records import Article, IngestError, RawDoc

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ingest"
RSS = RESOURCES / "harbour-herald.rss"
ATOM = RESOURCES / "tidewater.atom"

PAGES = {
    "https://northgate.example/2031/05/25/aubel-floods": (
        "Floods cut the road to Aubel",
        ("The river burst its banks north of Aubel on Sunday night and cut the only road into "
         "the town, the regional council said on Monday. About three hundred people were moved "
         "to a school on higher ground."),
    ),
    "https://northgate.example/2031/06/02/brannick-court": (
        "Court hears Brannick appeal",
        ("The appeal court in Brannick heard arguments on Tuesday over the closure of the "
         "northern mine, which the owners say was ordered without a proper inquiry."),
    ),
    "https://northgate.example/2031/06/11/vantry-trade": (
        "Vantry and Ondravel sign trade accord",
        ("Trade ministers from Vantry and Ondravel signed an accord on Wednesday that removes "
         "tariffs on fish and grain. The accord takes effect in September, officials said."),
    ),
}


def page_html(title: str, paragraph: str) -> str:
    return (
        "<!DOCTYPE html><html lang=\"en\"><head>"
        f"<title>{title} | Northgate Courier</title>"
        "<meta property=\"og:site_name\" content=\"Northgate Courier\">"
        f"<meta property=\"og:title\" content=\"{title}\">"
        "<meta property=\"article:published_time\" content=\"2031-06-02T08:00:00Z\">"
        "</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
        f"<article><h1>{title}</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )


def write_warc(path: Path, *, gzipped: bool) -> None:
    """A crawl file: a warcinfo record, then per page a request and an HTML response, plus an image."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsweave tests"}))
        for url, (title, paragraph) in PAGES.items():
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "northgate.example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = page_html(title, paragraph).encode("utf-8")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://northgate.example/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"), http_headers=image))


def docs_of(*paths: Path) -> list[RawDoc | IngestError]:
    return list(read_inputs(paths))


def test_rss_feed_with_several_entries() -> None:
    docs = docs_of(RSS)
    assert all(isinstance(d, RawDoc) for d in docs)
    assert [d.source_path for d in docs] == [f"{RSS}:{n}" for n in (1, 2, 3)]
    first = docs[0]
    assert first.fmt == "feed" and first.source_id == "hh-2031-0314-strike"
    assert first.metadata == {
        "title": "Dockworkers end three-day strike at Varna Bay",
        "outlet": "Harbour Herald",
        "url": "https://harbourherald.example/2031/03/14/dockworkers-end-strike",
        "language": "en",
        "published": "2031-03-14",
    }
    # content:encoded wins over the shorter description
    assert "forty ships waiting offshore" in first.text
    # a description that is HTML becomes paragraphs without markup
    assert docs[2].text.count("\n\n") == 1 and "<p>" not in docs[2].text


def test_feed_entries_clean_into_articles_without_the_feed_trailer() -> None:
    articles = [clean_document(d) for d in docs_of(RSS)]
    assert all(isinstance(a, Article) for a in articles)
    first = articles[0]
    assert first.outlet == "Harbour Herald" and str(first.published) == "2031-03-14"
    assert first.title == "Dockworkers end three-day strike at Varna Bay"
    assert "Continue reading" not in first.body
    assert any("Continue reading" in line for line in first.removed)
    assert first.body.startswith("Dockworkers at Varna Bay returned to work")
    ferry = articles[1]
    assert ferry.body.endswith("back to normal by the weekend.")
    footer = "The post Ferry service to Olm Island resumes after storm appeared first on"
    assert ferry.removed == [f"{footer} Harbour Herald."]


def test_atom_feed_content_and_summary() -> None:
    fishers, lighthouse = docs_of(ATOM)
    assert isinstance(fishers, RawDoc) and isinstance(lighthouse, RawDoc)
    assert fishers.metadata["outlet"] == "Tidewater Times"
    assert fishers.metadata["published"] == "2031-06-11"  # published wins over updated
    assert fishers.text.startswith("The fishers' cooperative signed")
    assert lighthouse.metadata["published"] == "2031-06-10"  # only updated is given
    assert lighthouse.metadata["url"].endswith("/lighthouse-keeper")
    assert lighthouse.text.startswith("The keeper of the Saltreach light")


def test_feed_is_recognised_by_content_under_another_name(tmp_path: Path) -> None:
    renamed = tmp_path / "feed.xml"
    shutil.copy(ATOM, renamed)
    nameless = tmp_path / "download"
    nameless.write_bytes(gzip.compress(RSS.read_bytes()))
    assert [d.fmt for d in docs_of(renamed)] == ["feed", "feed"]
    assert [d.fmt for d in docs_of(nameless)] == ["feed"] * 3


def test_gzip_of_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "harbour-herald.rss.gz"
    path.write_bytes(gzip.compress(RSS.read_bytes()))
    assert len([d for d in docs_of(path) if isinstance(d, RawDoc)]) == 3


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    (error,) = docs_of(path)
    assert isinstance(error, IngestError) and "neither an RSS or Atom feed" in error.reason


def test_broken_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss version=\"2.0\"><channel><title>Cut</title><item><title>A")
    errors = docs_of(path)
    assert all(isinstance(e, IngestError) for e in errors)
    assert errors[-1].source_path == str(path) and "malformed feed XML" in errors[-1].reason


def test_truncated_feed_keeps_whole_entries_and_reports_the_file(tmp_path: Path) -> None:
    data = RSS.read_bytes()
    path = tmp_path / "cut.rss"
    path.write_bytes(data[: data.index(b"<title>Council approves")])
    items = docs_of(path)
    assert [type(i) for i in items[:2]] == [RawDoc, RawDoc]
    assert isinstance(items[-1], IngestError) and items[-1].source_path == str(path)
    assert "malformed feed XML" in items[-1].reason


@pytest.mark.parametrize("name,gzipped", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_with_several_records(tmp_path: Path, name: str, gzipped: bool) -> None:
    path = tmp_path / name
    write_warc(path, gzipped=gzipped)
    docs = docs_of(path)
    assert all(isinstance(d, RawDoc) for d in docs), docs
    assert [d.metadata["url"] for d in docs] == list(PAGES)
    assert {d.fmt for d in docs} == {"warc"}
    assert all(d.source_id.startswith("<urn:uuid:") for d in docs)
    # record numbers count every record: warcinfo 1, request 2, response 3, ...
    assert [d.source_path for d in docs] == [f"{path}:{n}" for n in (3, 5, 7)]
    article = clean_document(docs[0])
    assert isinstance(article, Article)
    assert article.outlet == "Northgate Courier" and article.title == "Floods cut the road to Aubel"
    assert article.body.startswith("The river burst its banks")
    assert "Subscribe to our newsletter" not in article.body


def test_warc_found_by_content(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzipped=True)
    renamed = tmp_path / "crawl.bin"
    shutil.copy(path, renamed)
    assert len(docs_of(renamed)) == 3


@pytest.mark.parametrize("gzipped", [False, True])
def test_truncated_warc_keeps_the_pages_before_the_cut(tmp_path: Path, gzipped: bool) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, gzipped=gzipped)
    data = whole.read_bytes()
    with whole.open("rb") as handle:
        records = ArchiveIterator(handle)
        spans = [(records.get_record_offset(), records.get_record_length()) for _ in records]
    # inside the second page's record (its header, then its body), and near the end
    (start, length) = spans[4]
    for cut in (start + 40, start + length // 2, start + length - 30, len(data) - 40):
        path = tmp_path / f"cut{cut}.warc"
        path.write_bytes(data[:cut])
        items = docs_of(path)
        errors = [i for i in items if isinstance(i, IngestError)]
        assert len(errors) == 1, items
        assert "truncated WARC" in errors[0].reason and str(path) in errors[0].source_path
        assert any(isinstance(i, RawDoc) for i in items)


def test_file_named_warc_that_is_not(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("This is a plain note, not a crawl archive.\n")
    (error,) = docs_of(path)
    assert isinstance(error, IngestError) and "not a WARC file" in error.reason


def test_warc_without_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://a.example/x.png", "response", payload=io.BytesIO(b"\x89PNG"),
            http_headers=headers))
    (error,) = docs_of(path)
    assert isinstance(error, IngestError) and "no HTML response records" in error.reason


def test_gzip_of_html_and_jsonl_found_by_magic_bytes(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_bytes(gzip.compress(page_html(*PAGES[next(iter(PAGES))]).encode()))
    jsonl = tmp_path / "wire.jsonl.gz"
    jsonl.write_bytes(gzip.compress(b'{"id": "w1", "text": "A line of wire copy about the port."}\n'))
    (page,) = docs_of(html)
    (wire,) = docs_of(jsonl)
    assert isinstance(page, RawDoc) and page.html and page.metadata["outlet"] == "Northgate Courier"
    assert isinstance(wire, RawDoc) and wire.source_id == "w1"


def test_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(page_html(*PAGES[next(iter(PAGES))]), encoding="utf-8")
    (doc,) = docs_of(path)
    assert isinstance(doc, RawDoc) and doc.fmt == "html" and doc.html
    assert doc.metadata["title"] == "Floods cut the road to Aubel"


def test_page_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    html = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9 owners protest</title>'
            "</head><body><p>Caf\u00e9 owners in Varna Bay protested on Monday.</p></body></html>")
    path = tmp_path / "cafe.html"
    path.write_bytes(html.encode("cp1252"))
    (doc,) = docs_of(path)
    assert isinstance(doc, RawDoc) and "Café owners in Varna Bay" in (doc.html or "")
    undeclared = tmp_path / "cafe.txt"
    undeclared.write_bytes("Caf\u00e9 owners in Varna Bay protested.".encode("cp1252"))
    (error,) = docs_of(undeclared)
    assert isinstance(error, IngestError) and "not valid UTF-8" in error.reason
