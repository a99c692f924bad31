"""Reading bytes from disk: size limit, gzip, and text decoding with clear reasons."""

from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 50 * 1024 * 1024
# Read in chunks so a huge or endless gzip stream stops at the size limit.
CHUNK_SIZE = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# Enough of the start of a file to tell a WARC, a feed, HTML and JSON apart.
PEEK_BYTES = 4096
PEEK_COMPRESSED_BYTES = 64 * 1024
# <meta charset="...">, <meta http-equiv content="...; charset=...">, <?xml encoding="..."?>
DECLARED_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_-]+)""",
    re.IGNORECASE,
)
# zlib window bits that accept a gzip header and trailer
GZIP_WBITS = 16 + zlib.MAX_WBITS


# Characters that would make a printed path lie: line breaks split a failure
# line in two, and bidirectional controls reorder what follows them on screen.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")


class UnreadableInput(Exception):
    """An input file whose bytes cannot be turned into text; the message is the reason."""


def safe_path(path: str | Path) -> str:
    """A printable, storable form of a path: bytes that are not UTF-8 and control characters escaped.

    A file name on disk is any bytes; Python hands undecodable ones over as
    lone surrogates, which no UTF-8 store or terminal accepts. Those bytes
    become ``\\xNN``, and line breaks, other control characters and
    bidirectional controls become ``\\n``, ``\\t`` or ``\\uNNNN``, so that
    the path stays on one line and reads in the order its characters have on
    disk. The file itself is always opened by its real path.
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    if text.isprintable() and not BIDI_CONTROLS.intersection(text):
        return text
    return "".join(_escape_char(char) for char in text)


def _escape_char(char: str) -> str:
    """The character itself when it prints as one visible glyph, else its escape."""
    if (char.isprintable() or char == " ") and char not in BIDI_CONTROLS:
        return char
    return char.encode("unicode_escape").decode("ascii")


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading, refusing devices, pipes and sockets.

    The file is opened without blocking (so a FIFO with no writer cannot hang
    the run) and its type is checked on the open descriptor, so a file swapped
    for a pipe between a check and the open is still refused.

    Raises:
        UnreadableInput: the file cannot be opened or is not a regular file.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from exc
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInput(f"not a regular file ({_file_kind(mode)}): only files "
                                  "and folders are read")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's content, gunzipped when it is gzip data (by its magic bytes).

    Args:
        path: the file to read.
        max_bytes: the largest (decompressed) size accepted.

    Raises:
        UnreadableInput: the file is missing, too large, or a broken gzip.
    """
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise UnreadableInput(
                    f"file is larger than the {_mb(max_bytes)} limit ({_mb(size)})")
            if handle.read(2) == GZIP_MAGIC:
                handle.seek(0)
                return _read_gzip(handle, max_bytes)
            handle.seek(0)
            # Never trust the size the file claims (it may grow while read).
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise UnreadableInput(f"file is larger than the {_mb(max_bytes)} limit")
    return data


def is_gzip(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes, whatever its name."""
    with open_regular(path) as handle:
        return handle.read(2) == GZIP_MAGIC


def gzip_is_complete(path: Path) -> bool:
    """True when every gzip member of the file ends properly (a cut file does not).

    The file is decompressed in chunks and the output thrown away.
    """
    decompressor = zlib.decompressobj(GZIP_WBITS)
    started = False
    with open_regular(path) as handle:
        while chunk := handle.read(CHUNK_SIZE):
            while chunk:
                started = True
                try:
                    decompressor.decompress(chunk)
                except zlib.error:
                    return False
                if not decompressor.eof:
                    break
                # A member ended: what follows starts the next one.
                chunk = decompressor.unused_data
                decompressor = zlib.decompressobj(GZIP_WBITS)
                started = False
    return not started


def peek(path: Path, size: int = PEEK_BYTES) -> bytes:
    """The first ``size`` bytes of the file's content (gunzipped when it is gzip).

    A gzip stream cut short still shows its first bytes, so that a truncated
    archive is recognised and its readable part read.

    Raises:
        UnreadableInput: the file cannot be read, is empty, or is a broken gzip.
    """
    try:
        with open_regular(path) as handle:
            head = handle.read(PEEK_COMPRESSED_BYTES)
    except OSError as exc:
        raise UnreadableInput(f"cannot read file: {exc.strerror or exc}") from exc
    if head[:2] != GZIP_MAGIC:
        head = head[:size]
    else:
        try:
            head = zlib.decompressobj(GZIP_WBITS).decompress(head, size)
        except zlib.error as exc:
            raise UnreadableInput(f"corrupt gzip file: {exc}") from exc
        if not head:
            raise UnreadableInput("truncated gzip file (compressed stream ended early)")
    if not head.strip():
        raise UnreadableInput("empty file")
    return head


def _read_gzip(raw: BinaryIO, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=raw, mode="rb") as handle:
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


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode bytes as UTF-8 (a leading byte-order mark is dropped).

    Args:
        data: the file's bytes.
        declared: a charset the document itself declares (an HTML page's
            ``<meta charset>``); used when the bytes are not UTF-8.

    Raises:
        UnreadableInput: the content is empty, binary (NUL bytes), or neither
            UTF-8 nor valid in its declared charset.
    """
    if not data.strip():
        raise UnreadableInput("empty file")
    if b"\x00" in data:
        raise UnreadableInput("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        error = exc
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    raise UnreadableInput(
        f"not valid UTF-8 text (byte {error.start}: {data[error.start : error.start + 1]!r})"
    )


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    match = DECLARED_CHARSET_RE.search(head)
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
