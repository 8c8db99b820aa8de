"""``eventwire eval dates DIR``: exact-day accuracy of the publication date.

Data: a JSON file mapping each page's URL to ``{"file": ..., "date": "YYYY-MM-DD"}`` (the
hand-checked publication day), as htmldate's ``tests/eval_mediacloud_2020.json``; the pages sit
in a directory beside it (``test_set/``, ``eval/``, ``cache/`` or the JSON's own directory).

Which day: a page that says ``2020-03-05T23:30:00-05:00`` was published on 5 March to its
readers (6 March in UTC), and the gold days are what a reader of the page sees.  So the
``local day`` column (the headline figure) compares the calendar day of the publication time in
the page's own UTC offset — the instant of ``Article.published_at`` (which the records keep in
UTC) as :func:`eventwire.extract.html.published_in_page_offset` gives it, or the publisher's
zone when the page writes UTC.  The ``UTC day`` column compares ``Article.published_at``'s UTC
day.  A page with no date, or no Article (``ExtractError``), counts as wrong in both.

htmldate runs beside it with its documented best setting for this task:
``find_date(html, url=url, original_date=True, extensive_search=True)``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click


@dataclass(frozen=True, slots=True)
class DatedPage:
    url: str
    path: Path
    gold: str


def load_dated_pages(root: Path) -> list[DatedPage]:
    """The pages and gold days of the first ``eval*.json`` under ``root`` (or ``root`` itself
    when it is the JSON file)."""
    index = root if root.is_file() else next(iter(sorted(root.glob("**/eval*.json"))), None)
    if index is None:
        return []
    entries: dict[str, dict[str, str]] = json.loads(index.read_text(encoding="utf-8"))
    folders = [index.parent / name for name in ("test_set", "eval", "cache")] + [index.parent]
    pages: list[DatedPage] = []
    for url, entry in entries.items():
        if not entry.get("date"):
            continue
        path = next((f / entry["file"] for f in folders if (f / entry["file"]).is_file()), None)
        if path is not None:
            pages.append(DatedPage(url, path, entry["date"]))
    return pages


def local_day(value: datetime | None) -> str | None:
    """The calendar day in the datetime's own offset (the page's)."""
    return value.date().isoformat() if value else None


def utc_day(value: datetime | None) -> str | None:
    return value.astimezone(UTC).date().isoformat() if value else None


def _eventwire(page: DatedPage, html: bytes) -> tuple[str | None, str | None]:
    from ..errors import ExtractError
    from ..extract import extract
    from ..extract.html import published_in_page_offset

    try:
        found = extract(html, url=page.url).published_at
        local = published_in_page_offset(html, url=page.url)
    except ExtractError:
        return None, None
    if found is None or local is None:
        return None, None
    if local != found:
        raise AssertionError(f"{page.url}: {local} is not the instant {found}")
    return local_day(local), utc_day(found)


def _htmldate(page: DatedPage, html: bytes) -> tuple[str | None, str | None]:
    from htmldate import find_date

    from ..errors import ExtractError
    from ..extract.common import decode

    try:
        text = decode(html)
    except ExtractError:
        return None, None
    found = find_date(text, url=page.url, original_date=True, extensive_search=True)
    return found, found


@dataclass
class Tally:
    name: str
    local: int = 0
    utc: int = 0
    missing: int = 0
    seconds: float = 0.0


def _iter_results(
    pages: list[DatedPage], names: list[str]
) -> Iterator[tuple[DatedPage, dict[str, tuple[str | None, str | None]]]]:
    runners = {"eventwire": _eventwire, "htmldate": _htmldate}
    for page in pages:
        html = page.path.read_bytes()
        yield page, {name: runners[name](page, html) for name in names}


@click.command(name="dates")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--only",
    type=click.Choice(["eventwire", "htmldate"]),
    multiple=True,
    help="Score only this extractor (repeatable); default: both.",
)
@click.option("--misses", is_flag=True, help="Also list the pages eventwire gets wrong.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def eval_command(data: Path, only: tuple[str, ...], misses: bool, as_json: bool) -> None:
    """Exact-day accuracy of Article.published_at, beside htmldate.

    DATA is a directory holding an eval*.json (URL -> {file, date}) and the pages, or that JSON.

    \b
    Example:
        eventwire eval dates /work/shared/data/html/htmldate-mediacloud2020
    """
    pages = load_dated_pages(data)
    if not pages:
        raise click.ClickException(f"no eval*.json with pages under {data}")
    names = list(only) or ["eventwire", "htmldate"]
    tallies = {name: Tally(name) for name in names}
    wrong: list[dict[str, Any]] = []
    started = time.perf_counter()
    for page, results in _iter_results(pages, names):
        for name, (local, utc) in results.items():
            tally = tallies[name]
            tally.local += local == page.gold
            tally.utc += utc == page.gold
            tally.missing += local is None
        if "eventwire" in results and results["eventwire"][0] != page.gold:
            wrong.append(
                {
                    "url": page.url,
                    "file": page.path.name,
                    "gold": page.gold,
                    "found": results["eventwire"][0],
                }
            )
    elapsed = time.perf_counter() - started
    total = len(pages)
    if as_json:
        out: dict[str, Any] = {
            "data": str(data),
            "pages": total,
            "accuracy": {
                t.name: {
                    "local_day": t.local / total,
                    "utc_day": t.utc / total,
                    "no_date": t.missing,
                }
                for t in tallies.values()
            },
        }
        if misses:
            out["misses"] = wrong
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"{total} pages from {data} (exact day)")
    click.echo(f"{'extractor':<12} {'local day':>10} {'UTC day':>10} {'no date':>8}")
    for t in tallies.values():
        click.echo(f"{t.name:<12} {t.local / total:>10.3f} {t.utc / total:>10.3f} {t.missing:>8}")
    if misses:
        click.echo("\neventwire misses (gold / found):")
        for miss in wrong:
            click.echo(f"  {miss['gold']} {miss['found'] or '-':<10} {miss['file']} {miss['url']}")
    print(f"({elapsed:.1f}s)", file=sys.stderr)
