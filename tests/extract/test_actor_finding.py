"""How the coder finds actors and recipients the subject or object does not name
(sentences written for these tests)."""

from __future__ import annotations


def _coded(analyser, text: str) -> list[tuple[str, set[str], set[str], set[str]]]:
    """(event, actor codes, recipient codes, actor ids) per coded event."""
    return [
        (
            r["event"],
            {a["code"] for a in r["actor"]},
            {a["code"] for a in r["recipient"]},
            {a["entity_id"] for a in r["actor"]},
        )
        for r in analyser.plover_events(text)
    ]


def test_group_takes_its_home_country(analyser):
    ((event, actors, _, _),) = _coded(analyser, "The Taliban attacked a police post on Monday.")
    assert event == "ASSAULT" and actors == {"AFG"}


def test_led_compound_names_the_leading_country(analyser):
    ((_, actors, _, _),) = _coded(analyser, "Kenyan-led forces captured the port town on Friday.")
    assert actors == {"KEN"}


def test_purpose_clause_keeps_its_subject(analyser):
    # "used tear gas to disperse": the police disperse, not the gas.
    ((event, actors, _, _),) = _coded(analyser, "Chilean police used tear gas to disperse the crowd.")
    assert event == "COERCE" and actors == {"CHL"}


def test_pronoun_subject_refers_back_within_the_sentence(analyser):
    text = "After Canada recalled its ambassador, it also expelled two diplomats."
    assert ("SANCTION", {"CAN"}) in [(e, a) for e, a, _, _ in _coded(analyser, text)]


def test_pronoun_subject_refers_to_the_previous_sentence(analyser):
    text = "Chad deployed troops to the border on Monday. They withdrew two days later."
    coded = _coded(analyser, text)
    assert ("RETREAT", {"TCD"}) in [(e, a) for e, a, _, _ in coded]


def test_he_does_not_refer_to_a_state(analyser):
    text = "Chad deployed troops to the border on Monday. He withdrew two days later."
    retreats = [a for e, a, _, _ in _coded(analyser, text) if e == "RETREAT"]
    assert retreats and "TCD" not in retreats[0]


def test_unnamed_attacker_takes_the_country_of_the_place(analyser):
    ((event, actors, _, ids),) = _coded(analyser, "Gunmen attacked a police post in Kabul on Monday.")
    assert event == "ASSAULT" and actors == {"AFG"}
    # Marked as unidentified: the country is known, the attacker is not.
    assert ids == {"unidentified:AFG"}


def test_no_place_no_unidentified_actor(analyser):
    ((_, actors, _, _),) = _coded(analyser, "Gunmen attacked a police post on Monday.")
    assert actors == set()


def test_attack_target_after_at(analyser):
    ((event, actors, recipients, _),) = _coded(analyser, "Russia launched 300 drones at Ukraine overnight.")
    assert (event, actors, recipients) == ("ASSAULT", {"RUS"}, {"UKR"})


def test_interceptor_is_the_target(analyser):
    text = "Iran fired 90 missiles overnight, with Israeli forces intercepting most of them."
    ((event, actors, recipients, _),) = _coded(analyser, text)
    assert (event, actors, recipients) == ("ASSAULT", {"IRN"}, {"ISR"})


def test_receiver_of_a_gift_is_the_recipient(analyser):
    assert _coded(analyser, "Norway sent food aid to Sudan on Tuesday.")[0][:3] == (
        "AID", {"NOR"}, {"SDN"})
    assert _coded(analyser, "Japan will give Kenya a grant of 20 million dollars.")[0][2] == {"KEN"}


def test_act_done_in_a_place_is_done_to_its_state(analyser):
    ((_, actors, recipients, _),) = _coded(analyser, "Kenyan police lifted the curfew in Mombasa on Monday.")
    assert actors == {"KEN"} and recipients == {"KEN"}


def test_owner_of_an_act_that_is_the_subject(analyser):
    ((event, actors, _, _),) = _coded(analyser, "Chilean riots against the new tax are still continuing.")
    assert event == "PROTEST" and actors == {"CHL"}


def test_group_name_with_a_generic_noun_keeps_its_home_country(analyser):
    ((_, actors, recipients, _),) = _coded(analyser, "The Hamas movement fired rockets at Israel.")
    assert actors == {"PSE"} and recipients == {"ISR"}


def test_request_goes_to_whoever_is_asked_to_act(analyser):
    coded = _coded(analyser, "Brazil demanded that Bolivia release the two engineers.")
    assert ("REQUEST", {"BRA"}, {"BOL"}) in [c[:3] for c in coded]


def test_threat_goes_to_the_target_of_the_threatened_act(analyser):
    coded = _coded(analyser, "Iran threatened to break relations with Canada.")
    assert ("THREATEN", {"IRN"}, {"CAN"}) in [c[:3] for c in coded]


def test_country_word_on_the_object_names_the_recipient(analyser):
    ((event, actors, recipients, _),) = _coded(
        analyser, "Chile rejected a Peruvian proposal for new border talks.")
    assert (event, actors, recipients) == ("REJECT", {"CHL"}, {"PER"})


def test_delegations_from_two_states_are_both_actors(analyser):
    coded = _coded(analyser, "Delegations from Chile and Peru have gathered in Lima for new talks.")
    assert ("CONSULT", {"CHL", "PER"}) in [(e, a) for e, a, _, _ in coded]


def test_group_actor_is_named_with_the_texts_own_plural(analyser):
    # "children" is the plural the text gives; adding "s" to the lemma made "childs"
    text = "Rwandan children were evacuated by Ugandan soldiers on Friday."
    (event,) = analyser.plover_events(text)
    assert {(r["entity_id"], r["entity_name"]) for r in event["recipient"]} == {
        ("group:rwa-children", "Rwanda: children")}
