"""Ingest: read files and folders into :class:`RawDoc` records.

A bad input never raises: it becomes an :class:`IngestError` with the path and
a reason in plain words, and reading goes on with the next input.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
import tempfile
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
    safe_path,
)
from newsweave.ingest.html import read_html
from newsweave.ingest.jsonl import JsonProblem, is_article_json, parse_json, read_json, read_jsonl
from newsweave.ingest.text import read_text
from newsweave.ingest.warc import is_warc, read_warc
from newsweave.records import IngestError, RawDoc

__all__ = ["MAX_BYTES", "STDIN", "read_inputs", "safe_path"]

# The path that names standard input ("newsweave run -").
STDIN = "-"

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

    Only regular files are read (a device, pipe or socket named directly is
    an error; inside a folder it is skipped), and never more than
    ``max_bytes`` of one, whatever size it claims. ``-`` reads standard input.
    Paths are reported in the form :func:`safe_path` gives (bytes that are not
    UTF-8 and control characters escaped); files are opened by their real path.

    Args:
        paths: files or folders (a single path, not a string to iterate).
        max_bytes: the largest file (after decompression) accepted.

    Yields:
        A RawDoc per article, or an IngestError per input that cannot be read
        (a folder that cannot be opened is one such input).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        if str(given) == STDIN:
            yield from _read_stdin(max_bytes)
            continue
        path = Path(given)
        shown = safe_path(given)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield IngestError(shown, _os_reason(exc, "no such file or directory"))
            continue
        if stat.S_ISDIR(mode):
            for item in _walk(path):
                if isinstance(item, IngestError):
                    yield item
                    continue
                yield from _guarded(_read_file(item, safe_path(item), in_folder=True,
                                               max_bytes=max_bytes), safe_path(item))
        else:
            yield from _guarded(_read_file(path, shown, in_folder=False,
                                           max_bytes=max_bytes), shown)


def _os_reason(exc: OSError, missing: str) -> str:
    if isinstance(exc, FileNotFoundError):
        return missing
    return f"cannot read: {exc.strerror or exc}"


def _read_stdin(max_bytes: int) -> Iterator[RawDoc | IngestError]:
    """Standard input, spooled to a temporary file (at most ``max_bytes``) and read as one file."""
    with tempfile.TemporaryDirectory(prefix="newsweave-stdin-") as folder:
        spool = Path(folder) / "stdin"
        with spool.open("wb") as out:
            copied = _copy_limited(sys.stdin.buffer, out, max_bytes + 1)
        if copied > max_bytes:
            yield IngestError("<stdin>", f"input is larger than the "
                                         f"{max_bytes // (1024 * 1024)} MB limit")
            return
        yield from _guarded(_read_file(spool, "<stdin>", in_folder=False,
                                       max_bytes=max_bytes), "<stdin>")


def _copy_limited(source: object, target: object, limit: int) -> int:
    """Copy at most ``limit`` bytes; the number copied."""
    copied = 0
    while copied < limit:
        chunk = source.read(min(1024 * 1024, limit - copied))  # type: ignore[attr-defined]
        if not chunk:
            break
        target.write(chunk)  # type: ignore[attr-defined]
        copied += len(chunk)
    return copied


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


def _walk(root: Path) -> Iterator[Path | IngestError]:
    """The article files under ``root`` in sorted order, and an error per folder that cannot be read.

    Hidden files and folders are skipped; symbolic links to folders are not
    followed (so a link loop ends), links to files are read. A folder that
    cannot be listed or entered is an error naming it, and the walk goes on.
    """
    found: list[tuple[str, Path | IngestError]] = []

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename) if exc.filename else root
        found.append((_relative(folder, root),
                      IngestError(safe_path(folder), f"cannot open folder: {exc.strerror or exc}")))

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            file = Path(folder) / name
            if name.startswith(".") or _skipped_name(file):
                continue
            item = _regular_or_error(file)
            if item is not None:
                found.append((_relative(file, root), item))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _skipped_name(file: Path) -> bool:
    """README files and extensions that are not article formats (files without one are sniffed)."""
    if file.name.lower().startswith("readme"):
        return True
    if _kind_from_name(file) is None and _inner_suffix(file):
        LOGGER.debug("skipping %s: not an article format", safe_path(file))
        return True
    return False


def _regular_or_error(file: Path) -> Path | IngestError | None:
    """The file when it is a regular file, an error when it cannot be looked at, else None.

    Pipes, devices, sockets and broken links inside a folder are not
    articles and are skipped; a file that cannot be examined (a folder that
    can be listed but not entered) is an error.
    """
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", None):
            return None
        return IngestError(safe_path(file), f"cannot read file: {exc.strerror or exc}")
    return file if stat.S_ISREG(mode) else None


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
        text = _decode(data, declared=declared, lines=kind == "jsonl")
    except UnreadableInput as exc:
        yield IngestError(shown, str(exc))
        return
    if kind == "xml":
        if not HTML_ROOT_RE.search(head):
            yield IngestError(shown, "XML that is neither an RSS or Atom feed nor an HTML page")
            return
        kind = "html"
    yield from _parse(text, shown, kind or _sniff(text), in_folder=in_folder)


def _decode(data: bytes, *, declared: str | None, lines: bool) -> str:
    """The file's text; JSON Lines with some bytes that are not UTF-8 are kept line by line.

    In a JSONL file each line is an article: a line with a bad byte is
    reported by :func:`read_jsonl` (its bytes kept as ``surrogateescape``
    characters), the other lines are read.
    """
    try:
        return decode_text(data, declared=declared)
    except UnreadableInput:
        if not lines or b"\x00" in data or not data.strip():
            raise
        return data.decode("utf-8", "surrogateescape").removeprefix("\ufeff")


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
    data = parse_json(text)
    if isinstance(data, JsonProblem):
        # A .json file may be JSON Lines under the wrong name.
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from read_jsonl(text, shown)
            return
        yield IngestError(shown, f"not valid JSON ({data.reason})")
        return
    if is_article_json(data):
        yield from read_json(data, shown)
    elif in_folder:
        LOGGER.debug("skipping %s: JSON that holds no articles", shown)
    else:
        yield IngestError(
            shown, "JSON holds no articles (expected objects with a text, body or html field)"
        )
