"""Reading bytes from disk: size limit, gzip, and text decoding with clear reasons."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
# Read in chunks so a huge or endless gzip stream stops at the size limit.
CHUNK_SIZE = 1024 * 1024


class UnreadableInput(Exception):
    """An input file whose bytes cannot be turned into text; the message is the reason."""


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's content, gunzipped when the name ends in ``.gz``.

    Args:
        path: the file to read.
        max_bytes: the largest (decompressed) size accepted.

    Raises:
        UnreadableInput: the file is missing, too large, or a broken gzip.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise UnreadableInput(f"file is larger than the {_mb(max_bytes)} limit ({_mb(size)})")
    try:
        if path.suffix.lower() == ".gz":
            return _read_gzip(path, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from exc


def _read_gzip(path: Path, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                total += len(chunk)
                if total > max_bytes:
                    raise UnreadableInput(
                        f"decompressed content is larger than the {_mb(max_bytes)} limit"
                    )
                chunks.append(chunk)
    except EOFError as exc:
        raise UnreadableInput("truncated gzip file (compressed stream ended early)") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise UnreadableInput(f"corrupt gzip file: {exc}") from exc
    return b"".join(chunks)


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (a leading byte-order mark is dropped).

    Raises:
        UnreadableInput: the content is empty, binary (NUL bytes) or not UTF-8.
    """
    if not data.strip():
        raise UnreadableInput("empty file")
    if b"\x00" in data:
        raise UnreadableInput("binary content (NUL bytes), not text")
    for encoding in ("utf-8", "utf-8-sig"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
            continue
        return text.removeprefix("\ufeff")
    raise UnreadableInput(
        f"not valid UTF-8 text (byte {error.start}: {data[error.start : error.start + 1]!r})"
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
