"""The API docs at ``/docs``: Swagger UI from a PyPI package, so they need no network.

FastAPI's own ``/docs`` loads Swagger UI from a CDN; here its files come from the
``swagger-ui-bundle-v2`` package, served under ``/static/swagger-ui``, and the page's
one inline start-up script is allowed by its hash in the Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from newsweave.web.security import content_security_policy

SWAGGER_PREFIX = "/static/swagger-ui"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def swagger_ui_dir() -> Path:
    """The folder of Swagger UI's files (``swagger-ui-bundle.js``, ``swagger-ui.css``)."""
    from swagger_ui_bundle import swagger_ui_path

    return Path(swagger_ui_path)


def docs_page(*, openapi_url: str, title: str) -> HTMLResponse:
    """The Swagger UI page over ``openapi_url``, with a policy that allows its start-up script.

    Args:
        openapi_url: where the OpenAPI document is served.
        title: the page title.

    Returns:
        the page, its ``Content-Security-Policy`` header set.
    """
    page = get_swagger_ui_html(
        openapi_url=openapi_url, title=title,
        swagger_js_url=f"{SWAGGER_PREFIX}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_PREFIX}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg", oauth2_redirect_url=None,
        # no badge fetched from the public validator service
        swagger_ui_parameters={"validatorUrl": None})
    html = bytes(page.body).decode()
    hashes = [script_hash(body) for body in _INLINE_SCRIPT.findall(html)]
    return HTMLResponse(html, headers={
        "Content-Security-Policy": content_security_policy(hashes)})


def script_hash(script: str) -> str:
    """The CSP source of an inline script: ``sha256-`` and the base64 of its digest."""
    digest = hashlib.sha256(script.encode()).digest()
    return "sha256-" + base64.b64encode(digest).decode()
