"""Presenting what the store holds: story briefs and PLOVER records.

Both read through a :class:`~newsweave.store.reader.StoreReader`; nothing here
writes SQL or imports the public API.
"""
