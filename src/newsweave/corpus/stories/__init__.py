"""Stories: reports of one real-world event across outlets.

:mod:`~newsweave.corpus.stories.cluster` is the clustering;
:mod:`~newsweave.corpus.stories.place` places new articles in the stored
stories (or new ones) from what the store holds.
"""
