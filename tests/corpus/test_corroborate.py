import datetime as dt

from newsweave.corpus.facts.corroborate import corroborate_story
from newsweave.corpus.facts.positions import merge_positions
from newsweave.corpus.facts.words import content_tokens
from newsweave.records import Claim, Position, Quantity

OUTLETS = {"a1": "Coastline Daily", "a2": "Coastline Daily", "l1": "The Northern Ledger",
           "r1": "Elin Radio", "b7": "Bay Wire"}
UNION, AUTHORITY = "org:port-elin-union", "org:port-elin-harbour"
LOEN = "person:mara-loen"


def make_claim(id: str, article_id: str, text: str, *, start: int = 0,
               numbers: tuple[tuple[str, float, str], ...] = (), **fields) -> Claim:
    """A claim at ``start`` in its article; ``numbers`` are (phrase in text, value, unit)."""
    quantities = [Quantity(value=value, text=phrase, unit=unit,
                           start=start + text.index(phrase),
                           end=start + text.index(phrase) + len(phrase))
                  for phrase, value, unit in numbers]
    return Claim(id=id, article_id=article_id, start=start, end=start + len(text), text=text,
                 subject=fields.pop("subject", ""), predicate=fields.pop("predicate", ""),
                 quantities=quantities, **fields)


def make_position(id: str, article_id: str, party: str, stance: str, obj: str,
                  text: str, start: int = 0) -> Position:
    return Position(id=id, article_id=article_id, party=party, stance=stance, object=obj,
                    start=start, end=start + len(text), text=text)


def corroborate(claims, positions=(), duplicates=None):
    return corroborate_story("story-1", claims, list(positions), OUTLETS, duplicates or {})


def fact_of(facts, claim_id):
    return next(f for f in facts if claim_id in {m.claim_id for m in f.mentions})


def test_paraphrase_tokens_meet() -> None:
    a = content_tokens("The union's delegation is led by its secretary Mara Loen.")
    b = content_tokens("Mara Loen, the union secretary, heads the delegation.")
    assert a == b
    assert content_tokens("Defense Minister") == content_tokens("Defence Minister")
    assert content_tokens("a truce and a prisoner swap") == content_tokens(
        "a ceasefire and a prisoner exchange")


def test_paraphrases_from_two_outlets_are_one_fact() -> None:
    claims = [
        make_claim("c1", "a1", "The union's delegation is led by its secretary Mara Loen.",
                   actors=[UNION, LOEN]),
        make_claim("c2", "l1", "Mara Loen, the union secretary, heads the delegation.",
                   actors=[LOEN, UNION]),
    ]
    facts, conflicts = corroborate(claims)
    assert len(facts) == 1
    assert facts[0].corroboration == 2
    assert facts[0].outlets == ["Coastline Daily", "The Northern Ledger"]
    assert [m.claim_id for m in facts[0].mentions] == ["c1", "c2"]
    assert conflicts == []


COUNCIL, POLICE = "org:harbour-council", "org:port-elin-police"


def story_claims() -> list[Claim]:
    """One invented story as the extract stage sees it: a claim per sentence, three outlets."""
    rows = [
        ("A1", "a1",
         "Talks between the dockworkers' union and the harbour authority opened in Varna Bay.",
         [UNION, AUTHORITY], "CONSULT", ()),
        ("A2", "a1", "The Harbour Council is mediating between the two sides.",
         [COUNCIL], "MEDIATE", ()),
        ("A3", "a1", "The union's delegation is led by its secretary, Mara Loen.",
         [UNION, LOEN], None, ()),
        ("A4", "a1", "About 1,200 workers joined the walkout on Thursday, the union said.",
         [UNION], "PROTEST", (("About 1,200 workers", 1200, "workers"),)),
        # history (the story is of 2031): the extract stage marks it as background
        ("A5", "a1", "The harbour authority was privatised in 2029.", [AUTHORITY], None, ()),
        ("L1", "l1",
         "Negotiators for the union and the harbour authority began talks in Varna Bay.",
         [UNION, AUTHORITY], "CONSULT", ()),
        ("L2", "l1", "The talks are mediated by the regional Harbour Council.",
         [COUNCIL], "MEDIATE", ()),
        ("L3", "l1", "Mara Loen, the union's secretary, heads its delegation at the talks.",
         [LOEN, UNION], None, ()),
        ("L4", "l1", "More than 2,000 dockworkers joined the walkout on Thursday.",
         [UNION], "PROTEST", (("2,000 dockworkers", 2000, "dockworkers"),)),
        ("L5", "l1", "The authority is expected to table an offer on Friday.",
         [AUTHORITY], "AGREE", ()),
        ("R1", "r1", "Talks to end the dock strike opened on Saturday in Varna Bay.",
         [UNION, AUTHORITY], "CONSULT", ()),
        ("R2", "r1", "Police detained 14 protesters at the north gate on Thursday night.",
         [POLICE], "COERCE", (("14 protesters", 14, "protesters"),)),
        ("R3", "r1", "The walkout halted container traffic at the port on Thursday.",
         [UNION], "PROTEST", ()),
    ]
    offsets: dict[str, int] = {}
    claims = []
    for cid, article, text, actors, event, numbers in rows:
        start = offsets.get(article, 0)
        offsets[article] = start + len(text) + 1
        claims.append(make_claim(cid, article, text, start=start, actors=actors,
                                 event_type=event, numbers=numbers,
                                 background="2029" in text))
    return claims


def test_story_claims_align_into_facts() -> None:
    facts, conflicts = corroborate(story_claims())
    groups = sorted(sorted(m.claim_id for m in f.mentions) for f in facts)
    # A4 and L4 give other figures for one walkout: two facts and a number conflict
    assert groups == [["A1", "L1", "R1"], ["A2", "L2"], ["A3", "L3"], ["A4"], ["A5"], ["L4"],
                      ["L5"], ["R2"], ["R3"]]
    assert fact_of(facts, "A1").corroboration == 3
    assert fact_of(facts, "R2").corroboration == 1
    assert [c.kind for c in conflicts] == ["number"]


def test_single_source_fact_has_corroboration_one() -> None:
    claims = [make_claim("c3", "r1", "Police detained 14 protesters at the north gate.",
                         numbers=(("14 protesters", 14, "protesters"),), event_type="COERCE",
                         date=dt.date(2031, 3, 13))]
    facts, conflicts = corroborate(claims)
    assert len(facts) == 1 and conflicts == []
    fact = facts[0]
    assert fact.corroboration == 1 and fact.outlets == ["Elin Radio"]
    assert fact.statement == "Police detained 14 protesters at the north gate."
    assert fact.event_type == "COERCE" and fact.date == dt.date(2031, 3, 13)
    assert fact.story_id == "story-1"


def test_corroboration_counts_outlets_not_articles() -> None:
    text = "The Harbour Council mediates the talks."
    claims = [make_claim("c1", "a1", text), make_claim("c2", "a2", text),
              make_claim("c3", "l1", "The talks are mediated by the Harbour Council.")]
    facts, _ = corroborate(claims)
    assert len(facts) == 1
    assert facts[0].corroboration == 2 and len(facts[0].mentions) == 3


def test_syndicated_copy_is_a_mention_but_not_corroboration() -> None:
    text = "Container traffic at Port Elin stopped on 13 March after the walkout."
    claims = [make_claim("c1", "a1", text), make_claim("c9", "b7", text)]
    facts, _ = corroborate(claims, duplicates={"b7": "a1"})
    assert len(facts) == 1
    assert facts[0].corroboration == 1
    assert facts[0].outlets == ["Coastline Daily"]
    assert {m.outlet for m in facts[0].mentions} == {"Coastline Daily", "Bay Wire"}


def test_claims_of_one_article_do_not_merge_unless_repeated() -> None:
    claims = [
        make_claim("c1", "a1", "The union demands a raise for all dockworkers.", actors=[UNION]),
        make_claim("c2", "a1", "The union demands the rehiring of all dockworkers.",
                   start=100, actors=[UNION]),
        make_claim("c3", "a1", "The union demands a raise for all dockworkers.", start=300,
                   actors=[UNION]),
    ]
    facts, _ = corroborate(claims)
    assert sorted(len(f.mentions) for f in facts) == [1, 2]
    assert fact_of(facts, "c1") is fact_of(facts, "c3")


def test_number_conflict_keeps_both_wordings() -> None:
    coastline = "About 1,200 workers joined the walkout at Port Elin on Thursday."
    ledger = "More than 2,000 dockworkers joined the walkout at Port Elin on Thursday."
    claims = [
        make_claim("c1", "a1", coastline, actors=[UNION], event_type="PROTEST",
                   numbers=(("About 1,200 workers", 1200, "workers"),)),
        make_claim("c2", "l1", ledger, actors=[UNION], event_type="PROTEST",
                   numbers=(("2,000 dockworkers", 2000, "dockworkers"),)),
    ]
    facts, conflicts = corroborate(claims)
    # each outlet is credited with its own figure only (issue 15): two facts, one conflict
    assert sorted(f.outlets for f in facts) == [["Coastline Daily"], ["The Northern Ledger"]]
    assert [c.kind for c in conflicts] == ["number"]
    conflict = conflicts[0]
    assert conflict.fact_id in {f.id for f in facts} and conflict.topic == "worker"
    sides = {s.outlet: (s.text, s.value) for s in conflict.sides}
    assert sides == {"Coastline Daily": (coastline, "About 1,200 workers"),
                     "The Northern Ledger": (ledger, "2,000 dockworkers")}


def test_over_40_against_40_is_a_qualifier_conflict() -> None:
    claims = [
        make_claim("c1", "a1", "Rioters damaged over 40 cranes at the north terminal.",
                   numbers=(("40 cranes", 40, "cranes"),)),
        make_claim("c2", "l1", "Rioters damaged 40 cranes at the north terminal.",
                   numbers=(("40 cranes", 40, "cranes"),)),
    ]
    facts, conflicts = corroborate(claims)
    assert len(facts) == 1
    assert [c.kind for c in conflicts] == ["qualifier"]
    assert {s.outlet for s in conflicts[0].sides} == {"Coastline Daily", "The Northern Ledger"}


def test_same_numbers_are_no_conflict() -> None:
    claims = [
        make_claim("c1", "a1", "Police detained 14 protesters at the north gate.",
                   numbers=(("14 protesters", 14, "protesters"),)),
        make_claim("c2", "r1", "Fourteen protesters were detained by police at the north gate.",
                   numbers=(("Fourteen protesters", 14, "protesters"),)),
    ]
    facts, conflicts = corroborate(claims)
    assert len(facts) == 1 and conflicts == []


def test_hedged_mention_is_a_condition_conflict() -> None:
    claims = [
        # a hedge, not an expectation: "will table" and "tabled" are one act told
        # before and after it (tests/corpus/test_real_conflicts.py)
        make_claim("c1", "a1", "The authority may table an offer on Friday.",
                   certainty="hypothetical"),
        make_claim("c2", "l1", "The authority tabled an offer on Friday."),
    ]
    facts, conflicts = corroborate(claims)
    assert len(facts) == 1 and facts[0].certainty == "asserted"
    assert [(c.kind, sorted(s.value for s in c.sides)) for c in conflicts] == [
        ("condition", ["asserted", "hypothetical"])]


def test_background_lowers_importance() -> None:
    claims = [
        make_claim("c1", "l1", "The last dock strike ended in 2027 with a 4% deal.",
                   background=True),
        make_claim("c2", "l1", "Dockworkers at Port Elin walked out on Thursday.", start=90,
                   event_type="PROTEST"),
    ]
    facts, _ = corroborate(claims)
    assert [f.background for f in facts] == [False, True]
    assert facts[0].importance > facts[1].importance


def test_ids_are_stable_and_order_free() -> None:
    claims = [
        make_claim("c1", "a1", "The union's delegation is led by its secretary Mara Loen."),
        make_claim("c2", "l1", "Mara Loen, the union secretary, heads the delegation."),
    ]
    first, _ = corroborate(claims)
    second, _ = corroborate(list(reversed(claims)))
    assert [f.id for f in first] == [f.id for f in second]
    assert first[0].statement == second[0].statement


UNION_DEMANDS_RAISE = [
    make_position("p1", "a1", UNION, "demands", "a 9% raise this year",
                  "The union demands a 9% raise this year."),
    make_position("p2", "l1", UNION, "demands", "a raise of 9% over two years",
                  "The union wants a raise of 9% over two years.", start=50),
]


def test_position_conflict_between_parties() -> None:
    positions = UNION_DEMANDS_RAISE + [
        make_position("p3", "a1", AUTHORITY, "rejects", "any raise before the strike ends",
                      "The authority rejects any raise before the strike ends.", start=120),
        make_position("p4", "l1", UNION, "demands", "rehiring of 30 dismissed workers",
                      "It also wants 30 dismissed workers rehired.", start=200),
    ]
    _, conflicts = corroborate([], positions)
    opposed = [c for c in conflicts if c.kind == "position"]
    assert len(opposed) == 1
    values = {s.value for s in opposed[0].sides}
    assert f"{AUTHORITY} rejects: any raise before the strike ends" in values
    assert f"{UNION} demands: a 9% raise this year" in values
    assert {s.outlet for s in opposed[0].sides} == {"Coastline Daily", "The Northern Ledger"}


def test_position_reported_with_different_scope_is_a_condition_conflict() -> None:
    _, conflicts = corroborate([], UNION_DEMANDS_RAISE)
    assert [c.kind for c in conflicts] == ["condition"]
    assert sorted(s.value for s in conflicts[0].sides) == ["over two years", "this year"]


def test_merge_positions_builds_who_wants_what() -> None:
    positions = UNION_DEMANDS_RAISE + [
        make_position("p4", "l1", UNION, "demands", "rehiring of 30 dismissed workers",
                      "It also wants 30 dismissed workers rehired.", start=200),
        make_position("p5", "b7", UNION, "demands", "a 9% raise this year",
                      "The union demands a 9% raise this year."),
    ]
    rows = merge_positions(positions, OUTLETS, duplicates={"b7": "a1"})
    assert [(r["party"], r["stance"], r["object"]) for r in rows] == [
        (UNION, "demands", "a 9% raise this year"),
        (UNION, "demands", "rehiring of 30 dismissed workers"),
    ]
    raise_row = rows[0]
    assert raise_row["outlets"] == ["Coastline Daily", "The Northern Ledger"]
    assert raise_row["corroboration"] == 2
    assert raise_row["position_ids"] == ["p1", "p2", "p5"]
    assert {e["article_id"] for e in raise_row["evidence"]} == {"a1", "l1", "b7"}


def test_fact_only_a_copy_states_has_no_independent_source() -> None:
    claims = [make_claim("c9", "b7", "Bay Wire learned that the port will reopen on Monday.")]
    facts, _ = corroborate(claims, duplicates={"b7": "a1"})
    assert facts[0].corroboration == 0 and facts[0].outlets == ["Bay Wire"]


def test_conditional_mention_is_a_condition_conflict() -> None:
    claims = [
        make_claim("c1", "a1", "The union will end the walkout once the talks begin.",
                   certainty="conditional"),
        make_claim("c2", "l1", "The union will end the walkout when the talks begin."),
    ]
    _, conflicts = corroborate(claims)
    assert [c.kind for c in conflicts] == ["condition"]


def test_broad_support_does_not_oppose_a_narrow_rejection() -> None:
    positions = [
        make_position("p1", "a1", "org:harbour-council", "supports", "the talks",
                      "The council supports the talks."),
        make_position("p2", "l1", AUTHORITY, "rejects", "talks chaired by the port's own board",
                      "The authority rejects talks chaired by the port's own board."),
    ]
    _, conflicts = corroborate([], positions)
    assert conflicts == []


def test_a_country_does_not_oppose_itself() -> None:
    positions = [
        make_position("p1", "a1", "gov:XVK", "demands", "the return of civilians from Lowmere",
                      "Veskaria demands the return of civilians from Lowmere."),
        make_position("p2", "l1", "state:XVK", "rejects", "any talk of giving up Lowmere",
                      "Veskaria rejects any talk of giving up Lowmere."),
    ]
    _, conflicts = corroborate([], positions)
    assert conflicts == []


def test_nothing_in_nothing_out() -> None:
    assert corroborate([]) == ([], [])
    assert merge_positions([], OUTLETS) == []


def test_rejecting_the_other_sides_call_for_something_opposes_it() -> None:
    positions = [
        make_position("p1", "a1", UNION, "demands", "fixed catch quotas",
                      "The union demands fixed catch quotas."),
        make_position("p2", "l1", AUTHORITY, "rejects", "the union's demand for fixed quotas",
                      "The authority rejected the union's demand for fixed quotas."),
    ]
    _, conflicts = corroborate([], positions)
    assert [c.kind for c in conflicts] == ["position"]


def test_actor_only_copies_name_does_not_break_alignment() -> None:
    # Two reprints resolve an actor their original's sentence did not: copies are
    # not counted in the story's word and actor weights, and must still align.
    text = "Mara Loen said the union would return to the table on Friday."
    claims = [make_claim("c1", "a1", text),
              make_claim("c2", "b7", text, actors=[LOEN]),
              make_claim("c3", "r1", text, actors=[LOEN])]
    facts, _ = corroborate(claims, duplicates={"b7": "a1", "r1": "a1"})
    fact = fact_of(facts, "c1")
    assert {m.claim_id for m in fact.mentions} == {"c1", "c2", "c3"}
    assert fact.corroboration == 1


def test_pieces_of_a_very_long_report_are_not_compared_with_each_other() -> None:
    """Their pairs would grow with the square of the report (issue 17's 10 MB page)."""
    from newsweave.corpus.facts.align import (
        MAX_ARTICLE_PIECES,
        apart_keys,
        candidate_pairs,
        prepare_story,
    )

    text = "The Tarvel council approved the Elin harbour budget on Monday."
    long = [make_claim(f"c{k}", "a1", text, start=k * 100) for k in range(MAX_ARTICLE_PIECES + 1)]
    short = [make_claim("d1", "l1", text)]
    prepared = prepare_story(long + short, OUTLETS, {})
    pairs, _ = candidate_pairs(prepared)
    assert pairs and all("l1" in {prepared[i].claim.article_id, prepared[j].claim.article_id}
                          for i, j in pairs)
    assert len(set(apart_keys(prepared))) == 2
    # a short report's sentences may still share a fact with each other
    few = prepare_story(long[:3], OUTLETS, {})
    assert candidate_pairs(few)[0]


def test_a_sentence_cut_for_matching_is_one_fact_when_its_pieces_match_nothing() -> None:
    # a sentence cut at its semicolons for matching (each piece could meet another
    # outlet's fact) is shown whole; when no piece meets anything, it is one fact,
    # not one copy of the same sentence per piece
    text = ("The parcels have been sent to Mayor Ilves of Tarvel; Councillor Baro of Elin; "
            "the harbour master Oskane; and the Tarvel port board.")
    other = "The Elin ferry sank on Monday near Port Elin, officials said."
    facts, _ = corroborate([make_claim("c1", "a1", text, clauses=[[0, len(text), "send", False]]),
                            make_claim("c2", "l1", other)])
    shown = [f.statement for f in facts]
    assert sorted(shown) == sorted([text, other])
    [fact] = [f for f in facts if f.statement == text]
    assert {(m.start, m.end) for m in fact.mentions} == {(0, len(text))}


def test_an_act_told_as_a_day_after_another_states_both() -> None:
    # "X met on Tuesday, one day after drones struck Y" states two acts: each
    # meets the outlets that state it alone
    talks_and_raid = ("The Veskarian and Maldrenian delegations met at Corvane Palace on "
                      "Tuesday, one day after Veskarian drones struck the Harrowfield air base.")
    raid = "On Monday, Veskarian drones struck the Harrowfield air base deep inside Maldrenia."
    talks = "The Veskarian and Maldrenian delegations opened talks at Corvane Palace on Tuesday."
    facts, _ = corroborate([make_claim("c1", "a1", talks_and_raid),
                            make_claim("c2", "l1", raid), make_claim("c3", "r1", talks)])
    with_both = [f for f in facts if "c1" in {m.claim_id for m in f.mentions}]
    claims_with_c1 = sorted(sorted({m.claim_id for m in f.mentions}) for f in with_both)
    assert claims_with_c1 == [["c1", "c2"], ["c1", "c3"]]


def test_identical_items_counted_once_merge_as_if_each_were_there() -> None:
    # n copies of an item, given once with weight n, group exactly as the n items
    import random

    from newsweave.corpus.facts.align import _agglomerate

    rng = random.Random(7)
    for _ in range(200):
        distinct = rng.randint(2, 6)
        weights = [rng.randint(1, 3) for _ in range(distinct)]
        sim = {(i, j): round(rng.random(), 2) for i in range(distinct)
               for j in range(i + 1, distinct)}
        expanded = [k for k, w in enumerate(weights) for _ in range(w)]
        full = {(a, b): 1.0 if expanded[a] == expanded[b]
                else sim[min(expanded[a], expanded[b]), max(expanded[a], expanded[b])]
                for a in range(len(expanded)) for b in range(a + 1, len(expanded))}
        grouped = _agglomerate(distinct, sim, 0.5, set(), weights=weights)
        whole = _agglomerate(len(expanded), full, 0.5, set())
        assert sorted(sorted({expanded[k] for k in g}) for g in whole) == sorted(grouped)


def test_positions_of_many_copies_merge_into_one_row() -> None:
    from newsweave.corpus.facts.positions import merge_positions

    positions = [make_position(f"p{k}", f"c{k}", UNION, "demand", "a nine percent raise",
                               "The union demands a nine percent raise.") for k in range(300)]
    positions.append(make_position("q", "a1", UNION, "demand", "a raise of nine percent",
                                   "The union wants a raise of nine percent."))
    outlets = {f"c{k}": "Bay Wire" for k in range(300)} | {"a1": "Coastline Daily"}
    rows = merge_positions(positions, outlets, duplicates={f"c{k}": "c0" for k in range(1, 300)})
    assert len(rows) == 1
    assert rows[0]["outlets"] == ["Bay Wire", "Coastline Daily"]
    assert len(rows[0]["position_ids"]) == 301


def test_copies_sentences_are_mentions_of_the_originals_facts_however_many() -> None:
    # a wire report and 600 reprints of it: every reprinted sentence is a mention
    # of the original's fact, however often each word recurs in the story
    texts = [("Dockworkers in Port Elin walked off the job on Thursday after pay talks "
              "broke down."),
             "The strike halted container traffic at the three main terminals.",
             ("Union secretary Mara Loen said the walkout would continue until the authority "
              "agreed to a raise.")]
    outlets = {"w0": "Bay Wire"} | {f"w{k}": f"Reprint {k % 40}" for k in range(1, 601)}
    claims = [make_claim(f"w{k}-{n}", f"w{k}", text, start=n * 200)
              for k in range(601) for n, text in enumerate(texts)]
    duplicates = {f"w{k}": "w0" for k in range(1, 601)}
    facts, _ = corroborate_story("s", claims, [], outlets, duplicates)
    assert len(facts) == len(texts)
    assert all(len(f.mentions) == 601 and f.corroboration == 1 for f in facts)


def test_two_groups_shown_as_the_same_sentences_are_one_fact() -> None:
    # Each outlet's sentence is cut in two clauses for matching ("critics question
    # ..." / "while owners complain ..."); the "while" clause is shown as the
    # whole sentence, so both clause groups would show the same two sentences:
    # one fact twice, under one id (found on real reports without titles, NAnCo).
    a = ("But critics question how the harbour checks are meeting that goal, while shop "
         "owners and traders complain of heavy losses and warn Port Elin buyers of empty "
         "shelves.")
    b = ("But critics question how the harbour checks are meeting that goal, while shop "
         "owners and traders say the losses are already felt and warned Port Elin buyers "
         "of empty shelves.")
    facts, _ = corroborate([make_claim("c1", "a1", a), make_claim("c2", "l1", b)])
    shown = [frozenset((m.claim_id, m.start, m.end) for m in f.mentions) for f in facts]
    assert len(set(shown)) == len(shown)
    assert len({f.id for f in facts}) == len(facts)
    assert fact_of(facts, "c1").corroboration == 2


def test_a_bare_surname_is_the_one_full_name_of_the_story() -> None:
    # one outlet writes "Halvane" throughout, another "Teodor Halvane": in a story
    # where one person of that surname has a full name, they are one party
    from newsweave.corpus.facts.positions import fold_surnames
    from newsweave.records import Position

    def pos(pid: str, party: str) -> Position:
        return Position(id=pid, article_id="a1", party=party, stance="demands",
                        object="a raise", start=0, end=10, text="demands a raise")

    folded = fold_surnames([pos("p1", "person:halvane"), pos("p2", "person:teodor-halvane"),
                            pos("p3", "person:halvane~a1b2c3d4"), pos("p4", "person:loen")])
    assert [p.party for p in folded] == ["person:teodor-halvane"] * 3 + ["person:loen"]
    # two full names of the surname: which one is meant is not known
    two = fold_surnames([pos("p1", "person:halvane"), pos("p2", "person:teodor-halvane"),
                         pos("p3", "person:mara-halvane")])
    assert [p.party for p in two] == ["person:halvane", "person:teodor-halvane",
                                      "person:mara-halvane"]
    # "Halvane Jr" is another person
    jr = fold_surnames([pos("p1", "person:halvane"), pos("p2", "person:teodor-halvane-jr")])
    assert [p.party for p in jr] == ["person:halvane", "person:teodor-halvane-jr"]
