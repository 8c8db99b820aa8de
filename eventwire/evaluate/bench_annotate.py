"""``eventwire bench annotate PATH``: the annotate stage's speed and memory.

PATH is a Reuters-21578 ``.sgm`` file or a folder of them (their bodies, read by
:func:`eventwire.ingest.reuters.read_reuters`), or a JSONL file of ``{id, text, published?}``
records.  Every annotation runs on all the text.  Words are whitespace-separated words of the
texts; "per core" divides them by the CPU seconds the work used (user + system, this process and
its children), so the figure does not depend on how many threads BLAS starts.  Model loading is
timed apart.  Peak memory is the resident memory of the process tree, sampled.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import click

from ..extract.common import parse_datetime
from ..records import Article
from ..settings import Settings
from . import emit_figures
from .memory import PeakMemory, cpu_seconds


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=click.IntRange(1), default=None, help="At most N articles.")
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Articles a batch.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line instead of a table.")
def bench_command(path: Path, limit: int | None, batch_size: int | None, as_json: bool) -> None:
    """Time the annotate stage on PATH (Reuters-21578 .sgm files, or JSONL records).

    \b
    Example:
        eventwire bench annotate ../shared/data/text/reuters21578/reuters21578 --limit 2000
    """
    from ..annotate import annotate_many

    settings = Settings.load()
    with PeakMemory() as memory:
        started = time.perf_counter()
        warm = list(
            annotate_many([Article(id="warm-up", text="Warm up, Paris said.")], settings=settings)
        )
        load_s = time.perf_counter() - started
        counted = _Count(islice(articles(path), limit))
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        totals = {"actors": 0, "places": 0, "dates": 0, "quotes": 0}
        for result in annotate_many(counted, batch_size=batch_size, settings=settings):
            totals["actors"] += len(result.actors)
            totals["places"] += len(result.places)
            totals["dates"] += len(result.dates)
            totals["quotes"] += len(result.quotes)
        cpu, wall = cpu_seconds() - cpu0, time.perf_counter() - wall0
    del warm
    report = {
        "articles": counted.articles,
        "words": counted.words,
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "words_per_s_per_core": round(counted.words / cpu, 1) if cpu else None,
        "words_per_s_wall": round(counted.words / wall, 1) if wall else None,
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(memory.peak_mb, 1),
        "found": totals,
    }
    emit_figures(report, as_json=as_json, width=22)


class _Count:
    def __init__(self, items: Iterator[Article]) -> None:
        self.items = items
        self.articles = 0
        self.words = 0

    def __iter__(self) -> Iterator[Article]:
        for article in self.items:
            self.articles += 1
            self.words += len(article.text.split())
            yield article


def articles(path: Path) -> Iterator[Article]:
    """The articles under ``path``: Reuters ``.sgm`` bodies or JSONL records."""
    files = sorted(path.glob("*.sgm")) if path.is_dir() else [path]
    for file in files:
        if file.suffix == ".jsonl":
            yield from _jsonl(file)
        else:
            yield from _reuters(file)


def _jsonl(file: Path) -> Iterator[Article]:
    with file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                record = json.loads(line)
                yield Article(
                    id=str(record.get("id", number)),
                    text=record.get("text") or "",
                    published_at=parse_datetime(record.get("published")),
                )


def _reuters(file: Path) -> Iterator[Article]:
    from ..ingest.reuters import read_reuters

    settings = Settings.load()
    for raw in read_reuters(file.read_bytes(), str(file), settings):
        fields = getattr(raw, "fields", None)
        if not fields or not fields.get("text"):
            continue
        published = fields.get("published_at")
        yield Article(
            id=str(fields.get("reuters_newid") or raw.source),
            text=str(fields["text"]),
            title=fields.get("title"),
            published_at=parse_datetime(published) if isinstance(published, str) else None,
        )
