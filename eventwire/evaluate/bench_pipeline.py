"""``eventwire bench pipeline PATH``: the whole pipeline's speed and memory.

Read, extract, annotate (every annotation, on all text), code and store, into a fresh
temporary SQLite store.  "Per core" figures divide total throughput by the worker processes
used; ``cpu_s`` is the CPU time (user + system) of this process and its finished children, and
``words_per_cpu_s`` the words over it (steadier than wall time on a shared machine); peak memory
is sampled over the main process and all its children.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import click

from ..engine.local import annotation_available, ingest_items
from ..errors import Skip
from ..ingest import read_items
from ..records import RawDoc
from ..settings import Settings
from ..store import Store
from . import emit_figures
from .memory import PeakMemory, cpu_seconds


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=click.IntRange(1), default=None, help="At most N documents.")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True)
@click.option("--no-annotate", is_flag=True, help="Read, extract and store only.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line instead of a table.")
def bench_command(
    path: Path, limit: int | None, workers: int, no_annotate: bool, as_json: bool
) -> None:
    """Time the whole pipeline on PATH (e.g. the Reuters-21578 .sgm files).

    \b
    Example:
        eventwire bench pipeline ../shared/data/text/reuters21578/reuters21578 --limit 2000
    """
    settings = Settings.load()
    annotate = not no_annotate and annotation_available()
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, PeakMemory() as memory:
        counter = _Counter(islice(read_items(_sources(path), settings=settings), limit))
        started, cpu0 = time.perf_counter(), cpu_seconds()
        with Store(Path(tmp) / "bench.db") as store:
            report = ingest_items(
                iter(counter),
                store,
                settings=settings,
                annotate=annotate,
                workers=workers,
                timings=timings,
            )
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu0
    articles = report.stored + report.updated + report.unchanged
    result = {
        "articles": articles,
        "words": counter.words,
        "seconds": round(seconds, 3),
        "workers": workers,
        "annotate": annotate,
        "articles_per_s_per_core": round(articles / seconds / workers, 2),
        "words_per_s_per_core": round(counter.words / seconds / workers, 1),
        "cpu_s": round(cpu, 2),
        "words_per_cpu_s": round(counter.words / cpu, 1) if cpu else None,
        "peak_rss_mb": round(memory.peak_mb, 1),
        "stages": {name: round(value, 3) for name, value in sorted(timings.items())},
        "skipped": dict(report.skipped),
    }
    emit_figures(result, as_json=as_json, width=24)


def _sources(path: Path) -> list[str]:
    """A directory's ``.sgm`` files when it holds Reuters-21578 (not its README and category
    lists, which are not stories), else the path itself."""
    stories = sorted(path.glob("*.sgm")) if path.is_dir() else []
    return [str(p) for p in stories] or [str(path)]


class _Counter:
    """Passes documents through, counting the words of their texts (the benchmark's unit)."""

    def __init__(self, items: Iterator[RawDoc | Skip]) -> None:
        self.items = items
        self.words = 0

    def __iter__(self) -> Iterator[RawDoc | Skip]:
        for item in self.items:
            if isinstance(item, RawDoc):
                text = item.fields.get("text") if item.fields else None
                self.words += len((text or item.content.decode("utf-8", "replace")).split())
            yield item
