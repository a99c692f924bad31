"""Facts: what each story's outlets state, aligned into facts and conflicts.

The last corpus stage. :mod:`~newsweave.corpus.facts.corroborate` groups a
story's claims into facts and finds where outlets disagree (with
:mod:`~newsweave.corpus.facts.clock` for clock times and
:mod:`~newsweave.corpus.facts.samefact` for the same-fact decision).
"""
