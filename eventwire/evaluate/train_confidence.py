"""``eventwire train confidence``: fit the event confidence model on hand-made gold sets.

Each event the coder finds in a gold text is one example, labelled right when it happened (the
gold codes happenings only: a negated or hypothetical event is wrong), its type is in the gold and
its (type, source country, target country) triples are all gold triples: the "coding precision"
of ``eventwire eval events --calibration``.  A logistic regression (scikit-learn, the ``train``
extra) on :data:`eventwire.annotate.confidence.FEATURES` is fitted; the command prints its
five-fold cross-validated log-loss, Brier score and AUC beside those of the model shipped now,
and writes the weights with a header that records the data (file names, sizes, sha256), the
fit and those figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import click

from ..annotate.confidence import FEATURES, default_model, features
from .events import NOT_HAPPENED, _triples, _type, load_gold, predict

SEED = 20261126
FOLDS = 5


def examples(paths: Sequence[Path]) -> tuple[list[list[float]], list[int], list[float]]:
    """Features, labels and the shipped model's confidence of every event coded in the gold
    texts."""
    rows: list[list[float]] = []
    labels: list[int] = []
    shipped: list[float] = []
    model = default_model()
    for path in paths:
        for gold, events in predict(load_gold(path)):
            doc = gold.id
            gold_types = {(doc, _type(e.get("type"))) for e in gold.events}
            gold_triples: set[Any] = set()
            for e in gold.events:
                gold_triples |= _triples(
                    doc, _type(e.get("type")), e.get("source") or (), e.get("target") or ()
                )
            for event in events:
                kind = _type(event.type)
                right = (
                    not set(event.flags) & NOT_HAPPENED
                    and (doc, kind) in gold_types
                    and _triples(doc, kind, event.source, event.target) <= gold_triples
                )
                values = features(event)
                rows.append([values[name] for name in FEATURES])
                labels.append(int(right))
                shipped.append(model.score(values))
    return rows, labels, shipped


def _figures(labels: Sequence[int], probabilities: Sequence[float]) -> dict[str, float]:
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    clipped = [min(max(p, 1e-6), 1 - 1e-6) for p in probabilities]
    return {
        "log_loss": round(float(log_loss(labels, clipped, labels=[0, 1])), 4),
        "brier": round(float(brier_score_loss(labels, clipped)), 4),
        "auc": round(float(roc_auc_score(labels, clipped)), 4),
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@click.command(name="confidence")
@click.argument(
    "gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("eventwire/knowledge/confidence.tsv"),
    show_default=True,
    help="Model file to write.",
)
@click.option("--c", "strength", type=float, default=3.0, show_default=True,
              help="Inverse regularisation strength of the logistic regression.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def train_command(gold: tuple[Path, ...], out: Path, strength: float, as_json: bool) -> None:
    """Fit the event confidence model on gold JSONL files (needs the 'train' extra).

    \b
    Example:
        eventwire train confidence eval/gold/events.jsonl eval/gold/heldout.jsonl
    """
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError as exc:
        raise click.ClickException(
            "scikit-learn is missing: pip install 'eventwire[train]'"
        ) from exc
    rows, labels, shipped = examples(gold)
    if len(set(labels)) < 2 or min(labels.count(0), labels.count(1)) < FOLDS:
        raise click.ClickException(
            f"too few examples to fit: {labels.count(1)} right and {labels.count(0)} wrong codings"
        )
    fit = LogisticRegression(C=strength, max_iter=1000)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    held_out = cross_val_predict(fit, rows, labels, cv=folds, method="predict_proba")[:, 1]
    figures: dict[str, Any] = {
        "examples": len(labels),
        "right": sum(labels),
        "cross_validated": _figures(labels, list(held_out)),
        "shipped_model": _figures(labels, shipped),
    }
    fit.fit(rows, labels)
    weights = dict(zip(FEATURES, (float(w) for w in fit.coef_[0]), strict=True))
    header = [
        "# eventwire event confidence model: logistic regression weights (feature<TAB>weight).",
        "# Written by `eventwire train confidence`; read by eventwire/annotate/confidence.py.",
        f"# data: {', '.join(f'{p.name} ({p.stat().st_size} bytes, sha256 {_digest(p)})' for p in gold)}",  # noqa: E501
        f"# examples: {len(labels)} coded events, {sum(labels)} happenings coded right",
        f"# fit: scikit-learn {version('scikit-learn')} LogisticRegression(C={strength})",
        f"# {FOLDS}-fold cross-validated (seed {SEED}): {json.dumps(figures['cross_validated'])}",
        f"# the model shipped before, on the same examples: {json.dumps(figures['shipped_model'])}",
    ]
    lines = [*header, f"intercept\t{float(fit.intercept_[0]):.6f}"]
    lines += [f"{name}\t{weights[name]:.6f}" for name in FEATURES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures["out"] = str(out)
    if as_json:
        click.echo(json.dumps(figures))
        return
    click.echo(f"{len(labels)} coded events, {sum(labels)} happenings coded right")
    for name in ("cross_validated", "shipped_model"):
        values = figures[name]
        click.echo(
            f"{name:<16} log-loss {values['log_loss']:.4f}  Brier {values['brier']:.4f}  "
            f"AUC {values['auc']:.4f}"
        )
    click.echo(f"wrote {out}")
