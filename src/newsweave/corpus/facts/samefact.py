"""Do two outlets' clauses state the same fact? A learned alternative, measured.

Two clauses state one fact when their frames agree: the same act (verb,
event type, the story's main event), the same participants (resolved actors,
names), compatible numbers, and words that are rare in the language and shared.
Word overlap alone is not enough (one shared rare word never is), and
whole-sentence similarity tracks the topic, not the act. So the decision is a
logistic regression over a few such features (:data:`FEATURES`), fitted on
labelled pairs of the shared data (``newsweave.evaluate.training``).

It is not the default: fitted on ECB+ it aligns ECB+ better on held-out topics
than the word-and-evidence score, but ECB+'s "same fact" (one event and one
participant in common) is coarser than a statement, and in real reports it
merges different statements of one event; fitted on MSRP, or on both, it is
worse on both sets (EVALUATION.md). ``corroborate_story(..., model=...)`` runs it.

Word rarity in the language comes from wordfreq's Zipf frequencies (a
maintained table of English word frequencies; no text is shipped); rarity in
the story from the story's own clauses (IDF).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

import numpy as np

from newsweave.words import word_set

FEATURES: tuple[str, ...] = (
    "dice_story",      # shared stems weighted by rarity in the story
    "dice_language",   # shared stems weighted by rarity in English
    "cover_min",       # the lesser share of one clause's weight the other covers
    "cover_max",
    "unmatched_max",   # the rarest word only one clause has (a different detail)
    "bigram",          # shared ordered pairs of content words
    "same_verb",       # the clauses' main verbs agree
    "negation_differs",
    "numbers_shared",
    "numbers_unmatched",
    "names_shared",
    "names_unmatched",
    "length_ratio",
    "event_same",      # an event type in common
    "event_differs",   # both coded, none in common
    "actor_shared",    # rarity in the story of the rarest resolved actor both name
    "central_min",     # closeness to the story's centre (its main event)
    "central_max",
    "lead_min",        # how early in its report each clause comes
    "lead_max",
)

# Verbs that carry no act of their own ("is", "has", "said"): agreeing on them says nothing.
LIGHT_VERBS = word_set("light_verbs") | word_set("aspect_verbs")
_MAX_COUNT = 4
_LEAD_RANKS = 10


class Unit(Protocol):
    """What the decision reads of a clause (see ``clauses._Prepared``)."""

    tokens: frozenset[str]
    weights: dict[str, float]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]
    events: frozenset[str]
    verb: str
    negated: bool
    length: int
    rank: int


@dataclass(slots=True)
class StoryContext:
    """What the decision reads of the story: rarity of each stem among its
    clauses, and each clause's closeness to the story's centre."""

    idf: dict[str, float]
    centrality: list[float] = field(default_factory=list)


@cache
def language_weight(word: str) -> float:
    """How rare ``word`` is in English: 7 minus its Zipf frequency (0.5 for the
    commonest words, 6 for words wordfreq does not know, such as most names)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    return 6.0 if zipf <= 0 else min(6.0, max(0.5, 7.0 - zipf))


def centrality(units: list[Unit], idf: dict[str, float]) -> list[float]:
    """Each clause's cosine with the sum of the story's other clauses (IDF weights):
    clauses on the story's main event score high, background and asides low."""
    vocab: dict[str, int] = {}
    for u in units:
        for t in u.tokens:
            vocab.setdefault(t, len(vocab))
    if not units or not vocab:
        return [0.0] * len(units)
    matrix = np.zeros((len(units), len(vocab)))
    for row, u in enumerate(units):
        for t in u.tokens:
            matrix[row, vocab[t]] = idf.get(t, 1.0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.maximum(norms, 1e-12)
    total = matrix.sum(axis=0)
    out = []
    for row in range(len(units)):
        rest = total - matrix[row]
        norm = np.linalg.norm(rest)
        out.append(float(matrix[row] @ rest / norm) if norm > 1e-12 else 0.0)
    return out


def pair_features(a: Unit, b: Unit, story: StoryContext, ia: int, ib: int,
                  actor_rarity: float) -> list[float]:
    """The values of :data:`FEATURES` for clauses ``a`` (index ``ia`` in the story)
    and ``b``; ``actor_rarity`` is the rarity of the rarest actor both name."""
    shared = a.tokens & b.tokens
    idf = story.idf
    story_total = (math.fsum(idf.get(t, 1.0) for t in a.tokens)
                   + math.fsum(idf.get(t, 1.0) for t in b.tokens))
    dice_story = (2 * math.fsum(idf.get(t, 1.0) for t in shared) / story_total
                  if story_total else 0.0)
    wa, wb = a.weights, b.weights
    total_a, total_b = math.fsum(wa.values()), math.fsum(wb.values())
    common_a = math.fsum(wa[t] for t in shared)
    common_b = math.fsum(wb[t] for t in shared)
    dice_language = (common_a + common_b) / (total_a + total_b) if total_a + total_b else 0.0
    cover_a = common_a / total_a if total_a else 0.0
    cover_b = common_b / total_b if total_b else 0.0
    unmatched = max([w for t, w in wa.items() if t not in shared]
                    + [w for t, w in wb.items() if t not in shared], default=0.0)
    pairs = len(a.bigrams) + len(b.bigrams)
    bigram = 2 * len(a.bigrams & b.bigrams) / pairs if pairs else 0.0
    same_verb = float(bool(a.verb) and a.verb == b.verb and a.verb not in LIGHT_VERBS)
    longer = max(a.length, b.length)
    central = story.centrality
    ca = central[ia] if ia < len(central) else 0.0
    cb = central[ib] if ib < len(central) else 0.0
    la, lb = (min(u.rank, _LEAD_RANKS) / _LEAD_RANKS for u in (a, b))
    return [
        dice_story, dice_language, min(cover_a, cover_b), max(cover_a, cover_b),
        unmatched / 6.0, bigram, same_verb, float(a.negated != b.negated),
        min(len(a.numbers & b.numbers), _MAX_COUNT),
        min(len(a.numbers ^ b.numbers), _MAX_COUNT),
        min(len(a.names & b.names), _MAX_COUNT),
        min(len(a.names ^ b.names), _MAX_COUNT),
        min(a.length, b.length) / longer if longer else 0.0,
        float(bool(a.events & b.events)),
        float(bool(a.events and b.events and not a.events & b.events)),
        actor_rarity, min(ca, cb), max(ca, cb), min(la, lb), max(la, lb),
    ]


@dataclass(slots=True)
class SameFactModel:
    """A fitted logistic regression over standardised :data:`FEATURES`."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    recipe: dict[str, Any] = field(default_factory=dict)

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(same fact) for each row of feature values."""
        if len(rows) == 0:
            return np.zeros(0)
        z = ((np.asarray(rows, dtype=float) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept, "threshold": self.threshold,
                "recipe": self.recipe}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SameFactModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the same-fact model was fitted on other features; "
                             "refit it with python -m newsweave.evaluate.training")
        return cls(features=tuple(data["features"]), mean=np.array(data["mean"]),
                   scale=np.array(data["scale"]), coef=np.array(data["coef"]),
                   intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                   recipe=data.get("recipe", {}))
