"""Actor keys and the words that name a side: the country a name, demonym or known
organization in a run of words stands for, the sector a role or weapon word gives
(``Ukrainian artillery``: MIL), capitals and country names from the knowledge tables."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Token

from ...knowledge import countries, country_by_name, orgs, roles
from ...records import EventActor
from ..coding import lemma


def _key(actor: EventActor) -> str:
    return actor.actor or f"{actor.country}@{actor.start}"


def _unique(actors: list[EventActor]) -> list[EventActor]:
    seen: set[str] = set()
    out: list[EventActor] = []
    for actor in actors:
        key = _key(actor)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


ARMS = frozenset(
    {
        "artillery", "jet", "warplane", "missile", "drone", "rocket", "tank", "gunship",
        "helicopter", "warship", "navy", "airstrike", "shelling", "bombardment", "air",
    }
)  # fmt: skip
"""Weapons and arms: a demonym before them names its country's military (``Ukrainian
artillery``); ``air`` and the weapons also make a strike or an attack military (``An Israeli air
strike``, ``a Russian missile attack``)."""
_ARMED_ACTS = frozenset({"strike", "attack", "raid"})


def _role_sector(token: Token) -> str | None:
    table = roles()
    for form in (token.lower_, lemma(token)):
        role = table.get(form)
        if role is not None:
            return role.sector
    if lemma(token) in ARMS and token.lower_ != "air":
        return "MIL"
    if lemma(token) in _ARMED_ACTS and any(
        c.dep_ == "compound" and lemma(c) in ARMS for c in token.lefts
    ):
        return "MIL"
    return None


def _country_word(tokens: Sequence[Token]) -> str | None:
    """The country a run of words names by a name or demonym (``South African``, ``Armenians``);
    a phrase of several words counts only capitalized (not ``the central African country``)."""
    table = country_by_name()
    lowered = [t.text.lower() for t in tokens]
    upper = [t.text[:1].isupper() for t in tokens]
    for n in (3, 2, 1):
        for i in range(len(lowered) - n + 1):
            if n > 1 and not all(upper[i : i + n]):
                continue
            phrase = " ".join(lowered[i : i + n])
            iso = table.get(phrase)
            if iso is None and phrase.endswith("s"):
                iso = table.get(phrase[:-1])
            if iso is not None:
                return iso
    return None


def _org_country(tokens: Sequence[Token]) -> str | None:
    """The country (or IGO / NGO) of a known organization named in a run of words
    (``the African Union Commission``, ``An al-Shabaab spokesman``)."""
    text = f" {' '.join(t.text for t in tokens)} "
    for name, country in _org_names().items():
        if f" {name} " in text or (len(name) > 3 and name in text):
            return country
    return None


@cache
def _org_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for org in orgs():
        if org.country:
            for name in (org.name, *org.aliases):
                out.setdefault(name, org.country)
    return dict(sorted(out.items(), key=lambda item: -len(item[0])))


@cache
def _country_names() -> dict[str, str]:
    return {c.iso3: c.name for c in countries()}


@cache
def _capitals() -> dict[str, str]:
    return {c.capital.split(",")[0].strip().lower(): c.iso3 for c in countries() if c.capital}
