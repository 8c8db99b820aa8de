"""An HTML page to an :class:`~eventwire.records.Article`.

The page is parsed once (selectolax/lexbor); :mod:`.metadata` reads the tree, then :mod:`.body`
finds the article text in it.  trafilatura runs only when the body finder is not sure, and
htmldate only when the markup names no publication date.

``Article.published_at`` and ``modified_at`` are in UTC (the records' convention); the same
instant in the page's own UTC offset, whose calendar day is the one the page's readers saw,
comes from :func:`published_in_page_offset`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser

from ..errors import ExtractError
from ..records import Article, article_id
from .body import find_body, tidy
from .common import decode, detect_language, join_paragraphs
from .dateline import parse_dateline
from .metadata import read_metadata
from .published import htmldate_fallback

MIN_TEXT_CHARS = 1
"""Less text than this is no article."""


def extract_html(
    data: bytes | str,
    *,
    url: str | None = None,
    encoding: str | None = None,
    source: str = "",
) -> Article:
    """The article in an HTML page: text (one paragraph a line) and metadata.

    ``encoding`` is the declared character set (HTTP header), if any.  Raises
    ``ExtractError("bad-encoding")`` when the bytes do not decode and ``ExtractError("no-body")``
    when the page holds no article text.
    """
    where = source or url or "page"
    html = _decoded(data, encoding, where)
    tree = LexborHTMLParser(html)
    meta = read_metadata(tree, url)
    hint = f"{meta.title or ''} {meta.description or ''}"
    body = find_body(tree, html, url=url, article_body=meta.article_body, hint=hint)
    text = join_paragraphs(tidy(body.paragraphs, meta.title, meta.authors))
    if len(text) < MIN_TEXT_CHARS:
        title = f" (title {meta.title!r})" if meta.title else ""
        found = f"only {len(text)} characters of text" if text else "no paragraph of text"
        raise ExtractError("no-body", f"{where}: {found} in the page{title}")
    published = meta.published_at or htmldate_fallback(html, url)
    canonical = meta.canonical_url
    return Article(
        id=article_id(canonical, text),
        text=text,
        url=url or canonical,  # a standalone file's address is its canonical URL
        canonical_url=canonical,
        title=meta.title,
        description=meta.description,
        site_name=meta.site_name,
        publisher=meta.publisher,
        authors=meta.authors,
        published_at=_utc(published),
        modified_at=_utc(meta.modified_at),
        section=meta.section,
        tags=meta.tags,
        keywords=meta.keywords,
        language=meta.language or detect_language(text),
        image_url=meta.image_url,
        video=meta.video,
        dateline=parse_dateline(text),
        source=source,
        format="html",
    )


def published_in_page_offset(
    data: bytes | str, *, url: str | None = None, encoding: str | None = None
) -> datetime | None:
    """The publication time :func:`extract_html` gives, in the page's own UTC offset (or its
    publisher's zone): ``.date()`` is the day the page's readers saw."""
    html = _decoded(data, encoding, url or "page")
    meta = read_metadata(LexborHTMLParser(html), url)
    return meta.published_at or htmldate_fallback(html, url)


def _decoded(data: bytes | str, encoding: str | None, where: str) -> str:
    html = data if isinstance(data, str) else decode(data, declared=encoding, source=where)
    if not html.strip():
        raise ExtractError("no-body", f"{where}: the page is empty")
    return html


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value else None


def warm_up() -> None:
    """Load what extraction otherwise loads on first use: trafilatura, the language identifier,
    and htmldate with dateparser's language data (a few seconds, once per process).

    A worker process calls it once before its first page so that no page pays for it.
    """
    import trafilatura
    from htmldate import find_date

    trafilatura.extract("<html><body><article><p>Warm up.</p></article></body></html>")
    detect_language("warm up the language identifier with a sentence")
    # A date no language claims makes dateparser load every language's data now.
    find_date(
        "<html><body><p class='date'>Xyzzy - QQ, 22 de novembro de 2020. 18:20</p></body></html>",
        original_date=True,
        extensive_search=True,
    )
