"""Chrome: paragraphs an outlet repeats across its articles (its template).

:mod:`~newsweave.corpus.chrome.paragraphs` splits and keys paragraphs;
:mod:`~newsweave.corpus.chrome.templates` finds the repeated ones in SQL and
marks their spans, which no fact, position or timeline entry is taken from.
"""
