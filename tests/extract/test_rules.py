"""Codebook rules on the real chain (spaCy + resolve): future acts, demands in reported
speech, promises of harm, easing, and the countries of group actors. Sentences written
for these tests."""

from __future__ import annotations


def main(analyser, text: str) -> dict:
    records = analyser.plover_events(text)
    assert records, f"nothing coded in {text!r}"
    return records[0]


def codes(entities: list[dict]) -> set[str]:
    return {e["code"] for e in entities if e.get("code")}


def test_must_under_a_speech_verb_is_a_request_by_the_speaker(analyser):
    record = main(analyser, "Norway said on Friday that Chile must release the detained fishermen.")
    assert record["event"] == "REQUEST"
    assert codes(record["actor"]) == {"NOR"}
    assert codes(record["recipient"]) == {"CHL"}
    assert record["mode"] == ["yield"]


def test_announced_coercion_is_a_threat(analyser):
    assert main(analyser, "Kenya will impose a curfew in the border towns.")["event"] == "THREATEN"


def test_forecast_by_others_is_not_a_threat(analyser):
    # Issue 16: nor an act that happened; a forecast codes nothing.
    assert analyser.plover_events("Kenya is expected to impose a curfew in the border towns.") == []
    record = main(analyser, "Kenya will impose a curfew in the border towns.")
    assert record["event"] == "THREATEN"


def test_promise_to_fight_is_one_threat(analyser):
    records = analyser.plover_events("The rebels vowed to attack the garrison again.")
    assert [r["event"] for r in records] == ["THREATEN"]


def test_offer_to_retreat_is_agree_and_announced_retreat_is_concede(analyser):
    assert main(analyser, "Peru is willing to withdraw its troops from the border.")["event"] == "AGREE"
    assert main(analyser, "Peru will withdraw its troops from the border.")["event"] == "CONCEDE"


def test_easing_reads_the_object(analyser):
    assert main(analyser, "Uruguay lifted the curfew on Sunday.")["event"] == "RETREAT"
    assert main(analyser, "Uruguay lifted the ban on opposition rallies.")["event"] == "CONCEDE"


def test_road_blockade_by_a_national_group_is_protest_with_country(analyser):
    record = main(analyser, "Kenyan farmers blocked the main highway on Monday.")
    assert (record["event"], record["mode"]) == ("PROTEST", ["obstruct"])
    assert codes(record["actor"]) == {"KEN"}


def test_group_named_by_its_place_takes_the_place_country(analyser):
    record = main(analyser, "Demonstrators in Lima blocked roads on Tuesday.")
    assert record["event"] == "PROTEST"
    assert codes(record["actor"]) == {"PER"}


def test_title_country_gives_the_person_country(analyser):
    record = main(analyser, "Zimbabwean Foreign Minister Tendai Moyo criticised the new tariffs.")
    assert record["event"] == "ACCUSE"
    assert codes(record["actor"]) == {"ZWE"}


def test_reported_attack_is_coded_with_its_own_actor(analyser):
    record = main(analyser, "Officials said Sudanese troops attacked a village near the border.")
    assert record["event"] == "ASSAULT"
    assert codes(record["actor"]) == {"SDN"}


def test_place_attacked_stands_for_its_state(analyser):
    record = main(analyser, "Russian forces launched an attack on Kharkiv overnight.")
    assert record["event"] == "ASSAULT"
    assert codes(record["actor"]) == {"RUS"}
    assert codes(record["recipient"]) == {"UKR"}


def test_refusal_of_cooperation_is_reject(analyser):
    record = main(analyser, "Chile said it will not accept the proposed exchange.")
    assert record["event"] == "REJECT"
    assert record["certainty"] == "asserted"


def test_joint_exercise_is_cooperate(analyser):
    record = main(analyser, "French and Egyptian warships began five days of joint exercises.")
    assert record["event"] == "COOPERATE"
    assert codes(record["actor"]) == {"FRA", "EGY"}


def test_misread_lemma_still_finds_the_verb(analyser):
    # The small model lemmatises "staged" as "stag".
    record = main(analyser, "Kenyan teachers staged demonstrations outside parliament.")
    assert record["event"] == "PROTEST"


def test_stance_list_belongs_to_the_clause_before_it(analyser):
    result = analyser.analyse(
        "Beijing remains focused on what it calls core interests—a stance that includes "
        "ending arms sales and closing foreign bases—positions the Philippines and its allies reject."
    )
    held = {(p.party, p.stance) for p in result.positions if p.object.startswith("ending arms")}
    assert held == {("gov:CHN", "demands"), ("state:PHL", "rejects")}
