"""How the sets we labelled (``labels/``) point into the shared data: by document
and a hash of the sentence, never by its words (the texts are third-party)."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def sentence_key(text: str) -> str:
    """A short hash of a sentence's NFKC, whitespace-folded, lower-case text."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]
