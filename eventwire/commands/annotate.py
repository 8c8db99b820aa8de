"""``eventwire annotate``: JSONL records in, one JSONL line of annotations out per record."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from ..extract.common import normalize_language, parse_datetime
from ..records import Annotated, Article, article_id
from ..settings import Settings


@click.command()
@click.argument("source", default="-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the JSONL here instead of stdout.",
)
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Records a batch.")
def annotate(source: str, out_path: Path | None, batch_size: int | None) -> None:
    """Annotate the records of SOURCE (a JSONL file, or - for stdin): actors, places, dates, quotes.

    Each input line is a JSON object {id, text, published?, title?, url?}; each output line is
    {id, language, actors, places, dates, quotes, events}, every offset pointing into the
    record's text.  A line that is not such an object is reported on stderr and passed over.

    \b
    Example:
        eventwire annotate stories.jsonl --out annotated.jsonl
        echo '{"id": "1", "text": "PARIS - France said..."}' | eventwire annotate
    """
    from ..annotate import annotate_many

    settings = Settings.load()
    try:
        stream: IO[str] = (
            sys.stdin if source == "-" else open(source, encoding="utf-8", errors="replace")  # noqa: SIM115
        )
    except OSError as exc:
        raise click.FileError(source, hint=exc.strerror or str(exc)) from exc
    try:
        out: IO[str] = (
            open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
        )
        try:
            for result in annotate_many(
                _articles(stream, source), batch_size=batch_size, settings=settings
            ):
                out.write(json.dumps(record(result), ensure_ascii=False) + "\n")
                out.flush()
        finally:
            if out_path:
                out.close()
    finally:
        if source != "-":
            stream.close()


def record(result: Annotated) -> dict[str, Any]:
    """The output line for one annotated article."""
    return {
        "id": result.article.id,
        "language": result.article.language,
        **result.annotations_dict(),
    }


def _articles(lines: IO[str], source: str) -> Iterator[Article]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            _warn(source, number, f"not JSON ({exc.msg})")
            continue
        if not isinstance(data, dict):
            _warn(source, number, "not a JSON object")
            continue
        text = data.get("text")
        if not isinstance(text, str):
            _warn(source, number, "no text")
            continue
        url = data.get("url") if isinstance(data.get("url"), str) else None
        record_id = data.get("id")
        published = data.get("published") or data.get("published_at")
        language = data.get("language")
        yield Article(
            id=str(record_id) if record_id is not None else article_id(url, text),
            text=text,
            url=url,
            title=data.get("title") if isinstance(data.get("title"), str) else None,
            published_at=parse_datetime(published) if isinstance(published, str) else None,
            language=normalize_language(language) if isinstance(language, str) else None,
        )


def _warn(source: str, number: int, why: str) -> None:
    click.echo(f"{source}:{number}: skipped: {why}", err=True)
