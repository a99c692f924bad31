"""Text repair: mojibake, entities, invisible characters and run-together sentences."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

# Characters that carry no text: soft hyphen, zero-width space/joiners, word joiner, BOM,
# and the bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069),
# which can make a name or sentence display reversed; the marks U+200E/200F stay.
INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
# No-break and narrow spaces become plain spaces so word splitting works.
SPACE_LIKE_RE = re.compile("[\u00a0\u2007\u202f\u2009\u200a\t\f\v]")
MULTI_SPACE_RE = re.compile(r" {2,}")
ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# "War II.The talks", "territory.Russia", "said.”The": a sentence end glued to
# the next sentence. The next word must be capitalised and then lower case, so
# "U.S.", "3.5", "e.g." and "example.com" never match.
GLUED_SENTENCE_RE = re.compile(r"(?<=[\w)\]%])([.!?][”’\"')\]]?)(?=[“‘\"]?[A-Z][a-z])")
URLISH_RE = re.compile(r"(?:https?://|www\.|@)", re.IGNORECASE)
# Unicode line and paragraph separators (and NEL) end a line like "\n".
LINE_SEPARATOR_RE = re.compile("\r\n|[\r\u2028\u2029\x85]")
# ``TeX-style'' and doubled single quotes, as scraped text and old wires write them.
TEX_OPEN_QUOTE_RE = re.compile(r"``|‘‘|,,(?=\w)")
TEX_CLOSE_QUOTE_RE = re.compile(r"(?<=[\w.,!?])(?:''|’’)")
# A closing double quote glued to a dash and a word ("demilitarization”—despite"):
# spaCy keeps the three as one token, hiding the word from the parser.
QUOTE_DASH_RE = re.compile(r"(?<=\w)([”\"])([—–])(?=\w)")
# Entities escaped twice ("&amp;quot;") are unescaped at most this many times.
MAX_UNESCAPES = 2


def repair_text(text: str) -> str:
    """Repair the characters of a text without changing its words.

    Fixes mojibake and full-width forms with ftfy (curly quotes are kept),
    unescapes stray HTML entities (also when escaped twice), applies Unicode
    NFC, removes soft hyphens and zero-width characters, turns no-break spaces
    into spaces and Unicode line separators into line breaks, collapses runs
    of spaces, writes ``TeX-style'' quotes as curly quotes, spaces a dash
    glued between a closing quote and a word, and inserts the missing space in
    run-together sentences ("War II.The talks").
    """
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    for _ in range(MAX_UNESCAPES):
        if not ENTITY_RE.search(text):
            break
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = INVISIBLE_RE.sub("", text)
    text = SPACE_LIKE_RE.sub(" ", text)
    text = LINE_SEPARATOR_RE.sub("\n", text)
    lines = (_repair_line(MULTI_SPACE_RE.sub(" ", line).strip()) for line in text.split("\n"))
    return "\n".join(lines)


def _repair_line(line: str) -> str:
    line = TEX_OPEN_QUOTE_RE.sub("“", line)
    line = TEX_CLOSE_QUOTE_RE.sub("”", line)
    line = QUOTE_DASH_RE.sub(r"\1 \2 ", line)
    return split_glued_sentences(line)


def split_glued_sentences(text: str) -> str:
    """Insert a space after a sentence end glued to the next sentence.

    ``"War II.The talks"`` becomes ``"War II. The talks"``; URLs, e-mail
    addresses, decimals and abbreviations such as ``U.S.`` are left alone.
    """
    return GLUED_SENTENCE_RE.sub(lambda m: _space_after(m, text), text)


def _space_after(match: re.Match[str], text: str) -> str:
    start = text.rfind(" ", 0, match.start()) + 1
    end = text.find(" ", match.end())
    token = text[start : end if end != -1 else len(text)]
    if URLISH_RE.search(token):
        return match.group(1)
    return match.group(1) + " "
