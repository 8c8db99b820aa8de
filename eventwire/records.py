"""Typed records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; no parser tree or spaCy ``Doc`` crosses a
stage boundary.  All character offsets point into :attr:`Article.text`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One document as a reader found it, before extraction.

    ``content`` holds the document's bytes (the page, the dump, the text); readers of structured
    sources (JSONL lines, feed items, Reuters SGML stories) also put what they parsed in ``fields``
    (keys as in :class:`Article`: ``title``, ``text``, ``published_at``...).
    """

    source: str
    """Where it came from: a path, ``path#n`` for the n-th record of a container, or a URL."""
    format: str
    """``pagedump``, ``html``, ``text``, ``jsonl``, ``feed``, ``reuters``."""
    content: bytes
    url: str | None = None
    encoding: str | None = None
    """Declared character set (HTTP header, WARC record), if any."""
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Video:
    name: str | None = None
    duration_s: int | None = None
    thumbnail_url: str | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    agency: str | None
    start: int = 0
    end: int = 0
    """Span of the dateline (place, date and agency, without the dash) in the text."""


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
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
    dateline: Dateline | None = None
    source: str = ""
    format: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form (the fields documented in docs/records.md)."""
        return {
            "id": self.id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "description": self.description,
            "site_name": self.site_name,
            "publisher": self.publisher,
            "authors": list(self.authors),
            "published_at": _iso(self.published_at),
            "modified_at": _iso(self.modified_at),
            "section": self.section,
            "tags": list(self.tags),
            "keywords": list(self.keywords),
            "language": self.language,
            "image_url": self.image_url,
            "video": asdict(self.video) if self.video else None,
            "dateline": (
                {"place": self.dateline.place, "agency": self.dateline.agency}
                if self.dateline
                else None
            ),
            "text": self.text,
        }

    def content_hash(self) -> str:
        """Hash of everything the article says; a changed page gets a new hash."""
        import json

        data = self.to_dict()
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Article:
        video = data.get("video")
        dateline = data.get("dateline")
        return Article(
            id=data["id"],
            text=data.get("text") or "",
            url=data.get("url"),
            canonical_url=data.get("canonical_url"),
            title=data.get("title"),
            description=data.get("description"),
            site_name=data.get("site_name"),
            publisher=data.get("publisher"),
            authors=tuple(data.get("authors") or ()),
            published_at=_parse_iso(data.get("published_at")),
            modified_at=_parse_iso(data.get("modified_at")),
            section=data.get("section"),
            tags=tuple(data.get("tags") or ()),
            keywords=tuple(data.get("keywords") or ()),
            language=data.get("language"),
            image_url=data.get("image_url"),
            video=Video(**video) if video else None,
            dateline=(
                Dateline(
                    place=dateline.get("place"),
                    agency=dateline.get("agency"),
                    start=dateline.get("start", 0),
                    end=dateline.get("end", 0),
                )
                if dateline
                else None
            ),
            source=data.get("source", ""),
            format=data.get("format", ""),
        )


def article_id(canonical_url: str | None, text: str) -> str:
    """A stable id: from the canonical URL when there is one, else from the text."""
    key = f"url:{canonical_url}" if canonical_url else f"text:{' '.join(text.split())}"
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


# --- annotations (the annotate stage) -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    """person, organization, country, group or igo."""
    role: str | None = None
    country: str | None = None
    sector: str | None = None
    sectors: tuple[str, ...] = ()
    org: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    """city, region or country."""
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class DateExpr:
    text: str
    start: int
    end: int
    value: str
    """ISO date (``2025-10-28``) of the day, or of the period's first day."""
    precision: str
    """day, week, month or year."""


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    start: int
    end: int
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    speaker: Speaker | None = None
    via: str | None = None


@dataclass(frozen=True, slots=True)
class EventActor:
    actor: str | None
    name: str
    text: str
    country: str | None
    sector: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str | None
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    source: tuple[EventActor, ...]
    target: tuple[EventActor, ...]
    evidence: Mention
    mentions: tuple[Mention, ...] = ()
    place: Place | None = None
    place_is_dateline: bool = False
    date: str | None = None
    date_precision: str | None = None
    quote: int | None = None
    flags: tuple[str, ...] = ()
    confidence: float = 0.0
    coder: str = ""


@dataclass(frozen=True, slots=True)
class Annotated:
    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    annotator: str = ""

    def annotations_dict(self) -> dict[str, Any]:
        return {
            "actors": [asdict(a) for a in self.actors],
            "places": [asdict(p) for p in self.places],
            "dates": [asdict(d) for d in self.dates],
            "quotes": [asdict(q) for q in self.quotes],
            "events": [asdict(e) for e in self.events],
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
