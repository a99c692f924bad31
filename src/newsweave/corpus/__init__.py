"""Corpus stages: what the store's articles say together, in flow order.

One folder per stage, each holding its algorithm and its SQL:

1. :mod:`~newsweave.corpus.dedupe`: syndicated copies and reprints.
2. :mod:`~newsweave.corpus.chrome`: paragraphs an outlet repeats (its template).
3. :mod:`~newsweave.corpus.actors`: one canonical id per actor across articles.
4. :mod:`~newsweave.corpus.stories`: articles grouped into stories.
5. :mod:`~newsweave.corpus.facts`: each story's facts and conflicts.

:mod:`~newsweave.corpus.update` runs them in that order in one transaction
(``update_corpus``, ``rebuild_corpus``); :mod:`~newsweave.corpus.summary`
reads the corpus tables' state without loading any stage. A stage imports
only the stages before it. Import the modules directly; this package imports
nothing, so that loading one stage does not load the others' dependencies.
"""
