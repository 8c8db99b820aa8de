"""When a page was published: the page's dates in order of trust, read in the publisher's
time zone, reconciled with the day its URL or its date line shows; htmldate as a last resort.

Which calendar day matters more than the hour: it is the day a reader saw, against which the
text's "yesterday" is resolved.  Times keep the page's UTC offset (an aware datetime).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import selectors as sel
from .common import parse_datetime_local
from .jsonld import text_value


def published(
    ld: dict[str, Any],
    objects: list[dict[str, Any]],
    metas: dict[str, list[str]],
    tree: LexborHTMLParser,
    url: str | None,
) -> tuple[datetime | None, str]:
    """The publication time: the first of the page's dates in order of trust.

    Which calendar day it falls on matters (the day a reader saw, against which "yesterday"
    is resolved).  The day the page itself shows — in its URL (``/2020/02/17/``) or as the
    text of its date element — settles it; else a time given in UTC is shown in the
    publisher's zone when the country is known.
    """
    candidates = list(_published_candidates(ld, objects, metas, tree))
    day = url_date(url) or _shown_day(tree)
    if not candidates:
        if day is None:
            day = date_after_headline(
                tree, text_value(ld.get("headline")) or _first(metas, ["og:title"])
            )
        if day is not None:
            return datetime.combine(day, time(), UTC), "page"
        return None, ""
    zone = publisher_zone(url, metas, tree)
    if day is not None:
        for found, raw, source in candidates:
            for version in (found, _in_zone(found, raw, zone)):
                if version.date() == day:
                    return version, source
    found, raw, source = candidates[0]
    if day is not None and _EXPLICIT_UTC.search(raw) and abs((found.date() - day).days) == 1:
        # A UTC time near midnight: keep the instant, in the offset nearest UTC that gives
        # the page's day (its zone is unknown, its day is not).
        for hours in sorted(range(-10, 13), key=abs):
            shifted = found.astimezone(timezone(timedelta(hours=hours)))
            if shifted.date() == day:
                return shifted, f"{source}+day"
    return _in_zone(found, raw, zone), source


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_TEXT_DATES = (
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)"), "ymd"),
    (
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+((?:19|20)\d\d)\b", re.I),
        "dmy",
    ),
    (
        re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I),
        "mdy",
    ),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"), "dmy"),
)
HEADLINE_WINDOW = 300
"""Characters after the headline where a byline's date is looked for."""


def date_after_headline(tree: LexborHTMLParser, title: str | None) -> date | None:
    """The first date written in the few lines after the headline (where bylines sit)."""
    title_words = set(re.findall(r"\w+", (title or "").lower()))
    if not title_words:
        return None
    for node in tree.css("h1, h2")[:12]:
        text = _node_text(node) or ""
        words = set(re.findall(r"\w+", text.lower()))
        if not words or len(words & title_words) < 0.7 * len(title_words):
            continue
        scope: LexborNode | None = node
        for _ in range(4):
            scope = scope.parent if scope is not None else None
            if scope is None:
                break
            around = " ".join(scope.text(deep=True, separator=" ").split())
            start = around.find(text)
            after = around[start + len(text) :] if start >= 0 else ""
            if len(after) >= HEADLINE_WINDOW or scope.tag == "body":
                return _first_text_date(after[:HEADLINE_WINDOW])
        return None
    return None


def _first_text_date(text: str) -> date | None:
    best: tuple[int, date] | None = None
    for pattern, order in _TEXT_DATES:
        for found in pattern.finditer(text):
            a, b, c = found.groups()
            try:
                if order == "ymd":
                    value = date(int(a), int(b), int(c))
                elif order == "dmy":
                    month = int(b) if b.isdigit() else _MONTHS[b.lower().rstrip(".")[:3]]
                    value = date(int(c), month, int(a))
                else:
                    value = date(int(c), _MONTHS[a.lower().rstrip(".")[:3]], int(b))
            except (ValueError, KeyError):
                continue
            if best is None or found.start() < best[0]:
                best = (found.start(), value)
            break
    return best[1] if best else None


def _shown_day(tree: LexborHTMLParser) -> date | None:
    """The day the page's publication-date element shows as text (``28 October 2020``)."""
    for selector in (*sel.PUBLISHED_ELEMENTS, "time[datetime]"):
        node = tree.css_first(selector)
        if node is None:
            continue
        text = _node_text(node)
        if text and len(text) < 64 and _YEAR.search(text):
            found = parse_datetime_local(text)
            if found is not None:
                return found.date()
    return None


_EXPLICIT_UTC = re.compile(r"(?:Z|[+-]00:?00|\bGMT|\bUTC|\bUT)\s*$", re.IGNORECASE)


def _in_zone(found: datetime, raw: str, zone: tzinfo | None) -> datetime:
    """``found`` in the publisher's zone when the page wrote it in UTC (``...Z``)."""
    if zone is None or found.utcoffset() != timedelta(0) or not _EXPLICIT_UTC.search(raw):
        return found
    return found.astimezone(zone)


def publisher_zone(
    url: str | None, metas: dict[str, list[str]], tree: LexborHTMLParser
) -> tzinfo | None:
    """The principal time zone of the publisher's country: from the host's country-code
    domain, else from the region of the page's locale; None when neither says."""
    country = None
    if url:
        host = urlsplit(url).hostname or ""
        label = host.rsplit(".", 1)[-1].lower()
        if len(label) == 2 and label not in sel.GENERIC_DOMAINS:
            country = label
    if country is None:
        html = tree.css_first("html")
        for value in (
            _first(metas, ["og:locale"]),
            html.attributes.get("lang") if html is not None else None,
            _first(metas, ["content-language"]),
        ):
            parts = re.split(r"[-_]", value or "")
            if len(parts) >= 2 and len(parts[1]) == 2:
                country = parts[1].lower()
                break
    name = sel.COUNTRY_ZONES.get(country or "")
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _published_candidates(
    ld: dict[str, Any],
    objects: list[dict[str, Any]],
    metas: dict[str, list[str]],
    tree: LexborHTMLParser,
) -> Iterator[tuple[datetime, str, str]]:
    """(time, the string it was read from, where) for each publication date, most trusted
    first."""
    for key in ("datePublished", "dateCreated", "uploadDate"):
        yield from _dated(text_value(ld.get(key)), "jsonld")
    for name in sel.PUBLISHED_META[:2]:
        for value in metas.get(name, ()):
            yield from _dated(value, f"meta:{name}")
    for selector in sel.PUBLISHED_ELEMENTS:
        yield from _element_dates(tree.css_first(selector), "itemprop")
    for name in sel.PUBLISHED_META[2:]:
        for value in metas.get(name, ()):
            yield from _dated(value, f"meta:{name}")
    for selector in ("article time[datetime]", "main time[datetime]", "time[datetime]"):
        yield from _element_dates(tree.css_first(selector), "time")
    for obj in objects:
        yield from _dated(text_value(obj.get("datePublished")), "jsonld-other")


def _dated(value: str | None, source: str) -> Iterator[tuple[datetime, str, str]]:
    found = parse_datetime_local(value)
    if found is not None and value is not None:
        yield found, value.strip(), source


def _element_dates(node: LexborNode | None, source: str) -> Iterator[tuple[datetime, str, str]]:
    if node is None:
        return
    attrs = node.attributes
    for value in (attrs.get("datetime"), attrs.get("content"), _node_text(node)):
        for found in _dated(value, source):
            yield found
            return


_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|\d{0,8}[/_.-]|$)"
)


def url_date(url: str | None) -> date | None:
    """The day a URL path names: ``/2020/02/17/``, ``/2020-02-17-``, ``/20200217/``."""
    if not url:
        return None
    found = _URL_DATE.search(urlsplit(url).path)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def modified(
    ld: dict[str, Any], metas: dict[str, list[str]], tree: LexborHTMLParser, url: str | None
) -> datetime | None:
    """The last-modified time (a time given in UTC shown in the publisher's zone)."""
    found = next(_modified_candidates(ld, metas, tree), None)
    if found is None:
        return None
    return _in_zone(found[0], found[1], publisher_zone(url, metas, tree))


def _modified_candidates(
    ld: dict[str, Any], metas: dict[str, list[str]], tree: LexborHTMLParser
) -> Iterator[tuple[datetime, str, str]]:
    yield from _dated(text_value(ld.get("dateModified")), "jsonld")
    for name in sel.MODIFIED_META:
        for value in metas.get(name, ()):
            yield from _dated(value, f"meta:{name}")
    for selector in sel.MODIFIED_ELEMENTS:
        yield from _element_dates(tree.css_first(selector), "itemprop")


def htmldate_fallback(html: str, url: str | None) -> datetime | None:
    """htmldate's guess (original date, extensive search) when the markup names no date."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        return datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def _first(metas: dict[str, list[str]], names: list[str]) -> str | None:
    return next((v.strip() for name in names for v in metas.get(name, ()) if v.strip()), None)


def _node_text(node: LexborNode | None) -> str | None:
    if node is None:
        return None
    return " ".join(node.text(deep=True, separator=" ").split()) or None
