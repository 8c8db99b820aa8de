"""``eventwire ingest``: read sources into the store."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..cli import EXIT_SKIPPED, db_option
from ..errors import Skip
from ..settings import Settings


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--no-annotate", is_flag=True, help="Store articles only; skip the NLP stage.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private/loopback addresses.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or per-skip messages.")
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Processes for extraction and annotation.",
)
def ingest(
    sources: tuple[str, ...],
    db_path: Path,
    no_annotate: bool,
    allow_private: bool,
    quiet: bool,
    workers: int,
) -> None:
    """Read SOURCES (files, directories, globs, http(s) URLs, or - for stdin) into the store.

    Formats are detected from the content: page dumps, HTML, WARC(.gz), JSONL, RSS/Atom,
    Reuters-21578 SGML and plain text.  Ingesting the same input twice changes nothing.

    Exit status: 0 when every document went in, 3 when some were skipped (see `eventwire skips`).

    \b
    Example:
        eventwire ingest samples/ --db news.db
        eventwire ingest https://example.org/feed.xml --db news.db
    """
    from ..engine.local import IngestReport, annotation_available
    from ..engine.local import ingest as run
    from ..store import Store

    settings = Settings.load(allow_private=allow_private) if allow_private else Settings.load()
    annotate = not no_annotate and annotation_available()
    show_progress = not quiet and sys.stderr.isatty()
    started = time.monotonic()
    last = [0.0]

    def progress(report: IngestReport) -> None:
        now = time.monotonic()
        if show_progress and now - last[0] > 0.5:
            last[0] = now
            rate = report.read / max(now - started, 1e-9)
            click.echo(
                f"\r{report.read} read, {report.stored + report.updated} stored, "
                f"{sum(report.skipped.values())} skipped ({rate:.1f} docs/s)",
                err=True,
                nl=False,
            )

    def skipped(skip: Skip) -> None:
        if not quiet:
            if show_progress:
                click.echo("\r", err=True, nl=False)
            click.echo(skip.message(), err=True)

    with Store(db_path) as store:
        report = run(
            sources,
            store,
            settings=settings,
            annotate=annotate,
            on_item=progress,
            on_skip=skipped,
        )
    if show_progress:
        click.echo("", err=True)
    skipped_total = sum(report.skipped.values())
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(report.skipped.items()))
    click.echo(
        f"{report.read} read: {report.stored} stored, {report.updated} updated, "
        f"{report.unchanged} unchanged, {skipped_total} skipped"
        + (f" ({reasons})" if reasons else "")
        + (f"; {report.annotated} annotated" if annotate else "; not annotated")
        + f" -> {db_path}",
        err=True,
    )
    if skipped_total:
        sys.exit(EXIT_SKIPPED)
