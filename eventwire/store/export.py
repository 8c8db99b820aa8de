"""Exports: JSONL, CSV and Parquet, streamed in batches."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from ..records import Article
from .sqlite import Store

ARTICLE_COLUMNS = [
    "id",
    "url",
    "canonical_url",
    "title",
    "description",
    "site_name",
    "publisher",
    "authors",
    "published_at",
    "modified_at",
    "section",
    "tags",
    "keywords",
    "language",
    "image_url",
    "video",
    "dateline",
    "text",
]
_LISTS = {"authors", "tags", "keywords"}
_OBJECTS = {"video", "dateline"}


def export_articles(store: Store, fmt: str, out: Path, *, batch: int = 1000) -> int:
    rows = (a.to_dict() for a in store.iter_articles())
    if fmt == "jsonl":
        return _jsonl(rows, out)
    if fmt == "csv":
        return _csv(rows, out)
    if fmt == "parquet":
        return _parquet(rows, out, batch)
    raise ValueError(f"unknown export format {fmt!r}; use jsonl, csv or parquet")


def _jsonl(rows: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(rows: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ARTICLE_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(_flat(row))
            count += 1
    return count


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    flat = dict(row)
    for key in _LISTS:
        flat[key] = "; ".join(row[key])
    for key in _OBJECTS:
        flat[key] = json.dumps(row[key], ensure_ascii=False) if row[key] else ""
    return flat


def _parquet(rows: Iterator[dict[str, Any]], out: Path, batch: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            pa.field(name, pa.list_(pa.string()) if name in _LISTS else pa.string())
            for name in ARTICLE_COLUMNS
        ]
    )
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while chunk := list(islice(rows, batch)):
            for row in chunk:
                for key in _OBJECTS:
                    row[key] = json.dumps(row[key], ensure_ascii=False) if row[key] else None
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


__all__ = ["ARTICLE_COLUMNS", "Article", "export_articles"]
