"""Property tests: no reader raises on any bytes; bad bytes become skips.

Inputs are arbitrary bytes and valid samples of every format with bytes flipped, inserted,
deleted or cut off.  Every iterator is consumed to the end.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import Skip
from eventwire.ingest import read_bytes
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.fetch import read_url
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.reuters import read_reuters
from eventwire.ingest.warc import read_warc
from eventwire.records import RawDoc
from eventwire.settings import Settings

SETTINGS = Settings.load()
PAGE = b"<!doctype html><html><head><title>T</title></head><body><p>Body.</p></body></html>"


def _warc(gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n, (ctype, body) in enumerate(
        [("text/html; charset=utf-8", PAGE), ("", PAGE), ("image/png", b"\x89PNG..")]
    ):
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", ctype)] if ctype else [], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://a.example/{n}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
            )
        )
    return out.getvalue()


SAMPLES = [
    _warc(False),
    _warc(True),
    b"".join(
        json.dumps(r).encode() + b"\n"
        for r in [
            {"url": "https://a.example/1", "title": "T", "maintext": "Text.", "authors": ["A"]},
            {"source": "https://a.example/2", "author": "A; B", "text": "T", "tags": "x;y"},
            {"raw_html": "<p>x</p>"},
        ]
    ),
    b"""<?xml version="1.0"?><rss version="2.0"
        xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>S</title>
        <item><title>A</title><link>https://a.example/a</link><description>d</description>
        <content:encoded><![CDATA[<p>Full.</p>]]></content:encoded>
        <pubDate>Tue, 28 Oct 2025 10:00:00 GMT</pubDate></item></channel></rss>""",
    b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>S</title><entry>
        <title>A</title><link href="https://a.example/a"/><updated>2025-10-28T10:00:00Z</updated>
        <content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>""",
    b"""<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="1"><DATE>26-FEB-1987 15:01:01.79</DATE>
<PLACES><D>usa</D></PLACES><TEXT>&#2;<TITLE>A &amp; B</TITLE>
<DATELINE>    NEW YORK, Feb 26 - </DATELINE><BODY>Text
wrapped here.
    Second paragraph.
 Reuter
&#3;</BODY></TEXT></REUTERS>""",
    PAGE,
    gzip.compress(PAGE),
]


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 32))]
        else:
            del data[at:]
    return bytes(data)


INPUTS = st.one_of(st.binary(max_size=2048), mutated_samples())
MAX_BYTES = st.sampled_from([SETTINGS.max_bytes, 4096, 200])
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _consume(items: Iterable[RawDoc | Skip]) -> None:
    for item in items:
        assert isinstance(item, RawDoc | Skip)


@PROPERTY
@given(INPUTS, MAX_BYTES)
def test_read_bytes_never_raises(data: bytes, max_bytes: int) -> None:
    _consume(read_bytes(data, "x", SETTINGS.with_(max_bytes=max_bytes)))


@PROPERTY
@given(INPUTS, MAX_BYTES)
def test_read_warc_never_raises(data: bytes, max_bytes: int) -> None:
    _consume(read_warc(io.BytesIO(data), "x", SETTINGS.with_(max_bytes=max_bytes)))


@PROPERTY
@given(INPUTS, MAX_BYTES)
def test_read_jsonl_never_raises(data: bytes, max_bytes: int) -> None:
    _consume(read_jsonl(io.BytesIO(data), "x", SETTINGS.with_(max_bytes=max_bytes)))


@PROPERTY
@given(INPUTS)
def test_read_feed_never_raises(data: bytes) -> None:
    _consume(read_feed(data, "x", SETTINGS))


@PROPERTY
@given(INPUTS)
def test_read_reuters_never_raises(data: bytes) -> None:
    _consume(read_reuters(data, "x", SETTINGS))


@PROPERTY
@given(
    page=INPUTS,
    robots=st.binary(max_size=512),
    content_type=st.sampled_from(
        [
            "text/html",
            "application/rss+xml",
            "text/plain",
            "",
            "text/html; charset=\x00",
            "application/pdf",
        ]
    ),
    status=st.sampled_from([200, 200, 200, 301, 404, 500]),
    location=st.sampled_from(["/page", "http://[::1", "//other.example/x", "ftp://x/", ""]),
)
def test_read_url_never_raises(
    page: bytes, robots: bytes, content_type: str, status: int, location: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, content=robots)
        headers = {"content-type": content_type, "location": location}
        return httpx.Response(status, headers=headers, content=page)

    test_settings = SETTINGS.with_(allow_private=True, respect_robots=True)
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        _consume(read_url("https://a.example/page", test_settings, client=client))
