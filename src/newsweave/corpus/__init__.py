"""Corpus stages: dedupe (copies), stories (clusters of articles), corroborate (facts).

Import the stage modules directly (``newsweave.corpus.dedupe`` ...); this package
imports nothing so that loading one stage does not load the others' dependencies.
"""
