"""Scorers behind ``eventwire eval`` and timers behind ``eventwire bench``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import click


def emit_figures(report: Mapping[str, Any], *, as_json: bool, width: int = 24) -> None:
    """A bench's figures: one JSON line, or one ``key: value`` line each."""
    if as_json:
        click.echo(json.dumps(report))
        return
    for key, value in report.items():
        click.echo(f"{key:>{width}}: {value}")


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
