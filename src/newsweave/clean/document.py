"""clean_document: a RawDoc becomes an Article (body, metadata, removed lines, sentences)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from newsweave.clean.boilerplate import Segmentation, is_chrome, remove_boilerplate
from newsweave.clean.html import extract_main_text, visible_lines
from newsweave.clean.language import detect_non_english, words
from newsweave.clean.repair import repair_text
from newsweave.clean.sentences import split_sentences
from newsweave.ingest.metadata import domain_of, parse_date
from newsweave.records import Article, IngestError, RawDoc

MAX_TITLE_CHARS = 120
# Site names and bylines sit in the first lines of a page's chrome.
MAX_CHROME_LINES = 40
MAX_SITE_NAME_CHARS = 60
PARAGRAPH_SEPARATOR = "\n\n"


def clean_document(raw: RawDoc) -> Article | IngestError:
    """Clean one raw document into an Article, or say why it cannot be.

    HTML goes through trafilatura; plain text through our line classifier
    (:func:`newsweave.clean.boilerplate.remove_boilerplate`). Both are then
    repaired (:func:`newsweave.clean.repair.repair_text`), checked to be
    English, and split into sentences.

    Args:
        raw: a document from :func:`newsweave.ingest.read_inputs`.

    Returns:
        The Article, or an IngestError (no text left after removing
        boilerplate, or not English).
    """
    meta_title = _clean_title(raw.metadata.get("title"))
    if raw.html is not None:
        segmentation = _segment_html(raw.html, raw.metadata.get("url"), meta_title)
    else:
        segmentation = remove_boilerplate(repair_text(raw.text or ""), title=meta_title)
    body = PARAGRAPH_SEPARATOR.join(segmentation.kept).strip()
    if not body:
        return IngestError(raw.source_path, "no article text after removing boilerplate")
    language = detect_non_english(body)
    if language is not None:
        return IngestError(raw.source_path, f"not English (detected: {language})")
    sentences = split_sentences(body)
    return Article(
        id=article_id(body),
        source_id=raw.source_id,
        source_path=raw.source_path,
        outlet=_outlet(raw.metadata, segmentation.removed),
        url=raw.metadata.get("url") or None,
        title=segmentation.title or _first_sentence(body, sentences),
        published=parse_date(raw.metadata.get("published"))
        or _date_from_chrome(segmentation.removed),
        body=body,
        removed=segmentation.removed,
        language="en",
        sentences=sentences,
    )


def article_id(body: str) -> str:
    """First 16 hex characters of the SHA-256 of the lower-cased, whitespace-normalised body."""
    normalised = " ".join(body.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _segment_html(html: str, url: str | None, title: str | None) -> Segmentation:
    """trafilatura's paragraphs, without chrome lines and the repeated headline."""
    result = Segmentation(title=title)
    text = extract_main_text(html, url=url)
    if not text:
        return result
    for paragraph in repair_text(text).split("\n"):
        paragraph = paragraph.strip()
        if not paragraph or (not result.kept and _same(paragraph, title)):
            continue
        chrome = is_chrome(paragraph, len(words(paragraph)))
        (result.removed if chrome else result.kept).append(paragraph)
    body_keys = {_key(p) for p in result.kept}
    outside = [
        line
        for line in visible_lines(html)
        if _key(line) not in body_keys and not _same(line, title)
    ]
    outside_keys = {_key(line) for line in outside}
    result.removed = outside + [line for line in result.removed if _key(line) not in outside_keys]
    return result


def _outlet(metadata: dict[str, object], removed: list[str]) -> str:
    """The outlet's name: metadata, else the site name in the page chrome, else the domain."""
    url = metadata.get("url")
    domain = domain_of(url if isinstance(url, str) else None)
    outlet = metadata.get("outlet")
    if isinstance(outlet, str) and outlet.strip() and outlet.strip() != domain:
        return outlet.strip()
    return _site_name_from_chrome(removed, domain) or domain or "unknown"


def _site_name_from_chrome(removed: list[str], domain: str | None) -> str | None:
    """A removed line that spells the domain's name ("THE MERIDIAN LEDGER" for meridian-ledger.test)."""
    if not domain:
        return None
    wanted = _letters(domain.split(".")[0])
    for line in removed[:MAX_CHROME_LINES]:
        name = line.strip()
        if 0 < len(name) <= MAX_SITE_NAME_CHARS and _letters(re.sub(r"^the\s+", "", name, flags=re.I)) == wanted:
            return name.title() if name.isupper() else name
    return None


def _date_from_chrome(removed: list[str]) -> dt.date | None:
    """The first removed line near the top that is only a date ("Published" / "3 June 2031")."""
    for line in removed[:MAX_CHROME_LINES]:
        date = parse_date(line.strip()) if len(line) <= MAX_SITE_NAME_CHARS else None
        if date is not None:
            return date
    return None


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    title = repair_text(title).replace("\n", " ").strip()
    return title or None


def _first_sentence(body: str, sentences: list[tuple[int, int]]) -> str:
    start, end = sentences[0] if sentences else (0, len(body))
    sentence = body[start:end]
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence
    cut = sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–-") + "…"


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _same(a: str, b: str | None) -> bool:
    return b is not None and _key(a) == _key(b)
