"""Small helpers that normalise document metadata (dates, URLs, outlets)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any
from urllib.parse import urlsplit

# Formats seen in news bylines and feed exports, tried after ISO 8601.
DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
    "%A %d %B %Y",
)
URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def parse_date(value: Any) -> dt.date | None:
    """Parse a date or datetime given as a string or date object.

    Args:
        value: an ISO date/datetime string (``2025-06-02``,
            ``2025-06-02T10:00:00Z``), a common written form
            (``June 2, 2025``), an RFC 2822 string, or a ``date``.

    Returns:
        The calendar date, or ``None`` when the value cannot be read.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T\s]|$)", text)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    return None


def iso_date(value: Any) -> str | None:
    """The ``YYYY-MM-DD`` form of a date value, or ``None`` if unreadable."""
    date = parse_date(value)
    return date.isoformat() if date else None


def is_url(value: str) -> bool:
    """True when ``value`` is a bare http(s) URL or ``www.`` address."""
    return bool(URL_RE.match(value.strip()))


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, lower-cased; ``None`` if there is none."""
    if not url:
        return None
    url = url.strip()
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def clean_metadata(raw: dict[str, Any]) -> dict[str, Any]:
    """Keep the known metadata keys with non-empty values, dates as ISO strings.

    ``outlet`` falls back to the URL's domain when only a URL is known.
    """
    meta: dict[str, Any] = {}
    for key in ("title", "outlet", "url", "language"):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            meta[key] = " ".join(value.split())
    published = iso_date(raw.get("published"))
    if published:
        meta["published"] = published
    if "outlet" not in meta:
        domain = domain_of(meta.get("url"))
        if domain:
            meta["outlet"] = domain
    return meta
