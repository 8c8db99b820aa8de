"""Actors: kinds, roles, countries and sectors from titles and nouns, and later mentions."""

from __future__ import annotations

import pytest

from eventwire.annotate import annotate_many
from eventwire.annotate.candidates import lexicon
from eventwire.records import Actor, Annotated, Article

TEXTS = {
    "possessive": (
        "Syria's foreign minister Faisal Mekdad met the Foreign Minister of Iran on Monday."
    ),
    "apposition": "The Foreign Minister of Iran, Abbas Araghchi, said the talks would continue.",
    "after": "Andrei Belousov, Russia's defense minister, visited Damascus. Belousov spoke.",
    "igo": "The United Nations and NATO condemned it. Amnesty International said civilians died.",
    "groups": "Iraqi troops clashed with rebels near Mosul. Police said protesters threw stones.",
    "ministry": "The Russian Defense Ministry said it downed drones. The ministry gave no details.",
    "pronoun": "President Emmanuel Macron arrived in Kyiv on Monday. He said the talks went well.",
    "unclear": "Keir Starmer met Emmanuel Macron in Paris. He said they agreed.",
    "countries": "Syria accused Israel of striking Damascus.",
    "modifier": "Government bonds fell. The police station was closed.",
    "business": "Apple Inc said its profit rose.",
    "org-person": "Kremlin spokesman Dmitry Peskov said the talks would go on.",
}


@pytest.fixture(scope="module")
def results() -> dict[str, Annotated]:
    articles = [Article(id=key, text=text, language="en") for key, text in TEXTS.items()]
    return {r.article.id: r for r in annotate_many(articles)}


def actor(result: Annotated, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert found, [a.name for a in result.actors]
    return found[0]


def summary(a: Actor) -> tuple[str, str | None, str | None, str | None]:
    return a.kind, a.role, a.country, a.sector


def test_possessive_and_of_phrase(results: dict[str, Annotated]) -> None:
    r = results["possessive"]
    mekdad = actor(r, "Faisal Mekdad")
    assert summary(mekdad) == ("person", "Foreign Minister", "SYR", "GOV")
    assert [m.text for m in mekdad.mentions] == ["Syria's foreign minister Faisal Mekdad"]
    iran = actor(r, "Foreign Minister of Iran")
    assert summary(iran) == ("person", "Foreign Minister", "IRN", "GOV")
    assert [m.text for m in iran.mentions] == ["the Foreign Minister of Iran"]


@pytest.mark.parametrize(
    ("key", "name", "role", "country", "mentions"),
    [
        ("apposition", "Abbas Araghchi", "Foreign Minister", "IRN",
         ["The Foreign Minister of Iran", "Abbas Araghchi"]),
        ("after", "Andrei Belousov", "Defense Minister", "RUS",
         ["Andrei Belousov", "Russia's defense minister", "Belousov"]),
    ],
)  # fmt: skip
def test_title_in_apposition(
    results: dict[str, Annotated],
    key: str,
    name: str,
    role: str,
    country: str,
    mentions: list[str],
) -> None:
    found = actor(results[key], name)
    assert (found.role, found.country) == (role, country)
    assert [m.text for m in found.mentions] == mentions


def test_international_organizations(results: dict[str, Annotated]) -> None:
    r = results["igo"]
    un = actor(r, "United Nations")
    assert (un.kind, un.country, un.org) == ("igo", "IGO", "UNO")
    nato = actor(r, "North Atlantic Treaty Organization")
    assert (nato.kind, nato.country, nato.org, [m.text for m in nato.mentions]) == (
        "igo", "IGO", "NATO", ["NATO"])  # fmt: skip
    amnesty = actor(r, "Amnesty International")
    assert (amnesty.country, amnesty.org, amnesty.sector) == ("NGO", "AMN", "NGO")


def test_groups_by_noun(results: dict[str, Annotated]) -> None:
    r = results["groups"]
    assert summary(actor(r, "Iraqi troops")) == ("group", "Troops", "IRQ", "MIL")
    assert summary(actor(r, "rebels"))[3] == "REB"
    assert summary(actor(r, "Police"))[3] == "COP"
    protesters = actor(r, "protesters")
    assert protesters.sector == "CVL" and "OPP" in protesters.sectors


def test_definite_noun_is_a_later_mention(results: dict[str, Annotated]) -> None:
    r = results["ministry"]
    ministry = actor(r, "Russian Defense Ministry")
    assert (ministry.kind, ministry.country, ministry.sector) == ("organization", "RUS", "MIL")
    assert [m.text for m in ministry.mentions] == ["The Russian Defense Ministry", "The ministry"]
    assert len(r.actors) == 1


def test_pronoun_where_clear(results: dict[str, Annotated]) -> None:
    macron = actor(results["pronoun"], "Emmanuel Macron")
    assert [m.text for m in macron.mentions] == ["President Emmanuel Macron", "He"]
    for a in results["unclear"].actors:  # two people: "He" stays unresolved
        assert "He" not in [m.text for m in a.mentions]


def test_countries_are_actors_and_places(results: dict[str, Annotated]) -> None:
    r = results["countries"]
    assert [(a.name, a.kind, a.country) for a in r.actors] == [
        ("Syria", "country", "SYR"),
        ("Israel", "country", "ISR"),
    ]
    assert {p.name for p in r.places} >= {"Syria", "Israel", "Damascus"}


def test_a_noun_modifying_another_is_no_actor(results: dict[str, Annotated]) -> None:
    assert results["modifier"].actors == ()


def test_sector_from_the_name(results: dict[str, Annotated]) -> None:
    apple = actor(results["business"], "Apple Inc")
    assert (apple.kind, apple.sector) == ("organization", "BUS")
    peskov = actor(results["org-person"], "Dmitry Peskov")
    assert (peskov.role, peskov.country) == ("Spokesman", "RUS")


def test_ids_and_offsets(results: dict[str, Annotated]) -> None:
    for r in results.values():
        assert [a.id for a in r.actors] == [f"a{n}" for n in range(1, len(r.actors) + 1)]
        starts = [a.mentions[0].start for a in r.actors]
        assert starts == sorted(starts)
        for a in r.actors:
            for m in a.mentions:
                assert r.article.text[m.start : m.end] == m.text


def test_delegation_is_a_group() -> None:
    assert lexicon().roles["delegation"].kind == "group"


NAMES = {
    "unseen": "The novel was praised by writer Aner Shalev on Monday. Shalev said it was moving.",
    "caption": (
        "The crowd cheered at the booth. Image: Nick Moreau.\n"
        "Ahmed Mohamed Image: Twitter.\nThe Editorial\nThe team celebrated."
    ),
    "lines": "A blog post quoted Matthew Ingram\nWriting in a blog post, Matthew Ingram said so.",
    "peoples": "Republicans said the bill would fail.",
}


@pytest.fixture(scope="module")
def named() -> dict[str, Annotated]:
    articles = [Article(id=key, text=text, language="en") for key, text in NAMES.items()]
    return {r.article.id: r for r in annotate_many(articles)}


def people(result: Annotated) -> dict[str, list[str]]:
    return {a.name: [m.text for m in a.mentions] for a in result.actors if a.kind == "person"}


def test_a_name_the_recognizer_missed_after_an_occupation(named: dict[str, Annotated]) -> None:
    assert people(named["unseen"]) == {"Aner Shalev": ["Aner Shalev", "Shalev"]}


def test_caption_labels_and_headings_are_not_people(named: dict[str, Annotated]) -> None:
    assert set(people(named["caption"])) == {"Nick Moreau", "Ahmed Mohamed"}


def test_a_name_stops_at_a_line_break(named: dict[str, Annotated]) -> None:
    found = people(named["lines"])
    assert "Matthew Ingram" in found
    assert not any("\n" in m for mentions in found.values() for m in mentions)


def test_a_people_the_recognizer_names(named: dict[str, Annotated]) -> None:
    groups = [a.name for a in named["peoples"].actors if a.kind == "group"]
    assert groups == ["Republicans"]


def test_vehicle_names_are_no_people() -> None:
    (result,) = annotate_many(
        [
            Article(
                id="t",
                text="Space Shuttle Discovery will go to the museum, NASA said on Tuesday. "
                "Discovery has already been retired. Cyclone Phailin hit the coast of India.",
            )
        ]
    )
    people = {a.name for a in result.actors if a.kind == "person"}
    assert not any("Discovery" in p or "Phailin" in p for p in people)


def test_surname_that_names_a_city_is_the_person() -> None:
    (result,) = annotate_many(
        [
            Article(
                id="t",
                text="Valeska Paris, an Australian woman and former Scientologist, spoke on "
                "Thursday.\nParis was born in Switzerland but her parents moved to Australia.",
            )
        ]
    )
    people = [a for a in result.actors if a.kind == "person"]
    assert any(
        a.name == "Valeska Paris" and "Paris" in {m.text for m in a.mentions} for a in people
    ), people
    assert "Paris" not in {m.text for p in result.places for m in p.mentions}


def test_hyphenated_given_name_and_acronym() -> None:
    (result,) = annotate_many(
        [
            Article(
                id="t",
                text="Localist group Civic Passion's Wong Yeung-tat was defeated in this district. "
                "DAB's Ben Chan was elected.",
            )
        ]
    )
    people = {a.name for a in result.actors if a.kind == "person"}
    assert "Wong Yeung-tat" in people
    assert "DAB" not in people
