"""/export/{what}.{format}: the store streamed as CSV, JSONL or Parquet.

Rows come from the store in batches and leave as soon as they are encoded, so an export of any
size holds one batch in memory.  Parquet is streamed too: one row group a batch, the footer last.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from functools import partial
from itertools import islice
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from ..store import Store
from ..store.export import ARTICLE_COLUMNS
from .deps import stores
from .event_export import EVENT_COLUMNS, iter_events

router = APIRouter(tags=["export"])

BATCH = 500
_LISTS = {"authors", "tags", "keywords", "flags", "source_actors", "target_actors"}


class What(StrEnum):
    articles = "articles"
    events = "events"


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


MEDIA = {
    Format.csv: "text/csv; charset=utf-8",
    Format.jsonl: "application/x-ndjson",
    Format.parquet: "application/vnd.apache.parquet",
}


@router.get(
    "/export/{what}.{fmt}",
    response_class=StreamingResponse,
    responses={200: {"content": {m: {} for m in MEDIA.values()}, "description": "The export."}},
)
async def export(request: Request, what: What, fmt: Format) -> StreamingResponse:
    """Every article, or every event (rejected ones too) with its review trail, streamed."""
    path = stores(request).path

    async def body() -> AsyncIterator[bytes]:
        # One thread of its own opens the store and encodes batch after batch (an SQLite
        # connection stays on its thread), so other requests go on while an export streams.
        loop = asyncio.get_running_loop()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export") as thread:
            store = await loop.run_in_executor(thread, partial(Store, path, readonly=True))
            try:
                rows, columns = _rows(store, what)
                chunks = encode(rows, columns, fmt)
                while (chunk := await loop.run_in_executor(thread, next, chunks, None)) is not None:
                    if chunk:
                        yield chunk
            finally:
                await loop.run_in_executor(thread, store.close)

    return StreamingResponse(
        body(),
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{what.value}.{fmt.value}"'},
    )


def _rows(store: Store, what: What) -> tuple[Iterator[dict[str, Any]], list[str]]:
    if what is What.events:
        return iter_events(store), EVENT_COLUMNS
    return (a.to_dict() for a in store.iter_articles()), ARTICLE_COLUMNS


def encode(rows: Iterable[dict[str, Any]], columns: list[str], fmt: Format) -> Iterator[bytes]:
    """Rows as the bytes of a file of ``fmt``, a batch at a time."""
    rows = iter(rows)
    if fmt is Format.parquet:
        yield from _parquet(rows, columns)
        return
    if fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        while batch := list(islice(rows, BATCH)):
            writer.writerows(_flat(row) for row in batch)
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
        if buffer.tell():
            yield buffer.getvalue().encode()
        return
    while batch := list(islice(rows, BATCH)):
        yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in batch).encode()


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key in _LISTS and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _cell(key, value) for key, value in row.items()}


class _Sink(io.RawIOBase):
    """A write-only file that hands over what was written since the last :meth:`take`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._size += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._size

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


_INTS = {"quad_class", "num_mentions", "num_articles", "num_sources"}
_FLOATS = {"goldstein", "lat", "lon", "confidence"}


def _parquet(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(name: str) -> Any:
        if name in _LISTS:
            return pa.list_(pa.string())
        if name in _INTS:
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        return pa.string()

    def value(name: str, cell: Any) -> Any:
        if name in _LISTS:
            return [str(v) for v in cell or []]
        if name in _INTS or name in _FLOATS:
            return cell
        return _text(cell)

    schema = pa.schema([pa.field(name, kind(name)) for name in columns])
    sink = _Sink()
    with pq.ParquetWriter(sink, schema) as writer:
        while batch := list(islice(rows, BATCH)):
            table = [{name: value(name, row.get(name)) for name in columns} for row in batch]
            writer.write_table(pa.Table.from_pylist(table, schema=schema))
            yield sink.take()
    yield sink.take()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
