"""WARC reader (warcio): one RawDoc per HTML response record.

The archive is streamed from disk (``.warc`` or record-gzipped ``.warc.gz``),
so a crawl file larger than the text size limit is fine; each page is held to
the limit instead. Request, metadata and non-HTML records are skipped. An
archive that ends inside a record is reported as truncated, after the pages
read before the cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsweave.ingest.files import declared_charset, gzip_is_complete, is_gzip
from newsweave.ingest.html import read_html
from newsweave.records import IngestError, RawDoc

HTML_TYPES = ("text/html", "application/xhtml+xml")
HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
MAX_SNIFF_BYTES = 4096
CHUNK_SIZE = 1024 * 1024


def read_warc(path: Path, shown: str, *, max_bytes: int) -> Iterator[RawDoc | IngestError]:
    """Read the HTML pages of a WARC file.

    Records are addressed as ``path:N`` (N counts every record, 1-based); a
    page's ``source_id`` is its ``WARC-Record-ID`` and its URL the
    ``WARC-Target-URI``.

    Args:
        path: the ``.warc`` or ``.warc.gz`` file.
        shown: the path as given, for messages.
        max_bytes: the largest page accepted.

    Yields:
        A RawDoc per HTML page, an IngestError per page that cannot be read,
        and an IngestError for the file when it is not a WARC, is truncated,
        or holds no HTML pages.
    """
    from warcio.archiveiterator import ArchiveIterator

    pages = number = 0
    compressed = is_gzip(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for number, record in enumerate(records, start=1):
                where = f"{shown}:{number}"
                if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                    # Every WARC record declares its length: the header was cut off.
                    yield IngestError(where, "truncated WARC file (a record header is cut off)")
                    return
                if not _is_html_page(record):
                    if _ends_early(record):
                        yield IngestError(where, "truncated WARC file (the record ends early)")
                        return
                    continue
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) <= max_bytes and _ends_early(record):
                    yield IngestError(where, "truncated WARC file (the record ends early)")
                    return
                pages += 1
                yield _page(record, payload, where, max_bytes=max_bytes)
            end = records.offset
    except Exception as exc:  # noqa: BLE001 - warcio raises several types on bad archives
        if number:
            # A record header cut in the middle fails to parse.
            yield IngestError(shown, f"truncated WARC file, or a damaged record after record "
                                     f"{number} ({_reason(exc)})")
        else:
            yield IngestError(shown, f"not a readable WARC file ({_reason(exc)})")
        return
    if compressed and not gzip_is_complete(path):
        # warcio stops quietly at a gzip member cut short (even one whose
        # record text is whole): check the compressed stream itself.
        yield IngestError(shown, "truncated WARC file (the gzip stream ends early)")
    elif end < size:
        yield IngestError(shown, f"truncated WARC file (unreadable data after byte {end})")
    elif pages == 0:
        yield IngestError(shown, "WARC file holds no HTML response records")


def is_warc(head: bytes) -> bool:
    """True when decompressed leading bytes start a WARC record."""
    return head.lstrip()[:5] == b"WARC/"


def _ends_early(record: object) -> bool:
    """Read the rest of the record; True when the file ends before its declared length."""
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(CHUNK_SIZE):
        pass
    # Records without a Content-Length are not length-limited: nothing to compare.
    return getattr(raw, "limit", 0) > 0


def _is_html_page(record: object) -> bool:
    rec_type = getattr(record, "rec_type", None)
    if rec_type == "response":
        headers = record.http_headers  # type: ignore[attr-defined]
        if headers is None:
            return False
        status = headers.get_statuscode() or ""
        content_type = headers.get_header("Content-Type") or ""
        return status.startswith("2") and content_type.lower().startswith(HTML_TYPES)
    if rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
        return content_type.lower().startswith(HTML_TYPES)
    return False


def _page(record: object, payload: bytes, where: str, *, max_bytes: int) -> RawDoc | IngestError:
    if len(payload) > max_bytes:
        return IngestError(where, f"page is larger than the {max_bytes // (1024 * 1024)} MB limit")
    if not payload.strip():
        return IngestError(where, "empty page")
    charset = _charset(record, payload)
    try:
        html = payload.decode(charset)
    except (UnicodeDecodeError, LookupError) as exc:
        return IngestError(where, f"page is not valid {charset} text ({_reason(exc)})")
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID") or where
    return read_html(html, where, source_id=record_id, fmt="warc", metadata={"url": url})


def _charset(record: object, payload: bytes) -> str:
    """The declared charset: the HTTP header, else a ``<meta charset>``, else UTF-8."""
    http = getattr(record, "http_headers", None)
    content_type = (http.get_header("Content-Type") if http is not None else None) or ""
    match = HEADER_CHARSET_RE.search(content_type)
    if match:
        return match.group(1).lower()
    return declared_charset(payload[:MAX_SNIFF_BYTES]) or "utf-8"


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
