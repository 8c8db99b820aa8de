"""The event lexicon (``knowledge/lexicon.tsv``) and the matching of parsed predicates against it.

Token level and internal to the annotate stage: :func:`match_predicate` takes a spaCy token (a
verb, or an adjective with an infinitive such as ``ready to``) and returns the best matching
lexicon row with its CAMEO code; :func:`subjects` and :func:`target_groups` read the predicate's
arguments from the dependency parse.  Resolving arguments to actors, flags, places and dates is
:mod:`eventwire.annotate.events`' work; this module only needs to be told which tokens name an
actor, a person, an organization or a place (:class:`Resolver`).

The file format is described in the lexicon's own header.  How a row is chosen: every row whose
verb, preposition and object tests hold is a candidate; the highest :attr:`Match.score` wins
(a complement test over a 3-digit ``@event`` test over a named object over an actor test over
an event word; a matched preposition adds to each), and the earlier row on a tie.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from ..knowledge import CameoCode, cameo_codes

LEXICON_VERSION = "0.1"
"""Bumped when the meaning of a lexicon column or of a matching rule changes."""


def words(text: str) -> frozenset[str]:
    """A set of words written as one string (for the word lists below)."""
    return frozenset(text.split())


COLUMNS = ["verb", "prep", "object", "cameo", "options", "notes"]
SPECIALS = words("to+V that+S aux neg mark")
FLAGS = words("hypothetical negated intent")
OPTIONS = words("visit phone sym flip partner notarget")
PARTITIVES = words(
    "thousands hundreds dozens dozen tens scores millions number group team contingent batch "
    "collection round series wave convoy shipment consignment tonne tonnes ton tons cargo load "
    "truckload planeload package set pair fleet part some more all most many several week weeks "
    "day days month months trove cache stockpile kind kinds type types sort sorts"
)
"""Heads that stand for what follows ``of`` (``thousands of riot police``, ``a round of talks``,
``60 tonnes of food``): object tests and actors look through them."""
CARRIERS = words("carry contain transport bring deliver")
"""``a plane carrying 40 tonnes of supplies``: object tests look at what is carried."""
PREP_DEPS = words("prep prt agent dative advmod pobj pcomp acomp npadvmod")
"""How the words of a row's ``prep`` cell may hang on the verb (or on each other)."""
OBJECT_DEPS = words("dobj attr oprd")
TARGET_PREPS = words("with against on upon to toward towards at into between")
"""Prepositions on the verb whose object is the target when the row names none."""
NOUN_ARG_PREPS = words("with on against to between of upon toward for from by")
"""Prepositions on an event noun or a non-actor object noun that lead to its participants."""
ADDRESS_PREPS = words("with to toward towards")
"""Prepositions on an act's noun that name whom it is addressed to (``a protest with X``)."""
PROPOSALS = words(
    "offer proposal request call plea appeal demand bid invitation plan initiative suggestion "
    "investigation inquiry probe"
)
"""Nouns whose content a lexicon row may test in their place (see :func:`proposed`)."""
NO_EVENT = "none"
"""The cameo cell of a row naming a sense of a verb that is no event (``released a statement``):
when it is the best match the predicate codes nothing."""
QUESTION_MARKS = words("whether if")
"""Words opening an indirect question."""
RALLY_CODES = frozenset({"053", "113"})
"""Rallying support for or opposition against a third party: the target is that party, not the
addressees rallied."""
ADDRESSEE_PREPS = words("on upon to with")
"""Prepositions on a frame verb naming whom it addresses (``called on X to ...``, ``pleaded
with X to ...``)."""
TRANSFER_VERBS = words(
    "give pass hand send transfer deliver provide supply share forward ship fly truck lend sell "
    "leak relay"
)
"""Verbs of handing something to someone: the ``to`` object is the target before anything the
thing names (``passed intelligence on North Korean troops to Japan``)."""
WEAK_TARGET_PREPS = words("for over")
"""Prepositions whose object is the target only when nothing more direct names one."""


@dataclass(frozen=True, slots=True)
class ObjectTest:
    """One alternative of a row's ``object`` cell."""

    kind: str
    """``word`` (a lemma or a ``modifier lemma`` phrase), ``actor``, ``person``, ``place`` or
    ``event``."""
    words: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    """For ``event``: the code prefixes allowed (empty: any event word)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the lexicon."""

    line: int
    lemmas: tuple[tuple[str, ...], ...]
    """The verb cell's alternatives, each as words (``('phone', 'call')`` for a noun phrase)."""
    noun: bool
    preps: tuple[tuple[str, ...], ...]
    """Alternatives of the prep cell, each a sequence of words; ``()`` allows no word."""
    special: str | None
    objects: tuple[ObjectTest, ...]
    code: str
    options: frozenset[str]
    armed: str | None
    pair: str | None
    """The code when there are two parties (a target, or coordinated sources)."""
    flag: str | None
    notes: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    rows: tuple[Row, ...]
    verbs: dict[str, tuple[Row, ...]]
    """Predicate rows by lemma."""
    nouns: dict[str, tuple[tuple[tuple[str, ...], Row], ...]]
    """Event-noun rows by the phrase's last word: (phrase words, row), longest phrase first."""
    flag_words: dict[tuple[str, str], str]
    """(special, word) -> flag for the aux / neg / mark rows."""
    flag_frames: dict[str, str]
    """Verb or adjective lemma -> flag for to+V rows that code nothing (``plan to``)."""
    sha: str
    """SHA-256 of the lexicon file."""

    @property
    def coder(self) -> str:
        """The version string events carry: same input and same coder give the same output."""
        return f"eventwire-lexicon/{LEXICON_VERSION}+{self.sha[:8]}"


# --- reading the file ----------------------------------------------------------------------------


def parse_lexicon(text: str) -> Lexicon:
    """Read lexicon text (``lexicon.tsv`` format); raise ``ValueError`` naming a bad line."""
    known = cameo_codes()
    rows: list[Row] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if cells != COLUMNS:
                raise ValueError(f"lexicon line {number}: header must be {COLUMNS}, got {cells}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise ValueError(f"lexicon line {number}: {len(cells)} cells, expected {len(COLUMNS)}")
        rows.append(_row(number, cells, known))
    return _index(rows, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _row(number: int, cells: list[str], known: Mapping[str, CameoCode]) -> Row:
    verb, prep, obj, code, options_cell, notes = (cell.strip() for cell in cells)
    noun = verb.startswith("n:")
    if noun:
        verb = verb[2:]
    lemmas = tuple(tuple(alt.lower().split()) for alt in verb.split("|") if alt.strip())
    if not lemmas:
        raise ValueError(f"lexicon line {number}: empty verb cell")
    special = prep if prep in SPECIALS else None
    preps: tuple[tuple[str, ...], ...] = ()
    if special is None and prep:
        preps = tuple(tuple(alt.lower().split()) for alt in prep.split("|"))
    if code not in {"*", "-", NO_EVENT} and code not in known:
        raise ValueError(f"lexicon line {number}: unknown CAMEO code {code!r}")
    options: set[str] = set()
    armed = flag = pair = None
    for option in (o.strip() for o in options_cell.split(",") if o.strip()):
        name, _, value = option.partition("=")
        if name == "armed" and value in known:
            armed = value
        elif name == "pair" and value in known:
            pair = value
        elif name == "flag" and value in FLAGS:
            flag = value
        elif option in OPTIONS:
            options.add(option)
        else:
            raise ValueError(f"lexicon line {number}: unknown option {option!r}")
    if (code == "-") != (flag is not None):
        raise ValueError(f"lexicon line {number}: flag rows (and only they) have cameo '-'")
    return Row(
        line=number,
        lemmas=lemmas,
        noun=noun,
        preps=preps,
        special=special,
        objects=tuple(_object_test(alt, number) for alt in obj.split("|") if alt.strip()),
        code=code,
        options=frozenset(options),
        armed=armed,
        pair=pair,
        flag=flag,
        notes=notes,
    )


def _object_test(cell: str, number: int) -> ObjectTest:
    cell = cell.strip().lower()
    if cell.startswith("@"):
        name, _, prefixes = cell[1:].partition(":")
        if name not in {"actor", "person", "org", "place", "event"}:
            raise ValueError(f"lexicon line {number}: unknown object test {cell!r}")
        return ObjectTest(kind=name, prefixes=tuple(p for p in prefixes.split(",") if p))
    return ObjectTest(kind="word", words=tuple(cell.split()))


def _index(rows: list[Row], sha: str) -> Lexicon:
    verbs: dict[str, list[Row]] = {}
    nouns: dict[str, list[tuple[tuple[str, ...], Row]]] = {}
    flag_words: dict[tuple[str, str], str] = {}
    flag_frames: dict[str, str] = {}
    for row in rows:
        for words in row.lemmas:
            if row.flag is not None and row.special in {"aux", "neg", "mark"}:
                flag_words[(row.special, " ".join(words))] = row.flag
            elif row.flag is not None:
                flag_frames[" ".join(words)] = row.flag
            elif row.noun:
                nouns.setdefault(words[-1], []).append((words, row))
            else:
                verbs.setdefault(" ".join(words), []).append(row)
    return Lexicon(
        rows=tuple(rows),
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in nouns.items()},
        flag_words=flag_words,
        flag_frames=flag_frames,
        sha=sha,
    )


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``eventwire/knowledge/lexicon.tsv`` (read once)."""
    text = files("eventwire.knowledge").joinpath("lexicon.tsv").read_text(encoding="utf-8")
    return parse_lexicon(text)


# --- matching -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resolver:
    """What the matcher needs to know about tokens beyond the parse."""

    is_actor: Callable[[Token], bool]
    is_person: Callable[[Token], bool]
    is_org: Callable[[Token], bool]
    is_place: Callable[[Token], bool]


@dataclass(frozen=True, slots=True)
class Match:
    """A predicate matched to a lexicon row."""

    predicate: Token
    row: Row
    code: str
    prep: tuple[Token, ...] = ()
    """The tokens that matched the row's prep cell, in order."""
    object: Token | None = None
    """The token that passed the object test (an object noun, or a complement verb)."""
    complement: Token | None = None
    """The complement verb a to+V / that+S row codes in place of its own predicate."""
    score: int = 0
    """How specific the match is: the best match of a predicate wins, the earlier row on a
    tie (see :data:`TEST_SCORES`)."""


REFUSALS: dict[str, str] = {
    "030": "120",
    "031": "121",
    "0311": "1211",
    "0312": "1212",
    "0313": "1213",
    "032": "120",
    "033": "122",
    "0331": "1221",
    "0332": "1222",
    "0333": "1223",
    "0334": "1224",
    "034": "123",
    "0341": "1231",
    "0342": "1232",
    "0343": "1233",
    "0344": "1234",
    "035": "124",
    "0351": "1241",
    "0352": "1242",
    "0353": "1243",
    "0354": "1244",
    "0355": "1245",
    "0356": "1246",
    "036": "125",
    "037": "127",
    "038": "126",
    "039": "120",
}
"""CAMEO's intents to cooperate (03x) and the refusals that mirror them (12x): an actor's own
word that it will *not* yield (``he told lawmakers he would not step down``) is a refusal."""


def refusal(code: str) -> str | None:
    """The refusal mirroring an intent code, else None."""
    return REFUSALS.get(code)


def lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def forms(token: Token) -> set[str]:
    """Lemma, lower-case form and a naive singular of a token (``talks``: talk, talks)."""
    lower = token.lower_
    out = {lemma(token), lower}
    if lower.endswith("s") and len(lower) > 3:
        out.add(lower[:-1])
    return out


def verb_forms(token: Token) -> list[str]:
    """The lemma, then the word, then naive base forms of it (the lemmatizer now and then
    misses: ``staged`` -> ``stag``)."""
    lower = token.lower_
    out = [lemma(token), lower]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            out.append(stem)
            out.append(stem + "e")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
    return out


def noun_code(token: Token, lex: Lexicon) -> tuple[Row, str] | None:
    """The event-noun row a noun token matches (``talks``, ``air strike``), with its code."""
    for form in forms(token):
        for words, row in lex.nouns.get(form, ()):
            if len(words) == 1 or _modifiers_match(token, words[:-1]):
                return row, row.code
    return None


def _modifiers_match(token: Token, words: tuple[str, ...]) -> bool:
    """``words`` are the modifiers written right before ``token`` (``air`` strike)."""
    start = token.i - len(words)
    if start < token.sent.start:
        return False
    before = token.doc[start : token.i]
    return all(w in forms(t) for w, t in zip(words, before, strict=True))


def _phrase_in(token: Token, words: tuple[str, ...]) -> bool:
    """A multi-word object pattern found in the token's phrase, up to a few words after the
    token (``humanitarian aid``, ``state of emergency``, ``air defence systems``)."""
    subtree = [t for t in token.subtree if t.i <= token.i + len(words)]
    lowers = [t.lower_ for t in subtree]
    lemmas = [lemma(t) for t in subtree]
    n = len(words)
    for seq in (lowers, lemmas):
        for i in range(len(seq) - n + 1):
            if tuple(seq[i : i + n]) == words:
                return True
    return False


def object_ok(test: ObjectTest, token: Token, lex: Lexicon, resolve: Resolver, depth: int) -> bool:
    if test.kind == "word":
        if len(test.words) == 1:
            word = test.words[0]
            if word in forms(token):
                return True
            # the tokenizer splits hyphens ("sit-in": sit - in)
            return "-" in word and _phrase_in(token, tuple(p for p in word.partition("-") if p))
        return _phrase_in(token, test.words)
    if test.kind == "actor":
        return resolve.is_actor(token)
    if test.kind == "person":
        return resolve.is_person(token)
    if test.kind == "org":
        return resolve.is_org(token)
    if test.kind == "place":
        return resolve.is_place(token)
    code = event_code_of(token, lex, resolve, depth + 1)
    return code is not None and (not test.prefixes or code.startswith(test.prefixes))


def event_code_of(token: Token, lex: Lexicon, resolve: Resolver, depth: int = 0) -> str | None:
    """The code a word would have on its own: an event noun's, or a verb's best match."""
    if depth > 2:
        return None
    if token.pos_ in {"NOUN", "PROPN"}:
        found = noun_code(token, lex)
        return found[1] if found else None
    found_match = match_predicate(token, lex, resolve, depth=depth, frames=False)
    return found_match.code if found_match else None


def complements(token: Token) -> list[Token]:
    """Infinitive or gerund complements (``agreed to meet``, ``considering imposing``)."""
    out = []
    for child in token.children:
        if (child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}) or (
            child.dep_ in {"ccomp", "advcl"} and _has_to(child)
        ):
            out.append(child)
    return out


def clause_complements(token: Token) -> list[Token]:
    """Finite complement clauses (``denied that its troops attacked``), not indirect questions
    (``asked whether Spain would recall its ambassador``: a question, no appeal)."""
    return [
        c
        for c in token.children
        if c.dep_ == "ccomp"
        and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        and not any(g.dep_ == "mark" and g.lower_ in QUESTION_MARKS for g in c.children)
    ]


def _prep_tokens(first: Token, words: tuple[str, ...], verb: Token) -> tuple[Token, ...] | None:
    """The tokens matching ``words`` after ``first``, each hanging on an earlier one or on the
    verb (``crack down on``: ``on`` hangs on the verb; ``pull out of``: ``of`` on ``out``)."""
    found: list[Token] = []
    anchors = [verb, first]
    for word in words:
        hit = None
        for anchor in reversed(anchors):
            for child in anchor.children:
                if child.dep_ in PREP_DEPS and child.lower_ == word and child not in found:
                    hit = child
                    break
            if hit is not None:
                break
        if hit is None:
            return None
        found.append(hit)
        anchors.append(hit)
    return tuple(found)


def prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition (with their conjuncts)."""
    out: list[Token] = []
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp"}:
            out.extend(conjuncts(child))
    return out


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it (``Russia and Syria``)."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON", "VERB", "ADJ"}:
            out.extend(conjuncts(child))
    return out


def through(token: Token) -> list[Token]:
    """``token`` and what it stands for: the ``of`` object of a partitive (``thousands of``),
    what a carrier carries (``a plane carrying supplies``)."""
    out = [token]
    if lemma(token) in PARTITIVES or token.lower_ in PARTITIVES or token.pos_ == "NUM":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                for obj in prep_objects(child):
                    out += through(obj)
    for child in token.children:
        if child.dep_ == "acl" and lemma(child) in CARRIERS:
            for obj in child.children:
                if obj.dep_ == "dobj":
                    out += through(obj)
    return out


def direct_objects(token: Token) -> list[Token]:
    """Direct objects, and the subject of a passive verb (what was imposed, who was arrested)."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
            out.extend(conjuncts(child))
    return out


def match_predicate(
    token: Token, lex: Lexicon, resolve: Resolver, *, depth: int = 0, frames: bool = True
) -> Match | None:
    """The best lexicon row for a predicate token, or ``None``.

    ``frames=False`` leaves out rows that test a complement (used when a word is itself the
    complement being tested, so ``agree to agree to ...`` cannot loop).
    """
    rows: tuple[Row, ...] = ()
    for form in verb_forms(token):
        rows = lex.verbs.get(form, ())
        if rows:
            break
    best: Match | None = None
    for row in rows:
        if row.special in {"to+V", "that+S"} and not frames:
            continue
        found = _match_row(token, row, lex, resolve, depth)
        if found is None:
            continue
        if best is None or found.score > best.score:
            best = found
    if best is not None and best.code == NO_EVENT:
        return None  # the sense of the verb that is no act ("released a statement")
    return best


TEST_SCORES = {"word": 4, "actor": 3, "person": 3, "org": 3, "place": 3, "event": 2}
"""How much a passed object test says: a named object more than an actor, an actor more than
any event word.  A complement test adds 8 and a matched preposition 2 (see :class:`Match`)."""
SPECIFIC_EVENT_SCORE = 5
"""An ``@event`` test whose codes all have three digits or more (see :func:`_score`)."""


def _test_score(row: Row, token: Token, lex: Lexicon, resolve: Resolver, depth: int) -> int | None:
    """The score of the best object test of ``row`` that ``token`` passes (0 for a row without
    tests), or ``None`` when it passes none."""
    if not row.objects:
        return 0
    passed = [_score(t) for t in row.objects if object_ok(t, token, lex, resolve, depth)]
    return max(passed) if passed else None


def _score(test: ObjectTest) -> int:
    """An ``@event`` test naming codes of three digits or more (``@event:082``) says more than
    a word: the complement's own code agrees (``agreed to halt their protests``: 0352, not the
    ``halt`` of a de-escalation); a phrase says more than one of its words."""
    if test.kind == "event" and test.prefixes and min(map(len, test.prefixes)) >= 3:
        return SPECIFIC_EVENT_SCORE
    if test.kind == "word" and len(test.words) > 1:
        return TEST_SCORES["word"] + 1  # "car bomb" over "bomb", "peace plan" over "plan"
    return TEST_SCORES[test.kind]


def _prep_options(token: Token, row: Row) -> list[tuple[Token, ...]]:
    """Every way the row's prep cell matches the verb's particles and prepositions (``on`` in
    ``arrived on Tuesday on a visit`` twice), matched ones first, ``()`` when it may be empty."""
    if not row.preps:
        return [()]
    found: list[tuple[Token, ...]] = []
    empty = False
    for alternative in row.preps:
        if not alternative:
            empty = True
            continue
        for first in token.children:
            if first.dep_ in PREP_DEPS and first.lower_ == alternative[0]:
                rest = _prep_tokens(first, alternative[1:], token)
                if rest is not None:
                    found.append((first, *rest))
    return found + ([()] if empty else [])


def _match_row(token: Token, row: Row, lex: Lexicon, resolve: Resolver, depth: int) -> Match | None:
    best: Match | None = None
    for prep in _prep_options(token, row):
        found = _match_with(token, row, prep, lex, resolve, depth)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def _match_with(
    token: Token, row: Row, prep: tuple[Token, ...], lex: Lexicon, resolve: Resolver, depth: int
) -> Match | None:
    bonus = 2 if prep else 0
    if row.special in {"to+V", "that+S"}:
        pool = clause_complements(token)
        if row.special == "to+V":
            pool = complements(token) + pool
        for comp in pool:
            score = _test_score(row, comp, lex, resolve, depth)
            code = _row_code(row, comp, lex, resolve, depth) if score is not None else None
            if score is not None and code is not None:
                return Match(token, row, code, prep, comp, comp, score=8 + score + bonus)
        return None
    if not row.objects:
        return None if row.code == "*" else Match(token, row, row.code, prep, score=bonus)
    candidates = prep_objects(prep[-1]) if prep else []
    candidates += direct_objects(token)
    objects = [t for c in candidates for t in through(c)]
    # not for light verbs: "announced plans to withdraw" is no withdrawal
    inner = [t for o in objects for t in proposed(o)] if row.code != "*" else []
    for cand in [*inner, *objects]:  # what an offer or a request is for says more
        score = _test_score(row, cand, lex, resolve, depth)
        code = _row_code(row, cand, lex, resolve, depth) if score is not None else None
        if score is not None and code is not None:
            extra = 1 if cand in inner and row.objects else 0
            return Match(token, row, code, prep, cand, score=score + bonus + extra)
    return None


def proposed(noun: Token) -> list[Token]:
    """What a proposal-like noun (:data:`PROPOSALS`) is for: ``an offer of talks``, ``a request
    to lift sanctions``, ``calls for his resignation``, ``an investigation into war crimes``."""
    if lemma(noun) not in PROPOSALS or noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and (
            child.lower_ in {"for", "into", "on"}
            or (child.lower_ == "of" and lemma(noun) == "offer")
        ):  # "a demand of the opposition" names who demands
            out += prep_objects(child)
        elif child.dep_ in {"acl", "relcl"} and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            out.append(child)
    return out


def frame_code(lex: Lexicon, frame: str, complement: Token, resolve: Resolver) -> str | None:
    """The code the ``frame`` verb's to+V rows give ``complement`` (``pledge`` + ``send aid``:
    033), as if the text had said ``pledged to send aid``."""
    best: tuple[int, str] | None = None
    for row in lex.verbs.get(frame, ()):
        if row.special != "to+V" or row.code in {"*", "-"}:
            continue
        score = _test_score(row, complement, lex, resolve, 1)
        if score is not None and (best is None or score > best[0]):
            best = (score, row.code)
    return best[1] if best else None


def _row_code(row: Row, obj: Token, lex: Lexicon, resolve: Resolver, depth: int) -> str | None:
    if row.code != "*":
        return row.code
    return event_code_of(obj, lex, resolve, depth + 1)


# --- arguments -----------------------------------------------------------------------------------


def is_passive(token: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)


def subjects(token: Token) -> list[Token]:
    """Who does it: the subject (with conjuncts), the ``by`` agent of a passive, or the subject
    shared with the verb this one is coordinated with or is the complement of."""
    if is_passive(token):
        return [o for c in token.children if c.dep_ == "agent" for o in prep_objects(c)]
    nsubj = [c for c in token.children if c.dep_ == "nsubj"]
    if nsubj:  # the nearest when the parser splits one subject in two ("paramilitary", "Forces")
        return conjuncts(max(nsubj, key=lambda c: c.i) if nsubj[-1].i < token.i else nsubj[0])
    if token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX", "ADJ"}:
        return subjects(token.head)
    if token.dep_ in {"xcomp", "acomp"} or (token.dep_ in {"ccomp", "advcl"} and _has_to(token)):
        return subjects(token.head)
    if token.dep_ == "advcl" and token.tag_ == "VBG":
        return subjects(token.head)
    if token.dep_ == "pcomp" and token.head.lower_ == "by" and token.head.head.pos_ == "VERB":
        return subjects(token.head.head)
    if headline_verb(token):
        return conjuncts(token.head)
    return []


def headline_verb(token: Token) -> bool:
    """A verb the parser hung on a root noun (``Togo's opposition coalition called on ...``
    parsed as a noun phrase): the noun is its subject."""
    return (
        (token.dep_ == "acl" or (token.dep_ == "relcl" and token.tag_ == "VBD"))
        and token.head.dep_ == "ROOT"
        and token.head.pos_ in {"NOUN", "PROPN", "NUM"}
        and token.tag_ in {"VBD", "VBN"}
        and not any(c.dep_ in {"auxpass", "agent"} for c in token.children)
        and any(c.dep_ in {"prep", "dobj", "xcomp", "prt"} for c in token.children)
    )


def _has_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def target_groups(found: Match, lex: Lexicon, *, doers: bool = False) -> list[list[Token]]:
    """Candidate targets of a match in groups, most direct first: the first group naming an
    actor gives the target (not yet checked for being actors here).

    1. the object of the row's preposition (``called on X``);
    2. for a frame: its own object or addressee (``urged X to ...``, ``called on X to ...``),
       then the complement's subject (``demanded that China release ...``), then the
       complement's targets; for a frame that codes the complement's act (``ordered troops to
       attack X``) the complement's targets only;
    3. the direct objects (and the subject of a passive), then participants inside them
       (``held a meeting with X``, ``the leadership of X``), then the objects of ``with``,
       ``against``, ``on``, ``to``... on the verb, then of ``for`` and ``over``.

    ``doers``: an act's doer is the target, not its patient (``condemned the arrest of two
    journalists``: not the journalists; ``condemned Russia's attack``: Russia), for criticism
    and rejection of an act named by an event noun.
    """
    token = found.predicate
    groups: list[list[Token]] = []
    if found.prep:
        groups.append(prep_objects(found.prep[-1]))
    if found.complement is not None and found.row.code == "*":
        groups += _verb_groups(found.complement, None, lex, doers)  # ordered troops to attack X
    elif found.complement is not None and found.code in RALLY_CODES:
        groups += _verb_groups(found.complement, None, lex, doers)  # urged X to condemn Y: Y
    elif found.complement is not None:
        comp = found.complement
        groups.append(
            [
                o
                for c in token.children
                if c.dep_ in {"dobj", "dative", "iobj"}
                for o in conjuncts(c)
            ]
            + [  # called on X to ..., appealed to X to ...
                o
                for c in token.children
                if c.dep_ in {"prep", "dative"} and c.lower_ in ADDRESSEE_PREPS
                for o in prep_objects(c)
            ]
        )
        groups.append(
            [o for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"} for o in conjuncts(c)]
        )
        groups += _verb_groups(comp, None, lex, False)  # the complement aims where it aims
    else:
        groups += _verb_groups(token, found.object, lex, doers)
    return [g for g in groups if g]


def _verb_groups(
    token: Token, tested: Token | None, lex: Lexicon, doers: bool
) -> list[list[Token]]:
    direct: list[Token] = []
    preps: list[Token] = []
    weak: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "dative", "iobj", "nsubjpass"} and child.pos_ != "ADP":
            direct += conjuncts(child)
        elif child.dep_ in {"dative", "prep"} and child.lower_ in TARGET_PREPS:
            preps += prep_objects(child)
        elif child.dep_ == "prep" and child.lower_ in WEAK_TARGET_PREPS:
            weak += prep_objects(child)
    inside = [*direct, *([tested] if tested is not None and tested not in direct else [])]
    inner: list[Token] = []
    for noun in inside:
        if doers and noun_code(noun, lex) is not None:
            inner += noun_doers(noun) or addressees(noun)
        else:
            inner += (noun_doers(noun) if doers else []) + noun_arguments(noun)
            inner += [a for o in amount_of(noun) for a in noun_arguments(o)]
    preps_inner = [a for p in preps for a in noun_arguments(p)]
    if lemma(token) in TRANSFER_VERBS:  # passed intelligence on X's troops to Japan: Japan
        to = [o for c in token.children if c.dep_ in {"dative", "prep"} and c.lower_ == "to"
              for o in prep_objects(c)]  # fmt: skip
        if to:
            return [direct, to, inner, preps, preps_inner, weak]
    return [direct, inner, preps, preps_inner, weak]


def noun_doers(noun: Token) -> list[Token]:
    """Who does what an event noun names: ``X's attack``, ``the attack by X``, ``a request from
    X``, ``a draft resolution drawn up by X``."""
    out = [c for c in noun.children if c.dep_ == "poss" and c.tag_ != "PRP$"]
    out += [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in {"by", "from"}
        for o in prep_objects(c)
    ]
    out += [  # a participle after the noun with its agent
        o
        for acl in noun.children
        if acl.dep_ == "acl" and acl.tag_ == "VBN"
        for c in acl.children
        if c.dep_ == "agent"
        for o in prep_objects(c)
    ]
    return out


def addressees(noun: Token) -> list[Token]:
    """Whom an act named by a noun is addressed to: ``a protest with X``, ``a complaint to X``
    (not its patient: ``the arrest of two journalists``)."""
    return [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in ADDRESS_PREPS
        for o in prep_objects(c)
    ]


def amount_of(noun: Token) -> list[Token]:
    """What an amount is given as: ``500 million euros in aid (to X)``."""
    if noun.pos_ != "NUM" and not any(c.dep_ == "nummod" for c in noun.children):
        return []
    return [
        o for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" for o in prep_objects(c)
    ]


def noun_arguments(noun: Token) -> list[Token]:
    """Participants named inside a noun phrase: ``talks with X``, ``attack on X``,
    ``leadership of X``."""
    agents = [
        o for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for o in prep_objects(c)
    ]
    if agents:
        return agents  # a visit to Taiwan by a U.S. delegation: the doer
    partitive = lemma(noun) in PARTITIVES or noun.lower_ in PARTITIVES or noun.pos_ == "NUM"
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in NOUN_ARG_PREPS:
            if partitive and child.lower_ == "of":
                continue
            out += prep_objects(child)
    return out


def iter_predicates(tokens: Iterable[Token], lex: Lexicon) -> Iterator[Token]:
    """Tokens that can head an event: verbs, and adjectives taking an infinitive (``ready to``)
    or standing in the lexicon (``optimistic``)."""
    for token in tokens:
        if (
            token.pos_ == "VERB"
            or (token.pos_ == "AUX" and token.dep_ != "aux")
            or (token.pos_ == "ADJ" and (complements(token) or lemma(token) in lex.verbs))
        ):
            yield token
