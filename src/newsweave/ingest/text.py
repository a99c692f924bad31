"""Plain-text reader: optional ``Key: value`` header lines and a trailing ``Source : URL`` line."""

from __future__ import annotations

import re
from typing import Any

from newsweave.ingest.metadata import clean_metadata, domain_of, is_url
from newsweave.records import RawDoc

# "Source : https://..." (a space before the colon) occurs in scraped exports.
HEADER_RE = re.compile(
    r"^\s*(title|source|date|published|url|link|outlet|language)\s*:\s*(\S.*?)\s*$",
    re.IGNORECASE,
)
TRAILING_SOURCE_RE = re.compile(r"^\s*source\s*:\s*((?:https?://|www\.)\S+)\s*$", re.IGNORECASE)
HEADER_KEYS = {"published": "date", "link": "url"}


def read_text(text: str, source_path: str) -> RawDoc:
    """Turn the text of a ``.txt`` file into a RawDoc.

    Header lines at the top (``Title:``, ``Source:``, ``Date:``, ``URL:``,
    ``Outlet:``) and a final ``Source : URL`` line become metadata and leave
    the text.

    Args:
        text: the decoded file content.
        source_path: the path as given; also the document's ``source_id``.
    """
    lines = text.splitlines()
    fields, lines = _take_header(lines)
    trailing_url, lines = _take_trailing_source(lines)
    meta = _header_metadata(fields)
    if trailing_url:
        meta.setdefault("url", trailing_url)
        meta.setdefault("outlet", domain_of(trailing_url))
    return RawDoc(
        source_path=source_path,
        source_id=source_path,
        fmt="text",
        text="\n".join(lines).strip("\n"),
        metadata=clean_metadata(meta),
    )


def _take_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Consume ``Key: value`` lines at the very top (after leading blank lines)."""
    fields: dict[str, str] = {}
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    start = index
    while index < len(lines):
        match = HEADER_RE.match(lines[index])
        if not match:
            break
        key = match.group(1).lower()
        fields.setdefault(HEADER_KEYS.get(key, key), match.group(2))
        index += 1
    if index == start:
        return {}, lines
    return fields, lines[index:]


def _take_trailing_source(lines: list[str]) -> tuple[str | None, list[str]]:
    """Remove a last non-blank ``Source : URL`` line, returning its URL."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    if end == 0:
        return None, lines
    match = TRAILING_SOURCE_RE.match(lines[end - 1])
    if not match:
        return None, lines
    return match.group(1), lines[: end - 1]


def _header_metadata(fields: dict[str, str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if "title" in fields:
        meta["title"] = fields["title"]
    if "date" in fields:
        meta["published"] = fields["date"]
    if "language" in fields:
        meta["language"] = fields["language"].lower()
    if "url" in fields:
        meta["url"] = fields["url"]
    source = fields.get("source")
    if source and is_url(source):
        meta.setdefault("url", source)
    elif source:
        meta["outlet"] = source
    if "outlet" in fields:
        meta["outlet"] = fields["outlet"]
    return meta
