from __future__ import annotations

import pytest

from eventwire.extract.dateline import parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("MOSCOW (Sputnik) - Russian officials", "MOSCOW", "Sputnik"),
        ("WASHINGTON, March 3 (Reuters) - The", "WASHINGTON", "Reuters"),
        ("LONDON — Britain said", "LONDON", None),
        ("KYIV, Ukraine (AP) — A drone", "KYIV", "AP"),
        ("ST. PETERSBURG, Oct. 3 - Talks", "ST. PETERSBURG", None),
        ("SÃO PAULO (Folha) -- Brazil", "SÃO PAULO", "Folha"),
        ("WASHINGTON, March 2 - The U.S. Treasury", "WASHINGTON", None),
    ],
)
def test_datelines(text: str, place: str, agency: str | None) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert text[found.start : found.end].startswith(place)


@pytest.mark.parametrize(
    "text",
    ["The MOSCOW office - closed", "NATO said - x", "Russian Defense - x", "BREAKING: x", ""],
)
def test_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None
