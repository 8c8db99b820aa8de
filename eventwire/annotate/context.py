"""The seam inside the annotate stage: one article's parse and what has been found in it so far.

:class:`Context` is built once per article by :mod:`eventwire.annotate` and handed, in turn, to
the actor finder, the quote finder and the event coder.  It never leaves the stage (the spaCy
``Doc`` inside it is not a record); the stage's output is :class:`~eventwire.records.Annotated`.

Offsets: ``Doc`` token offsets (``token.idx``) are offsets in :attr:`Context.text`, the article
text, because the dateline is blanked out, not cut off, before parsing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from ..records import Actor, DateExpr, Place


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    """First token (``Doc`` index)."""
    end: int
    """One past the last token."""
    start_char: int
    end_char: int
    parsed: bool
    """The sentence went through tagger, parser and lemmatizer (else a flat tree, no tags)."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Where an actor is named or referred to, with how (internal to the stage)."""

    actor: str
    """The actor's id (``a1``...)."""
    start: int
    end: int
    """Character offsets in the article text."""
    token_start: int
    token_end: int
    how: str
    """``name``, ``title`` (a name with its title), ``surname``, ``nominal`` (``the Syrian
    delegation``), ``country``, ``anaphor`` (``the statement``), ``pronoun``."""
    head: int
    """Token index of the mention's head word (the name's last word, the noun)."""


@dataclass(slots=True)
class Context:
    """One article as the annotate stage sees it."""

    text: str
    doc: Doc
    sentences: list[Sentence]
    body_start: int
    """First character of the story after the dateline (0 without one)."""
    published: datetime | None
    language: str | None = None
    actors: list[Actor] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    """Sorted by start; they do not overlap."""
    places: list[Place] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sent_starts = [s.start_char for s in self.sentences]

    def set_actors(self, actors: list[Actor], mentions: list[ActorMention]) -> None:
        self.actors = actors
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def actor(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def mention_at(self, start: int, end: int | None = None) -> ActorMention | None:
        """The actor mention covering character ``start`` (or overlapping ``[start, end)``)."""
        stop = start + 1 if end is None else max(end, start + 1)
        at = bisect_left(self._starts, stop) - 1
        if at >= 0 and self.mentions[at].end > start:
            return self.mentions[at]
        return None

    def actor_at(self, start: int, end: int | None = None) -> Actor | None:
        """The actor mentioned at character ``start`` (or within ``[start, end)``), if any."""
        mention = self.mention_at(start, end)
        return self.actor(mention.actor) if mention else None

    def actor_of(self, item: Token | Span) -> Actor | None:
        """The actor a token or span of the ``Doc`` names, if any."""
        if isinstance(item, Token):
            return self.actor_at(item.idx, item.idx + len(item))
        return self.actor_at(item.start_char, item.end_char)

    def sentence_of(self, char: int) -> Sentence:
        at = max(bisect_right(self._sent_starts, char) - 1, 0)
        return self.sentences[at]

    def span(self, sentence: Sentence) -> Span:
        return self.doc[sentence.start : sentence.end]

    @property
    def parsed_sentences(self) -> list[Sentence]:
        """The sentences with a real parse: the only ones to read dependencies in."""
        return [s for s in self.sentences if s.parsed]
