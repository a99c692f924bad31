"""Bounded reliability scripts (faults, hostile input, fuzzing, load); figures go to RELIABILITY.md."""
