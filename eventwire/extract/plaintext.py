"""Plain text: the body, with the first line as the title when it looks like a headline.

Paragraphs are blocks separated by blank lines (hard-wrapped lines inside a block are joined);
text without blank lines has one paragraph a line.
"""

from __future__ import annotations

import re

from ..errors import ExtractError
from ..records import Article, article_id
from .common import detect_language, join_paragraphs
from .dateline import parse_dateline

_BLANK = re.compile(r"\n\s*\n")


def extract_text(content: str, *, source: str = "") -> Article:
    text = content.replace("\r\n", "\n").replace("\r", "\n").strip("\n\ufeff ")
    if not text.strip():
        raise ExtractError("no-body", f"{source}: the text is empty")
    title: str | None = None
    first, _, rest = text.partition("\n")
    if rest.strip() and _is_title(first, rest):
        title = " ".join(first.split())
        text = rest
    blocks = _BLANK.split(text)
    if len(blocks) > 1:
        paragraphs = [" ".join(block.split()) for block in blocks]
    else:
        paragraphs = text.split("\n")
    body = join_paragraphs(paragraphs)
    if not body:
        raise ExtractError("no-body", f"{source}: only a title, no text")
    return Article(
        id=article_id(None, body),
        text=body,
        title=title,
        language=detect_language(body),
        dateline=parse_dateline(body),
        source=source,
        format="text",
    )


def _is_title(line: str, rest: str) -> bool:
    """A short line without a closing full stop, followed by a blank line or longer text."""
    words = line.split()
    if not 1 <= len(words) <= 25 or line.rstrip().endswith((".", ",", ";")):
        return False
    if parse_dateline(line) is not None:
        return False
    return rest.startswith("\n") or rest.lstrip("\n").split("\n", 1)[0].strip() != ""
