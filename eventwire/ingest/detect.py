"""Tell a document's format from its bytes (the file name is only a tie-breaker)."""

from __future__ import annotations

import json
import re

_URL_LINE = re.compile(rb"^\s*https?://[^\s/$.?#][^\s]*\s*$")
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<title|<div|<article|<p[ >])",
    re.IGNORECASE | re.DOTALL,
)
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_REUTERS = re.compile(rb"<!DOCTYPE lewis|<REUTERS\s", re.IGNORECASE)

GZIP_MAGIC = b"\x1f\x8b"


def sniff(head: bytes, name: str = "") -> str:
    """Return the format of a document from its first bytes.

    One of ``warc``, ``gzip``, ``feed``, ``reuters``, ``html``, ``jsonl``, ``pagedump``,
    ``text`` or ``binary``.  ``head`` should be the first few kilobytes.
    """
    lowered = name.lower()
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if _looks_binary(stripped):
        return "binary"
    if _REUTERS.search(stripped[:2048]):
        return "reuters"
    if stripped.startswith(b"<?xml") or (
        _FEED.search(stripped[:2048]) and not _HTML_START.match(stripped)
    ):
        return "feed" if _FEED.search(stripped[:4096]) else "html"
    if _HTML_START.match(stripped):
        return "html"
    first_line = stripped.split(b"\n", 1)[0]
    if first_line.startswith(b"{") and _first_json_ok(first_line, lowered):
        return "jsonl"
    if _URL_LINE.match(first_line) and b"\n" in stripped.strip():
        return "pagedump"
    if lowered.endswith((".html", ".htm", ".xhtml")) and b"<" in stripped[:4096]:
        return "html"
    return "text"


def _first_json_ok(line: bytes, name: str) -> bool:
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return True
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _looks_binary(head: bytes) -> bool:
    sample = head[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        # UTF-16 text has NULs too; a BOM says which it is.
        return not sample.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05
