"""Actors: one canonical id per real actor across articles.

:mod:`~newsweave.corpus.actors.merge` aggregates each article's actors in SQL
and merges them with :func:`newsweave.resolve.actors.merge_actors`.
"""
