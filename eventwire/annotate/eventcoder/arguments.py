"""Argument resolution for the event coder: the actors a noun phrase names (mentions, qualifiers,
demonyms, linked phrases, capitals) and the target of a matched predicate, as the
:class:`_Arguments` mixin of :class:`~eventwire.annotate.eventcoder.coder._Coder`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from ...knowledge import roles
from ...records import EventActor
from ..aggregate import TRANSNATIONAL, country_actor_id, place_actor, place_at
from ..coding import (
    PARTITIVES,
    Lexicon,
    Match,
    lemma,
    noun_arguments,
    prep_objects,
    target_groups,
    through,
    words,
)
from ..context import ActorMention, Context
from .clauses import _belongs_to_source, _located
from .sides import (
    _capitals,
    _country_names,
    _country_word,
    _key,
    _org_country,
    _role_sector,
    _unique,
)

PERSON_KINDS = words("person group")
ORG_KINDS = words("organization igo ngo")
QUALIFIER_DEPS = words("compound amod nmod poss")
LINK_PREPS = words("of in from")
MAX_DEPTH = 3
HOLD_NOUNS = words("control command possession grip hold")
"""What one takes of a place (``took control of the town``): the place is the patient."""
PATIENT_DEPS = frozenset({"dobj", "nsubjpass"})
FORCE_CODES = ("15", "19", "20")
"""Military force and its shows: often abroad, so unnamed victims take no country from the
source."""
STATE_SECTORS = frozenset({None, "GOV", "COP", "JUD", "LEG", "SPY"})
"""A country itself (no sector) or its civil state: what it does to unnamed people it does at home
(a bare country's violence, 18x, excepted: ``Russia killed three civilians``)."""
OWN_FORCE_CODES = ("15", "074", "0874", "1661", "072")
"""Codes whose direct object is the source's own force (``deployed troops``, ``withdrew its
peacekeepers``): the target is where they go, not the object."""
EXPEL_VERBS = words("expel kick oust evict banish eject")
"""Verbs whose object is someone else's force (``expelled the U.N. peacekeeping mission``)."""
DOER_TARGET_CODES = ("11", "12", "016")
"""Criticism, rejection and denial of an act aim at its doer (see ``target_groups``)."""
SETTLEMENTS = words(
    "town city village region area province district territory camp neighbourhood neighborhood "
    "settlement island"
)
"""Places below a country that an act can be done to (``sealed off the town``)."""
AFFECTED_NOUNS = SETTLEMENTS | words(
    "people person man men woman women child children civilian resident villager family "
    "prisoner detainee hostage captive inmate community population girl boy "
    "schoolgirl schoolboy schoolchild schoolchildren pupil passenger tourist pilgrim worshipper"
)
"""Unnamed people and places an act can be done to (besides the person and group nouns of
``knowledge/roles.tsv``): ``detained 35 people`` has a target, of the country it happens in."""
LOCAL_NOUNS = SETTLEMENTS | words("state county capital port base outskirts")
"""Nouns naming a place below a country."""
WATERS = words("sea strait gulf ocean bay channel waters coast")
"""Waters where forces sail or drill: no side by themselves."""
COUNTRY_NOUNS = words("country nation state kingdom republic emirate archipelago")
"""Nouns wire copy uses for a country it has just named (``the island nation``)."""
PLACE_WORDS = words("island gulf desert mountain oil border coastal")
"""Nouns that may describe a country before ``nation``/``state`` (``the island nation``)."""
CITY_PARTS = words(
    "street streets centre center square outskirts suburb suburbs downtown heart district "
    "neighbourhood neighborhood avenue road roads"
)
"""Parts of a city: a capital after them is the place (``the streets of Belgrade``)."""
PARTICLES = words("off down up out over")
"""Particles of phrasal verbs that the parser sometimes takes for prepositions."""
FORCE_PREPS = words("to into from along near toward towards across")
"""Prepositions on a verb moving the source's own force that name where it goes or leaves
(``withdrew its peacekeepers from Somalia``, ``massed troops along its border with Estonia``)."""


def _bound_for(token: Token) -> list[Token]:
    """Where the source's own force goes or leaves: the objects of :data:`FORCE_PREPS` on the
    verb or its object, and the participants inside them (``its border with Estonia``)."""
    preps = [c for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in FORCE_PREPS]
    for out in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "out"):
        preps += [g for g in out.children if g.dep_ == "prep" and g.lower_ == "of"]  # out of X
    objects = [o for c in preps for o in prep_objects(c)]
    return objects + [a for o in objects for a in noun_arguments(o)]


def _in_the_city(token: Token) -> bool:
    """``the streets of Belgrade``, ``central squares in Tbilisi``: the city, not its
    government."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in {"of", "in"} and lemma(head.head) in CITY_PARTS


class _Arguments:
    """Resolution of sources and targets to actors; mixed into the coder, which sets
    :attr:`ctx` and :attr:`lex`."""

    ctx: Context
    lex: Lexicon

    # -- targets -------------------------------------------------------------------------------
    def _targets(self, found: Match, code: str, sources: list[EventActor]) -> list[EventActor]:
        if "notarget" in found.row.options:
            return []
        own = {_key(a) for a in sources}
        homes = {a.country for a in sources if a.country}
        force = code.startswith(FORCE_CODES) or any(
            a.sector not in STATE_SECTORS or (a.sector is None and code.startswith("18"))
            for a in sources
            if a.country
        )
        own_force = code.startswith(OWN_FORCE_CODES) and lemma(found.predicate) not in EXPEL_VERBS
        direct = [t for t in found.predicate.children if t.dep_ in PATIENT_DEPS]
        doers = code.startswith(DOER_TARGET_CODES)
        groups = target_groups(found, self.lex, doers=doers)
        if own_force:
            bound = [o for t in direct for o in [*_located(t), *_bound_for(t)]]
            groups.insert(0, bound + _bound_for(found.predicate))
        for group in groups:
            out: list[EventActor] = []
            for token in group:
                if own_force and (token in direct or lemma(token) in WATERS):
                    continue  # its own force; drills in the Taiwan Strait aim at no one
                if _belongs_to_source(token) and self._qualifier_country(token, 0) is None:
                    continue
                found_here = [a for a in self.resolve(token) if _key(a) not in own]
                if own_force and self._local(token):
                    # a town it leaves or enters is a side only abroad (villages in Lebanon)
                    found_here = [a for a in found_here if homes and a.country not in homes]
                elif own_force:  # called up reservists across its own country: no one
                    found_here = [a for a in found_here if a.country not in homes]
                out += found_here
            if out:
                return _unique(out)
        if found.object is not None and place_at(self.ctx, found.object) is not None:
            return place_actor(self.ctx, found.object)
        if not own_force:
            patients = [*direct, *([found.object] if found.object is not None else [])]
            if found.complement is not None:  # promised to free 3,000 prisoners
                patients += [c for c in found.complement.children if c.dep_ in PATIENT_DEPS]
            if found.prep and found.prep[-1].lower_ in PARTICLES:
                patients += prep_objects(found.prep[-1])  # sealed off X, parsed as a preposition
            for token in patients:
                held = noun_arguments(token) if lemma(token) in HOLD_NOUNS else []
                for inner in [*through(token), *held]:
                    if self._affected(inner):
                        return [self._anonymous(inner, None if force else homes)]
        return []

    def _where(self, token: Token) -> str | None:
        """The country of the place a noun phrase names or names inside it (``the West Bank
        town of Jenin``, ``villagers in Mali's Mopti region``)."""
        for word in [token, *token.subtree]:
            place = place_at(self.ctx, word)
            if place is not None and place.country:
                return place.country
        return None

    def _local(self, token: Token) -> bool:
        """A place below a country (``the town of Walikale``, ``Kashmir``)."""
        place = place_at(self.ctx, token)
        if place is not None:
            return place.precision != "country"
        return lemma(token) in LOCAL_NOUNS

    def _affected(self, token: Token) -> bool:
        """An unnamed person, group or place the act is done to (``detained 35 people``)."""
        if _belongs_to_source(token) or token.pos_ not in {"NOUN", "PROPN"}:
            return False
        if place_at(self.ctx, token) is not None or {token.lower_, lemma(token)} & AFFECTED_NOUNS:
            return True
        role = roles().get(token.lower_)
        return role is not None and role.kind in PERSON_KINDS

    def _anonymous(self, token: Token, homes: set[str] | None = None) -> EventActor:
        """Unnamed people or a place acted on, of the country where they are; failing that, of
        the source's own country when the act is one a state does at home (``promised to free
        3,000 prisoners``, ``arrested 35 people``), which ``homes`` then gives."""
        start, end = token.left_edge.idx, token.idx + len(token)
        country = self._where(token)
        if country is None and homes is not None and len(homes) == 1:
            country = next(iter(homes))
        return EventActor(
            actor=None,
            name=token.text,
            text=self.ctx.text[start:end],
            country=country,
            sector=_role_sector(token),
            start=start,
            end=end,
        )

    # -- actors --------------------------------------------------------------------------------
    def _actors(self, tokens: Iterable[Token]) -> list[EventActor]:
        return _unique([a for token in tokens for a in self.resolve(token)])

    def resolve(self, token: Token, depth: int = 0) -> list[EventActor]:
        """The actors a noun phrase headed by ``token`` names (empty when none).

        An actor mention at the head is that actor; when the actor has no country, the phrase
        may give it (``U.S. Secretary of State X``, ``Guinea's military government``) or split
        it (``warships from India and France``: each country, with the head's sector).
        Otherwise a qualifier names the side (``Ugandan counterpart``, ``Palestinian homes``),
        or a linked phrase does (``the leaders of Japan, South Korea and China``, ``prosecutors
        in Guatemala``), a country then taking the head noun's sector when it is a role word.  A
        capital city stands for its government only at the top (``Washington imposed ...``,
        ``accused Kyiv of ...``), not inside a phrase (``talks in Doha``).
        """
        ctx = self.ctx
        if token.idx < ctx.body_start or depth > MAX_DEPTH:
            return []
        mention = ctx.mention_at(token.idx, token.idx + len(token))
        if mention is not None:
            actor = self._event_actor(mention)
            if actor is None:
                return []
            if actor.country is None:
                capital = self._capital(token) if depth == 0 else None
                if capital is not None and self._kind(token) not in PERSON_KINDS:
                    return [capital]
                return self._complete(actor, mention, token, depth)
            return _unique([actor, *self._co_qualified(token, actor.sector, actor.country)])
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        if depth == 0:
            capital = self._capital(token) or self._described_country(token)
            if capital is not None:
                return [capital]
        iso = _country_word([token])
        if iso is not None and token.tag_ in {"NNPS", "NNS", "NNP"}:
            return [self._stand_in(iso, token, token, None)]
        if token.lower_ in PARTITIVES or token.pos_ == "NUM":
            inner = [a for t in through(token)[1:] for a in self.resolve(t, depth + 1)]
            if inner:
                return inner
        sector = _role_sector(token)
        for child in token.lefts:
            if child.dep_ in QUALIFIER_DEPS and child.tag_ != "PRP$":
                found = self._qualifier(child, token, sector)
                if found is not None:
                    return _unique([found, *self._co_qualified(token, sector, found.country)])
        return self._linked(token, sector, depth)

    def _linked(self, token: Token, sector: str | None, depth: int) -> list[EventActor]:
        out: list[EventActor] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in LINK_PREPS:
                for obj in prep_objects(child):
                    for actor in self.resolve(obj, depth + 1):
                        out.append(
                            replace(actor, sector=sector) if self._is_country(actor) else actor
                        )
        return out

    def _complete(
        self, actor: EventActor, mention: ActorMention, token: Token, depth: int
    ) -> list[EventActor]:
        """An actor without a country: the country its own words or its phrase name."""
        doc = self.ctx.doc
        inside = [t for t in doc[mention.token_start : mention.token_end] if t.i != token.i]
        iso = _org_country(inside) or _country_word(inside)
        if iso is not None:
            sector = iso if iso in TRANSNATIONAL and actor.sector not in TRANSNATIONAL else None
            return [replace(actor, country=iso, sector=sector or actor.sector)]
        linked = [a for a in self._linked(token, actor.sector, depth) if self._is_country(a)]
        if linked:
            return [replace(a, sector=actor.sector) for a in linked]
        country = self._qualifier_country(token, depth)
        return [replace(actor, country=country) if country else actor]

    def _co_qualified(
        self, token: Token, sector: str | None, known: str | None
    ) -> list[EventActor]:
        """The other sides named by coordinated qualifiers (``Thai and Cambodian forces``,
        ``Chinese and Russian warships``): a stand-in for each country but ``known``."""
        out: list[EventActor] = []
        for child in token.lefts:
            if child.dep_ not in QUALIFIER_DEPS or child.tag_ == "PRP$":
                continue
            for word in (child, *(c for c in child.children if c.dep_ == "conj")):
                iso = _country_word([word])
                if iso is not None:
                    out.append(self._stand_in(iso, word, token, sector))
        return [a for a in out if a.country != known] if len(out) > 1 else []

    def _qualifier(self, child: Token, head: Token, sector: str | None) -> EventActor | None:
        """A qualifier (``Ugandan``, ``Guinea's``, ``U.S.``) standing for its country's side."""
        ctx = self.ctx
        mention = ctx.mention_at(child.idx, child.idx + len(child))
        if mention is None:
            iso = _country_word(list(child.subtree)) or _org_country(list(child.subtree))
            return self._stand_in(iso, head.left_edge, head, sector) if iso else None
        actor = self._event_actor(mention)
        if actor is None:
            return None
        if self._is_country(actor):
            start, end = head.left_edge.idx, head.idx + len(head)
            return replace(actor, text=ctx.text[start:end], start=start, end=end, sector=sector)
        if child.dep_ == "poss" or self._kind(child) in ORG_KINDS:
            if actor.country is None and self._kind(child) not in PERSON_KINDS:
                return self._capital(child) or actor  # Minsk's request, tagged an organization
            return actor
        return None

    def _qualifier_country(self, token: Token, depth: int) -> str | None:
        """A country named before the head in its phrase (``U.S. Secretary of State X``,
        ``South African President X``, ``EU foreign ministers``), else in a linked phrase."""
        own = self.ctx.mention_at(token.idx, token.idx + len(token))
        before: list[Token] = []
        for word in token.subtree:
            if word.i >= token.i:
                break
            if word.tag_ == "PRP$":
                continue
            mention = self.ctx.mention_at(word.idx, word.idx + len(word))
            if mention is not None and mention != own:
                actor = self.ctx.actor(mention.actor)
                if actor is not None and actor.country and actor.kind in {"country", *ORG_KINDS}:
                    return actor.country
                continue
            before.append(word)
        iso = _country_word(before)
        if iso is not None:
            return iso
        return next((a.country for a in self._linked(token, None, depth) if a.country), None)

    def _stand_in(self, iso: str, first: Token, last: Token, sector: str | None) -> EventActor:
        """A country's side named by a qualifier or a demonym, not by an actor of its own."""
        start, end = first.idx, last.idx + len(last)
        return EventActor(
            actor=country_actor_id(self.ctx, iso),
            name=_country_names().get(iso, iso),
            text=self.ctx.text[start:end],
            country=iso,
            sector=sector,
            start=start,
            end=end,
        )

    def _described_country(self, token: Token) -> EventActor | None:
        """``the island nation``, ``the Central African country``, ``the Gulf state``: the
        country named last before it (wire copy's way of not repeating a name)."""
        if lemma(token) not in COUNTRY_NOUNS or token.tag_ not in {"NN", "NNP"}:
            return None
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ != "the" or any(c.dep_ == "poss" for c in lefts):
            return None
        if any(c.pos_ == "NOUN" and lemma(c) not in PLACE_WORDS for c in lefts[1:]):
            return None  # the police state, the welfare state
        if any(c.dep_ == "prep" for c in token.children):  # the state of emergency, of Texas
            return None
        # a subject may be the country just named ("Kenya said the country would ..."); an object
        # is another one, named in an earlier sentence ("Japan sent aid to the island nation")
        subject = token.dep_ in {"nsubj", "nsubjpass"}
        limit = token.left_edge.idx if subject else token.sent.start_char
        named: list[tuple[int, str]] = []  # (where, country) of countries named before it
        for mention in self.ctx.mentions:
            actor = self.ctx.actor(mention.actor)
            if mention.end <= limit and actor is not None and actor.kind == "country":
                named += [(mention.start, actor.country)] if actor.country else []
        for place in self.ctx.places:
            if place.precision == "country" and place.country:
                named += [(m.start, place.country) for m in place.mentions if m.end <= limit]
        named = [(where, iso) for where, iso in named if where >= self.ctx.body_start]
        if not named:
            return None
        iso = max(named)[1]
        if iso == "USA" and lemma(token) == "state":
            return None  # in American news "the state" is one of the fifty
        return self._stand_in(iso, token.left_edge, token, None)

    def _capital(self, token: Token) -> EventActor | None:
        """A capital city as an actor stands for its government (``Washington imposed...``);
        also when the tagger missed the place (``aid to Kyiv``) or took it for an organization
        (``Minsk's request``), but never a person's name."""
        iso = _capitals().get(token.text.lower())
        if iso is None or _in_the_city(token):
            return None
        place = place_at(self.ctx, token)
        if place is not None and place.country != iso:
            return None
        if place is None and (token.pos_ != "PROPN" or token.ent_type_ == "PERSON"):
            return None
        end = token.idx + len(token)
        name = place.name if place is not None else token.text
        return EventActor(None, name, token.text, iso, "GOV", token.idx, end)

    def _is_country(self, actor: EventActor) -> bool:
        found = self.ctx.actor(actor.actor) if actor.actor else None
        return actor.actor is None or (found is not None and found.kind == "country")

    def _kind(self, token: Token) -> str | None:
        actor = self.ctx.actor_of(token)
        return actor.kind if actor is not None else None

    def _event_actor(self, mention: ActorMention) -> EventActor | None:
        actor = self.ctx.actor(mention.actor)
        if actor is None:
            return None
        text = self.ctx.text[mention.start : mention.end]
        return EventActor(
            actor.id, actor.name, text, actor.country, actor.sector, mention.start, mention.end
        )
