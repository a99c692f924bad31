"""newsweave: many news reports in, one sourced and structured account of what happened out.

The Python API: :func:`process` reads reports into a DuckDB file;
:class:`Newsweave` opens one and reads stories, briefs, events, facts and actors.
"""

from newsweave.api import Newsweave, RunReport, TextAnalyser, process

__version__ = "0.1.0"
__all__ = ["Newsweave", "RunReport", "TextAnalyser", "process", "__version__"]
