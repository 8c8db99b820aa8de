"""Feed reader: each entry of an RSS 0.9x/1.0/2.0 or Atom feed becomes a RawDoc.

``read_feed`` parses bytes already in memory and does no network; when a feed comes from a URL,
:mod:`eventwire.ingest.fetch` fetches the pages of the entries that carry no full content.
"""

from __future__ import annotations

import calendar
import html
import io
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser

from ..errors import Skip
from ..records import RawDoc
from ..settings import Settings

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_IMAGE_EXT = re.compile(r"\.(jpe?g|png|gif|webp|avif)(\?|$)", re.IGNORECASE)


def read_feed(data: bytes, source: str, settings: Settings) -> Iterator[RawDoc | Skip]:
    """One ``RawDoc(format="feed", source="source#n")`` per entry (n counts entries from 1).

    ``content`` is the entry's full HTML (``content:encoded``, Atom ``content``) or else its
    summary; ``fields`` hold the metadata and ``text_html`` (the full HTML, or None when the
    feed only has a summary and the page must be fetched).
    """
    if len(data) > settings.max_bytes:
        yield Skip(source, "too-large", f"over {settings.max_bytes} bytes (setting max_bytes)")
        return
    headers = {"content-location": source} if source.startswith(("http://", "https://")) else {}
    # A stream, never bytes: feedparser.parse opens a bytes argument as a file name if it can.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    usable = [e for e in entries if _link(e) or _content(e) or e.get("summary")]
    if parsed.get("bozo") and not usable:
        problem = parsed.get("bozo_exception")
        yield Skip(source, "bad-xml", f"not a well-formed feed: {_message(problem)}")
        return
    if parsed.get("bozo"):
        log.debug(
            "%s: feed not well-formed (%s); read leniently",
            source,
            _message(parsed.get("bozo_exception")),
        )
    if not entries:
        yield Skip(source, "empty", "the feed has no entries")
        return
    feed = parsed.get("feed") or {}
    for n, entry in enumerate(entries, 1):
        yield entry_doc(entry, feed, f"{source}#{n}")


def entry_doc(entry: Mapping[str, Any], feed: Mapping[str, Any], name: str) -> RawDoc | Skip:
    """One feedparser entry as a RawDoc, or a ``bad-record`` skip."""
    link = _link(entry)
    content_html = _content(entry)
    summary = _str(entry.get("summary"))
    if not link and not content_html and not summary:
        return Skip(name, "bad-record", "the entry has no link, no content and no summary")
    fields: dict[str, Any] = {
        "title": html_to_text(_str(entry.get("title")) or "") or None,
        "url": link,
        "published_at": _date(entry, "published") or _date(entry, "updated"),
        "modified_at": _date(entry, "updated"),
        "authors": _authors(entry),
        "tags": _unique(_str(tag.get("term")) for tag in entry.get("tags") or []),
        "description": (html_to_text(summary) or None) if summary else None,
        "site_name": _str(feed.get("title")),
        "language": _str(feed.get("language")),
        "image_url": _image(entry),
        "text_html": content_html,
    }
    body = content_html or summary or ""
    return RawDoc(source=name, format="feed", content=body.encode("utf-8"), url=link, fields=fields)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag in ("p", "br", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _content(entry: Mapping[str, Any]) -> str | None:
    """The entry's longest full content as HTML (plain-text content escaped into paragraphs)."""
    best: str | None = None
    for item in entry.get("content") or []:
        value = _str(item.get("value"))
        if value is None:
            continue
        if str(item.get("type") or "text/html").lower() not in _HTML_TYPES:
            paragraphs = (p.strip() for p in re.split(r"\n\s*\n", value))
            value = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
        if best is None or len(value) > len(best):
            best = value
    return best


def _link(entry: Mapping[str, Any]) -> str | None:
    link = _str(entry.get("link"))
    if link:
        return link
    for item in entry.get("links") or []:
        if item.get("rel", "alternate") == "alternate" and _str(item.get("href")):
            return _str(item.get("href"))
    return None


def _date(entry: Mapping[str, Any], key: str) -> str | None:
    parsed = _own(entry, f"{key}_parsed")
    if parsed:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
        except (TypeError, ValueError, OverflowError, OSError):
            pass
    return _str(_own(entry, key))


def _own(entry: Mapping[str, Any], key: str) -> Any:
    """The entry's own value: FeedParserDict.get("updated") falls back to "published" (and
    warns about it)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _authors(entry: Mapping[str, Any]) -> list[str]:
    names = _unique(_str(a.get("name")) for a in entry.get("authors") or [] if hasattr(a, "get"))
    if not names and _str(entry.get("author")):
        names = [str(entry.get("author")).strip()]
    return names


def _image(entry: Mapping[str, Any]) -> str | None:
    media = [m for m in entry.get("media_content") or [] if _str(m.get("url"))]
    for item in media:
        if item.get("medium") == "image" or str(item.get("type", "")).startswith("image/"):
            return _str(item.get("url"))
    for item in entry.get("media_thumbnail") or []:
        if _str(item.get("url")):
            return _str(item.get("url"))
    for item in entry.get("links") or []:
        if item.get("rel") == "enclosure" and str(item.get("type", "")).startswith("image/"):
            return _str(item.get("href"))
    for item in media:
        if not item.get("medium") and _IMAGE_EXT.search(str(item.get("url"))):
            return _str(item.get("url"))
    image = entry.get("image")
    return _str(image.get("href")) if isinstance(image, Mapping) else None


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _message(problem: Any) -> str:
    if problem is None:
        return "no entries could be read"
    message = getattr(problem, "getMessage", None)
    if callable(message):  # xml.sax.SAXParseException
        return f"line {problem.getLineNumber()}, column {problem.getColumnNumber()}: {message()}"
    return " ".join(str(problem).split()) or type(problem).__name__
