"""The local runner: stream documents through the pipeline into the store.

Documents are read lazily in the main process and sent in chunks to the pipeline: extraction,
then annotation in batches (one spaCy ``pipe`` per chunk).  With ``workers > 1`` the chunks go to
a pool of processes, each loading the NLP model once; results come back in input order and are
committed to the store chunk by chunk, so memory stays flat whatever the corpus size and an
interrupted run keeps everything committed before it.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from ..errors import Skip
from ..ingest import read_items
from ..pipeline import process
from ..records import Annotated, Article, RawDoc
from ..settings import Settings
from ..store import PutResult, Store

if TYPE_CHECKING:
    from ..dedup import ArticleClusterer

Result = Article | Annotated | Skip


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


Timings = dict[str, float]


def work(
    chunk: list[RawDoc | Skip], annotate: bool, batch_size: int
) -> tuple[list[Result], Timings]:
    """The pipeline over one chunk, and the seconds each stage took: pure and picklable."""
    started = time.perf_counter()
    extracted: list[Article | Skip] = [
        item if isinstance(item, Skip) else process(item) for item in chunk
    ]
    timings = {"extract": time.perf_counter() - started}
    articles = [item for item in extracted if isinstance(item, Article)]
    if not annotate or not articles:
        return list(extracted), timings
    from ..annotate import annotate_many

    started = time.perf_counter()
    done = iter(list(annotate_many(articles, batch_size=batch_size)))
    timings["annotate"] = time.perf_counter() - started
    return [item if isinstance(item, Skip) else next(done) for item in extracted], timings


def _work_args(args: tuple[list[RawDoc | Skip], bool, int]) -> tuple[list[Result], Timings]:
    return work(*args)


def run_pipeline(
    items: Iterable[RawDoc | Skip],
    *,
    annotate: bool,
    settings: Settings,
    workers: int = 1,
    chunk_size: int | None = None,
    timings: Timings | None = None,
) -> Iterator[Result]:
    """Every document through the pipeline, in input order, streamed.

    Stage times (summed over workers) are added to ``timings`` when it is given.
    """
    totals = timings if timings is not None else {}
    size = chunk_size or settings.batch_size
    source = iter(items)
    chunks = iter(lambda: list(islice(source, size)), [])
    jobs = ((chunk, annotate, settings.batch_size) for chunk in chunks)
    if workers <= 1:
        for job in jobs:
            results, spent = _work_args(job)
            _add(totals, spent)
            yield from results
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        for results, spent in pool.imap(_work_args, jobs):
            _add(totals, spent)
            yield from results


def _add(totals: Timings, spent: Timings) -> None:
    for stage, seconds in spent.items():
        totals[stage] = totals.get(stage, 0.0) + seconds


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    annotate: bool = True,
    workers: int = 1,
    on_item: Callable[[IngestReport], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    timings: Timings | None = None,
) -> IngestReport:
    """Read, extract, (annotate) and store every document of ``sources``."""
    settings = settings or Settings.load()
    return ingest_items(
        read_items(sources, settings=settings),
        store,
        settings=settings,
        annotate=annotate,
        workers=workers,
        on_item=on_item,
        on_skip=on_skip,
        timings=timings,
    )


def ingest_items(
    documents: Iterator[RawDoc | Skip],
    store: Store,
    *,
    settings: Settings,
    annotate: bool = True,
    workers: int = 1,
    on_item: Callable[[IngestReport], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    timings: Timings | None = None,
) -> IngestReport:
    """Extract, (annotate) and store documents already being read."""
    report = IngestReport()
    totals = timings if timings is not None else {}
    items = _timed(documents, totals, "read")
    results = run_pipeline(
        items, annotate=annotate, settings=settings, workers=workers, timings=totals
    )
    clusterer = _clusterer(store)
    pending = 0
    store_seconds = 0.0
    for result in results:
        started = time.perf_counter()
        report.read += 1
        if isinstance(result, Skip):
            report.skipped[result.reason] += 1
            store.put_skip(result)
            if on_skip:
                on_skip(result)
        else:
            article = result.article if isinstance(result, Annotated) else result
            outcome = store.put_article(article)
            if clusterer is not None and outcome is not PutResult.UNCHANGED:
                clusterer.assign(store, article)
            if outcome is PutResult.STORED:
                report.stored += 1
            elif outcome is PutResult.UPDATED:
                report.updated += 1
            else:
                report.unchanged += 1
            if isinstance(result, Annotated) and not store.has_annotations(article):
                store.put_annotations(result)
                report.annotated += 1
        pending += 1
        if pending >= settings.batch_size:
            store.commit()
            pending = 0
        store_seconds += time.perf_counter() - started
        if on_item:
            on_item(report)
    started = time.perf_counter()
    store.commit()
    totals["store"] = totals.get("store", 0.0) + store_seconds + time.perf_counter() - started
    return report


def _clusterer(store: Store) -> ArticleClusterer | None:
    """Near-duplicate clustering (the ``dedup`` extra), loaded with the store's newest
    signatures.  Its LSH index grows with the corpus up to ``dedup.WINDOW`` articles (about
    12 KB each), then forgets the oldest: memory stays flat past that."""
    if importlib.util.find_spec("datasketch") is None:
        return None
    from ..dedup import ArticleClusterer

    return ArticleClusterer.from_store(store)


def _timed(items: Iterator[RawDoc | Skip], totals: Timings, stage: str) -> Iterator[RawDoc | Skip]:
    """``items``, adding the time spent producing them to ``totals[stage]``."""
    while True:
        started = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            totals[stage] = totals.get(stage, 0.0) + time.perf_counter() - started
        yield item
