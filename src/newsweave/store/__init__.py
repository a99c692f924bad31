"""The DuckDB store: schema, the row<->record mapping (``rows``), buffered writes
(``writer``), the read side (``reader``: records for the API, the brief, the
web and the corpus stages) and exports."""

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
from newsweave.store.reader import StoreReader
from newsweave.store.writer import ArticleWriter

__all__ = [
    "EXPORT_QUERIES", "ArticleWriter", "DamagedStore", "StoreError", "StoreFull", "StoreReader",
    "connect", "export_table", "query_rows", "table_counts",
]
