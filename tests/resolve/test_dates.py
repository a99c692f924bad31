"""resolve.dates: time expressions against the publication date (a Monday)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.resolve.dates import is_background, resolve_date

PUB = dt.date(2025, 6, 2)  # a Monday


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("on Tuesday", (dt.date(2025, 5, 27), "day")),
        ("Monday", (PUB, "day")),
        ("last Friday", (dt.date(2025, 5, 30), "day")),
        ("one day after", (dt.date(2025, 6, 1), "day")),
        ("a day after", (dt.date(2025, 6, 1), "day")),
        ("overnight", (PUB, "day")),
        ("yesterday", (dt.date(2025, 6, 1), "day")),
        ("last week", (dt.date(2025, 5, 26), "month")),
        ("in May", (dt.date(2025, 5, 1), "month")),
        ("in June", (dt.date(2025, 6, 1), "month")),
        ("in July", (dt.date(2024, 7, 1), "month")),
        ("February 2022", (dt.date(2022, 2, 1), "month")),
        ("in February 2014", (dt.date(2014, 2, 1), "month")),
        ("in 1991", (dt.date(1991, 1, 1), "year")),
        ("2014", (dt.date(2014, 1, 1), "year")),
        ("Thursday, May 02, 2024", (dt.date(2024, 5, 2), "day")),
        ("3 days ago", (dt.date(2025, 5, 30), "day")),
    ],
)
def test_resolve_date(expr, want):
    assert resolve_date(expr, PUB) == want


def test_relative_expressions_need_a_publication_date():
    assert resolve_date("on Tuesday", None) == (None, None)
    assert resolve_date("in May", None) == (None, None)
    assert resolve_date("February 2022", None) == (dt.date(2022, 2, 1), "month")


def test_unparseable_expression():
    assert resolve_date("the peace process", PUB) == (None, None)
    assert resolve_date("", PUB) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Ukraine declared independence in 1991.", True),
        ("The Minsk Agreements (2014, 2015) failed to freeze the conflict.", True),
        ("Talks resumed in Istanbul on Monday.", False),
        ("The war, which began in 2022, has killed thousands; in 2025 talks resumed.", False),
        ("Over 40 bombers were hit and 472 drones launched.", False),
    ],
)
def test_is_background(sentence, want):
    assert is_background(sentence, PUB) is want


def test_is_background_without_a_date_uses_a_year_before_today():
    assert is_background("Ukraine declared independence in 1991.", None)
    assert not is_background(f"Talks are planned for {dt.date.today().year}.", None)


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("last month", (dt.date(2025, 5, 1), "month")),
        ("earlier this month", (dt.date(2025, 6, 1), "month")),
        ("last year", (dt.date(2024, 1, 1), "year")),
        ("two days ago", (dt.date(2025, 5, 31), "day")),
        ("3 weeks ago", (dt.date(2025, 5, 12), "month")),
        ("five years ago", (dt.date(2020, 1, 1), "year")),
    ],
)
def test_calendar_and_ago_expressions(expr, want):
    assert resolve_date(expr, PUB) == want


def test_last_month_in_january_is_december_of_the_year_before():
    assert resolve_date("last month", dt.date(2025, 1, 15)) == (dt.date(2024, 12, 1), "month")


def test_undated_article_uses_its_latest_year_as_reference():
    from newsweave.resolve.dates import reference_year

    text = "The dam opened in 2008. Floods hit the valley in 2019."
    ref = reference_year(text, today=dt.date(2030, 1, 1))
    assert ref == 2019
    assert is_background("The dam opened in 2008.", None, reference_year=ref)
    assert not is_background("Floods hit the valley in 2019.", None, reference_year=ref)
    assert reference_year("A treaty for 2999.", today=dt.date(2030, 1, 1)) is None


def test_sentences_under_a_background_heading_are_background():
    from newsweave.clean import split_sentences
    from newsweave.resolve.dates import background_section_sentences

    body = ("Ferries resumed today.\n\nBackground of the dispute\n\n"
            "The harbour line was drawn long ago.\n\nIt was contested in 1990.\n\n"
            "What comes next\n\nMore crossings follow.")
    sents = split_sentences(body)
    texts = [body[s:e] for s, e in sents]
    marked = {texts[k] for k in background_section_sentences(body, sents)}
    assert marked == {"The harbour line was drawn long ago.", "It was contested in 1990."}
    assert is_background("The harbour line was drawn long ago.", PUB, in_background_section=True)
