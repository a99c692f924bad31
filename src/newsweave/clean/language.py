"""A cheap language check: the share of English function words, plus script tests."""

from __future__ import annotations

import re
import unicodedata

# Closed-class English words: frequent in any English prose, rare in other languages.
ENGLISH_FUNCTION_WORDS = frozenset(
    """a about above after against all also although am among an and any are as at be
    because been before being below between both but by can could did do does doing down
    during each either few for from further had has have having he her here hers him his
    how however i if in into is it its itself just least less many may me might more most
    much must my neither no nor not now of off on once one only or other our ours out over
    own same shall she should since so some such than that the their theirs them then there
    these they this those though through to too under until up upon us very was we were
    what when where whether which while who whom whose why will with within without would
    yet you your""".split()
)
# Auxiliaries and reporting verbs: a cheap sign that a line holds a finite clause.
FINITE_VERB_CUES = frozenset(
    """is are was were has have had will would can could should may might must does did
    said says say told tells added noted warned urged called announced reported""".split()
)
# A few very common function words of languages we are likely to meet instead.
OTHER_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les des du un une et est dans pour que qui sur avec par pas au".split()),
    "de": frozenset("der die das und ist nicht mit von den dem zu ein eine auf für sich".split()),
    "es": frozenset("el la los las del que y en un una por con para es se su al lo".split()),
    "it": frozenset("il lo la gli le di che e un una per con non del della sono si".split()),
    "pt": frozenset("o os as do da dos das que e um uma para com não em no na se".split()),
    "nl": frozenset("de het een en van is dat die niet op te voor met zijn er".split()),
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


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters and inner apostrophes)."""
    return [w.lower() for w in WORD_RE.findall(text)]


def function_word_ratio(tokens: list[str]) -> float:
    """The share of ``tokens`` that are English function words (0.0 for no tokens)."""
    if not tokens:
        return 0.0
    return sum(t in ENGLISH_FUNCTION_WORDS for t in tokens) / len(tokens)


def detect_non_english(text: str) -> str | None:
    """Return a language guess when ``text`` is clearly not English, else ``None``.

    Text is judged not English when it is mostly in a non-Latin script, or
    when it has at least 50 words of which under 5% are English function words.
    Short texts are given the benefit of the doubt.
    """
    script = _dominant_foreign_script(text)
    if script:
        return SCRIPT_LANGUAGES.get(script, "unknown")
    tokens = words(text)
    if len(tokens) < MIN_WORDS or function_word_ratio(tokens) >= MIN_ENGLISH_RATIO:
        return None
    return _guess_latin_language(tokens)


def _dominant_foreign_script(text: str) -> str | None:
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
    if letters < MIN_LETTERS:
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
