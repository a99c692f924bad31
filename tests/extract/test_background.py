"""Background sections and undated articles: history is kept apart from the news."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# An invented, undated article: news first, then a "Background" section.
ARTICLE = """Talks resume in Chisinau

Delegations from Romania and Moldova met in Chisinau on Tuesday to discuss a ceasefire.

Moldova's foreign minister said the talks would continue next week.

Background

Moldova declared independence in 1991 after a referendum.

In 2014, Moldova signed a trade agreement with Romania.

The two governments have disagreed about the border ever since.

Weather
"""


@pytest.fixture(scope="module")
def analyser():
    from newsweave.api import TextAnalyser

    return TextAnalyser()


def _flags(result, text: str, heading: str) -> tuple[list, list]:
    cut = text.index(heading)
    before = [c for c in result.claims if c.start < cut]
    after = [c for c in result.claims if c.start > cut]
    return before, after


def test_background_section_is_background_with_its_years(analyser):
    result = analyser.analyse(ARTICLE)
    before, after = _flags(result, ARTICLE, "Background\n")
    assert before and after
    assert not any(c.background for c in before)
    assert all(c.background for c in after)
    years = {c.date.year for c in after if c.date is not None}
    assert {1991, 2014} <= years
    # the sentence naming no year is background too (it sits in the section), undated
    undated = [c for c in after if "ever since" in ARTICLE[c.start:c.end]]
    assert undated and undated[0].background and undated[0].date is None
    for event in result.events:
        assert event.background == (event.start > ARTICLE.index("Background\n"))


def test_undated_article_judges_years_against_its_own_latest_year(analyser):
    text = ("Romania and Moldova signed a border treaty in 2024.\n\n"
            "The countries first clashed over the border in 2009.")
    result = analyser.analyse(text)
    by_year = {c.date.year: c.background for c in result.claims if c.date is not None}
    assert by_year == {2024: False, 2009: True}


@pytest.fixture(scope="module")
def seed_text():
    path = next(SEEDS.glob("000_*.txt"), None) if SEEDS.is_dir() else None
    if path is None:
        pytest.skip("../shared/seeds/000_* is not present")
    return path.read_text(encoding="utf-8")


def test_seed_000_background_section(analyser, seed_text):
    heading = "Background of the conflict"
    result = analyser.analyse(seed_text)  # the seed has no publication date
    cut = seed_text.index(heading)
    # the section runs to the next heading-like line (the site's unrelated headlines follow)
    section_end = cut + len(heading) + seed_text[cut + len(heading):].index("See also")
    news = [c for c in result.claims if c.start < cut]
    section = [c for c in result.claims if cut < c.start < section_end]
    assert news and section
    assert not any(c.background for c in news)
    assert all(c.background for c in section)
    years = {c.date.year for c in section if c.date is not None}
    assert {1991, 2013, 2014, 2022} <= years
    news_events = [e for e in result.events if e.start < cut]
    assert news_events and not any(e.background for e in news_events)
