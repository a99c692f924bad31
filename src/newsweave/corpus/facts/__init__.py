"""Facts: what each story's outlets state, aligned into facts and conflicts.

The last corpus stage. :mod:`~newsweave.corpus.facts.corroborate` groups a
story's claims into facts and finds where outlets disagree, through one module
per concern, each importing only those before it:
:mod:`~newsweave.corpus.facts.words` (word folding),
:mod:`~newsweave.corpus.facts.numbers` (how a figure reads in its sentence),
:mod:`~newsweave.corpus.facts.clauses` (claims cut into prepared pieces),
:mod:`~newsweave.corpus.facts.align` (pieces aligned into facts),
:mod:`~newsweave.corpus.facts.figures` (number and qualifier clashes),
:mod:`~newsweave.corpus.facts.conflicts` (the other conflicts within a fact) and
:mod:`~newsweave.corpus.facts.positions` (positions merged, and their
conflicts); with :mod:`~newsweave.corpus.facts.clock` for clock times and
:mod:`~newsweave.corpus.facts.samefact` for the same-fact decision.
:mod:`~newsweave.corpus.facts.rewrite` runs it on the stored stories.
"""
