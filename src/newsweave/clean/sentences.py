"""A fast rule-based sentence splitter that returns character offsets."""

from __future__ import annotations

import re

from newsweave.words import word_set

# A sentence end: terminal punctuation, optional closing quotes/brackets, then
# whitespace and something that can open a sentence.
BOUNDARY_RE = re.compile(r"(?:[.!?]+|…)[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9])")
LINE_RE = re.compile(r"[^\n]+")
# Longer "words" than this before a full stop are no abbreviation.
MAX_WORD_CHARS = 64
# Titles and short forms after which a full stop does not end a sentence.
ABBREVIATIONS = word_set("abbreviations")
# A full stop after these is part of a reference when a number follows ("No. 10", "Jan. 5").
NUMBER_ABBREVIATIONS = word_set("number_abbreviations") | word_set("month_abbreviations")
# Multi-dot forms ("U.S.", "e.g.") end a sentence only before a typical sentence opener.
DOTTED_RE = re.compile(r"^(?:[A-Za-z]\.){1,3}[A-Za-z]$")
NEXT_WORD_RE = re.compile(r"\s+[“‘\"'(\[]?([\w’']+)")
SENTENCE_OPENERS = word_set("sentence_openers")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences, returned as ``(start, end)`` character offsets.

    Every line break is a boundary (paragraphs are lines); inside a line a
    boundary is ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
    followed by whitespace and an upper-case letter, opening quote or digit,
    except after titles (Mr, Dr, Gen, St...), single initials, reference
    abbreviations before a number (No. 10, Jan. 5) and dotted forms such as
    ``U.S.`` unless the next word is a usual sentence opener. Offsets are
    trimmed of surrounding whitespace.

    Args:
        text: the article body.

    Returns:
        Sentence spans in text order; empty spans are dropped.
    """
    spans: list[tuple[int, int]] = []
    for line in LINE_RE.finditer(text):
        start = line.start()
        for match in BOUNDARY_RE.finditer(text, line.start(), line.end()):
            if _is_boundary(text, match):
                _add_span(text, start, match.end(), spans)
                start = match.end()
        _add_span(text, start, line.end(), spans)
    return spans


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if not match.group().startswith("."):
        return True
    # The word before the full stop; looked for only a word's length back, so
    # that a paragraph of megabytes is not scanned back to its start at every stop.
    low = max(0, match.start() - MAX_WORD_CHARS)
    word_start = max(text.rfind(" ", low, match.start()), text.rfind("\n", low, match.start()),
                     low - 1) + 1
    word = text[word_start : match.start()].lstrip("“‘\"'([")
    next_word = _next_word(text, match.end())
    lower = word.lower()
    if lower in ABBREVIATIONS:
        return False
    if lower in NUMBER_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False
    if DOTTED_RE.match(word):
        return next_word.lower() in SENTENCE_OPENERS or _negation_opens(text, match.end())
    return True


def _negation_opens(text: str, position: int) -> bool:
    """Whether the next word is "No" opening a sentence ("a.m. No one was hurt"),
    not the rank abbreviation "No." ("the U.S. No. 2 diplomat")."""
    match = NEXT_WORD_RE.match(text, position)
    return match is not None and match.group(1) == "No" and not text.startswith(
        ".", match.end(1))


def _next_word(text: str, position: int) -> str:
    match = NEXT_WORD_RE.match(text, position)
    return match.group(1) if match else ""


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    spans.append((offset, offset + len(stripped)))
