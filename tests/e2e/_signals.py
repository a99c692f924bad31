"""Ctrl-C in tests that a shell may have started in the background."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def terminal_ctrl_c() -> Iterator[None]:
    """Hear Ctrl-C as a terminal user's process does, then put the old handler back.

    A shell starts a background job (``make test &``, some CI runners' jobs) with
    SIGINT ignored; Python then installs no KeyboardInterrupt handler, and a child
    process inherits the ignoring, so a run rightly goes on to the end, as under
    ``nohup``. Inside this block the process has Python's default handler, and a
    child started here gets the default action (exec resets a handled signal).
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
