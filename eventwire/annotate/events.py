"""Coded events: who did what to whom, where and when, read sentence by sentence from the parse.

:func:`code_events` is the annotate stage's last step.  For every parsed sentence (the dateline is
blanked out before parsing, so it is never an argument):

1. each predicate (a verb, or an adjective taking an infinitive or standing in the lexicon:
   ``ready to``, ``optimistic``) of a clause that asserts something — not a participle or a
   relative clause modifying a noun, not a gerund after a preposition — is matched against the
   event lexicon (:mod:`eventwire.annotate.coding`, ``knowledge/lexicon.tsv``).  A frame row
   (``agreed to meet``, ``threatened to attack``, ``urged X to release``) codes its complement in
   its place, so the complement is not coded again; nor is an act reported inside another coded
   act (``accused X of attacking``, ``denied that its troops attacked``), nor a demand voiced
   through a protest (``marched ..., demanding ...``).  A bare ``said`` is no event;
2. source: the subject (its conjuncts, the ``by`` agent of a passive, the subject shared with a
   coordinated or controlling verb); target: see :func:`~eventwire.annotate.coding.
   target_groups`; the source's own forces or staff are not its target (``deployed troops to X``,
   ``recalled its ambassador to X``).  Both resolve to the annotate stage's actors through their
   mentions (short names, ``the ministry``, pronouns); see :meth:`_Coder.resolve` for noun
   phrases that are not an actor's mention.  No source, no event;
3. flags: ``negated`` (``not``, ``never``, ``failed to``, ``held no talks``), ``hypothetical``
   (``may``, ``could``, ``if``, ``plans to``, ``is expected to``; ``will``/``would`` too unless the
   clause reports the actor's own stated intent: then ``said it would send aid`` is coded as the
   promise, AGREE 03x, and ``would seize the region`` as the threat, THREATEN 13x, by the
   lexicon's ``pledge`` and ``threaten`` frames), ``reported`` (inside a quote or an attribution's
   content: ``..., the ministry said``), ``historical`` (see :mod:`~eventwire.annotate.aggregate`).
   Flagged events are kept: ``negated`` and ``hypothetical`` ones did not happen.

Place, date, code refinements and the joining of sentences about the same happening into one
event with several mentions are :mod:`eventwire.annotate.aggregate`'s work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Span, Token

from ..knowledge import cameo_codes, countries, country_by_name, orgs, roles
from ..records import Event, EventActor, Quote
from .aggregate import (
    TRANSNATIONAL,
    Candidate,
    Details,
    aggregate,
    confidence,
    country_actor_id,
    place_actor,
    place_at,
)
from .attribution import Attribution, find_attributions
from .coding import (
    PARTITIVES,
    Lexicon,
    Match,
    Resolver,
    complements,
    default_lexicon,
    frame_code,
    headline_verb,
    iter_predicates,
    lemma,
    match_predicate,
    noun_arguments,
    noun_code,
    prep_objects,
    subjects,
    target_groups,
    through,
    words,
)
from .context import ActorMention, Context, Sentence

__all__ = ["code_events"]

EMBEDDED_DEPS = words(
    "amod acl relcl pcomp pobj csubj csubjpass nsubj nsubjpass dobj compound appos npadvmod "
    "attr oprd prep det nmod poss dep intj meta acomp"
)
"""A predicate hanging on its head this way modifies a noun or is an argument: it asserts no
event of its own (``fishermen detained near...``, ``for organizing``)."""
SPEECH_CLASSES = words("speech source-phrase")
"""Attribution classes that make an event ``reported`` (not ``plans to``: an intention)."""
PERSON_KINDS = words("person group")
SPEAKER_PRONOUNS = words("it they we he she i")
ORG_KINDS = words("organization igo ngo")
QUALIFIER_DEPS = words("compound amod nmod poss")
LINK_PREPS = words("of in from")
MAX_DEPTH = 3
OWN_FORCE_CODES = ("15", "074", "0874", "1661", "072")
"""Codes whose direct object is the source's own force (``deployed troops``, ``withdrew its
peacekeepers``): the target is where they go, not the object."""
DOER_TARGET_CODES = ("11", "12", "016")
"""Criticism, rejection and denial of an act aim at its doer (see ``target_groups``)."""
OCCURRENCE_VERBS = words(
    "begin start open resume continue happen occur end conclude proceed erupt escalate intensify "
    "rage flare spread persist unfold"
)
"""Verbs telling that their subject, an event noun, took place (``talks began``)."""
OCCURRENCE_PHRASES = {
    "take": words("effect place"),
    "break": words("out"),
    "go": words("ahead"),
    "come": words("into"),
    "get": words("under underway"),
}
"""Verbs that tell it with a particle or object (``took effect``, ``broke out``)."""
EFFECT_VERBS = words("kill injure wound destroy damage displace hit target strike")
"""Verbs telling what an event did (``Russian shelling killed five civilians``)."""
NOUN_TARGET_PREPS = words("on against with to toward towards upon")
AFFECTED_NOUNS = words(
    "people person man men woman women child children civilian resident villager family town "
    "city village region area province district territory camp neighbourhood neighborhood "
    "settlement island"
)
"""Unnamed people and places an act can be done to (besides the person and group nouns of
``knowledge/roles.tsv``): ``detained 35 people`` has a target, of the country it happens in."""


def code_events(
    ctx: Context, quotes: Sequence[Quote] = (), *, lexicon: Lexicon | None = None
) -> list[Event]:
    """The events of one article, in order of their first mention."""
    lex = lexicon or default_lexicon()
    coder = _Coder(ctx, quotes, lex)
    candidates = coder.candidates()
    details = Details(ctx)
    for candidate in candidates:
        details.attach(candidate)
        candidate.confidence = confidence(candidate)
    return aggregate(ctx, candidates, coder.nominal_refs(candidates), lex)


class _Coder:
    def __init__(self, ctx: Context, quotes: Sequence[Quote], lex: Lexicon) -> None:
        self.ctx = ctx
        self.quotes = list(quotes)
        self.lex = lex
        self.resolver = Resolver(
            is_actor=lambda t: bool(self.resolve(t)),
            is_person=lambda t: self._kind(t) in PERSON_KINDS,
            is_org=lambda t: self._kind(t) in ORG_KINDS,
            is_place=lambda t: place_at(self.ctx, t) is not None,
        )

    # -- candidates --------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for sentence in self.ctx.parsed_sentences:
            out += self._sentence(sentence)
        return out

    def _sentence(self, sentence: Sentence) -> list[Candidate]:
        span = self.ctx.span(sentence)
        matches: dict[int, Match] = {}
        for token in iter_predicates(span, self.lex):
            if token.idx < self.ctx.body_start or not _asserting(token):
                continue
            found = match_predicate(token, self.lex, self.resolver)
            if found is not None:
                matches[token.i] = found
        consumed = {m.complement.i for m in matches.values() if m.complement is not None}
        attributions: list[Attribution] | None = None
        out: list[Candidate] = []
        for index, found in sorted(matches.items()):
            if index in consumed or _inside_coded(found.predicate, matches):
                continue
            if attributions is None:
                attributions = find_attributions(span)
            candidate = self._candidate(sentence, found, matches, attributions)
            if candidate is not None:
                out.append(candidate)
        return out + self._noun_subjects(sentence, span, out)

    def _noun_subjects(
        self, sentence: Sentence, span: Span, found: list[Candidate]
    ) -> list[Candidate]:
        """An event noun as the subject of a verb telling that it happened (``talks between X and
        Y began``, ``a ceasefire between X and Y took effect``) or what it did (``Russian shelling
        killed five civilians``): the noun's code; the parties named on the noun (``between X and
        Y``, ``Russian``, ``X's``) are the sources, ``on X``/``against X`` or the verb's object the
        targets."""
        used = {i for c in found for i in (c.consumed | {c.predicate})}
        out: list[Candidate] = []
        for noun in span:
            if noun.dep_ not in {"nsubj", "nsubjpass"} or not (
                noun.pos_ in {"NOUN", "PROPN"} or noun.tag_ == "VBG"  # fighting erupted
            ):
                continue
            verb = noun.head
            if (
                noun.i in used
                or verb.i in used
                or noun.idx < self.ctx.body_start
                or not _happens(verb, noun)
            ):
                continue
            coded = noun_code(noun, self.lex)
            if coded is None or coded[1] not in cameo_codes() or _bare_strike(noun):
                continue
            between = _between(noun)
            if between:
                sources, targets = self._actors(between), []
            else:
                doers = [c for c in noun.lefts if c.dep_ in QUALIFIER_DEPS and c.tag_ != "PRP$"]
                doers += [
                    o
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ in {"by", "from"}
                    for o in prep_objects(c)
                ]
                sources = self._actors(doers) or self._actors([noun])  # Russian shelling
                aimed = [
                    o
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS
                    for o in prep_objects(c)
                ]
                aimed = aimed or [
                    o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.children)
                ]
                keys = {_key(a) for a in sources}
                targets = [a for a in self._actors(aimed) if _key(a) not in keys]
            if not sources:
                continue
            candidate = Candidate(
                sentence=sentence,
                predicate=noun.i,
                code=cameo_codes()[coded[1]],
                match=None,
                source=sources,
                target=_unique(targets),
                flags={"reported"} if self._reported(verb, find_attributions(span)) else set(),
                quote=self._quote_index(noun.idx),
            )
            candidate.consumed = {noun.i}
            out.append(candidate)
        return out

    def _candidate(
        self,
        sentence: Sentence,
        found: Match,
        matches: dict[int, Match],
        attributions: list[Attribution],
    ) -> Candidate | None:
        token = found.predicate
        row = found.row
        flags = self._flags(found)
        reported = self._reported(token, attributions)
        code = found.code
        if "intent" in flags:
            flags.discard("intent")
            recoded = self._intent(found) if reported else None
            if recoded is None:
                flags.add("hypothetical")
            else:
                code = recoded
        subject = subjects(token)
        if not row.objects and len(subject) == 1 and _event_subject(subject[0], token, self.lex):
            return None  # the air strike hit a school: the noun's own event (_noun_subjects)
        sources = self._actors(subject)
        if not sources:
            sources = self._speaker(token)
        if not sources and "sym" in row.options and found.object is not None:
            sources = self._actors(_between(found.object))
        if not sources:
            return None
        targets = self._targets(found, code, sources)
        head = matches.get(token.head.i) if token.dep_ == "conj" else None
        shares = head is not None and not _own_subject(token)
        if not targets and head is not None and shares and _type_of(head.code) == _type_of(code):
            targets = self._targets(head, head.code, sources)  # held a meeting with X and discussed
        if "flip" in row.options:
            sources, targets = targets, sources
            if not sources:
                return None
        if "partner" in row.options and not targets and len(sources) < 2:
            return None
        if code not in cameo_codes():
            return None
        candidate = Candidate(
            sentence=sentence,
            predicate=token.i,
            code=cameo_codes()[code],
            match=found,
            source=sources,
            target=targets,
            flags=flags | ({"reported"} if reported else set()),
            quote=self._quote_index(token.idx),
        )
        candidate.consumed = {t.i for t in (found.object, found.complement) if t is not None}
        return candidate

    def _speaker(self, token: Token) -> list[EventActor]:
        """``Norway said it would send aid``: a pronoun subject of a reported clause that the
        actors step left unresolved stands for the one who says it."""
        node = token.head if token.pos_ == "ADJ" and token.dep_ == "acomp" else token
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lower_ not in SPEAKER_PRONOUNS:
            return []
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return []
        return self._actors(subjects(node.head))

    # -- flags ---------------------------------------------------------------------------------
    def _flags(self, found: Match) -> set[str]:
        """Flags from auxiliaries, negation and markers of the predicate (and complement), from
        the auxiliaries and markers of the verb it is coordinated with, and from the frames it
        is the complement of (``plans to``, ``failed to``)."""
        lex = self.lex
        flags: set[str] = set()
        shared: list[Token] = []
        node = found.predicate
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
            shared.append(node)
        # a frame's complement is unreal by nature (threatened that X would ...): only its
        # negation counts
        scopes: list[tuple[Token, tuple[str, ...]]] = [(found.predicate, ("aux", "neg", "mark"))]
        scopes += [(n, ("aux", "mark")) for n in shared]
        if found.complement is not None:
            scopes.append((found.complement, ("neg",)))
        for node, kinds in scopes:
            for child in node.children:
                kind = "aux" if child.dep_ in {"aux", "auxpass"} else child.dep_
                if kind in kinds:
                    flag = lex.flag_words.get((kind, child.lower_))
                    if flag is not None:
                        flags.add(flag)
        node = found.predicate
        for _ in range(6):
            if node.head.i == node.i:
                break
            if node.dep_ == "conj":
                node = node.head
                continue
            if node.dep_ != "xcomp" and node not in complements(node.head):
                break
            frame = lex.flag_frames.get(lemma(node.head))
            if frame is not None:
                flags.add(frame)
            for child in node.head.children:
                if child.dep_ == "neg":
                    flags.add("negated")
                elif child.dep_ in {"aux", "auxpass"}:
                    flag = lex.flag_words.get(("aux", child.lower_))
                    if flag is not None:
                        flags.add(flag)
            node = node.head
        obj = found.object
        if obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
            flags.add("negated")
        return flags

    def _intent(self, found: Match) -> str | None:
        """``said it would send aid``: the promise (AGREE); ``would seize``: the threat."""
        code = cameo_codes()[found.code]
        root = int(found.code[:2])
        if 4 <= root <= 8:
            frame = "pledge"
        elif root >= 14 or code.quad_class == 4:
            frame = "threaten"
        else:
            return None
        return frame_code(self.lex, frame, found.predicate, self.resolver)

    def _reported(self, token: Token, attributions: list[Attribution]) -> bool:
        """Inside a direct quote, or inside what an attribution says (not what it plans)."""
        index = self._quote_index(token.idx)
        if index is not None and self.quotes[index].direct:
            return True
        return any(
            token.i in item.content and token.i not in item.cue and item.cls in SPEECH_CLASSES
            for item in attributions
        )

    def _quote_index(self, char: int) -> int | None:
        for number, quote in enumerate(self.quotes):
            if quote.start <= char < quote.end:
                return number
        return None

    # -- targets -------------------------------------------------------------------------------
    def _targets(self, found: Match, code: str, sources: list[EventActor]) -> list[EventActor]:
        if "notarget" in found.row.options:
            return []
        own = {_key(a) for a in sources}
        own_force = code.startswith(OWN_FORCE_CODES)
        direct = [t for t in found.predicate.children if t.dep_ in {"dobj", "nsubjpass"}]
        doers = code.startswith(DOER_TARGET_CODES)
        groups = target_groups(found, self.lex, doers=doers)
        if own_force:
            groups.insert(0, [o for t in direct for o in _located(t)])
        for group in groups:
            out: list[EventActor] = []
            for token in group:
                if own_force and token in direct:
                    continue
                if _belongs_to_source(token) and self._qualifier_country(token, 0) is None:
                    continue
                out += [a for a in self.resolve(token) if _key(a) not in own]
            if out:
                return _unique(out)
        if found.object is not None and place_at(self.ctx, found.object) is not None:
            return place_actor(self.ctx, found.object)
        if not own_force:
            for token in direct:
                for inner in through(token):
                    if self._affected(inner):
                        return [self._anonymous(inner)]
        return []

    def _affected(self, token: Token) -> bool:
        """An unnamed person, group or place the act is done to (``detained 35 people``)."""
        if _belongs_to_source(token) or token.pos_ not in {"NOUN", "PROPN"}:
            return False
        if place_at(self.ctx, token) is not None or {token.lower_, lemma(token)} & AFFECTED_NOUNS:
            return True
        role = roles().get(token.lower_)
        return role is not None and role.kind in PERSON_KINDS

    def _anonymous(self, token: Token) -> EventActor:
        place = place_at(self.ctx, token)
        start, end = token.left_edge.idx, token.idx + len(token)
        return EventActor(
            actor=None,
            name=token.text,
            text=self.ctx.text[start:end],
            country=place.country if place is not None else None,
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
                return self._complete(actor, mention, token, depth)
            return [actor]
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        if depth == 0:
            capital = self._capital(token)
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
                    return [found]
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

    def _qualifier(self, child: Token, head: Token, sector: str | None) -> EventActor | None:
        """A qualifier (``Ugandan``, ``Guinea's``, ``U.S.``) standing for its country's side."""
        ctx = self.ctx
        mention = ctx.mention_at(child.idx, child.idx + len(child))
        if mention is None:
            iso = _country_word(list(child.subtree))
            return self._stand_in(iso, head.left_edge, head, sector) if iso else None
        actor = self._event_actor(mention)
        if actor is None:
            return None
        if self._is_country(actor):
            start, end = head.left_edge.idx, head.idx + len(head)
            return replace(actor, text=ctx.text[start:end], start=start, end=end, sector=sector)
        if child.dep_ == "poss" or self._kind(child) in ORG_KINDS:
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

    def _capital(self, token: Token) -> EventActor | None:
        """A capital city as an actor stands for its government (``Washington imposed...``)."""
        place = place_at(self.ctx, token)
        if place is None or place.country is None:
            return None
        if _capitals().get(token.text.lower()) != place.country:
            return None
        end = token.idx + len(token)
        return EventActor(None, place.name, token.text, place.country, "GOV", token.idx, end)

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

    # -- event nouns referring back ------------------------------------------------------------
    def nominal_refs(self, candidates: list[Candidate]) -> list[Candidate]:
        """Event nouns (``the talks``, ``the meeting between X and Y``) no coded predicate used:
        references that :func:`~eventwire.annotate.aggregate.aggregate` joins to an event."""
        used = {i for c in candidates for i in (c.consumed | {c.predicate})}
        out: list[Candidate] = []
        for sentence in self.ctx.sentences:
            for token in self.ctx.span(sentence):
                if token.i in used or token.idx < self.ctx.body_start:
                    continue
                if sentence.parsed and token.pos_ not in {"NOUN", "PROPN"}:
                    continue
                found = noun_code(token, self.lex)
                if found is None or found[1] not in cameo_codes():
                    continue
                if any(c.dep_ == "det" and c.lower_ in {"a", "an", "no"} for c in token.children):
                    continue
                parts = noun_arguments(token)
                parts += [c for c in token.lefts if c.dep_ in {"poss", "amod", "compound"}]
                actors = [a for part in parts for a in self.resolve(part)]
                code = cameo_codes()[found[1]]
                out.append(Candidate(sentence, token.i, code, None, actors, []))
        return out


# --- clause tests ------------------------------------------------------------------------------


def _asserting(token: Token) -> bool:
    """The predicate heads a clause that asserts (not a modifier or an argument)."""
    for _ in range(20):
        dep = token.dep_
        if token.pos_ == "ADJ" and dep == "acomp":
            token = token.head  # ready to, optimistic: the copula's clause asserts
            continue
        if headline_verb(token):
            return True
        if dep == "pcomp" and token.head.lower_ == "by" and token.head.head.pos_ == "VERB":
            return True  # responded by airlifting food: the manner is the act
        if dep in EMBEDDED_DEPS:
            return False
        if dep == "advcl" and token.tag_ == "VBN" and not _own_subject(token):
            return False
        if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False  # signed a declaration to fund ...: a purpose, not (yet) an act
        if dep == "conj" and token.head.i != token.i:
            token = token.head
            continue
        return True
    return True


def _event_subject(noun: Token, verb: Token, lex: Lexicon) -> bool:
    """An event noun is the subject of an effect verb (``the air strike hit a school``)."""
    return (
        noun.dep_ == "nsubj"
        and noun.head.i == verb.i
        and lemma(verb) in EFFECT_VERBS
        and noun_code(noun, lex) is not None
    )


def _bare_strike(noun: Token) -> bool:
    """``the strike`` alone may be a labour strike as well as an air strike."""
    return lemma(noun) == "strike" and not any(
        c.dep_ in {"compound", "amod"} and lemma(c) in {"air", "drone", "missile", "aerial"}
        for c in noun.lefts
    )


def _happens(verb: Token, noun: Token) -> bool:
    """``verb``, of which the event noun is the subject, asserts that the event took place
    (:data:`OCCURRENCE_VERBS`, :data:`EFFECT_VERBS`), without negation, modal or condition."""
    if verb.pos_ not in {"VERB", "AUX"} or not _asserting(verb):
        return False
    name = lemma(verb)
    if name in OCCURRENCE_PHRASES:
        if not any(lemma(c) in OCCURRENCE_PHRASES[name] for c in verb.children):
            return False
    elif name == "hold":
        if noun.dep_ != "nsubjpass":  # talks were held
            return False
    elif name not in OCCURRENCE_VERBS and name not in EFFECT_VERBS:
        return False
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "mark" and child.lower_ in {"if", "unless"}):
            return False
        if child.dep_ == "aux" and child.tag_ == "MD":
            return False
    return True


def _inside_coded(token: Token, matches: dict[int, Match]) -> bool:
    """Reported inside another coded act (``accused X of ...``, ``denied that ...``), or a demand
    voiced through a protest (``marched ..., demanding ...``: PROTEST alone)."""
    node = token
    for _ in range(20):
        if node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in {"ccomp", "xcomp"} and node.head.i != node.i:
            node = node.head
            if node.i in matches:
                return True
            continue
        break
    found = matches.get(token.i)
    if found is not None and token.dep_ == "advcl" and token.head.i in matches:
        head_code = cameo_codes().get(matches[token.head.i].code)
        own = cameo_codes().get(found.code)
        if head_code and own and head_code.plover_type == "PROTEST":
            return own.plover_type in {"REQUEST", "ACCUSE"}
    return False


def _type_of(code: str) -> str | None:
    found = cameo_codes().get(code)
    return found.plover_type if found is not None else None


def _own_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)


def _between(noun: Token) -> list[Token]:
    return [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "between"
        for o in prep_objects(c)
    ]


def _located(token: Token) -> list[Token]:
    """Where the source's own force or office is (``its embassy in Belarus``)."""
    return [
        o
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in {"in", "to", "from"}
        for o in prep_objects(c)
    ]


def _belongs_to_source(token: Token) -> bool:
    """``its ambassador``, ``their weapons``: the source's own, not a target."""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in token.children)


# --- actor helpers -----------------------------------------------------------------------------


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
