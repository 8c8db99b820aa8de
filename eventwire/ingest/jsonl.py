"""JSONL reader: one article a line, as news-please or trafilatura write them.

Each line becomes ``RawDoc(format="jsonl", source="path#line")`` whose ``fields`` use eventwire's
:class:`~eventwire.records.Article` names.  The file is read a line at a time, never whole; a
broken line becomes a skip and the next line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from ..errors import Skip
from ..records import RawDoc
from ..settings import Settings

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20

# Article field <- the keys news-please, trafilatura and common exports use, first found wins.
# trafilatura: source (the URL), source-hostname (site name), excerpt, author "A; B",
# categories/tags "a;b".  news-please: maintext, authors [..], date_publish, date_modify,
# source_domain, image_url.
TEXT_KEYS: Mapping[str, tuple[str, ...]] = {
    "url": ("url", "source", "link"),
    "canonical_url": ("canonical_url", "canonical"),
    "title": ("title", "title_page", "title_rss", "headline"),
    "description": ("description", "excerpt", "summary"),
    "site_name": ("site_name", "sitename", "source-hostname", "source_domain", "hostname"),
    "publisher": ("publisher",),
    "published_at": ("published_at", "date_publish", "published", "date", "pubDate"),
    "modified_at": ("modified_at", "date_modify", "modified"),
    "section": ("section", "category"),
    "language": ("language", "lang"),
    "image_url": ("image_url", "image", "top_image"),
    "text": ("text", "maintext", "raw_text", "content", "body"),
}
LIST_KEYS: Mapping[str, tuple[str, ...]] = {
    "authors": ("authors", "author"),
    "tags": ("tags", "categories"),
    "keywords": ("keywords",),
}
HTML_KEYS = ("html", "raw_html")
_URL_KEYS = frozenset({"url", "canonical_url", "image_url"})


def read_jsonl(stream: BinaryIO, source: str, settings: Settings) -> Iterator[RawDoc | Skip]:
    """One RawDoc per JSON object line; blank lines are ignored, broken lines become skips."""
    line_no = 0
    while True:
        line = stream.readline(settings.max_bytes + 1)
        if not line:
            return
        line_no += 1
        name = f"{source}#{line_no}"
        if len(line) > settings.max_bytes and not line.endswith(b"\n"):
            _discard_rest_of_line(stream)
            yield Skip(
                name,
                "too-large",
                f"line {line_no}: over {settings.max_bytes} bytes (setting max_bytes)",
            )
            continue
        if line_no == 1:
            line = line.removeprefix(_BOM)
        line = line.strip()
        if line:
            yield parse_line(line, name, line_no)


def parse_line(line: bytes, name: str, line_no: int) -> RawDoc | Skip:
    """One non-blank JSONL line as a RawDoc, or the skip that says what is wrong with it."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skip(name, "bad-encoding", f"line {line_no}: not UTF-8 at byte {exc.start}")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Skip(name, "bad-json", f"line {line_no}: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:  # too many digits, nesting too deep
        return Skip(name, "bad-json", f"line {line_no}: {type(exc).__name__}: {exc}"[:300])
    if not isinstance(value, dict):
        return Skip(name, "bad-json", f"line {line_no}: a JSON {_json_kind(value)}, not an object")
    fields = map_fields(value)
    if "text" not in fields and "html" not in fields:
        keys = ", ".join(sorted(value)[:12]) or "none"
        return Skip(name, "bad-record", f"line {line_no}: no text or html field (keys: {keys})")
    url = fields.get("url") or fields.get("canonical_url")
    return RawDoc(source=name, format="jsonl", content=line, url=url, fields=fields)


def map_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """news-please / trafilatura keys -> Article field names; only fields with a value appear."""
    fields: dict[str, Any] = {}
    for field, keys in TEXT_KEYS.items():
        for key in keys:
            value = _text(record.get(key))
            if value is not None and (field not in _URL_KEYS or _is_url(value)):
                fields[field] = value
                break
    for field, keys in LIST_KEYS.items():
        for key in keys:
            values = _strings(record.get(key), field)
            if values:
                fields[field] = values
                break
    if "text" not in fields:
        for key in HTML_KEYS:
            html = _text(record.get(key))
            if html is not None:
                fields["html"] = html
                break
    return fields


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _strings(value: Any, field: str) -> list[str]:
    """A list of names from a JSON list, or from a string separated by ";" (or "," for tags)."""
    if isinstance(value, str):
        separator = ";" if ";" in value or field == "authors" else ","
        parts: list[Any] = value.split(separator)
    elif isinstance(value, list):
        parts = value
    else:
        return []
    seen: dict[str, None] = {}
    for part in parts:
        if isinstance(part, str) and part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//"))


def _json_kind(value: Any) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return kinds.get(type(value), "null")


def _discard_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
