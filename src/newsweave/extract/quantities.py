"""Numbers with what they count: "472 drones", "over 40 bombers", "between 30 and 50", "9%"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsweave.annotate import doc_text
from newsweave.records import Quantity
from newsweave.words import number_map, word_map, word_set

# "dozen" is read here as a number word too ("a dozen", "two dozen": see _number_value).
_WORD_VALUES = number_map("number_words") | {"dozen": 12, "a dozen": 12}
_MULTIPLIERS = number_map("multipliers")
# the multipliers written as words, which "a" can stand before ("a hundred")
_SCALE_WORDS = frozenset(word for word in _MULTIPLIERS if len(word) > 2)
_SCALE_ABBREVIATIONS = frozenset(_MULTIPLIERS) - _SCALE_WORDS
# Vague plurals: a conservative floor stands for the value, the word for the approximation.
VAGUE_COUNTS = number_map("vague_counts")
# What befell the people a figure counts, each word with its outcome ("dead":
# killed): said of them right after a bare figure it is what the figure counts
# ("30 dead and 55 wounded"); the conflict stage reads the outcome around a figure.
OUTCOMES = word_map("outcomes")
_APPROX = tuple(word_map("approximations"))
_PERCENT_WORDS = ("percent", "per cent", "%")
# "a third of", "two-thirds": fraction words and what they divide by
_FRACTIONS = number_map("fractions")
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_NUMBER_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_RANGE_RE = re.compile(r"^(\d+(?:\.\d+)?)[-–](\d+(?:\.\d+)?)$")
# a scale written onto the figure in one token: "3.5bn", "2bn" ("1.2m" the tokenizer splits)
_SUFFIXED_RE = re.compile(r"^(\d+(?:\.\d+)?)(bn|m)$")
_MONTHS = word_set("months") | word_set("month_abbreviations")
_TIME_UNITS = word_set("time_units")
_OFFSET_WORDS = word_set("offset_words")
_PRONOUNS = frozenset({"them", "those", "these", "it"})
# "US$1 million", "A$5": whose dollar, before the sign; "$US1 million": after it,
# written onto the figure
_DOLLAR_COUNTRIES = word_map("dollar_countries")
_DOLLAR_SIGN_RE = re.compile(r"^(" + "|".join(_DOLLAR_COUNTRIES) + r")\$$")
_DOLLAR_PREFIX_RE = re.compile(r"^(" + "|".join(_DOLLAR_COUNTRIES) + r")(?=\d)")


def find_quantities(span: Span) -> list[Quantity]:
    """The quantities stated in a span, each with its unit, approximation and range.

    Years and calendar dates are skipped; "162 of them" borrows the unit of the
    quantity stated just before it in the span.
    """
    found: list[Quantity] = []
    tokens = list(span)
    i = 0
    while i < len(tokens):
        quantity, i = _read_at(tokens, i, found)
        if quantity is not None:
            found.append(quantity)
    return _join_time_parts(found, doc_text(span.doc)) if found else found


# "4 minutes 48 seconds", "2 hours and 30 minutes": the smaller unit after a time
_TIME_PART_RE = re.compile(r"\s*(?:and\s+)?(\d+(?:\.\d+)?)\s+(minutes?|seconds?)\b")
_SMALLER_UNIT = {"hour": "minute", "minute": "second"}


def _join_time_parts(found: list[Quantity], text: str) -> list[Quantity]:
    """A time given in two units is one figure in the larger unit: "4 minutes 48
    seconds" is 4.8 minutes, not 4 minutes and another figure."""
    out: list[Quantity] = []
    for q in found:
        if out and out[-1].end > q.start:
            continue  # the smaller part, already joined to the figure before it
        smaller = _SMALLER_UNIT.get(q.unit.lower().rstrip("s"))
        match = _TIME_PART_RE.match(text, q.end) if smaller else None
        if match is not None and match.group(2).rstrip("s") == smaller:
            q = Quantity(value=q.value + float(match.group(1)) / 60, text=text[q.start:match.end()],
                         start=q.start, end=match.end(), unit=q.unit, approx=q.approx)
        out.append(q)
    return out


def _read_at(tokens: list[Token], i: int, found: list[Quantity]) -> tuple[Quantity | None, int]:
    token = tokens[i]
    if token.lower_ == "between":
        rng = _between(tokens, i)
        if rng is not None:
            return rng
    if token.lower_ in VAGUE_COUNTS:
        return _vague(tokens, i)
    suspended = _suspended_range(tokens, i, found)
    if suspended is not None:
        return suspended
    share = _share(tokens, i)
    if share is not None:
        return share
    if not _is_number_token(token):
        return None, i + 1
    j = i
    while True:
        if _hyphenated_word_number(tokens, j):
            # "forty-two": the tokenizer splits the word at its hyphen
            j += 2
        elif (j + 1 < len(tokens) and _is_number_token(tokens[j + 1])
              and not _RANGE_RE.match(tokens[j].text)):
            j += 1
        else:
            break
    group = [t for t in tokens[i : j + 1] if t.text != "-"]
    if _hyphen_scale(tokens, j):
        # "$5.4-billion": the scale word joined by a hyphen scales the figure
        group, j = [*group, tokens[j + 2]], j + 2
    if group[0].lower_ == "one" and len(group) == 1 and group[0].dep_ not in ("nummod", "quantmod"):
        # "one of Kyiv's boldest strikes" picks out a thing; it does not count it.
        return None, j + 1
    if _is_date_number(group) or _in_a_name(group) or _labels_a_thing(group):
        return None, j + 1
    quantity = _build(group, tokens, i, j, found)
    if quantity is not None and _is_time_offset(quantity, group[-1]):
        quantity = None
    k = _after_unit(tokens, j)
    if quantity is not None:
        # Resume after the whole quantity ("30-50 protesters" is read once).
        while (
            k < len(tokens)
            and tokens[k].idx < quantity.end
            and tokens[k].i <= _last_number(tokens, quantity)
        ):
            k += 1
    return quantity, k


_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})

# words a share can open with besides a figure: "half the members", "a third of"
_SHARE_OPENERS = frozenset({"half", "a", "an"})
# the article and the possessives that make a noun phrase of what follows
_DEFINITE = frozenset({"the", "its", "their", "his", "her", "our"})
# words after "half" that make it a share of what follows ("half the members")
_HALF_OF = _DEFINITE | {"of", "those", "these"}


def _share(tokens: list[Token], i: int) -> tuple[Quantity, int] | None:
    """A share told as a fraction or a ratio, read as a percentage ("two-thirds of
    voters" is 66.7 %, "one in five voters" 20 %, "as many as 1 in 500 users"
    0.2 %, "half the members" 50 %), with the hedge before it and the noun it is
    a share of in its text: no count of "thirds" or of five voters.

    Returns the share and the index to read on from, or ``None``."""
    word = tokens[i].lower_
    if not (word in _SHARE_OPENERS or word in _WORD_VALUES or tokens[i].like_num):
        # most words open no share: the readers below are not tried on them
        return None
    read = _fraction_at(tokens, i) or _ratio_at(tokens, i)
    if read is None:
        return None
    percent, last = read
    approx, start_tok = _approx_before(tokens, i)
    noun = _share_noun(tokens, last.i - tokens[0].i)
    end_tok = noun or last
    start, end = start_tok.idx, end_tok.idx + len(end_tok.text)
    quantity = Quantity(value=percent, text=doc_text(last.doc)[start:end], start=start,
                        end=end, unit="%", approx=approx)
    return quantity, end_tok.i - tokens[0].i + 1


def _fraction_at(tokens: list[Token], i: int) -> tuple[float, Token] | None:
    """A fraction starting at ``tokens[i]`` and its last token: "a third", "two
    thirds", "two-thirds" followed by "of" ("a third of the houses"), a fraction
    joined by its hyphen before the noun it qualifies ("a two-thirds majority"),
    and "half of", "half the". An ordinal is no fraction ("a third term", "the
    third quarter"), nor a count of periods ("played three quarters"), nor a
    part of a time ("half an hour", "a quarter of an hour")."""
    first = tokens[i]
    if first.lower_ == "half":
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = tokens[i - 1] if i > 0 else None
        # "the second half of 2012", "the lower half", "one and a half": a named part
        named_part = before is not None and (before.lower_ in ("a", "and", "the")
                                             or before.pos_ == "ADJ")
        if (after is not None and after.lower_ in _HALF_OF and not named_part
                and not _of_a_time(tokens, i + 1)):
            return 50.0, first
        return None
    numerator = 1.0 if first.lower_ in ("a", "an") else _lone_value(first)
    k, hyphened = i + 1, False
    if k < len(tokens) and tokens[k].text == "-" and not first.whitespace_:
        k, hyphened = k + 1, True
    if numerator is None or numerator < 1 or k >= len(tokens):
        return None
    word = tokens[k].lower_
    singular = word.removesuffix("s")
    plural = singular != word
    if (singular not in _FRACTIONS or singular == "half" or plural != (numerator > 1)
            or numerator >= _FRACTIONS[singular]):
        # "nine quarters of football" is more than a whole: periods of play
        return None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    of = after is not None and after.lower_ == "of" and not _of_a_time(tokens, k + 1)
    qualifies = hyphened and after is not None and after.pos_ in ("NOUN", "ADJ")
    if not (of or qualifies):
        return None
    return 100 * numerator / _FRACTIONS[singular], tokens[k]


def _ratio_at(tokens: list[Token], i: int) -> tuple[float, Token] | None:
    """A ratio starting at ``tokens[i]`` and its last token: "one in five", "1 in
    every 500", "a one-in-three chance", "seven out of 10". Its second figure is
    larger, and no time unit follows it ("3 in 10 minutes" is a count in a time)."""
    part = _lone_value(tokens[i])
    if part is None or part < 1:
        return None
    k = i + 1
    words = []
    while k < len(tokens) and (tokens[k].lower_ in ("in", "out", "of", "every")
                               or tokens[k].text == "-"):
        if tokens[k].text != "-":
            words.append(tokens[k].lower_)
        k += 1
    if words not in (["in"], ["in", "every"], ["out", "of"], ["out", "of", "every"]):
        return None
    whole = _lone_value(tokens[k]) if k < len(tokens) else None
    if whole is None or whole <= part or _is_date_number([tokens[k]]):
        return None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if after is not None and _is_time_unit(after):
        return None
    return 100 * part / whole, tokens[k]


def _lone_value(token: Token) -> float | None:
    """The value of one token that is a figure or a number word ("500", "five"),
    whatever the parse makes of it, else ``None``."""
    if _is_number_token(token) or token.lower_ in _WORD_VALUES:
        return _number_value([token])
    return None


def _of_a_time(tokens: list[Token], k: int) -> bool:
    """Whether the words from ``tokens[k]`` are "of an hour", "an hour", "of a
    century": a part of a time, not a share of things."""
    words = [t for t in tokens[k:k + 3] if t.lower_ not in ("of", "a", "an", "the")]
    return bool(words) and _is_time_unit(words[0])


def _is_time_unit(token: Token) -> bool:
    """Whether a word names a unit of time ("hour", "minutes", "a century")."""
    return token.lemma_.lower() in _TIME_UNITS or token.lower_ in _TIME_UNITS


def _share_noun(tokens: list[Token], k: int) -> Token | None:
    """The noun a share at ``tokens[k]`` is of: the first noun after it, past "of",
    articles and adjectives ("of the houses", "majority", "chance"); none when a
    figure comes first ("of the 300 workers": that figure is read on its own)."""
    for token in tokens[k + 1:k + 6]:
        if _is_number_token(token):
            return None
        if token.pos_ in ("NOUN", "PROPN"):
            # "500 Windows users": the head of the compound
            while token.dep_ == "compound" and token.head.i > token.i:
                token = token.head
            return token
        if token.pos_ not in ("ADP", "DET", "ADJ", "PUNCT") or token.lower_ in ("in", "out"):
            return None
    return None


# the number words a hyphen joins ("forty-two"), from the number-word list
_TENS = frozenset(w for w, v in _WORD_VALUES.items() if 20 <= v <= 90 and v % 10 == 0)
_UNITS = frozenset(w for w, v in _WORD_VALUES.items() if 1 <= v <= 9)


def _hyphenated_word_number(tokens: list[Token], j: int) -> bool:
    """Whether ``tokens[j]`` is a tens word that a hyphen joins to a units word
    ("Twenty-six", "forty-two")."""
    return (j + 2 < len(tokens) and tokens[j].lower_ in _TENS and tokens[j + 1].text == "-"
            and not tokens[j + 1].whitespace_ and not tokens[j].whitespace_
            and tokens[j + 2].lower_ in _UNITS)


def _hyphen_scale(tokens: list[Token], j: int) -> bool:
    """Whether the number ending at ``j`` is joined by a hyphen, without spaces, to
    a scale word ("5.4-billion")."""
    return (j + 2 < len(tokens) and tokens[j + 1].text in ("-", "\u2013")
            and not tokens[j].whitespace_ and not tokens[j + 1].whitespace_
            and tokens[j + 2].lower_ in _MULTIPLIERS)


def _is_time_offset(quantity: Quantity, last: Token) -> bool:
    # "one day after", "two weeks ago": a position in time, not an amount.
    if quantity.unit.rstrip("s") not in _TIME_UNITS:
        return False
    doc = last.doc
    after = doc.char_span(quantity.end, len(doc_text(doc)), alignment_mode="expand")
    return after is not None and len(after) > 0 and after[0].lower_ in _OFFSET_WORDS


def _last_number(tokens: list[Token], quantity: Quantity) -> int:
    inside = [t.i for t in tokens if quantity.start <= t.idx < quantity.end and _is_number_token(t)]
    return max(inside) if inside else -1


def _after_unit(tokens: list[Token], j: int) -> int:
    # Skip "-" and "%" following a number so they are not read again.
    k = j + 1
    while k < len(tokens) and tokens[k].text in ("%", "-", "–"):
        k += 1
    return k


def _is_number_token(token: Token) -> bool:
    text = _figure_text(token)
    if _NUMBER_RE.match(text) or _RANGE_RE.match(text) or _SUFFIXED_RE.match(text):
        return True
    if text in _SCALE_ABBREVIATIONS:
        # "$5m", "1.2m people": an "m" or "bn" is a scale only written onto a figure
        # ("I ’ m so relieved" has none)
        return _written_onto_figure(token)
    if text in _WORD_VALUES or text in _MULTIPLIERS:
        return (token.pos_ == "NUM" or text in _MULTIPLIERS or token.dep_ in ("nummod", "quantmod")
                or (text == "dozen" and _article_before(token)))
    return False


def _half_before(tokens: list[Token], i: int) -> bool:
    """Whether "half a" stands before the number word at ``i`` ("half a million")."""
    return i > 1 and tokens[i - 1].lower_ == "a" and tokens[i - 2].lower_ == "half"


def _article_before(token: Token) -> bool:
    """Whether "a" or "an" comes right before the token ("a dozen", which the parser
    often reads as a noun compound: "a dozen parcels")."""
    return token.i > 0 and token.nbor(-1).lower_ in ("a", "an")


def _lead(tokens: list[Token], i: int) -> int:
    """Where the words of a figure starting at ``tokens[i]`` begin: at the article of
    "a dozen", "a hundred", or at the currency sign before it (so a hedge before
    them, "at least a dozen", "about $40,000", is found)."""
    word = _figure_text(tokens[i])
    if (word == "dozen" or word in _SCALE_WORDS) and i > 0 and _article_before(tokens[i]):
        return i - 2 if _half_before(tokens, i) else i - 1
    if _currency_before(tokens, i) is not None:
        # "more than $60 million": the hedge stands before the sign
        return i - 1
    return i


def _figure_text(token: Token) -> str:
    """A token's text as a figure: lower case, and without the country a "$" before
    it names ("$US1": "1")."""
    text = token.lower_
    if token.i > 0 and token.nbor(-1).text == "$":
        text = _DOLLAR_PREFIX_RE.sub("", text)
    if text[:-1] in _SCALE_ABBREVIATIONS and text.endswith(".") and _written_onto_figure(token):
        # "$3.5m." at a sentence's end: the tokenizer keeps the full stop on the scale
        return text[:-1]
    return text


def _written_onto_figure(token: Token) -> bool:
    """Whether the token follows a number with no space between ("3.5m", "3.5m.")."""
    return (token.i > 0 and not token.nbor(-1).whitespace_
            and bool(_NUMBER_RE.match(token.nbor(-1).text)))


def _number_value(group: list[Token]) -> float | None:
    value: float | None = None
    for token in group:
        text = _figure_text(token).replace(",", "")
        suffixed = _SUFFIXED_RE.match(text)
        if suffixed:
            value = (value or 0.0) + float(suffixed.group(1)) * _MULTIPLIERS[suffixed.group(2)]
            continue
        if text in _MULTIPLIERS or (text == "dozen" and value is not None):
            # "two dozen" is 2 x 12, "a dozen" alone 12.
            factor = _MULTIPLIERS.get(text, 12)
            value = (value if value is not None else 1.0) * factor
        elif text in _WORD_VALUES:
            value = (value or 0.0) + _WORD_VALUES[text]
        else:
            try:
                value = (value or 0.0) + float(text)
            except ValueError:
                return None
    return value


# words before a year-like figure that make it a year: "the 2016 elections"
_YEAR_DETERMINERS = _DEFINITE | {"this", "that", "last", "next"}


def _is_date_number(group: list[Token]) -> bool:
    token = group[0]
    text = token.text
    neighbours = [token.nbor(k).lower_ for k in (-2, -1, 1) if 0 <= token.i + k < len(token.doc)]
    if any(n.rstrip(".") in _MONTHS for n in neighbours) and len(group) == 1 and text.isdigit():
        return True
    if len(group) == 1 and re.fullmatch(r"1[89]\d\d|20\d\d", text):
        # A year unless it plainly counts something ("2000 troops"); after a
        # determiner it names the year of what follows ("the 2016 elections")
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        determined = token.i > 0 and token.nbor(-1).lower_ in _YEAR_DETERMINERS
        return determined or not (token.dep_ == "nummod" and nxt is not None
                                  and nxt.tag_ == "NNS")
    return (token.ent_type_ in ("DATE", "TIME") and not _counts_duration(token)
            and not _counts_a_thing_after(token))


def _counts_a_thing_after(token: Token) -> bool:
    """Whether a number counts the plural noun after it ("said Sunday 40 people
    were hurt": the parser puts "Sunday 40" in one date, but "40" counts people)."""
    head = token.head
    return (token.dep_ == "nummod" and head.i > token.i and head.tag_ == "NNS"
            and head.lemma_.lower() not in _TIME_UNITS)


# A number tagged as one of these counts or measures, whatever word comes before it.
_NUMERIC_ENTITIES = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME",
                               "ORDINAL"})
# A person or place before a number makes a score or an ellipsis ("Elin 3, Tarvel
# 1", "Ilves scored 16 and Baro 12"), not a name.
_NAMED_BEINGS = frozenset({"PERSON", "GPE", "NORP", "LOC"})


def _in_a_name(group: list[Token]) -> bool:
    """Whether a lone number is part of the name the word before it opens: the
    parser makes it that capitalised word's modifier, and the recogniser tags
    both as one name, or neither as a count ("Title 42", "Article 5", "Chapter
    11", "Route 66", "Flight 370")."""
    if len(group) != 1:
        return False
    token = group[0]
    head = token.head
    return (token.dep_ == "nummod" and head.i == token.i - 1 and head.text[:1].isupper()
            and head.is_alpha and token.ent_type_ not in _NUMERIC_ENTITIES
            and head.ent_type_ not in _NAMED_BEINGS)


_LABEL_NOUNS = word_set("label_nouns")


def _labels_a_thing(group: list[Token]) -> bool:
    """Whether a lone figure labels a thing rather than counting one: right after
    the noun it numbers (:data:`_LABEL_NOUNS`: "week 14", "room 101", "version
    6"; not "magnitude 7.6" nor "population 167,000"). A rank after a number
    sign ("the No. 5 seed") is kept: outlets state it as a figure ("the five
    seed"), and two ranks can disagree."""
    if len(group) != 1:
        return False
    token = group[0]
    head = token.head
    return (token.dep_ == "nummod" and head.i == token.i - 1 and head.lower_ in _LABEL_NOUNS
            and head.is_lower)


def _counts_duration(token: Token) -> bool:
    # "30-day ceasefire", "three years": numbers inside DATE entities that measure time.
    head = token.head
    return head.lemma_.lower() in ("day", "week", "month", "year", "hour", "minute", "decade")


def _build(
    group: list[Token], tokens: list[Token], i: int, j: int, found: list[Quantity]
) -> Quantity | None:
    first, last = group[0], group[-1]
    rng = _RANGE_RE.match(first.text) if len(group) == 1 else None
    low = high = None
    joined = None
    if rng:
        low, high = float(rng.group(1)), float(rng.group(2))
        value: float | None = low
    else:
        value = _number_value(group)
        hyphen_range = _hyphen_range(tokens, j)
        joined = _joined_range(tokens, j) if hyphen_range is None else None
        if hyphen_range is not None and value is not None:
            low, high = value, hyphen_range[0]
            last = hyphen_range[1]
        elif joined is not None and value is not None:
            low, high = value, joined[0]
    if value is None:
        return None
    if _half_before(tokens, i) and (first.lower_ == "dozen" or first.lower_ in _SCALE_WORDS):
        value = value / 2  # "half a million"
    approx, start_tok = _approx_before(tokens, _lead(tokens, i))
    scaled = _scale_written_on(last)
    if joined is not None:
        # the unit is the word joined after the range: "8-to-12-week-old" counts weeks
        unit, unit_end = joined[2].lower_, joined[2]
    elif scaled:
        # "1.2m people", "2bn people": the scale is no noun; the word after it is
        unit, unit_end = _scaled_unit(last, found)
    else:
        unit, unit_end = _unit(last, found)
    if not unit and last.i != first.i and not scaled:
        unit, unit_end = _unit(first, found)
    start = start_tok.idx
    currency = _currency_before(tokens, i)
    if _metres_not_millions(group, currency):
        # "fell 200m down a gully": the value is in metres
        value, unit, unit_end = value / _MULTIPLIERS["m"], "m", last
    if currency:
        unit = currency
        start = min(start, tokens[i - 1].idx)
    end_tok = unit_end or last
    end = max(end_tok.idx + len(end_tok.text), last.idx + len(last.text))
    return Quantity(
        value=value,
        text=doc_text(first.doc)[start:end],
        start=start,
        end=end,
        unit=unit,
        approx=approx,
        low=low,
        high=high,
    )


def _scaled_unit(scale: Token, found: list[Quantity]) -> tuple[str, Token | None]:
    """What a figure with its scale written on counts (:func:`_noun_counted_after`,
    else what the parse hangs the scale on), never the scale itself."""
    counted = _noun_counted_after(scale)
    if counted is not None:
        return counted.lower_, counted
    unit, unit_end = _unit(scale, found)
    return ("", None) if unit == _figure_text(scale) else (unit, unit_end)


def _noun_counted_after(scale: Token) -> Token | None:
    """The common noun a figure with its scale written on counts: the word after
    it, or the head its words modify ("2m Windows users": users), never a name
    ("$787bn American Recovery and Reinvestment Act")."""
    if scale.i + 1 >= len(scale.doc):
        return None
    noun = scale.nbor(1)
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    return noun if noun.pos_ == "NOUN" and noun.i > scale.i else None


def _scale_written_on(token: Token) -> bool:
    """Whether the token is a scale written onto a figure: "2bn", or the "m" of "1.2m"."""
    text = _figure_text(token)
    return bool(_SUFFIXED_RE.match(text)) or (text in _SCALE_ABBREVIATIONS
                                              and _written_onto_figure(token))


def _metres_not_millions(group: list[Token], currency: str | None) -> bool:
    """Whether an "m" written onto a figure means metres: no currency before it
    ("$5m" is five million) and no thing counted after it ("2m residents")."""
    last = group[-1]
    if len(group) < 2 or last.lower_ != "m" or group[-2].whitespace_ or currency:
        return False
    after = last.nbor(1) if last.i + 1 < len(last.doc) else None
    return after is None or after.pos_ not in ("NOUN", "PROPN")


# "to-12" in "8-to-12-week-old": the tokenizer keeps the range's upper end with "to"
_TO_BOUND_RE = re.compile(r"^to-(\d+(?:\.\d+)?)$", re.IGNORECASE)


def _joined_range(tokens: list[Token], j: int) -> tuple[float, Token, Token] | None:
    """A range written as one hyphenated word before its unit ("8-to-12-week-old",
    "a 10-to-15-minute walk"): the upper end, its token and the unit's token.
    Without a unit joined after it ("a 5-to-4 ruling") it is a tally, not a range."""
    if not (j + 4 < len(tokens) and tokens[j + 1].text == "-" and not tokens[j].whitespace_
            and not tokens[j + 1].whitespace_):
        return None
    bound, hyphen, unit = tokens[j + 2], tokens[j + 3], tokens[j + 4]
    match = _TO_BOUND_RE.match(bound.text)
    if match is None or bound.whitespace_ or hyphen.text != "-" or hyphen.whitespace_:
        return None
    if unit.pos_ not in ("NOUN", "PROPN") and unit.lower_ not in _TIME_UNITS:
        return None
    return float(match.group(1)), bound, unit


def _hyphen_range(tokens: list[Token], j: int) -> tuple[float, Token] | None:
    # "30 - 50" split into three tokens, or "30 to 50".
    if (
        j + 2 < len(tokens)
        and tokens[j + 1].text in ("-", "–", "to")
        and _NUMBER_RE.match(tokens[j + 2].text)
    ):
        nxt = tokens[j + 2]
        if tokens[j + 1].text == "to" or not tokens[j + 1].whitespace_:
            return float(nxt.text.replace(",", "")), nxt
    return None


def _approx_before(tokens: list[Token], i: int) -> tuple[str | None, Token]:
    for phrase in _APPROX:
        n = len(phrase.split())
        if i - n < 0:
            continue
        words = " ".join(t.lower_ for t in tokens[i - n : i])
        if words == phrase:
            return phrase, tokens[i - n]
    return None, tokens[i]


def _currency_before(tokens: list[Token], i: int) -> str | None:
    """The currency of the sign before the number at ``i``: "$", "€", or a dollar
    with its country before or after the sign ("US$1", "A$5", "$US1")."""
    if i == 0:
        return None
    sign = tokens[i - 1].text
    if sign in _CURRENCY:
        country = _DOLLAR_PREFIX_RE.match(tokens[i].lower_) if sign == "$" else None
        return _DOLLAR_COUNTRIES[country.group(1)] if country else _CURRENCY[sign]
    country = _DOLLAR_SIGN_RE.match(sign.lower())
    return _DOLLAR_COUNTRIES[country.group(1)] if country else None


def _unit(last: Token, found: list[Quantity]) -> tuple[str, Token | None]:
    """What the number counts, and the token that ends the quantity's text."""
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.lower_ in _PERCENT_WORDS:
        return "%", nxt
    if (
        nxt is not None
        and nxt.lower_ == "per"
        and nxt.i + 1 < len(last.doc)
        and last.nbor(2).lower_ == "cent"
    ):
        return "%", last.nbor(2)
    if nxt is not None and _plural_read_as_verb(last, nxt):
        # "34 passes for 364 yards": the tagger's verb is the noun counted
        return nxt.lower_, nxt
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound")
        and _reads_as_noun(head)
        and head.i > last.i
    ):
        if _dash_between(last, head) and nxt is not None and nxt.pos_ == "NOUN":
            # "31 goals - breaking Marn's club record": the parse hangs the figure
            # on a noun past a dash, but the dash closes the phrase it counts
            return nxt.lower_, nxt
        return head.lower_, head
    if last.dep_ in ("nummod", "quantmod") and head.pos_ == "NUM":
        return _unit(head, found)
    of_object = _of_object(last)
    if of_object is not None:
        if of_object.lower_ in _PRONOUNS:
            return (found[-1].unit if found else ""), of_object
        if _is_number_token(of_object):
            # "29 of 34 passes": a figure out of another counts what that one counts
            return _unit(of_object, found)[0], of_object
        return of_object.lower_, of_object
    if (found and found[-1].unit and not _counted_by_what_befell(found[-1], last.doc)
            and _leaves_its_noun_unsaid(last, found[-1])):
        # "for 11 seasons and ... for seven", "scored 14 points and Baro scored 13",
        # "30 people were killed and 55 injured"
        return found[-1].unit, None
    if nxt is not None and _befell(nxt):
        # "30 dead and 55 wounded": what befell the people counts them (a toll
        # lends its outcome to no other figure: 55 are not dead)
        return nxt.lower_, nxt
    return "", None


_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def _befell(token: Token) -> bool:
    """Whether ``token``, right after a bare figure, says what befell the people it
    counts: "dead", "wounded", "missing" as an adjective or a participle, not a
    verb in its own clause ("five were killed", "the mother of two died")."""
    return token.lower_ in OUTCOMES and token.tag_ in ("JJ", "VBN")


def _counted_by_what_befell(quantity: Quantity, doc: Doc) -> bool:
    """Whether a figure read before counts by what befell its people ("30 dead"):
    a toll lends its outcome to no other figure ("30 dead and 55 wounded"), while
    a noun of one does ("six arrests ..., compared to 47")."""
    span = doc.char_span(quantity.end - len(quantity.unit), quantity.end)
    return span is not None and len(span) == 1 and _befell(span[0])


def _reads_as_noun(token: Token) -> bool:
    """Whether the tagger or the parse reads ``token`` as a noun: "207 punches
    thrown" has a plural noun the parse makes an auxiliary of "thrown"."""
    return token.pos_ in ("NOUN", "PROPN") or token.tag_ in _NOUN_TAGS


def _plural_read_as_verb(figure: Token, nxt: Token) -> bool:
    """Whether the word after a figure of more than one is a verb in the third
    person singular ending in "s" that takes nothing after it as a verb would
    ("34 passes for 364 yards", "39 passes."): a plural figure takes no such
    verb, so the word is the plural noun it counts. "one passes the test",
    "MS08-078 addresses a flaw" (an object follows) and "$1.1 million is" keep
    their verbs."""
    if (nxt.tag_ != "VBZ" or not nxt.lower_.endswith("s") or nxt.lemma_ in _AUXILIARIES
            or _figure_text(figure) in ("1", "one")):
        return False
    after = nxt.nbor(1) if nxt.i + 1 < len(nxt.doc) else None
    return after is None or after.pos_ in ("ADP", "PUNCT", "CCONJ", "SCONJ")


_AUXILIARIES = frozenset({"be", "have", "do"})


# what a figure whose noun is left unsaid can be in its clause, in the role the
# figure before it plays: a subject ("30 people were killed and 55 injured"), or
# an object of a verb or a preposition ("for 11 seasons and ... for seven")
_ELLIPSIS_ROLES = {"nsubj": "subject", "nsubjpass": "subject", "dobj": "object",
                   "pobj": "object", "conj": "object"}
# the figure before may also be an object the parser reads as an adverbial noun
# ("scored 14 points": npadvmod) or a complement ("the toll was 30 people")
_COUNTED_ROLES = {**_ELLIPSIS_ROLES, "npadvmod": "object", "attr": "object"}
# what cannot follow such a figure: a word it counts or qualifies, or a bracket, a
# dash or a sign that makes it a tally, a record or a measure
_NOT_AFTER_ELLIPSIS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "SYM", "X"})
_MONEY_UNITS = frozenset(_CURRENCY.values()) | frozenset(_DOLLAR_COUNTRIES.values())


def _leaves_its_noun_unsaid(last: Token, before: Quantity) -> bool:
    """Whether a bare figure counts what the figure before it in the span counts:
    both are subjects or both objects (not "20 points in 30 minutes; 12 came in
    the first half"), nothing it could count follows it, no bracket, dash or
    number sign stands next to it, and the figure before is no sum of money
    (money is counted by its currency: "raised $35 million and employs 60")."""
    role = _ELLIPSIS_ROLES.get(last.dep_)
    if role is None or before.unit in _MONEY_UNITS or before.unit == "%":
        return False
    counted = last.doc.char_span(before.start, before.end, alignment_mode="expand")
    if counted is None or _COUNTED_ROLES.get(counted.root.dep_) != role:
        return False
    nxt = last.nbor(1) if last.i + 1 < len(last.doc) else None
    prev = last.nbor(-1) if last.i > 0 else None
    if nxt is not None and (nxt.pos_ in _NOT_AFTER_ELLIPSIS or nxt.text in _DASHES
                            or nxt.text in ("(", ")", "%")):
        return False
    return prev is None or (prev.text not in _DASHES and prev.text not in ("(", "#", "No."))


def _dash_between(last: Token, head: Token) -> bool:
    """Whether a dash (a hyphen or en or em dash with a space before it) stands
    between a figure and the noun the parse hangs it on, other than right after
    the figure ("86 - yard", as some wire text spaces a compound's hyphen)."""
    return any(t.text in _DASHES and t.i > last.i + 1 and t.nbor(-1).whitespace_
               for t in last.doc[last.i + 1:head.i])


def _of_object(token: Token) -> Token | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _vague(tokens: list[Token], i: int) -> tuple[Quantity, int]:
    """A vague count ("thousands of people": 2,000 and up, the word as its
    hedge), or a vague count of a scale read as one count with its range
    ("hundreds of thousands": 200,000 to a million; "tens of millions")."""
    token = tokens[i]
    floor = float(VAGUE_COUNTS[token.lower_])
    low = high = None
    counted = token
    scale = _vague_scale(tokens, i)
    if scale is not None:
        # the floor of a vague count is twice its order ("hundreds": 200)
        multiplier = _MULTIPLIERS[scale.lower_[:-1]]
        low, high = floor * multiplier, floor / 2 * 10 * multiplier
        floor, counted = low, scale
    of_object = _of_object(counted)
    unit = of_object.lower_ if of_object is not None else ""
    end_tok = of_object if of_object is not None else counted
    start, end = token.idx, end_tok.idx + len(end_tok.text)
    quantity = Quantity(value=floor, text=doc_text(token.doc)[start:end], start=start, end=end,
                        unit=unit, approx=token.lower_, low=low, high=high)
    return quantity, (counted.i - tokens[0].i + 1)


def _vague_scale(tokens: list[Token], i: int) -> Token | None:
    """The scale a vague count counts ("hundreds of thousands": "thousands"), if
    "of" and a plural scale word follow it."""
    if i + 2 >= len(tokens) or tokens[i + 1].lower_ != "of":
        return None
    scale = tokens[i + 2]
    word = scale.lower_
    return scale if word.endswith("s") and word[:-1] in _SCALE_WORDS else None


def _between(tokens: list[Token], i: int) -> tuple[Quantity | None, int] | None:
    # "between 30 and 50 people"
    if i + 3 >= len(tokens):
        return None
    a, conj, b = tokens[i + 1], tokens[i + 2], tokens[i + 3]
    if not (_is_number_token(a) and conj.lower_ == "and" and _is_number_token(b)):
        return _between_figures(tokens, i)
    low, high = _number_value([a]), _number_value([b])
    if low is None or high is None:
        return None
    unit, unit_tok = _unit(b, [])
    if not unit:
        unit, unit_tok = _unit(a, [])
    if not unit and _is_date_number([a]) and _is_date_number([b]):
        # "between 1991 and 1998": a span of years, no count
        return None, i + 4
    start = tokens[i].idx
    end_tok = unit_tok if unit_tok is not None and unit_tok.i > b.i else b
    end = end_tok.idx + len(end_tok.text)
    quantity = Quantity(
        value=low,
        text=doc_text(tokens[i].doc)[start:end],
        start=start,
        end=end,
        unit=unit,
        approx="between",
        low=low,
        high=high,
    )
    return quantity, i + 4


def _between_figures(tokens: list[Token], i: int) -> tuple[Quantity, int] | None:
    """"between $60 million and $70 million", "between $60 million to $70 million":
    two whole figures of one unit as one range."""
    low, k = _figure_at(tokens, i + 1)
    if low is None or k >= len(tokens) or tokens[k].lower_ not in ("and", "to"):
        return None
    high, end = _figure_at(tokens, k + 1)
    if high is None or high.unit != low.unit or not low.unit:
        return None
    floor = low.value * _scale_left_unsaid(low, high)
    if high.value <= floor:
        return None
    return _range_up_to(tokens[i], floor, high, "between"), end


def _range_up_to(first: Token, low: float, high: Quantity, approx: str | None) -> Quantity:
    """The range from ``low``, written from ``first`` on, up to the figure ``high``
    (whose unit it takes)."""
    start = first.idx
    return Quantity(value=low, text=doc_text(first.doc)[start:high.end], start=start,
                    end=high.end, unit=high.unit, approx=approx, low=low, high=high.value)


def _scale_left_unsaid(low: Quantity, high: Quantity) -> float:
    """The scale the first figure of a range shares with the second without saying
    it ("between $5 and $7 million": 5 million), else 1."""
    scales = [_MULTIPLIERS[w] for w in high.text.lower().split() if w in _SCALE_WORDS]
    if scales and not any(w in _SCALE_WORDS for w in low.text.lower().split()):
        return float(scales[-1])
    return 1.0


def _figure_at(tokens: list[Token], k: int) -> tuple[Quantity | None, int]:
    """The figure whose words start at ``tokens[k]`` (a currency sign, or the number),
    and the index after it."""
    if k + 1 < len(tokens) and _currency_before(tokens, k + 1) is not None:
        k += 1
    if k >= len(tokens) or not _is_number_token(tokens[k]):
        return None, k
    return _read_at(tokens, k, [])


_SUSPENDED_RE = re.compile(r"^(\d+(?:\.\d+)?)-$")


def _suspended_range(tokens: list[Token], i: int, found: list[Quantity]
                     ) -> tuple[Quantity, int] | None:
    """"a 40- to 60-hour course": a figure whose hyphen waits for the unit of the
    figure after "to" (or "or") is the low end of one range."""
    first = _SUSPENDED_RE.match(tokens[i].text)
    if first is None or i + 2 >= len(tokens) or tokens[i + 1].lower_ not in ("to", "or"):
        return None
    high, end = _read_at(tokens, i + 2, found)
    low = float(first.group(1))
    if high is None or not high.unit or high.value <= low:
        return None
    return _range_up_to(tokens[i], low, high, high.approx), end
