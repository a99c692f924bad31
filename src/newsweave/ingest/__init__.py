"""Ingest: read files and folders into :class:`RawDoc` records.

A bad input never raises: it becomes an :class:`IngestError` with the path and
a reason in plain words, and reading goes on with the next input.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from newsweave.ingest.files import MAX_BYTES, UnreadableInput, decode_text, read_bytes
from newsweave.ingest.html import read_html
from newsweave.ingest.jsonl import is_article_json, read_json, read_jsonl
from newsweave.ingest.text import read_text
from newsweave.records import IngestError, RawDoc

__all__ = ["MAX_BYTES", "read_inputs"]

LOGGER = logging.getLogger(__name__)
Kind = Literal["text", "html", "jsonl", "json", "unsupported"]
EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    # Formats of the command contract whose readers are not written yet.
    ".warc": "unsupported",
    ".rss": "unsupported",
    ".atom": "unsupported",
    ".xml": "unsupported",
}


def read_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES
) -> Iterator[RawDoc | IngestError]:
    """Read files and folders into RawDoc records, one per article.

    Folders are walked recursively in sorted order, skipping hidden files,
    ``README*`` files, files with extensions that are not article formats, and
    ``.json`` files that do not hold articles (named directly, such a file is
    an error, as is invalid JSON anywhere). The format comes from the
    extension (``.txt``, ``.html``, ``.htm``, ``.jsonl``, ``.json``, and ``.gz``
    of these); a file named directly with another extension is sniffed.

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
                yield from _read_file(file, str(file), in_folder=True, max_bytes=max_bytes)
        elif path.exists():
            yield from _read_file(path, str(given), in_folder=False, max_bytes=max_bytes)
        else:
            yield IngestError(str(given), "no such file or directory")


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
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


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


def _read_file(
    path: Path, shown: str, *, in_folder: bool, max_bytes: int
) -> Iterator[RawDoc | IngestError]:
    kind = _kind_from_name(path)
    if kind == "unsupported":
        yield IngestError(shown, f"no reader yet for {_inner_suffix(path)} files")
        return
    try:
        text = decode_text(read_bytes(path, max_bytes=max_bytes))
    except UnreadableInput as exc:
        yield IngestError(shown, str(exc))
        return
    yield from _parse(text, shown, kind or _sniff(text), in_folder=in_folder)


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
