"""Readers on real files written to a temporary folder: texts, HTML, JSON Lines, gzip, folders."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsweave.ingest import read_inputs
from newsweave.records import IngestError, RawDoc

BODY = (
    "Negotiators met in Geneva on Monday to discuss a ceasefire along the river border.\n\n"
    "The meeting lasted six hours and ended without a joint statement, officials said.\n"
)
PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Talks resume in Geneva | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Talks resume in Geneva">
<meta property="article:published_time" content="2025-06-02T08:30:00+00:00">
<link rel="canonical" href="https://www.dailyplanet.example/world/talks-resume">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators from the two countries met in Geneva on Monday to discuss a ceasefire.</p>
<p>The meeting, hosted by the Swiss foreign ministry, lasted six hours, officials said.</p>
</article></body></html>
"""


def read_all(*paths: str | Path) -> list[RawDoc | IngestError]:
    return list(read_inputs(paths))


def only_doc(path: Path) -> RawDoc:
    (doc,) = read_all(path)
    assert isinstance(doc, RawDoc), doc
    return doc


def only_error(path: Path) -> IngestError:
    (error,) = read_all(path)
    assert isinstance(error, IngestError), error
    assert error.source_path == str(path)
    assert error.reason
    return error


def test_text_with_header_lines(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    header = (
        "Title: Talks resume in Geneva\nSource: Daily Planet\nDate: 2025-06-02T08:30:00Z\n"
        "URL: https://www.dailyplanet.example/world/talks\n\n"
    )
    path.write_text(header + BODY, encoding="utf-8")
    doc = only_doc(path)
    assert doc.fmt == "text"
    assert doc.source_id == doc.source_path == str(path)
    assert doc.text is not None and doc.text.startswith("Negotiators met in Geneva")
    assert "Title:" not in doc.text
    assert doc.metadata == {
        "title": "Talks resume in Geneva",
        "outlet": "Daily Planet",
        "url": "https://www.dailyplanet.example/world/talks",
        "published": "2025-06-02",
    }


def test_text_header_source_url_gives_outlet_domain(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Source : https://www.example-news.com/a/1\n\n" + BODY, encoding="utf-8")
    doc = only_doc(path)
    assert doc.metadata["url"] == "https://www.example-news.com/a/1"
    assert doc.metadata["outlet"] == "example-news.com"


def test_text_trailing_source_line_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(BODY + "Source : https://punch.example.com/\n\n", encoding="utf-8")
    doc = only_doc(path)
    assert doc.text is not None and "Source" not in doc.text
    assert doc.text.rstrip().endswith("officials said.")
    assert doc.metadata == {"url": "https://punch.example.com/", "outlet": "punch.example.com"}


def test_text_source_sentence_in_body_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        BODY + "Source: a senior official who asked not to be named.\n", encoding="utf-8"
    )
    doc = only_doc(path)
    assert doc.text is not None and doc.text.endswith("asked not to be named.")
    assert doc.metadata == {}


def test_html_page_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_doc(path)
    assert doc.fmt == "html"
    assert doc.html == PAGE and doc.text is None
    assert doc.metadata["title"] == "Talks resume in Geneva"
    assert doc.metadata["outlet"] == "Daily Planet"
    assert doc.metadata["url"] == "https://www.dailyplanet.example/world/talks-resume"
    assert doc.metadata["published"] == "2025-06-02"
    assert doc.metadata["language"] == "en"


def test_jsonl_lines_and_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "url": "https://www.one.example/x",
                "title": "One",
                "date": "2025-06-02",
                "text": BODY,
            }
        ),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"source": "Two Times", "published": "2025-06-03T10:00:00+02:00", "body": BODY}),
        "",
        json.dumps({"id": "a4", "html": PAGE, "outlet": "Wire"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, broken, third, fourth = read_all(path)

    assert isinstance(first, RawDoc) and first.fmt == "jsonl"
    assert (first.source_id, first.source_path) == ("a1", f"{path}:1")
    assert first.metadata == {
        "title": "One",
        "url": "https://www.one.example/x",
        "published": "2025-06-02",
        "outlet": "one.example",
    }

    assert isinstance(broken, IngestError)
    assert broken.source_path == f"{path}:2" and "not valid JSON" in broken.reason

    assert isinstance(third, RawDoc)
    assert third.source_id == third.source_path == f"{path}:3"
    assert third.metadata == {"outlet": "Two Times", "published": "2025-06-03"}

    assert isinstance(fourth, RawDoc) and fourth.html == PAGE and fourth.text is None
    assert fourth.source_id == "a4"
    assert fourth.metadata["outlet"] == "Wire"  # the record's own field wins over the page
    assert fourth.metadata["title"] == "Talks resume in Geneva"


def test_jsonl_object_without_text(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "x", "title": "No body"}\n[1, 2]\n', encoding="utf-8")
    no_text, not_object = read_all(path)
    assert isinstance(no_text, IngestError) and no_text.source_path == f"{path}:1"
    assert "text" in no_text.reason
    assert isinstance(not_object, IngestError) and "object" in not_object.reason


def test_json_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"id": "j1", "text": BODY}, {"id": "j2", "body": BODY}]))
    docs = read_all(path)
    assert [d.source_id for d in docs if isinstance(d, RawDoc)] == ["j1", "j2"]
    assert [d.source_path for d in docs] == [f"{path}:1", f"{path}:2"]


def test_json_without_articles_named_directly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps({"places": [{"name": "Geneva"}]}))
    assert "no articles" in only_error(path).reason


def test_gzip_of_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress((BODY + "Source : https://www.gz.example/\n").encode()))
    doc = only_doc(path)
    assert doc.fmt == "text" and doc.text is not None and doc.text.startswith("Negotiators")
    assert doc.metadata["outlet"] == "gz.example"


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    html_path = tmp_path / "download.bin"
    html_path.write_text(PAGE, encoding="utf-8")
    jsonl_path = tmp_path / "dump.data"
    jsonl_path.write_text(json.dumps({"id": "s1", "text": BODY}) + "\n", encoding="utf-8")
    text_path = tmp_path / "note"
    text_path.write_text(BODY, encoding="utf-8")
    html_doc, jsonl_doc, text_doc = read_all(html_path, jsonl_path, text_path)
    assert isinstance(html_doc, RawDoc) and html_doc.fmt == "html"
    assert isinstance(jsonl_doc, RawDoc) and jsonl_doc.source_id == "s1"
    assert isinstance(text_doc, RawDoc) and text_doc.fmt == "text"


def test_folder_walk_is_recursive_sorted_and_skips_non_articles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "2.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a" / "deep" / "1.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "0.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Some notes.\n", encoding="utf-8")
    (tmp_path / "gazetteer.json").write_text(json.dumps({"places": []}), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": BODY}) + "\n")
    docs = read_all(tmp_path)
    assert all(isinstance(d, RawDoc) for d in docs)
    assert [Path(d.source_path.split(":")[0]).relative_to(tmp_path).as_posix() for d in docs] == [
        "a/0.txt",
        "a/deep/1.html",
        "b/2.txt",
        "c.jsonl",
    ]
    assert read_all(tmp_path) == docs


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    assert only_error(path).reason == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert "binary" in only_error(path).reason


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 society met in G\u00e9n\u00e8ve.".encode("latin-1"))
    assert "UTF-8" in only_error(path).reason


def test_utf8_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle: With a BOM\n\n".encode() + BODY.encode())
    assert only_doc(path).metadata["title"] == "With a BOM"


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress((BODY * 50).encode())[:-20])
    assert "gzip" in only_error(path).reason


def test_non_json_line_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("this is not json\n", encoding="utf-8")
    (error,) = read_all(path)
    assert isinstance(error, IngestError)
    assert error.source_path == f"{path}:1" and "not valid JSON" in error.reason


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 20, encoding="utf-8")
    (error,) = read_inputs([path], max_bytes=100)
    assert isinstance(error, IngestError) and "larger than" in error.reason


def test_missing_path_and_empty_warc(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"")
    errors = read_all(missing, warc)
    assert [type(e) for e in errors] == [IngestError, IngestError]
    assert errors[0].reason == "no such file or directory"
    assert errors[1].reason == "empty file"


def test_html_declared_date_after_today_is_kept(tmp_path: Path) -> None:
    # htmldate drops dates later than today; a date the page declares is trusted.
    page = ("<html><head><title>T</title><meta content=\"2031-06-03T16:40:00+00:00\" "
            "property=\"article:published_time\"></head><body><p>Text.</p></body></html>")
    path = tmp_path / "future.html"
    path.write_text(page)
    (doc,) = list(read_inputs([path]))
    assert doc.metadata["published"] == "2031-06-03"
