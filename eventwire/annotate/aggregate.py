"""From coded sentences to events: each candidate's place, date and final code, then one event per
happening, with all its mentions and a confidence (:mod:`eventwire.annotate.confidence`).

Details of a candidate (:class:`Details`):

* place: a place named in its sentence that is not an actor (not ``Russia`` in ``the leadership
  of Russia``), else a city named in the sentence before or after; the dateline's place only as
  a marked fallback (``place_is_dateline``);
* target from the place: a visit, a deployment or peacekeepers with no target are aimed at the
  country where they go (``arrived in Haiti``), when it is not the source's own;
* domestic actors: an actor without a country whose sector acts at home (protesters, police,
  courts...) is of the country where the event is; any actor without a country is of the one
  country an article names, when it names just one;
* date: a date expression of the sentence (resolved against publication time by the dates step),
  else the publication date with ``date_precision = "report"`` (the event date and the report
  date kept apart); flag ``historical`` when the date ends :data:`HISTORICAL_DAYS` or more before
  publication (``in 2019``, ``last year``);
* code refinements the lexicon asks for: ``visit`` (040 becomes 043 when hosted in the source's
  country, 042 in the target's), ``phone`` (041), ``armed`` (19x for organized armed forces),
  ``pair`` (another code with two parties: drills alone are a show of force, joint drills
  military cooperation).

Aggregation (:func:`aggregate`): candidates of the same type between the same actors describe the
same happening (``closed its embassy ... and withdrew its diplomats``; a lede and a later sentence
retelling it) and become one event whose evidence is the candidate of the highest rank
(the earlier on a tie) and whose mentions are all their sentences.  Candidates that did or did
not happen (flags ``negated`` / ``hypothetical``) are kept apart.  Event nouns no predicate used
(``during the talks``, ``the meeting between leaders of Russia and Syria``) join the event of the
same PLOVER type (the same CAMEO code for type-less comments) whose actors include every
participant the noun names: the nearest such event before it, else the nearest after.  An event
noun alone codes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Token

from ..knowledge import CameoCode, cameo_codes
from ..records import DateExpr, Event, EventActor, Mention, Place
from .coding import Lexicon, Match, words
from .confidence import confidence as fitted_confidence
from .context import Context, Sentence

HISTORICAL_DAYS = 60
"""An event dated (by its sentence) to a period ending this many days or more before publication
is background: flag ``historical``.  Two months keeps "last month" current news."""
NOT_HAPPENED = frozenset({"negated", "hypothetical"})
TRANSNATIONAL = frozenset({"IGO", "NGO"})
ARMED_SECTORS = frozenset({"MIL", "REB", "INS"})
PHONE_WORDS = words("phone telephone video videoconference call phoned")
JOINT_WORDS = words("joint bilateral combined")
PLACE_TARGET_CODES = ("042", "074", "15", "0861")
DOMESTIC_SECTORS = words("CVL OPP LAB EDU HLH AGR MED JUD LEG COP REB INS UAF BUS PTY HRI RAD CRM")
"""Sectors of actors that, lacking a country, act where the event takes place (an actor without
any sector too)."""

RANK_WEIGHTS: dict[str, float] = {
    "specific_row": 0.05,
    "source_actor": 0.10,
    "target_known": 0.30,
    "historical": -0.15,
    "not_happened": -0.45,
}
"""How well a candidate codes its happening, to choose an event's evidence among its mentions
(the sum of the weights of the features that hold):

* ``specific_row``: the lexicon match tests a complement or names the object (``impose`` +
  ``sanctions``), not just the verb (:attr:`~eventwire.annotate.coding.Match.score` >= 3);
* ``source_actor``: the source is one of the article's actors (not only a country read off a
  qualifier or a place);
* ``target_known``: a target with a country was found;
* ``historical``: dated well before publication; ``not_happened``: negated or hypothetical.

The event's confidence is another matter: :mod:`eventwire.annotate.confidence` fits it."""


@dataclass(slots=True)
class Candidate:
    """One coded predicate (or an event noun's reference), before aggregation."""

    sentence: Sentence
    predicate: int
    """Token index of the predicate (or of the event noun)."""
    code: CameoCode
    match: Match | None
    source: list[EventActor]
    target: list[EventActor]
    flags: set[str] = field(default_factory=set)
    quote: int | None = None
    place: Place | None = None
    place_is_dateline: bool = False
    place_in_sentence: bool = False
    date: str | None = None
    date_precision: str | None = None
    rank: float = 0.0
    """How well it codes its happening (:func:`rank`): the best member gives an event's evidence."""
    consumed: set[int] = field(default_factory=set)
    """Tokens this candidate used up: its complement, its object noun (not coded again)."""


def sentence_mention(ctx: Context, sentence: Sentence) -> Mention:
    """The sentence as a mention, trimmed, starting after the dateline."""
    start = max(sentence.start_char, ctx.body_start)
    end = sentence.end_char
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Mention(start, end, text[start:end])


# --- places and actors standing for them ---------------------------------------------------------


def place_at(ctx: Context, token: Token) -> Place | None:
    """The place a token names (after the dateline)."""
    start = token.idx
    if start < ctx.body_start:
        return None
    for place in ctx.places:
        for mention in place.mentions:
            if mention.start <= start < mention.end:
                return place
    return None


def country_actor_id(ctx: Context, iso: str) -> str | None:
    for actor in ctx.actors:
        if actor.kind == "country" and actor.country == iso:
            return actor.id
    return None


def place_actor(ctx: Context, token: Token) -> list[EventActor]:
    """A place as the target (the host of a visit): its country's actor, if any."""
    place = place_at(ctx, token)
    if place is None or place.country is None:
        return []
    found = country_actor_id(ctx, place.country)
    actor = ctx.actor(found) if found else None
    return [
        EventActor(
            actor=found,
            name=actor.name if actor is not None else place.name,
            text=token.text,
            country=place.country,
            sector=None,
            start=token.idx,
            end=token.idx + len(token),
        )
    ]


# --- details of a candidate -----------------------------------------------------------------


class Details:
    """Place, date, domestic countries and code refinements of one article's candidates."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._single: str | None = None

    def attach(self, candidate: Candidate) -> None:
        self._place(candidate)
        self._place_target(candidate)
        self._domestic(candidate)
        self._date(candidate)
        self._refine(candidate)

    def _place(self, candidate: Candidate) -> None:
        ctx = self.ctx
        spans = [(a.start, a.end) for a in (*candidate.source, *candidate.target)]
        sentence = candidate.sentence
        order = [sentence]
        for offset in (-1, 1):
            near = sentence.index + offset
            if 0 <= near < len(ctx.sentences):
                order.append(ctx.sentences[near])
        for rank, sent in enumerate(order):
            for place in ctx.places:
                for mention in place.mentions:
                    if not (sent.start_char <= mention.start < sent.end_char):
                        continue
                    if mention.start < ctx.body_start:
                        continue
                    if any(s < mention.end and mention.start < e for s, e in spans):
                        continue
                    if ctx.mention_at(mention.start, mention.end) is not None:
                        continue
                    if rank > 0 and place.precision != "city":
                        continue
                    candidate.place = place
                    candidate.place_in_sentence = rank == 0
                    return
        for place in ctx.places:
            if any(m.start < ctx.body_start for m in place.mentions):
                candidate.place = place
                candidate.place_is_dateline = True
                return

    def _place_target(self, candidate: Candidate) -> None:
        code = candidate.code.code
        if candidate.target or not code.startswith(PLACE_TARGET_CODES):
            return
        if candidate.match is not None and "notarget" in candidate.match.row.options:
            return
        place = candidate.place
        if place is None or not candidate.place_in_sentence or place.country is None:
            return
        if place.country in {a.country for a in candidate.source}:
            return
        sentence = candidate.sentence
        for mention in place.mentions:
            if sentence.start_char <= mention.start < sentence.end_char:
                span = self.ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    candidate.target = place_actor(self.ctx, span.root)
                return

    def _domestic(self, candidate: Candidate) -> None:
        if all(a.country for a in (*candidate.source, *candidate.target)):
            return
        only = self.only_country()
        here = None
        place = candidate.place
        if place is not None and candidate.place_in_sentence and not self._on_actor(place):
            here = place.country
        for side in (candidate.source, candidate.target):
            for number, actor in enumerate(side):
                if actor.country is not None or actor.sector in TRANSNATIONAL:
                    continue
                domestic = actor.sector is None or actor.sector in DOMESTIC_SECTORS
                fill = (here or only) if domestic else only
                if fill is not None:
                    side[number] = replace(actor, country=fill)

    def _on_actor(self, place: Place) -> bool:
        """A place name that overlaps an actor's name (a misread gazetteer hit)."""
        return any(self.ctx.mention_at(m.start, m.end) is not None for m in place.mentions)

    def only_country(self) -> str | None:
        """The one country an article names, if it names just one."""
        if self._single is None:
            found = {a.country for a in self.ctx.actors if a.country}
            found |= {p.country for p in self.ctx.places if p.country}
            found -= TRANSNATIONAL
            self._single = next(iter(found)) if len(found) == 1 else ""
        return self._single or None

    def _date(self, candidate: Candidate) -> None:
        ctx = self.ctx
        sent = candidate.sentence
        chosen: DateExpr | None = None
        for expr in ctx.dates:
            inside = sent.start_char <= expr.start < sent.end_char and expr.start >= ctx.body_start
            if inside and self._dates_clause(expr, candidate):
                chosen = expr
                break
        if chosen is not None:
            candidate.date, candidate.date_precision = chosen.value, chosen.precision
            if ctx.published is not None and historical(chosen, ctx.published.date()):
                candidate.flags.add("historical")
        elif ctx.published is not None:
            candidate.date = ctx.published.date().isoformat()
            candidate.date_precision = "report"

    def _dates_clause(self, expr: DateExpr, candidate: Candidate) -> bool:
        """The date expression belongs to the event's clause or to a clause reporting it (``said
        on Tuesday``), not to a noun (``the court's 2023 ruling``) nor to another clause."""
        doc = self.ctx.doc
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            return False
        clause = {candidate.predicate}
        node = doc[candidate.predicate]
        while node.head.i != node.i:
            node = node.head
            clause.add(node.i)
        node = span.root
        for _ in range(12):
            if node.i in clause:
                return True
            if node.head.i == node.i:
                return False
            node = node.head
            if node.i in clause:
                return True
            if span.start <= node.i < span.end:
                continue
            if node.pos_ in {"NOUN", "PROPN", "VERB", "AUX"}:
                return False  # a noun's date, or another clause's (said they had ... last year)
        return False

    def _refine(self, candidate: Candidate) -> None:
        found = candidate.match
        if found is None:
            return
        row = found.row
        code = candidate.code.code
        if "phone" in row.options and code.startswith("04"):
            span = self.ctx.span(candidate.sentence)
            if any(t.lower_ in PHONE_WORDS and t.i != found.predicate.i for t in span):
                code = "041"
        if "visit" in row.options and code == "040" and candidate.place is not None:
            where = candidate.place.country
            src = {a.country for a in candidate.source}
            tgt = {a.country for a in candidate.target}
            if where and candidate.target and where in src and where not in tgt:
                code = "043"
            elif where and candidate.target and where in tgt and where not in src:
                code = "042"
        if row.armed and any(a.sector in ARMED_SECTORS for a in candidate.source):
            code = row.armed
        if row.pair and (candidate.target or len(candidate.source) > 1 or _joint(found)):
            code = row.pair
        if code != candidate.code.code and code in cameo_codes():
            candidate.code = cameo_codes()[code]


def _joint(found: Match) -> bool:
    """``joint drills``: two parties named on the object."""
    obj = found.object
    return obj is not None and any(c.lower_ in JOINT_WORDS for c in obj.lefts)


def historical(expr: DateExpr, published: date) -> bool:
    """The date expression's period ends :data:`HISTORICAL_DAYS` or more before publication."""
    try:
        start = date.fromisoformat(expr.value[:10])
    except ValueError:
        return False
    if expr.precision == "year":
        end = date(start.year, 12, 31)
    elif expr.precision == "month":
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        end = nxt - timedelta(days=1)
    elif expr.precision == "week":
        end = start + timedelta(days=6)
    else:
        end = start
    return (published - end).days >= HISTORICAL_DAYS


# --- ranking and aggregation ---------------------------------------------------------------------


def rank(candidate: Candidate) -> float:
    """How well the candidate codes its happening (see :data:`RANK_WEIGHTS`)."""
    w = RANK_WEIGHTS
    score = 0.0
    if candidate.match is not None and candidate.match.score >= 3:
        score += w["specific_row"]
    if any(a.actor is not None for a in candidate.source):
        score += w["source_actor"]
    if any(a.country for a in candidate.target):
        score += w["target_known"]
    if "historical" in candidate.flags:
        score += w["historical"]
    if candidate.flags & NOT_HAPPENED:
        score += w["not_happened"]
    return score


@dataclass(slots=True)
class _Group:
    members: list[Candidate] = field(default_factory=list)
    refs: list[Mention] = field(default_factory=list)

    @property
    def best(self) -> Candidate:
        return max(self.members, key=lambda c: (c.rank, -c.sentence.index, -c.predicate))

    @property
    def first(self) -> int:
        return min(c.sentence.index for c in self.members)


def _actor_key(actor: EventActor) -> str:
    return actor.actor or f"country:{actor.country}"


def _type_key(candidate: Candidate) -> str:
    code = candidate.code
    return code.plover_type or f"cameo:{code.code[:3]}"


_Key = tuple[str, frozenset[str], frozenset[str], bool]


def _group_key(candidate: Candidate) -> _Key:
    return (
        _type_key(candidate),
        frozenset(_actor_key(a) for a in candidate.source),
        frozenset(_actor_key(a) for a in candidate.target),
        bool(candidate.flags & NOT_HAPPENED),
    )


def aggregate(
    ctx: Context, candidates: list[Candidate], refs: list[Candidate], lex: Lexicon
) -> list[Event]:
    """Events from candidates and event-noun references, in order of first mention."""
    groups: dict[_Key, _Group] = {}
    for candidate in _absorb_partial(candidates):
        groups.setdefault(_group_key(candidate), _Group()).members.append(candidate)
    ordered = sorted(groups.values(), key=lambda g: (g.first, g.members[0].predicate))
    for ref in refs:
        group = _referent(ref, ordered)
        if group is not None:
            group.refs.append(sentence_mention(ctx, ref.sentence))
    digest = hashlib.blake2b(ctx.text.encode("utf-8"), digest_size=8).hexdigest()
    return [_event(ctx, group, lex, digest) for group in ordered]


def _absorb_partial(candidates: list[Candidate]) -> list[Candidate]:
    """In one sentence, a candidate without a target joins one of the same type and source that
    has one (``closed its embassy in Belarus and withdrew all its diplomats``)."""
    out: list[Candidate] = []
    for candidate in candidates:
        if not candidate.target:
            for other in candidates:
                if (
                    other is not candidate
                    and other.target
                    and other.sentence.index == candidate.sentence.index
                    and _type_key(other) == _type_key(candidate)
                    and _group_key(other)[1] == _group_key(candidate)[1]
                    and _group_key(other)[3] == _group_key(candidate)[3]
                ):
                    candidate = replace(candidate, target=list(other.target))
                    break
        out.append(candidate)
    return out


def _referent(ref: Candidate, groups: list[_Group]) -> _Group | None:
    kind = _type_key(ref)
    participants = {_actor_key(a) for a in ref.source}
    countries = {a.country for a in ref.source if a.country}
    fits: list[_Group] = []
    for group in groups:
        best = group.best
        if _type_key(best) != kind or best.flags & NOT_HAPPENED:
            continue
        actors = [a for m in group.members for a in (*m.source, *m.target)]
        keys = {_actor_key(a) for a in actors}
        their_countries = {a.country for a in actors if a.country}
        if participants - keys and not (countries and countries <= their_countries):
            continue
        fits.append(group)
    if not fits:
        return None
    index = ref.sentence.index
    before = [g for g in fits if g.first <= index]
    if before:
        return max(before, key=lambda g: g.first)
    return min(fits, key=lambda g: g.first)


def _event(ctx: Context, group: _Group, lex: Lexicon, digest: str) -> Event:
    best = group.best
    mentions: dict[int, Mention] = {}
    for member in group.members:
        mention = sentence_mention(ctx, member.sentence)
        mentions.setdefault(mention.start, mention)
    for mention in group.refs:
        mentions.setdefault(mention.start, mention)
    evidence = sentence_mention(ctx, best.sentence)
    place, on_dateline = best.place, best.place_is_dateline
    if place is None or on_dateline:
        for member in group.members:
            if member.place is not None and not member.place_is_dateline:
                place, on_dateline = member.place, False
                break
    when, precision = best.date, best.date_precision
    if precision == "report":
        for member in group.members:
            if member.date_precision not in {None, "report"}:
                when, precision = member.date, member.date_precision
                break
    code = best.code
    key = "|".join([digest, str(evidence.start), code.code, *(_actor_key(a) for a in best.source)])
    event = Event(
        id="ev" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest(),
        type=code.plover_type,
        mode=code.plover_mode,
        cameo=code.code,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        source=tuple(best.source),
        target=tuple(best.target),
        evidence=evidence,
        mentions=tuple(mentions[k] for k in sorted(mentions)),
        place=place,
        place_is_dateline=on_dateline,
        date=when,
        date_precision=precision,
        quote=best.quote,
        flags=tuple(sorted(best.flags)),
        confidence=0.0,
        coder=lex.coder,
    )
    return replace(event, confidence=fitted_confidence(event))
