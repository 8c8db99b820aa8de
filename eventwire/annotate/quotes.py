"""Quotes: direct quotations and indirect attributions, with speaker, cue and relay.

Two passes over one parse:

1. :func:`scan_quotes` pairs the quotation marks of the text (``"…"``, ``“…”``, ``„…“``,
   ``«…»``, ``»…«``, ``‘…’`` nested inside, and quotes running over paragraphs in wire style,
   where a paragraph ending inside a quote is continued by the next paragraph's opening mark).
   A mark left open at the end of a paragraph that no opening mark continues is dropped: an
   unbalanced mark never makes a quote.
2. :func:`~eventwire.annotate.attribution.find_attributions` reads cues, speakers and content
   from the dependency parse.

:func:`find_quotes` joins them: a quotation that is (nearly all of) an attribution's content is
a direct quote of that speaker; a quotation inside a longer reported clause stays part of the
indirect quote; a quotation with no cue of its own goes to a speaker named next to it
(``He said:`` / ``"...," he said.`` across a sentence break) or continues the previous quote of
the paragraph; short quotations without a speaker (scare quotes, titles) are not quotes.
Speakers and relays resolve to actors through the actors' mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span

from ..records import Actor, Quote, Speaker
from .attribution import Attribution, Lexicon, find_attributions, token_spans
from .context import Context
from .nlp import doc_text

# --- quotation marks ------------------------------------------------------------------------

FAMILIES = {
    **dict.fromkeys('"“”„‟〝〞＂', "double"),
    **dict.fromkeys("«»", "guillemet"),
    **dict.fromkeys("'‘’‚‛", "single"),
    **dict.fromkeys("‹›", "single-guillemet"),
}
OPEN_ONLY = set("„‚‟‛〝")
LEFT_PUNCT = set("([{—–-/")
RIGHT_PUNCT = set(".,;:!?)]}—–-…")
TWO_CHAR_MARKS = {"''": '"', "``": "“"}
"""Two apostrophes and two backticks stand for double quotes in some archives (``''Yes,'' he
said``, the Penn Treebank's ````Yes''``)."""
MARKS = re.compile("''|``|[" + re.escape("".join(FAMILIES)) + "\n]")

MIN_WORDS_UNATTRIBUTED = 6
"""A quotation with no speaker is kept only when it is a sentence of at least this many words;
shorter ones are scare quotes, names and titles ("so-called “reform”", “Meet the Press”)."""
MAX_OUTSIDE_WORDS = 2
OUTSIDE_SHARE = 3
"""An attribution whose content has at most MAX_OUTSIDE_WORDS words outside quotation marks, and
at least OUTSIDE_SHARE times as many inside, is a direct quote (``"...," he said``); otherwise it
is an indirect one with a partial quote inside (``he voted "uncommitted"``)."""


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A top-level quotation: ``open``/``close`` include the marks, ``start``/``end`` do not."""

    open: int
    close: int
    start: int
    end: int


@dataclass(slots=True)
class _Open:
    char: str
    family: str
    pos: int
    end: int
    """Just past the mark."""


def scan_quotes(text: str) -> list[QuotedSpan]:
    """The top-level quotations of ``text``, in order (nested ones are inside them)."""
    stack: list[_Open] = []
    found: list[QuotedSpan] = []
    skip: set[int] = set()
    for match in MARKS.finditer(text):
        pos, mark = match.start(), match.group()
        if pos in skip:
            continue
        if mark == "\n":
            if stack:
                continuation = _continuation(text, pos, stack[0].family)
                if continuation is None:
                    stack.clear()
                else:
                    del stack[1:]
                    skip.add(continuation)
            continue
        char = TWO_CHAR_MARKS.get(mark, mark)
        role = _role(text, pos, len(mark), char, stack)
        if role == "close":
            family = FAMILIES[char]
            depth = max(i for i, o in enumerate(stack) if o.family == family)
            opened = stack[depth]
            del stack[depth:]
            if depth == 0 and WORD.search(text, opened.end, pos):
                found.append(QuotedSpan(opened.pos, pos + len(mark), opened.end, pos))
        elif role == "open":
            stack.append(_Open(char, FAMILIES[char], pos, pos + len(mark)))
    return found


def _role(text: str, pos: int, length: int, char: str, stack: list[_Open]) -> str | None:
    """``open``, ``close`` or None (an apostrophe, a stray mark) for the mark at ``pos``."""
    family = FAMILIES[char]
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[pos + length] if pos + length < len(text) else "\n"
    left = not after.isspace() and (before.isspace() or before in LEFT_PUNCT or before in FAMILIES)
    right = not before.isspace() and (after.isspace() or after in RIGHT_PUNCT or after in FAMILIES)
    open_here = [o for o in stack if o.family == family]
    can_close = bool(open_here)
    if family == "single" and char in "'’" and before.isalnum() and after.isalnum():
        return None  # don't, Clinton's
    if char in OPEN_ONLY:
        return "open"
    if char in "“‘":
        if can_close and (open_here[-1].char in "„‚" or (right and not left)):
            return "close"
        return "open"
    if char in "”»›":
        reversed_open = {"»": "»", "›": "›"}.get(char)
        if can_close and (right or not left or open_here[-1].char == reversed_open):
            return "close"
        if left and not right:
            return "open"  # Swedish ”…”, Danish »…«
        return None
    if char in "«‹":
        mirror = {"«": "»", "‹": "›"}[char]
        if can_close and open_here[-1].char == mirror:
            return "close"
        return "open"
    if char == "’":
        return "close" if can_close and not (left and not right) else None
    # straight marks: " and '
    if left and not right:
        if char == "'" and (after.isdigit() or (not can_close and not stack)):
            # '90s; a lone top-level ' is an apostrophe far more often than a quote
            return None if after.isdigit() or not _closes_later(text, pos) else "open"
        return "open"
    if right and not left:
        return "close" if can_close else None
    if can_close:
        return "close"
    return "open" if not after.isspace() and char == '"' else None


def _closes_later(text: str, pos: int) -> bool:
    """A top-level ``'`` opens a quote only when a closing ``'`` follows in its paragraph."""
    end = text.find("\n", pos)
    paragraph = text[pos + 1 : end if end >= 0 else len(text)]
    return re.search(r"[\w.,!?]'(?=[\s.,;:!?)]|$)", paragraph) is not None


def _continuation(text: str, newline: int, family: str) -> int | None:
    """The opening mark that continues an open quote in the next paragraph, if any."""
    pos = newline
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos < len(text) and FAMILIES.get(text[pos]) == family:
        return pos
    return None


# --- quotes ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """An attribution in character offsets, on its way to a Quote."""

    start: int
    end: int
    direct: bool
    attribution: Attribution | None
    cue: str | None


def find_quotes(ctx: Context, lexicon: Lexicon | None = None) -> list[Quote]:
    """Direct and indirect quotes of one article, from the stage's parse (never parsed again).

    Attributions are read in the sentences that carry a parse; speakers and relays resolve to
    actors through ``ctx.mentions``.  Text before ``ctx.body_start`` (a dateline) is never part of
    a quote's content.
    """
    return quotes_in(
        ctx.text,
        ctx.doc,
        [ctx.span(s) for s in ctx.parsed_sentences],
        _Resolver(ctx),
        body_start=ctx.body_start,
        lexicon=lexicon,
    )


def quotes_in(
    text: str,
    doc: Doc,
    sentences: Sequence[Span],
    resolver: Resolver,
    *,
    body_start: int = 0,
    lexicon: Lexicon | None = None,
) -> list[Quote]:
    """:func:`find_quotes` on its parts: ``doc`` tokens must carry offsets into ``text``."""
    quoted = scan_quotes(text)
    attributions = [a for span in sentences for a in find_attributions(span, lexicon)]
    attributions = [a for a in attributions if not _cue_inside(doc, a, quoted)]
    found: list[_Found] = []
    used: dict[int, Attribution] = {}
    pending: list[Attribution] = []
    for attribution in attributions:
        if attribution.to_paragraph_end:
            _extend_to_paragraph(doc, attribution)
        if not attribution.content:
            pending.append(attribution)
            continue
        found.extend(_join(doc, attribution, quoted, used, body_start))
    found.extend(_unclaimed(doc, quoted, used, pending, attributions))
    quotes = {_quote(text, doc, item, resolver) for item in found if item.end > item.start}
    # a total order: two quotes over one span (different speakers or cues) come out the same
    # way every run, whatever the set's iteration order
    return sorted(quotes, key=lambda q: (q.start, q.end, repr(q)))


def _extend_to_paragraph(doc: Doc, attribution: Attribution) -> None:
    """A speaker label's content (``TAPPER: ...``) runs to the end of its paragraph."""
    if not attribution.content:
        return
    last = attribution.content[-1]
    end = last
    while end + 1 < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        if "\n" in doc[end].whitespace_:
            break
        end += 1
    tokens = range(attribution.content[0], end + 1)
    attribution.content = [i for i in tokens if not doc[i].is_space]


def _text(doc: Doc) -> str:
    """The doc's text, built once (see :func:`eventwire.annotate.nlp.doc_text`)."""
    return doc_text(doc)


def _cue_inside(doc: Doc, attribution: Attribution, quoted: list[QuotedSpan]) -> bool:
    """A cue within quotation marks is part of what someone is quoted as saying."""
    cue = doc[attribution.cue[0]].idx
    return any(q.start <= cue < q.end and _words(_text(doc)[q.start : q.end]) > 3 for q in quoted)


def _join(
    doc: Doc,
    attribution: Attribution,
    quoted: list[QuotedSpan],
    used: dict[int, Attribution],
    body_start: int,
) -> list[_Found]:
    text = _text(doc)
    runs = [(max(s, body_start), e) for s, e in token_spans(doc, attribution.content)]
    runs = [(s, e) for s, e in runs if e > s]
    cue, cue_start = _cue_text(doc, attribution)
    after = [(s, e) for s, e in runs if s > cue_start]
    if after and after != runs and sum(_words(text[s:e]) for s, e in runs if e <= cue_start) <= 4:
        runs = after  # "In any case, he said, the industry was ...": the clause after the cue
    if not runs:
        return []
    start, end = runs[0][0], runs[-1][1]
    overlapping = [
        (i, q) for i, q in enumerate(quoted) if q.open < end and q.close > start and i not in used
    ]
    if not overlapping:
        return [_Found(start, end, False, attribution, cue)]
    outside = sum(
        _words(text[s:e]) for s, e in _subtract(runs, [(q.open, q.close) for _, q in overlapping])
    )
    inside = sum(_words(text[q.start : q.end]) for _, q in overlapping)
    for index, _ in overlapping:
        used[index] = attribution
    if outside <= MAX_OUTSIDE_WORDS and OUTSIDE_SHARE * outside <= inside:
        return [_Found(q.start, q.end, True, attribution, cue) for _, q in overlapping]
    start = min(start, overlapping[0][1].open)
    end = max(end, overlapping[-1][1].close)
    return [_Found(start, end, False, attribution, cue)]


def _unclaimed(
    doc: Doc,
    quoted: list[QuotedSpan],
    used: dict[int, Attribution],
    pending: list[Attribution],
    attributions: list[Attribution],
) -> list[_Found]:
    """Quotations no attribution's content covers: a speaker beside them, or the previous one."""
    text = _text(doc)
    found: list[_Found] = []
    for index, span in enumerate(quoted):
        if index in used:
            continue
        owner = _adjacent(doc, span, pending)
        if owner is None:
            owner = _previous_speaker(doc, span, attributions)
        if owner is None:
            owner = _next_speaker(text, quoted, index, used)
        if owner is not None:
            used[index] = owner
            found.append(_Found(span.start, span.end, True, owner, _cue_text(doc, owner)[0]))
        elif _sentence_like(text[span.start : span.end]):
            found.append(_Found(span.start, span.end, True, None, None))
    return found


def _adjacent(doc: Doc, span: QuotedSpan, pending: list[Attribution]) -> Attribution | None:
    """``He said: "..."`` or ``"..." he said.`` with the speaker parsed apart from the quote."""
    text = _text(doc)
    for attribution in pending:
        tokens = attribution.cue + attribution.speaker
        first = doc[min(tokens)].idx
        last_token = doc[max(tokens)]
        last = last_token.idx + len(last_token)
        if first >= span.close and re.fullmatch(r"[ \t,]*", text[span.close : first]):
            return attribution  # '"...," he said' (never across a paragraph break)
        if last <= span.open and re.fullmatch(r"[ \t,]*|[ \t]*:\s*", text[last : span.open]):
            return attribution  # 'He said: "..."', also with the quote in the next paragraph
    return None


def _previous_speaker(
    doc: Doc, span: QuotedSpan, attributions: list[Attribution]
) -> Attribution | None:
    """``"A," he said. "B."`` / ``He said he would push. "This is far from over."``: a quotation
    without a cue continues the nearest attribution before it in its paragraph, or in the
    previous paragraph when the quotation opens its own."""
    text = _text(doc)
    best: tuple[int, Attribution] | None = None
    for attribution in attributions:
        if not attribution.speaker:
            continue
        start, end = _extent(doc, attribution)
        if start < span.open and (best is None or end > best[0]):
            best = (end, attribution)
    if best is None:
        return None
    breaks = _paragraph_breaks(text[best[0] : span.open])
    if breaks > 1 or (breaks == 1 and not _opens_paragraph(text, span.open)):
        return None
    return best[1]


PARAGRAPH_BREAK = re.compile(r"[^\S\n]*\n\s*")


def _paragraph_breaks(text: str) -> int:
    """Paragraph breaks in ``text``: runs of white space holding a newline (blank lines too)."""
    return len(PARAGRAPH_BREAK.findall(text))


def _opens_paragraph(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t")
    return not before or before.endswith("\n")


def _extent(doc: Doc, attribution: Attribution) -> tuple[int, int]:
    tokens = [*attribution.cue, *attribution.speaker, *attribution.content]
    last = doc[max(tokens)]
    return doc[min(tokens)].idx, last.idx + len(last)


def _next_speaker(
    text: str, quoted: list[QuotedSpan], index: int, used: dict[int, Attribution]
) -> Attribution | None:
    """A quoted paragraph right before the paragraph whose quote names the speaker."""
    span = quoted[index]
    if index + 1 >= len(quoted) or index + 1 not in used:
        return None
    following = quoted[index + 1]
    between = text[span.close : following.open]
    if between.strip() == "" and _paragraph_breaks(between) == 1:
        return used[index + 1]
    return None


def _sentence_like(quote: str) -> bool:
    stripped = quote.strip()
    return _words(stripped) >= MIN_WORDS_UNATTRIBUTED and stripped[:1].isupper()


# --- records --------------------------------------------------------------------------------


class Resolver(Protocol):
    """Character offsets -> actor ids (the stage's :class:`Context`, or :class:`ActorIndex`)."""

    def actor_id(self, start: int, end: int, head: tuple[int, int]) -> str | None:
        """The actor of ``[start, end)``: the one named at its head word, else overlapping it."""
        ...

    def actor(self, actor_id: str) -> Actor | None: ...


class _Resolver:
    """:class:`Resolver` over the stage's actor mentions (pronouns and anaphors included)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def actor_id(self, start: int, end: int, head: tuple[int, int]) -> str | None:
        mention = self.ctx.mention_at(*head) or self.ctx.mention_at(start, end)
        return mention.actor if mention else None

    def actor(self, actor_id: str) -> Actor | None:
        return self.ctx.actor(actor_id)


class ActorIndex:
    """:class:`Resolver` over :class:`~eventwire.records.Actor` records and their mentions."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.mentions = sorted(
            ((m.start, m.end, actor.id) for actor in actors for m in actor.mentions),
            key=lambda m: (m[0], m[1]),
        )
        self.actors = {actor.id: actor for actor in actors}

    def actor_id(self, start: int, end: int, head: tuple[int, int]) -> str | None:
        holding = [m for m in self.mentions if m[0] <= head[0] and head[1] <= m[1]]
        if holding:
            return min(holding, key=lambda m: m[1] - m[0])[2]
        best: tuple[int, str] | None = None
        for m_start, m_end, actor in self.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor)
        return best[1] if best else None

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)


def _quote(text: str, doc: Doc, item: _Found, resolver: Resolver) -> Quote:
    start, end = _trim(text, item.start, item.end, direct=item.direct)
    attribution = item.attribution
    speaker = None
    via = None
    if attribution is not None and attribution.speaker:
        s_start, s_end = _char_span(doc, attribution.speaker)
        actor = None
        if attribution.antecedent is not None:
            head = _char_span(doc, [attribution.antecedent])
            actor = resolver.actor_id(*head, head)
        if actor is None and attribution.speaker_head is not None:
            actor = resolver.actor_id(s_start, s_end, _char_span(doc, [attribution.speaker_head]))
        speaker = Speaker(text=text[s_start:s_end], start=s_start, end=s_end, actor=actor)
    if attribution is not None:
        via = _via(doc, attribution, resolver)
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        direct=item.direct,
        cue=item.cue,
        speaker=speaker,
        via=via,
    )


def _char_span(doc: Doc, tokens: Sequence[int]) -> tuple[int, int]:
    first, last = doc[min(tokens)], doc[max(tokens)]
    return first.idx, last.idx + len(last)


def _via(doc: Doc, attribution: Attribution, resolver: Resolver) -> str | None:
    if attribution.via_head is not None:
        return resolver.actor_id(
            *_char_span(doc, attribution.via), _char_span(doc, [attribution.via_head])
        )
    if attribution.recipient is not None:
        head = _char_span(doc, [attribution.recipient])
        actor_id = resolver.actor_id(*head, head)
        actor = resolver.actor(actor_id) if actor_id else None
        if actor is not None and actor.kind == "organization" and _is_media(actor):
            return actor.id
    return None


def _is_media(actor: Actor) -> bool:
    return actor.sector == "MED" or "MED" in actor.sectors


def _cue_text(doc: Doc, attribution: Attribution) -> tuple[str, int]:
    tokens = [doc[i] for i in attribution.cue]
    return " ".join(t.text for t in tokens), tokens[0].idx


def _trim(text: str, start: int, end: int, *, direct: bool) -> tuple[int, int]:
    """Without surrounding space; without the comma a quote ends with before ``he said``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if not direct:
        while end > start and text[end - 1] in ".":
            end -= 1
    return start, end


def _subtract(runs: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for start, end in runs:
        cursor = start
        for h_start, h_end in sorted(holes):
            if h_end <= cursor or h_start >= end:
                continue
            if h_start > cursor:
                pieces.append((cursor, h_start))
            cursor = max(cursor, h_end)
        if cursor < end:
            pieces.append((cursor, end))
    return pieces


WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    return len(WORD.findall(text))
