"""Page dumps: the URL, the page's meta and JSON-LD values one a line, then the visible text.

The rules (docs/formats.md has them with examples):

1. Line 1 is the page's absolute http(s) URL.  Blank lines mean nothing.
2. The first line after it is the title (og:title or <title>).
3. The visible text is at the end.  It starts after the last line that repeats the title (the
   page's headline), when such a line has text after it, and after any metadata-shaped lines
   (dates, URLs) that follow the headline; otherwise it is the trailing run of
   lines that do not look like metadata values.  Paragraphs are those lines, each kept once; a
   line made of several other paragraphs (a JSON-LD ``articleBody`` copy) is dropped.
4. Every line before the text is a metadata value, classified by its shape: image URLs (the
   first is the lead image; one just before a video's duration is the video's thumbnail), ISO
   dates (the first is the publication time, the next in the same run the modification time),
   ISO durations (a VideoObject), e-mail and phone lines (an organisation's contact block: the
   line before it is the organisation's name, the line after a different name its legal name),
   locales (``en_EN``), comma-separated lists (keywords), and short lines right after the dates
   (the first is the section, the rest tags).
5. The description is the first sentence-like line (eight words or more) of the metadata that
   is not a copy of the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..errors import ExtractError
from ..records import Article, Video, article_id
from .common import (
    canonical_url,
    detect_language,
    join_paragraphs,
    normalize_language,
    parse_datetime,
)
from .dateline import parse_dateline

_URL = re.compile(r"^https?://\S+$")
_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#]\S*)?$|/(?:img|image|images)/", re.I)
_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_PHONE = re.compile(r"^\+?[\d ()./-]{7,20}$")
_LOCALE = re.compile(r"^[a-z]{2}[_-][A-Za-z]{2}$")
_YEAR = re.compile(r"^\d{4}$")
_BOOL = {"true", "false"}
_TYPE_WORDS = {
    "news",
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "videoobject",
    "imageobject",
    "webpage",
    "website",
    "organization",
    "organisation",
    "person",
    "blogposting",
}


@dataclass
class _Head:
    """What the metadata lines say, filled line by line."""

    images: list[tuple[int, str]] = field(default_factory=list)
    date_runs: list[list[datetime]] = field(default_factory=list)
    durations: list[tuple[int, int]] = field(default_factory=list)
    contact_lines: list[int] = field(default_factory=list)
    locale: str | None = None
    keywords: list[str] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)


def extract_pagedump(content: str, *, source: str = "") -> Article:
    lines = [line.strip() for line in content.splitlines()]
    lines = [line for line in lines if line]
    if not lines or not _URL.match(lines[0]):
        raise ExtractError("bad-record", f"{source}: a page dump starts with its URL")
    url = lines[0]
    rest = lines[1:]
    if not rest:
        raise ExtractError("no-body", f"{source}: nothing after the URL")
    title = rest[0]
    start = _body_start(rest, title)
    body = _body_paragraphs(rest[start:])
    if not body:
        raise ExtractError("no-body", f"{source}: no article text after the metadata")
    head = _classify(rest[1:start] if start > 0 else [])
    text = join_paragraphs(body)
    site_name, publisher = _organisation(rest, head, title)
    published, modified = _dates(head)
    section, tags = _section_and_tags(rest, head, start, {site_name, publisher})
    video = _video(rest, head, site_name, title)
    image = head.images[0][1] if head.images else None
    authors = _authors(rest[:start], {site_name, publisher, title})
    canonical = canonical_url(url)
    return Article(
        id=article_id(canonical, text),
        text=text,
        url=url,
        canonical_url=canonical,
        title=title,
        description=_description(head, title, text),
        site_name=site_name,
        publisher=publisher,
        authors=tuple(authors),
        published_at=published,
        modified_at=modified,
        section=section,
        tags=tuple(tags),
        keywords=tuple(head.keywords),
        language=normalize_language(head.locale) or detect_language(text),
        image_url=image,
        video=video,
        dateline=parse_dateline(text),
        source=source,
        format="pagedump",
    )


def _body_start(rest: Sequence[str], title: str) -> int:
    """Index in ``rest`` of the first body line."""
    repeats = [i for i, line in enumerate(rest) if line == title]
    last = repeats[-1]
    if last > 0 and last + 1 < len(rest):
        start = last + 1
        # metadata values (a date, an image) between the headline and the text stay metadata
        while start < len(rest) - 1 and _shape(rest[start]) != "text":
            start += 1
        return start
    start = len(rest)
    while start > 1 and not _is_metadata(rest[start - 1], rest):
        start -= 1
    # a headline or kicker just above the paragraphs is not body text
    while start < len(rest) - 1 and _is_headline(rest[start]):
        start += 1
    return start


def _is_metadata(line: str, lines: Sequence[str]) -> bool:
    if _shape(line) != "text":
        return True
    if len(line.split()) <= 3 and lines.count(line) > 1:
        return True  # a repeated short value (site name, tag)
    return bool(_looks_like_keywords(line))


def _is_headline(line: str) -> bool:
    return len(line.split()) < 15 and not line.rstrip().endswith((".", '"', "”", "?", "!", ":"))


def _body_paragraphs(lines: Sequence[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        others = [other for other in lines if other is not line and len(other) > 40]
        if sum(1 for other in others if other in line) >= 2:
            continue  # a copy of several paragraphs at once
        kept.append(line)
    return kept


def _shape(line: str) -> str:
    lowered = line.lower()
    if _URL.match(line):
        return "image" if _IMAGE.search(line) else "url"
    if _DATE.match(line):
        return "date"
    if _DURATION.match(line) and len(line) > 1:
        return "duration"
    if _EMAIL.match(line):
        return "email"
    if _PHONE.match(line) and sum(c.isdigit() for c in line) >= 7:
        return "phone"
    if _LOCALE.match(line):
        return "locale"
    if _YEAR.match(line):
        return "year"
    if lowered in _BOOL:
        return "bool"
    if lowered in _TYPE_WORDS:
        return "type"
    return "text"


def _looks_like_keywords(line: str) -> list[str]:
    if ", " not in line and "," not in line:
        return []
    parts = [part.strip() for part in line.split(",")]
    if len(parts) < 2 or any(not part or len(part.split()) > 5 for part in parts):
        return []
    if line.rstrip().endswith((".", "!", "?")):
        return []
    return parts


def _classify(lines: Sequence[str]) -> _Head:
    head = _Head()
    previous = ""
    for index, line in enumerate(lines, start=1):
        shape = _shape(line)
        if shape == "image":
            head.images.append((index, line))
        elif shape == "date":
            parsed = parse_datetime(line)
            if parsed is not None:
                if previous == "date" and head.date_runs:
                    head.date_runs[-1].append(parsed)
                else:
                    head.date_runs.append([parsed])
        elif shape == "duration":
            seconds = _duration_seconds(line)
            if seconds is not None:
                head.durations.append((index, seconds))
        elif shape in {"email", "phone"}:
            head.contact_lines.append(index)
        elif shape == "locale":
            head.locale = head.locale or line
        elif shape == "text":
            keywords = _looks_like_keywords(line)
            if keywords:
                head.keywords = head.keywords or keywords
            else:
                head.texts.append((index, line))
        previous = shape
    return head


def _duration_seconds(value: str) -> int | None:
    found = _DURATION.match(value)
    if not found or not any(found.groups()):
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in found.groups())
    return round(days * 86400 + hours * 3600 + minutes * 60 + seconds)


def _organisation(rest: Sequence[str], head: _Head, title: str) -> tuple[str | None, str | None]:
    """(site name, publisher legal name) from the contact blocks, else the most repeated line."""
    site: str | None = None
    legal: str | None = None
    contacts = set(head.contact_lines)
    for index in head.contact_lines:
        if index - 1 not in contacts and site is None:
            candidate = rest[index - 1]
            if _shape(candidate) == "text":
                site = candidate
        after = index + 1
        if after not in contacts and after < len(rest) and legal is None:
            candidate = rest[after]
            if _shape(candidate) == "text" and candidate != site and candidate != title:
                legal = candidate
    if site is None:
        counts = Counter(text for _, text in head.texts if text != title and len(text) < 80)
        repeated = [text for text, n in counts.most_common() if n > 1]
        site = repeated[0] if repeated else None
    if legal is None and site is not None:
        # "Site name / Legal name / 2025": an organisation block closed by its copyright year
        for index in range(1, len(rest) - 1):
            if rest[index - 1] == site and _shape(rest[index + 1]) == "year":
                candidate = rest[index]
                if _shape(candidate) == "text" and candidate not in {site, title}:
                    legal = candidate
                    break
    return site, legal or site


def _dates(head: _Head) -> tuple[datetime | None, datetime | None]:
    if not head.date_runs:
        return None, None
    first = head.date_runs[0]
    return first[0], (first[1] if len(first) > 1 else None)


def _section_and_tags(
    rest: Sequence[str], head: _Head, body_start: int, names: set[str | None]
) -> tuple[str | None, list[str]]:
    """The short lines right after the first run of dates: the section, then the tags.

    The site's own name (og:site_name often sits between the dates and the section) is passed.
    """
    if not head.date_runs:
        return None, []
    index = next(i for i, line in enumerate(rest) if _shape(line) == "date")
    while index < body_start and _shape(rest[index]) == "date":
        index += 1
    run: list[str] = []
    while index < body_start and _shape(rest[index]) == "text" and _is_tag(rest[index]):
        if rest[index] not in names:
            run.append(rest[index])
        index += 1
    if not run:
        return None, []
    return run[0], run[1:]


def _is_tag(line: str) -> bool:
    return len(line.split()) <= 4 and not line.endswith((".", "!", "?")) and "," not in line


def _video(rest: Sequence[str], head: _Head, site: str | None, title: str) -> Video | None:
    if not head.durations:
        return None
    at, seconds = head.durations[0]
    before = [(i, url) for i, url in head.images if i < at]
    thumbnail: str | None = None
    if before:
        thumbnail = before[-1][1]
        if len(head.images) > 1 and thumbnail == head.images[0][1]:
            thumbnail = None
    name: str | None = None
    start = before[-1][0] + 1 if before else max(at - 6, 1)
    for i in range(start, at):
        line = rest[i]
        if _shape(line) == "text" and line not in {site, title}:
            name = line
            break
    return Video(name=name, duration_s=seconds, thumbnail_url=thumbnail)


_NAME = re.compile(r"^(?:By\s+)?([A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3})$")


def _authors(head_lines: Sequence[str], names: set[str | None]) -> list[str]:
    """Bylines: lines "By Name", and a person-name line just before the first date (meta author)."""
    found: list[str] = []
    for index, line in enumerate(head_lines):
        if line in names:
            continue
        match = _NAME.match(line)
        if match is None:
            continue
        before_date = index + 1 < len(head_lines) and _shape(head_lines[index + 1]) == "date"
        if line.startswith("By ") or (
            before_date and not any(_shape(x) == "date" for x in head_lines[:index])
        ):
            found.append(match.group(1))
    return list(dict.fromkeys(found))


def _description(head: _Head, title: str, text: str) -> str | None:
    for _, line in head.texts:
        if line == title or len(line.split()) < 8:
            continue
        if len(line) > 300 and line[:200] in text:
            continue  # a copy of the body
        return line
    return None
