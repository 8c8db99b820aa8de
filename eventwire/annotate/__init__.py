"""The annotate stage: each article parsed once, the same parse read for actors, places, dates and
quotes (and, next, events).

    annotate(article)                        -> Annotated
    annotate_many(articles, batch_size=64)   -> Iterator[Annotated]   streaming, batched NLP

Inside the stage, :class:`~eventwire.annotate.context.Context` carries one article's ``Doc``,
sentences and actors from one step to the next; only records leave it.

Bad input is annotated as far as is safe, never a crash: an empty text gives empty annotations; a
text not in English (``Article.language``, or detected when unset) is marked with its language
and left unannotated; any length of text is parsed in chunks.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..extract.dateline import parse_dateline
from ..records import Annotated, Article, Quote
from ..settings import Settings
from . import nlp as nlp_
from .actors import find_actors
from .candidates import Candidates, common_words, find_candidates
from .context import Context, Sentence
from .dates import find_dates
from .events import code_events
from .places import find_places

__all__ = ["annotate", "annotate_many"]

ANNOTATOR = "eventwire-annotate/1"
_QUOTE_CHARS = re.compile(r"[\"“”«»„]")
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "said",
        "it",
        "as",
        "by",
        "at",
        "from",
        "he",
        "his",
        "be",
        "has",
        "are",
        "have",
        "an",
        "were",
        "not",
        "but",
        "its",
        "had",
        "this",
        "they",
        "which",
        "will",
        "who",
        "their",
        "been",
        "would",
        "after",
    ]
)
_SPEAKER_WORDS = frozenset({"it", "they", "we", "i", "he", "she", "you", "who", "company"})
"""Words that can be a speaker though no actor rule knows them (the quote finder takes them)."""
_AUXILIARIES = frozenset({"be", "have", "do"})
"""Lexicon verbs too common to mark a sentence (their rows also need a word that marks it)."""
DEMONYM_REACH = 2
"""How many words after a demonym its weapon or event noun may be (``Russian missile strike``)."""
MIN_ENGLISH_SHARE = 0.06
"""Texts where fewer than this share of the first 300 words are common English function words
are checked with the language identifier (English news runs at 0.3 to 0.45; tables of figures
are why the floor is low)."""


def annotate(article: Article, *, settings: Settings | None = None) -> Annotated:
    """One article, annotated."""
    return next(iter(annotate_many([article], settings=settings)))


def annotate_many(
    articles: Iterable[Article],
    *,
    batch_size: int | None = None,
    settings: Settings | None = None,
) -> Iterator[Annotated]:
    """Articles annotated in order, ``batch_size`` at a time through the NLP pipeline."""
    settings = settings or Settings.load()
    size = batch_size or settings.batch_size
    nlp = nlp_.load(settings.spacy_model)
    annotator = f"{ANNOTATOR} spacy/{nlp_.model_version(nlp)}"
    stream = iter(articles)
    while batch := list(islice(stream, size)):
        yield from _annotate_batch(nlp, batch, annotator, size)


def _annotate_batch(
    nlp: Language, batch: Sequence[Article], annotator: str, batch_size: int
) -> Iterator[Annotated]:
    articles = [_with_language(a) for a in batch]
    todo = [i for i, a in enumerate(articles) if a.text.strip() and a.language in {None, "en"}]
    starts: dict[int, tuple[int, tuple[int, int] | None]] = {i: _window(articles[i]) for i in todo}
    texts = [nlp_.masked(articles[i].text, starts[i][0]) for i in todo]
    docs = nlp_.entity_docs(nlp, texts, batch_size=batch_size)
    found = [find_candidates(doc, nlp) for doc in docs]
    sentences = [nlp_.split_sentences(doc) for doc in docs]
    chosen = [_needs_parse(nlp, d, s, f) for d, s, f in zip(docs, sentences, found, strict=True)]
    parsed = nlp_.parse_sentences(nlp, docs, sentences, chosen, batch_size=batch_size)
    done: dict[int, Annotated] = {}
    for i, result, candidates in zip(todo, parsed, found, strict=True):
        body, dateline = starts[i]
        context = _context(articles[i], result, body)
        done[i] = _annotate_one(
            articles[i], context, candidates, dateline, annotator, common_words(nlp)
        )
    for i, article in enumerate(articles):
        yield done.get(i) or Annotated(article=article, annotator=annotator)


def _with_language(article: Article) -> Article:
    if article.language is not None or not article.text.strip():
        return article
    words = article.text[:3000].lower().split()[:300]
    if not words or sum(w in _ENGLISH for w in words) >= MIN_ENGLISH_SHARE * len(words):
        return article
    from ..extract.common import detect_language

    code = detect_language(article.text)
    return dataclasses.replace(article, language=code) if code and code != "en" else article


def _window(article: Article) -> tuple[int, tuple[int, int] | None]:
    """Where the story starts after its dateline, and the dateline place's span."""
    dateline = article.dateline
    if dateline is None or dateline.end <= dateline.start:
        dateline = parse_dateline(article.text)
    if dateline is None or not dateline.place:
        return 0, None
    at = article.text.find(dateline.place, dateline.start, dateline.end)
    place = (at, at + len(dateline.place)) if at >= 0 else None
    return nlp_.body_start(article.text, dateline.end), place


def _context(article: Article, result: nlp_.Parsed, body: int) -> Context:
    doc = result.doc
    sentences: list[Sentence] = []
    for index, ((start, end), parsed) in enumerate(
        zip(result.sentences, result.parsed, strict=True)
    ):
        span = doc[start:end]
        sentences.append(Sentence(index, start, end, span.start_char, span.end_char, parsed))
    return Context(
        text=article.text,
        doc=doc,
        sentences=sentences,
        body_start=body,
        published=article.published_at,
        language=article.language or "en",
    )


def _annotate_one(
    article: Article,
    context: Context,
    found: Candidates,
    dateline: tuple[int, int] | None,
    annotator: str,
    common: frozenset[str],
) -> Annotated:
    doc, text = context.doc, context.text
    actors, mentions = find_actors(doc, text, context.sentences, found, common)
    context.set_actors(actors, mentions)
    people = frozenset(w for a in actors if a.kind == "person" for w in a.name.split())
    context.places = find_places(doc, text, found, dateline=dateline, people=people)
    sentence_of = [0] * len(doc)
    for s in context.sentences:
        sentence_of[s.start : s.end] = [s.index] * (s.end - s.start)
    parsed = [s.parsed for s in context.sentences]
    context.dates = find_dates(found.ents, text, context.published, parsed, sentence_of)
    quotes = tuple(_quotes(context))
    return Annotated(
        article=article if article.language else dataclasses.replace(article, language="en"),
        actors=tuple(context.actors),
        places=tuple(context.places),
        dates=tuple(context.dates),
        quotes=quotes,
        events=tuple(code_events(context, quotes)),
        annotator=annotator,
    )


def _quotes(context: Context) -> list[Quote]:
    """Quotes from :mod:`eventwire.annotate.quotes` when that module is there."""
    if importlib.util.find_spec("eventwire.annotate.quotes") is None:
        return []
    module: Any = importlib.import_module("eventwire.annotate.quotes")
    quotes: list[Quote] = module.find_quotes(context)
    return quotes


def _needs_parse(
    nlp: Language, doc: Doc, sentences: list[tuple[int, int]], found: Candidates
) -> list[bool]:
    """Which sentences the parser must read (the others keep their entities, no tags):

    * a quotation mark: a quote to attribute;
    * a speech cue (``said``, ``according``) and someone who could be speaking;
    * an actor for sure (a person, a country, a title or group noun) and a word that can code an
      event (``met``, ``attack``, ``sanctions``);
    * unnamed people (``tens of thousands of people``, ``residents``) and a word that can code
      an event: the people are the source (``thronged the streets``);
    * a demonym (``Ukrainian``, ``Israeli``) right before a weapon or an event noun (within
      :data:`DEMONYM_REACH` words) and a word that can code an event: the demonym names its
      country's side (``Ukrainian artillery pounded ...``, ``An Israeli air strike killed ...``),
      not before other nouns (``Brazilian coffee prices hit ...``, ``The French striker hit ...``).

    Never one too long to be a sentence.
    """
    strong, weak = found.tokens()
    cues: set[int] = set()
    triggers: set[int] = set()
    heads: set[int] = set()
    crowds: set[int] = set()
    strings = doc.vocab.strings
    for key, start, _ in _cue_matcher(nlp)(doc):
        kind = strings[key]
        if kind == "HEAD":
            heads.add(start)
        elif kind == "CROWD":
            crowds.add(start)
        else:
            (cues if kind == "CUE" else triggers if kind == "TRIGGER" else weak).add(start)
    sides = set(strong) | crowds
    for start, (end, _) in found.demonyms.items():
        if any(i in heads for i in range(end, end + DEMONYM_REACH)):
            sides.update(range(start, end))
    text = nlp_.doc_text(doc)
    out: list[bool] = []
    for start, end in sentences:
        size = end - start
        if size < 3 or size > nlp_.MAX_SENT_TOKENS:
            out.append(False)
            continue
        tokens = range(start, end)
        actor = any(i in strong for i in tokens)
        side = actor or any(i in sides for i in tokens)
        hit = (side and any(i in triggers for i in tokens)) or (
            any(i in cues for i in tokens) and (actor or any(i in weak for i in tokens))
        )
        if not hit:
            span = doc[start:end]
            hit = _QUOTE_CHARS.search(text, span.start_char, span.end_char) is not None
        out.append(hit)
    return out


@cache
def _cue_lemmas() -> frozenset[str]:
    """Speech cues (the quote finder's verbs and nouns, ``according``)."""
    words: set[str] = {"say", "tell", "add", "state", "according", "quote", "announce"}
    if importlib.util.find_spec("eventwire.annotate.attribution") is not None:
        module: Any = importlib.import_module("eventwire.annotate.attribution")
        lexicon = module.default_lexicon()
        words |= set(lexicon.verbs) | {first for first, _ in lexicon.phrasal}
    return frozenset(w for w in words if " " not in w)


@cache
def _head_lemmas() -> frozenset[str]:
    """Nouns a demonym may qualify as a side: the event lexicon's nouns, weapons and arms."""
    from .events import ARMS

    if importlib.util.find_spec("eventwire.annotate.coding") is None:
        return ARMS
    module: Any = importlib.import_module("eventwire.annotate.coding")
    nouns = set(module.default_lexicon().nouns)
    return frozenset(w for w in nouns | ARMS if w.isalpha() or "-" in w) - {"air"}


@cache
def _trigger_lemmas() -> frozenset[str]:
    """Words that can code an event (the event lexicon's verbs and nouns)."""
    if importlib.util.find_spec("eventwire.annotate.coding") is None:
        return frozenset()
    module: Any = importlib.import_module("eventwire.annotate.coding")
    lexicon = module.default_lexicon()
    words = {key.split()[0] for key in lexicon.verbs} | set(lexicon.nouns)
    return frozenset(w for w in words if (w.isalpha() or "-" in w) and w not in _AUXILIARIES)


def _inflected(lemmas: frozenset[str], exceptions: dict[str, list[str]]) -> set[str]:
    """The written forms of ``lemmas``: regular inflections and the lemmatizer's exceptions."""
    forms: set[str] = set()
    for word in lemmas:
        forms |= {word, word + "s", word + "ed", word + "ing", word + "d", word + "es"}
        if word.endswith("e"):
            forms.add(word[:-1] + "ing")
        if word.endswith("y"):
            forms |= {word[:-1] + "ied", word[:-1] + "ies"}
        if len(word) > 2 and word[-1] not in "aeiouwy" and word[-2] in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    forms |= {form for form, bases in exceptions.items() if any(b in lemmas for b in bases)}
    return forms


_CROWD_WORDS = ("people", "residents", "villagers", "civilians", "youths", "crowds", "crowd")
"""Unnamed people who can act (``thousands of people marched``): a side for the parse gate."""

_CUES: dict[int, tuple[Language, PhraseMatcher]] = {}


def _cue_matcher(nlp: Language) -> PhraseMatcher:
    """Speech cues (``CUE``), event words (``TRIGGER``), would-be speakers (``SPEAKER``), the
    nouns a demonym may qualify as a side (``HEAD``) and unnamed people (``CROWD``)."""
    found = _CUES.get(id(nlp))
    if found is not None and found[0] is nlp:
        return found[1]
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    tokenizer: Any = nlp.tokenizer
    exceptions: dict[str, list[str]] = dict(lemmatizer.lookups.get_table("lemma_exc")["verb"])
    for key, forms in (
        ("CUE", _inflected(_cue_lemmas(), exceptions)),
        ("TRIGGER", _inflected(_trigger_lemmas(), exceptions)),
        ("SPEAKER", set(_SPEAKER_WORDS)),
        ("HEAD", {f for w in _head_lemmas() for f in (w, w + "s", w + "es")}),
        ("CROWD", set(_CROWD_WORDS)),
    ):
        if forms:
            matcher.add(key, list(tokenizer.pipe(sorted(forms))))
    _CUES[id(nlp)] = (nlp, matcher)
    return matcher
