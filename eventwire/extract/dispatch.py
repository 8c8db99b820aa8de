"""From a RawDoc to an Article, by the format the reader found."""

from __future__ import annotations

from ..errors import ExtractError, Skip
from ..records import Article, RawDoc
from .common import decode


def extract_doc(raw: RawDoc) -> Article | Skip:
    """The article a document holds, or a Skip saying why there is none."""
    try:
        if raw.format in {"jsonl", "feed", "reuters"}:
            from .fields import extract_fields

            return extract_fields(raw)
        text = decode(raw.content, declared=raw.encoding, source=raw.source)
        if raw.format == "html":
            from .html import extract_html

            return extract_html(text, url=raw.url, source=raw.source)
        if raw.format == "pagedump":
            from .pagedump import extract_pagedump

            return extract_pagedump(text, source=raw.source)
        if raw.format == "text":
            from .plaintext import extract_text

            return extract_text(text, source=raw.source)
    except ExtractError as exc:
        return Skip(raw.source, exc.reason, exc.detail)
    return Skip(raw.source, "unsupported", f"no extractor for format {raw.format!r}")
