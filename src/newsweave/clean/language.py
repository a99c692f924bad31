"""Which language a text is in: CLD3, checked against the share of English function words.

CLD3 (Google's Compact Language Detector v3, through the ``cld3-py`` wheels)
names the language of a text of a few words, and of over a hundred languages.
On invented names it can be fooled ("Mirholt bridge opens" reads as Dutch to
it), so its answer is taken only when the text does not read as English: few
English function words and, for the languages we have lists for, enough of
that language's own function words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from newsweave.words import word_set

# Closed-class English words: frequent in any English prose, rare in other languages.
ENGLISH_FUNCTION_WORDS = word_set("function_words_en")
# Auxiliaries and reporting verbs: a cheap sign that a line holds a finite clause.
FINITE_VERB_CUES = word_set("finite_verb_cues")
# A few very common function words of languages we are likely to meet instead.
OTHER_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: word_set(f"function_words_{lang}") for lang in ("fr", "de", "es", "it", "pt", "nl")
}
SCRIPT_LANGUAGES = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "THAI": "th",
}
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 50
MIN_ENGLISH_RATIO = 0.05
MIN_LETTERS = 200
# English prose has 40-50% function words; below this share a text may be in
# another language, and the identifier is asked.
READS_AS_ENGLISH_RATIO = 0.2
# Fewer words than this are too few to judge: taken as English.
MIN_JUDGED_WORDS = 6
# The identifier's confidence needed, when the text's own function words back
# its answer, and when there is no list of that language's function words.
MIN_BACKED_PROBABILITY = 0.7
MIN_UNBACKED_PROBABILITY = 0.95
MIN_UNBACKED_WORDS = 12
MIN_OTHER_RATIO = 0.1
# Characters of the text the identifier reads (it is fast; this bounds it).
SAMPLE_CHARS = 4000
ENGLISH = "en"
# The language is judged on the first characters of a text (plenty for a
# page, and a 10 MB body costs no more than a long article).
JUDGED_CHARS = 100_000


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters and inner apostrophes)."""
    return [w.lower() for w in WORD_RE.findall(text)]


def function_word_ratio(tokens: list[str]) -> float:
    """The share of ``tokens`` that are English function words (0.0 for no tokens)."""
    if not tokens:
        return 0.0
    return sum(t in ENGLISH_FUNCTION_WORDS for t in tokens) / len(tokens)


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639 code; ``"en"`` when English or undecided.

    A text mostly in a non-Latin script is in that script's language (CLD3
    names which). A text of Latin letters is English when at least 20% of its
    words are English function words or it has under six words; otherwise
    CLD3's answer is taken when the text's own function words back it (for
    French, German, Spanish, Italian, Portuguese and Dutch) or CLD3 is nearly
    certain on a dozen words or more. A long text with almost no English
    function words is never English ("unknown" when nothing names it).
    """
    text = text[:JUDGED_CHARS]
    tokens = words(text)
    guess = _identify(text)
    script = _dominant_foreign_script(text, min_letters=MIN_JUDGED_WORDS * 3)
    if script:
        if guess is not None and guess[0] != ENGLISH:
            return guess[0]
        return SCRIPT_LANGUAGES.get(script, "unknown")
    english = function_word_ratio(tokens)
    if len(tokens) < MIN_JUDGED_WORDS or english >= READS_AS_ENGLISH_RATIO:
        return ENGLISH
    if guess is not None and guess[0] != ENGLISH:
        language, probability = guess
        other = _other_function_ratio(tokens, language)
        if other is not None and other >= MIN_OTHER_RATIO and probability >= MIN_BACKED_PROBABILITY:
            return language
        if other is None and probability >= MIN_UNBACKED_PROBABILITY \
                and len(tokens) >= MIN_UNBACKED_WORDS:
            return language
    if len(tokens) >= MIN_WORDS and english < MIN_ENGLISH_RATIO:
        # Clearly not English: CLD3's best guess names it better than our lists.
        return guess[0] if guess is not None and guess[0] != ENGLISH \
            else _guess_latin_language(tokens)
    return ENGLISH


def detect_non_english(text: str) -> str | None:
    """The language of ``text`` when it is not English, else ``None`` (see :func:`detect_language`)."""
    language = detect_language(text)
    return None if language == ENGLISH else language


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import gcld3  # the cld3-py wheels install this module

    return gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=SAMPLE_CHARS * 4)


def _identify(text: str) -> tuple[str, float] | None:
    """CLD3's language and probability for the start of ``text``, or None when it cannot tell."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not sample:
        return None
    result = _identifier().FindLanguage(text=sample)
    if not result.is_reliable or result.language in ("und", ""):
        return None
    # CLD3 names a few languages by older or longer codes.
    return result.language.split("-")[0].replace("iw", "he"), float(result.probability)


def _other_function_ratio(tokens: list[str], language: str) -> float | None:
    """The share of ``tokens`` that are ``language``'s function words (None: no list for it)."""
    vocab = OTHER_FUNCTION_WORDS.get(language)
    if vocab is None or not tokens:
        return None
    return sum(t in vocab for t in tokens) / len(tokens)


def _dominant_foreign_script(text: str, *, min_letters: int = MIN_LETTERS) -> str | None:
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if char.isascii():
            continue
        script = unicodedata.name(char, "UNKNOWN").split(" ")[0]
        counts[script] = counts.get(script, 0) + 1
    if letters < min_letters:
        return None
    script, count = max(counts.items(), key=lambda item: item[1], default=("LATIN", 0))
    if script == "LATIN" or count < letters / 2:
        return None
    return script


def _guess_latin_language(tokens: list[str]) -> str:
    scores = {
        lang: sum(t in vocab for t in tokens) / len(tokens)
        for lang, vocab in OTHER_FUNCTION_WORDS.items()
    }
    lang, score = max(scores.items(), key=lambda item: item[1])
    return lang if score >= 0.1 else "unknown"
