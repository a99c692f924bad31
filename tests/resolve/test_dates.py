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
