"""WARC reader: HTML responses become RawDocs; a cut-off file ends with one truncated skip."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import Skip
from eventwire.ingest import read_items
from eventwire.ingest.warc import parse_content_type, read_warc
from eventwire.records import RawDoc
from eventwire.settings import Settings

SETTINGS = Settings.load()
PAGE = b"<!doctype html><html><head><title>T</title></head><body><p>%d</p></body></html>"


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    headers: list[tuple[str, str]],
    status: str = "200 OK",
) -> None:
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
    )
    writer.write_record(record)


def make_warc(path: Path, *, gz: bool) -> Path:
    """warcinfo, then 6 response records (3 HTML), a request and a metadata record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(
            writer,
            "https://a.example/1",
            PAGE % 1,
            [("Content-Type", "text/html; charset=ISO-8859-1")],
        )
        request = writer.create_warc_record(
            "https://a.example/1",
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                "GET /1 HTTP/1.1", [("Host", "a.example")], is_http_request=True
            ),
        )
        writer.write_record(request)
        _response(
            writer,
            "https://a.example/logo.png",
            b"\x89PNG\r\n\x1a\n....",
            [("Content-Type", "image/png")],
        )
        _response(writer, "https://a.example/3", PAGE % 3, [])  # no Content-Type: sniffed
        _response(
            writer,
            "https://a.example/gone",
            PAGE % 4,
            [("Content-Type", "text/html")],
            status="404 Not Found",
        )
        _response(
            writer,
            "https://a.example/5",
            gzip.compress(PAGE % 5),
            [("Content-Type", "application/xhtml+xml"), ("Content-Encoding", "gzip")],
        )
        _response(
            writer,
            "https://a.example/data.txt",
            b"just text, no markup",
            [("Content-Type", "text/plain")],
        )
        metadata = writer.create_warc_record(
            "https://a.example/1",
            "metadata",
            payload=io.BytesIO(b"outlinks: none\n"),
            length=15,
            warc_content_type="application/warc-fields",
        )
        writer.write_record(metadata)
    return path


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def warc_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    gz: bool = request.param
    return make_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz=gz)


def test_html_responses_become_rawdocs(warc_file: Path) -> None:
    with warc_file.open("rb") as stream:
        items = list(read_warc(stream, "crawl", SETTINGS))
    assert all(isinstance(item, RawDoc) for item in items)
    docs = [item for item in items if isinstance(item, RawDoc)]
    # n counts response records: the PNG is #2, the 404 #4, the plain text #6.
    assert [d.source for d in docs] == ["crawl#1", "crawl#3", "crawl#5"]
    assert [d.url for d in docs] == [
        "https://a.example/1",
        "https://a.example/3",
        "https://a.example/5",
    ]
    assert [d.encoding for d in docs] == ["ISO-8859-1", None, None]
    assert [d.content for d in docs] == [PAGE % 1, PAGE % 3, PAGE % 5]  # gzip body decoded
    assert {d.format for d in docs} == {"html"}


def test_read_items_dispatches_by_content(warc_file: Path) -> None:
    items = list(read_items(warc_file, settings=SETTINGS))
    assert [i.source for i in items] == [f"{warc_file}#{n}" for n in (1, 3, 5)]


def test_truncated_file_keeps_good_records_then_one_skip(warc_file: Path) -> None:
    data = warc_file.read_bytes()
    items = list(read_warc(io.BytesIO(data[: len(data) // 2]), "half", SETTINGS))
    *docs, last = items
    assert isinstance(last, Skip) and last.reason == "truncated" and last.source == "half"
    assert last.detail
    assert docs and all(isinstance(d, RawDoc) for d in docs)
    assert [d.content for d in docs if isinstance(d, RawDoc)] == [PAGE % 1, PAGE % 3][: len(docs)]


@pytest.mark.parametrize("gz", [False, True])
def test_every_cut_point_ends_in_truncated_or_whole_records(tmp_path: Path, gz: bool) -> None:
    data = make_warc(tmp_path / "w", gz=gz).read_bytes()
    whole = [d.content for d in read_warc(io.BytesIO(data), "w", SETTINGS) if isinstance(d, RawDoc)]
    for cut in range(1, len(data), 7):
        items = list(read_warc(io.BytesIO(data[:cut]), "w", SETTINGS))
        skips = [i for i in items if isinstance(i, Skip)]
        contents = [i.content for i in items if isinstance(i, RawDoc)]
        assert contents == whole[: len(contents)], cut  # no half page ever becomes a RawDoc
        assert len(skips) <= 1 and all(s.reason == "truncated" for s in skips), cut
        if skips:
            assert items[-1] is skips[0]


def test_garbage_is_a_truncated_skip() -> None:
    items = list(
        read_warc(io.BytesIO(b"WARC/1.0\r\nthis is not a header\r\n\r\n\x00\x01"), "junk", SETTINGS)
    )
    assert len(items) == 1 and isinstance(items[0], Skip)
    assert items[0].reason == "truncated"


def test_records_over_max_bytes_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        _response(writer, "https://a.example/small", PAGE % 1, [("Content-Type", "text/html")])
        _response(
            writer,
            "https://a.example/big",
            b"<html><body>" + b"x" * 5000,
            [("Content-Type", "text/html")],
        )
        _response(writer, "https://a.example/after", PAGE % 3, [("Content-Type", "text/html")])
    with path.open("rb") as stream:
        items = list(read_warc(stream, "big", SETTINGS.with_(max_bytes=1000)))
    assert [type(i).__name__ for i in items] == ["RawDoc", "Skip", "RawDoc"]
    skip = items[1]
    assert isinstance(skip, Skip) and skip.reason == "too-large" and skip.source == "big#2"
    assert "https://a.example/big" in skip.detail


def test_unseekable_stream(warc_file: Path) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    from eventwire.ingest import read_stream

    with io.BufferedReader(Pipe(warc_file.read_bytes())) as stream:
        items = list(read_stream(stream, "pipe", SETTINGS))
    assert [i.source for i in items] == ["pipe#1", "pipe#3", "pipe#5"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "UTF-8")),
        ('Text/HTML;Charset="windows-1252"', ("text/html", "windows-1252")),
        ("application/xhtml+xml", ("application/xhtml+xml", None)),
        ("", ("", None)),
        (None, ("", None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected
