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
