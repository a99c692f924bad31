"""Who wants what: demands, rejections, offers, support."""

from __future__ import annotations


def stances(extraction, stance: str) -> list[tuple[str, str]]:
    return [(p.party, p.object) for p in extraction.positions if p.stance == stance]


def test_coordinated_demands_give_one_position_per_item(run):
    ex = run(
        "Armenia is pushing for a permanent ceasefire, a full exchange of detainees, "
        "and international monitors along the border.",
    )
    assert stances(ex, "demands") == [
        ("state:ARM", "a permanent ceasefire"),
        ("state:ARM", "a full exchange of detainees"),
        ("state:ARM", "international monitors along the border"),
    ]


def test_continue_to_demand_list(run):
    ex = run(
        "Serbia continues to demand autonomy for the northern municipalities, "
        "the withdrawal of special police units, and new local elections."
    )
    objects = [obj for party, obj in stances(ex, "demands") if party == "state:SRB"]
    assert len(objects) == 3
    assert objects[0] == "autonomy for the northern municipalities"


def test_rejection(run):
    ex = run("Iran rejected the European proposal on uranium enrichment.")
    assert stances(ex, "rejects") == [("state:IRN", "the European proposal on uranium enrichment")]


def test_offer(run):
    ex = run("Norway offered to host the next round of talks.")
    assert stances(ex, "offers") == [("state:NOR", "host the next round of talks")]


def test_willingness_is_an_offer(run):
    ex = run("Colombia expressed willingness to resume negotiations with the rebels.")
    assert stances(ex, "offers") == [("state:COL", "resume negotiations with the rebels")]


def test_support(run):
    ex = run("Canada backs the plan for an international tribunal.")
    assert stances(ex, "supports") == [("state:CAN", "the plan for an international tribunal")]


def test_call_on_names_the_addressee(run):
    ex = run("Mexico called on Washington to suspend the tariffs.")
    assert stances(ex, "demands") == [("state:MEX", "Washington to suspend the tariffs")]


def test_emphasizing_the_need_for(run):
    ex = run("Chile emphasized the need for an independent inquiry and fair compensation.")
    objects = [obj for _, obj in stances(ex, "demands")]
    assert objects == ["an independent inquiry", "fair compensation"]


def test_hedged_position_keeps_certainty(run):
    ex = run("Egypt will reportedly reject the plan.")
    [position] = [p for p in ex.positions if p.stance == "rejects"]
    assert position.certainty == "expected"


def test_second_clause_of_one_request_keeps_its_position(run):
    ex = run("Russia demanded a referendum and insisted on new borders.")
    assert [e.event for e in ex.events] == ["REQUEST"]
    assert stances(ex, "demands") == [
        ("state:RUS", "a referendum"),
        ("state:RUS", "new borders"),
    ]


def test_rejected_stance_listed_earlier_in_the_sentence(run):
    ex = run(
        "Beijing wants a settlement that includes lifting tariffs, ending export controls, "
        "and reopening consulates, terms Washington and its partners reject.",
    )
    rejected = [obj for party, obj in stances(ex, "rejects") if party == "gov:USA"]
    assert rejected[:1] == ["lifting tariffs"]


def test_background_rejection_is_an_event_not_a_position(run):
    ex = run("In 2013, Ukraine's president, Viktor Yanukovych, rejected an EU trade agreement.")
    [event] = [e for e in ex.events if e.event == "REJECT"]
    assert event.background is True
    assert event.actors == ["person:viktor-yanukovych"]
    assert ex.positions == []


def test_relative_pronoun_object_stands_for_its_antecedent(run):
    ex = run("Serbia proposed a land swap, which Kosovo rejected.")
    # Kosovo has no ISO 3166 code: the gazetteer holds it as a place, not a state,
    # so the party is its name as written
    assert stances(ex, "rejects") == [("kosovo", "a land swap")]


def test_a_stance_held_back_is_not_held(run):
    # "reluctant to oppose": the party does not oppose (nor support) the measure
    for verb in ("reluctant to oppose", "unwilling to back", "hesitant to reject"):
        ex = run(f"Iran was {verb} the European proposal on uranium enrichment.")
        assert [p for p in ex.positions if p.party == "state:IRN"] == [], verb
    ex = run("Iran was quick to reject the European proposal on uranium enrichment.")
    assert stances(ex, "rejects") == [("state:IRN", "the European proposal on uranium enrichment")]


def test_offering_words_is_no_offer(run):
    # "offer remarks", "offer condolences": something said, not a position
    for text in ("Norway's prime minister offered brief remarks on the flooding in Bergen.",
                 "Norway offered a few words of support to the flood victims.",
                 "Norway offered condolences to the families of the victims."):
        assert stances(run(text), "offers") == [], text
    assert stances(run("Norway offered to host the talks."), "offers")


def test_how_often_something_was_promised_is_not_what_was_promised(run):
    ex = run("Halvane promised hundreds of times during his campaign that the harbour would "
             "cost taxpayers nothing.")
    objects = [obj for _, obj in stances(ex, "offers")]
    assert objects and not [o for o in objects if "times" in o], objects

