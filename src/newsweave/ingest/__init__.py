"""Ingest: read files and folders into :class:`RawDoc` records.

A bad input never raises: it becomes an :class:`IngestError` with the path and
a reason in plain words, and reading goes on with the next input.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from newsweave.ingest.feeds import read_feed
from newsweave.ingest.files import (
    MAX_BYTES,
    UnreadableInput,
    declared_charset,
    decode_text,
    peek,
    read_bytes,
)
from newsweave.ingest.html import read_html
from newsweave.ingest.jsonl import is_article_json, read_json, read_jsonl
from newsweave.ingest.text import read_text
from newsweave.ingest.warc import is_warc, read_warc
from newsweave.records import IngestError, RawDoc

__all__ = ["MAX_BYTES", "read_inputs"]

LOGGER = logging.getLogger(__name__)
Kind = Literal["text", "html", "jsonl", "json", "feed", "warc", "xml"]
EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    # .xml may hold a feed or a page: the content decides.
    ".xml": "xml",
}
# An RSS 2.0, RSS 1.0 (RDF) or Atom root element, after an optional XML
# declaration, processing instructions, comments and doctype.
FEED_ROOT_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:(?:<\?[^>]*\?>|<!--.*?-->|<!doctype[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:rdf)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
# A document that opens as an HTML page, whatever its name (".txt" saves of pages).
HTML_START_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
HTML_ROOT_RE = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)


def read_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES
) -> Iterator[RawDoc | IngestError]:
    """Read files and folders into RawDoc records, one per article.

    Folders are walked recursively in sorted order, skipping hidden files,
    ``README*`` files, files with extensions that are not article formats, and
    ``.json`` files that do not hold articles (named directly, such a file is
    an error, as is invalid JSON anywhere). The format comes from the content
    when it is unmistakable (a WARC record header, an RSS or Atom root
    element, gzip magic bytes), else from the extension (``.txt``, ``.html``,
    ``.htm``, ``.jsonl``, ``.json``, ``.warc``, ``.rss``, ``.atom``, ``.xml``,
    and ``.gz`` of any), else from the first characters of the text.

    Args:
        paths: files or folders.
        max_bytes: the largest file (after decompression) accepted.

    Yields:
        A RawDoc per article, or an IngestError per input that cannot be read.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _guarded(_read_file(file, str(file), in_folder=True,
                                               max_bytes=max_bytes), str(file))
        elif path.exists():
            yield from _guarded(_read_file(path, str(given), in_folder=False,
                                           max_bytes=max_bytes), str(given))
        else:
            yield IngestError(str(given), "no such file or directory")


def _guarded(items: Iterator[RawDoc | IngestError], shown: str) -> Iterator[RawDoc | IngestError]:
    """The reader's items; an unexpected exception becomes an error for the file, not a crash.

    The readers turn every known fault into an IngestError; this is the net
    for what a hostile file may still trigger inside a parsing library.
    """
    try:
        yield from items
    except (MemoryError, RecursionError) as exc:
        yield IngestError(shown, f"too complex to read ({type(exc).__name__})")
    except Exception as exc:  # one bad file must not stop the run
        LOGGER.warning("reading %s failed unexpectedly", shown, exc_info=True)
        yield IngestError(shown, f"unreadable ({type(exc).__name__}: {exc})")


def _walk(root: Path) -> Iterator[Path]:
    files = (p for p in root.rglob("*") if p.is_file())
    for file in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        relative = file.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if file.name.lower().startswith("readme"):
            continue
        kind = _kind_from_name(file)
        # Files without an extension are sniffed; other extensions are not articles.
        if kind is None and _inner_suffix(file):
            LOGGER.debug("skipping %s: not an article format", file)
            continue
        yield file


def _inner_suffix(path: Path) -> str:
    return Path(path.name.lower().removesuffix(".gz")).suffix


def _kind_from_name(path: Path) -> Kind | None:
    return EXTENSION_KINDS.get(_inner_suffix(path))


def _sniff(text: str) -> Kind:
    head = text.lstrip()[:200].lower()
    if head.startswith("<"):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    return "text"


def _sniff_bytes(head: bytes) -> Kind | None:
    """The format the leading bytes prove, whatever the file is called."""
    if is_warc(head):
        return "warc"
    if FEED_ROOT_RE.match(head):
        return "feed"
    return "html" if HTML_START_RE.match(head) else None


def _read_file(
    path: Path, shown: str, *, in_folder: bool, max_bytes: int
) -> Iterator[RawDoc | IngestError]:
    try:
        head = peek(path)
    except UnreadableInput as exc:
        yield IngestError(shown, str(exc))
        return
    named = _kind_from_name(path)
    kind = _sniff_bytes(head) or named
    if kind == "warc":
        if is_warc(head):
            yield from read_warc(path, shown, max_bytes=max_bytes)
        else:
            yield IngestError(shown, "not a WARC file (it does not start with a WARC record)")
        return
    try:
        data = read_bytes(path, max_bytes=max_bytes)
        if kind == "feed":
            yield from _read_feed_bytes(data, shown)
            return
        # Pages may declare a legacy charset; JSON and plain text must be UTF-8.
        declared = declared_charset(head) if kind in ("html", "xml", None) else None
        text = decode_text(data, declared=declared)
    except UnreadableInput as exc:
        yield IngestError(shown, str(exc))
        return
    if kind == "xml":
        if not HTML_ROOT_RE.search(head):
            yield IngestError(shown, "XML that is neither an RSS or Atom feed nor an HTML page")
            return
        kind = "html"
    yield from _parse(text, shown, kind or _sniff(text), in_folder=in_folder)


def _read_feed_bytes(data: bytes, shown: str) -> Iterator[RawDoc | IngestError]:
    if b"\x00" in data:
        raise UnreadableInput("binary content (NUL bytes), not a feed")
    yield from read_feed(data, shown)


def _parse(text: str, shown: str, kind: Kind, *, in_folder: bool) -> Iterator[RawDoc | IngestError]:
    if kind == "html":
        yield read_html(text, shown)
    elif kind == "jsonl":
        yield from read_jsonl(text, shown)
    elif kind == "json":
        yield from _parse_json(text, shown, in_folder=in_folder)
    else:
        doc = read_text(text, shown)
        yield doc if doc.text else IngestError(shown, "no text after the header lines")


def _parse_json(text: str, shown: str, *, in_folder: bool) -> Iterator[RawDoc | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A .json file may be JSON Lines under the wrong name.
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from read_jsonl(text, shown)
            return
        yield IngestError(shown, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    if is_article_json(data):
        yield from read_json(data, shown)
    elif in_folder:
        LOGGER.debug("skipping %s: JSON that holds no articles", shown)
    else:
        yield IngestError(
            shown, "JSON holds no articles (expected objects with a text, body or html field)"
        )
