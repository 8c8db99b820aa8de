"""``eventwire bench extract DIR``: pages per second of :func:`eventwire.extract.extract`.

One process, one thread.  Every page is read from disk before any clock starts.  Each extractor
is first warmed up, untimed: eventwire calls :func:`eventwire.extract.warm_up` (what it loads
on first use: trafilatura, the language identifier, dateparser's language data; reported as
"cold start") and both make one call on the first page.  Then ``--rounds`` rounds run, each
timing eventwire over all pages and then trafilatura over the same pages, and the best round
of each is reported (the least disturbed by other processes on the machine).

eventwire gets the page's bytes and builds the whole Article (decoding, metadata, language,
dateline and text); trafilatura gets the page decoded beforehand (its decoding is not timed)
and runs ``trafilatura.extract(html, url=url, favor_precision=True)`` (text only).

Pages come from the layouts :func:`eventwire.evaluate.extraction.load_pages` reads; gold text is
not needed, so every page of DIR counts.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .extraction import Page, load_pages


@dataclass
class Timing:
    name: str
    pages: int
    rounds: list[float] = field(default_factory=list)
    failures: int = 0
    cold_start: float = 0.0

    @property
    def seconds(self) -> float:
        return min(self.rounds) if self.rounds else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


Runner = Callable[[int], bool]


def _eventwire(pages: list[Page]) -> tuple[Runner, float]:
    from ..errors import ExtractError
    from ..extract import extract, warm_up

    started = time.perf_counter()
    warm_up()
    cold = time.perf_counter() - started

    def run(index: int) -> bool:
        page = pages[index]
        try:
            extract(page.html, url=page.url)
        except ExtractError:
            return False
        return True

    return run, cold


def _trafilatura(pages: list[Page]) -> tuple[Runner, float]:
    import trafilatura

    from ..errors import ExtractError
    from ..extract.common import decode

    texts: list[str] = []
    for page in pages:
        try:
            texts.append(decode(page.html))
        except ExtractError:
            texts.append("")

    def run(index: int) -> bool:
        found = trafilatura.extract(texts[index], url=pages[index].url, favor_precision=True)
        return bool(found)

    return run, 0.0


RUNNERS: dict[str, Callable[[list[Page]], tuple[Runner, float]]] = {
    "eventwire": _eventwire,
    "trafilatura": _trafilatura,
}


def bench(pages: list[Page], names: list[str], rounds: int = 3) -> list[Timing]:
    """Time the extractors over ``pages``, rounds interleaved, after an untimed warm-up."""
    runners: dict[str, Runner] = {}
    timings = {name: Timing(name, len(pages)) for name in names}
    for name in names:
        run, cold = RUNNERS[name](pages)
        run(0)
        runners[name] = run
        timings[name].cold_start = cold
    for _ in range(rounds):
        for name in names:
            run = runners[name]
            failures = 0
            started = time.perf_counter()
            for index in range(len(pages)):
                if not run(index):
                    failures += 1
            timings[name].rounds.append(time.perf_counter() - started)
            timings[name].failures = failures
    return [timings[name] for name in names]


@click.command(name="extract")
@click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--rounds",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Rounds over the pages (interleaved); the best round of each extractor counts.",
)
@click.option(
    "--only",
    type=click.Choice(sorted(RUNNERS)),
    multiple=True,
    help="Time only this extractor (repeatable); default: all.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def bench_command(data_dir: Path, rounds: int, only: tuple[str, ...], as_json: bool) -> None:
    """Pages per second of eventwire's extract() (full Article) beside trafilatura's extract().

    DATA_DIR holds HTML pages (any layout `eventwire eval extraction` reads).

    \b
    Example:
        eventwire bench extract /work/shared/data/html/newspaper3k --rounds 3
    """
    pages = load_pages(data_dir, require_gold=False)
    if not pages:
        raise click.ClickException(f"no HTML pages under {data_dir}")
    names = list(only) or list(RUNNERS)
    timings = bench(pages, names, rounds)
    base = next((t for t in timings if t.name == "trafilatura"), None)
    if as_json:
        out: dict[str, Any] = {
            "data": str(data_dir),
            "pages": len(pages),
            "rounds": rounds,
            "python": platform.python_version(),
            "results": {
                t.name: {
                    "seconds": round(t.seconds, 3),
                    "rounds": [round(r, 3) for r in t.rounds],
                    "pages_per_second": round(t.pages_per_second, 1),
                    "no_text": t.failures,
                    "cold_start_seconds": round(t.cold_start, 2),
                }
                for t in timings
            },
        }
        if base is not None:
            out["speedup_vs_trafilatura"] = {
                t.name: round(t.pages_per_second / base.pages_per_second, 2) for t in timings
            }
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"{len(pages)} pages from {data_dir}, best of {rounds} round(s), one process")
    click.echo(
        f"{'extractor':<12} {'seconds':>8} {'pages/s':>8} {'vs traf':>8} {'no text':>8} "
        f"{'cold start':>11}"
    )
    for t in timings:
        ratio = f"{t.pages_per_second / base.pages_per_second:.2f}x" if base else "-"
        click.echo(
            f"{t.name:<12} {t.seconds:>8.2f} {t.pages_per_second:>8.1f} {ratio:>8} "
            f"{t.failures:>8} {t.cold_start:>10.1f}s"
        )
