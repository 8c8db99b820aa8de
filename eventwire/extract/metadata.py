"""Article metadata from a parsed page: JSON-LD first, then OpenGraph and ``<meta>``, then markup.

Reads the selectolax tree the body finder uses afterwards (:mod:`.html` parses once); it does not
change the tree.  Vocabulary (meta names, JSON-LD types, selectors) lives in :mod:`.selectors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..records import Video
from . import selectors as sel
from .common import canonical_url, normalize_language
from .jsonld import entity_id, jsonld_objects, main_article, org_name, text_value, types
from .published import modified, published


@dataclass(slots=True)
class Metadata:
    """What the page says about itself; the body and derived fields come later."""

    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    description: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    modified_at: datetime | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    language: str | None = None
    image_url: str | None = None
    video: Video | None = None
    article_body: str | None = None
    """JSON-LD ``articleBody``, for the body finder to check against the page."""
    date_source: str = ""
    """Where ``published_at`` came from (``jsonld``, ``meta:<name>``, ``time``, ``htmldate``)."""


def read_metadata(tree: LexborHTMLParser, url: str | None) -> Metadata:
    """Metadata of the page in ``tree``; ``url`` (where it was fetched) resolves relative links."""
    metas = meta_index(tree)
    objects = jsonld_objects(tree)
    article = main_article(objects, url)
    page = next((o for o in objects if types(o) & sel.PAGE_TYPES), None)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    ld = article or page or {}

    meta = Metadata(url=url)
    meta.site_name = (
        _first(metas, sel.SITE_NAME_META[:1])
        or org_name(ld.get("publisher"), by_id)
        or _first(metas, sel.SITE_NAME_META[1:])
    )
    meta.publisher = (
        org_name(ld.get("publisher"), by_id, legal=True)
        or org_name(
            next((o for o in objects if types(o) & sel.ORGANIZATION_TYPES), None),
            by_id,
            legal=True,
        )
        or next(
            (v for v in (_first(metas, [n]) for n in sel.PUBLISHER_META) if v and not _is_url(v)),
            None,
        )
    )
    meta.title = (
        text_value(ld.get("headline"))
        or _first(metas, sel.TITLE_META[:1])
        or _clean_title(_node_text(tree.css_first("title")), meta.site_name, url)
        or _first(metas, sel.TITLE_META[1:])
        or _node_text(tree.css_first("h1"))
    )
    if meta.title:
        meta.title = _clean_title(meta.title, meta.site_name, url)
    meta.description = _first(metas, sel.DESCRIPTION_META) or text_value(ld.get("description"))
    meta.canonical_url = _canonical(tree, metas, ld, url)
    meta.authors = _authors(ld, metas, tree, by_id)
    meta.published_at, meta.date_source = published(ld, objects, metas, tree, url)
    meta.modified_at = modified(ld, metas, tree, url)
    meta.section = _first(metas, sel.SECTION_META) or text_value(ld.get("articleSection"))
    meta.tags = _unique(v for name in sel.TAG_META for v in metas.get(name, ()))
    meta.keywords = _keywords(metas, ld.get("keywords"))
    meta.language = _language(tree, metas, ld)
    meta.image_url = _image(metas, ld.get("image"), url) or _image(
        metas, ld.get("thumbnailUrl"), url, tail=True
    )
    meta.video = _video(objects, article)
    body = ld.get("articleBody") if article else None
    meta.article_body = text_value(body, join="\n") if body else None
    return meta


# --- <meta> --------------------------------------------------------------------------------------


def meta_index(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased ``property``, ``name``, ``itemprop`` or ``http-equiv``."""
    index: dict[str, list[str]] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        content = (attrs.get("content") or "").strip()
        if not content:
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                for part in name.lower().split():
                    index.setdefault(part, []).append(content)
    return index


def _first(metas: dict[str, list[str]], names: Iterable[str]) -> str | None:
    for name in names:
        for value in metas.get(name, ()):
            text = " ".join(value.split())
            if text:
                return text
    return None


# --- fields --------------------------------------------------------------------------------------

_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|«|·|•|/)\s+")


def _clean_title(title: str | None, site_name: str | None, url: str | None) -> str | None:
    """The title without a `` | Site`` / ``Site - `` part (matched to the site name or host)."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    names = {_squash(site_name)} if site_name else set()
    if url:
        host = urlsplit(url).netloc.lower().removeprefix("www.")
        names |= {_squash(host), _squash(host.split(".")[0])}
    names.discard("")
    if _squash(parts[-1]) in names or any(n and n in _squash(parts[-1]) for n in names):
        return _clean_title(title[: _last_separator(title)].strip(), site_name, url)
    if _squash(parts[0]) in names:
        return title[_TITLE_SEPARATOR.search(title).end() :].strip()  # type: ignore[union-attr]
    if " | " in title and len(parts[-1].split()) <= 4 < len(parts[0].split()):
        return title[: title.rindex(" | ")].strip()
    return title


def _last_separator(title: str) -> int:
    last = None
    for found in _TITLE_SEPARATOR.finditer(title):
        last = found
    return last.start() if last else len(title)


def _squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").lower().removeprefix("www.")).removesuffix("com")


def _node_text(node: LexborNode | None) -> str | None:
    if node is None:
        return None
    return " ".join(node.text(deep=True, separator=" ").split()) or None


def _canonical(
    tree: LexborHTMLParser, metas: dict[str, list[str]], ld: dict[str, Any], url: str | None
) -> str | None:
    candidates: list[str | None] = []
    for link in tree.css("link[rel][href]"):
        rels = (link.attributes.get("rel") or "").lower().split()
        if "canonical" in rels:
            candidates.append(link.attributes.get("href"))
    candidates += [_first(metas, sel.URL_META), text_value(ld.get("url")), entity_id(ld), url]
    for candidate in candidates:
        if not candidate or not candidate.strip() or candidate.startswith(("#", "javascript:")):
            continue
        absolute = urljoin(url, candidate.strip()) if url else candidate.strip()
        if not absolute.startswith(("http://", "https://")):
            continue
        if url and _is_root(absolute) and not _is_root(url):
            continue  # a canonical link to the home page is a template error
        return canonical_url(absolute)
    return None


def _is_root(url: str) -> bool:
    return urlsplit(url).path.strip("/") == ""


_BY = re.compile(r"^\s*(?:(?:written|posted|reported|words|text)\s+)?by[:\s]+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(
    r"\s+(?:and|&|und|et|y|e)\s+|\s*[;|/]\s*|\s*,\s*(?:and\s+)?", re.IGNORECASE
)


def _authors(
    ld: dict[str, Any],
    metas: dict[str, list[str]],
    tree: LexborHTMLParser,
    by_id: dict[str, dict[str, Any]],
) -> tuple[str, ...]:
    people: list[str] = []
    organisations: list[str] = []
    values = ld.get("author") or ld.get("creator")
    for value in values if isinstance(values, list) else [values]:
        if isinstance(value, dict):
            if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
                value = by_id.get(value["@id"], value)
            name = text_value(value.get("name"))
            if name:
                (organisations if types(value) & sel.ORGANIZATION_TYPES else people).append(name)
        elif isinstance(value, str):
            people.append(value)
    for name in sel.AUTHOR_META:
        people.extend(v for v in metas.get(name, ()) if not _is_url(v))
    if not people:
        for selector in sel.BYLINE_ELEMENTS:
            nodes = tree.css(selector)[:4]
            names = [_node_text(n) for n in nodes]
            people.extend(n for n in names if n and len(n) < 80)
            if people:
                break
    return clean_authors(people) or clean_authors(organisations)


def clean_authors(names: Iterable[str]) -> tuple[str, ...]:
    """Author names: ``By`` removed, ``A and B`` split, URLs and sentences dropped, deduplicated."""
    kept: list[str] = []
    for raw in names:
        if "://" in raw or raw.strip().lower().startswith("www."):
            continue  # a profile link, not a name
        text = _BY.sub("", " ".join(raw.split()))
        for part in _AUTHOR_SPLIT.split(text):
            name = _BY.sub("", part).strip(" .,:-–—|")
            if not name or _is_url(name) or "@" in name or any(c.isdigit() for c in name):
                continue
            if len(name.split()) > 5 or len(name) < 3:
                continue
            kept.append(name)
    return _unique(kept)


def _is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://", "www.", "/"))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        text = " ".join(value.split())
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            kept.append(text)
    return tuple(kept)


def _keywords(metas: dict[str, list[str]], ld_keywords: Any) -> tuple[str, ...]:
    raw: list[str] = []
    for name in sel.KEYWORD_META:
        raw.extend(metas.get(name, ()))
    if isinstance(ld_keywords, list):
        raw.extend(str(k) for k in ld_keywords if isinstance(k, str | int))
    elif isinstance(ld_keywords, str):
        raw.append(ld_keywords)
    return _unique(part.strip() for value in raw for part in re.split(r"[,;，、]", value))


def _language(
    tree: LexborHTMLParser, metas: dict[str, list[str]], ld: dict[str, Any]
) -> str | None:
    html = tree.css_first("html")
    candidates = [text_value(ld.get("inLanguage"))]
    if html is not None:
        candidates += [html.attributes.get("lang"), html.attributes.get("xml:lang")]
    candidates += [_first(metas, [name]) for name in sel.LANGUAGE_META]
    for candidate in candidates:
        code = normalize_language(candidate)
        if code:
            return code
    return None


def _image(
    metas: dict[str, list[str]], ld_image: Any, url: str | None, tail: bool = False
) -> str | None:
    found = None if tail else _first(metas, sel.IMAGE_META[:3])
    if not found:
        found = _image_url(ld_image)
    if not found and not tail:
        found = _first(metas, sel.IMAGE_META[3:])
    if found and url:
        found = urljoin(url, found)
    return found


def _image_url(value: Any) -> str | None:
    if isinstance(value, list):
        return next((u for u in (_image_url(v) for v in value) if u), None)
    if isinstance(value, dict):
        return _image_url(value.get("url") or value.get("contentUrl"))
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _video(objects: list[dict[str, Any]], article: dict[str, Any] | None) -> Video | None:
    candidates = [o for o in objects if types(o) & sel.VIDEO_TYPES]
    if article:
        nested = article.get("video")
        for value in nested if isinstance(nested, list) else [nested]:
            if isinstance(value, dict) and types(value) & sel.VIDEO_TYPES:
                candidates.insert(0, value)
    for obj in candidates:
        name = text_value(obj.get("name")) or text_value(obj.get("headline"))
        duration = parse_duration(text_value(obj.get("duration")))
        thumbnail = _image_url(obj.get("thumbnailUrl") or obj.get("thumbnail"))
        if name or duration is not None or thumbnail:
            return Video(name=name, duration_s=duration, thumbnail_url=thumbnail)
    return None


_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:[.,]\d+)?)S)?)?$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def parse_duration(value: str | None) -> int | None:
    """An ISO 8601 duration (``PT1H2M3S``, ``P0DT0H1M``) or a clock (``1:02:03``) in seconds."""
    if not value:
        return None
    text = value.strip()
    found = _DURATION.match(text)
    if found and text.upper() not in {"P", "PT"}:
        parts = {k: float((v or "0").replace(",", ".")) for k, v in found.groupdict().items()}
        total = ((parts["w"] * 7 + parts["d"]) * 24 + parts["h"]) * 3600
        return round(total + parts["m"] * 60 + parts["s"])
    clock = _CLOCK.match(text)
    if clock:
        return int(clock.group(1) or 0) * 3600 + int(clock.group(2)) * 60 + int(clock.group(3))
    if text.isdigit():
        return int(text)
    return None
