"""The per-document pipeline, pure and picklable so every runner calls the very same code."""

from __future__ import annotations

from .errors import Skip
from .extract.dispatch import extract_doc
from .records import Article, RawDoc


def process(raw: RawDoc) -> Article | Skip:
    """Read one document into an Article (annotation runs in batches after it: see engine)."""
    return extract_doc(raw)
