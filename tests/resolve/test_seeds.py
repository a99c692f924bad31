"""The two real seed reports (Russia–Ukraine talks in Istanbul), read from ../shared.

The cleaning here is a minimal stand-in for the clean stage: cut the page at
"Continue Reading", put a space into run-together sentences ("II.The") and
split sentences with a regex.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsweave.annotate import annotate_articles
from newsweave.records import Article, Resolution
from newsweave.resolve import merge_actors, resolve_article

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def _clean(raw: str) -> str:
    text = raw.split("Continue Reading")[0]
    # "World War II.The talks": a full stop glued to the next sentence's capital.
    return re.sub(r"(?<=[a-z]{2}|II)\.(?=[A-Z][a-z])", ". ", text)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in re.finditer(r"(?<![A-Z]\.[A-Z])[.!?][”\"]?\s+(?=[A-Z“\"])", line.group()):
            spans.append((start, line.start() + m.end()))
            start = line.start() + m.end()
        spans.append((start, line.end()))
    return spans


def _article(path: Path) -> Article:
    body = _clean(path.read_text(encoding="utf-8"))
    return Article(
        id=path.stem, source_id=path.name, source_path=str(path), outlet=path.stem,
        url=None, title="", published=dt.date(2025, 6, 2), body=body,
        sentences=_sentences(body),
    )


@pytest.fixture(scope="module")
def resolved(nlp, gaz) -> list[tuple[Article, Resolution]]:
    articles = [_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert len(articles) >= 2
    return [(a, resolve_article(a, d, gaz)) for a, d in annotate_articles(nlp, articles)]


@pytest.fixture(scope="module")
def canonical(resolved) -> dict[str, str]:
    return merge_actors([a for _, res in resolved for a in res.actors])


@pytest.mark.parametrize(
    ("surname", "country"),
    [("zelensk", "UKR"), ("putin", "RUS"), ("umerov", "UKR"), ("medinsky", "RUS"),
     ("fidan", "TUR")],
)
def test_one_actor_per_person_with_country(resolved, canonical, surname, country):
    actors = [a for _, res in resolved for a in res.actors
              if a.kind == "person" and surname in a.id]
    assert actors, f"no actor for {surname}"
    assert len({canonical[a.id] for a in actors}) == 1
    assert {a.country for a in actors} == {country}


def test_umerov_roles(resolved, canonical):
    roles = [r.role.lower() for _, res in resolved for r in res.roles
             if canonical.get(r.actor_id, r.actor_id) == "person:rustem-umerov"]
    assert any(re.fullmatch(r"defen[cs]e minister", r) for r in roles), roles
    assert any(r.startswith("head of") and "delegation" in r for r in roles), roles


@pytest.mark.parametrize(("name", "gov"), [("Kyiv", "gov:UKR"), ("Moscow", "gov:RUS"),
                                           ("Kremlin", "gov:RUS")])
def test_seats_are_governments_or_places_never_people(resolved, name, gov):
    found = [m for _, res in resolved for m in res.mentions if m.text == name]
    assert found
    assert all(m.label != "PERSON" for m in found)
    assert all(m.actor_id in (gov, None) for m in found)
    assert all(m.actor_id or m.place_id for m in found)
    assert any(m.actor_id == gov for m in found)


def test_istanbul_and_the_palace(resolved):
    places = {p.id: p for _, res in resolved for p in res.places}
    mentions = [m for _, res in resolved for m in res.mentions
                if m.text in ("Istanbul", "Çırağan Palace", "Ciragan Palace")]
    assert {m.text for m in mentions} == {"Istanbul", "Çırağan Palace", "Ciragan Palace"}
    for m in mentions:
        place = places[m.place_id]
        assert (place.name, place.country) == ("Istanbul", "TUR")
        assert place.lat == pytest.approx(41.0, abs=0.2)
        assert place.lon == pytest.approx(29.0, abs=0.2)
