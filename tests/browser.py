"""Real-browser test helpers: Debian's Chromium (headless, via Python Playwright) and a
uvicorn server of the app on 127.0.0.1 on a free port, in a background thread.

The fixtures ``browser`` and ``page`` (tests/conftest.py) are built on these, so
that tests/e2e and tests/web share one Chromium per test session.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
START_TIMEOUT = 20.0
# The window sizes pages are tested at: a desktop window, a phone, and a 1280 x 900
# window at 200 % zoom (what zoom leaves in CSS pixels).
VIEWPORTS: dict[str, dict[str, Any]] = {
    "wide-1280": {"viewport": {"width": 1280, "height": 900}},
    "phone-390": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
                  "is_mobile": True, "has_touch": True},
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}
# What reaches past the window's right edge. The parts of a picture (a map's countries
# and graticule, a chart's lines) may: the picture clips them to its own box, which
# must fit (and must clip: ``unclipped``).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => !e.ownerSVGElement)
    .filter((e) => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
    .slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
  const unclipped = [...document.querySelectorAll('body svg')]
    .filter((e) => !e.ownerSVGElement && !['hidden', 'clip'].includes(getComputedStyle(e).overflowX))
    .map((e) => e.id || e.className.baseVal);
  return {scroll: document.documentElement.scrollWidth, width, wide, unclipped};
}"""


@contextmanager
def watched_page(browser: Any, size: str, *, ignore: Callable[[str], bool] = lambda _: False,
                 **options: Any) -> Iterator[Any]:
    """A page in a new context at one of :data:`VIEWPORTS` (``page.size`` names it);
    the block fails on a console or page error (a blocked inline script or style is
    one) unless ``ignore`` accepts its text."""
    context = browser.new_context(**VIEWPORTS[size], **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not ignore(msg.text) else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.size = size
    try:
        yield page
    finally:
        context.close()
    assert errors == [], errors


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path, **app_options: Any) -> Iterator[str]:
    """Run the app over ``db`` in a background thread; yield its base URL; stop it."""
    import uvicorn

    from newsweave.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, **app_options), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
