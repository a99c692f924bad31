"""Sentences with no PLOVER event stay uncoded (sentences written for this test)."""

from __future__ import annotations

NO_EVENT = [
    "The central bank left interest rates unchanged at 4.5 percent.",
    "The company ordered 50 new aircraft from a European maker.",
    "Heavy rain is forecast for the coastal region over the weekend.",
    "The museum reopened its east wing after a two-year renovation.",
    "Shares in the carmaker rose 3 percent in early trading.",
    "The report provides a detailed analysis of regional growth.",
    "The photo captures the mood of the crowd at the final whistle.",
    "The factory supplies chips to several carmakers in Asia.",
    "She has battled cancer for most of the past decade.",
    "Tourists returned to the beaches as temperatures climbed.",
    "The film festival opens next week with a documentary on migration.",
    "The new bridge will cut travel times between the two towns.",
    "Analysts said the merger would create the largest bank in the region.",
    "The minister was born in a small village near the river.",
    "Farmers expect a strong harvest after a wet spring.",
    "The orchestra gave three concerts in the capital.",
    "The airline will end its winter schedule in March.",
    "Engineers tested the new software on older phones.",
    "The university received a record number of applications this year.",
    "Prices for wheat and maize fell for a third straight month.",
    # Weather and nature.
    "Temperatures in the capital dropped below freezing for the first time this winter.",
    "A thick fog settled over the harbour early on Tuesday morning.",
    "The river has risen steadily since the snow began to melt in the hills.",
    "Strong winds are expected along the northern coast until Friday.",
    # Descriptions and background colour.
    "The old quarter is a maze of narrow streets lined with tea houses.",
    "The border crossing is a low concrete building beside a muddy road.",
    "The negotiating room overlooks a garden planted with olive trees.",
    "The town of about 20,000 people sits at the foot of a wooded ridge.",
    "The palace was built in the eighteenth century for a merchant family.",
    "Most residents of the valley make their living from sheep and apples.",
    "The delegation's hotel stands on a hill above the old port.",
    "Queues formed outside bakeries as the morning light came up over the square.",
    # Opinions and assessments without an act.
    "Many economists think the currency is still too strong.",
    "Observers describe the mood in the capital as tense but calm.",
    "The outcome of the vote remains hard to predict.",
    "Critics say the new stadium is too big for a city of its size.",
    "Few analysts believe the talks will produce a quick result.",
    "The minister is widely seen as a cautious and careful politician.",
    "Public interest in the election has been lower than in previous years.",
    "The shortage of nurses has been a concern for more than a decade.",
]


def test_most_sentences_without_an_event_stay_uncoded(analyser):
    coded = {s: [r["event"] for r in analyser.plover_events(s)] for s in NO_EVENT}
    wrongly = {s: e for s, e in coded.items() if e}
    # At most one in ten of these sentences may draw an event (measured: see the report).
    assert len(wrongly) <= len(NO_EVENT) // 10, wrongly
