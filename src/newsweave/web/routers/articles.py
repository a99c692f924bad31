"""``/api/articles``: articles, and one article's body with its evidence spans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsweave.web import queries
from newsweave.web.deps import ConnDep
from newsweave.web.models import ArticleDetail, ArticlePublic, Page, Problem
from newsweave.web.routers._common import Limit, Offset

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=Page[ArticlePublic], summary="List articles")
def list_articles(nw: ConnDep, story_id: str | None = None, outlet: str | None = None,
                  q: Annotated[str | None, Query(max_length=200, description="words in the "
                                                 "title or body")] = None,
                  limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Articles (without their bodies) by publication date."""
    total, rows = queries.list_articles(nw, story_id=story_id, outlet=outlet, q=q,
                                        limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/{article_id}", response_model=ArticleDetail, summary="One article with spans",
            responses={404: {"model": Problem}})
def get_article(article_id: str, nw: ConnDep) -> dict[str, Any]:
    """The body, the removed boilerplate lines, sentences, and the spans of its records."""
    article = queries.article_detail(nw, article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article
