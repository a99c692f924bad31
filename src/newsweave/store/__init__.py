"""The DuckDB store: schema, bulk writes, queries and exports."""

from newsweave.store.db import (
    EXPORT_QUERIES,
    DamagedStore,
    StoreError,
    StoreFull,
    connect,
    export_table,
    query_rows,
    table_counts,
)
from newsweave.store.writer import ArticleWriter

__all__ = [
    "EXPORT_QUERIES", "ArticleWriter", "DamagedStore", "StoreError", "StoreFull", "connect", "export_table",
    "query_rows", "table_counts",
]
