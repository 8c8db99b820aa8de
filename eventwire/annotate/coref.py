"""Joining mentions to actors (rules of our own: no coreference model loads offline).

Mentions arrive in text order from :mod:`eventwire.annotate.actors`; each either names a new
actor or is a later mention of one named before it: the same name or table entry, a surname or
first-and-last name (``Belousov``), a title noun heading a definite phrase (``the minister``,
``the ministry``: the last actor whose role ends in that noun), an anaphor (``the statement``:
the last organization), a pronoun (``he``: the one person named in the sentence or the one
before, when there is exactly one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge import Org, Role
from .context import Sentence


@dataclass(slots=True)
class OrgInfo:
    country: str | None = None
    sector: str | None = None
    sectors: tuple[str, ...] = ()
    org: str | None = None
    table: Org | None = None
    role: Role | None = None


@dataclass(slots=True)
class Item:
    """A mention found, before it is joined to an actor."""

    start: int
    end: int
    how: str
    head: int
    kind: str
    name: str
    role: Role | None = None
    info: OrgInfo = field(default_factory=OrgInfo)
    definite: bool = False
    qualified: bool = False
    anaphor_kinds: tuple[str, ...] = ()
    also: list[tuple[int, int]] = field(default_factory=list)
    """More spans naming the same actor (an appositive title)."""


@dataclass(slots=True, eq=False)
class Entity:
    key: str
    name: str
    kind: str
    role: str | None = None
    role_head: str | None = None
    country: str | None = None
    sector: str | None = None
    sectors: tuple[str, ...] = ()
    org: str | None = None
    words: tuple[str, ...] = ()
    hits: list[tuple[int, int, str, int]] = field(default_factory=list)
    last: int = -1


def head_noun(role: str) -> str:
    word = role.lower().split()[-1]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def resolve(items: list[Item], sentences: list[Sentence], sent_of: list[int]) -> list[Entity]:
    """Mentions joined to actors, in text order: each either names a new actor or is a later
    mention of one named before it (same name, surname, title noun, anaphor, pronoun)."""
    index = Index()
    for item in sorted(items, key=lambda it: it.start):
        entity = _antecedent(item, index, sentences, sent_of)
        if entity is None:
            if item.how in {"anaphor", "pronoun"}:
                continue
            entity = _new(item)
            index.add(entity)
        else:
            _merge(entity, item)
            index.add_role(entity)
        entity.hits.append((item.start, item.end, item.how, item.head))
        for a, b in item.also:
            entity.hits.append((a, b, "title", b - 1))
        index.touch(entity, item.start)
    return index.entities


def _new(item: Item) -> Entity:
    info = item.info
    entity = Entity(_key(item), item.name, item.kind, country=info.country, org=info.org)
    entity.sector, entity.sectors = info.sector, info.sectors
    if item.role is not None:
        entity.role, entity.role_head = item.role.role, head_noun(item.role.role)
    if info.table is not None and item.how == "name":
        entity.name = info.table.name
    if item.kind in {"person", "organization", "igo"}:
        entity.words = tuple(item.name.lower().split())
    return entity


def _key(item: Item) -> str:
    if item.kind == "country":
        return f"C|{item.info.country}"
    if item.how == "nominal" and item.role is not None:
        return f"N|{item.role.role}|{item.info.country}|{item.info.org}"
    if item.info.table is not None:
        return f"O|{item.info.table.name}"
    return f"{item.kind}|{item.name.lower()}"


def _merge(entity: Entity, item: Item) -> None:
    info = item.info
    if entity.role is None and item.role is not None:
        entity.role, entity.role_head = item.role.role, head_noun(item.role.role)
    if entity.country is None and info.country is not None:
        entity.country = info.country
    if entity.sector is None and info.sector is not None:
        entity.sector, entity.sectors = info.sector, info.sectors


def _antecedent(
    item: Item, index: Index, sentences: list[Sentence], sent_of: list[int]
) -> Entity | None:
    if item.how == "anaphor":
        for kind in item.anaphor_kinds:
            found = index.last_of_kind.get(kind)
            if kind == "organization":
                igo = index.last_of_kind.get("igo")
                if igo is not None and (found is None or igo.last > found.last):
                    found = igo
            if found is not None:
                return found
        return None
    if item.how == "pronoun":
        window = sentences[max(sent_of[item.start] - 1, 0)].start
        near = index.people_since(window)
        return near[0] if len(near) == 1 else None
    key = _key(item)
    if key in index.by_key:
        return index.by_key[key]
    words = tuple(item.name.lower().split())
    if item.kind == "person" and words:
        same = [
            e
            for e in index.by_word.get(words[-1], []) + index.by_word.get(words[0], [])
            if e.kind == "person"
            and len(e.words) > len(words)
            and words in {e.words[-len(words) :], e.words[: len(words)]}
        ]
        return max(same, key=lambda e: e.last) if same else None
    if item.how == "nominal" and item.definite and not item.qualified and item.role:
        same = index.by_head.get(head_noun(item.role.role), [])
        return max(same, key=lambda e: e.last) if same else None
    if item.kind in {"organization", "igo"} and item.how == "name" and words:
        same = [
            e
            for e in index.by_word.get(words[-1], [])
            if e.kind == item.kind
            and len(e.words) > len(words)
            and e.words[-len(words) :] == words
            and (item.info.country in {None, e.country})
        ]
        return max(same, key=lambda e: e.last) if same else None
    return None


@dataclass(slots=True)
class Index:
    """The actors found so far, indexed for the look-ups of a later mention."""

    entities: list[Entity] = field(default_factory=list)
    by_key: dict[str, Entity] = field(default_factory=dict)
    by_word: dict[str, list[Entity]] = field(default_factory=dict)
    """Persons and organizations by the first and last words of their names."""
    by_head: dict[str, list[Entity]] = field(default_factory=dict)
    """Actors by their role's head noun ("minister", "ministry")."""
    last_of_kind: dict[str, Entity] = field(default_factory=dict)
    people: list[tuple[int, Entity]] = field(default_factory=list)

    def add(self, entity: Entity) -> None:
        self.entities.append(entity)
        self.by_key[entity.key] = entity
        if len(entity.words) > 1:
            for word in {entity.words[0], entity.words[-1]}:
                self.by_word.setdefault(word, []).append(entity)
        self.add_role(entity)

    def add_role(self, entity: Entity) -> None:
        if entity.role_head is not None:
            found = self.by_head.setdefault(entity.role_head, [])
            if entity not in found:
                found.append(entity)

    def touch(self, entity: Entity, start: int) -> None:
        entity.last = start
        self.last_of_kind[entity.kind] = entity
        if entity.kind == "person":
            self.people.append((start, entity))

    def people_since(self, start: int) -> list[Entity]:
        found: list[Entity] = []
        for at, entity in reversed(self.people):
            if at < start:
                break
            if entity not in found:
                found.append(entity)
        return found
