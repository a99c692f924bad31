"""Rows <-> records: how every record type is stored, in one place.

A table's columns carry the names of its record's fields (``events`` holds
:class:`~newsweave.records.Event`, ``facts`` holds :class:`~newsweave.records.Fact`).
:func:`to_row` fills every column of a table from the field of the same name,
and :func:`from_row` fills every field a row has a column for, so a new column
needs only the schema and the record: nothing here names a column. What needs
a rule is the encoding: JSON columns hold nested records (quantities, fact
mentions, conflict sides, lineage) as text, and list columns hold lists.

The writer, the corpus stages and the reader all go through these two
functions; nothing else turns a row into a record.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

from newsweave.records import (
    Claim,
    Conflict,
    ConflictSide,
    Event,
    Fact,
    FactMention,
    Quantity,
)
from newsweave.store.schema import ADDED_COLUMNS, CORPUS_TABLES, PER_ARTICLE_TABLES

R = TypeVar("R")

# Fields that hold a list of nested records; JSON columns store them as dicts.
NESTED: dict[tuple[type, str], type] = {
    (Event, "quantities"): Quantity,
    (Claim, "quantities"): Quantity,
    (Fact, "mentions"): FactMention,
    (Conflict, "sides"): ConflictSide,
}

_COLUMN_RE = re.compile(r'\s*"?(\w+)"?\s+([A-Z]+(?:\[\])?)')


@cache
def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """``((column, type), ...)`` of a table, read from the schema (added columns last)."""
    ddl = {**PER_ARTICLE_TABLES, **CORPUS_TABLES}.get(table)
    if ddl is None:
        raise KeyError(f"no table {table!r} in the schema; see newsweave.store.schema")
    columns = [match.groups() for part in ddl.split(",") if (match := _COLUMN_RE.match(part))]
    names = {name for name, _ in columns}
    columns += [(name, kind) for t, name, kind in ADDED_COLUMNS if t == table and name not in names]
    return tuple(columns)


def to_row(table: str, record: Any, **values: Any) -> dict[str, Any]:
    """The row of ``table`` that stores ``record``.

    Args:
        table: a table of :mod:`newsweave.store.schema`.
        record: the record; each column is read from its field of the same name.
        **values: columns the record does not hold (``article_id`` of an
            actor, ``ingested_at`` of an article), or values that replace its own.

    Raises:
        AttributeError: a column is neither a field of the record nor in ``values``.
    """
    row = {}
    for name, kind in table_columns(table):
        value = values[name] if name in values else getattr(record, name)
        row[name] = _encode(value, kind)
    return row


def _encode(value: Any, kind: str) -> Any:
    if kind == "JSON":
        return json.dumps(_plain(value), default=str)
    if kind.endswith("[]"):
        return list(value or [])
    if kind == "DOUBLE" and value is not None:
        return float(value)
    return value


def _plain(value: Any) -> Any:
    """Dataclasses as dicts and tuples as lists, all the way down (for JSON)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if _field_names(type(value)) is not None:
        return _as_dict(value)
    return value


def _as_dict(value: Any) -> Any:
    """``dataclasses.asdict`` as JSON sees it, without its deep copy of every leaf
    value (which took a fifth of the time spent storing an article)."""
    names = _field_names(type(value))
    if names is not None:
        return {name: _as_dict(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_as_dict(v) for v in value]
    if isinstance(value, dict):
        return {_as_dict(k): _as_dict(v) for k, v in value.items()}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, in order; ``None`` for any other type."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def from_row(cls: type[R], row: Mapping[str, Any], **values: Any) -> R:
    """The record of type ``cls`` that a row (JSON columns decoded) stores.

    Columns that are not fields of ``cls`` (joined ``outlet``, ``story_id``)
    are ignored; fields with no column, or a NULL where the field has a
    default, take the default.

    Args:
        cls: a record dataclass of :mod:`newsweave.records`.
        row: column -> value, as :func:`~newsweave.store.db.query_rows` returns.
        **values: fields to set instead of the row's (a canonical actor id,
            ``id`` from an aliased ``fact_id`` column).
    """
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in values:
            kwargs[field.name] = values[field.name]
        elif field.name in row:
            value = _decode(cls, field, row[field.name])
            if value is not None or not _has_default(field):
                kwargs[field.name] = value
    return cls(**kwargs)


def _decode(cls: type, field: dataclasses.Field, value: Any) -> Any:
    nested = NESTED.get((cls, field.name))
    if nested is not None:
        return [item if isinstance(item, nested) else nested(**item) for item in value or []]
    if value is not None and field.default_factory is list:  # type: ignore[comparison-overlap]
        return list(value)
    return value


def _has_default(field: dataclasses.Field) -> bool:
    """A default other than None: a NULL column leaves the field at it."""
    if field.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return True
    return field.default is not dataclasses.MISSING and field.default is not None
