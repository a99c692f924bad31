"""Presenting what the store holds: story briefs and PLOVER records."""
