"""newsweave: many news reports in, one sourced and structured account of what happened out.

The Python API: :func:`process` reads reports into a DuckDB file;
:class:`Newsweave` opens one and reads stories, briefs, events, facts and actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsweave.api import Newsweave, RunReport, TextAnalyser, process

__version__ = "0.1.0"
__all__ = ["Newsweave", "RunReport", "TextAnalyser", "process", "__version__"]
_API_NAMES = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use (PEP 562).

    ``import newsweave.engines`` (every worker process), ``import
    newsweave.gazetteer`` and the like import this package first; importing
    the API here would load the corpus stages' numeric libraries (scipy,
    scikit-learn, pandas: about two seconds) into processes that never use them.
    """
    if name in _API_NAMES:
        from newsweave import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsweave' has no attribute {name!r}")
