"""Safer serving: security headers on every response, a Host check, HEAD wherever GET is.

One pure ASGI middleware wraps the whole app (pages, API, static files, errors),
so that no response, not even a refused Host or an unhandled 404, leaves
without its headers.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy: everything from this server, nothing inline.

    Args:
        script_hashes: ``sha256-...`` sources of inline scripts to allow (the API
            docs page's start-up script, built by FastAPI).

    Returns:
        the header's value.
    """
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    # no inline style either (outlet colours and conflict widths are classes), no
    # frames, no plugins, no base or form target elsewhere
    return (f"default-src 'self'; script-src {scripts}; style-src 'self'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


CONTENT_SECURITY_POLICY = content_security_policy()
# the request scope's mark of a HEAD request that the middleware passes on as a GET
HEAD_KEY = "newsweave.head"


def asked_for_head(scope: Scope) -> bool:
    """Whether the client sent HEAD: a route whose body is costly (the export) then
    answers with its headers only, instead of building a body that is thrown away."""
    return bool(scope.get(HEAD_KEY))
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
# names every local request may use, whatever address the server is bound to
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
# binding to these listens everywhere; they are no name a browser sends
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


def allowed_hosts(bound_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names the app answers: the bound host, localhost, 127.0.0.1 and ``extra``.

    Args:
        bound_host: the address uvicorn listens on (``newsweave serve --host``).
        extra: further names (``--allow-host``), e.g. the machine's name when bound
            to ``0.0.0.0``.

    Returns:
        lower-case host names, IPv6 addresses in brackets as a Host header has them.
    """
    names = set(LOCAL_HOSTS)
    for name in (bound_host, *extra):
        name = name.strip().lower()
        if name in WILDCARD_HOSTS:
            continue
        names.add(f"[{name}]" if ":" in name and not name.startswith("[") else name)
    return frozenset(names)


def host_name(header: str) -> str:
    """The name of a Host header without its port: ``[::1]:8000`` -> ``[::1]``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[:header.find("]") + 1] if "]" in header else header
    return header.split(":", 1)[0]


class GuardMiddleware:
    """Refuses foreign Host headers, answers HEAD as GET without a body, adds the headers.

    A Host the server was not asked to answer is a DNS-rebinding page in the
    user's browser talking to the local server under a name it controls; it gets
    a 400 and nothing else.

    Args:
        app: the ASGI app to guard.
        hosts: the Host names to answer (see :func:`allowed_hosts`).
    """

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str]) -> None:
        if not hosts:
            raise ValueError("hosts is empty: pass allowed_hosts('127.0.0.1') at least")
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if host_name(_header(scope, b"host")) not in self.hosts:
            await _refuse(send)
            return
        head = scope["method"] == "HEAD"
        if head:
            # Routes are declared for GET; HEAD is the same answer without its body.
            scope = {**scope, "method": "GET", HEAD_KEY: True}

        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                _add_headers(message)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception:
            # Starlette's outermost error middleware would answer the 500 without
            # our headers; answer it here, then let the error be logged as usual.
            if not started:
                await _plain(send, 500, b"Internal Server Error\n")
            raise


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _add_headers(message: MutableMapping[str, Any]) -> None:
    """Adds the security headers a response does not set itself (the docs page sets its CSP)."""
    headers = list(message.get("headers", ()))
    present = {key.decode("latin-1").lower() for key, _ in headers}
    for name, value in SECURITY_HEADERS.items():
        if name not in present:
            headers.append((name.encode("latin-1"), value.encode("latin-1")))
    message["headers"] = headers


async def _refuse(send: Send) -> None:
    await _plain(send, 400, b"Invalid Host header: this server answers only its own address "
                            b"and localhost.\n")


async def _plain(send: Send, status: int, body: bytes) -> None:
    message: dict[str, Any] = {"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode())]}
    _add_headers(message)
    await send(message)
    await send({"type": "http.response.body", "body": body})
