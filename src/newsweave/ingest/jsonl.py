"""JSON Lines and JSON readers: one article object per line, or a list of them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsweave.ingest.html import read_html
from newsweave.ingest.metadata import clean_metadata
from newsweave.records import IngestError, RawDoc

TEXT_FIELDS = ("text", "body")
# A byte that was not UTF-8, as ``errors="surrogateescape"`` decoding keeps it.
UNDECODED_BYTE_RE = re.compile("[\udc80-\udcff]")
# A UTF-16 surrogate on its own: JSON may spell one ("\\ud800"), UTF-8 cannot store it.
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so that it can be stored as UTF-8."""
    return LONE_SURROGATE_RE.sub("\ufffd", text)
CONTENT_FIELDS = (*TEXT_FIELDS, "html")


def read_jsonl(text: str, path: str) -> Iterator[RawDoc | IngestError]:
    """Read one article object per line; a bad line is an error naming ``path:line``.

    Lines end at ``\\n`` only (JSON Lines' rule): U+2028, U+2029 and U+0085 are
    valid inside JSON strings and must not split a line. A line that cannot be
    parsed (bad syntax, nesting too deep, a number too long) is reported with
    its number, and reading goes on with the next line.

    Args:
        text: the decoded file content.
        path: the file path as given.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        bad_byte = UNDECODED_BYTE_RE.search(line)
        if bad_byte:
            # the file was decoded leniently: only this line holds bytes that are not UTF-8
            byte = ord(bad_byte.group()) - 0xDC00
            yield IngestError(where, f"line is not valid UTF-8 text (byte {byte:#04x} at "
                                     f"column {bad_byte.start() + 1})")
            continue
        obj = parse_json(line.removesuffix("\r"))
        if isinstance(obj, JsonProblem):
            yield IngestError(where, f"line is not valid JSON ({obj.reason})")
            continue
        yield article_from_object(obj, where)


@dataclass(frozen=True, slots=True)
class JsonProblem:
    """Why a JSON text cannot be parsed, in plain words."""

    reason: str


def parse_json(text: str) -> Any:
    """The parsed JSON value, or a :class:`JsonProblem` (never an exception).

    Besides syntax errors, Python's parser refuses numbers of more than 4,300
    digits (ValueError) and runs out of stack on very deep nesting
    (RecursionError): both are a property of the input, not a crash.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return JsonProblem(f"{exc.msg} at line {exc.lineno} column {exc.colno}"
                           if exc.lineno > 1 else f"{exc.msg} at column {exc.colno}")
    except RecursionError:
        return JsonProblem("nested too deeply to read")
    except ValueError as exc:
        return JsonProblem(str(exc).split(";")[0])


def is_article_json(data: Any) -> bool:
    """True for an article object, or a non-empty list holding article objects."""
    if isinstance(data, dict):
        return _has_content_field(data)
    if isinstance(data, list) and data:
        return any(isinstance(item, dict) and _has_content_field(item) for item in data)
    return False


def read_json(data: Any, path: str) -> Iterator[RawDoc | IngestError]:
    """Read a parsed ``.json`` document: one article object or a list of them.

    Items of a list are addressed as ``path:N`` (1-based).
    """
    if isinstance(data, dict):
        yield article_from_object(data, path)
        return
    for number, item in enumerate(data, start=1):
        yield article_from_object(item, f"{path}:{number}")


def article_from_object(obj: Any, where: str) -> RawDoc | IngestError:
    """One JSON object as a RawDoc, or an IngestError saying what is missing.

    Keys: ``id``, ``url``, ``outlet`` (or ``source``), ``title``, ``date`` (or
    ``published``), ``language``, and ``text`` (or ``body``, or ``html``).
    """
    if not isinstance(obj, dict):
        return IngestError(where, f"expected a JSON object, got {type(obj).__name__}")
    obj = {key: storable(value) if isinstance(value, str) else value
           for key, value in obj.items()}
    meta = _object_metadata(obj)
    source_id = str(obj["id"]) if obj.get("id") not in (None, "") else where
    for key in TEXT_FIELDS:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return RawDoc(where, source_id, "jsonl", text=value, metadata=clean_metadata(meta))
    html = obj.get("html")
    if isinstance(html, str) and html.strip():
        return read_html(html, where, source_id=source_id, fmt="jsonl", metadata=meta)
    return IngestError(where, "no non-empty text, body or html field")


def _has_content_field(obj: dict[str, Any]) -> bool:
    return any(isinstance(obj.get(key), str) for key in CONTENT_FIELDS)


def _object_metadata(obj: dict[str, Any]) -> dict[str, Any]:
    outlet = obj.get("outlet") or obj.get("source")
    return {
        "title": obj.get("title"),
        "outlet": outlet if isinstance(outlet, str) else None,
        "url": obj.get("url"),
        "published": obj.get("date") or obj.get("published"),
        "language": obj.get("language"),
    }
