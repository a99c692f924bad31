"""The trigger lexicon stays inside the PLOVER codebook."""

from __future__ import annotations

from newsweave.extract.lexicon import NOT_AN_EVENT, load_lexicon

EVENTS = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
}  # fmt: skip
STANCES = {None, "demands", "rejects", "offers", "supports"}


def all_entries():
    lexicon = load_lexicon()
    for readings in lexicon.verbs.values():
        yield from readings
    for readings in lexicon.nouns.values():
        yield from readings


def test_every_event_context_and_stance_is_in_the_codebook():
    for entry in all_entries():
        # NOT_AN_EVENT readings name a sense that codes nothing ("shoot up").
        assert entry.event in EVENTS | {NOT_AN_EVENT}
        assert entry.is_event == (entry.event != NOT_AN_EVENT)
        assert set(entry.context) <= CONTEXTS, entry
        assert entry.stance in STANCES


def test_every_category_has_a_verb_trigger():
    events = {e.event for r in load_lexicon().verbs.values() for e in r if e.is_event}
    assert events == EVENTS


def test_sentence_context_cues_use_codebook_names():
    assert set(load_lexicon().contexts) <= CONTEXTS


def test_light_verb_reading_needs_a_licensing_verb():
    lexicon = load_lexicon()
    assert lexicon.noun(["agreement"], "sign").event == "SUPPORT"
    assert lexicon.noun(["agreement"], "reach").event == "AGREE"
    assert lexicon.noun(["agreement"], "launch") is None
    assert lexicon.noun(["attack"], "launch").event == "ASSAULT"
