"""How a figure reads in its sentence: what it counts, its qualifier, when, and whose.

The extract stage gives each claim its quantities. Here each figure is read
against the words around it: the noun it counts (:func:`_quantity_noun`), its
qualifier as over, under or about (:func:`_approx`), its value or range
(:func:`_figure`), and whether it is part of a larger figure (:func:`_is_part`).
It also finds what happened to the people counted (:func:`_outcome`), the time
the figure covers (:func:`_time_frame`), and the names and places next to it
(:func:`_owner`, :func:`_place_after`, :func:`_number_context`). Some figures
count nothing: years, phone numbers, unit conversions and numbers inside names.
:func:`number_difference` says whether two outlets' figures for one quantity
agree.

Each function here reads one quantity and its claim, nothing more. Clause
preparation (:mod:`~newsweave.corpus.facts.clauses`) uses them to read each
figure's noun, and the clash search (:mod:`~newsweave.corpus.facts.figures`)
uses them to compare two figures. That is why they sit below both.
"""

from __future__ import annotations

import calendar
import math
import re

from newsweave.corpus.facts.samefact import language_weight
from newsweave.corpus.facts.words import (
    _RARE_ENOUGH,
    _STOP_WORDS,
    _fold,
    _stem,
    content_tokens,
    slot_tokens,
)
from newsweave.extract.quantities import OUTCOMES, VAGUE_COUNTS
from newsweave.records import Claim, Quantity
from newsweave.words import number_map, word_map, word_set

# Qualifiers on a number, normalised to one word each.
_APPROX_WORDS = list(word_map("approximations").items())
# Every number word ("seventeen" too): never a name, a figure before "over", a ratio's tail.
_ALL_NUMBER_WORDS = frozenset(number_map("number_words"))


def _figure(q: Quantity) -> float | tuple[float, float]:
    """A quantity's value, or its range when it gives one ("40-60 hours") or is a
    vague count ("thousands": 2,000 and up)."""
    if q.low is not None and q.high is not None and q.low < q.high:
        return (q.low, q.high)
    if (q.approx or "").lower() in VAGUE_COUNTS:
        # the extract stage stores a vague count's floor as its value
        return (q.value, _VAGUE_SPAN * q.value)
    return q.value


# "about 40" and "40", or "about 40" and "42", can be one count: within this share.
APPROXIMATE_SHARE = 0.1


def number_difference(a: float | tuple[float, float], qualifier_a: str,
                      b: float | tuple[float, float], qualifier_b: str) -> str | None:
    """How two outlets' figures for one quantity differ: ``None`` when they agree,
    ``"qualifier"`` for the same figure qualified differently ("more than 40" /
    "40", "up to 2.6 million" / "2.6 million"), ``"number"`` for figures that
    clash.

    Qualifiers are ranges: "about" is a figure give or take
    :data:`APPROXIMATE_SHARE`, so "about 40" agrees with "40" and "41"; "over"
    ("more than", "at least") and "under" ("up to") are open on one side; "nearly"
    is a ceiling too, and also covers a figure just below it ("nearly five" and 4.8).
    """
    approximate = "about" in (qualifier_a, qualifier_b)
    # "nearly" is a ceiling like "up to", and near it: within APPROXIMATE_SHARE below
    near = _nearly_covers(a, qualifier_a, b, qualifier_b) or _nearly_covers(
        b, qualifier_b, a, qualifier_a)
    qualifier_a, qualifier_b = (_CEILINGS.get(qualifier_a, qualifier_a),
                                _CEILINGS.get(qualifier_b, qualifier_b))
    if isinstance(a, tuple) or isinstance(b, tuple):
        # a range ("40 to 60 hours", "thousands") agrees with any figure, bound or
        # range it overlaps: "more than 300" reaches into "thousands"
        la, ha = _interval(a, qualifier_a)
        lb, hb = _interval(b, qualifier_b)
        return None if la <= hb and lb <= ha else "number"
    if math.isclose(a, b):
        if qualifier_a == qualifier_b or {qualifier_a, qualifier_b} <= {"", "about"}:
            return None
        return "qualifier"
    if approximate and abs(a - b) <= APPROXIMATE_SHARE * max(abs(a), abs(b)):
        return None
    return None if near else "number"


def _interval(value: float | tuple[float, float], qualifier: str) -> tuple[float, float]:
    """The values a figure allows: a range as given; a plain figure read with
    its qualifier ("over" is open above, "under" below, "about" give or take
    :data:`APPROXIMATE_SHARE`)."""
    if isinstance(value, tuple):
        return value
    if qualifier == "over":
        return (value, math.inf)
    if qualifier == "under":
        return (-math.inf, value)
    if qualifier == "about":
        low, high = value * (1 - APPROXIMATE_SHARE), value * (1 + APPROXIMATE_SHARE)
        return (min(low, high), max(low, high))
    return (value, value)


# "nearly 40" and "up to 40" both stop short of 40: one qualifier when compared
_CEILINGS = {"nearly": "under"}


def within_bound(a: float | tuple[float, float], qualifier_a: str,
                 b: float | tuple[float, float], qualifier_b: str) -> bool:
    """Whether one figure is plain and the other a bound it keeps, close to it:
    "$716 billion" and "more than $700 billion", "54 charges" and "more than 50",
    "13 shots" and "at least 12" (the plain figure at most :data:`APPROXIMATE_SHARE`
    past the bound). Those are one quantity told with a difference of qualifier.
    Qualifiers are :func:`_approx`'s normal forms ("over", "under", "nearly", ...)."""
    if isinstance(a, tuple) or isinstance(b, tuple) or math.isclose(a, b):
        return False
    if qualifier_a and not qualifier_b:
        a, qualifier_a, b, qualifier_b = b, qualifier_b, a, qualifier_a
    if qualifier_a or not qualifier_b:
        return False
    bound = _CEILINGS.get(qualifier_b, qualifier_b)
    if bound == "over":
        return b < a <= b * (1 + APPROXIMATE_SHARE)
    if bound == "under":
        return b * (1 - APPROXIMATE_SHARE) <= a < b
    return False


def _nearly_covers(value: float | tuple[float, float], qualifier: str,
                   other: float | tuple[float, float], other_qualifier: str) -> bool:
    """Whether "nearly ``value``" covers a plain (or "about") figure just below it:
    "just under five minutes" and "4 minutes 48 seconds"."""
    if qualifier != "nearly" or other_qualifier not in ("", "about"):
        return False
    if isinstance(value, tuple) or isinstance(other, tuple):
        return False
    return value * (1 - APPROXIMATE_SHARE) <= other < value


# What time a figure covers, read from its clause (:func:`_time_frame`): a running
# total, a count since a date, a span of games, years or minutes.
_FRAME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("total", re.compile(r"\b(?:so far|to date|in all|in total|all told|overall|altogether"
                         r"|all-time|career|bringing (?:the \w+ )?to)\b")),
    ("since", re.compile(r"\bsince\b")),
    ("span", re.compile(r"\b(?:this|last|past|previous|the first|the last)\s+(?:\S+\s+){0,2}"
                        r"(years?|seasons?|months?|weeks?|games?|matches|days|minutes"
                        r"|quarters?|half|halves|rounds|periods?)\b")),
)
# weekdays only: "today" and "last Friday" may be one day, told on two days
_DAY_FRAME_RE = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b", re.IGNORECASE)
# a sentence's opening phrase that sets the time of all it says ("Since Week 11, ...")
_LEAD_PHRASE_WORDS = 6


def _time_frame(q: Quantity, claim: Claim) -> frozenset[str]:
    """The time frames of a figure's own clause, between the punctuation around it,
    and of the sentence's short opening phrase (see :data:`_FRAME_PATTERNS`), plus
    the weekday they name ("day:wednesday")."""
    text = claim.text
    offset = min(max(0, q.start - claim.start), len(text))
    end = min(max(offset, q.end - claim.start), len(text))
    before = max(text.rfind(mark, 0, offset) for mark in ",;:")
    ends = [i for i in (text.find(mark, end) for mark in ",;:") if i >= 0]
    part = text[before + 1:min(ends, default=len(text))]
    lead = text[:max(0, before)].split(",")[0]
    if before > 0 and len(lead.split()) <= _LEAD_PHRASE_WORDS:
        part = lead + " " + part
    frames = set()
    for name, pattern in _FRAME_PATTERNS:
        for match in pattern.finditer(part.lower()):
            # a span keeps its unit: "this season" is not "the last two games"
            frames.add(f"{name}:{_singular(match.group(1))}" if match.groups() else name)
    frames |= {"day:" + m.group().lower() for m in _DAY_FRAME_RE.finditer(part)}
    return frozenset(frames)


def _frames_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two figures cover different times: they give different frames, and
    one of them is more than a day (a total, a count since a date, a span), or both
    name days and no day in common. A day on one side only proves nothing: one
    outlet dates the toll, the other does not."""
    if a == b:
        return False
    longer_a = {f for f in a if not f.startswith("day:")}
    longer_b = {f for f in b if not f.startswith("day:")}
    if longer_a != longer_b:
        return True
    days_a, days_b = a - longer_a, b - longer_b
    return bool(days_a and days_b and not days_a & days_b)


# "a four-time all-star", "a 31-page complaint": a figure joined to its unit by a
# hyphen describes the noun after it
_COMPOUND_RE = re.compile(r"^[\w.,$]+\s*(?P<hyphen>-\s*)?(?P<unit>[a-z]+)\s+"
                          r"(?P<rest>[^,;:.()\"]*)", re.IGNORECASE)
# a unit in the singular after a figure other than one, without the hyphen, is a
# compound too ("an 80 yard pass")
_UNIT_NOUNS = word_set("unit_nouns")


def _compound_head(q: Quantity, claim: Claim) -> str:
    """The stem of the noun a hyphenated figure describes ("complaint" for "a
    31-page complaint against"), or "" when the figure is no such compound. A
    figure other than one before a unit in the singular is such a figure without
    its hyphen ("an 80 yard touchdown pass")."""
    match = _COMPOUND_RE.match(claim.text[max(0, q.start - claim.start):])
    if match is None:
        return ""
    if not match.group("hyphen") and (match.group("unit").lower() not in _UNIT_NOUNS
                                      or math.isclose(q.value, 1.0)):
        return ""
    words = re.findall(r"[\w'\u2019]+(?:\s*-\s*[\w'\u2019]+)*", match.group("rest"))
    run: list[str] = []
    for word in words:
        if word.lower() in _STOP_WORDS:
            break
        run.append(word)
    if not run:
        return ""
    return _stem(re.split(r"\s*-\s*", run[-1])[-1].lower())


_CONTEXT_WORDS = 5
_NAME_WORDS = 12
# month and day names are capitalised but name no one
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.month_name[1:], *calendar.day_name, *calendar.month_abbr[1:]))


def _number_context(claim: Claim, q: Quantity
                    ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The content stems of the few words before a number (its verb, its owner),
    the names among them, and the names a little further back in the clause."""
    offset = q.start - claim.start
    text = claim.text[:max(0, offset)]
    before = re.findall(r"[\w'\u2019-]+", text)
    words = before[-_CONTEXT_WORDS:]
    # names are looked for in the reported clause only: whoever "said" it is a source
    reported = re.findall(r"[\w'\u2019-]+", _reported_clause(text))
    return (slot_tokens(" ".join(words)), _names(reported[-_CONTEXT_WORDS:]),
            _names(reported[-_NAME_WORDS:]))


# "..., Varga said Tuesday that", "officials say", "according to the police,": what
# precedes the reported clause
_SPEECH_RE = re.compile(
    r"\b(?:said|says|say|told\s+\w+|according\s+to\s+[^,]*,)"
    r"(?:\s+(?:on\s+)?(?:" + "|".join(calendar.day_name) + r"|yesterday|today))?"
    r"(?:\s+that)?\s+", re.IGNORECASE)
# a reported clause whose subject points back to the speaker ("Ilves said he raised"):
# the speaker's name then owns the figure
_PRONOUN_SUBJECT_RE = re.compile(r"^(?:he|she|they|we|i|his|her|their|its|it)\b", re.IGNORECASE)


def _reported_clause(text: str) -> str:
    """``text`` (what precedes a figure) from the start of the clause a speaker
    reports, when the figure is in one and its subject is not the speaker."""
    found = list(_SPEECH_RE.finditer(text))
    if not found:
        return text
    rest = text[found[-1].end():]
    return text if _PRONOUN_SUBJECT_RE.match(rest) else rest


# Where the clause holding a figure begins, looking back from the figure.
_CLAUSE_START_RE = re.compile(
    r"[,;:]|\b(?:while|whereas|but|that|said|says|told\s+\w+)\b")


def _owner(q: Quantity, claim: Claim) -> frozenset[str]:
    """The first name in the figure's own clause before it (who scored, whose sum),
    capitalised common words ("Police", "The": not rare enough in the language,
    :func:`~newsweave.corpus.facts.samefact.language_weight`) aside: its owner, when the
    clause names one."""
    before = _text_before(q, claim)
    starts = list(_CLAUSE_START_RE.finditer(before))
    clause = before[starts[-1].end():] if starts else before
    run: list[str] = []
    for word in re.findall(r"[\w'\u2019-]+", clause):
        if (word[:1].isupper() and word.lower() not in _CALENDAR_WORDS
                and language_weight(word.lower()) > _RARE_ENOUGH):
            run.append(word)
        elif run:
            # the first name of the clause is its subject; later ones are where and
            # against whom ("Ilves scored 16 in the Tarvel final")
            break
    return content_tokens(" ".join(run))


# "Aske's league rookie record of 4,051", "Newton's year-old record of": a name
# that possesses the phrase the figure closes
_POSSESSOR_RE = re.compile(
    r"((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)['\u2019]s\s+(?:[a-z-][\w-]*\s+){1,10}"
    r"(?:of|at)\s+(?:[a-z]+\s+){0,2}$")


def _possessor(q: Quantity, claim: Claim) -> frozenset[str]:
    """The name that possesses the phrase a figure closes ("Tom Aske's record of
    4,051 yards": Aske's figure, not the clause subject's), when there is one."""
    match = _POSSESSOR_RE.search(_text_before(q, claim))
    return _names(match.group(1).split()) if match else frozenset()


def possessors_apart(qa: Quantity, a: Claim, qb: Quantity, b: Claim) -> bool:
    """Whether two figures belong to two possessors (:func:`_possessor`): each
    possessed by another name, or one possessed by a name the other figure's
    sentence never gives ("Aske's record of 4,051" / "Dolan set the record with
    4,183": the record broken and the record set)."""
    pa, pb = _possessor(qa, a), _possessor(qb, b)
    if pa and pb:
        return not pa & pb
    owned, other = (pa, b) if pa else (pb, a)
    return bool(owned) and not owned & content_tokens(other.text)


_PLACE_AFTER_RE = re.compile(
    r"^[^,;:]*?\b(?:in|at|near|across|throughout)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'\u2019-]*\s*)+)")


def _place_after(q: Quantity, claim: Claim) -> frozenset[str]:
    """The name of the place the figure's clause gives after it ("300 houses in
    Tarvel"), up to the clause's end."""
    match = _PLACE_AFTER_RE.match(_text_after(q, claim))
    if match is None:
        return frozenset()
    return content_tokens(" ".join(w for w in match.group(1).split()
                                   if w.lower() not in _CALENDAR_WORDS))


def _names(words: list[str]) -> frozenset[str]:
    """The names among ``words``: capitalised, and rare enough in the language to
    name someone ("Authorities", "Fire" opening a sentence name no one)."""
    return frozenset(content_tokens(" ".join(
        w for w in words if w[:1].isupper() and w.lower() not in _CALENDAR_WORDS
        # "SEVENTEEN hours after the attack": a number word opening a sentence
        and w.lower() not in _ALL_NUMBER_WORDS
        and language_weight(w.lower()) > _RARE_ENOUGH)))


_AGE_RE = re.compile(r"^\s*-?\s*(?:years?|months?)?\s*-?\s*old\b", re.IGNORECASE)


def aged_person(q: Quantity, claim: Claim) -> frozenset[str]:
    """The name an age describes ("the 61-year-old Edda Morn"): the person whose
    age it is, when the words right after "-year-old" name one."""
    after = _text_after(q, claim)
    match = _AGE_RE.match(after)
    if match is None:
        return frozenset()
    return _names(re.findall(r"[\w'\u2019-]+", after[match.end():])[:_AGED_NAME_WORDS])


_AGED_NAME_WORDS = 3


def _quantity_noun(q: Quantity, claim: Claim) -> str:
    """What a number counts: its unit, else the first content word after the number
    (in the quantity's own text, then in the claim text that follows it)."""
    if _AGE_RE.match(_text_after(q, claim)):
        # "the 37-year-old": an age, not a span of years
        return "age"
    if q.unit:
        return _singular(q.unit.lower().split()[-1])
    digit = re.search(r"\d", q.text)
    after = q.text[digit.start():] if digit else ""
    offset = q.end - claim.start
    if 0 <= offset <= len(claim.text):
        after += " " + claim.text[offset:]
    approx_words = {w for phrase, _ in _APPROX_WORDS for w in phrase.split()}
    own = len(after) - (len(claim.text) - offset if 0 <= offset <= len(claim.text) else 0)
    folded = _fold(after)
    for match in re.finditer(r"[a-z%]+|\d", folded):
        word = match.group()
        if word.isdigit():
            if match.start() >= own and not _LIST_JOIN_RE.search(folded[:match.start()]):
                # "24-24 with a 45-yard field goal": the noun after another figure is
                # that figure's, not this one's ("8 and 9 versions" share theirs); a
                # mark no other figure's noun ends with
                return "~" + q.text
            continue
        if word not in _STOP_WORDS and word not in approx_words:
            return _singular(word)
    return ""


# what joins figures that share a noun: "8 and 9", "5, 6 or 7", "40 to 60", "1 in 3"
_LIST_JOIN_RE = re.compile(r"[\d.]\s*(?:,|,?\s*(?:and|or|to|in|out of|-))?\s*$")


# "60m", "60 metres" and "60 meters" are one unit
_UNIT_ALIASES = word_map("unit_aliases")


def _singular(word: str) -> str:
    """A noun in the singular, and a unit under its one name ("ft": "foot")."""
    word = {"%": "percent", "pct": "percent"}.get(word, word)
    if word in _UNIT_ALIASES:
        return _UNIT_ALIASES[word]
    word = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return _UNIT_ALIASES.get(word, word)


def _same_noun(a: str, b: str) -> bool:
    """"workers" and "dockworkers" count the same thing; two bare numbers compare too."""
    if not a or not b:
        return not a and not b
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    # a compound counts its last noun ("dock" + "workers"), a longer word with the
    # same ending another thing ("wo" + "men")
    return longer.endswith(shorter) and (
        len(longer) == len(shorter) or len(longer) - len(shorter) >= _COMPOUND_PREFIX)


# the fewest letters a compound adds before the noun it ends with ("web" + "sites",
# "dock" + "workers")
_COMPOUND_PREFIX = 3


_ARTICLE_TAIL_RE = re.compile(r"\s+an?$")


def hedge_words(q: Quantity) -> str:
    """The words a figure's own text opens with before its digits: the hedge the
    extract stage read into it ("an estimated $1 million": "an estimated $")."""
    digit = re.search(r"\d", q.text)
    return q.text[:digit.start()] if digit else ""


def _approx(q: Quantity, claim: Claim) -> str:
    """The number's qualifier as over / under / about, or "" for a plain number."""
    if q.approx:
        phrase = q.approx.lower().strip()
        if phrase == "over" and _after_measured_figure(q, claim):
            # "for 40 hours over four days": the span it took, not a floor
            return ""
        return next((norm for word, norm in _APPROX_WORDS if phrase == word), phrase)
    if _PLUS_RE.search(q.text):
        # "three-plus seasons", "20-plus years", "100+ people": more than the figure
        return "over"
    prefix = hedge_words(q)
    offset = q.start - claim.start
    if 0 <= offset <= len(claim.text):
        prefix = claim.text[max(0, offset - 24):offset] + " " + prefix
    # the currency sign stands between the qualifier and the digits ("more than $40"),
    # and an article before a number word ("more than a hundred")
    prefix = _ARTICLE_TAIL_RE.sub("", _CURRENCY_TAIL_RE.sub("", prefix.lower().strip()))
    bound = _BOUND_RE.search(prefix)
    if bound is not None:
        # "a maximum sentence of 15 years" is up to 15 years
        return "under" if bound.group(1) == "maximum" else "over"
    if prefix.endswith(" over") and _MEASURED_TAIL_RE.search(prefix[:-len(" over")]):
        return ""
    return next((norm for word, norm in _APPROX_WORDS if re.search(rf"\b{word}$", prefix)), "")


def record_threshold(q: Quantity, claim: Claim) -> bool:
    """Whether a hedged figure is the threshold of a record, not a report of what
    happened: "the first time in NFL history that a team rushed for over 350 yards
    and lost", "the fifth rookie to win at least 10 games" (a class the team's 352
    yards or 10 wins belong to, told as a bound)."""
    if _approx(q, claim) not in {"over", "under"}:
        return False
    words = re.findall(r"[\w'\u2019-]+", _text_before(q, claim))[-_RECORD_WORDS:]
    return bool(_RECORD_RE.search(" ".join(words)))


_RECORD_WORDS = 16
# "the first time", "only the third player to", "the fifth rookie in the Super Bowl
# era to": the frame of a record ("history" alone is none: "the worst riots in its
# history, with more than 100 hurt" reports a toll)
_RECORD_RE = re.compile(
    r"\b(?:(?:first|only|last|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d+(?:st|nd|rd|th))\s+(?:\S+\s+){0,7}?(?:to|since|ever)\b"
    r"|(?:first|only)\s+time\b)", re.IGNORECASE)


def required_figure(q: Quantity, claim: Claim) -> bool:
    """Whether a figure is what someone needed, not what happened: "needed nine
    points to pass Ford", "needs 12 votes to pass the budget" (the 20 points he
    scored and the 15 votes cast are another slot)."""
    words = re.findall(r"[\w'\u2019-]+", _text_before(q, claim))[-_REQUIRED_WORDS:]
    return bool(words) and _REQUIRED_RE.search(" ".join(words)) is not None


# "needed nine", "needed just nine more", "required at least 60": the verb a few
# words before the figure
_REQUIRED_WORDS = 3
_REQUIRED_RE = re.compile(r"\b(?:need|needs|needed|needing|require|requires|required"
                          r"|requiring)\b", re.IGNORECASE)


def _after_measured_figure(q: Quantity, claim: Claim) -> bool:
    """Whether the words just before the quantity are another figure and its unit
    ("40 hours", "$5 million", "two weeks"): "over" then spans the time the first
    figure took, it bounds nothing."""
    offset = q.start - claim.start
    if not 0 < offset <= len(claim.text):
        return False
    return bool(_MEASURED_TAIL_RE.search(_fold(claim.text[max(0, offset - 40):offset])))


_MEASURED_TAIL_RE = re.compile(
    r"(?:\d[\d,.]*|\b(?:" + "|".join(sorted(_ALL_NUMBER_WORDS, key=len, reverse=True))
    + r"))(?:\s+(?:million|billion|thousand|hundred))?\s+[a-z]+\s*$")


# "-plus" or "+" right after the figure: a floor
_PLUS_RE = re.compile(r"(?:\w-plus|\d\+)(?!\w)", re.IGNORECASE)


# "a maximum (sentence) of", "a minimum (term) of": a bound, as "up to" and "at least"
_BOUND_RE = re.compile(r"\b(maximum|minimum)(?:\s+[a-z]+)?\s+of$")


_CURRENCY_TAIL_RE = re.compile(r"\s*(?:\b(?:us|a|c|nz|hk))?\s*[$\u20ac\u00a3\u00a5]\s*$")
# "$1 million ($1.52 million)", "10 kilometres (6 miles)": the figure in
# brackets right after another restates it in another unit
_CONVERSION_RE = re.compile(r"\d[\w.,%$\s-]{0,25}\(\s*[^\s\d(]{0,4}\s*$")
# "$334 million, including $281 million in cash", "another four people died": a
# part of a figure before it, or an addition to it
# ... the qualifier of the figure may stand between ("which includes nearly four years")
_PART_RE = re.compile(r"\b(?:includ(?:ing|es|ed)|of which|of them|among them|another|a further|"
                      r"an additional)\s+(?:(?:" + "|".join(w for w, _ in _APPROX_WORDS)
                      + r")\s+)?\S*$", re.IGNORECASE)
# "$281 million of the purchase price": a part of a figure named after it
_PART_OF_RE = re.compile(r"^\s*of\s+(?:the|its|their|his|her|[A-Z]\w+(?:\s*['\u2019]s)?)\s+")
_SCALE_RE = re.compile(r"^\s*(?:hundred|thousand|million|billion|trillion|bn|m)\b",
                       re.IGNORECASE)
_ALL_OF_RE = re.compile(r"\ball\s*$", re.IGNORECASE)
# "thousands", "scores of": a vague count is a range from its floor to this many times it
_VAGUE_SPAN = 500
# "745-4811", "(907) 745-4811": a telephone number counts nothing
_PHONE_RE = re.compile(r"(?:\(\d{3}\)\s*)?\b\d{3}\s*-\s*\d{4}\b")


def _text_before(q: Quantity, claim: Claim, chars: int | None = None) -> str:
    """The claim's text before the figure (its last ``chars`` characters)."""
    offset = max(0, q.start - claim.start)
    return claim.text[max(0, offset - chars) if chars else 0:offset]


def _text_after(q: Quantity, claim: Claim) -> str:
    """The claim's text after the figure."""
    return claim.text[max(0, q.end - claim.start):]


def _is_conversion(q: Quantity, claim: Claim) -> bool:
    """Whether ``q`` restates the figure just before it, in brackets, in another unit."""
    return bool(_CONVERSION_RE.search(_text_before(q, claim, 40)))


def _is_part(q: Quantity, claim: Claim) -> bool:
    """Whether ``q`` is given as a part of a figure named before it ("including
    X") or after it ("X of the purchase price", "6 of his 11 rebounds"; but "all
    11 of his points" are all of them)."""
    before, after = _text_before(q, claim, 30), _text_after(q, claim)
    # the figure in digits, else its first word ("Three of the four soldiers")
    digit = re.search(r"\d[\d.,]*", q.text) or re.search(r"[\w'-]+", q.text)
    # "$281 million of the purchase price": the scale word stands before "of"
    inside = _SCALE_RE.sub("", q.text[digit.end():]) if digit else ""
    # a figure that names what it counts ("500 users of Internet Explorer") is no
    # part of what follows "of"; a bare one is ("6 of his 11 rebounds")
    partitive = bool(_PART_OF_RE.match(inside)
                     or (not inside.strip() and _PART_OF_RE.match(after)))
    return bool(_PART_RE.search(before)) or (partitive and not _ALL_OF_RE.search(before))


# What happened to the people counted (:data:`OUTCOMES`) is read this many words
# either side of a figure: a toll of the dead is not one of the hurt.
_OUTCOME_WORDS = 3


def _outcome(q: Quantity, claim: Claim) -> str:
    """What the people a figure counts underwent, from the nearest outcome word
    within a few words before or after it ("killing at least five", "five people
    died"): killed, injured, arrested, missing, displaced, rescued, or ""."""
    before = re.findall(r"[a-z]+", _text_before(q, claim).lower())[-_OUTCOME_WORDS:]
    after = re.findall(r"[a-z]+", _text_after(q, claim).lower())[:_OUTCOME_WORDS]
    # at equal distance the word before wins: "received 50 people with injuries"
    # are people taken in, the verb before governs the figure
    found = [(len(before) - k, 0, OUTCOMES[w]) for k, w in enumerate(before) if w in OUTCOMES]
    found += [(k + 1, 1, OUTCOMES[w]) for k, w in enumerate(after) if w in OUTCOMES]
    return min(found)[2] if found else ""


# "began to cast ballots at 8:00" / "were closed at 6:00 p.m.": a start and an end
_PHASES = word_map("phase_words")


def _phase(q: Quantity, claim: Claim) -> str:
    """Whether the figure's clause, up to it, tells of a beginning ("start") or an
    end ("end") of something, from its last verb of either kind, or ""."""
    before = _text_before(q, claim)
    clause = before[max(before.rfind(mark) for mark in ",;:") + 1:]
    phases = [_PHASES[w] for w in re.findall(r"[a-z]+", clause.lower()) if w in _PHASES]
    return phases[-1] if phases else ""


# a capitalised word right before a bare figure, not a possessive ("Louisville's 25")
_NAME_BEFORE_RE = re.compile(r"\b([A-Z][\w'\u2019-]*)\s*$")


def _in_name(q: Quantity, claim: Claim) -> bool:
    """Whether a bare figure is part of a name: a version, a house number, a day of
    a month ("Browser 8", "Harbour Street 12", "December 27"). A common word opening
    the sentence ("Some 30 people") names nothing."""
    if q.unit or not q.text[:1].isdigit():
        return False
    before = _text_before(q, claim, 40)
    match = _NAME_BEFORE_RE.search(before)
    if match is None or re.search(r"['\u2019]s$", match.group(1)):
        return False
    opening = not before[:match.start()].strip()
    return not opening or language_weight(match.group(1).lower()) > _RARE_ENOUGH


def _in_phone_number(q: Quantity, claim: Claim) -> bool:
    """Whether ``q`` lies in a telephone number ("call 745-4811")."""
    offset = q.start - claim.start
    return any(m.start() <= offset < m.end() for m in _PHONE_RE.finditer(claim.text))


# "a 10-8 round", "improved to 58 - 3": the larger figure first is a score or a
# record, not a range
_SCORE_RE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\b")


def _is_score(q: Quantity) -> bool:
    """Whether ``q`` is a score or a record ("10-8", "58 - 3"), which counts no
    thing the noun after it names: it compares only with another score."""
    match = _SCORE_RE.match(q.text)
    return match is not None and int(match.group(1)) >= int(match.group(2))


# "the first quake", "one final chance": a word that sets one occurrence apart
_SEQUENCE_RE = re.compile(r"\b(" + "|".join(sorted(word_set("sequence_words"))) + r")\s+([a-z]+)",
                          re.IGNORECASE)


def _occasions(q: Quantity, claim: Claim) -> frozenset[tuple[str, str]]:
    """The occurrences the claim's words up to the figure's end single out, as
    (sequence word, noun) pairs: "the first quake" gives ("first", "quake")."""
    text = claim.text[:max(0, q.end - claim.start)]
    return frozenset((m.group(1).lower(), _singular(m.group(2).lower()))
                     for m in _SEQUENCE_RE.finditer(text))


def _occasions_apart(qa: Quantity, a: Claim, qb: Quantity, b: Claim) -> bool:
    """Whether one side tells its figure of a singled-out occurrence ("the first
    quake", "one final chance") where the other names that thing (up to its own
    figure) without singling it out the same way: two occasions."""
    def apart(seq: frozenset[tuple[str, str]], other: Claim, qo: Quantity,
              other_seq: frozenset[tuple[str, str]]) -> bool:
        words = {_singular(w) for w in re.findall(r"[a-z]+", _fold(
            other.text[:max(0, qo.end - other.start)]))}
        return any((word, noun) not in other_seq and any(_same_noun(noun, w) for w in words)
                   for word, noun in seq)
    seq_a, seq_b = _occasions(qa, a), _occasions(qb, b)
    return apart(seq_a, b, qb, seq_b) or apart(seq_b, a, qa, seq_a)


def _looks_like_year(q: Quantity) -> bool:
    return (not q.unit and q.value.is_integer() and 1900 <= q.value <= 2100
            and re.fullmatch(r"\s*\d{4}\s*", q.text) is not None)
