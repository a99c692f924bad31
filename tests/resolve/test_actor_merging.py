"""Corpus-wide actor merging needs evidence, not name likeness alone (issue 16).

One test per class of error, on invented names and texts: generic institutions,
bare first names, middle initials, and a person's country.
"""

from __future__ import annotations

from resolve_helpers import mention

from newsweave.records import Actor
from newsweave.resolve import merge_actors
from newsweave.resolve.actors import corpus_country, explain_merges, story_key


def _person(pid: str, name: str, country: str | None = None,
            evidence: str | None = None) -> Actor:
    return Actor(id=pid, name=name, kind="person", country=country,
                 country_evidence=evidence)


def _senate_id(res) -> str:
    [found] = {m.actor_id for m in res.mentions if m.text.endswith("Senate")}
    return found


# ---- generic institutions -------------------------------------------------------


def test_a_generic_institution_is_not_one_body_across_unrelated_articles(resolve):
    ohio = resolve("Senator Ann Lee spoke in the Ohio Senate on Tuesday. "
                   "The Senate rejected the budget.", id="a1")
    france = resolve("France held talks on Monday. The Senate approved the treaty.", id="a2")
    bare = resolve("The Senate approved the fishing treaty on Monday.", id="a3")
    # Within one article the qualified name is the evidence for the bare one.
    assert len({m.actor_id for m in ohio.mentions if m.text.endswith("Senate")}) == 1
    mapping = merge_actors([*ohio.actors, *france.actors, *bare.actors])
    canonical = {mapping[_senate_id(r)] for r in (ohio, france, bare)}
    assert len(canonical) == 3, canonical
    # The article's one country qualifies its Senate; nothing qualifies the third.
    [french] = [a for a in france.actors if a.id == _senate_id(france)]
    assert french.country == "FRA" and french.kind == "organisation"
    [unqualified] = [a for a in bare.actors if a.id == _senate_id(bare)]
    assert unqualified.country is None


def test_a_qualified_institution_is_an_organisation_not_a_person(resolve):
    res = resolve("The Ohio Senate rejected the budget on Tuesday.")
    [senate] = [a for a in res.actors if a.id == _senate_id(res)]
    assert senate.kind == "organisation"


# ---- bare first names -----------------------------------------------------------


def test_a_bare_first_name_joins_the_one_person_of_its_article(resolve):
    res = resolve("Senator John Smith spoke on Tuesday. John said the vote would pass.")
    assert mention(res, "John").actor_id == mention(res, "John Smith").actor_id


def test_an_ambiguous_first_name_joins_no_one(resolve):
    two = resolve("John Smith met John Brown on Tuesday. John said the vote would pass.",
                  id="a1")
    john = mention(two, "John").actor_id
    assert john not in {mention(two, "John Smith").actor_id, mention(two, "John Brown").actor_id}
    # Across the corpus, a first name is never read as someone else's surname.
    other = resolve("Barnaby John, the fisheries envoy, arrived on Monday.", id="a2")
    mapping = merge_actors([*two.actors, *other.actors])
    assert mapping[john] != mapping[mention(other, "Barnaby John").actor_id]


# ---- middle initials ------------------------------------------------------------


def test_a_middle_initial_merges_when_compatible():
    actors = [_person("person:arlen-t-voss", "Arlen T. Voss"),
              _person("person:arlen-voss", "Arlen Voss"),
              _person("person:arlen-voss", "Arlen Voss"),
              _person("person:mira-j-k-dole", "Mira J. K. Dole"),
              _person("person:mira-k-dole", "Mira K. Dole")]
    mapping = merge_actors(actors)
    assert mapping["person:arlen-t-voss"] == mapping["person:arlen-voss"]
    assert mapping["person:mira-j-k-dole"] == mapping["person:mira-k-dole"]
    [reason] = [m for m in explain_merges(actors, mapping)[mapping["person:arlen-voss"]]
                if m["actor_id"] == "person:arlen-t-voss"]
    assert reason["mention"] == "Arlen T. Voss" and reason["reason"] == "middle_initial"


def test_conflicting_middle_initials_are_two_people():
    actors = [_person("person:arlen-t-voss", "Arlen T. Voss"),
              _person("person:arlen-k-voss", "Arlen K. Voss"),
              _person("person:arlen-voss", "Arlen Voss")]
    mapping = merge_actors(actors)
    assert mapping["person:arlen-t-voss"] != mapping["person:arlen-k-voss"]
    # "Arlen Voss" fits both: the name alone cannot say which.
    assert mapping["person:arlen-voss"] == "person:arlen-voss"


def test_conflicting_middle_names_in_one_article(resolve):
    # (middle names written out: the test sentence splitter breaks after "K.")
    res = resolve("Arlen Kett Voss met Arlen Tobin Voss in the capital.")
    assert mention(res, "Arlen Kett Voss").actor_id != mention(res, "Arlen Tobin Voss").actor_id


# ---- a person's country ---------------------------------------------------------


def test_a_country_in_another_persons_title_is_not_evidence(resolve):
    res = resolve("Ukrainian President Oskar Velt met Halvard Brenn on Monday.")
    countries = {a.id: a.country for a in res.actors}
    assert countries["person:oskar-velt"] == "UKR"
    assert countries["person:halvard-brenn"] is None


def test_a_stated_country_outweighs_sentence_guesses_and_ties_give_none():
    stated = _person("person:ann-lee", "Ann Lee", "USA", "stated")
    guessed = _person("person:ann-lee", "Ann Lee", "FRA", "sentence")
    # Article order (ids) must not decide: the stated country wins either way.
    assert corpus_country([guessed, stated]) == "USA"
    assert corpus_country([stated, guessed, guessed]) == "USA"
    assert corpus_country([guessed, _person("person:ann-lee", "Ann Lee", "DEU",
                                            "sentence")]) is None
    assert corpus_country([stated, _person("person:ann-lee", "Ann Lee", "CAN",
                                           "stated")]) is None


def test_a_us_party_with_an_office_states_the_country(resolve):
    for text, pid in [("Republican Senator Ann Lee criticised the plan.", "person:ann-lee"),
                      ("Omar Vell, a Democratic congressman, criticised the plan.",
                       "person:omar-vell"),
                      ("Rep. Ann Lee (R-Ohio) criticised the plan.", "person:ann-lee")]:
        res = resolve(text)
        [person] = [a for a in res.actors if a.id == pid]
        assert (person.country, person.country_evidence) == ("USA", "stated"), text
    # a party word alone is no country: parties of that name exist elsewhere
    res = resolve("The republican Ann Lee criticised the plan.")
    assert {a.country for a in res.actors if a.id == "person:ann-lee"} == {None}


def test_names_alike_with_two_stated_countries_are_two_people():
    actors = [_person("person:arlen-voss", "Arlen Voss", "USA", "stated"),
              _person("person:arlen-vosss", "Arlen Vosss", "NOR", "stated"),
              _person("person:arlen-t-voss", "Arlen T. Voss", "NOR", "stated"),
              _person("person:mira-dole", "Mira Dole", "USA", "sentence"),
              _person("person:mira-k-dole", "Mira K. Dole", "CAN", "stated")]
    mapping = merge_actors(actors)
    assert mapping["person:arlen-voss"] != mapping["person:arlen-vosss"]
    assert mapping["person:arlen-voss"] != mapping["person:arlen-t-voss"]
    # a sentence guess is no stated country: it does not keep two names apart
    assert mapping["person:mira-dole"] == mapping["person:mira-k-dole"]


def test_links_within_an_article_are_explained(resolve):
    res = resolve("Senator John Smith spoke on Tuesday. John said the vote would pass. "
                  "Smith left early.")
    [smith] = [a for a in res.actors if a.id == mention(res, "John Smith").actor_id]
    assert {(m["mention"], m["reason"]) for m in smith.merges} == {
        ("John", "first_name_in_article"), ("Smith", "surname_in_article")}
    france = resolve("France held talks on Monday. The Senate approved the treaty.")
    [senate] = [a for a in france.actors if a.id == _senate_id(france)]
    assert [m["reason"] for m in senate.merges] == ["article_country"]


def test_story_clustering_reads_kept_apart_names_as_words():
    # Identity stays apart, but a shared "Senate" is still a shared word for clustering.
    assert story_key("org:senate~1a2b3c4d") == "org:senate"
    assert story_key("org:usa-interior-department") == "org:interior-department"
    assert story_key("person:john~1a2b3c4d") == "person:john"
    assert story_key("org:abc-news") == "org:abc-news"
    assert story_key("org:ohio-senate") == "org:ohio-senate"
    assert story_key("state:FRA") == "state:FRA"


def test_a_person_gets_no_country_from_sentence_guesses_alone():
    # issue 16: a person's country needs evidence next to the name; an
    # organisation may still take the one country of its sentences
    guessed = _person("person:ann-lee", "Ann Lee", "FRA", "sentence")
    assert corpus_country([guessed, guessed], person=True) is None
    assert corpus_country([guessed, guessed]) == "FRA"
    stated = _person("person:ann-lee", "Ann Lee", "USA", "stated")
    assert corpus_country([guessed, stated, guessed], person=True) == "USA"
