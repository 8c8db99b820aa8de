"""``eventwire eval quotes DIR``: quotes and their speakers against PolNeAR attributions.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) marks every attribution of US political news:
direct and indirect quotes, beliefs and intentions, each a source, a cue and a content span, in
brat standoff files (``attributions/NAME_ANNOTATOR.ann`` beside ``text/NAME.txt``).

Scoring (:func:`score_document`):

* Each predicted attribution is a content token set.  Quotes that share a speaker span and cue are
  one attribution (``"A," he said. "B."``: PolNeAR joins the pieces), as a gold content may be
  discontinuous.  Tokens are the ``\\w+`` runs of the text.
* A prediction matches a gold attribution when it covers at least half of the gold content's
  tokens; matching is one-to-one, best coverage first.  Content precision = matched / predicted,
  recall = matched / gold.
* Source: a matched pair whose predicted speaker span overlaps the gold source span counts.
  Precision = such pairs / predictions with a speaker; recall = such pairs / gold attributions
  with a source.

An article annotated by several annotators (a few, for agreement studies) is scored against the
first annotation file in sorted order.  The test split is not used (PolNeAR asks analysts to keep
it unseen); this command scores one split directory.
"""

from __future__ import annotations

import json
import re
import sys
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import click

from ..records import Quote
from . import f1_score

WORD = re.compile(r"\w+")
ANN_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
EVENT_LINE = re.compile(r"^(E\d+)\t(.*)$")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution (gold or predicted) as character spans."""

    content: Spans
    source: Spans = ()
    cue: Spans = ()


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    gold_sources: int = 0
    predicted_sources: int = 0
    matched_sources: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def content(self) -> dict[str, float]:
        return prf(self.matched, self.predicted, self.gold)

    def source(self) -> dict[str, float]:
        return prf(self.matched_sources, self.predicted_sources, self.gold_sources)


def prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    return {"precision": precision, "recall": recall, "f1": f1_score(precision, recall)}


# --- reading PolNeAR ------------------------------------------------------------------------


def read_brat(text: str) -> list[Attribution]:
    """Attributions of one brat standoff file (the ``E`` lines linking Source/Cue/Content)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in text.split("\n"):
        entity = ANN_LINE.match(line)
        if entity:
            parts = (tuple(int(n) for n in piece.split()) for piece in entity.group(3).split(";"))
            spans[entity.group(1)] = tuple((p[0], p[1]) for p in parts if len(p) == 2)
            continue
        event = EVENT_LINE.match(line)
        if event:
            args = dict(a.split(":", 1) for a in event.group(2).split() if ":" in a)
            events.append(args)
    found: list[Attribution] = []
    for args in events:
        content = tuple(
            span
            for role, ref in sorted(args.items())
            if role.startswith("Content")
            for span in spans.get(ref, ())
        )
        if not content:
            continue
        found.append(
            Attribution(
                content=content,
                source=spans.get(args.get("Source", ""), ()),
                cue=spans.get(args.get("Cue", ""), ()),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    gold: tuple[Attribution, ...]


def read_split(directory: Path) -> Iterator[Article]:
    """Articles of a PolNeAR split directory (``text/`` and ``attributions/``), in name order."""
    texts = directory / "text"
    annotations = directory / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise click.UsageError(
            f"{directory} has no text/ and attributions/ folders; pass a PolNeAR split "
            "directory such as PolNeAR/data/dev"
        )
    chosen: dict[str, Path] = {}
    for path in sorted(annotations.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        chosen.setdefault(name, path)
    for name, path in chosen.items():
        text_path = texts / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text("utf-8")
        yield Article(name, text, tuple(read_brat(path.read_text("utf-8"))))


# --- scoring --------------------------------------------------------------------------------


def predicted_attributions(quotes: Iterable[Quote]) -> list[Attribution]:
    """Quotes as attributions: pieces with the same speaker span and cue are one."""
    groups: dict[tuple[int, int, str | None], list[Quote]] = {}
    alone: list[Attribution] = []
    for quote in quotes:
        if quote.speaker is None:
            alone.append(Attribution(content=((quote.start, quote.end),)))
            continue
        key = (quote.speaker.start, quote.speaker.end, quote.cue)
        groups.setdefault(key, []).append(quote)
    grouped = [
        Attribution(
            content=tuple((q.start, q.end) for q in members),
            source=((key[0], key[1]),),
        )
        for key, members in groups.items()
    ]
    return sorted([*grouped, *alone], key=lambda a: a.content[0])


def _tokens(words: Sequence[int], spans: Spans) -> frozenset[int]:
    """Indices of the words (by start offset) that lie in any of ``spans``."""
    chosen: set[int] = set()
    for start, end in spans:
        chosen.update(range(bisect_left(words, start), bisect_left(words, end)))
    return frozenset(chosen)


def _overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def score_document(
    text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]
) -> Counts:
    """Match predictions to gold one-to-one (coverage >= half of the gold tokens) and count."""
    words = [m.start() for m in WORD.finditer(text)]
    gold_tokens = [_tokens(words, g.content) for g in gold]
    predicted_tokens = [_tokens(words, p.content) for p in predicted]
    candidates: list[tuple[float, int, int, int]] = []
    for gi, g_tokens in enumerate(gold_tokens):
        if not g_tokens:
            continue
        for pi, p_tokens in enumerate(predicted_tokens):
            shared = len(g_tokens & p_tokens)
            if shared and 2 * shared >= len(g_tokens):
                candidates.append((shared / len(g_tokens), shared, gi, pi))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    counts = Counts(
        gold=sum(1 for t in gold_tokens if t),
        predicted=len(predicted),
        gold_sources=sum(1 for g, t in zip(gold, gold_tokens, strict=True) if g.source and t),
        predicted_sources=sum(1 for p in predicted if p.source),
    )
    gold_done: set[int] = set()
    predicted_done: set[int] = set()
    for _, _, gi, pi in candidates:
        if gi in gold_done or pi in predicted_done:
            continue
        gold_done.add(gi)
        predicted_done.add(pi)
        counts.matched += 1
        if (
            gold[gi].source
            and predicted[pi].source
            and _overlaps(gold[gi].source, predicted[pi].source)
        ):
            counts.matched_sources += 1
    return counts


# --- running ----------------------------------------------------------------------------------


QuoteFinder = Callable[[Sequence[str]], Iterator[Sequence[Quote]]]
"""Texts in, their quotes out (in order, streaming)."""


def stage_quotes(texts: Sequence[str]) -> Iterator[Sequence[Quote]]:
    """Quotes as eventwire ships them: each text through the whole annotate stage."""
    from ..annotate import annotate_many
    from ..records import Article as Record
    from ..records import article_id

    records = (Record(id=article_id(None, text), text=text, language="en") for text in texts)
    for annotated in annotate_many(records):
        yield annotated.quotes


@dataclass(slots=True)
class Report:
    articles: int = 0
    seconds: float = 0.0
    counts: Counts = field(default_factory=Counts)
    quoted: Counts = field(default_factory=Counts)
    """The same scores restricted to gold attributions whose content holds a quotation mark."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "seconds": round(self.seconds, 2),
            "counts": asdict(self.counts),
            "content": self.counts.content(),
            "source": self.counts.source(),
            "quoted_recall": prf(self.quoted.matched, self.quoted.predicted, self.quoted.gold)[
                "recall"
            ],
        }


QUOTE_MARKS = re.compile('["“”«»„]')


def evaluate(
    articles: Iterable[Article], find: QuoteFinder = stage_quotes, limit: int | None = None
) -> Report:
    """Score ``find`` on ``articles`` (the first ``limit`` of them)."""
    report = Report()
    started = time.perf_counter()
    chosen = list(islice(articles, limit))
    for article, quotes in zip(chosen, find([a.text for a in chosen]), strict=True):
        predicted = predicted_attributions(quotes)
        report.counts.add(score_document(article.text, article.gold, predicted))
        quoted = [
            g
            for g in article.gold
            if any(QUOTE_MARKS.search(article.text[s:e]) for s, e in g.content)
        ]
        quoted_counts = score_document(article.text, quoted, predicted)
        report.quoted.gold += quoted_counts.gold
        report.quoted.matched += quoted_counts.matched
        report.articles += 1
    report.seconds = time.perf_counter() - started
    return report


def _table(report: Report) -> str:
    content, source = report.counts.content(), report.counts.source()
    c = report.counts
    lines = [
        f"PolNeAR attributions: {report.articles} articles, {report.seconds:.1f} s",
        "",
        f"{'':10} {'gold':>6} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}",
        f"{'content':10} {c.gold:6} {c.predicted:6} {c.matched:6} "
        f"{content['precision']:6.3f} {content['recall']:6.3f} {content['f1']:6.3f}",
        f"{'source':10} {c.gold_sources:6} {c.predicted_sources:6} {c.matched_sources:6} "
        f"{source['precision']:6.3f} {source['recall']:6.3f} {source['f1']:6.3f}",
        "",
        f"recall on quoted gold content (holds a quotation mark): "
        f"{report.to_dict()['quoted_recall']:.3f} of {report.quoted.gold}",
    ]
    return "\n".join(lines)


@click.command("quotes")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
def eval_command(directory: Path, as_json: bool, limit: int | None) -> None:
    """Score quotes and speakers against a PolNeAR split (text/ + attributions/).

    \b
    Example:
        eventwire eval quotes PolNeAR/data/dev
        eventwire eval quotes PolNeAR/data/dev --limit 10 --json
    """
    report = evaluate(read_split(directory), stage_quotes, limit)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(_table(report))
    sys.stdout.flush()
