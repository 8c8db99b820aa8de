"""Attributions found in the dependency parse: who said, thought or meant what, and through whom.

This module reads a parsed spaCy ``Doc`` and returns :class:`Attribution` values (token level,
internal to the annotate stage); :mod:`eventwire.annotate.quotes` joins them with the quotation
marks of the text and turns them into :class:`~eventwire.records.Quote` records.

The cue words and what each takes as its content live in ``knowledge/cues.tsv``.  The patterns:

* ``X said (that) ...``, ``"...," said X``, ``..., X said.`` (the cue's complement clause, or the
  clause the cue interrupts or trails);
* ``X plans to ...``, ``X denied the allegations``, ``X warned of ...`` (infinitive, object or
  prepositional content, as the cue's line in the table allows);
* ``according to X, ...`` (a source phrase: the clause it attaches to is the content);
* relays: ``..., X said, as quoted by Y`` / ``X was quoted by Y as saying`` / ``X said, according
  to Y`` give ``via`` Y.

Passive cues take their source from the ``by`` agent; cues without a subject of their own
(``X arrived and said ...``, ``..., adding that ...``) borrow the subject of the verb they hang on;
a relative pronoun (``officials who said``) stays the speaker as written, and the actor is looked
up through its antecedent.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

CUE_CLASSES = ("speech", "belief", "intention", "source-phrase", "relay", "not-speaker")
TAKES = ("clause", "to", "object")

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
CLAUSE_DEPS = {"ccomp"}
TRAILING_DEPS = {"parataxis", "ccomp", "advcl", "dep", "conj"}
"""How a cue that trails or interrupts its content ("..., he said.") hangs on the content's verb."""
OBJECT_DEPS = {"dobj", "attr"}
COMPLEMENT_DEPS = {"dobj", "attr", "ccomp", "xcomp", "acomp", "oprd", "dative"}
OBJECT_FOLLOWERS = {"oprd", "xcomp", "ccomp", "prep", "advcl", "acomp"}
SPEAKER_CUT_DEPS = {"relcl", "acl", "advcl", "parataxis"}
EMPTY_SUBJECTS = {"it", "there"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


@dataclass(frozen=True, slots=True)
class Cue:
    """One line of ``cues.tsv``."""

    cue: str
    cls: str
    pos: str
    takes: frozenset[str]

    @property
    def preps(self) -> frozenset[str]:
        return frozenset(t[2:] for t in self.takes if t.startswith("p:"))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue table, indexed for lookup from the parse."""

    verbs: dict[str, Cue]
    """Single-word verb cues by lemma."""
    nouns: dict[str, Cue]
    """Noun cues by lemma (``Trump's call for ...``, ``his promise to ...``)."""
    phrasal: dict[tuple[str, str], Cue]
    """Verb + particle or preposition cues (``point out``) by (lemma, second word)."""
    phrases: dict[str, Cue]
    """Fixed phrases (``according to``, ``as quoted by``) by their lower-case text."""
    not_speakers: frozenset[str]
    """Words that open a paragraph with a colon without naming a speaker (``Update:``)."""
    relays: frozenset[str] = frozenset()
    """Verbs that, with a ``by`` agent, name who passed the words on (``as quoted by X``)."""

    @property
    def words(self) -> frozenset[str]:
        """Verb lemmas and first words of phrases: a sentence holding none of them (inflected)
        needs no parse for quotes.  Noun cues are left out: they count only with a possessive or
        ``by`` source, an actor that gets the sentence parsed anyway, and common nouns ("plan",
        "call") would send most sentences to the parser."""
        first = {c.split()[0] for c in self.phrases}
        return frozenset({*self.verbs, *(k[0] for k in self.phrasal), *first})


def parse_cues(lines: Iterable[str]) -> Lexicon:
    """Read the cue table (``cues.tsv`` format); raise ``ValueError`` naming a bad line."""
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    phrasal: dict[tuple[str, str], Cue] = {}
    phrases: dict[str, Cue] = {}
    not_speakers: set[str] = set()
    relays: set[str] = set()
    rows = csv.reader((line for line in lines if not line.startswith("#")), delimiter="\t")
    header = next(rows, None)
    if header != ["cue", "class", "pos", "takes"]:
        raise ValueError(f"cues table: header must be cue, class, pos, takes; got {header}")
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != 4:
            raise ValueError(f"cues table line {number}: expected 4 fields, got {row}")
        text, cls, pos, takes_field = (value.strip() for value in row)
        takes = frozenset(t.strip() for t in takes_field.split(",") if t.strip())
        bad = [t for t in takes if t not in TAKES and not t.startswith("p:")]
        if cls not in CUE_CLASSES or pos not in {"verb", "noun", "phrase", "label"} or bad:
            raise ValueError(f"cues table line {number}: bad class, pos or takes in {row}")
        cue = Cue(text.lower(), cls, pos, takes)
        words = cue.cue.split()
        if pos == "label":
            not_speakers.add(cue.cue)
        elif cls == "relay":
            relays.add(cue.cue)
        elif pos == "noun":
            nouns[cue.cue] = cue
        elif pos == "phrase":
            phrases[cue.cue] = cue
        elif len(words) == 1:
            verbs[words[0]] = cue
        elif len(words) == 2:
            phrasal[(words[0], words[1])] = cue
        else:
            raise ValueError(f"cues table line {number}: a verb cue has one or two words")
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        phrasal=phrasal,
        phrases=phrases,
        not_speakers=frozenset(not_speakers),
        relays=frozenset(relays),
    )


@cache
def default_lexicon() -> Lexicon:
    """The cue table shipped in ``eventwire/knowledge/cues.tsv`` (read once)."""
    text = resources.files("eventwire.knowledge").joinpath("cues.tsv").read_text("utf-8")
    return parse_cues(text.splitlines())


@dataclass(slots=True)
class Attribution:
    """A cue with its content, speaker and relay, as token indices of one ``Doc``."""

    cue: list[int]
    """Tokens of the cue as written (``said``; ``pointed out``; ``according to``)."""
    cls: str
    content: list[int] = field(default_factory=list)
    """Tokens of the content; empty while a direct quote nearby may still fill it."""
    speaker: list[int] = field(default_factory=list)
    speaker_head: int | None = None
    antecedent: int | None = None
    """For a relative-pronoun speaker (``who said``): the noun it stands for."""
    via: list[int] = field(default_factory=list)
    via_head: int | None = None
    recipient: int | None = None
    """The addressee of ``told`` (``X told Reuters``): the relay when it is a media actor."""
    to_paragraph_end: bool = False
    """A speaker label (``TAPPER: ...``): the content runs on to the end of the paragraph."""


def find_attributions(doc: Doc | Span, lexicon: Lexicon | None = None) -> list[Attribution]:
    """All attributions in ``doc`` (a parsed Doc or one of its sentences), outermost only.

    An attribution whose cue sits inside another's content (``X said Y thinks Z``) is left out:
    the outer one carries it.  Attributions without content are kept (``He said:`` before a quote).
    """
    lex = lexicon or default_lexicon()
    found: list[Attribution] = []
    label = _speaker_label(doc, lex)
    if label is not None:
        found.append(label)
    for token in doc:
        phrase = _phrase_at(token, lex)
        if phrase:
            attribution = _source_phrase(phrase)
            if attribution is not None:
                found.append(attribution)
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
            attribution = _noun_attribution(token, lex.nouns[token.lemma_.lower()])
            if attribution is not None:
                found.append(attribution)
            continue
        cue = _verb_cue(token, lex)
        if cue is None:
            continue
        if (
            token.lemma_.lower() in lex.relays
            and _agent(token) is not None
            and (token.dep_ == "advcl" or any(c.lower_ == "as" for c in token.children))
        ):
            continue  # "as quoted by the ministry" relays another attribution
        attribution = _verb_attribution(token, cue[0], cue[1], lex)
        if attribution is not None:
            found.append(attribution)
    found = _fold_relays(found)
    return _outermost(found, doc)


# --- verb cues ----------------------------------------------------------------------------


def _verb_cue(token: Token, lex: Lexicon) -> tuple[Cue, list[int]] | None:
    """The cue entry and cue tokens when ``token`` is a cue verb in this sentence."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG"}:
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in {"prt", "prep"} and (lemma, child.lower_) in lex.phrasal:
            return lex.phrasal[(lemma, child.lower_)], [token.i, child.i]
    cue = lex.verbs.get(lemma)
    if cue is None:
        # the lemmatizer slips now and then ("hoping" -> "hop"): try the word's own base forms
        cue = next((lex.verbs[b] for b in _base_forms(token.lower_) if b in lex.verbs), None)
    if cue is None:
        return None
    return cue, [token.i]


def _base_forms(word: str) -> list[str]:
    """Candidate lemmas of an inflected English verb (``hoping``: hop, hope; ``denied``: deny)."""
    for ending in ("ing", "ed", "es", "s", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            forms = [stem, stem + "e"]
            if ending in {"ed", "es"} and stem.endswith("i"):
                forms.append(stem[:-1] + "y")
            if len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
            return forms
    return []


def _verb_attribution(
    verb: Token, cue: Cue, cue_tokens: list[int], lex: Lexicon
) -> Attribution | None:
    content, extra_cue = _content(verb, cue, cue_tokens, lex)
    if not content and (cue.takes == {"to"} or cue.takes == {"object"}):
        return None  # "refused" with nothing refused is an action, not an attribution
    attribution = Attribution(cue=sorted({*cue_tokens, *extra_cue}), cls=cue.cls, content=content)
    _attach_speaker(attribution, verb)
    _attach_relay(attribution, verb, lex.relays)
    if not content and not attribution.speaker:
        return None
    attribution.recipient = _recipient(verb, set(content))
    return attribution


def _content(
    verb: Token, cue: Cue, cue_tokens: list[int], lex: Lexicon
) -> tuple[list[int], list[int]]:
    """Content tokens, and tokens that join the cue (a preposition ``talked about``)."""
    children = list(verb.children)
    if "clause" in cue.takes:
        clauses = [c for c in children if c.dep_ in CLAUSE_DEPS and c.i not in cue_tokens]
        if clauses:
            return _with_continuation(verb, _subtrees(clauses), lex), []
    if "to" in cue.takes:
        for child in children:
            if child.dep_ == "xcomp" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in child.children
            ):
                return _subtrees([child]), []
    if "object" in cue.takes:
        for child in children:
            if child.dep_ in OBJECT_DEPS and child.i > verb.i:
                parts = [child] + [
                    c for c in children if c.dep_ in OBJECT_FOLLOWERS and c.i > child.i
                ]
                parts = [p for p in parts if not _is_circumstance(p)]
                return _subtrees(parts), []
    for child in children:
        if child.dep_ == "prep" and child.lower_ in cue.preps and child.i not in cue_tokens:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _subtrees(objects), [child.i]
    if "clause" not in cue.takes:
        return [], []
    head = verb.head
    if (
        verb.dep_ in TRAILING_DEPS
        and head.i != verb.i
        and head.pos_ in {"VERB", "AUX"}
        and _has_subject(verb)
        and not _has_complement(verb)
    ):
        # "..., he said." / "The economy, he said, is strong."
        own = {t.i for t in verb.subtree}
        tokens = [t.i for t in head.subtree if t.i not in own]
        return _with_continuation(verb, _clean(tokens, verb.doc), lex), []
    misplaced = _misattached_clause(verb)
    if misplaced is not None:
        return _subtrees([misplaced]), []
    return [], []


def _with_continuation(verb: Token, content: list[int], lex: Lexicon) -> list[int]:
    """``X is ready, she said, and it will act soon``: the clause joined after a trailing cue
    goes on with the content."""
    if not content or content[-1] > verb.i:
        return content
    extra = [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.i > verb.i
        and c.pos_ in {"VERB", "AUX"}
        and _has_subject(c)
        and c.lemma_.lower() not in lex.verbs
    ]
    if not extra:
        return content
    return sorted({*content, *_subtrees(extra)})


def _misattached_clause(verb: Token) -> Token | None:
    """``said during a news conference that he may wait``: the parser hung the ``that`` clause on
    the nearest noun (a relative clause); it is the cue's complement."""
    for token in verb.subtree:
        if token.dep_ not in {"relcl", "acl"} or token.i < verb.i:
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
            head = token.head
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i == verb.i:
                return token
    return None


def _is_circumstance(token: Token) -> bool:
    """A time or place phrase after the object (``said it on Tuesday``) is no content."""
    if token.dep_ != "prep":
        return False
    return any(c.ent_type_ in {"DATE", "TIME"} for c in token.children) or token.lower_ in {
        "in",
        "at",
        "during",
        "on",
        "after",
        "before",
        "since",
    }


def _has_complement(verb: Token) -> bool:
    """``he'd continue Obama's actions`` has its own object: it trails nothing."""
    return any(c.dep_ in COMPLEMENT_DEPS for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


# --- noun cues ----------------------------------------------------------------------------


def _noun_attribution(noun: Token, cue: Cue) -> Attribution | None:
    """``Trump's call for a ban``, ``his promise to build a wall``, ``a claim by X that ...``:
    kept only with a source (a possessive, or ``by``/``from`` someone)."""
    source: Token | None = None
    content: list[int] = []
    cue_tokens = [noun.i]
    for child in noun.children:
        if child.dep_ == "poss":
            source = child
        elif child.dep_ == "prep" and child.lower_ in {"by", "from"} and source is None:
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif not content and child.dep_ in {"acl", "ccomp", "relcl"} and child.i > noun.i:
            marked = any(
                (g.dep_ == "mark" and g.lower_ == "that") or (g.dep_ == "aux" and g.lower_ == "to")
                for g in child.children
            )
            takes = "to" if any(g.lower_ == "to" for g in child.children) else "clause"
            if marked and takes in cue.takes:
                content = _subtrees([child])
        elif not content and child.dep_ == "prep" and child.lower_ in cue.preps:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                content = _subtrees(objects)
                cue_tokens.append(child.i)
    if source is None or not content:
        return None
    attribution = Attribution(cue=cue_tokens, cls=cue.cls, content=content)
    attribution.speaker = [i for i in _speaker_tokens(source) if i not in content]
    attribution.speaker_head = source.i
    return attribution


# --- speakers -----------------------------------------------------------------------------


def _attach_speaker(attribution: Attribution, verb: Token) -> None:
    subject = _subject(verb)
    if subject is None:
        return
    content = set(attribution.content)
    if subject.i in content:
        return
    attribution.speaker = [i for i in _speaker_tokens(subject) if i not in content]
    attribution.speaker_head = subject.i
    if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        attribution.antecedent = subject.head.head.i


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The source of a cue verb: its subject, its passive agent, or the subject it borrows."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if passive:
        agent = _agent(verb)
        if agent is not None:
            return agent
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            if child.lower_ in EMPTY_SUBJECTS and child.dep_ == "nsubj" and _is_expletive(child):
                return None
            return child
    if passive or depth > 3:
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ in {"conj", "xcomp", "advcl"} and head.pos_ in {"VERB", "AUX"}:
        return _subject(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return _subject(head.head, depth + 1)  # "rallied thousands by promising to ..."
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        # "X issued a statement saying ...": X; "a statement saying ..." alone: the statement
        if head.dep_ == "dobj" and head.head.pos_ in {"VERB", "AUX"}:
            borrowed = _subject(head.head, depth + 1)
            if borrowed is not None:
                return borrowed
        return head
    return None


def _is_expletive(token: Token) -> bool:
    """``There is concern that ...``, ``It seems that ...``: no one is the source."""
    return (
        token.lower_ == "there"
        or token.dep_ == "expl"
        or token.head.lemma_.lower() in {"seem", "appear"}
    )


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _speaker_tokens(head: Token) -> list[int]:
    """The noun phrase of a speaker: its subtree without clauses hung on it, contiguous."""
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ in SPEAKER_CUT_DEPS:
            cut.update(t.i for t in child.subtree)
    tokens = [t.i for t in head.subtree if t.i not in cut]
    left = head.i
    while left - 1 in tokens:
        left -= 1
    right = head.i
    while right + 1 in tokens:
        right += 1
    doc = head.doc
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return list(range(left, right + 1))


# --- speaker labels -------------------------------------------------------------------------

MAX_LABEL_TOKENS = 5
"""``Sen. Elizabeth Warren (D-Mass.):`` is about as long as a speaker label gets."""
LABEL_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}


def _speaker_label(sentence: Doc | Span, lex: Lexicon) -> Attribution | None:
    """``TAPPER: Do you think ...`` / ``Trump: ...`` at the start of a paragraph."""
    tokens = [t for t in sentence if not t.is_space]
    if not tokens:
        return None
    first = tokens[0]
    doc = first.doc
    if first.i > 0 and "\n" not in doc[first.i - 1].text + doc[first.i - 1].whitespace_:
        return None
    colon = next((k for k, t in enumerate(tokens[: MAX_LABEL_TOKENS + 1]) if t.text == ":"), None)
    if not colon or colon + 1 >= len(tokens):
        return None
    name = tokens[:colon]
    if first.lower_ in lex.not_speakers or any(t.like_num or t.pos_ == "VERB" for t in name):
        return None
    named = any(t.ent_type_ in LABEL_ENTITIES for t in name)
    shouted = all(t.is_upper or t.is_punct for t in name) and any(t.is_alpha for t in name)
    if not (named or shouted) or not all(
        t.pos_ in {"PROPN", "NOUN", "ADJ", "PUNCT", "DET", "PART"} or t.is_upper for t in name
    ):
        return None
    content = [t.i for t in tokens[colon + 1 :]]
    return Attribution(
        cue=[tokens[colon].i],
        cls="speech",
        content=_clean(content, doc),
        speaker=[t.i for t in name],
        speaker_head=name[-1].i,
        to_paragraph_end=True,
    )


# --- according to, relays -----------------------------------------------------------------


def _phrase_at(token: Token, lex: Lexicon) -> list[Token]:
    """The tokens of a source phrase (``according to``) starting at ``token``, if one does."""
    doc = token.doc
    for text, cue in lex.phrases.items():
        words = text.split()
        if cue.cls != "source-phrase" or token.lower_ != words[0]:
            continue
        tokens = list(doc[token.i : token.i + len(words)])
        if [t.lower_ for t in tokens] == words:
            return tokens
    return []


def _source_phrase(phrase: list[Token]) -> Attribution | None:
    """``According to X, ...`` / ``..., according to X``: the rest of the sentence is X's."""
    last = phrase[-1]
    objects = [c for c in last.children if c.dep_ in {"pobj", "pcomp"}]
    if not objects:
        return None
    source = objects[0]
    inside = {t.i for t in phrase}
    for token in phrase:
        inside.update(t.i for t in token.subtree)
    content = [t.i for t in phrase[0].sent if t.i not in inside]
    attribution = Attribution(
        cue=[t.i for t in phrase], cls="source-phrase", content=_clean(content, last.doc)
    )
    attribution.speaker = [i for i in _speaker_tokens(source) if i not in attribution.content]
    attribution.speaker_head = source.i
    return attribution


def _attach_relay(attribution: Attribution, verb: Token, relays: frozenset[str]) -> None:
    """``as quoted by Y`` / ``quoted by Y as saying`` / ``said, according to Y``: via Y."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.lemma_.lower() in relays:
            agent = _agent(child)
            if agent is not None:
                _set_via(attribution, agent)
                return
    head = verb.head
    if verb.dep_ == "advcl" and head.lemma_.lower() in relays:
        agent = _agent(head)
        if agent is not None:
            _set_via(attribution, agent)
            if not attribution.speaker:
                for child in head.children:
                    if child.dep_ == "nsubjpass":
                        attribution.speaker = _speaker_tokens(child)
                        attribution.speaker_head = child.i


INTERVIEW_NOUNS = {"interview", "statement", "remarks", "comments", "call", "conversation"}


def _recipient(verb: Token, content: set[int]) -> int | None:
    """Who heard it: ``told Reuters``, ``said to TASS``, ``said in an interview with CNN``."""
    for child in verb.children:
        if child.i in content:
            continue
        if verb.lemma_.lower() == "tell" and child.dep_ in {"dobj", "dative", "iobj"}:
            return child.i
        if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
            found = _pobj(child)
            if found is not None:
                return found.i
        if child.dep_ == "prep" and child.lower_ == "in":
            noun = _pobj(child)
            if noun is not None and noun.lemma_.lower() in INTERVIEW_NOUNS:
                for prep in noun.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"with", "to"}:
                        found = _pobj(prep)
                        if found is not None:
                            return found.i
    return None


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _set_via(attribution: Attribution, token: Token) -> None:
    attribution.via = _speaker_tokens(token)
    attribution.via_head = token.i


def _fold_relays(found: list[Attribution]) -> list[Attribution]:
    """``X said ..., according to Y``: Y relays X's words; the source phrase is no attribution."""
    verbs = [a for a in found if a.cls != "source-phrase" and a.speaker]
    kept: list[Attribution] = []
    for attribution in found:
        if attribution.cls == "source-phrase":
            cue = attribution.cue[0]
            host = next((v for v in verbs if _governs(v, cue, attribution)), None)
            if host is not None:
                if not host.via:
                    host.via = attribution.speaker
                    host.via_head = attribution.speaker_head
                continue
        kept.append(attribution)
    return kept


def _governs(verb_attribution: Attribution, cue: int, phrase: Attribution) -> bool:
    """The source phrase's clause is the verb attribution's own (not its content)."""
    if cue in verb_attribution.content:
        return False
    content = set(phrase.content)
    return any(i in content for i in verb_attribution.cue)


def _outermost(found: list[Attribution], doc: Doc | Span) -> list[Attribution]:
    """Drop attributions whose cue lies in another's content, and repeated content.

    When each cue lies in the other's content ("X said the talks would continue", where
    "continue" can be a cue too), the one whose cue the parse puts under the other's is nested.
    """
    kept: list[Attribution] = []
    seen: set[tuple[int, ...]] = set()
    contents = [set(a.content) for a in found]
    tokens = doc.doc if isinstance(doc, Span) else doc

    def under(inner: Attribution, outer: Attribution) -> bool:
        return any(tokens[o].is_ancestor(tokens[i]) for o in outer.cue for i in inner.cue)

    for index, attribution in enumerate(found):
        nested = any(
            other is not attribution
            and set(attribution.cue) & contents[j]
            and (not set(other.cue) & contents[index] or under(attribution, other))
            for j, other in enumerate(found)
        )
        if nested:
            continue
        key = tuple(attribution.content) if attribution.content else tuple(attribution.cue)
        if key in seen:
            continue
        seen.add(key)
        kept.append(attribution)
    return kept


# --- helpers ------------------------------------------------------------------------------


def _subtrees(tokens: Iterable[Token]) -> list[int]:
    indices: set[int] = set()
    doc: Doc | None = None
    for token in tokens:
        doc = token.doc
        indices.update(t.i for t in token.subtree)
    return _clean(sorted(indices), doc) if doc is not None else []


def _clean(indices: list[int], doc: Doc) -> list[int]:
    """Sorted token indices without punctuation, spaces and a leading ``that`` at the edges."""
    tokens = sorted(set(indices))
    while tokens and _edge_junk(doc[tokens[0]], leading=True):
        tokens.pop(0)
    while tokens and _edge_junk(doc[tokens[-1]], leading=False):
        tokens.pop()
    return tokens


def _edge_junk(token: Token, *, leading: bool) -> bool:
    if token.is_space or (token.is_punct and not token.is_quote):
        return True
    if token.is_quote:
        return False
    return leading and token.dep_ == "mark" and token.lower_ in {"that", "whether", "if"}


def token_spans(doc: Doc, indices: list[int]) -> Iterator[tuple[int, int]]:
    """Character spans of runs of consecutive tokens."""
    run: list[int] = []
    for index in sorted(indices):
        if run and index != run[-1] + 1:
            yield doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
            run = []
        run.append(index)
    if run:
        yield doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
