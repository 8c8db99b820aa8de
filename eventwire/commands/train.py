"""``eventwire train``: fit the statistical models eventwire ships (needs the 'train' extra)."""

from __future__ import annotations

import click

from ..cli import LazyGroup


@click.group(
    cls=LazyGroup,
    lazy={"confidence": "eventwire.evaluate.train_confidence:train_command"},
)
def train() -> None:
    """Train a model from data sets (the paths are options of each command)."""
