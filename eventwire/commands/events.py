"""``eventwire events``: aggregated events (one per happening, across articles), filtered."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..cli import db_option, emit_json

ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


def parse_dyad(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> tuple[str, str] | None:
    """``RUS-SYR`` -> ``("RUS", "SYR")``: source country, target country."""
    if value is None:
        return None
    match = re.fullmatch(r"([A-Za-z]{3})-([A-Za-z]{3})", value.strip())
    if match is None:
        raise click.BadParameter(
            f"{value!r} is not SOURCE-TARGET with ISO 3166 alpha-3 codes, e.g. RUS-SYR"
        )
    return match.group(1).upper(), match.group(2).upper()


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--type", "kind", help="PLOVER event type, e.g. CONSULT, ASSAULT, PROTEST.")
@click.option("--quad-class", type=click.IntRange(1, 4), help="1-4: verbal/material coop/conflict.")
@click.option("--country", help="ISO3 code of the source, the target or the place.")
@click.option("--dyad", callback=parse_dyad, help="SOURCE-TARGET countries, e.g. RUS-SYR.")
@click.option("--since", type=ISO_DATE, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", type=ISO_DATE, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--place", help="Place name (any case).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Coder confidence, 0-1.")
@click.option("--flag", help="Only events with this flag (negated, hypothetical, reported...).")
@click.option(
    "--status",
    type=click.Choice(["coded", "accepted", "rejected", "edited", "all"]),
    help="Review status (default: all but rejected).",
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for all."
)
@click.option("--cursor", help="Continue after the page that printed this cursor.")
def events(
    db_path: Path,
    fmt: str,
    kind: str | None,
    quad_class: int | None,
    country: str | None,
    dyad: tuple[str, str] | None,
    since: datetime | None,
    until: datetime | None,
    place: str | None,
    min_confidence: float | None,
    flag: str | None,
    status: str | None,
    limit: int,
    cursor: str | None,
) -> None:
    """List coded events, one per happening across articles, newest first.

    Each event counts its mentions (sentences), articles and independent sources (outlets, a
    wire copy counted once). json and jsonl print one object per event; when more remain, the
    cursor for the next page goes to stderr.

    \b
    Example:
        eventwire events --db news.db --dyad RUS-SYR --since 2025-10-01 --format jsonl
    """
    from ..store import Store
    from ..store.events import InvalidQuery

    filters: dict[str, Any] = {
        "type": kind,
        "quad_class": quad_class,
        "country": country,
        "dyad": dyad,
        "since": since.date().isoformat() if since else None,
        "until": until.date().isoformat() if until else None,
        "place": place,
        "min_confidence": min_confidence,
        "flag": flag,
        "status": status,
    }
    with Store(db_path, readonly=True) as store:
        if "0003_events_reviews_clusters" not in store.migrations():
            raise click.ClickException(
                f"{db_path} predates events: run eventwire ingest once to upgrade it"
            )
        found: list[dict[str, Any]] = []
        try:
            found, cursor = _collect(store, filters, limit, cursor)
        except InvalidQuery as exc:
            raise click.UsageError(str(exc)) from exc
    _print(found, fmt)
    if cursor:
        click.echo(f"more: pass --cursor {cursor}", err=True)


def _collect(
    store: Any, filters: dict[str, Any], limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    from ..store.events import MAX_LIMIT, query_events

    found: list[dict[str, Any]] = []
    while True:
        want = MAX_LIMIT if limit == 0 else min(MAX_LIMIT, limit - len(found))
        page, cursor = query_events(store, **filters, limit=want, cursor=cursor)
        found += page
        if cursor is None or (limit and len(found) >= limit):
            return found, cursor


def _print(items: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        emit_json(items)
    elif fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))
    elif fmt == "csv":
        from ..store.export import EVENT_FIELDS

        writer = csv.DictWriter(sys.stdout, fieldnames=list(EVENT_FIELDS), extrasaction="ignore")
        writer.writeheader()
        for item in items:
            writer.writerow(
                {k: "; ".join(v) if isinstance(v, list) else v for k, v in item.items()}
            )
    else:
        for line in _table(items):
            click.echo(line)
        if not items:
            click.echo("(no events)", err=True)


def _table(items: list[dict[str, Any]]) -> Iterator[str]:
    for e in items:
        dyad = f"{e['source_country'] or '---'}>{e['target_country'] or '---'}"
        kind = (e["type"] or "STATEMENT")[:10]
        counts = f"{e['num_articles']}a/{e['num_sources']}s"
        place = (e["place"] or "-")[:14]
        text = e["evidence"].replace("\n", " ")[:60]
        yield (
            f"{e['id']}  {e['date'] or '-' * 10}  {kind:<10} {e['cameo']:<4}  {dyad:<7}  "
            f"{place:<14}  {e['confidence']:.2f}  {counts:>7}  {text}"
        )
