"""``eventwire eval entities DIR``: named mentions of people, organizations and places, against
GUM (the Georgetown University Multilayer corpus: Wikinews news and interviews).

Gold: GUM's entity layer in its CoNLL-U files (``dep/*.conllu``: ``Entity=`` in the MISC
column), types ``person``, ``organization`` and ``place``.  A gold mention counts when it is
named: its head word (the one word whose syntactic head lies outside the mention) is a proper
noun.  The name is then the run of proper nouns around the head (joined across ``of``, ``and``,
``&`` and ``the`` between two proper nouns): ``US political activist Noam Chomsky`` is scored as
``Noam Chomsky``, ``North Korea's military`` is not named.

Predicted, from the records eventwire writes (nothing internal): person actors' mentions, cut to
the name (a title before it is dropped: ``Russian Defense Minister Andrei Belousov`` counts as
``Andrei Belousov``); organization and IGO actors' named mentions; every place mention (so a
country is a place here: GUM itself calls a country a place or an organization by context).
A name that is both an organization's mention and a place's (a site: ``Kennedy Space Center``,
``Museum of Flight``) is one mention, scored as a place, as GUM types buildings and facilities.
Pronouns and common-noun mentions (``the ministry``) are not named and not scored.

Scores: precision, recall and F1 by type, exact spans, and with any overlap (``partial``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..records import Annotated, Article
from . import f1_score

TYPES = ("person", "organization", "place")
FLOORS = {"person": 0.80, "place": 0.75}
"""The issue's goals; ``--check`` fails below them."""

_ENTITY = re.compile(r"\(([^()]+?)(\))?(?=\(|\d+\)|$)|(\d+)\)")
_JOINERS = frozenset({"of", "and", "&", "the", "de", "for"})
_PERSON_JOINERS = frozenset({"the", "de"})
"""``of`` is not among them: ``Cheng Chung-tai of Civic Passion`` is a name and a party."""
_NAME_DEPS = frozenset({"flat", "compound", "goeswith", "amod"})
_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "saint",
        "st",
        "rev",
        "reverend",
        "father",
        "pope",
        "senator",
        "governor",
        "mayor",
        "judge",
        "justice",
        "general",
        "colonel",
        "captain",
        "sergeant",
        "lieutenant",
        "admiral",
        "administrator",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "coach",
        "manager",
        "president",
        "commissioner",
        "ambassador",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "representative",
        "rep",
        "sen",
        "gov",
        "congressman",
        "congresswoman",
        "officer",
        "agent",
        "detective",
        "attorney",
        "ceo",
        "spokesman",
        "spokeswoman",
    ]
)
"""Titles GUM writes as proper nouns ("President Barack Obama"): not part of a person's name."""


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    upos: str
    deprel: str
    head: int
    """0-based index of the syntactic head in the document, -1 for a root."""


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    tokens: list[Token]
    mentions: set[tuple[int, int, str]] = field(default_factory=set)


def read_conllu(path: Path) -> GoldDoc:
    """One GUM document: its text (tokens joined as written) and its named gold mentions."""
    tokens: list[Token] = []
    parts: list[str] = []
    pos = 0
    open_: dict[str, list[tuple[int, str]]] = {}
    spans: list[tuple[int, int, str]] = []
    sentence_start = 0
    glue = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and parts:
            glue = "\n"
        if not line or line.startswith("#"):
            if not line:
                sentence_start = len(tokens)
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        if parts and glue:
            parts.append(glue)
            pos += len(glue)
        head = int(cols[6])
        start = pos
        parts.append(cols[1])
        pos += len(cols[1])
        index = len(tokens)
        tokens.append(
            Token(cols[1], start, pos, cols[3], cols[7], sentence_start + head - 1 if head else -1)
        )
        misc = dict(f.split("=", 1) for f in cols[9].split("|") if "=" in f)
        glue = "" if misc.get("SpaceAfter") == "No" else " "
        for found in _ENTITY.finditer(misc.get("Entity", "")):
            if found.group(1):
                spec = found.group(1).split("-")
                eid, etype = spec[0], spec[1]
                if found.group(2):
                    spans.append((index, index + 1, etype))
                else:
                    open_.setdefault(eid, []).append((index, etype))
            elif found.group(3):
                stack = open_.get(found.group(3))
                if stack:
                    begin, etype = stack.pop()
                    spans.append((begin, index + 1, etype))
    text = "".join(parts)
    doc = GoldDoc(path.stem, text, tokens)
    for begin, end, etype in spans:
        if etype in TYPES:
            name = _name_span(
                tokens, begin, end, _PERSON_JOINERS if etype == "person" else _JOINERS
            )
            if name is not None and etype == "person":
                name = _drop_title(tokens, *name)
            if name is not None:
                doc.mentions.add((tokens[name[0]].start, tokens[name[1] - 1].end, etype))
    return doc


def _name_span(
    tokens: list[Token], begin: int, end: int, joiners: frozenset[str] = _JOINERS
) -> tuple[int, int] | None:
    person = joiners is _PERSON_JOINERS
    heads = [i for i in range(begin, end) if not begin <= tokens[i].head < end]
    if not heads:
        return None
    head = heads[0]
    if tokens[head].upos != "PROPN":
        # "Facebook creator Mark Zuckerberg": the name hangs on the title noun (flat, appos)
        first = end
        while first > begin and tokens[first - 1].upos == "PROPN":
            first -= 1
        if first in (end, begin) or tokens[first].head != head:
            return None
        if tokens[first].deprel.split(":")[0] not in {"flat", "appos"}:
            return None
        head = first
    left = head
    while left > begin and (
        (_name_like(tokens[left - 1]) and (not person or _in_name(tokens, left - 1, end)))
        or _glued(tokens, left - 1)
        or (
            tokens[left - 1].text.lower() in joiners
            and left - 2 >= begin
            and _name_like(tokens[left - 2])
        )
    ):
        left -= 1
    right = head + 1
    while right < end and (
        _name_like(tokens[right])
        or _glued(tokens, right)
        or (
            tokens[right].text.lower() in joiners
            and right + 1 < end
            and _name_like(tokens[right + 1])
        )
    ):
        right += 1
    while left < right and tokens[left].text.lower() in _JOINERS:
        left += 1
    return left, right


def _in_name(tokens: list[Token], i: int, end: int) -> bool:
    """A word before a person's name head belongs to the name only when it hangs on a later
    word of the mention as part of the name (flat, compound, amod: ``Black Widow``), not as a
    description: ``Scientologist Tom Cruise`` (nmod:desc), ``Biologist Nick Bos`` (the name
    hangs on the noun) and ``United States Hamdullah Mohib`` (nmod) are ``Tom Cruise``,
    ``Nick Bos`` and ``Hamdullah Mohib``."""
    token = tokens[i]
    return token.deprel in _NAME_DEPS and i < token.head < end


def _name_like(token: Token) -> bool:
    """A proper noun, or a capitalized word inside a name ("United", "New", "Democratic")."""
    if token.upos == "PROPN":
        return True
    return token.text[:1].isupper() and token.upos in {"ADJ", "NOUN", "NUM", "X", "VERB"}


def _glued(tokens: list[Token], i: int) -> bool:
    """A hyphen or word written without spaces between two parts of a name ("Cheuk-yan")."""
    before = i > 0 and tokens[i - 1].end == tokens[i].start
    after = i + 1 < len(tokens) and tokens[i].end == tokens[i + 1].start
    return (tokens[i].text == "-" and before and after) or (
        before and tokens[i - 1].text == "-" and tokens[i].text.isalpha()
    )


def _drop_title(tokens: list[Token], begin: int, end: int) -> tuple[int, int] | None:
    cut = begin
    for i in range(begin, end):
        if tokens[i].text.lower().rstrip(".") in _HONORIFICS:
            cut = i + 1
    if cut < end and tokens[cut].text.lower() in _JOINERS:
        return None  # "Governor of Virginia": a title, no name
    return (cut, end) if cut < end else None


def predicted(result: Annotated) -> set[tuple[int, int, str]]:
    """The named mentions eventwire's records claim, typed as GUM types them."""
    text = result.article.text
    out: set[tuple[int, int, str]] = set()
    for actor in result.actors:
        if actor.kind == "group":
            if actor.role is not None:
                continue  # a noun for a group ("Officials" opening a sentence): not a name
            for m in actor.mentions:
                if m.text[:1].isupper() and " " not in m.text:
                    out.add((m.start, m.end, "person"))
        elif actor.kind == "person":
            words = actor.name.split()
            if actor.role and actor.role.lower().split()[-1] in actor.name.lower():
                continue  # named by a title ("Governor", "Syria's foreign minister")
            for m in actor.mentions:
                span = _person_name(m.start, m.end, text, words)
                if span is not None:
                    out.add((*span, "person"))
        elif actor.kind in {"organization", "igo"}:
            for m in actor.mentions:
                span = _named(m.start, m.end, text)
                if span is not None:
                    out.add((*span, "organization"))
    countries = {(m.start, m.end) for a in result.actors if a.kind == "country" for m in a.mentions}
    for place in result.places:
        for m in place.mentions:
            span = _named(m.start, m.end, text)
            if span is None:
                continue
            acting = (m.start, m.end) in countries and _acting(text, m.start, m.end)
            out.add((*span, "organization" if acting else "place"))
            if not acting:
                out.discard((*span, "organization"))  # a site's name: one mention, a place
    return out


_LOCATIVE = frozenset(
    [
        "in",
        "to",
        "from",
        "at",
        "across",
        "into",
        "throughout",
        "within",
        "near",
        "inside",
        "outside",
        "of",
        "for",
        "on",
        "via",
        "through",
    ]
)
_VERBISH = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "said",
        "says",
        "beat",
        "won",
        "lost",
        "plays",
        "played",
    ]
)


def _acting(text: str, start: int, end: int) -> bool:
    """A country that acts (GUM calls it an organization): its name is a possessive or is
    followed by a verb, and no locative preposition stands before it."""
    before = text[max(0, start - 20) : start].split()
    if before and before[-1].lower() in _LOCATIVE:
        return False
    after = text[end : end + 20]
    if after.startswith(("'s", "’s")):
        return True
    words = after.split()
    word = words[0].lower().strip(",.;:") if words else ""
    return word in _VERBISH or (word.endswith("ed") and word.isalpha())


def _named(start: int, end: int, text: str) -> tuple[int, int] | None:
    piece = text[start:end]
    if piece.lower().startswith("the "):
        start += 4
        piece = piece[4:]
    if not any(w[:1].isupper() for w in piece.split()):
        return None
    return start, end


def _person_name(start: int, end: int, text: str, name: list[str]) -> tuple[int, int] | None:
    words = text[start:end].split()
    # the name is the mention's tail: a title before it, capitalized or not ("student Ahmed
    # Mohamed"), is dropped
    for size in range(min(len(name), len(words)), 0, -1):
        if not words[-size][:1].isupper():
            continue
        if words[-size:] == name[-size:] or words[-size:] == name[:size]:
            cut = text.rfind(" ".join(words[-size:]), start, end)
            return (cut if cut >= 0 else start), end
    return None


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    partial_tp: int = 0

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = f1_score(p, r)
        pp = self.partial_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        pr = self.partial_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        pf = f1_score(pp, pr)
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "partial_f1": round(pf, 4),
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
        }


def score(
    gold: set[tuple[int, int, str]], pred: set[tuple[int, int, str]], counts: dict[str, Counts]
) -> None:
    for etype in TYPES:
        g = {(s, e) for s, e, t in gold if t == etype}
        p = {(s, e) for s, e, t in pred if t == etype}
        c = counts[etype]
        c.tp += len(g & p)
        c.fp += len(p - g)
        c.fn += len(g - p)
        c.partial_tp += sum(1 for s, e in g if any(ps < e and s < pe for ps, pe in p))


def documents(directory: Path) -> Iterator[Path]:
    yield from sorted(directory.rglob("*.conllu"))


def evaluate(directory: Path, limit: int | None = None) -> dict[str, Any]:
    from ..annotate import annotate_many

    docs = [read_conllu(p) for p in list(documents(directory))[:limit]]
    articles = [Article(id=d.name, text=d.text) for d in docs]
    counts = {t: Counts() for t in TYPES}
    for doc, result in zip(docs, annotate_many(articles), strict=True):
        score(doc.mentions, predicted(result), counts)
    total = Counts()
    for c in counts.values():
        total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        total.partial_tp += c.partial_tp
    return {
        "documents": len(docs),
        "types": {t: counts[t].scores() for t in TYPES},
        "micro": total.scores(),
    }


@click.command("entities")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents.")
@click.option("--check", is_flag=True, help="Exit 1 when a type's F1 is below its floor.")
def eval_command(directory: Path, as_json: bool, limit: int | None, check: bool) -> None:
    """Score named people, organizations and places on GUM's CoNLL-U files under DIRECTORY.

    \b
    Example:
        eventwire eval entities ../shared/data/entities/gum
    """
    report = evaluate(directory, limit)
    if as_json:
        click.echo(json.dumps(report))
    else:
        click.echo(f"{'type':14s} {'P':>6s} {'R':>6s} {'F1':>6s} {'partial':>8s} {'gold':>5s}")
        for name, s in [*report["types"].items(), ("micro", report["micro"])]:
            click.echo(
                f"{name:14s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                f"{s['partial_f1']:8.3f} {s['gold']:5d}"
            )
    if check:
        low = [t for t, floor in FLOORS.items() if report["types"][t]["f1"] < floor]
        if low:
            raise click.ClickException(f"F1 below the floor for {', '.join(low)}")
