"""Independent clauses from the parse: a fact must read alone (issue 15, point 3)."""

from __future__ import annotations

import pytest

from newsweave.extract.propositions import independent_clauses


@pytest.fixture(scope="module")
def clauses(nlp):
    def cut(text: str) -> list[str]:
        sent = next(iter(nlp(text).sents))
        return [text[c.start:c.end] for c in independent_clauses(sent)]
    return cut


def test_coordinated_clauses_with_their_own_subjects_are_cut(clauses) -> None:
    assert clauses("Police arrested two men in Tarvel on Monday, and prosecutors charged "
                   "them with fraud on Tuesday.") == [
        "Police arrested two men in Tarvel on Monday",
        "prosecutors charged them with fraud on Tuesday."]


def test_a_semicolon_separates_two_clauses(clauses) -> None:
    assert clauses("The Orvane talks collapsed on Sunday; both delegations blamed each "
                   "other.") == ["The Orvane talks collapsed on Sunday",
                                 "both delegations blamed each other."]


@pytest.mark.parametrize("text", [
    # a participial phrase stays with its clause
    "The minister of Tarvel resigned on Friday, saying he had lost the trust of parliament.",
    # so does a relative clause
    "The Orvane accord, which was signed in March, lapsed on Sunday.",
    # reported content is part of the statement
    "The mayor of Kessrin said that the bridge would reopen in June.",
    # a verb without its own subject is no clause of its own
    "Lena Varga did not attend the hearing and refused to comment.",
])
def test_fragments_stay_with_their_clause(clauses, text) -> None:
    assert clauses(text) == [text]


def test_negation_of_the_clause_verb_is_recorded(nlp) -> None:
    text = "The court in Brannick heard the case, but the judge did not rule on it."
    cut = independent_clauses(next(iter(nlp(text).sents)))
    assert [(c.verb, c.negated) for c in cut] == [("hear", False), ("rule", True)]


@pytest.mark.parametrize(("text", "expected"), [
    # the act a sentence reports is its verb, not the verb of telling it
    ("Voters in Kessrin approved a $3 million harbour bond in 2029, the mayor said.",
     ("approve", False)),
    ("The mayor said the Kessrin council approved the harbour bond.", ("approve", False)),
    ("Ilves checked into a clinic in Port Elin late Thursday, sources told the Tarvel Courier.",
     ("check", False)),
    ("The mayor of Kessrin said the council did not approve the harbour bond.",
     ("approve", True)),
    # "had to apologize" is the apology
    ("The aide to the Tarvel minister had to apologize on Saturday for the post.",
     ("apologize", False)),
    # a verb of aspect carries the act
    ("The Tarvel minister continued to stress the support offered by Elin.", ("stress", False)),
    ("Tarvel troopers kept inspecting every truck at the Elin crossing.", ("inspect", False)),
    # a telling with nothing reported is the act itself
    ("The Kessrin council said nothing on Monday about the harbour.", ("say", False)),
    # "did not say that ..." denies the telling, not the act told
    ("The mayor did not say that the council approved the harbour bond.", ("say", True)),
])
def test_the_verb_of_a_reported_statement_is_the_act_reported(nlp, text, expected) -> None:
    cut = independent_clauses(next(iter(nlp(text).sents)))
    assert [(c.verb, c.negated) for c in cut] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # the day the act was done, not the day it was told
    ("Voters in Kessrin approved the harbour bond on Tuesday, the mayor said Wednesday.",
     ("Tuesday",)),
    ("Early Friday morning, Ilves checked into the clinic at Port Elin.", ("Friday",)),
    # "Voters in 2009 approved": the year on the act's subject dates the act
    ("Voters in 2029 approved a $3 million bond for the Kessrin harbour.", ("2029",)),
    # a date inside a relative clause, or on a noun of a participle, is another act's
    (("The earthquakes killed a girl in Tarvel, which rekindled memories of quakes that hit "
      "the town in 2002."), ()),
    ("The quakes killed a girl on Sunday in a country still recovering from a disaster in 2004.",
     ("Sunday",)),
    # a span's first year is not the act's
    ("Baro set the Tarvel scoring record from 1974 to 1978 with 2,290 points.", ()),
])
def test_the_days_and_years_that_date_the_act_are_recorded(nlp, text, expected) -> None:
    cut = independent_clauses(next(iter(nlp(text).sents)))
    assert [c.when for c in cut] == [expected]


@pytest.mark.parametrize("text", [
    # a copula states no act, and a coordinated verb is another act
    "Baro was a draft choice of Elin in 1978 and played on the title team in 1983.",
    # two objects, two days: whose day is which cannot be told
    "The Elin club signed Ilves on Tuesday and Baro today from the Tarvel squad.",
])
def test_no_date_is_given_an_act_when_whose_it_is_is_unsure(nlp, text) -> None:
    cut = independent_clauses(next(iter(nlp(text).sents)))
    assert [c.when for c in cut] == [()]
