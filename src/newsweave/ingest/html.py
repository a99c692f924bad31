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
        published=found.date,
    )
    return meta
