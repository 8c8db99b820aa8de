"""``eventwire eval events GOLD.jsonl``: event coding accuracy against hand-coded texts.

Gold format, one JSON object a line::

    {"id": "g0001", "text": "...", "published": "2025-05-19",
     "events": [{"type": "COERCE", "cameo": "1722",
                 "source": [{"text": "...", "country": "NIC", "sector": "GOV"}],
                 "target": [...]}]}

``events: []`` says the text holds no event; ``type`` is ``null`` for the CAMEO 011-018 comments.

Each text runs through the real annotate stage (:func:`eventwire.annotate.annotate_many`) as an
article with that id, text and publication date.  Predicted events flagged ``negated`` or
``hypothetical`` did not happen and are not scored (the gold codes happenings only).  The
figures, all micro-averaged over the whole set:

* **type**: the sets of ``(id, type)`` pairs (``null`` counts as a type);
* **source** / **target country**: for each ``(id, type)`` found in both, the sets of countries
  of that side (actors without a country are left out);
* **triple**: ``(id, type, source country, target country)``, one per pair of a source and a
  target actor of an event (``-`` for an empty side or an unknown country), so an event with two
  targets gives two triples;
* **CAMEO root**: ``(id, first two digits of the code)`` over the texts whose gold events all
  carry a code (a text with no gold event counts: a predicted event there is a false positive).

``--calibration`` adds a reliability table: predicted events in confidence bins, with the share
of them whose type is right (``(id, type)`` in the gold) and whose whole coding is right (type,
and every source-target country pair a gold triple).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..records import Article, Event
from . import f1_score

NOT_HAPPENED = frozenset({"negated", "hypothetical"})
CALIBRATION_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
NONE = "-"


@dataclass(frozen=True, slots=True)
class GoldText:
    id: str
    text: str
    published: datetime | None
    events: tuple[dict[str, Any], ...]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[Any], gold: set[Any]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Report:
    texts: int = 0
    type: Counts = field(default_factory=Counts)
    source_country: Counts = field(default_factory=Counts)
    target_country: Counts = field(default_factory=Counts)
    triple: Counts = field(default_factory=Counts)
    cameo_root: Counts = field(default_factory=Counts)
    calibration: list[tuple[float, bool, bool]] = field(default_factory=list)
    """(confidence, type right, coding right) of every scored predicted event: the type is
    right when the text's gold has an event of that type; the coding is right when, besides,
    every (source country, target country) pair of the event is a gold triple."""
    errors: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "type": self.type.as_dict(),
            "source_country": self.source_country.as_dict(),
            "target_country": self.target_country.as_dict(),
            "triple": self.triple.as_dict(),
            "cameo_root": self.cameo_root.as_dict(),
            "type_f1": round(self.type.f1, 4),
            "triple_f1": round(self.triple.f1, 4),
            "cameo_root_f1": round(self.cameo_root.f1, 4),
        }

    def reliability(self) -> list[dict[str, float | int]]:
        rows: list[dict[str, float | int]] = []
        for low, high in itertools.pairwise(CALIBRATION_BINS):
            inside = [item for item in self.calibration if low <= item[0] < high]
            if not inside:
                continue
            rows.append(
                {
                    "low": low,
                    "high": min(high, 1.0),
                    "events": len(inside),
                    "mean_confidence": round(sum(c for c, _, _ in inside) / len(inside), 3),
                    "type_precision": round(sum(ok for _, ok, _ in inside) / len(inside), 3),
                    "coding_precision": round(sum(ok for _, _, ok in inside) / len(inside), 3),
                }
            )
        return rows


def load_gold(path: Path) -> list[GoldText]:
    """The gold texts of a JSONL file; a bad line raises ``click.ClickException`` naming it."""
    out: list[GoldText] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                published = data.get("published")
                out.append(
                    GoldText(
                        id=str(data["id"]),
                        text=str(data["text"]),
                        published=datetime.fromisoformat(published) if published else None,
                        events=tuple(data.get("events") or ()),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise click.ClickException(f"{path}:{number}: not a gold line ({exc})") from exc
    return out


def predict(texts: Sequence[GoldText]) -> Iterator[tuple[GoldText, list[Event]]]:
    """Each gold text with the events the annotate stage codes in it."""
    from ..annotate import annotate_many

    articles = (
        Article(id=t.id, text=t.text, published_at=t.published, language="en") for t in texts
    )
    for gold, annotated in zip(texts, annotate_many(articles), strict=True):
        yield gold, list(annotated.events)


def _type(value: str | None) -> str:
    return value if value else "null"


def _countries(actors: Iterable[Any]) -> set[str]:
    out = set()
    for actor in actors:
        country = actor.get("country") if isinstance(actor, dict) else actor.country
        if country:
            out.add(str(country))
    return out


def _triples(doc: str, kind: str, source: Sequence[Any], target: Sequence[Any]) -> set[Any]:
    def values(actors: Sequence[Any]) -> list[str]:
        out = []
        for actor in actors:
            country = actor.get("country") if isinstance(actor, dict) else actor.country
            out.append(str(country) if country else NONE)
        return out or [NONE]

    return {(doc, kind, s, t) for s in values(source) for t in values(target)}


def score(pairs: Iterable[tuple[GoldText, list[Event]]], *, keep_errors: bool = False) -> Report:
    """Score predictions against the gold (see the module doc for each figure)."""
    report = Report()
    for gold, predicted in pairs:
        report.texts += 1
        doc = gold.id
        events = [e for e in predicted if not set(e.flags) & NOT_HAPPENED]
        gold_types = {(doc, _type(e.get("type"))) for e in gold.events}
        pred_types = {(doc, _type(e.type)) for e in events}
        report.type.add(pred_types, gold_types)
        for kind in {k for _, k in gold_types & pred_types}:
            g = [e for e in gold.events if _type(e.get("type")) == kind]
            p = [e for e in events if _type(e.type) == kind]
            report.source_country.add(
                {(doc, kind, c) for e in p for c in _countries(e.source)},
                {(doc, kind, c) for e in g for c in _countries(e.get("source") or ())},
            )
            report.target_country.add(
                {(doc, kind, c) for e in p for c in _countries(e.target)},
                {(doc, kind, c) for e in g for c in _countries(e.get("target") or ())},
            )
        gold_triples: set[Any] = set()
        for e in gold.events:
            gold_triples |= _triples(
                doc, _type(e.get("type")), e.get("source") or (), e.get("target") or ()
            )
        pred_triples: set[Any] = set()
        for ev in events:
            pred_triples |= _triples(doc, _type(ev.type), ev.source, ev.target)
        report.triple.add(pred_triples, gold_triples)
        if all(e.get("cameo") for e in gold.events):
            report.cameo_root.add(
                {(doc, ev.cameo[:2]) for ev in events},
                {(doc, str(e["cameo"])[:2]) for e in gold.events},
            )
        for ev in events:
            kind = _type(ev.type)
            triples = _triples(doc, kind, ev.source, ev.target)
            type_ok = (doc, kind) in gold_types
            report.calibration.append((ev.confidence, type_ok, type_ok and triples <= gold_triples))
        if keep_errors and (pred_types != gold_types or pred_triples != gold_triples):
            report.errors.append(
                {
                    "id": doc,
                    "text": gold.text,
                    "gold": sorted(
                        f"{_type(e.get('type'))}/{e.get('cameo')} "
                        f"{sorted(_countries(e.get('source') or ()))}->"
                        f"{sorted(_countries(e.get('target') or ()))}"
                        for e in gold.events
                    ),
                    "predicted": sorted(
                        f"{_type(e.type)}/{e.cameo} {sorted(_countries(e.source))}->"
                        f"{sorted(_countries(e.target))} {','.join(e.flags)}"
                        for e in predicted
                    ),
                }
            )
    return report


def evaluate(path: Path, *, keep_errors: bool = False) -> Report:
    """Run the annotate stage over a gold file and score it."""
    texts = load_gold(path)
    return score(predict(texts), keep_errors=keep_errors)


@click.command(name="events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--calibration", is_flag=True, help="Add a confidence reliability table.")
@click.option("--errors", "show_errors", is_flag=True, help="List the texts coded differently.")
def eval_command(gold: Path, as_json: bool, calibration: bool, show_errors: bool) -> None:
    """Score event coding (type, countries, triples, CAMEO root) against a gold JSONL file.

    \b
    Example:
        eventwire eval events eval/gold/events.jsonl
        eventwire eval events eval/gold/events.jsonl --json
    """
    report = evaluate(gold, keep_errors=show_errors)
    if not report.texts:
        raise click.ClickException(f"no gold texts in {gold}")
    figures = report.figures()
    if calibration:
        figures["calibration"] = report.reliability()
    if show_errors:
        figures["errors"] = report.errors
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    click.echo(f"{report.texts} texts from {gold} (micro-averaged)")
    click.echo(
        f"{'measure':<16} {'precision':>9} {'recall':>9} {'F1':>9} {'tp':>5} {'fp':>5} {'fn':>5}"
    )
    for name in ("type", "source_country", "target_country", "triple", "cameo_root"):
        c: Counts = getattr(report, name)
        click.echo(
            f"{name:<16} {c.precision:>9.4f} {c.recall:>9.4f} {c.f1:>9.4f} "
            f"{c.tp:>5} {c.fp:>5} {c.fn:>5}"
        )
    if calibration:
        click.echo("\nconfidence bin   events  mean conf  type precision  coding precision")
        for row in report.reliability():
            click.echo(
                f"[{row['low']:.1f}, {row['high']:.1f})   {row['events']:>6}  "
                f"{row['mean_confidence']:>9.3f}  {row['type_precision']:>14.3f}  "
                f"{row['coding_precision']:>16.3f}"
            )
    if show_errors:
        click.echo(f"\n{len(report.errors)} texts coded differently:")
        for item in report.errors:
            click.echo(f"- {item['id']}: {item['text']}")
            click.echo(f"    gold: {item['gold']}")
            click.echo(f"    got:  {item['predicted']}")
