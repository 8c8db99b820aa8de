"""WARC reader: each HTML response record of a ``.warc`` or ``.warc.gz`` file becomes a RawDoc.

Request, metadata and other non-response records, non-200 responses and responses that are not
HTML are passed over without a skip: a crawl holds many of them and none is an article.  A file
that ends in the middle of a record yields the records before it, then one ``truncated`` skip.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..errors import Skip
from ..records import RawDoc
from ..settings import Settings
from .detect import sniff

_CHUNK = 1 << 16
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types that are HTML pages."""
GENERIC_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
"""Media types that say nothing: the bytes are sniffed instead."""

# What warcio raises on corrupt or cut-off input.  Besides its own two exceptions it lets
# built-in errors escape from its parsers (AttributeError when a response record has no
# WARC-Target-URI, ValueError on a non-numeric length, zlib.error on broken gzip members...).
_CORRUPT: tuple[type[BaseException], ...] = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    AttributeError,
    EOFError,
    IndexError,
    KeyError,
    OSError,
    TypeError,
    UnicodeError,
    ValueError,
    zlib.error,
)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``"text/html; charset=UTF-8"`` -> ``("text/html", "UTF-8")``; the media type lower-cased."""
    if not value:
        return "", None
    media = value.split(";", 1)[0].strip().lower()
    found = _CHARSET.search(value)
    return media, found.group(1) if found else None


def read_warc(stream: BinaryIO, source: str, settings: Settings) -> Iterator[RawDoc | Skip]:
    """The HTML responses of a WARC stream, as ``RawDoc(format="html")`` named ``source#n``.

    ``n`` counts response records from 1.  Records over ``settings.max_bytes`` become
    ``too-large`` skips; a cut-off or corrupt file ends with one ``truncated`` skip.
    """
    counter = _CountingReader(stream)
    records = _QuietArchiveIterator(counter)
    n = 0
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            found = _inspect(record, settings)
        except _CORRUPT as exc:
            yield Skip(source, "truncated", _describe(exc, n))
            return
        if not found.complete:
            yield Skip(
                source,
                "truncated",
                f"the file ends inside response record {n + 1}"
                if found.response
                else "the file ends inside a record",
            )
            return
        if not found.response:
            continue
        n += 1
        name = f"{source}#{n}"
        if found.too_large:
            yield Skip(
                name,
                "too-large",
                f"record over {settings.max_bytes} bytes (setting max_bytes): {found.url}",
            )
        elif found.payload is not None:
            yield RawDoc(
                source=name,
                format="html",
                content=found.payload,
                url=found.url,
                encoding=found.charset,
            )
    if counter.count > records.offset:
        # warcio ends quietly when the file stops inside a record's WARC headers.
        yield Skip(
            source,
            "truncated",
            f"the file ends inside a record after response record {n}"
            if n
            else "the file ends inside its first record",
        )


@dataclass(frozen=True, slots=True)
class _Record:
    complete: bool
    response: bool = False
    url: str | None = None
    charset: str | None = None
    too_large: bool = False
    payload: bytes | None = None
    """The HTML payload; None for a record that is passed over."""


def _inspect(record: Any, settings: Settings) -> _Record:
    """What a record holds; every warcio call happens here, inside the caller's ``try``."""
    if record.rec_type != "response":
        return _Record(complete=_drain(record))
    url = record.rec_headers.get_header("WARC-Target-URI")
    headers = record.http_headers
    status = headers.get_statuscode() if headers is not None else None
    media, charset = parse_content_type(
        headers.get_header("Content-Type") if headers is not None else None
    )
    if status != "200" or (media not in HTML_TYPES and media not in GENERIC_TYPES):
        return _Record(complete=_drain(record), response=True, url=url)
    if (record.length or 0) > settings.max_bytes:
        return _Record(complete=_drain(record), response=True, url=url, too_large=True)
    payload = record.content_stream().read(settings.max_bytes + 1)
    complete = _drain(record)
    if len(payload) > settings.max_bytes:
        return _Record(complete=complete, response=True, url=url, too_large=True)
    if media not in HTML_TYPES and sniff(payload[:16384], url or "") != "html":
        payload = None
    return _Record(complete, True, url, charset, payload=payload)


def _drain(record: Any) -> bool:
    """Read the rest of a record; False when the file ends before the record's length.

    A record cut off inside its WARC headers has no (or an empty) Content-Length.
    """
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    left = getattr(raw, "limit", None)
    return bool(declared) and left is not None and left <= 0


def _describe(exc: BaseException, n: int) -> str:
    where = f"after response record {n}" if n else "before any response record"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"corrupt or cut-off WARC {where}: {text[:200]}"


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio writes a warning to stderr when a record is not followed by a blank line (a
    wrong Content-Length); the record that follows then fails to parse and becomes a skip."""

    INC_RECORD = ""


class _CountingReader:
    """A read-only stream that counts the bytes read, so a partial last record is noticed."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count
