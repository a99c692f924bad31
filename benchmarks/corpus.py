"""A reproducible synthetic corpus for benchmarks, generated at benchmark time.

Articles are recombined sentences of the bundled (invented) demo corpus, with a
fixed seed: the same ``n`` and ``seed`` always give the same articles. Nothing
generated here is committed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from newsweave.clean import clean_document
from newsweave.config import demo_corpus_dir
from newsweave.ingest import read_inputs
from newsweave.records import Article, RawDoc

OUTLETS = [f"Bench Outlet {i}" for i in range(40)]


def demo_sentences() -> list[str]:
    """Every sentence of the cleaned demo corpus."""
    sentences = []
    for raw in read_inputs([demo_corpus_dir()]):
        if isinstance(raw, RawDoc):
            article = clean_document(raw)
            if isinstance(article, Article):
                sentences += [article.body[s:e] for s, e in article.sentences]
    return sentences


def synthetic_docs(n: int, *, seed: int = 7, sentences_per_doc: int = 14) -> Iterator[dict]:
    """``n`` JSONL-style article objects, each 8-20 recombined sentences."""
    pool = demo_sentences()
    rng = random.Random(seed)
    start = dt.date(2031, 1, 1)
    for i in range(n):
        k = rng.randint(sentences_per_doc - 6, sentences_per_doc + 6)
        body = " ".join(rng.choice(pool) for _ in range(k))
        yield {"id": f"bench-{seed}-{i}", "outlet": rng.choice(OUTLETS),
               "url": f"https://bench.test/{seed}/{i}", "title": body[:60],
               "date": (start + dt.timedelta(days=rng.randint(0, 364))).isoformat(),
               "text": body}


def write_jsonl(path: Path, n: int, *, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles to a JSONL file; returns the path."""
    with path.open("w", encoding="utf-8") as fh:
        for doc in synthetic_docs(n, seed=seed):
            fh.write(json.dumps(doc) + "\n")
    return path


# --- A corpus with story structure, for the corpus stages ------------------
#
# Recombined demo sentences are all alike (every article draws on the same
# few hundred sentences), so they cannot show how dedupe, story clustering and
# corroboration behave on a real stream, where most reports share nothing and
# a few share one event. ``story_docs`` writes invented events instead: each
# story has its own cast (people, a town, an organisation, figures) made from
# random syllables, and its reports retell a sample of the story's facts with
# one of several wordings each, plus generic filler. Articles arrive at a fixed
# rate per day, so a bigger corpus covers more days, as a growing archive does.

_SYLLABLES = ["ka", "lo", "mer", "vin", "tas", "or", "el", "dru", "sa", "ni", "bek",
              "tor", "ul", "ra", "zen", "mi", "qua", "fel", "do", "rin", "ash", "ve",
              "gal", "po", "tri", "nu", "hes", "bra", "lim", "sko"]
_ROLES = ["mayor", "spokesperson", "chief executive", "police chief", "minister",
          "union leader", "governor", "director"]
_KINDS = [("flood", "flooded", "homes"), ("fire", "destroyed", "buildings"),
          ("strike", "closed", "factories"), ("protest", "blocked", "roads"),
          ("storm", "damaged", "bridges"), ("outbreak", "infected", "patients"),
          ("landslide", "buried", "houses"), ("blackout", "cut off", "districts")]
_FACT_WORDINGS = [
    ["{p1}, the {role1} of {org}, said {n1} {things} had been {verb} in {town}.",
     "In {town}, {n1} {things} were {verb}, according to {p1} of {org}.",
     "{org}'s {role1} {p1} put the number of {things} {verb} in {town} at {n1}."],
    ["The {kind} began near {town} early on {weekday}, {p2} told reporters.",
     "{p2} said the {kind} started close to {town} on {weekday} morning.",
     "According to {p2}, the first signs of the {kind} near {town} came on {weekday}."],
    ["At least {n2} people were hurt, officials in {town} said.",
     "Officials said {n2} people had been injured in and around {town}.",
     "The injured numbered {n2}, {town} officials confirmed."],
    ["{p1} called for an inquiry into the response to the {kind}.",
     "An inquiry into how the {kind} was handled was demanded by {p1}.",
     "{p1} demanded an independent inquiry into the {kind}."],
    ["{p2} met {p3} in {town} on {weekday} to discuss aid.",
     "Aid was discussed when {p3} and {p2} met in {town}.",
     "{p3} held talks with {p2} in {town} about relief."],
    ["About {n3} residents left their homes, {org} said.",
     "{org} said roughly {n3} people had left the area.",
     "Some {n3} residents were forced out, according to {org}."],
    ["{p3} rejected claims that warnings about the {kind} had been ignored.",
     "Claims that warnings were ignored before the {kind} were denied by {p3}.",
     "{p3} denied that {org} had ignored warnings."],
    ["Damage was estimated at {n4} million {currency}, {p1} said.",
     "{p1} estimated the cost of the damage at {n4} million {currency}.",
     "The bill for the damage could reach {n4} million {currency}, according to {p1}."],
]
_FILLER = [
    "Further details were not immediately available.",
    "The situation remained tense late in the evening.",
    "Local radio carried updates throughout the day.",
    "Neighbouring districts said they were monitoring the situation.",
    "A full statement is expected later this week.",
    "Residents described scenes of confusion in the streets.",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CURRENCIES = ["dollars", "euros", "crowns", "dinars"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _cast(rng: random.Random) -> dict[str, str]:
    kind, verb, things = rng.choice(_KINDS)
    person = lambda: f"{_word(rng, 2)} {_word(rng, 3)}"  # noqa: E731
    return {"p1": person(), "p2": person(), "p3": person(),
            "role1": rng.choice(_ROLES), "org": f"the {_word(rng, 3)} Council",
            "town": _word(rng, 3) + rng.choice(["", "burg", "ford", "ovo", "ia"]),
            "kind": kind, "verb": verb, "things": things,
            "n1": str(rng.randint(12, 900)), "n2": str(rng.randint(3, 120)),
            "n3": f"{rng.randint(2, 40) * 100:,}", "n4": str(rng.randint(2, 95)),
            "weekday": rng.choice(_WEEKDAYS), "currency": rng.choice(_CURRENCIES)}


def story_docs(n: int, *, seed: int = 11, per_day: int = 300,
               copy_share: float = 0.05) -> Iterator[dict]:
    """``n`` JSONL-style invented reports grouped into stories (see the note above).

    Args:
        n: number of reports.
        seed: the same ``n`` and ``seed`` always give the same reports.
        per_day: reports per publication day; the corpus spans ``n / per_day`` days.
        copy_share: share of reports that are another outlet's syndicated copy
            (the original's body with a credit line).

    Yields:
        ``{id, outlet, url, title, date, text, story}``; ``story`` is the true story
        index (for checking, not read by the pipeline).
    """
    rng = random.Random(seed)
    start = dt.date(2031, 1, 1)
    made = 0
    story = 0
    while made < n:
        cast = _cast(rng)
        day = start + dt.timedelta(days=made // per_day)
        size = min(n - made, max(1, int(rng.expovariate(1 / 4.0)) + 1))
        facts = rng.sample(range(len(_FACT_WORDINGS)), rng.randint(4, len(_FACT_WORDINGS)))
        last: dict | None = None
        for k in range(size):
            if last is not None and rng.random() < copy_share:
                outlet = rng.choice(OUTLETS)
                body = last["text"] + f"\n(Distributed by {outlet}.)"
            else:
                outlet = rng.choice(OUTLETS)
                chosen = [f for f in facts if rng.random() < 0.8] or facts[:1]
                lines = [rng.choice(_FACT_WORDINGS[f]).format(**cast) for f in chosen]
                lines += rng.sample(_FILLER, rng.randint(1, 2))
                body = "\n".join(line[0].upper() + line[1:] for line in lines)
            published = day + dt.timedelta(days=rng.randint(0, 2))
            doc = {"id": f"story-{seed}-{made}", "outlet": outlet,
                   "url": f"https://bench.test/s{seed}/{made}",
                   "title": f"{cast['kind'].capitalize()} in {cast['town']}: {body[:40]}",
                   "date": published.isoformat(), "text": body, "story": story}
            last = doc
            made += 1
            yield doc
        story += 1


def write_story_jsonl(path: Path, n: int, *, seed: int = 11, per_day: int = 300) -> Path:
    """Write ``n`` story-structured reports (:func:`story_docs`) to a JSONL file."""
    with path.open("w", encoding="utf-8") as fh:
        for doc in story_docs(n, seed=seed, per_day=per_day):
            fh.write(json.dumps(doc) + "\n")
    return path
