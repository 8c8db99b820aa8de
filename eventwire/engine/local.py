"""The local runner: stream documents through the pipeline into the store.

Documents are read lazily, extracted one by one, annotated in batches (one spaCy ``pipe`` per
batch) and committed to the store batch by batch, so memory stays flat whatever the corpus size
and an interrupted run keeps everything committed before it.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import Skip
from ..ingest import read_items
from ..pipeline import process
from ..records import Annotated, Article, RawDoc
from ..settings import Settings
from ..store import PutResult, Store


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    annotated: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "annotated": self.annotated,
            "skipped": dict(self.skipped),
        }


def annotation_available() -> bool:
    return importlib.util.find_spec("spacy") is not None


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    annotate: bool = True,
    on_item: Callable[[IngestReport], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> IngestReport:
    """Read, extract, (annotate) and store every document of ``sources``."""
    settings = settings or Settings.load()
    report = IngestReport()
    batch: list[Article] = []

    def flush() -> None:
        if annotate and batch:
            for annotated in _annotate(batch, settings):
                store.put_annotations(annotated)
                report.annotated += 1
        store.commit()
        batch.clear()

    for item in _extracted(read_items(sources, settings=settings)):
        report.read += 1
        if isinstance(item, Skip):
            report.skipped[item.reason] += 1
            store.put_skip(item)
            if on_skip:
                on_skip(item)
        else:
            result = store.put_article(item)
            if result is PutResult.STORED:
                report.stored += 1
            elif result is PutResult.UPDATED:
                report.updated += 1
            else:
                report.unchanged += 1
            if annotate and not store.has_annotations(item):
                batch.append(item)
            if len(batch) >= settings.batch_size:
                flush()
        if on_item:
            on_item(report)
    flush()
    return report


def _extracted(items: Iterable[RawDoc | Skip]) -> Iterator[Article | Skip]:
    for item in items:
        yield item if isinstance(item, Skip) else process(item)


def _annotate(articles: list[Article], settings: Settings) -> Iterator[Annotated]:
    from ..annotate import annotate_many

    yield from annotate_many(articles, batch_size=settings.batch_size)
