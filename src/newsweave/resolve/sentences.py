"""When each sentence's acts happened, and whether the sentence is background.

The resolve stage reads every sentence of an article once and records a
:class:`~newsweave.records.SentenceTime` on the :class:`~newsweave.records.Resolution`:
the date its main act happened (time expressions resolved against the
publication date by :mod:`newsweave.resolve.dates`) and whether it is
historical context rather than the news. The extract stage reads these; it
never resolves a date itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsweave.annotate import doc_text
from newsweave.records import Article, DatePrecision, SentenceTime
from newsweave.resolve.dates import (
    background_section_sentences,
    is_background,
    reference_year,
    resolve_date,
)
from newsweave.words import word_set

_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DURATION_RE = re.compile(
    r"^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|many)"
    r"[- ](day|week|month|year|hour|minute|decade)s?(-long|-old)?$",
    re.IGNORECASE,
)
_AGE_RE = re.compile(r"^(?:aged\s+)?\d{1,3}(?:\s*(?:-|\s)?\s*years?(?:\s*-\s*|\s+)old)?$")
_RELATIVE_DAY_RE = re.compile(r"\b(?:one|a) day (?:after|before|earlier)\b", re.IGNORECASE)
_WEEKDAYS = word_set("weekdays")
_TIME_WORDS = word_set("time_words")
# Auxiliaries of a main clause that speaks of the future ("will meet in May").
_FUTURE_AUX = word_set("future_auxiliaries")


def sentence_times(article: Article, doc: Doc) -> list[SentenceTime]:
    """The date and background flag of every sentence of an annotated article.

    Args:
        article: the cleaned article; ``published`` anchors relative dates, and
            its sentence spans find a "Background" section.
        doc: the parse of ``article.body``.

    Returns:
        One :class:`SentenceTime` per ``doc`` sentence, keyed by its span.
    """
    context = _background_context(article)
    text = doc_text(doc)
    times = []
    for sent, ents in _sentences_with_entities(doc):
        # the main clause and the entities are read once per sentence, for both questions
        main = main_clause_text(sent)
        background = _is_background_sentence(sent, article.published, context, main=main,
                                             text=text)
        date, precision = sentence_date(sent, article.published, background, main=main,
                                        ents=ents)
        times.append(SentenceTime(start=sent.start_char, end=sent.end_char, date=date,
                                  date_precision=precision, background=background))
    return times


def _sentences_with_entities(doc: Doc) -> list[tuple[Span, list[Span]]]:
    """Each sentence of ``doc`` with the entities inside it, as ``Span.ents`` gives them.

    ``Span.ents`` builds every entity of the whole Doc on each call, which made
    reading the sentences of a long article quadratic; here the Doc's entities
    are built once and dealt out in order.
    """
    ents = list(doc.ents)
    out: list[tuple[Span, list[Span]]] = []
    k = 0
    for sent in doc.sents:
        while k < len(ents) and ents[k].start < sent.start:
            k += 1
        inside = []
        j = k
        while j < len(ents) and ents[j].start < sent.end:
            if ents[j].end <= sent.end:
                inside.append(ents[j])
            j += 1
        out.append((sent, inside))
    return out


@dataclass(frozen=True, slots=True)
class _BackgroundContext:
    """What an article says about its own time: latest year, background section."""

    reference_year: int | None
    section_spans: tuple[tuple[int, int], ...]


def _background_context(article: Article) -> _BackgroundContext:
    """The article's reference year and the character spans of its background section."""
    sentences = [tuple(s) for s in article.sentences]
    section = background_section_sentences(article.body, list(sentences))
    spans = tuple(sentences[k] for k in sorted(section))
    return _BackgroundContext(reference_year(article.body), spans)  # type: ignore[arg-type]


def _is_background_sentence(sent: Span, published: dt.date | None,
                            context: _BackgroundContext, *, main: str | None = None,
                            text: str | None = None) -> bool:
    """Whether the sentence is historical context rather than the news itself.

    A sentence under a "Background"-type heading is background whatever it
    says, and an undated article's years are judged against the latest year
    the article mentions (:func:`newsweave.resolve.dates.reference_year`).
    ``main`` is :func:`main_clause_text` of the sentence and ``text`` the Doc's
    text, when the caller has them.
    """
    in_section = _in_spans(sent, context.section_spans, text)
    year = context.reference_year if published is None else None
    text = main_clause_text(sent) if main is None else main
    return (is_background(text, published, reference_year=year, in_background_section=in_section)
            or past_year(text, published) is not None)


def past_year(text: str, published: dt.date | None) -> int | None:
    """An explicit year in ``text`` that lies before the publication year, if any."""
    if published is None:
        return None
    years = [int(y) for y in _YEAR_RE.findall(text)]
    past = [y for y in years if y < published.year]
    return min(past) if past else None


# Dependents of a noun that describe it (a relative clause, a modifier, a date of its
# own): a year inside them dates the noun, not the sentence's act.
_NOUN_DESCRIBERS = frozenset(
    {"relcl", "acl", "amod", "compound", "nmod", "poss", "appos", "prep", "npadvmod", "nummod"}
)


def main_clause_text(sent: Span) -> str:
    """The sentence without what describes its nouns: the words that date its main act.

    "Smith, who was elected in 2016, said on Monday ...": the year belongs to the
    relative clause, and the sentence is today's news. "In 2014, Russia annexed
    Crimea": the year hangs on the main verb, and the sentence is background.
    """
    dropped: set[int] = set()
    for token in sent:
        if token.pos_ in ("NOUN", "PROPN", "PRON") and token.i not in dropped:
            for child in token.children:
                if child.dep_ in _NOUN_DESCRIBERS:
                    dropped.update(t.i for t in child.subtree)
    return " ".join(t.text for t in sent if t.i not in dropped)


def _in_spans(sent: Span, spans: tuple[tuple[int, int], ...], text: str | None = None) -> bool:
    """Whether the sentence starts inside one of the article sentences ``spans``.

    ``text`` is the Doc's text when the caller has it (``Span.text`` joins the
    sentence's tokens on every call).
    """
    if not spans:
        return False
    sent_text = sent.text if text is None else text[sent.start_char:sent.end_char]
    start = sent.start_char + (len(sent_text) - len(sent_text.lstrip()))
    return any(s <= start < e for s, e in spans)


def background_year(text: str, published: dt.date | None) -> int | None:
    """The year a background sentence is about: its earliest year before publication,
    or its earliest year at all when the article has no date."""
    if published is not None:
        return past_year(text, published)
    years = [int(y) for y in _YEAR_RE.findall(text)]
    return min(years) if years else None


def time_expressions(sent: Span, ents: list[Span] | None = None) -> list[str]:
    """Date and time phrases in the sentence: DATE/TIME entities, weekdays, "overnight".

    ``ents`` are the sentence's entities when the caller has them (``Span.ents``
    walks the whole Doc's entities).
    """
    times = [e for e in (sent.ents if ents is None else ents) if e.label_ in ("DATE", "TIME")]
    exprs = [e.text for e in times if not is_duration(e.text) and not is_age(e)]
    covered = {t.i for e in times for t in e}
    exprs += [
        t.text
        for t in sent
        if t.i not in covered and (t.lower_ in _WEEKDAYS or t.lower_ in _TIME_WORDS)
    ]
    # "one day after X launched ...": the resolver reads the relative phrase itself.
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]
    exprs += [m.group(0) for m in _RELATIVE_DAY_RE.finditer(text)]
    return exprs


def is_age(ent: Span) -> bool:
    """Whether a DATE entity is a person's age ("Smith, 51,", "aged 51", "a 51-year-old").

    A bare number of one to three digits is never a date on its own; "N years old"
    and "N-year-old" are ages.
    """
    text = ent.text.strip().lower()
    return bool(_AGE_RE.match(text))


def is_duration(text: str) -> bool:
    """Whether a DATE entity is a length of time ("30-day", "three years") rather than a date."""
    return bool(_DURATION_RE.match(text.strip()))


def sentence_date(
    sent: Span, published: dt.date | None, background: bool, *, main: str | None = None,
    ents: list[Span] | None = None,
) -> tuple[dt.date | None, DatePrecision | None]:
    """The date the sentence's events happened, with its precision.

    Time expressions are resolved against the publication date; a news sentence
    without one takes the publication date (precision "day"); a background
    sentence without one stays undated. ``main`` (:func:`main_clause_text`)
    and ``ents`` (the sentence's entities) are passed when the caller has them.
    """
    ahead = looks_ahead(sent)
    # The main clause's own time first: "the mayor, elected in 2019, was arrested on Monday".
    main = f" {main_clause_text(sent) if main is None else main} "
    exprs = sorted(time_expressions(sent, ents), key=lambda e: f" {e} " not in main)
    for expr in exprs:
        try:
            date, precision = resolve_date(expr, published, ahead=ahead)
        except (ValueError, TypeError, OverflowError):
            continue
        if date is not None:
            return date, precision
    if background:
        year = background_year(_sentence_text(sent), published)
        return (dt.date(year, 1, 1), "year") if year else (None, None)
    return (published, "day") if published else (None, None)


def looks_ahead(sent: Span) -> bool:
    """Whether the sentence's main clause speaks of the future ("will meet in May").

    Then a month or weekday with no year is the next one, not the last one.
    """
    root = sent.root
    chain = [root, *(c for c in root.children if c.dep_ in ("xcomp", "ccomp", "conj"))]
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE_AUX:
        return True
    lemmas = {t.lemma_.lower() for t in chain}
    return bool(lemmas & {"plan", "schedule", "due", "expect"}) or any(
        t.lower_ in ("next", "upcoming", "coming") for t in sent
    )


def _sentence_text(sent: Span) -> str:
    """The sentence text without surrounding whitespace."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return ""
    return doc_text(sent.doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
