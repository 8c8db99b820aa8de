"""JSON-LD on a page: every object of every ``<script type="application/ld+json">``, repaired
where that is cheap, and the helpers that read schema.org values (names, texts, types, ids)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from . import selectors as sel

_COMMENT_WRAP = re.compile(
    r"^\s*(?:<!--|//\s*<!\[CDATA\[|/\*\s*<!\[CDATA\[\s*\*/)|"
    r"(?:-->|//\s*\]\]>|/\*\s*\]\]>\s*\*/)\s*$"
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_LD_FIELD = re.compile(
    r'"(@type|headline|datePublished|dateModified|dateCreated|inLanguage|articleSection|'
    r'description|url)"\s*:\s*"((?:[^"\\]|\\.)*)"'
)


def jsonld_objects(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, ``@graph`` and lists flattened, ``mainEntity`` followed.

    Broken JSON is repaired where it is cheap (comment wrappers, trailing commas, raw control
    characters, several objects in one script); otherwise its string fields are salvaged.
    """
    found: list[dict[str, Any]] = []
    for script in tree.css("script[type]"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            continue
        raw = script.text(deep=True)
        for value in _load_json(raw):
            found.extend(_walk(value, 0))
    return found


def _load_json(raw: str) -> list[Any]:
    text = _COMMENT_WRAP.sub("", raw.strip()).strip()
    if not text:
        return []
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return [json.loads(attempt, strict=False)]
        except ValueError:
            pass
        values = _raw_decode_all(attempt)
        if values:
            return values
    salvaged: dict[str, Any] = {}
    for key, value in _LD_FIELD.findall(text):
        try:
            salvaged.setdefault(key, json.loads(f'"{value}"', strict=False))
        except ValueError:
            salvaged.setdefault(key, value)
    return [salvaged] if salvaged else []


def _raw_decode_all(text: str) -> list[Any]:
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n,;":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            break
        values.append(value)
    return values


def _walk(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        if "@graph" in value:
            yield from _walk(value["@graph"], depth + 1)
        if "@type" in value or "headline" in value:
            yield value
        entity = value.get("mainEntity")
        if isinstance(entity, dict | list):
            yield from _walk(entity, depth + 1)


def types(obj: Any) -> set[str]:
    if not isinstance(obj, dict):
        return set()
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def main_article(objects: list[dict[str, Any]], url: str | None) -> dict[str, Any] | None:
    articles = [o for o in objects if types(o) & sel.ARTICLE_TYPES]
    if not articles:
        return None
    target = _url_key(url)

    def rank(obj: dict[str, Any]) -> int:
        value = 0
        if target and target in {_url_key(text_value(obj.get("url"))), _url_key(entity_id(obj))}:
            value += 4
        if obj.get("articleBody"):
            value += 2
        if obj.get("datePublished"):
            value += 1
        return value

    return max(articles, key=rank)  # max keeps the first of equals


def entity_id(obj: dict[str, Any]) -> str | None:
    entity = obj.get("mainEntityOfPage")
    if isinstance(entity, dict):
        return text_value(entity.get("@id") or entity.get("url"))
    return text_value(entity)


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}"


def text_value(value: Any, join: str | None = None) -> str | None:
    """A JSON-LD value as one clean string: the first of a list (or all, joined by ``join``)."""
    if isinstance(value, list):
        texts = [t for t in (text_value(v) for v in value) if t]
        if not texts:
            return None
        return join.join(texts) if join is not None else texts[0]
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value)
        if "<" in text and ">" in text:
            text = _strip_markup(text, keep_lines=join is not None)
        if join is not None:
            return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip() or None
        return " ".join(text.split()) or None
    return None


def _strip_markup(text: str, keep_lines: bool) -> str:
    node = LexborHTMLParser(text).body
    if node is None:
        return text
    return node.text(deep=True, separator="\n" if keep_lines else " ")


def org_name(value: Any, by_id: dict[str, dict[str, Any]], legal: bool = False) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        if legal and value.get("legalName"):
            return text_value(value.get("legalName"))
        return text_value(value.get("name"))
    return text_value(value)
