"""The reference case: the seed's actors and places exactly as shared/seed/EXPECTED.md says."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import SEED, shared_path

from eventwire.annotate import annotate
from eventwire.records import Actor, Annotated, Article, Dateline


@pytest.fixture(scope="module")
def seed() -> Annotated:
    # The lead writes the page-dump reader; here the article is built by hand from the dump's
    # last five lines (the visible body, dateline included).
    lines = shared_path(SEED).read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[-5:])
    article = Article(
        id="seed",
        text=text,
        published_at=datetime.fromisoformat("2025-10-28T17:25:00+00:00"),
        dateline=Dateline(place="MOSCOW", agency="Sputnik", start=0, end=16),
        language="en",
    )
    return annotate(article)


def by_name(result: Annotated, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert len(found) == 1, [a.name for a in result.actors]
    return found[0]


def texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_exactly_these_actors(seed: Annotated) -> None:
    assert sorted((a.name, a.kind) for a in seed.actors) == [
        ("Andrei Belousov", "person"),
        ("Murhaf Abu Qasra", "person"),
        ("Russia", "country"),
        ("Russian Defense Ministry", "organization"),
        ("Syria", "country"),
        ("Syrian delegation", "group"),
    ]
    assert [a.id for a in seed.actors] == [f"a{n}" for n in range(1, 7)]


def test_belousov(seed: Annotated) -> None:
    actor = by_name(seed, "Andrei Belousov")
    assert (actor.role, actor.country, actor.sector) == ("Defense Minister", "RUS", "MIL")
    assert set(actor.sectors) == {"MIL", "GOV"}
    assert texts(actor) == ["Russian Defense Minister Andrei Belousov", "Belousov"]


def test_abu_qasra(seed: Annotated) -> None:
    actor = by_name(seed, "Murhaf Abu Qasra")
    assert (actor.role, actor.country, actor.sector) == ("Defense Minister", "SYR", "MIL")
    assert texts(actor) == ["Syrian Defense Minister Murhaf Abu Qasra", "Abu Qasra", "Abu Qasra"]


def test_ministry_and_its_later_mentions(seed: Annotated) -> None:
    actor = by_name(seed, "Russian Defense Ministry")
    assert (actor.country, actor.sector) == ("RUS", "MIL")
    assert texts(actor) == [
        "the Russian Defense Ministry",
        "the statement",
        "the ministry",
        "the statement",
    ]


def test_countries_and_delegation(seed: Annotated) -> None:
    assert texts(by_name(seed, "Russia")) == ["Russia", "Russia"]
    assert by_name(seed, "Russia").country == "RUS"
    assert texts(by_name(seed, "Syria")) == ["Syria"]
    assert by_name(seed, "Syria").country == "SYR"
    delegation = by_name(seed, "Syrian delegation")
    assert (delegation.country, delegation.sector) == ("SYR", "GOV")
    assert texts(delegation) == ["the Syrian delegation"]


def test_places(seed: Annotated) -> None:
    places = {p.name: p for p in seed.places}
    assert sorted(places) == ["Moscow", "Russia", "Syria"]
    moscow = places["Moscow"]
    assert (moscow.country, moscow.precision) == ("RUS", "city")
    assert moscow.lat == pytest.approx(55.76, abs=0.05)
    assert moscow.lon == pytest.approx(37.62, abs=0.05)
    assert [m.text for m in moscow.mentions] == ["MOSCOW", "Moscow"]  # the dateline counts
    for name, iso in (("Russia", "RUS"), ("Syria", "SYR")):
        assert (places[name].country, places[name].precision) == (iso, "country")
        assert places[name].lat is None  # no country centroid


def test_offsets_point_into_the_text(seed: Annotated) -> None:
    text = seed.article.text
    for actor in seed.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text
    for place in seed.places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text
    for date in seed.dates:
        assert text[date.start : date.end] == date.text


def test_on_tuesday_is_the_publication_day(seed: Annotated) -> None:
    assert [(d.text, d.value, d.precision) for d in seed.dates] == [
        ("Tuesday", "2025-10-28", "day")
    ]
