"""JSONL reader: news-please and trafilatura lines map to Article field names."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import Skip
from eventwire.ingest import read_items
from eventwire.ingest.jsonl import map_fields, read_jsonl
from eventwire.records import RawDoc
from eventwire.settings import Settings

SETTINGS = Settings.load()

NEWS_PLEASE = {
    "authors": ["Jane Roe", "John Doe"],
    "date_download": "2025-10-28 12:00:00",
    "date_modify": "2025-10-28 11:00:00",
    "date_publish": "2025-10-28 09:30:00",
    "description": "Ministers met.",
    "image_url": "https://img.example/a.jpg",
    "language": "en",
    "maintext": "BRUSSELS (Reuters) - Ministers met on Tuesday.",
    "source_domain": "news.example",
    "title": "Ministers meet",
    "url": "https://news.example/a",
}
TRAFILATURA = {
    "title": "Talks resume",
    "author": "Ann Lee; Bo Park",
    "hostname": "paper.example",
    "date": "2025-10-27",
    "source": "https://paper.example/talks",
    "source-hostname": "The Paper",
    "excerpt": "Talks resumed.",
    "categories": "World;Europe",
    "tags": "talks, diplomacy",
    "text": "PARIS - Talks resumed on Monday.",
    "language": "fr",
    "image": "https://paper.example/t.jpg",
}


def _lines(*items: Any) -> bytes:
    return b"".join(
        (item if isinstance(item, bytes) else json.dumps(item).encode()) + b"\n" for item in items
    )


def _read(data: bytes, **settings: Any) -> list[RawDoc | Skip]:
    return list(read_jsonl(io.BytesIO(data), "f.jsonl", Settings.load(**settings)))


def test_news_please_line() -> None:
    [doc] = _read(_lines(NEWS_PLEASE))
    assert isinstance(doc, RawDoc)
    assert (doc.source, doc.format, doc.url) == ("f.jsonl#1", "jsonl", "https://news.example/a")
    assert doc.content == json.dumps(NEWS_PLEASE).encode()
    assert doc.fields == {
        "url": "https://news.example/a",
        "title": "Ministers meet",
        "description": "Ministers met.",
        "site_name": "news.example",
        "published_at": "2025-10-28 09:30:00",
        "modified_at": "2025-10-28 11:00:00",
        "language": "en",
        "image_url": "https://img.example/a.jpg",
        "text": "BRUSSELS (Reuters) - Ministers met on Tuesday.",
        "authors": ["Jane Roe", "John Doe"],
    }


def test_trafilatura_line() -> None:
    [doc] = _read(_lines(TRAFILATURA))
    assert isinstance(doc, RawDoc)
    assert doc.url == "https://paper.example/talks"
    assert doc.fields["authors"] == ["Ann Lee", "Bo Park"]
    assert doc.fields["tags"] == ["talks", "diplomacy"]
    assert doc.fields["site_name"] == "The Paper"
    assert doc.fields["description"] == "Talks resumed."
    assert doc.fields["published_at"] == "2025-10-27"
    assert doc.fields["image_url"] == "https://paper.example/t.jpg"
    assert doc.fields["text"] == "PARIS - Talks resumed on Monday."


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"pubDate": "Tue, 28 Oct 2025"}, "published_at", "Tue, 28 Oct 2025"),
        ({"published": "2025-10-28"}, "published_at", "2025-10-28"),
        ({"modified": "2025-10-29"}, "modified_at", "2025-10-29"),
        ({"top_image": "https://x.example/i.png"}, "image_url", "https://x.example/i.png"),
        ({"raw_text": "raw"}, "text", "raw"),
        ({"content": "c"}, "text", "c"),
        ({"body": "b"}, "text", "b"),
        ({"categories": ["a", "b", "a"]}, "tags", ["a", "b"]),
        ({"keywords": "x, y"}, "keywords", ["x", "y"]),
        ({"author": "Smith, John"}, "authors", ["Smith, John"]),
        ({"authors": "A; B"}, "authors", ["A", "B"]),
        ({"section": "World"}, "section", "World"),
        ({"publisher": "P"}, "publisher", "P"),
        ({"canonical_url": "https://c.example/"}, "canonical_url", "https://c.example/"),
        ({"source": "not a url"}, "url", None),
        ({"title": 42}, "title", None),
        ({"authors": [1, None, " Ann "]}, "authors", ["Ann"]),
    ],
)
def test_field_mapping(record: dict[str, Any], field: str, expected: Any) -> None:
    assert map_fields(record).get(field) == expected


def test_html_only_when_no_text() -> None:
    assert map_fields({"html": "<p>x</p>"})["html"] == "<p>x</p>"
    assert map_fields({"raw_html": "<p>x</p>"})["html"] == "<p>x</p>"
    assert "html" not in map_fields({"html": "<p>x</p>", "text": "x"})


def test_broken_lines_become_skips_and_reading_goes_on() -> None:
    data = _lines(
        NEWS_PLEASE,
        b"",
        b'{"title": "a" "text": "b"}',
        b"[1, 2]",
        {"title": "no text here", "url": "https://a.example/"},
        {"html": "<p>only html</p>"},
        b"\xff\xfe{}",
        TRAFILATURA,
    )
    items = _read(data)
    assert [(i.source, type(i).__name__) for i in items] == [
        ("f.jsonl#1", "RawDoc"),
        ("f.jsonl#3", "Skip"),
        ("f.jsonl#4", "Skip"),
        ("f.jsonl#5", "Skip"),
        ("f.jsonl#6", "RawDoc"),
        ("f.jsonl#7", "Skip"),
        ("f.jsonl#8", "RawDoc"),
    ]
    skips = {i.source: i for i in items if isinstance(i, Skip)}
    assert skips["f.jsonl#3"].reason == "bad-json"
    assert skips["f.jsonl#3"].detail == "line 3: Expecting ',' delimiter (column 15)"
    assert skips["f.jsonl#4"].detail == "line 4: a JSON array, not an object"
    assert skips["f.jsonl#5"].reason == "bad-record"
    assert "no text or html" in skips["f.jsonl#5"].detail
    assert skips["f.jsonl#7"].reason == "bad-encoding"


def test_bom_and_crlf_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(TRAFILATURA).encode() + b"\r\n" + _lines(NEWS_PLEASE)
    items = _read(data)
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc"]


def test_deep_nesting_is_a_skip_not_a_crash() -> None:
    [skip] = _read(b"[" * 100_000 + b"]" * 100_000 + b"\n")
    assert isinstance(skip, Skip) and skip.reason == "bad-json"


def test_long_line_is_too_large_and_the_next_line_is_read() -> None:
    big = json.dumps({"text": "x" * 5000}).encode()
    items = _read(_lines(big, NEWS_PLEASE), max_bytes=1000)
    assert isinstance(items[0], Skip) and items[0].reason == "too-large"
    assert isinstance(items[1], RawDoc) and items[1].source == "f.jsonl#2"


def test_read_items_detects_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "articles.data"
    path.write_bytes(_lines(NEWS_PLEASE, b"{broken", TRAFILATURA))
    items = list(read_items(path, settings=SETTINGS))
    assert [type(i).__name__ for i in items] == ["RawDoc", "Skip", "RawDoc"]
    assert items[2].source == f"{path}#3"
