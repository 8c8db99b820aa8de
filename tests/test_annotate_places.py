"""Places: every toponym, geocoded offline (countries, regions, cities), never a silent centroid."""

from __future__ import annotations

import pytest

from eventwire.annotate import annotate_many
from eventwire.annotate.places import geocode, is_known_place
from eventwire.records import Annotated, Article


@pytest.mark.parametrize(
    ("name", "country", "precision", "has_coordinates"),
    [
        ("Moscow", "RUS", "city", True),
        ("MOSCOW", "RUS", "city", True),
        ("Syria", "SYR", "country", False),
        ("the United States", "USA", "country", False),
        ("Gaza Strip", "PSE", "region", False),
        ("Texas", "USA", "region", False),
        ("Kiev", "UKR", "city", True),  # an alternate name of a large city
    ],
)
def test_geocode(name: str, country: str, precision: str, has_coordinates: bool) -> None:
    entry = geocode(name)
    assert (entry.country, entry.precision) == (country, precision)
    assert (entry.lat is not None and entry.lon is not None) == has_coordinates


def test_name_is_the_gazetteers() -> None:
    assert geocode("MOSCOW").name == "Moscow"
    assert geocode("Kiev").name == "Kyiv"


def test_ambiguous_city_by_context_then_population() -> None:
    assert geocode("Alexandria").country == "EGY"  # the largest
    assert geocode("Alexandria", context=frozenset({"USA"})).country == "USA"  # Virginia's
    assert geocode("Moscow", context=frozenset({"USA"})).country == "RUS"  # far larger
    assert geocode("Moscow", hint="USA").country == "USA"  # "Moscow, Idaho"


def test_unknown_place_has_no_invented_coordinates() -> None:
    entry = geocode("Xqzville")
    assert (entry.country, entry.lat, entry.lon) == (None, None, None)


def test_known_place() -> None:
    assert is_known_place("Kyiv") and is_known_place("Syria")
    assert not is_known_place("Belousov")


@pytest.fixture(scope="module")
def annotated() -> dict[str, Annotated]:
    texts = {
        "actors": "Syria accused Israel of striking Damascus and the Golan Heights.",
        "dateline": "KYIV, Ukraine (AP) — Ukraine said on Monday that Russian drones hit Kharkiv.",
        "nested": "A professor at the University of Copenhagen spoke.",
        "paris": "Visitors to Paris, Texas, flocked to the fair.",
    }
    articles = [Article(id=k, text=t, language="en") for k, t in texts.items()]
    return {r.article.id: r for r in annotate_many(articles)}


def names(result: Annotated) -> dict[str, tuple[str | None, str]]:
    return {p.name: (p.country, p.precision) for p in result.places}


def test_places_that_also_name_actors(annotated: dict[str, Annotated]) -> None:
    assert names(annotated["actors"]) == {
        "Syria": ("SYR", "country"),
        "Israel": ("ISR", "country"),
        "Damascus": ("SYR", "city"),
        "Golan Heights": ("SYR", "region"),
    }


def test_dateline_place_counts(annotated: dict[str, Annotated]) -> None:
    result = annotated["dateline"]
    kyiv = next(p for p in result.places if p.name == "Kyiv")
    assert kyiv.mentions[0].start == 0 and kyiv.mentions[0].text == "KYIV"
    assert names(result)["Kharkiv"] == ("UKR", "city")
    # the dateline's agency is neither an actor nor a place
    assert all("AP" not in m.text for a in result.actors for m in a.mentions)


def test_toponym_inside_a_name(annotated: dict[str, Annotated]) -> None:
    assert names(annotated["nested"]) == {"Copenhagen": ("DNK", "city")}


def test_city_next_to_its_state(annotated: dict[str, Annotated]) -> None:
    assert names(annotated["paris"])["Paris"] == ("USA", "city")


def test_mentions_point_into_the_text(annotated: dict[str, Annotated]) -> None:
    for result in annotated.values():
        for place in result.places:
            for m in place.mentions:
                assert result.article.text[m.start : m.end] == m.text


def test_sites_and_lower_case_modifiers() -> None:
    text = (
        "The shuttle will go on display at the Kennedy Space Center in Florida. "
        "He agreed to let a united Germany join the alliance."
    )
    result = next(annotate_many([Article(id="s", text=text, language="en")]))
    found = {p.name: [m.text for m in p.mentions] for p in result.places}
    assert found["Kennedy Space Center"] == ["Kennedy Space Center"]
    assert found["Germany"] == ["Germany"]
    assert "Kennedy" not in found


def test_national_team_is_no_place() -> None:
    text = (
        "Group G — Belgium 3 – 0 Panama\n"
        "Belgium faced Panama at the stadium on Monday. Panama's coach said the team had "
        "learned a lot. Belgium won three points.\nFans in Panama were disappointed.\n"
        "Group G — Tunisia 1 – 2 England\nEngland won."
    )
    (result,) = annotate_many([Article(id="t", text=text)])
    names = [m.text for p in result.places for m in p.mentions]
    assert "Belgium" not in names
    assert "England" not in names
    assert names.count("Panama") == 1  # "in Panama": a place
    kinds = {a.name: a.kind for a in result.actors if a.country in {"BEL", "PAN"}}
    assert set(kinds.values()) == {"organization"}


def test_toponym_inside_a_longer_name_is_no_place() -> None:
    (result,) = annotate_many(
        [
            Article(
                id="t",
                text="She joined the program at Washington State University in 2010. He studied "
                "at the University of Copenhagen before moving to Denmark.",
            )
        ]
    )
    names = {m.text for p in result.places for m in p.mentions}
    assert "Washington" not in names
    assert "Copenhagen" in names
