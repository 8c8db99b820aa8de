"""Format detection from content, not from the file name."""

from __future__ import annotations

import pytest

from eventwire.ingest.detect import sniff


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"\x1f\x8b\x08\x00", "a.txt", "gzip"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x", "warc"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel>", "feed.txt", "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "x", "feed"),
        (b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS=', "r.sgm", "reuters"),
        (b"<!doctype html><html><head>", "page.txt", "html"),
        (b"  <html lang='en'>", "x", "html"),
        (b'{"url": "https://a.b/c", "text": "x"}\n{"url": 1}', "a.data", "jsonl"),
        (b"https://example.org/a\nTitle\nBody.\n", "a.html", "pagedump"),
        (b"Headline\n\nBody text here.\n", "a.html", "text"),
        (b"\x00\x01\x02\x03binary", "a.txt", "binary"),
        (b"{not json at all", "a.txt", "text"),
    ],
)
def test_sniff(head: bytes, name: str, expected: str) -> None:
    assert sniff(head, name) == expected
