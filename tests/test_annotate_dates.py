"""Date expressions resolved against the publication time, with precision."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eventwire.annotate import annotate
from eventwire.annotate.dates import resolve
from eventwire.records import Article

TUESDAY = date(2025, 10, 28)


@pytest.mark.parametrize(
    ("text", "tense", "value", "precision"),
    [
        ("Tuesday", None, "2025-10-28", "day"),  # the publication day itself, not a week early
        ("on Tuesday", "past", "2025-10-28", "day"),
        ("Friday", "past", "2025-10-24", "day"),
        ("Friday", "future", "2025-10-31", "day"),
        ("last Friday", None, "2025-10-24", "day"),
        ("next Monday", None, "2025-11-03", "day"),
        ("Monday night", None, "2025-10-27", "day"),
        ("today", None, "2025-10-28", "day"),
        ("yesterday", None, "2025-10-27", "day"),
        ("two days ago", None, "2025-10-26", "day"),
        ("March 3", "past", "2025-03-03", "day"),
        ("Oct. 28", None, "2025-10-28", "day"),
        ("March 3, 1987", None, "1987-03-03", "day"),
        ("3 March 2024", None, "2024-03-03", "day"),
        ("2024-05-01", None, "2024-05-01", "day"),
        ("this week", None, "2025-10-27", "week"),
        ("last week", None, "2025-10-20", "week"),
        ("last month", None, "2025-09-01", "month"),
        ("October 2024", None, "2024-10-01", "month"),
        ("last November", None, "2024-11-01", "month"),
        ("earlier this month", None, "2025-10-01", "month"),
        ("last year", None, "2024-01-01", "year"),
        ("1986", None, "1986-01-01", "year"),
    ],
)
def test_resolve(text: str, tense: str | None, value: str, precision: str) -> None:
    found = resolve(text, TUESDAY, tense)
    assert found is not None
    assert (found[0].isoformat(), found[1]) == (value, precision)


@pytest.mark.parametrize("text", ["five years", "the past two weeks", "20 years", "annual"])
def test_durations_are_not_dates(text: str) -> None:
    assert resolve(text, TUESDAY) is None


def test_without_publication_time_only_absolute_dates() -> None:
    assert resolve("Tuesday", None) is None
    found = resolve("March 3, 1987", None)
    assert found is not None and found[0] == date(1987, 3, 3)


def test_dates_in_an_article_resolve_against_its_publication_time() -> None:
    text = "The minister said on Friday that the law passed in March 2024 will change next week."
    published = datetime(2025, 10, 28, 17, 25, tzinfo=UTC)
    result = annotate(Article(id="d", text=text, published_at=published, language="en"))
    found = {d.text: (d.value, d.precision) for d in result.dates}
    assert found["Friday"] == ("2025-10-24", "day")  # "said": the past Friday
    assert found["March 2024"] == ("2024-03-01", "month")
    assert found["next week"] == ("2025-11-03", "week")
    for d in result.dates:
        assert text[d.start : d.end] == d.text
