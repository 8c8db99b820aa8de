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
   mentions (short names, ``the ministry``, pronouns); see
   :meth:`~eventwire.annotate.eventcoder.arguments._Arguments.resolve` for noun phrases that are
   not an actor's mention.  No source, no event;
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

from collections.abc import Sequence

from ..records import Event, Quote
from .aggregate import Details, aggregate, rank
from .coding import Lexicon, default_lexicon
from .context import Context
from .eventcoder.coder import _Coder
from .eventcoder.sides import ARMS as ARMS

__all__ = ["code_events"]


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
        candidate.rank = rank(candidate)
    return aggregate(ctx, candidates, coder.nominal_refs(candidates), lex)
