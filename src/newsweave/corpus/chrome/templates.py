"""An outlet's template paragraphs, found in SQL over the stored paragraph keys.

Each article's paragraphs are keyed once (:func:`store_paragraphs`, table
``paragraphs``); :func:`update_chrome` groups the keys per outlet and marks
the paragraphs that enough of the outlet's articles carry (``repeated_lines``
for audit, ``chrome_spans`` for the stages that must not read them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave.corpus.chrome.paragraphs import (
    MIN_ARTICLES,
    MIN_SHARE,
    normalise_paragraph,
    paragraph_key,
    paragraphs,
)
from newsweave.store.writer import insert_rows


def store_paragraphs(conn: Any, articles: Sequence[tuple[str, str, str]]) -> None:
    """Store the span and key of each paragraph of each ``(article_id, outlet, body)``."""
    rows = [{"article_id": article_id, "outlet": outlet, "start": start, "end": end,
             "hash": paragraph_key(text)}
            for article_id, outlet, body in articles
            for start, end, text in paragraphs(body or "")]
    if rows:
        insert_rows(conn, "paragraphs", rows)


def update_chrome(conn: Any) -> set[str]:
    """Recompute repeated paragraphs and chrome spans; ids of the articles whose spans changed.

    A paragraph is the outlet's template when at least ``MIN_ARTICLES`` of the
    outlet's articles, and at least ``MIN_SHARE`` of them, carry it (counted
    over the articles ``paragraphs`` holds, copies left out).
    """
    # A copy repeats its original by design: it is no evidence of a template.
    conn.execute("DELETE FROM paragraphs WHERE article_id IN (SELECT copy_id FROM duplicates)")
    before = set(conn.execute('SELECT article_id, start, "end" FROM chrome_spans').fetchall())
    conn.execute(f"""
        CREATE OR REPLACE TEMP TABLE _nw_repeated AS
        WITH per_outlet AS (SELECT outlet, count(DISTINCT article_id) AS n
                            FROM paragraphs GROUP BY outlet),
             per_key AS (SELECT outlet, hash, count(DISTINCT article_id) AS k,
                                min(article_id) AS example
                         FROM paragraphs GROUP BY outlet, hash)
        SELECT per_key.* FROM per_key JOIN per_outlet USING (outlet)
        WHERE k >= greatest({MIN_ARTICLES}, {MIN_SHARE} * n)""")
    spans = conn.execute("""
        SELECT p.article_id, p.start, p."end" FROM paragraphs p
        JOIN _nw_repeated r USING (outlet, hash) ORDER BY 1, 2""").fetchall()
    lines = conn.execute("""
        SELECT r.outlet, substring(a.body, p.start + 1, p."end" - p.start), r.k
        FROM _nw_repeated r JOIN paragraphs p
          ON p.outlet = r.outlet AND p.hash = r.hash AND p.article_id = r.example
        JOIN articles a ON a.id = p.article_id""").fetchall()
    conn.execute("DROP TABLE _nw_repeated")
    conn.execute("DELETE FROM chrome_spans")
    conn.execute("DELETE FROM repeated_lines")
    if spans:
        insert_rows(conn, "chrome_spans", [{"article_id": a, "start": s, "end": e}
                                           for a, s, e in spans])
    if lines:
        insert_rows(conn, "repeated_lines", [
            {"outlet": o, "text": normalise_paragraph(t), "articles": k}
            for o, t, k in sorted({(o, normalise_paragraph(t), k) for o, t, k in lines})])
    return {a for a, _, _ in before ^ set(spans)}
