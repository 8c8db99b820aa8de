"""An event's confidence: how likely it happened and its whole coding (type, source and target
countries) is right, from a logistic model fitted on our gold sets.

The features are things the coder knows about its own output (:data:`FEATURES`); the weights
live in ``knowledge/confidence.tsv``, written by ``eventwire train confidence GOLD...`` (see
:mod:`eventwire.evaluate.train_confidence`), which also records the data, the fit and its
cross-validated figures in the file's header.  Our gold sets code happenings only, so a negated or
hypothetical event the gold does not list counts as wrong: its confidence is low.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..records import Event

FEATURES: tuple[str, ...] = (
    "source_actor",
    "target_known",
    "no_target",
    "several_mentions",
    "specific_code",
    "reported",
    "historical",
    "in_quote",
    "comment",
    "several_sources",
    "not_happened",
)
"""What the model weighs, each 0 or 1:

* ``source_actor``: a source is one of the article's actors (not only a country read off a
  qualifier or a place);
* ``target_known`` / ``no_target``: a target with a country was found / no target at all;
* ``several_mentions``: more than one sentence describes the event;
* ``specific_code``: a four-digit CAMEO code (the lexicon row named the object or complement);
* ``reported``, ``historical``: the flags;
* ``in_quote``: the evidence sits in a quote;
* ``comment``: a CAMEO 01x comment (no PLOVER type);
* ``several_sources``: more than one source actor;
* ``not_happened``: flagged ``negated`` or ``hypothetical``.
"""

MODEL_FILE = "confidence.tsv"


def features(event: Event) -> dict[str, float]:
    """The model's features of one coded event."""
    return {
        "source_actor": float(any(a.actor is not None for a in event.source)),
        "target_known": float(any(a.country for a in event.target)),
        "no_target": float(not event.target),
        "several_mentions": float(len(event.mentions) > 1),
        "specific_code": float(len(event.cameo) == 4),
        "reported": float("reported" in event.flags),
        "historical": float("historical" in event.flags),
        "in_quote": float(event.quote is not None),
        "comment": float(event.type is None),
        "several_sources": float(len(event.source) > 1),
        "not_happened": float(bool({"negated", "hypothetical"} & set(event.flags))),
    }


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic model: intercept and one weight per feature."""

    intercept: float
    weights: dict[str, float]

    def score(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in values.items())
        return 1.0 / (1.0 + math.exp(-z))


def parse_model(text: str) -> Model:
    """A model from the TSV text: ``feature<TAB>weight`` lines, ``intercept`` among them; ``#``
    starts a comment.  Unknown features and a missing intercept raise ``ValueError``."""
    weights: dict[str, float] = {}
    intercept: float | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, value = line.partition("\t")
        try:
            weight = float(value)
        except ValueError:
            raise ValueError(f"line {number}: not 'feature<TAB>weight': {line!r}") from None
        if name == "intercept":
            intercept = weight
        elif name in FEATURES:
            weights[name] = weight
        else:
            raise ValueError(f"line {number}: unknown feature {name!r}")
    if intercept is None:
        raise ValueError("no intercept line")
    return Model(intercept, weights)


@cache
def default_model() -> Model:
    """The model shipped in ``eventwire/knowledge/confidence.tsv`` (read once)."""
    text = files("eventwire.knowledge").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return parse_model(text)


def confidence(event: Event, model: Model | None = None) -> float:
    """How likely the event's whole coding is right, in [0, 1], to three decimals."""
    return round((model or default_model()).score(features(event)), 3)
