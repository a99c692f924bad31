"""HTML reader: keeps the page as markup and reads its metadata with trafilatura."""

from __future__ import annotations

import logging
import re
from typing import Any

from newsweave.ingest.metadata import clean_metadata
from newsweave.records import InputFormat, RawDoc

LOGGER = logging.getLogger(__name__)
HTML_LANG_RE = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
# Only dates the page states in its markup: searching the visible text can pick
# up an unrelated date from a sidebar.
DATE_CONFIG = {"extensive_search": False, "original_date": True}
MAX_HEAD_CHARS = 200_000
DATE_META_NAMES = ("article:published_time", "og:published_time", "datePublished",
                   "pubdate", "publishdate", "date", "dc.date.issued", "DC.date.issued")
# <meta property|name|itemprop="..." content="..."> in either attribute order
DATE_META_RES = [
    re.compile(
        r"<meta[^>]+(?:property|name|itemprop)\s*=\s*[\"']" + re.escape(name)
        + r"[\"'][^>]*?content\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
    for name in DATE_META_NAMES
] + [
    re.compile(
        r"<meta[^>]+content\s*=\s*[\"']([^\"']+)[\"'][^>]*?(?:property|name|itemprop)\s*=\s*[\"']"
        + re.escape(name) + r"[\"']", re.IGNORECASE)
    for name in DATE_META_NAMES
]


def read_html(
    html: str,
    source_path: str,
    *,
    source_id: str | None = None,
    fmt: InputFormat = "html",
    metadata: dict[str, Any] | None = None,
) -> RawDoc:
    """Turn an HTML page into a RawDoc with ``html`` set and the page's metadata.

    Args:
        html: the page markup.
        source_path: where the page came from (a path, or ``path:line``).
        source_id: the input's own id; defaults to ``source_path``.
        fmt: the input format recorded on the RawDoc.
        metadata: known metadata that wins over what the page says.
    """
    meta = page_metadata(html)
    meta.update({k: v for k, v in (metadata or {}).items() if v})
    return RawDoc(
        source_path=source_path,
        source_id=source_id or source_path,
        fmt=fmt,
        html=html,
        metadata=clean_metadata(meta),
    )


def page_metadata(html: str) -> dict[str, Any]:
    """Title, outlet (og:site_name), canonical URL, publication date and language of a page."""
    meta: dict[str, Any] = {}
    lang = HTML_LANG_RE.search(html[:5000])
    if lang:
        meta["language"] = lang.group(1).lower()
    try:
        from trafilatura.metadata import extract_metadata

        found = extract_metadata(html, date_config=DATE_CONFIG)
    except Exception:  # noqa: BLE001 - a page trafilatura cannot parse still has a body to try
        LOGGER.debug("metadata extraction failed", exc_info=True)
        return meta
    meta.update(
        title=found.title,
        outlet=found.sitename,
        url=found.url,
        published=_declared_date(html) or found.date,
    )
    return meta


def _declared_date(html: str) -> str | None:
    """The publication date a page declares in its meta tags.

    Read first because htmldate (inside trafilatura) drops dates later than
    today, while a date the publisher declares is the one to trust.
    """
    head = html[:MAX_HEAD_CHARS]
    for pattern in DATE_META_RES:
        match = pattern.search(head)
        if match:
            return match.group(1)
    return None
