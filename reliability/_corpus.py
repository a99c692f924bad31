"""Invented news articles for the reliability scripts (all text written for the project)."""

from __future__ import annotations

import random
from pathlib import Path

OUTLETS = ("Cobalt Wire", "Harbour Post", "Ledger Daily", "Northgate Times")
PEOPLE = ("Mara Tillen", "Oskar Venn", "Ilse Korrado", "Tomas Reyk", "Anja Sorvel")
GROUPS = ("the Port Workers Union", "the Valdren Ministry of Water", "the Kessrin Council",
          "the Ondravel Relief Agency", "the Saltreach Fire Service")
PLACES = ("Valdren", "Kessrin", "Saltreach", "Ondravel", "Mirholt")
ACTIONS = ("met", "criticised", "thanked", "accused", "signed an agreement with")
TOPICS = ("flood repairs", "wage talks", "a new bridge", "emergency shelters", "grain prices")


def invented_article(rng: random.Random, number: int) -> str:
    """One invented report: a header line block (title, outlet, date) and a short body."""
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    who, other = rng.sample(PEOPLE, 2)
    group = rng.choice(GROUPS)
    day = 1 + number % 27
    sentences = [
        f"{who}, a spokesperson for {group}, {rng.choice(ACTIONS)} {other} in {place} on Tuesday.",
        f"The meeting was about {topic} and lasted {rng.randint(2, 9)} hours.",
        f"{other} said that {rng.randint(10, 900)} families in {place} were waiting for help.",
        f"Officials in {rng.choice(PLACES)} promised {rng.randint(2, 40)} million in aid for {topic}.",
        f"Report number {number} was filed by our correspondent in {place}.",
    ]
    rng.shuffle(sentences[1:4])
    title = f"{place}: talks on {topic} ({number})"
    return (f"Title: {title}\nOutlet: {rng.choice(OUTLETS)}\nDate: 2031-07-{day:02d}\n\n"
            + " ".join(sentences) + "\n")


def write_corpus(folder: Path, count: int, *, seed: int = 9) -> Path:
    """Write ``count`` invented ``.txt`` articles into ``folder``; returns the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"report-{number:04d}.txt").write_text(invented_article(rng, number),
                                                         encoding="utf-8")
    return folder
