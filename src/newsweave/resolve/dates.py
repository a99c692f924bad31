"""Time expressions: resolve "on Tuesday", "one day after", "in May" against a date.

Our own rules handle the expressions news uses most, relative to the
article's publication date; dateparser (``RELATIVE_BASE`` = published,
``PREFER_DATES_FROM='past'``) handles the rest.

Conventions (news reports the past, so relative expressions look back):

- "one day after" / "a day after": the earlier event was the day before
  publication: ``published - 1 day``, precision day.
- "overnight", "today", "tonight", "this morning": ``published``, day.
- "yesterday", "last night": ``published - 1 day``, day.
- "last week": ``published - 7 days`` with precision **month**: a week is coarser
  than a day, and month is the nearest coarser precision the records have.
- a weekday ("on Tuesday"): the most recent such day on or before ``published``.
- a month ("in May"): the most recent such month on or before ``published``,
  precision month; "February 2022": month; a year ("in 1991"): year.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal

from newsweave.words import number_map, word_list, word_set

Precision = Literal["day", "month", "year"]
Resolved = tuple[dt.date | None, Precision | None]

WEEKDAYS = word_list("weekdays")
MONTHS = word_list("months")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_LEAD = re.compile(r"^(?:on|in|since|by|during|from|until|as of|early|late|mid-?|earlier|"
                   r"the|this past|last|of)\s+")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_NONE: Resolved = (None, None)
# Same-day and previous-day words.
SAME_DAY = word_set("same_day_words")
DAY_BEFORE = word_set("day_before_words")


# "last month" -> (unit, how many back from the publication's month or year).
CALENDAR_WORDS = {
    "this month": ("month", 0), "last month": ("month", 1), "the previous month": ("month", 1),
    "this year": ("year", 0), "last year": ("year", 1), "the previous year": ("year", 1),
}
NUMBER_WORDS = number_map("indefinite_counts") | {
    word: value for word, value in number_map("number_words").items() if 1 <= value <= 12}
_AGO = re.compile(r"(\d+|a few|several|[a-z]+)\s+(day|week|month|year)s?\s+ago")


def resolve_date(expr: str, published: dt.date | None, *, ahead: bool = False) -> Resolved:
    """The date an expression refers to, and how precise it is.

    Args:
        expr: a time expression as written ("on Tuesday", "February 2022").
        published: the article's publication date; relative expressions need it.
        ahead: the sentence speaks of the future ("will meet in May"): a month or
            weekday without a year is the next one on or after ``published``.

    Returns:
        ``(date, precision)``, or ``(None, None)`` when the expression cannot be resolved.
    """
    text = re.sub(r"\s+", " ", expr.strip().lower()).strip(" ,.;")
    if not text:
        return _NONE
    if ahead and published is not None:
        found = _next_month(text, published) or _next_weekday(text, published)
        if found is not None:
            return found
    for rule in (_relative_words, _weekday, _month_year, _month_only, _year_only):
        found = rule(text, published)
        if found is not None:
            return found
    return _dateparser(expr, published)


def _strip_lead(text: str) -> str:
    while True:
        stripped = _LEAD.sub("", text)
        if stripped == text:
            return text
        text = stripped


def _relative_words(text: str, published: dt.date | None) -> Resolved | None:
    if text in SAME_DAY or _strip_lead(text) in SAME_DAY:
        return (published, "day") if published else _NONE
    if text in DAY_BEFORE or _strip_lead(text) in DAY_BEFORE:
        return (published - dt.timedelta(days=1), "day") if published else _NONE
    if text in ("last week", "a week ago", "the previous week", "earlier this week"):
        return (published - dt.timedelta(days=7), "month") if published else _NONE
    if text == "tomorrow":
        return (published + dt.timedelta(days=1), "day") if published else _NONE
    return _calendar_words(text, published) or _ago(text, published)


def _calendar_words(text: str, published: dt.date | None) -> Resolved | None:
    """"this month", "last month", "this year", "last year", "earlier this month"."""
    core = re.sub(r"^(?:earlier|later|late|early)\s+", "", text)
    if core not in CALENDAR_WORDS:
        return None
    if published is None:
        return _NONE
    unit, back = CALENDAR_WORDS[core]
    if unit == "month":
        month = published.month - back
        year = published.year + (month - 1) // 12
        return (dt.date(year, (month - 1) % 12 + 1, 1), "month")
    return (dt.date(published.year - back, 1, 1), "year")


def _ago(text: str, published: dt.date | None) -> Resolved | None:
    """"two days ago", "3 weeks ago", "a month ago", "five years ago"."""
    m = _AGO.fullmatch(text)
    if not m:
        return None
    if published is None:
        return _NONE
    n = _number(m.group(1))
    if n is None:
        return None
    unit = m.group(2)
    if unit == "day":
        return (published - dt.timedelta(days=n), "day")
    if unit == "week":
        # A week is coarser than a day: month precision (see the module docstring).
        return (published - dt.timedelta(days=7 * n), "month")
    if unit == "month":
        month = published.month - n
        year = published.year + (month - 1) // 12
        return (dt.date(year, (month - 1) % 12 + 1, 1), "month")
    return (dt.date(published.year - n, 1, 1), "year")


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _weekday(text: str, published: dt.date | None) -> Resolved | None:
    core = _strip_lead(text)
    core = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", core)
    if core not in WEEKDAYS:
        return None
    if published is None:
        return _NONE
    back = (published.weekday() - WEEKDAYS.index(core)) % 7
    if text.startswith("next "):
        return (published + dt.timedelta(days=(7 - back) or 7), "day")
    return (published - dt.timedelta(days=back), "day")


def _month_number(word: str) -> int | None:
    word = word.rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word) if len(word) in (3, 4) else None


def _month_year(text: str, published: dt.date | None) -> Resolved | None:
    m = re.fullmatch(r"(?:\w+\s+)*?([a-z]+\.?),?\s+(?:of\s+)?(\d{4})", text)
    if not m:
        return None
    month = _month_number(m.group(1))
    return (dt.date(int(m.group(2)), month, 1), "month") if month else None


def _month_only(text: str, published: dt.date | None) -> Resolved | None:
    month = _month_number(_strip_lead(text))
    if month is None:
        return None
    if published is None:
        return _NONE
    year = published.year if month <= published.month else published.year - 1
    return (dt.date(year, month, 1), "month")


def _next_month(text: str, published: dt.date) -> Resolved | None:
    """ "will meet in May": the next May on or after the publication month."""
    month = _month_number(_strip_lead(text))
    if month is None:
        return None
    year = published.year if month >= published.month else published.year + 1
    return (dt.date(year, month, 1), "month")


def _next_weekday(text: str, published: dt.date) -> Resolved | None:
    """ "will vote on Tuesday": the next such day on or after publication."""
    core = _strip_lead(text)
    if core not in WEEKDAYS:
        return None
    ahead = (WEEKDAYS.index(core) - published.weekday()) % 7
    return (published + dt.timedelta(days=ahead), "day")


def _year_only(text: str, published: dt.date | None) -> Resolved | None:
    core = _strip_lead(text)
    if re.fullmatch(r"(1[5-9]\d\d|20\d\d)", core):
        return (dt.date(int(core), 1, 1), "year")
    return None


@lru_cache(maxsize=1)
def _parser_class():
    from dateparser.date import DateDataParser

    return DateDataParser


@lru_cache(maxsize=8192)
def _dateparser(expr: str, published: dt.date | None) -> Resolved:
    # Cached: a pure function of the phrase and the publication date, and a
    # story's reports repeat their phrases ("on Monday", "last week"). A new
    # parser for each phrase: a DateDataParser keeps state between phrases.
    # Without a publication date only absolute expressions (with a year) are safe.
    if published is None and not _YEAR.search(expr):
        return _NONE
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parser = _parser_class()(languages=["en"], settings=settings)
    try:
        data = parser.get_date_data(expr)
    except (ValueError, OverflowError, TypeError):
        return _NONE
    if data is None or data.date_obj is None:
        return _NONE
    period = data.period or "day"
    precision: Precision = period if period in ("month", "year") else "day"  # type: ignore[assignment]
    return (data.date_obj.date(), precision)


def is_background(
    sentence_text: str, published: dt.date | None, *, reference_year: int | None = None,
    in_background_section: bool = False,
) -> bool:
    """Whether a sentence is historical background rather than the news.

    True for a sentence under a background heading (see
    :func:`background_section_sentences`), and when the sentence names explicit
    years that all lie before the cut-off year: the publication year; without a
    publication date, ``reference_year`` (the latest year the article itself
    mentions, see :func:`reference_year`); without either, a year before today's
    (news is rarely read long after it appears).

    Args:
        sentence_text: the sentence.
        published: the article's publication date.
        reference_year: the article's latest mentioned year, used when ``published`` is None.
        in_background_section: the sentence sits under a "Background" heading.
    """
    if in_background_section:
        return True
    years = [int(y) for y in _YEAR.findall(sentence_text)]
    if not years:
        return False
    if published is not None:
        cutoff = published.year
    elif reference_year is not None:
        cutoff = reference_year
    else:
        cutoff = dt.date.today().year - 1
    return all(y < cutoff for y in years)


def reference_year(text: str, today: dt.date | None = None) -> int | None:
    """The latest year an undated article mentions (not in the future): its likely year.

    An article without a publication date still tells its own time: the news of
    the day carries the latest year it names, and background the earlier ones.
    """
    limit = (today or dt.date.today()).year
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= limit]
    return max(years) if years else None


# A heading that opens a background section: "Background", "Background of the
# conflict", "Historical context", "How we got here".
_BACKGROUND_HEADING = re.compile(
    r"^(?:(?:some |the |a )?(?:background|historical background|history|context|"
    r"historical context|timeline|how we got here|what led to|key events)\b)",
    re.IGNORECASE,
)
# A line is a heading when it is short and does not end like a sentence.
HEADING_MAX_WORDS = 8


def is_heading(line: str) -> bool:
    """Whether a paragraph reads as a section heading (short, no closing punctuation)."""
    line = line.strip()
    return bool(line) and len(line.split()) <= HEADING_MAX_WORDS and line[-1] not in ".!?\"”:;,"


def background_section_sentences(body: str, sentences: list[tuple[int, int]]) -> set[int]:
    """Indices of the sentences under a background heading, up to the next heading.

    The clean stage keeps a heading line as its own paragraph; a heading that
    matches :data:`_BACKGROUND_HEADING` opens a background section and any other
    heading closes it.

    Args:
        body: the article body.
        sentences: ``(start, end)`` character spans of its sentences.
    """
    out: set[int] = set()
    inside = False
    for k, (start, end) in enumerate(sentences):
        text = body[start:end].strip()
        if "\n" not in text and is_heading(text) and _own_paragraph(body, start, end):
            inside = bool(_BACKGROUND_HEADING.match(text))
            continue
        if inside:
            out.add(k)
    return out


def _own_paragraph(body: str, start: int, end: int) -> bool:
    before = body[:start].rstrip(" \t")
    after = body[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
