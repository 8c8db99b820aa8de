"""Syntactic tests on the parse used by the event coder: whether a predicate heads an asserting
clause, whether an event noun's verb tells that it happened, whether an act is reported inside
another coded act, and the ``between``/``in`` phrases and possessives of a noun."""

from __future__ import annotations

from spacy.tokens import Token

from ...knowledge import cameo_codes
from ..coding import Lexicon, Match, headline_verb, lemma, noun_code, prep_objects, words

EMBEDDED_DEPS = words(
    "amod acl relcl pcomp pobj csubj csubjpass nsubj nsubjpass dobj compound appos npadvmod "
    "attr oprd prep det nmod poss dep intj meta acomp"
)
"""A predicate hanging on its head this way modifies a noun or is an argument: it asserts no
event of its own (``fishermen detained near...``, ``for organizing``)."""
OCCURRENCE_VERBS = words(
    "begin start open resume continue happen occur end conclude proceed erupt escalate intensify "
    "rage flare spread persist unfold"
)
"""Verbs telling that their subject, an event noun, took place (``talks began``)."""
OCCURRENCE_PHRASES = {
    "take": words("effect place hold"),
    "break": words("out"),
    "go": words("ahead"),
    "come": words("into"),
    "get": words("under underway"),
}
"""Verbs that tell it with a particle or object (``took effect``, ``broke out``)."""
EFFECT_VERBS = words("kill injure wound destroy damage displace hit target strike")
"""Verbs telling what an event did (``Russian shelling killed five civilians``)."""


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
    """Reported inside another coded act (``accused X of ...``, ``denied that ...``), a demand
    voiced through a protest (``marched ..., demanding ...``: PROTEST alone), or a participle
    telling what the act did (``shelled the town, killing three``: the shelling alone)."""
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
        after = token.i > token.head.i
        if head_code and own and after and token.tag_ == "VBG" and not _own_subject(token):
            return own.plover_type == head_code.plover_type  # shelled X, killing three: one act
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
