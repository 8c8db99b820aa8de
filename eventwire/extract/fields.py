"""Articles from records that arrive already structured: JSONL lines, feed items, Reuters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ExtractError
from ..records import Article, RawDoc, article_id
from .common import (
    canonical_url,
    detect_language,
    join_paragraphs,
    normalize_language,
    parse_datetime,
)
from .dateline import parse_dateline


def extract_fields(raw: RawDoc) -> Article:
    """The Article a structured record describes; HTML bodies are reduced to paragraphs."""
    fields: Mapping[str, Any] = raw.fields
    text = _str(fields.get("text"))
    html = _str(fields.get("text_html")) or _str(fields.get("html"))
    if html and not text:
        if fields.get("text_html"):
            text = html_paragraphs(html)
        else:
            from .html import extract_html

            page = extract_html(html, url=raw.url, source=raw.source)
            return _merge(page, fields, raw)
    body = join_paragraphs(text.split("\n")) if text else ""
    if not body:
        raise ExtractError("no-body", f"{raw.source}: the record has no text")
    url = _str(fields.get("url")) or raw.url
    canonical = canonical_url(_str(fields.get("canonical_url")) or url)
    return Article(
        id=article_id(canonical, body),
        text=body,
        url=url,
        canonical_url=canonical,
        title=_str(fields.get("title")),
        description=_plain(_str(fields.get("description"))),
        site_name=_str(fields.get("site_name")),
        publisher=_str(fields.get("publisher")),
        authors=_list(fields.get("authors")),
        published_at=parse_datetime(_str(fields.get("published_at"))),
        modified_at=parse_datetime(_str(fields.get("modified_at"))),
        section=_str(fields.get("section")),
        tags=_list(fields.get("tags")),
        keywords=_list(fields.get("keywords")),
        language=normalize_language(_str(fields.get("language"))) or detect_language(body),
        image_url=_str(fields.get("image_url")),
        dateline=parse_dateline(body),
        source=raw.source,
        format=raw.format,
    )


def _merge(page: Article, fields: Mapping[str, Any], raw: RawDoc) -> Article:
    """A page extracted from a record's HTML, with the record's own fields taking precedence."""
    from dataclasses import replace

    title = _str(fields.get("title")) or page.title
    published = parse_datetime(_str(fields.get("published_at"))) or page.published_at
    return replace(page, title=title, published_at=published, source=raw.source, format=raw.format)


def html_paragraphs(html: str) -> str:
    """The text of an HTML fragment, one paragraph (block element) a line."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<body>{html}</body>")
    for node in tree.css("script, style, noscript, iframe, figure, figcaption"):
        node.decompose()
    body = tree.body
    if body is None:
        return ""
    blocks = body.css("p, h2, h3, h4, li, blockquote")
    if not blocks:
        return join_paragraphs(body.text(separator="\n").split("\n"))
    return join_paragraphs(block.text(separator=" ") for block in blocks)


def _plain(value: str | None) -> str | None:
    if value and "<" in value:
        return html_paragraphs(value).replace("\n", " ") or None
    return value


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = value.split(";") if ";" in value else value.split(",")
        return tuple(part.strip() for part in parts if part.strip())
    if isinstance(value, list | tuple):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return (str(value),)
