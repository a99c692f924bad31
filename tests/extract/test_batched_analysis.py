"""Many texts annotated a batch at a time code the same events as one text at a time
(the events evaluation relies on it)."""

from __future__ import annotations

TEXTS = [
    "Rebels shelled the northern depot on Monday, killing four guards.",
    "The foreign minister met her counterpart in the capital.",
    "Nothing happened at the harbour.",
    "Police arrested 12 protesters who blocked the bridge.",
]


def test_batched_texts_give_the_records_of_single_texts(analyser) -> None:
    batched = analyser.plover_events_many(TEXTS, batch_size=3)
    assert batched == [analyser.plover_events(text) for text in TEXTS]
    assert any(batched)
