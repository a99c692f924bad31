"""The FastAPI application: REST API under ``/api``, web pages at ``/``.

>>> from newsweave.web import create_app
>>> app = create_app("news.duckdb")                     # doctest: +SKIP
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsweave.store import connect
from newsweave.web.docs import SWAGGER_PREFIX, docs_page, swagger_ui_dir
from newsweave.web.routers import (
    actors,
    articles,
    events,
    explore,
    facts,
    pages,
    places,
    positions,
    stories,
)
from newsweave.web.security import GuardMiddleware, allowed_hosts

STATIC_DIR = Path(__file__).parent / "static"
JSON_PATHS = ("/api", "/static", "/docs", "/openapi")
DESCRIPTION = """
Read a newsweave database: stories and their briefs, articles with their
evidence spans, PLOVER events (filter, paginate, export), actors, places,
positions and facts. Everything is read-only. Lists take `limit` (at most 100)
and `offset` and answer `{total, limit, offset, items}`.
"""
TAGS = [
    {"name": "stories", "description": "Stories (articles grouped by event), search and briefs."},
    {"name": "articles", "description": "Articles with body, removed lines and evidence spans."},
    {"name": "events", "description": "PLOVER events: filter, paginate, export."},
    {"name": "actors", "description": "Canonical actors with roles, events and positions."},
    {"name": "places", "description": "Resolved places of the events."},
    {"name": "positions", "description": "Demands, rejections, offers and support."},
    {"name": "facts", "description": "Facts aligned across outlets, with corroboration."},
]


def create_app(db_path: str | Path, *, host: str = "127.0.0.1",
               allow_hosts: Iterable[str] = ()) -> FastAPI:
    """Build the app over one DuckDB file, opened read-only for the app's lifetime.

    Every response carries the security headers of ``newsweave.web.security``;
    a request whose Host is none of ``host``, ``localhost``, ``127.0.0.1`` and
    ``allow_hosts`` is refused with a 400 (DNS rebinding).

    Args:
        db_path: a database written by ``newsweave run``.
        host: the address the server is bound to (what ``newsweave serve --host`` gives
            uvicorn).
        allow_hosts: further Host names to answer, e.g. the machine's name when
            ``host`` is ``0.0.0.0``.

    Returns:
        the FastAPI application (serve it with uvicorn).

    Raises:
        StoreError: when there is no database at ``db_path``.
    """
    # open once now so that a wrong path fails at start-up, not on the first request
    conn = connect(str(db_path), read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        conn.close()

    # /docs is ours (Swagger UI from a package, no CDN); ReDoc has no offline build
    app = FastAPI(title="newsweave", version="0.1.0", description=DESCRIPTION,
                  openapi_tags=TAGS, lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.conn = conn
    app.add_middleware(GuardMiddleware, hosts=allowed_hosts(host, allow_hosts))
    for module in (stories, articles, events, actors, places, positions, facts):
        app.include_router(module.router, prefix="/api")
    app.include_router(pages.router)
    app.include_router(explore.router)
    # mounted before /static, which would otherwise take these paths
    app.mount(SWAGGER_PREFIX, StaticFiles(directory=swagger_ui_dir()), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return docs_page(openapi_url=app.openapi_url or "/openapi.json",
                         title=f"{app.title} API")

    @app.exception_handler(StarletteHTTPException)
    async def _html_errors(request: Request, exc: StarletteHTTPException) -> Response:
        # the API answers errors in JSON; a person at a page gets a page
        if _wants_json(request):
            return await http_exception_handler(request, exc)
        return _error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _html_bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        # a page's bad parameter (?page=x, ?hl=bad) is a 400 page, not FastAPI's JSON 422
        if _wants_json(request):
            return await request_validation_exception_handler(request, exc)
        return _error_page(request, 400, bad_parameters(exc))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    return app


def _wants_json(request: Request) -> bool:
    """Whether the request is the API's (or its docs' or files'): those answer errors in JSON."""
    return request.url.path.startswith(JSON_PATHS)


def _error_page(request: Request, status: int, detail: str) -> Response:
    return pages.TEMPLATES.TemplateResponse(
        request, "error.html", {"status": status, "detail": detail}, status_code=status)


def bad_parameters(exc: RequestValidationError) -> str:
    """The bad parameters of a page request, for a person: ``page: Input should be ...``."""
    parts = []
    for error in exc.errors():
        name = str(error.get("loc", ("?",))[-1])
        parts.append(f"{name}: {error.get('msg', 'not valid')}")
    return "Bad parameter: " + "; ".join(parts)
