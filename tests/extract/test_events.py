"""The PLOVER rule coder on inline sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.extract.lexicon import load_lexicon


def only_event(extraction, event_type: str):
    found = [e for e in extraction.events if e.event == event_type]
    assert len(found) == 1, [(e.event, e.trigger) for e in extraction.events]
    return found[0]


def test_lexicon_covers_every_plover_category():
    events = {e.event for r in load_lexicon().verbs.values() for e in r}
    assert events >= {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }


def test_attack_has_actor_recipient_place_and_date(run):
    ex = run("Israeli forces attacked Hamas positions in Gaza on Tuesday.")
    event = only_event(ex, "ASSAULT")
    assert event.actors == ["mil:ISR"]
    assert event.recipients == ["org:hamas"]
    assert event.place_id == "lex:gaza-strip"
    assert event.certainty == "asserted"
    assert event.date is not None and event.date.weekday() == 1
    assert event.text == "Israeli forces attacked Hamas positions in Gaza on Tuesday."


def test_drone_strike_via_light_verb_gets_drone_mode(run):
    ex = run("Turkey launched a drone strike on Kurdish positions in northern Syria.")
    event = only_event(ex, "ASSAULT")
    assert event.mode == "drone"
    assert event.actors == ["state:TUR"]
    assert "military" in event.context


def test_condemnation_is_accuse_by_the_condemner(run):
    ex = run("Germany condemned the raid as an act of terrorism.")
    event = only_event(ex, "ACCUSE")
    assert event.actors == ["state:DEU"]
    assert event.mode == "disapprove"
    assert "terrorism" in event.context


def test_praise_is_support(run):
    ex = run("The Polish president praised the operation.")
    event = only_event(ex, "SUPPORT")
    assert event.actors == ["gov:POL"]


def test_demand_is_request(run):
    ex = run("Poland demanded the immediate release of the detained journalists.")
    event = only_event(ex, "REQUEST")
    assert event.actors == ["state:POL"]
    assert event.mode == "yield"


def test_refusal_is_reject(run):
    ex = run("Hungary refused to sign the joint statement.")
    event = only_event(ex, "REJECT")
    assert event.actors == ["state:HUN"]


def test_hosted_talks_are_third_party_consult_with_place(run):
    ex = run(
        "Talks between Armenia and Azerbaijan, hosted by Switzerland in Geneva, began on Monday.",
    )
    event = only_event(ex, "CONSULT")
    assert event.mode == "third-party"
    assert event.actors == ["state:CHE"]
    assert set(event.recipients) == {"state:ARM", "state:AZE"}
    assert event.place_id == "2660646"  # Geneva in GeoNames


def test_mediated_by_makes_the_mediator_the_actor(run):
    ex = run("The negotiations, mediated by Qatar, resumed after a long pause.")
    event = only_event(ex, "CONSULT")
    assert event.actors == ["state:QAT"]
    assert event.mode == "third-party"


def test_reportedly_marks_reported(run):
    ex = run("Sudanese troops reportedly killed five civilians near the border.")
    event = only_event(ex, "ASSAULT")
    assert event.certainty == "reported"
    assert [(q.value, q.unit) for q in event.quantities] == [(5.0, "civilians")]


def test_a_forecast_of_sanctions_is_no_event(run):
    # Issue 16: an act others expect has not happened; only the actor's own
    # announcement is a threat (see test_rules.test_forecast_by_others_is_not_a_threat).
    ex = run("China is expected to announce new sanctions against Lithuania.")
    assert [e.event for e in ex.events] == []


def test_an_expected_meeting_is_an_agreement(run):
    ex = run("China will meet Lithuania next week.")
    event = only_event(ex, "AGREE")
    assert event.certainty == "expected"
    assert event.actors == ["state:CHN"]


def test_a_negated_attack_is_no_event(run):
    # Issue 16: negation reaches the event type; a refused cooperation is REJECT.
    assert run("Serbia did not attack Kosovo.").events == []
    assert only_event(run("Serbia would not meet Kosovo."), "REJECT").certainty == "asserted"


def test_modal_marks_hypothetical_and_if_marks_conditional(run):
    assert (
        only_event(run("Egypt may send troops to Sudan."), "MOBILIZE").certainty == "hypothetical"
    )
    # An announced sanction with a condition is a threat (CAMEO 1312), kept conditional.
    ex = run("If talks fail, Japan will impose sanctions on North Korea.")
    assert only_event(ex, "THREATEN").certainty == "conditional"


def test_threat_keeps_its_condition(run):
    ex = run("France warned of further sanctions if the negotiations collapse.")
    event = only_event(ex, "THREATEN")
    assert event.certainty == "asserted"
    assert event.mode == "restrict"


def test_sentence_without_event_is_not_coded(run):
    ex = run("The weather in Oslo was mild and sunny for most of the week.")
    assert ex.events == []


def test_past_year_marks_background(run):
    ex = run(
        "In 2014, Russia annexed Crimea after a disputed referendum.", published=dt.date(2025, 6, 2)
    )
    event = only_event(ex, "COERCE")
    assert event.background is True
    assert event.date == dt.date(2014, 1, 1) and event.date_precision == "year"


def test_news_sentence_without_date_takes_publication_date(run):
    ex = run(
        "Chile recalled its ambassador and expelled two diplomats.", published=dt.date(2025, 6, 2)
    )
    event = only_event(ex, "SANCTION")
    assert (event.date, event.date_precision) == (dt.date(2025, 6, 2), "day")
    assert event.background is False


def test_event_ids_are_stable(run):
    body = "Germany condemned the raid as an act of terrorism."
    assert [e.id for e in run(body).events] == [e.id for e in run(body).events]


@pytest.mark.parametrize(
    ("body", "event_type"),
    [
        ("Police arrested twelve protesters outside parliament.", "COERCE"),
        ("Thousands of teachers protested in the capital.", "PROTEST"),
        ("Japan sent humanitarian aid to Turkey.", "AID"),
        ("Brazil and Argentina agreed to cooperate on border security.", "AGREE"),
        ("India deployed troops along the disputed frontier.", "MOBILIZE"),
        ("Kenya released forty prisoners on Friday.", "RETREAT"),
        ("Peru offered to mediate between the two sides.", "AGREE"),
    ],
)
def test_lexicon_categories(run, body, event_type):
    assert event_type in {e.event for e in run(body).events}


def test_content_of_an_accusation_is_not_coded_as_fact(run):
    ex = run("Ethiopia accused Eritrea of arming rebels in Tigray.")
    assert [e.event for e in ex.events] == ["ACCUSE"]
    assert ex.events[0].recipients == ["state:ERI"]


def test_reporting_pronoun_takes_the_reporter(run):
    ex = run("Pakistan's army said it had killed 12 militants in a raid.")
    assert only_event(ex, "ASSAULT").actors == ["mil:PAK"]


def test_nominal_attack_with_a_named_actor_is_coded(run):
    ex = run("The talks collapsed after a Ukrainian airstrike on Russian airbases.")
    event = only_event(ex, "ASSAULT")
    # the actor is the state the country word names; the target is the resolve
    # stage's group for "Russian airbases"
    assert (event.actors, event.recipients, event.mode) == (
        ["state:UKR"],
        ["group:rus-airbases"],
        "aerial",
    )


def test_restating_clause_is_folded_into_one_event(run):
    ex = run("Russia launched a missile barrage, firing 90 missiles at Kyiv overnight.")
    event = only_event(ex, "ASSAULT")
    assert event.mode == "heavy-weapons"
    assert [q.value for q in event.quantities] == [90.0]


def test_labour_strike_is_protest(run):
    ex = run("Workers at the port went on strike over pay.")
    event = only_event(ex, "PROTEST")
    assert event.mode == "strike"


def test_announced_cooperation_is_agree_and_announced_retreat_is_concede(run):
    ex = run("Egypt plans to host the next round of talks in Cairo.")
    event = only_event(ex, "AGREE")
    assert (event.actors, event.certainty) == (["state:EGY"], "expected")
    ex = run("Russia announced it would withdraw troops from the region.")
    assert only_event(ex, "CONCEDE").actors == ["state:RUS"]


@pytest.mark.parametrize("text", [
    "Turkish drones hit two Kurdish air bases in northern Syria on Sunday.",
    "Israeli jets hit Hamas positions in Gaza overnight.",
])
def test_hitting_a_target_is_an_assault(run, text):
    event = only_event(run(text), "ASSAULT")
    assert event.actors in (["mil:TUR"], ["mil:ISR"])  # drones and jets: the military


@pytest.mark.parametrize("text", [
    "Turkish exports hit a record high in May.",
    "Inflation in Turkey hit 40 percent last month.",
    "The Turkish team hit the target in the second half.",
    "A powerful storm hit the Turkish coast on Sunday.",
    "The new Turkish album hit the shelves on Friday.",
    "Turkish negotiators hit a snag in the talks on Monday.",
])
def test_hitting_a_figure_or_a_snag_is_no_assault(run, text):
    assert "ASSAULT" not in [e.event for e in run(text).events]


@pytest.mark.parametrize(("text", "event_type", "actor", "recipient"), [
    # an owner and an "of" phrase on a nominal act: who did it to whom
    ("Rattled by Russia's invasion of Ukraine, Finland will start a debate on NATO.",
     "ASSAULT", "state:RUS", "state:UKR"),
    ("Armenia's shelling of Azerbaijan's border villages went on overnight.",
     "ASSAULT", "state:ARM", "state:AZE"),
])
def test_an_owner_and_an_of_phrase_are_actor_and_recipient(run, text, event_type, actor,
                                                           recipient):
    event = only_event(run(text), event_type)
    assert (event.actors, event.recipients) == ([actor], [recipient])


@pytest.mark.parametrize(("text", "noun", "targets"), [
    # without an owner or a "by" phrase, "of" may name who acted: nothing is read
    ("The visit of the president to the harbour lasted an hour.", "visit", []),
    ("The resignation of the minister came on Friday.", "resignation", []),
    # with one, "of" names whom the act was done to
    ("The arrest of the union leader by the police came on Friday.", "arrest", ["leader"]),
    ("Its blockade of the harbour lasted a week.", "blockade", ["harbour"]),
])
def test_an_of_phrase_names_the_target_only_beside_the_agent(nlp, text, noun, targets):
    from newsweave.extract.events import _noun_targets

    doc = nlp(text)
    token = next(t for t in doc if t.text == noun)
    assert [t.text for t in _noun_targets(token)] == targets


@pytest.mark.parametrize(("text", "event_type", "recipients"), [
    # "for" names whom a nominal act is meant for
    ("Russia has issued warnings for Finland and Sweden.", "THREATEN",
     {"state:FIN", "state:SWE"}),
    ("Germany announced new military aid for Ukraine on Monday.", "AID", {"state:UKR"}),
])
def test_for_names_whom_a_nominal_act_is_meant_for(run, text, event_type, recipients):
    assert set(only_event(run(text), event_type).recipients) == recipients


@pytest.mark.parametrize("text", [
    # the place and agency of a dateline say where the report was filed and by
    # whom; neither did anything in it
    ("Port Elin (AFP) - The harbour's newest board member and largest stakeholder Teodor "
     "Halvane tweeted Saturday to ask if the port was dying."),
    "VARNA BAY, June 3 (Reuters) - The union of Elin asked the harbour authority for a raise.",
])
def test_the_place_and_agency_of_a_dateline_are_no_actors(run, text):
    ex = run(text)
    assert ex.events
    for event in ex.events:
        assert not [a for a in event.actors if a in ("org:afp", "org:reuters")
                    or "port-elin" in a or "varna" in a], event.actors
