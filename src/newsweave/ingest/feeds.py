"""RSS and Atom reader (feedparser): one RawDoc per feed entry.

An entry's body is its longest ``content`` item, else its summary. Feed
content is an article fragment, not a page, so its HTML is turned into
paragraphs here and the plain-text line classifier of the clean stage removes
what a feed appends ("Continue reading", "The post ... appeared first on").
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from typing import Any

from newsweave.ingest.markup import block_lines
from newsweave.ingest.metadata import clean_metadata
from newsweave.records import IngestError, RawDoc

LOGGER = logging.getLogger(__name__)
# Block elements that end a paragraph when a fragment is rendered as text.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "pre",
    "dd", "dt", "tr", "br", "section", "article",
})
DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe")
TAG_RE = re.compile(r"<[a-zA-Z!/]")
# Characters XML cannot hold; lxml refuses text containing them, so they become spaces.
XML_INCOMPATIBLE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_feed(data: bytes, source_path: str) -> Iterator[RawDoc | IngestError]:
    """Read an RSS or Atom feed into one RawDoc per entry.

    Entries are addressed as ``path:N`` (1-based). Metadata: the entry's title,
    link, publication (else update) date, language, and the feed's title as
    the outlet.

    Args:
        data: the raw feed bytes (feedparser reads the XML encoding itself).
        source_path: the file path as given.

    Yields:
        A RawDoc per entry with text, an IngestError per empty entry, and one
        IngestError for the file when it is not a feed, has no entries, or is
        malformed XML (truncated, for instance).
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = _short(parsed.get("bozo_exception"))
            yield IngestError(source_path, f"not a valid RSS or Atom feed ({reason})")
        else:
            yield IngestError(source_path, "feed has no entries")
        return
    feed = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_doc(entry, feed, f"{source_path}:{number}")
    if parsed.get("bozo") and not _benign(parsed.get("bozo_exception")):
        # feedparser's loose parser reads what it can of broken XML; the file
        # is still reported, since entries after the break may be lost.
        reason = _short(parsed.get("bozo_exception"))
        yield IngestError(source_path, f"malformed feed XML, entries may be missing ({reason})")


def _entry_doc(entry: Any, feed: Any, where: str) -> RawDoc | IngestError:
    body, mime = _entry_body(entry)
    text = fragment_text(body) if mime != "text/plain" else body.strip()
    if not text:
        return IngestError(where, "feed entry has no content or summary")
    meta = {
        "title": _plain(entry.get("title")),
        "url": entry.get("link"),
        "outlet": _plain(feed.get("title")),
        "published": _entry_date(entry),
        "language": _language(entry, feed),
    }
    source_id = entry.get("id") or entry.get("link") or where
    return RawDoc(where, str(source_id), "feed", text=text, metadata=clean_metadata(meta))


def _entry_body(entry: Any) -> tuple[str, str]:
    """The longest content item, else the summary, with its MIME type."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        return best["value"], best.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return entry.get("published") or entry.get("updated")


def _language(entry: Any, feed: Any) -> str | None:
    for detail in (entry.get("content") or []) + [entry.get("summary_detail") or {}]:
        if detail.get("language"):
            return str(detail["language"]).split("-")[0].lower()
    language = feed.get("language")
    return str(language).split("-")[0].lower() if language else None


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block, paragraphs separated by a blank line.

    Plain text (no tags) is returned stripped, with its own line breaks.
    """
    if not TAG_RE.search(html):
        return html.strip()
    html = XML_INCOMPATIBLE_RE.sub(" ", html)
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # unparsable markup: fall back to stripping tags
        LOGGER.debug("fragment parse failed", exc_info=True)
        return re.sub(r"<[^>]+>", " ", html).strip()
    return "\n\n".join(block_lines(root, drop=DROPPED_TAGS, blocks=BLOCK_TAGS))


def _plain(value: Any) -> str | None:
    """A feed title as plain text (feedparser may keep inline markup)."""
    if not isinstance(value, str):
        return None
    return " ".join(re.sub(r"<[^>]+>", " ", value).split()) or None


def _benign(exc: Any) -> bool:
    """Encoding notes that do not lose content (a declared charset was overridden)."""
    import feedparser

    return isinstance(exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType))


def _short(exc: Any) -> str:
    text = str(exc) if exc else "unreadable XML"
    return text if len(text) <= 120 else text[:117] + "..."
