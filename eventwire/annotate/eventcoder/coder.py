"""The event coder proper: for each parsed sentence, the asserted predicates matched against the
event lexicon, their flags (``negated``, ``hypothetical``, ``reported``), the candidate events with
their sources and targets, event nouns that happen as subjects, and the event nouns referring
back (see :mod:`eventwire.annotate.events`)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from ...knowledge import cameo_codes
from ...records import EventActor, Quote
from ..aggregate import Candidate, place_at
from ..attribution import Attribution, find_attributions
from ..coding import (
    Lexicon,
    Match,
    Resolver,
    complements,
    conjuncts,
    frame_code,
    iter_predicates,
    lemma,
    match_predicate,
    noun_arguments,
    noun_code,
    prep_objects,
    refusal,
    subjects,
    through,
    words,
)
from ..context import Context, Sentence
from .arguments import ORG_KINDS, PERSON_KINDS, QUALIFIER_DEPS, _Arguments
from .clauses import (
    _asserting,
    _bare_strike,
    _between,
    _event_subject,
    _happens,
    _inside_coded,
    _own_subject,
    _type_of,
)
from .sides import _key, _unique

SPEECH_CLASSES = words("speech source-phrase")
"""Attribution classes that make an event ``reported`` (not ``plans to``: an intention)."""
SPEAKER_PRONOUNS = words("it they we he she i")
NON_AGENTS = words(
    "currency lira rupee rouble ruble rand peso yen yuan renminbi euro dollar pound franc won "
    "naira shilling cedi real dinar rial riyal dirham ringgit baht rupiah hryvnia zloty forint "
    "koruna krona krone lev leu market stocks stock shares share bonds bond yields yield index "
    "economy inflation output exports imports prices price oil gold bourse benchmark futures "
    "virus coronavirus covid covid-19 sars-cov-2 cov-2 disease pandemic epidemic outbreak flu "
    "cholera ebola storm hurricane typhoon cyclone earthquake quake flood floods wildfire "
    "tsunami landslide drought heatwave"
)
"""Subjects that are markets, money or nature: a verb of force after them is a figure of speech
or a disaster (``the lira hit a record low``, ``the virus has killed 1,000 people``)."""
SPORT_WORDS = words(
    "match cup semifinal semi-final quarterfinal quarter-final tournament championship "
    "championships league medal medals olympics olympic metres meters marathon sprint striker "
    "goalkeeper midfielder scored seeded derby innings wicket wickets playoff playoffs prix lap "
    "laps fc squad stadium"
)
"""Words of a sports report: there ``beat``, ``crushed`` and ``attack`` are no force."""
MEDALS = words("gold silver bronze")
POLITICAL_SECTORS = frozenset({"GOV", "LEG", "OPP", "PTY", "ELI"})
"""Sectors of politicians and parties (see :meth:`_Coder._politicians`)."""
ATTACK_VERBS = words("attack assail hit strike target blast hammer savage lash")
"""Verbs of force that politicians use on each other in words."""
ATTACK_LIGHT_VERBS = words("launch mount make step")
"""Light verbs a politician's verbal attack takes (``launched an attack on the plans``)."""
ARMED = frozenset({"MIL", "REB", "INS", "UAF"})
VERBAL_ATTACK = "111"
"""CAMEO 111, criticize or denounce: what a politician's ``attack`` codes."""
TELLING_VERBS = words("tell inform assure write promise warn reassure")
"""Speech verbs whose object is the one addressed."""
SIDE_WORDS = words(
    "team squad club player players athlete athletes footballer footballers fan fans "
    "company firm investor investors analyst analysts economist economists trader traders"
)
"""Subjects that are no side in politics by themselves (sports teams, firms, analysts)."""
NOUN_TARGET_PREPS = words("on against with to toward towards upon")


def _addressees(token: Token) -> list[Token]:
    """Whom the speaker tells what the predicate reports: ``told lawmakers he would not step
    down``, ``assured residents that ...`` (the object of the speech verb the clause hangs
    on)."""
    node = token.head if token.dep_ == "acomp" else token  # he was sorry: the copula's clause
    for _ in range(4):
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return []
        node = node.head
        if lemma(node) in TELLING_VERBS:
            return [o for c in node.children if c.dep_ in {"dobj", "dative"} for o in conjuncts(c)]
    return []


def _conditioned(found: Match) -> list[Token]:
    """The subjects of an ``if`` or ``unless`` clause on a threat (or on its complement)."""
    heads = [found.predicate] + ([found.complement] if found.complement is not None else [])
    out: list[Token] = []
    for head in heads:
        for clause in head.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children
            ):
                out += [o for c in clause.children if c.dep_ == "nsubj" for o in conjuncts(c)]
    return out


def _sporting(span: Span) -> bool:
    """Whether a sentence reports sport: two or more of :data:`SPORT_WORDS`, a medal won
    counting as one."""
    count = sum(1 for t in span if t.lower_ in SPORT_WORDS)
    won = any(lemma(t) == "win" for t in span)
    return count + (1 if won and any(t.lower_ in MEDALS for t in span) else 0) >= 2


class _Coder(_Arguments):
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
            elif "negated" in flags and refusal(recoded) is not None:
                code = refusal(recoded) or code  # he would not step down: a refusal
                flags.discard("negated")
            else:
                code = recoded
        subject = subjects(token)
        if not row.objects and len(subject) == 1 and _event_subject(subject[0], token, self.lex):
            return None  # the air strike hit a school: the noun's own event (_noun_subjects)
        if any(lemma(s) in NON_AGENTS or s.lower_ in NON_AGENTS for s in subject):
            return None  # the Turkish lira hit a record low: markets act on no one
        if code[:2] in {"18", "19", "20"} and _sporting(
            self.ctx.doc[sentence.start : sentence.end]
        ):
            return None  # Kenya's runner beat Ethiopia's: sport, not force
        sources = self._actors(subject)
        if not sources:
            sources = self._speaker(token)
        if not sources:
            sources = self._unnamed(subject)
        if not sources and "sym" in row.options and found.object is not None:
            sources = self._actors(_between(found.object))
        if not sources:
            return None
        targets = self._targets(found, code, sources)
        own_keys = {_key(a) for a in sources}
        head = matches.get(token.head.i) if token.dep_ == "conj" else None
        shares = head is not None and not _own_subject(token)
        if not targets and head is not None and shares and _type_of(head.code) == _type_of(code):
            targets = self._targets(head, head.code, sources)  # held a meeting with X and discussed
        if not targets and _type_of(code) == "THREATEN":
            # threatened a strike unless the government raised wages: whom the condition binds
            bound = _conditioned(found)
            targets = [a for a in self._actors(bound) if _key(a) not in own_keys]
        if not targets:
            told = _addressees(token)
            targets = [a for a in self._actors(told) if _key(a) not in own_keys]
            targets = targets or [self._anonymous(t) for t in told if self._affected(t)]
        if not targets:
            # marched, demanding that the president resign: whom the voiced demand names;
            # detonated a bomb outside a police station, killing six officers: the victims
            kinds = {"REQUEST", "ACCUSE"} if _type_of(code) == "PROTEST" else {_type_of(code)}
            for child in token.children:
                after = matches.get(child.i) if child.dep_ == "advcl" else None
                if after is not None and child.i > token.i and _type_of(after.code) in kinds:
                    targets = self._targets(after, after.code, sources)
                    break
        if "flip" in row.options:
            sources, targets = targets, sources
            if not sources:
                return None
        if "partner" in row.options and not targets and len(sources) < 2:
            return None
        worded = lemma(token) in ATTACK_VERBS or (
            row.code == "*"
            and lemma(token) in ATTACK_LIGHT_VERBS
            and found.object is not None
            and lemma(found.object) in ATTACK_VERBS
        )  # attacked the plans; launched an attack on the plans
        if (
            worded
            and code[:2] in {"18", "19"}
            and self._politicians(sources)
            and not any(self._is_country(a) or a.sector in ARMED for a in targets)
        ):
            code = VERBAL_ATTACK  # words, not force (but "attacked Iran" is force)
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

    def _politicians(self, sources: list[EventActor]) -> bool:
        """Every source is a politician (a person in office or in politics) or a party: what
        they attack, hit or target in the news they attack in words."""
        if not sources:
            return False
        for side in sources:
            actor = self.ctx.actor(side.actor) if side.actor else None
            if actor is None or side.sector not in POLITICAL_SECTORS:
                return False
            if actor.kind != "person" and side.sector not in {"PTY", "OPP"}:
                return False
        return True

    def _unnamed(self, subject: list[Token]) -> list[EventActor]:
        """``Tens of thousands of people thronged the streets``, ``Tuareg separatists massed
        fighters``: unnamed people or a role word with no actor of its own are the source, of
        the country named inside the phrase (``riot police in Tbilisi``) or, later, of where it
        happens (:class:`~eventwire.annotate.aggregate.Details`)."""
        for token in subject:
            for inner in through(token):
                if lemma(inner) in SIDE_WORDS or inner.lower_ in SIDE_WORDS:
                    return []
                if self._affected(inner) and not self._local(inner):
                    return [self._anonymous(inner)]
        return []

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
