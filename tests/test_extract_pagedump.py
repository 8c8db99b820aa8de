"""The page-dump reader, checked against ../shared/seed/EXPECTED.md field by field.

The expected values below were written by hand from EXPECTED.md, not from our output.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import SEED, shared_path

from eventwire.errors import ExtractError
from eventwire.extract.pagedump import extract_pagedump
from eventwire.records import Video

SEED_URL = (
    "https://sputnikglobe.com/20251028/"
    "russian-syrian-defense-ministers-discuss-promising-areas-of-cooperation-1123029911.html"
)
IMG = "https://cdn1.img.sputnikglobe.com/img/07e9/0a/1c/1123030122_"


def test_seed_article_fields_exactly() -> None:
    content = shared_path(SEED).read_text(encoding="utf-8")
    article = extract_pagedump(content, source="seed")
    when = datetime(2025, 10, 28, 17, 25, tzinfo=UTC)
    assert article.url == SEED_URL
    assert article.title == (
        "Russian, Syrian Defense Ministers Discuss Promising Areas of Cooperation"
    )
    assert article.site_name == "Sputnik International"
    assert article.publisher == "MIA „Rossiya Segodnya“"
    assert article.description == (
        "Russian Defense Minister Andrei Belousov held a meeting with Syrian Defense Minister "
        "Murhaf Abu Qasra and discussed the practical implementation of promising areas of "
        "cooperation, the Russian Defense Ministry said"
    )
    assert article.published_at == when
    assert article.modified_at == when
    assert article.to_dict()["published_at"] == "2025-10-28T17:25:00+00:00"
    assert article.section == "world"
    assert article.tags == ("russia", "syria", "russian defense ministry", "andrei belousov")
    assert article.keywords == (
        "russian defense minister",
        "syrian defense minister",
        "russia-syria relations",
    )
    assert article.language == "en"
    assert article.image_url is not None
    assert article.image_url.startswith(IMG + "0:0:1920:1080")
    assert article.video == Video(
        name="Belousov meets Syrian Defense Minister in Moscow",
        duration_s=28,
        thumbnail_url=(IMG + "240:0:1680:1080_1920x0_80_0_0_cb2d235c88d1379a58889ae976319708.png"),
    )
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("MOSCOW", "Sputnik")
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("MOSCOW (Sputnik) - Russian Defense Minister Andrei Belousov")
    assert paragraphs[0].endswith("the Russian Defense Ministry said on Tuesday.")
    assert paragraphs[-1].endswith("of the two countries, the statement read.")
    for junk in ("feedback@", "+7495", "Rossiya", "true", "News\n"):
        assert junk not in article.text
    assert article.authors == ()


def test_minimal_dump_without_metadata() -> None:
    dump = (
        "https://example.org/news/1\n"
        "Ministers meet in Lisbon\n"
        "Ministers meet in Lisbon\n"
        "LISBON - Foreign ministers of Spain and Portugal met on Monday to discuss water rights.\n"
        "They agreed to meet again in June.\n"
    )
    article = extract_pagedump(dump, source="mini")
    assert article.title == "Ministers meet in Lisbon"
    assert article.text.split("\n") == [
        "LISBON - Foreign ministers of Spain and Portugal met on Monday to discuss water rights.",
        "They agreed to meet again in June.",
    ]
    assert article.dateline is not None and article.dateline.place == "LISBON"
    assert article.published_at is None and article.video is None


def test_dump_without_repeated_title_takes_the_trailing_prose() -> None:
    dump = (
        "https://example.org/a\n"
        "Talks resume\n"
        "Example News\n"
        "2024-05-02T08:00:00Z\n"
        "politics\n"
        "https://example.org/img/a.jpg\n"
        "Negotiators from both sides returned to the table in Doha on Thursday morning.\n"
        "A second round is expected next week, officials said.\n"
    )
    article = extract_pagedump(dump)
    assert article.text.startswith("Negotiators from both sides")
    assert article.published_at == datetime(2024, 5, 2, 8, 0, tzinfo=UTC)
    assert article.section == "politics"
    assert article.image_url == "https://example.org/img/a.jpg"
    assert article.dateline is None


@pytest.mark.parametrize("dump", ["https://example.org/x\n", "not a url\nTitle\nText.\n"])
def test_bad_dumps_raise_extract_errors(dump: str) -> None:
    with pytest.raises(ExtractError):
        extract_pagedump(dump, source="bad")
