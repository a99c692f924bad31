"""Dedupe: syndicated copies and reprints, the first corpus stage.

:mod:`~newsweave.corpus.dedupe.minhash` is the rule (MinHash signatures, LSH
band keys, the copy test); :mod:`~newsweave.corpus.dedupe.copies` runs it on
the store (signatures kept per article, candidates by a band-key join).
"""
