"""An outlet's template paragraphs, found in SQL over the stored paragraph keys.

Each article's paragraphs are keyed once (:func:`store_paragraphs`, table
``paragraphs``); :func:`update_chrome` groups the keys per outlet and marks
the paragraphs that enough of the outlet's articles carry (``repeated_lines``
for audit, ``chrome_spans`` for the stages that must not read them). That is
the one implementation of the rule: :func:`repeated_paragraphs` runs the same
two functions on a private in-memory store for a list of articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.corpus.chrome.paragraphs import (
    MIN_ARTICLES,
    MIN_SHARE,
    normalise_paragraph,
    paragraph_key,
    paragraphs,
)
from newsweave.store.db import connect
from newsweave.store.writer import insert_rows


@dataclass(slots=True)
class ChromeSpan:
    """A span of an article's body that repeats across its outlet's articles."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str


def repeated_paragraphs(articles: Iterable[tuple[str, str, str]], *,
                        min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE
                        ) -> tuple[dict[str, dict[str, int]], list[ChromeSpan]]:
    """Find the paragraphs each outlet repeats, and where they stand, as the corpus update would.

    The articles go into a private in-memory store, their paragraphs are keyed
    (:func:`store_paragraphs`) and grouped (:func:`update_chrome`): the code
    ``newsweave run`` runs, on these articles alone.

    Args:
        articles: ``(article_id, outlet, body)`` of independent articles (leave
            syndicated copies out: a copy repeats its original by design); an
            id given twice is one article (its first body counts).
        min_articles: least number of the outlet's articles carrying a paragraph.
        min_share: least share of the outlet's articles carrying it.

    Returns:
        ``({outlet: {normalised paragraph: articles}}, spans)``, spans in
        article and position order.
    """
    _check_thresholds(min_articles)
    bodies: dict[str, tuple[str, str]] = {}
    for article_id, outlet, body in articles:
        bodies.setdefault(article_id, (outlet, body))
    if not bodies:
        return {}, []
    conn = connect(":memory:")
    try:
        insert_rows(conn, "articles", [{"id": a, "outlet": o, "body": b}
                                       for a, (o, b) in bodies.items()])
        store_paragraphs(conn, [(a, o, b) for a, (o, b) in bodies.items()])
        update_chrome(conn, min_articles=min_articles, min_share=min_share)
        repeated: dict[str, dict[str, int]] = {}
        for outlet, text, count in conn.execute(
                "SELECT outlet, text, articles FROM repeated_lines "
                "ORDER BY outlet, articles DESC, text").fetchall():
            repeated.setdefault(outlet, {})[text] = count
        spans = [ChromeSpan(a, bodies[a][0], s, e, bodies[a][1][s:e]) for a, s, e in conn.execute(
            'SELECT article_id, start, "end" FROM chrome_spans ORDER BY 1, 2').fetchall()]
    finally:
        conn.close()
    return repeated, spans


def _check_thresholds(min_articles: int) -> None:
    if min_articles < 2:
        raise ValueError(f"min_articles must be at least 2, got {min_articles}: "
                         "a paragraph in one article is no template")


def store_paragraphs(conn: Any, articles: Sequence[tuple[str, str, str]]) -> None:
    """Store the span and key of each paragraph of each ``(article_id, outlet, body)``."""
    rows = [{"article_id": article_id, "outlet": outlet, "start": start, "end": end,
             "hash": paragraph_key(text)}
            for article_id, outlet, body in articles
            for start, end, text in paragraphs(body or "")]
    if rows:
        insert_rows(conn, "paragraphs", rows)


def update_chrome(conn: Any, *, min_articles: int = MIN_ARTICLES,
                  min_share: float = MIN_SHARE) -> set[str]:
    """Recompute repeated paragraphs and chrome spans; ids of the articles whose spans changed.

    A paragraph is the outlet's template when at least ``min_articles`` of the
    outlet's articles, and at least ``min_share`` of them, carry it (counted
    over the articles ``paragraphs`` holds, copies left out).

    Args:
        conn: an open store connection (the caller owns the transaction).
        min_articles: least number of the outlet's articles carrying a paragraph.
        min_share: least share of the outlet's articles carrying it.
    """
    _check_thresholds(min_articles)
    # A copy repeats its original by design: it is no evidence of a template.
    conn.execute("DELETE FROM paragraphs WHERE article_id IN (SELECT copy_id FROM duplicates)")
    before = set(conn.execute('SELECT article_id, start, "end" FROM chrome_spans').fetchall())
    # The thresholds are written into the SQL, not bound: a literal share is an
    # exact DECIMAL, so 0.3 of 10 articles is 3, never a float just above it.
    conn.execute(f"""
        CREATE OR REPLACE TEMP TABLE _nw_repeated AS
        WITH per_outlet AS (SELECT outlet, count(DISTINCT article_id) AS n
                            FROM paragraphs GROUP BY outlet),
             per_key AS (SELECT outlet, hash, count(DISTINCT article_id) AS k,
                                min(article_id) AS example
                         FROM paragraphs GROUP BY outlet, hash)
        SELECT per_key.* FROM per_key JOIN per_outlet USING (outlet)
        WHERE k >= greatest({int(min_articles)}, {float(min_share)!r} * n)""")
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
