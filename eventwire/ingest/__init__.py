"""Readers: turn paths, globs, URLs and stdin into a stream of RawDoc (or Skip) records.

Every format is detected from the bytes (:func:`eventwire.ingest.detect.sniff`).  Containers
(WARC, JSONL, feeds, Reuters SGML) yield one RawDoc per record, and are streamed so a corpus is
never held in memory.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import Skip
from ..records import RawDoc
from ..settings import Settings
from .detect import sniff

Item = RawDoc | Skip
SourceLike = str | Path

_HEAD = 16384


def read_items(
    sources: SourceLike | Iterable[SourceLike], *, settings: Settings | None = None
) -> Iterator[Item]:
    """Every document of every source, as RawDoc, or Skip where a document cannot be read."""
    settings = settings or Settings.load()
    if isinstance(sources, str | Path):
        sources = [sources]
    for source in sources:
        text = str(source)
        if text == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", settings)
        elif text.startswith(("http://", "https://")):
            from .fetch import read_url

            yield from read_url(text, settings)
        else:
            yield from _read_path(text, settings)


def read(
    source: SourceLike | Iterable[SourceLike],
    *,
    settings: Settings | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[RawDoc]:
    """The documents of ``source`` (path, directory, glob, URL or ``-``); skips go to ``on_skip``.

    Without ``on_skip``, each skip is logged as a warning naming the document and the reason.
    """
    for item in read_items(source, settings=settings):
        if isinstance(item, Skip):
            if on_skip is None:
                import logging

                logging.getLogger("eventwire").warning("%s", item.message())
            else:
                on_skip(item)
        else:
            yield item


def _read_path(pattern: str, settings: Settings) -> Iterator[Item]:
    path = Path(pattern)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    elif path.is_file():
        files = [path]
    else:
        files = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
        if not files:
            yield Skip(pattern, "not-found", "no such file, directory or glob match")
            return
    for file in files:
        yield from read_file(file, settings)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """The documents in one file, whatever its format."""
    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Skip(source, "not-found", f"cannot open: {exc.strerror}")
        return
    with stream:
        yield from read_stream(stream, source, settings)


def read_stream(stream: BinaryIO, source: str, settings: Settings) -> Iterator[Item]:
    """The documents in a binary stream (a file, stdin or a decompressed body)."""
    head = _peek(stream)
    kind = sniff(head, source)
    if kind == "gzip":
        if sniff(_gunzip_head(head), source) == "warc":
            from .warc import read_warc

            yield from read_warc(stream, source, settings)
            return
        try:
            data = gzip.GzipFile(fileobj=stream).read(settings.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Skip(source, "truncated", f"gzip data ends early or is corrupt: {exc}")
            return
        yield from read_bytes(data, source.removesuffix(".gz"), settings, display=source)
        return
    if kind == "warc":
        from .warc import read_warc

        yield from read_warc(stream, source, settings)
        return
    if kind == "jsonl":
        from .jsonl import read_jsonl

        yield from read_jsonl(stream, source, settings)
        return
    data = stream.read(settings.max_bytes + 1)
    yield from read_bytes(data, source, settings)


def read_bytes(
    data: bytes,
    source: str,
    settings: Settings,
    *,
    url: str | None = None,
    encoding: str | None = None,
    display: str | None = None,
) -> Iterator[Item]:
    """The documents held in ``data`` (already in memory: a file, a WARC payload, a download)."""
    name = display or source
    if not data.strip():
        yield Skip(name, "empty", "no content")
        return
    if len(data) > settings.max_bytes:
        yield Skip(name, "too-large", f"over {settings.max_bytes} bytes (setting max_bytes)")
        return
    kind = sniff(data[:_HEAD], source)
    if kind in {"gzip", "warc", "jsonl"}:
        yield from read_stream(io.BytesIO(data), name, settings)
    elif kind == "binary":
        yield Skip(name, "binary", "the bytes are not text in any known format")
    elif kind == "feed":
        from .feeds import read_feed

        yield from read_feed(data, name, settings)
    elif kind == "reuters":
        from .reuters import read_reuters

        yield from read_reuters(data, name, settings)
    else:
        yield RawDoc(source=name, format=kind, content=data, url=url, encoding=encoding)


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, leaving it where it was (wrapping it if it cannot seek)."""
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(_HEAD)
        stream.seek(pos)
        return head
    if isinstance(stream, io.BufferedReader):
        return stream.peek(_HEAD)[:_HEAD]
    raise TypeError("read_stream needs a seekable or buffered stream")


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of gzip data, from its first compressed bytes."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, _HEAD)
    except zlib.error:
        return b""
