"""Pipeline components newsweave adds around spaCy's ``ner``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsweave.words import word_set

CITY_ID = "city"
FIXES_FACTORY = "newsweave_entity_fixes_v1"
# Capitalised words after a city that make a place or an institution, not a surname.
NOT_SURNAMES = word_set("not_surnames")


class EntityFixer:
    """Undo the city ruler where a city name is a first name ("Vladimir Medinsky"),
    and drop a person the model found in a name with a figure ("Senate Bill 254").

    The gazetteer ruler marks cities (pattern id ``city``) before ``ner`` runs,
    and ``ner`` then keeps them. Many cities are named like people (Vladimir,
    Florence, Austin); when such a city span is followed by a capitalised name
    that is not a title ("Vladimir Putin", but not "Moscow Mayor"), the two are
    one PERSON.

    Args:
        titles: title words that may follow a city name ("Mayor", "Governor").
    """

    def __init__(self, titles: list[str]) -> None:
        self.titles = {t.lower() for t in titles}

    def __call__(self, doc: Doc) -> Doc:
        changed = False
        ents = list(doc.ents)
        for i, ent in enumerate(ents):
            person = self._person_from_city(doc, ent)
            if person is not None:
                ents[i] = person
                changed = True
        # a person's name has no figure in it: "Senate Bill 254" is a bill
        kept = [e for e in ents if not (e.label_ == "PERSON" and any(c.isdigit() for c in e.text))]
        if changed or len(kept) < len(ents):
            doc.ents = filter_spans(kept)
        return doc

    def _person_from_city(self, doc: Doc, ent: Span) -> Span | None:
        if ent.ent_id_ != CITY_ID or ent.end >= len(doc):
            return None
        end = ent.end
        while end < len(doc) and self._is_name_token(doc[end]):
            end += 1
        if end == ent.end:
            return None
        # Swallow the PERSON span the model found for the surname, if any.
        for other in doc.ents:
            if other.start < end <= other.end and other.label_ == "PERSON":
                end = other.end
        return Span(doc, ent.start, end, label="PERSON")

    def _is_name_token(self, tok) -> bool:
        return (
            tok.is_title and tok.is_alpha and tok.pos_ == "PROPN"
            and tok.lower_ not in self.titles
            and tok.lower_ not in NOT_SURNAMES
            and tok.ent_type_ in ("", "PERSON")
            and not tok.is_sent_start
        )


@Language.factory(FIXES_FACTORY, default_config={"titles": []})
def make_entity_fixer(nlp: Language, name: str, titles: list[str]) -> EntityFixer:
    """Factory for :class:`EntityFixer`."""
    return EntityFixer(titles)
