"""Word folding: the content words by which claims are compared.

Every comparison in the facts stage is between sets of stems. A text is folded
(lower case, no accents, typographic quotes and dashes made plain), stop words
are dropped, frequent news paraphrases are mapped to one word
(:data:`_SYNONYMS`), small number words become digits, and each word is cut to
a crude stem, so that inflections and spellings meet (:func:`content_tokens`,
which the brief uses too). The story-level weights of those stems
(:func:`_idf`, :func:`_rarity`) and the overlap measures (:func:`_dice`,
:func:`_weighted_dice`) live here as well, so that clauses, facts, conflicts and
positions all weigh words the same way.

This module imports nothing else from the facts stage; the others build on it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.words import grouped_map, number_map, word_set

# A word at least this rare in English (Zipf frequency 4.5 or lower, see
# samefact.language_weight) makes two pieces worth comparing.
_RARE_ENOUGH = 2.5

_STEM = 5

# Frequent paraphrases in news copy, mapped to one word before stemming.
_SYNONYMS = grouped_map("synonyms")
# Number words read as figures: up to twelve, and the tens; the teens stay words
# (as they were before the number lists were merged).
_NUMBER_WORDS = {word: str(value) for word, value in number_map("number_words").items()
                 if value <= 12 or value % 10 == 0}
_STOP_WORDS = (ENGLISH_STOP_WORDS | word_set("claim_stop_words")) - set(_NUMBER_WORDS)
# scikit-learn's list also holds content words ("fire", "bill", "call"); the words
# around a figure keep them (:func:`slot_tokens`). Alignment leaves them out: kept
# there, they changed ECB+ fact F1 by -0.001 (EVALUATION.md).
_SLOT_STOP_WORDS = _STOP_WORDS - word_set("content_stop_words")
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})


def content_tokens(text: str) -> frozenset[str]:
    """Content-word stems of ``text``: the unit of lexical comparison.

    Lower-case words without stop words, paraphrases mapped to one word
    (led/headed, truce/ceasefire, swap/exchange, ...), then a plural "s" dropped
    and the word cut to its first five letters, so that inflections and
    spellings meet ("defense"/"defence", "year"/"years").
    Numbers lose their thousands separators and small number words become digits.
    """
    return _tokens(text, _STEM)


def slot_tokens(text: str) -> frozenset[str]:
    """:func:`content_tokens` that keep the content words of the generic stop list
    ("the fire call", "the bill"): for the words around a figure, which tell two
    slots apart or one slot alike in few words."""
    return _tokens(text, _STEM, slots=True)


@lru_cache(maxsize=1 << 16)
def _tokens(text: str, cut: int | None, *, slots: bool = False) -> frozenset[str]:
    """:func:`content_tokens`, with words cut to ``cut`` letters (None: only the
    plural "s" is dropped). Cached: the stages ask again for the same clauses,
    objects and single words."""
    return frozenset(stem for stem, _ in _words(text, cut, slots=slots))


def _words(text: str, cut: int | None = _STEM, *, slots: bool = False
           ) -> list[tuple[str, str | None]]:
    """``(stem, word)`` for each content word of ``text`` in order: the unit of
    :func:`content_tokens`. ``word`` is the word as written (lower case, no
    accents) for a word, None for a number."""
    folded = _fold(text).replace("%", " percent ").replace("per cent", "percent")
    folded = re.sub(r"'s\b", "", re.sub(r"cease-fire", "ceasefire", folded))
    out: list[tuple[str, str | None]] = []
    for word in _TOKEN_RE.findall(folded):
        if word[0].isdigit():
            out.append((_plain_number(word), None))
        elif word in _NUMBER_WORDS:
            out.append((_NUMBER_WORDS[word], None))
        elif word not in (_SLOT_STOP_WORDS if slots else _STOP_WORDS):
            out.append((_stem(_SYNONYMS.get(word, word), cut), word))
    return out


def _fold(text: str) -> str:
    """Lower case without accents, so "Çırağan" and "Ciragan" meet."""
    if text.isascii():  # nothing to translate or decompose: most clauses
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD).replace("\u0131", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _stem(word: str, cut: int | None = _STEM) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:cut] if cut else word


def _idf(token_sets: list[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over the story's claims (Sparck Jones 1972):
    words every report of the story uses ("talks", the main actors) weigh less."""
    df = Counter(t for tokens in token_sets for t in tokens)
    n = len(token_sets)
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def _rarity(sets: list[frozenset[str]]) -> dict[str, float]:
    """How rare each item is among ``sets``, in [0, 1]: ``log((1+n)/(1+df)) / log(1+n)``."""
    df = Counter(item for items in sets for item in items)
    n = len(sets)
    return {item: math.log((1 + n) / (1 + d)) / math.log(1 + n) for item, d in df.items()}


def _weighted_dice(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    # math.fsum, not sum: a set's order changes with Python's per-process string
    # hashing, and a float sum in another order can differ in its last bit,
    # enough to reorder two pairs of equal score and change a fact.
    total = math.fsum(idf.get(t, 1.0) for t in a) + math.fsum(idf.get(t, 1.0) for t in b)
    if not total:
        return 0.0
    return 2.0 * math.fsum(idf.get(t, 1.0) for t in a & b) / total


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2.0 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _plain_number(word: str) -> str:
    return word.replace(",", "")
