"""The copy rule: MinHash signatures, LSH band keys and the copy test.

Copies (a wire story reprinted with a sentence dropped and a credit line
added, or the same text in another layout) are found with MinHash over word
shingles (Broder 1997, "On the resemblance and containment of documents") and
banded locality-sensitive hashing. Every LSH candidate pair is then verified
(:func:`is_copy`): it is a copy when its estimated resemblance (Jaccard
similarity) or the estimated containment of the shorter text in the longer
reaches the threshold. Containment is Broder's second measure; it is what
catches a reprint that drops a sentence, since each dropped sentence costs
resemblance on both sides of the ratio but containment on one only. An exact
copy (the same normalised text) has equal signatures, so it is a candidate
with a resemblance of 1.

The heavy part is finding candidates: :func:`band_keys` gives each
signature's ``(band, key)`` rows, which the store keeps, and
:mod:`newsweave.corpus.dedupe.copies` joins them in DuckDB; only the candidate
pairs are verified in Python. That module also runs the rule on a list of
articles (:func:`~newsweave.corpus.dedupe.copies.find_duplicates`), the way
the evaluation scores it.

Settings and their measured effect (``dedupe`` in ``newsweave eval stories``:
three reprints of each of the 153 BASIL articles, see
:func:`newsweave.evaluate.stories.near_copies`; the real articles, three
outlets' reports of each event, are the negatives):

=========  =========  ======  =====  ====  ===============
shingle    threshold  credit  drop1  edit  false copies
=========  =========  ======  =====  ====  ===============
3 words    0.8        1.000   0.994  0.994 0 of 11,628 pairs
5 words    0.7        1.000   0.994  0.980 0
5 words    0.8        1.000   0.994  0.974 0   (default)
5 words    0.9        1.000   0.987  0.817 0
7 words    0.8        1.000   0.994  0.909 0
9 words    0.8        1.000   0.994  0.830 0
=========  =========  ======  =====  ====  ===============

Longer shingles lose edited reprints (each edited word breaks ``size``
shingles); shorter ones raise the overlap of unrelated reports (the largest
resemblance between two different BASIL reports is 0.24 with 3-word and 0.20
with 5-word shingles, containment 0.41 and 0.35), which leaves 5 words and
0.8 a wide margin on both sides. The one reprint missed in every setting is
of a 1,000-character article, where one dropped sentence and the credit line
change a large share of its shingles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD_RE = re.compile(r"\w+")
# Quotes and dashes vary between a wire story and its reprints; fold them first.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})


@dataclass
class MinhashConfig:
    """Settings of the near-duplicate search.

    Args:
        num_perm: number of MinHash permutations; more is more exact and slower.
        shingle_size: words per shingle.
        threshold: estimated resemblance (Jaccard) or containment at or above which
            two bodies are copies.
        seed: MinHash seed; the same on every worker so signatures are comparable.
        candidate_threshold: the Jaccard similarity the LSH bands are tuned for. Lower
            than ``threshold`` so that pairs near it are still proposed; each
            candidate is verified afterwards.
    """

    num_perm: int = 128
    shingle_size: int = 5
    threshold: float = 0.8
    seed: int = 1
    candidate_threshold: float = 0.5

    def __post_init__(self) -> None:
        if self.num_perm < 2:
            raise ValueError(f"num_perm must be at least 2, got {self.num_perm}")
        if self.shingle_size < 1:
            raise ValueError(f"shingle_size must be at least 1, got {self.shingle_size}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}; try 0.8")
        if not 0.0 < self.candidate_threshold <= self.threshold:
            raise ValueError(f"candidate_threshold must be in (0, threshold], "
                             f"got {self.candidate_threshold}; try 0.5")

    def __str__(self) -> str:
        return (f"minhash_p{self.num_perm}_w{self.shingle_size}"
                f"_t{self.threshold:g}_c{self.candidate_threshold:g}_s{self.seed}")


def normalise_text(text: str) -> str:
    """Lower-cased words of ``text`` joined by single spaces (punctuation dropped)."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return " ".join(_WORD_RE.findall(folded))


def _grams(words: list[str], size: int) -> set[str]:
    """Word ``size``-grams of ``words`` (the whole text if shorter)."""
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def make_minhash(text: str, config: MinhashConfig | None = None) -> MinHash:
    """The MinHash signature of ``text``'s word shingles under ``config``."""
    return signature(text, config)[0]


def signature(text: str, config: MinhashConfig | None = None) -> tuple[MinHash, int, int]:
    """``(MinHash, number of shingles, length of the normalised text)`` of ``text``.

    One normalisation serves all three (the corpus update stores them).
    """
    config = config or MinhashConfig()
    normal = normalise_text(text)
    grams = _grams(normal.split(), config.shingle_size)
    mh = MinHash(num_perm=config.num_perm, seed=config.seed)
    mh.update_batch([s.encode("utf-8") for s in sorted(grams)])
    return mh, len(grams), len(normal)


def lsh_params(config: MinhashConfig | None = None) -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for ``config.candidate_threshold``."""
    config = config or MinhashConfig()
    lsh = MinHashLSH(threshold=config.candidate_threshold, num_perm=config.num_perm)
    return lsh.b, lsh.r


def band_keys(minhash: MinHash, *, bands: int, rows: int) -> list[tuple[int, int]]:
    """The LSH band keys of a signature: ``(band index, 63-bit hash of the band)``.

    Two documents are LSH candidates when they share any key, so the store can
    find candidates with ``GROUP BY band, key`` instead of an in-memory index.

    Args:
        minhash: the signature.
        bands: number of bands (see :func:`lsh_params`).
        rows: hash values per band.
    """
    if bands * rows > len(minhash.hashvalues):
        raise ValueError(f"bands * rows = {bands * rows} exceeds num_perm "
                         f"{len(minhash.hashvalues)}; use lsh_params(config)")
    keys = []
    for band in range(bands):
        # little-endian bytes so every machine derives the same key
        chunk = minhash.hashvalues[band * rows:(band + 1) * rows].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        # 63 bits so the key fits a signed BIGINT column
        keys.append((band, int.from_bytes(digest, "big") >> 1))
    return keys


def is_copy(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int,
            config: MinhashConfig | None = None) -> bool:
    """Whether two bodies are copies, from their MinHash values and shingle counts.

    The estimated resemblance (share of equal hash values) reaches
    ``config.threshold``, or, between bodies of comparable length, the
    estimated containment of the shorter in the longer does.
    """
    config = config or MinhashConfig()
    if not size_a or not size_b:
        return False
    resemblance = float(np.count_nonzero(a == b)) / len(a)
    if resemblance >= config.threshold:
        return True
    # A paragraph quoted inside a longer report is contained in it but is no
    # reprint: containment counts only between bodies of comparable length.
    if min(size_a, size_b) < config.candidate_threshold * max(size_a, size_b):
        return False
    # |A & B| from J = |A & B| / (|A| + |B| - |A & B|), with exact set sizes
    overlap = resemblance * (size_a + size_b) / (1.0 + resemblance)
    return overlap / max(min(size_a, size_b), 1) >= config.threshold


def find_root(parent: dict[str, str], key: str) -> str:
    """The root of ``key``'s group in a union-find forest (with path halving)."""
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def union(parent: dict[str, str], a: str, b: str) -> None:
    """Join the groups of ``a`` and ``b``; the smaller root id becomes the root."""
    ra, rb = find_root(parent, a), find_root(parent, b)
    if ra != rb:
        # the smaller id becomes the root so the grouping never depends on input order
        parent[max(ra, rb)] = min(ra, rb)
