"""clean_document: a RawDoc becomes an Article (body, metadata, removed lines, sentences)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from newsweave.clean.boilerplate import Segmentation, is_chrome, remove_boilerplate
from newsweave.clean.html import extract_main_text, markup_trouble, page_text, visible_lines
from newsweave.clean.language import detect_language, function_word_ratio, words
from newsweave.clean.outlets import fold_outlet
from newsweave.clean.repair import repair_text
from newsweave.clean.sentences import split_sentences
from newsweave.ingest.metadata import domain_of, parse_date
from newsweave.records import Article, IngestError, RawDoc
from newsweave.words import word_set

MAX_TITLE_CHARS = 120
# Site names and bylines sit in the first lines of a page's chrome.
MAX_CHROME_LINES = 40
MAX_SITESITE_NAME_PATTERN_CHARS = 60
PARAGRAPH_SEPARATOR = "\n\n"
# A capitalised name of one to four words ("DDM News", "The Harbour Herald").
SITE_NAME_PATTERN = r"((?:[A-Z][\w&'.-]*)(?:\s+[A-Z][\w&'.-]*){0,3})"
SITE_PROMPT_RES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b[Ss]ubscribe to (?:the )?{SITE_NAME_PATTERN}\s+[Nn]ewsletter",
        rf"\b[Nn]otifications from (?:the )?{SITE_NAME_PATTERN}",
        rf"^(?:Latest|More) (?:news |stories )?from (?:the )?{SITE_NAME_PATTERN}\W*$",
        rf"\b[Ff]ollow (?:the )?{SITE_NAME_PATTERN} on\b",
    )
)
MAX_PROMPT_CHARS = 80
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATELINE_DATE_RE = re.compile(
    rf"\b(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|"
    r"\d{4}-\d{2}-\d{2})\b")
MAX_DATELINE_CHARS = 60
DATELINE_END_RE = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?(?:[—–:]|-\s)")
GENERIC_SITE_WORDS = word_set("generic_site_words")
# Bidirectional controls (U+202E reverses what follows it on screen): removed
# from titles and outlet names so that they read as their characters are.
BIDI_CONTROL_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A page that declares another language is believed unless its body reads as
# English: English prose has 40-50% function words, other languages well under 20%.
MIN_DECLARED_ENGLISH_RATIO = 0.2


def clean_document(raw: RawDoc) -> Article | IngestError:
    """Clean one raw document into an Article, or say why it cannot be.

    HTML goes through trafilatura; plain text through our line classifier
    (:func:`newsweave.clean.boilerplate.remove_boilerplate`). Both are then
    repaired (:func:`newsweave.clean.repair.repair_text`), their language
    identified, and split into sentences. An article in another language is
    returned like any other, with its ``language`` set: the chain stores it
    without coding it.

    Args:
        raw: a document from :func:`newsweave.ingest.read_inputs`.

    Returns:
        The Article, or an IngestError (no text left after removing boilerplate).
    """
    segmentation = segment_document(raw)
    body = PARAGRAPH_SEPARATOR.join(segmentation.kept).strip()
    if not body:
        return IngestError(raw.source_path, "no article text after removing boilerplate")
    language = detect_language(body)
    if language == "en":
        language = _declared_other_language(raw.metadata.get("language"), body) or "en"
    sentences = split_sentences(body)
    title = segmentation.title or _first_sentence(body, sentences)
    return Article(
        id=article_id(body),
        source_id=raw.source_id,
        source_path=raw.source_path,
        outlet=fold_outlet(neutralise_bidi(_outlet(raw.metadata, segmentation.removed))),
        url=raw.metadata.get("url") or None,
        title=neutralise_bidi(title),
        published=parse_date(raw.metadata.get("published"))
        or _date_from_chrome(segmentation.removed)
        or _dateline_date(body),
        body=body,
        removed=segmentation.removed,
        language=language,
        sentences=sentences,
        notes=list(segmentation.notes),
    )


def neutralise_bidi(text: str) -> str:
    """``text`` without bidirectional control characters (a title cannot reverse what follows)."""
    return BIDI_CONTROL_RE.sub("", text)


def segment_document(raw: RawDoc) -> Segmentation:
    """Split a raw document into kept paragraphs, removed lines and a title.

    HTML goes through trafilatura (:func:`newsweave.clean.html.extract_main_text`);
    plain text through our line classifier. No language check is made here.

    Args:
        raw: a document from :func:`newsweave.ingest.read_inputs`.
    """
    meta_title = _clean_title(raw.metadata.get("title"))
    segmentation = _segment(raw, meta_title)
    if not segmentation.kept and meta_title is not None:
        # A one-sentence report whose title repeats it (wire briefs, feed
        # items): the title line was dropped as the headline; keep the text.
        segmentation = _segment(raw, None)
        segmentation.title = meta_title
    return segmentation


def _segment(raw: RawDoc, title: str | None) -> Segmentation:
    if raw.html is not None:
        return _segment_html(raw.html, raw.metadata.get("url"), title)
    return remove_boilerplate(repair_text(raw.text or ""), title=title)


def article_id(body: str) -> str:
    """First 16 hex characters of the SHA-256 of the lower-cased, whitespace-normalised body."""
    normalised = " ".join(body.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _segment_html(html: str, url: str | None, title: str | None) -> Segmentation:
    """trafilatura's paragraphs, without chrome lines and the repeated headline."""
    result = Segmentation(title=title)
    text = extract_main_text(html, url=url)
    # Only a page the parsers found nothing in is read without them: the tag
    # scan counts unclosed <p> and <li> as nesting, so it overstates depth.
    trouble = None if text else markup_trouble(html)
    if trouble:
        # The parsers cannot read this page; its whole text is better than nothing.
        text = "\n".join(page_text(html))
        result.notes.append(f"stored the whole text of the page: {trouble}, too much for "
                            "the HTML parsers, so page chrome may remain in the body")
    if not text:
        return result
    for paragraph in repair_text(text).split("\n"):
        paragraph = paragraph.strip()
        if not paragraph or (not result.kept and _same(paragraph, title)):
            continue
        chrome = is_chrome(paragraph, len(words(paragraph)))
        (result.removed if chrome else result.kept).append(paragraph)
    if trouble:
        return result
    body_keys = {_key(p) for p in result.kept}
    outside = [
        line
        for line in visible_lines(html)
        if _key(line) not in body_keys and not _same(line, title)
    ]
    outside_keys = {_key(line) for line in outside}
    result.removed = outside + [line for line in result.removed if _key(line) not in outside_keys]
    return result


def _declared_other_language(declared: object, body: str) -> str | None:
    """The declared language when it is not English and the body does not read as English.

    Short texts escape :func:`detect_non_english`; the page's own ``lang``
    (or the feed's or the JSON's ``language``) settles those.
    """
    if not isinstance(declared, str) or not declared.strip():
        return None
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    if code in ("en", "eng", "und", "mul"):
        return None
    if function_word_ratio(words(body)) >= MIN_DECLARED_ENGLISH_RATIO:
        return None
    return code


def _outlet(metadata: dict[str, object], removed: list[str]) -> str:
    """The outlet's name: metadata, else the site name in the page chrome, else the domain."""
    url = metadata.get("url")
    domain = domain_of(url if isinstance(url, str) else None)
    outlet = metadata.get("outlet")
    # "www.Example.com" given as the outlet is the domain, which the chrome may name better
    if isinstance(outlet, str) and fold_outlet(outlet) and fold_outlet(outlet) != domain:
        return outlet.strip()
    return (_site_name_from_chrome(removed, domain) or domain
            or _site_name_from_prompts(removed) or "unknown")


def _site_name_from_prompts(removed: list[str]) -> str | None:
    """The site's name as its own prompts spell it, when the page gives no URL.

    "Subscribe to the Harbour Herald newsletter", "Get notifications from
    Harbour Herald", "Latest from Harbour Herald": the capitalised name these
    prompts share. The candidate found in the most removed lines wins.
    """
    candidates = [
        " ".join(match.group(1).split())
        for line in removed
        if len(line) <= MAX_PROMPT_CHARS
        for pattern in SITE_PROMPT_RES
        for match in pattern.finditer(line)
    ]
    candidates = [c for c in candidates if c.lower() not in GENERIC_SITE_WORDS]
    if not candidates:
        return None
    lowered = [line.lower() for line in removed]
    return max(candidates, key=lambda c: (sum(c.lower() in line for line in lowered), len(c)))


def _site_name_from_chrome(removed: list[str], domain: str | None) -> str | None:
    """A removed line that spells the domain's name ("THE MERIDIAN LEDGER" for meridian-ledger.test)."""
    if not domain:
        return None
    wanted = _letters(domain.split(".")[0])
    for line in removed[:MAX_CHROME_LINES]:
        name = line.strip()
        if 0 < len(name) <= MAX_SITESITE_NAME_PATTERN_CHARS and _letters(re.sub(r"^the\s+", "", name, flags=re.I)) == wanted:
            return name.title() if name.isupper() else name
    return None


def _date_from_chrome(removed: list[str]) -> dt.date | None:
    """The first removed line near the top that is only a date ("Published" / "3 June 2031")."""
    for line in removed[:MAX_CHROME_LINES]:
        date = parse_date(line.strip()) if len(line) <= MAX_SITESITE_NAME_PATTERN_CHARS else None
        if date is not None:
            return date
    return None


def _dateline_date(body: str) -> dt.date | None:
    """A full date in the article's dateline ("KESSRIN, June 3, 2031 (Wire) —").

    Only the opening characters of the body are searched, and only dates
    with day, month and year, so a date the story mentions is not taken.
    """
    match = DATELINE_DATE_RE.search(body[:MAX_DATELINE_CHARS])
    if not match or re.search(r"[.!?]\s", body[: match.start()]):
        return None
    # A dateline ends with a dash or colon, perhaps after the agency's name.
    if not DATELINE_END_RE.match(body, match.end()):
        return None
    return parse_date(match.group(0))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    title = neutralise_bidi(repair_text(title).replace("\n", " ")).strip()
    return title or None


def _first_sentence(body: str, sentences: list[tuple[int, int]]) -> str:
    start, end = sentences[0] if sentences else (0, len(body))
    return title_of(body[start:end])


def title_of(sentence: str) -> str:
    """A sentence standing for a title: whole, or cut at a word to
    :data:`MAX_TITLE_CHARS` and ended with "…"."""
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence
    cut = sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–-") + "…"


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _same(a: str, b: str | None) -> bool:
    return b is not None and _key(a) == _key(b)
