"""Clause-level fact alignment: one sentence can carry two facts."""

from newsweave.corpus.facts.clauses import split_clauses
from newsweave.corpus.facts.corroborate import corroborate_story
from newsweave.records import Claim, Event, Quantity

OUTLETS = {"a1": "Coastline Daily", "l1": "The Northern Ledger", "r1": "Elin Radio"}


def _claim(cid: str, article: str, text: str, *, start: int = 0, **fields) -> Claim:
    return Claim(id=cid, article_id=article, start=start, end=start + len(text), text=text,
                 subject=fields.pop("subject", ""), predicate="", **fields)


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in split_clauses(text)]


def test_parenthetical_after_the_subject_is_its_own_clause() -> None:
    text = ("The union's delegation, led by its secretary Mara Loen, is pressing for a "
            "4% raise this year.")
    pieces = _pieces(text)
    assert pieces[0] == "The union's delegation, led by its secretary Mara Loen"
    # the clause after the parenthetical gets the subject back
    assert split_clauses(text)[1][2].startswith("The union's delegation")


def test_list_of_demands_is_split_into_items() -> None:
    text = "The union demands a 4% raise, shorter night shifts and a new safety officer."
    assert _pieces(text) == ["a 4% raise", "shorter night shifts", "a new safety officer."]
    assert all(ctx == "The union demands" for _, _, ctx in split_clauses(text))


def test_short_names_and_plain_sentences_stay_whole() -> None:
    assert _pieces("Mara Loen, the union secretary, heads the delegation.") == [
        "Mara Loen, the union secretary, heads the delegation."]
    text = "Negotiators for the union and the harbour authority began talks in Varna Bay."
    assert _pieces(text) == [text]


def test_a_sentence_with_two_facts_corroborates_both() -> None:
    claims = [
        _claim("c1", "a1", "The union's delegation, led by its secretary Mara Loen, is "
                           "pressing for a raise, shorter night shifts and a safety officer."),
        _claim("c2", "l1", "Mara Loen heads the union's delegation at the talks."),
        _claim("c3", "r1", "The union also wants shorter night shifts for crane drivers."),
    ]
    facts, _ = corroborate_story("s", claims, [], OUTLETS, {})
    by_claims = {frozenset(m.claim_id for m in f.mentions): f for f in facts}
    assert frozenset({"c1", "c2"}) in by_claims
    assert frozenset({"c1", "c3"}) in by_claims
    shifts = by_claims[frozenset({"c1", "c3"})]
    # each outlet's span is its own clause, not the whole sentence
    assert {m.text for m in shifts.mentions} == {
        "shorter night shifts", "The union also wants shorter night shifts for crane drivers."}


def test_rejection_and_demand_of_one_thing_are_two_facts() -> None:
    claims = [
        _claim("c1", "a1", "The authority rejected any raise above inflation.",
               event_type="REJECT"),
        _claim("c2", "l1", "The union demanded a raise above inflation.", event_type="REQUEST"),
    ]
    events = [Event(id="e1", article_id="a1", event="REJECT", start=0, end=49,
                    text=claims[0].text, trigger="rejected"),
              Event(id="e2", article_id="l1", event="REQUEST", start=0, end=43,
                    text=claims[1].text, trigger="demanded")]
    facts, _ = corroborate_story("s", claims, [], OUTLETS, {}, events)
    assert len(facts) == 2


def test_different_qualifiers_of_one_item_are_a_conflict() -> None:
    claims = [
        _claim("c1", "a1", "The union is now pushing for an immediate 30-day ceasefire of the "
                           "blockade, new cranes and a safety officer."),
        _claim("c2", "l1", "The union wants an unconditional ceasefire of the blockade, "
                           "a pay rise and longer breaks."),
    ]
    _facts, conflicts = corroborate_story("s", claims, [], OUTLETS, {})
    qualifier = [c for c in conflicts if c.kind == "qualifier"]
    assert len(qualifier) == 1
    assert sorted(s.value for s in qualifier[0].sides) == [
        "immediate 30-day ceasefire", "unconditional ceasefire"]
    # the sides show each outlet's whole sentence
    assert {s.text for s in qualifier[0].sides} == {c.text for c in claims}


def test_same_qualifier_in_other_words_is_no_conflict() -> None:
    claims = [
        _claim("c1", "a1", "The union demands a full exchange of prisoners, new cranes and a "
                           "safety officer."),
        _claim("c2", "l1", "The union demands the exchange of all prisoners, a pay rise and "
                           "longer breaks."),
    ]
    _, conflicts = corroborate_story("s", claims, [], OUTLETS, {})
    assert conflicts == []


def test_attribution_is_not_a_difference() -> None:
    claims = [
        _claim("c1", "a1", "Police detained 14 protesters at the north gate, the police said."),
        _claim("c2", "l1", "Police detained 14 protesters at the north gate, according to "
                           "the police.", certainty="reported"),
    ]
    facts, conflicts = corroborate_story("s", claims, [], OUTLETS, {})
    assert len(facts) == 1 and conflicts == []


def test_hedge_on_a_loosely_related_statement_is_no_conflict() -> None:
    # same topic words, different statements: a certainty "difference" between
    # them would be noise
    claims = [
        _claim("c1", "a1", "Quellan offered a monitoring team if the two sides agree on a "
                           "truce.", certainty="conditional"),
        _claim("c2", "l1", "The two sides may agree on a prisoner exchange before any truce.",
               certainty="hypothetical"),
    ]
    _, conflicts = corroborate_story("s", claims, [], OUTLETS, {})
    assert not [c for c in conflicts if c.kind in ("qualifier", "condition")]


def test_numbers_of_one_count_from_two_outlets_conflict() -> None:
    a = "Overnight, Maldar launched 286 drones at Veskan, the biggest attack of the war."
    b = ("Overnight, Maldar fired more than 300 drones at Veskan cities, and air defences "
         "shot down most of them.")
    claims = [
        _claim("c1", "a1", a, quantities=[Quantity(value=286, text="286 drones", unit="drones",
                                                   start=a.index("286"), end=a.index("286") + 10)]),
        _claim("c2", "l1", b, quantities=[Quantity(value=300, text="more than 300 drones",
                                                   unit="drones", start=b.index("more"),
                                                   end=b.index("more") + 20)]),
    ]
    _facts, conflicts = corroborate_story("s", claims, [], OUTLETS, {})
    numbers = [c for c in conflicts if c.kind == "number"]
    assert len(numbers) == 1
    assert sorted(s.value for s in numbers[0].sides) == ["286 drones", "more than 300 drones"]


def test_same_demand_by_two_opposing_parties_is_two_facts() -> None:
    claims = [
        _claim("c1", "a1", "Veskan demands an immediate truce, the return of the ferries and "
                           "new border posts.", subject="gov:XVA"),
        _claim("c2", "l1", "Maldar wants a lasting truce, lower tariffs and the release of "
                           "the fishermen.", subject="gov:XMA"),
        _claim("c3", "r1", "Veskan is asking for a truce, the ferries back and a border "
                           "commission.", subject="state:XVA"),
    ]
    facts, _ = corroborate_story("s", claims, [], OUTLETS, {})
    truce = [f for f in facts if any("truce" in m.text for m in f.mentions)]
    assert sorted(sorted(m.claim_id for m in f.mentions) for f in truce) == [["c1", "c3"],
                                                                             ["c2"]]
