"""Reading the store: ``articles``, ``show``, ``search``, ``skips``, ``export``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ..cli import db_option, emit_json
from ..records import Article

FORMATS = click.Choice(["table", "json", "jsonl", "csv"])
CSV_FIELDS = [
    "id",
    "published_at",
    "site_name",
    "title",
    "url",
    "language",
    "section",
    "authors",
    "tags",
]


def _open(db_path: Path) -> Any:
    from ..store import Store

    return Store(db_path, readonly=True)


@click.command()
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--limit", type=int, default=None, help="At most this many (all by default).")
def articles(db_path: Path, fmt: str, limit: int | None) -> None:
    """List stored articles, newest first.

    json and jsonl print one full Article object per article.

    \b
    Example:
        eventwire articles --db news.db --format jsonl > articles.jsonl
    """
    with _open(db_path) as store:
        items = store.iter_articles()
        if limit is not None:
            items = (a for i, a in enumerate(items) if i < limit)
        _print_articles(items, fmt)


def _print_articles(
    items: Iterable[Article], fmt: str, snippets: dict[str, str] | None = None
) -> None:
    if fmt == "json":
        emit_json([a.to_dict() for a in items])
    elif fmt == "jsonl":
        for a in items:
            click.echo(json.dumps(a.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for a in items:
            writer.writerow(_flat(a))
    else:
        rows = 0
        for a in items:
            rows += 1
            date = a.published_at.date().isoformat() if a.published_at else "-" * 10
            site = (a.site_name or "-")[:22]
            title = (a.title or a.text[:60]).replace("\n", " ")[:70]
            click.echo(f"{a.id}  {date}  {site:<22}  {title}")
            if snippets and a.id in snippets:
                click.echo(f"    {snippets[a.id]}")
        if rows == 0:
            click.echo("(no articles)", err=True)


def _flat(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    for key in ("authors", "tags", "keywords"):
        data[key] = "; ".join(data[key])
    return data


@click.command()
@click.argument("article_id")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def show(article_id: str, db_path: Path, fmt: str) -> None:
    """Show one article (with its annotations when the NLP stage has run).

    \b
    Example:
        eventwire show fbb17c5035f45c4c --db news.db --format json
    """
    with _open(db_path) as store:
        article = store.get_article(article_id)
        if article is None:
            raise click.ClickException(
                f"no article {article_id!r} in {db_path} (eventwire articles lists the ids)"
            )
        annotations = store.get_annotations(article_id)
        versions = store.versions(article_id)
    if fmt == "json":
        data = article.to_dict()
        data["versions"] = versions
        if annotations is not None:
            data.update(annotations)
        emit_json(data)
        return
    data = article.to_dict()
    for key, value in data.items():
        if key == "text" or value in (None, [], ""):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        click.echo(f"{key:>13}: {shown}")
    click.echo("")
    click.echo(article.text)


@click.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def search(query: str, db_path: Path, limit: int, fmt: str) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax: words, "phrases", OR, NOT).

    \b
    Example:
        eventwire search 'ceasefire AND "Red Sea"' --db news.db
    """
    with _open(db_path) as store:
        hits = store.search(query, limit=limit)
    _print_articles([a for a, _ in hits], fmt, snippets={a.id: s for a, s in hits})


@click.command()
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def skips(db_path: Path, fmt: str) -> None:
    """List the documents that could not be read, with the reason.

    \b
    Example:
        eventwire skips --db news.db
    """
    with _open(db_path) as store:
        rows = list(store.iter_skips())
    if fmt in {"json", "jsonl"}:
        if fmt == "json":
            emit_json(rows)
        else:
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["source"])
        writer.writeheader()
        writer.writerows(rows)
        return
    if not rows:
        click.echo("(no skips)", err=True)
    for row in rows:
        click.echo(f"{row['reason']:<15} {row['source']}  {row['detail']}")


@click.command()
@db_option
@click.option(
    "--what",
    type=click.Choice(["articles", "events", "mentions"]),
    default="articles",
    show_default=True,
    help="Articles, aggregated events, or article-level event mentions.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]),
    required=True,
    help="gdelt: GDELT 2.0 event records (tab-separated, no header; --what events only).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(db_path: Path, what: str, fmt: str, out: Path) -> None:
    """Export the store to a file (docs/export.md describes the columns).

    \b
    Examples:
        eventwire export --what articles --format parquet --out articles.parquet --db news.db
        eventwire export --what events --format gdelt --out events.tsv --db news.db
    """
    from ..store.export import export as write

    if fmt == "gdelt" and what != "events":
        raise click.UsageError("--format gdelt exports events: pass --what events")
    with _open(db_path) as store:
        if what != "articles" and "0003_events_reviews_clusters" not in store.migrations():
            raise click.ClickException(
                f"{db_path} predates events: run eventwire ingest once to upgrade it"
            )
        count = write(store, what, fmt, out)
    click.echo(f"{count} {what} -> {out}", err=True)
