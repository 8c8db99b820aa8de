"""Response models: what /openapi.json promises (schemathesis holds the API to it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """An object that may carry more fields than listed (new fields are not breaking)."""

    model_config = ConfigDict(extra="allow")


class ArticleItem(BaseModel):
    id: str
    url: str | None
    title: str | None
    site_name: str | None
    language: str | None
    published_at: str | None
    description: str | None
    snippet: str = Field(
        description="Matching text (with q) or the start of the text, as plain text."
    )
    snippet_matches: list[list[int]] = Field(
        description="[start, end] of each matched word in snippet."
    )


class ArticleList(BaseModel):
    items: list[ArticleItem]
    next: str | None = Field(description="Cursor of the next page; null on the last page.")


class ArticleDetail(Open):
    id: str
    text: str
    url: str | None
    title: str | None
    published_at: str | None
    annotator: str | None
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    places: list[dict[str, Any]]
    dates: list[dict[str, Any]]


class EventList(BaseModel):
    items: list[dict[str, Any]]
    next: str | None = Field(description="Cursor of the next page; null on the last page.")


class EventDetail(Open):
    id: str
    mentions: list[dict[str, Any]]
    reviews: list[dict[str, Any]]


class ActorList(BaseModel):
    items: list[dict[str, Any]]
    next: str | None = Field(description="Cursor of the next page; null on the last page.")


class TimelinePoint(Open):
    period: str
    events: int
    mean_goldstein: float | None


class Timeline(BaseModel):
    source: str
    target: str
    interval: str
    items: list[TimelinePoint]
    next: None = Field(default=None, description="Always null: a timeline is one page.")


class Review(BaseModel):
    """A review action on an event."""

    model_config = ConfigDict(extra="forbid")

    reviewer: str = Field(min_length=1, max_length=100, description="Who reviews (a name).")
    action: str = Field(pattern="^(accept|reject|edit)$")
    changes: dict[str, Any] = Field(
        default_factory=dict, description="With action edit: the fields to change."
    )
    note: str | None = Field(default=None, max_length=2000)


class Edit(BaseModel):
    """An edit of an event's coding (PATCH)."""

    model_config = ConfigDict(extra="forbid")

    reviewer: str = Field(min_length=1, max_length=100)
    changes: dict[str, Any] = Field(min_length=1)
    note: str | None = Field(default=None, max_length=2000)
