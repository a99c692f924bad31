"""Boilerplate removal for plain text: a line classifier of our own.

Each line gets shape features (length in words, final punctuation, share of
English function words, a finite-verb cue, title case) and is checked against
patterns of site chrome (sharing and subscription prompts, comment forms,
"See also" links, headline lists). Position then decides what a short line is:
before the first prose line it is page header (the headline becomes the
title), between prose lines a short line directly followed by prose is a
section heading and is kept, and once the trailing chrome starts ("Continue
Reading", "Leave a Reply", "Latest Updates", "Related") only clear prose
survives. The approach follows the line-level heuristics of jusText
(Pomikálek, 2011, "Removing Boilerplate and Duplicate Content from Web
Corpora") and the C4 line filters (Raffel et al., 2020).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsweave.clean.language import (
    ENGLISH_FUNCTION_WORDS,
    FINITE_VERB_CUES,
    function_word_ratio,
    words,
)

TERMINAL_RE = re.compile(r"[.!?…][”’\"')\]]*$|[”\"]$")
WORDS_WITH_CASE_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
BULLET_RE = re.compile(r"^\s*(?:[-•*·–]|\d{1,2}[.)])\s+")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# (pattern, largest line in words it applies to): prompts are short, and a
# sentence of news that happens to use the same words must not match, so the
# patterns are anchored or phrased as the site would phrase them.
CHROME_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), max_words)
    for pattern, max_words in (
        (
            r"^(?:featured|trending(?: now)?|breaking(?: news)?|advertisement|advertising|"
            r"sponsored(?: content)?|published|updated|posted|on|by|share|tweet|print|e-?mail|"
            r"menu|home|search|close|skip to(?: main)? content|read more|load more|show more|"
            r"connect with us|top stories|editor'?s picks?)\W*$",
            4,
        ),
        (
            r"^(?:see also|read also|also read|read more|more on this|"
            r"related\s*(?::|articles|posts|stories|news|content|reading))\b",
            40,
        ),
        (r"^(?:published|updated|posted)\b[^.!?]{0,40}$", 8),
        (r"^by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\W*$", 6),
        (rf"^(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})[^.!?]{{0,30}}$", 8),
        (r"^(?:photo|image|picture|video|credit|file photo)\s*(?::|/|credit)", 25),
        (r"^(?:reporting|writing|editing|additional reporting) by\b", 30),
        (r"your email address will not be published|required fields are marked", 60),
        (r"^(?:subscribe|sign up|unsubscribe|register|download our)\b", 20),
        (r"\b(?:our|the|free|daily|weekly) newsletter\b|\bsubscribe (?:now|today|here)\b", 30),
        (r"^share\b", 12),
        (
            r"\bshare (?:this )?(?:article|story|post|page)\b|"
            r"\bshare on (?:facebook|twitter|x|whatsapp|linkedin|telegram)\b",
            20,
        ),
        (r"\bfollow us\b|\bconnect with us\b|\bjoin (?:us|our)\b.{0,30}\b(?:channel|group)\b", 60),
        (
            r"^click\b|\bclick (?:here|on (?:whatsapp|telegram|the link below|this link))\b|"
            r"\btap here\b",
            40,
        ),
        (
            r"\bget notifications\b|\byes,? please\b.{0,5}\bno,? thanks\b|"
            r"\ballow notifications\b",
            30,
        ),
        (
            r"\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|"
            r"cookie (?:policy|settings|preferences))\b",
            40,
        ),
        (r"^(?:privacy policy|terms of (?:use|service)|contact us|about us)\W*$", 6),
        (r"\ball rights reserved\b|©|\bcopyright\s+(?:©\s*)?\d{4}", 25),
        (r"^(?:\d+\s+)?comments?\W*$|\bclick to comment\b|\bleave a (?:reply|comment)\b", 6),
        (
            r"\bcontinue reading\b|\bwatch (?:the )?video\b|"
            r"\blisten to (?:this|the) (?:article|story)\b",
            8,
        ),
        (r"^(?:latest|more from|more stories|most read|most popular|popular posts)\b[^.!?]*$", 8),
        (r"^(?:tags?|filed under|categories|topics)\s*:", 30),
        # The footer WordPress adds to every feed entry.
        (r"^the post\b.{1,200}\bappeared first on\b", 60),
        # Comment-form fields and buttons.
        (
            r"^(?:name|e-?mail|website|comment|message)\s*\*?\s*$|^post comment$|"
            r"^save my name, email,? and website\b",
            20,
        ),
    )
)
# Lines after which the rest of the page is site furniture, not the article.
TRAILER_RE = re.compile(
    r"^(?:continue reading|click to comment|leave a (?:reply|comment)|\d*\s*comments?|"
    r"your email address will not be published.*|"
    r"related(?: articles| posts| stories| news| content)?|more (?:from|stories|news)\b.*|"
    r"latest(?: updates| news| stories| posts| articles| headlines| from\b.*)|"
    r"you (?:may|might) also like|recommended(?: for you)?|read next|most (?:read|popular)|"
    r"trending now|popular posts|post navigation|(?:previous|next) (?:post|article)|"
    r"about the author)\W*$",
    re.IGNORECASE,
)
MIN_PROSE_SCORE = 3
CLEAR_PROSE_SCORE = 4
MAX_HEADING_WORDS = 12
MIN_TITLE_WORDS = 4
MAX_TITLE_WORDS = 25
MIN_LIST_ITEM_WORDS = 3


@dataclass(slots=True)
class Line:
    """One line (or joined paragraph) of the text with its shape features."""

    text: str
    words: int
    terminal: bool
    function_ratio: float
    verb_cue: bool
    title_case: float
    chrome: bool
    trailer: bool

    @property
    def score(self) -> int:
        """How much the line looks like article prose (3 or more: prose)."""
        score = 2 if self.terminal else 0
        score += (self.words >= 8) + (self.words >= 15) + self.verb_cue
        if self.function_ratio >= 0.25:
            score += 1
        elif self.words >= 4 and self.function_ratio < 0.1:
            score -= 1
        if self.words >= 3 and self.title_case > 0.6:
            score -= 1
        return score

    @property
    def prose(self) -> bool:
        """Not chrome, and shaped like a sentence of news prose."""
        return not self.chrome and self.score >= MIN_PROSE_SCORE


@dataclass(slots=True)
class Segmentation:
    """The result of boilerplate removal: kept paragraphs, removed lines, a title.

    ``notes`` are caveats for the run's report (a page read without its markup).
    """

    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    title: str | None = None
    notes: list[str] = field(default_factory=list)


def split_units(text: str) -> list[str]:
    """Split text into lines, joining hard-wrapped continuation lines.

    A line is joined to the one before when it starts in lower case or the
    line before ends with a comma: that is a wrapped sentence, not a new block.
    """
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        previous_joinable = False
        for raw in block.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if units and previous_joinable and (line[0].islower() or units[-1].endswith(",")):
                units[-1] = f"{units[-1]} {line}"
            else:
                units.append(line)
            previous_joinable = True
    return units


def describe(text: str) -> Line:
    """Compute the features of one line."""
    tokens = words(text)
    content = [
        t for t in WORDS_WITH_CASE_RE.findall(text) if t.lower() not in ENGLISH_FUNCTION_WORDS
    ]
    capitalised = sum(t[0].isupper() for t in content)
    return Line(
        text=text,
        words=len(tokens),
        terminal=bool(TERMINAL_RE.search(text)),
        function_ratio=function_word_ratio(tokens),
        verb_cue=any(t in FINITE_VERB_CUES for t in tokens),
        title_case=capitalised / len(content) if content else 0.0,
        chrome=is_chrome(text, len(tokens)),
        trailer=bool(TRAILER_RE.match(text.strip())),
    )


def is_chrome(text: str, n_words: int) -> bool:
    """True when the line matches a site-chrome pattern within its length limit."""
    if EMAIL_RE.search(text) and n_words <= 60:
        return True
    return any(n_words <= limit and pattern.search(text) for pattern, limit in CHROME_PATTERNS)


def remove_boilerplate(text: str, *, title: str | None = None) -> Segmentation:
    """Keep the article paragraphs of a plain-text page and list what was removed.

    Args:
        text: repaired text, paragraphs separated by line breaks.
        title: the known title; a line equal to it is dropped from the body.

    Returns:
        The kept paragraphs, the removed lines in order, and the headline
        found at the top when no title was given.
    """
    lines = [describe(unit) for unit in split_units(text)]
    result = Segmentation(title=title)
    prose_at = [i for i, line in enumerate(lines) if line.prose]
    if not prose_at:
        _keep_all_but_chrome(lines, result)
        return result
    first = prose_at[0]
    if title is None and _unpunctuated_headline(lines, first):
        first = prose_at[1]
    trailer = next((i for i in range(first + 1, len(lines)) if lines[i].trailer), len(lines))
    last = max((i for i in prose_at if i < trailer), default=first)
    _handle_header(lines[:first], result)
    _handle_body(lines[first : last + 1], result)
    _handle_tail(lines[last + 1 : trailer], result)
    for line in lines[trailer:]:
        _route(line, line.prose and line.score >= CLEAR_PROSE_SCORE, result)
    return result


def _unpunctuated_headline(lines: list[Line], first: int) -> bool:
    """A prose-shaped first line without a full stop, followed by prose, is the headline."""
    line = lines[first]
    return (
        first + 1 < len(lines)
        and lines[first + 1].prose
        and not line.terminal
        and line.words <= MAX_TITLE_WORDS
        and _headline_shaped(line)
    )


def _handle_header(lines: list[Line], result: Segmentation) -> None:
    """Lines before the first prose line: page header, except the headline."""
    headline = None
    if result.title is None:
        headline = max(
            (ln for ln in lines if _headline_shaped(ln)), key=lambda ln: ln.words, default=None
        )
        result.title = headline.text if headline else None
    for line in lines:
        if line is headline or _same_text(line.text, result.title):
            continue
        result.removed.append(line.text)


def _headline_shaped(line: Line) -> bool:
    """Long enough, not chrome, and not a menu ("World | Europe") or a date line."""
    return (
        not line.chrome
        and line.words >= MIN_TITLE_WORDS
        and "|" not in line.text
        and not line.text.endswith(":")
    )


def _handle_body(lines: list[Line], result: Segmentation) -> None:
    """Lines from the first to the last prose line: drop chrome and stray short lines.

    A short line is kept when it is a sentence, a list item, or a heading
    directly followed by prose or a list.
    """
    for line, following in zip(lines, _next_non_chrome(lines), strict=True):
        if _same_text(line.text, result.title) and not result.kept:
            continue
        introduces = following is not None and (following.prose or _is_list_item(following))
        heading = line.words <= MAX_HEADING_WORDS and introduces
        keep = not line.chrome and (line.prose or line.terminal or heading or _is_list_item(line))
        _route(line, keep, result)


def _next_non_chrome(lines: list[Line]) -> list[Line | None]:
    """For each line, the next line after it that is not chrome (None at the end)."""
    following: list[Line | None] = [None] * len(lines)
    upcoming: Line | None = None
    for index in range(len(lines) - 1, -1, -1):
        following[index] = upcoming
        if not lines[index].chrome:
            upcoming = lines[index]
    return following


def _is_list_item(line: Line) -> bool:
    return bool(BULLET_RE.match(line.text)) and line.words >= MIN_LIST_ITEM_WORDS


def _handle_tail(lines: list[Line], result: Segmentation) -> None:
    """Lines after the last prose line: keep the short sentences that run on from it.

    The first line that is not a sentence (a credit line, a headline) ends the
    article; everything after it is removed.
    """
    ended = False
    for line in lines:
        ended = ended or line.chrome or not line.terminal or line.words < 2
        _route(line, not ended, result)


def _keep_all_but_chrome(lines: list[Line], result: Segmentation) -> None:
    """No line looks like prose (a short text): keep what is not chrome, up to a trailer."""
    trailer_seen = False
    for line in lines:
        trailer_seen = trailer_seen or line.trailer
        _route(line, not line.chrome and not trailer_seen, result)


def _route(line: Line, keep: bool, result: Segmentation) -> None:
    (result.kept if keep else result.removed).append(line.text)


def _same_text(a: str, b: str | None) -> bool:
    return b is not None and " ".join(a.lower().split()) == " ".join(b.lower().split())
