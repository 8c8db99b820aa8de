"""/articles: list, filter and full-text search; /articles/{id}: one article with annotations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from . import article_queries as queries
from .deps import CursorQuery, LimitQuery, decode_cursor, encode_cursor, page_size, reader
from .errors import bad_parameter, not_found
from .models import ArticleDetail, ArticleList

router = APIRouter(tags=["articles"])

ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,128}$"
WHEN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
"""An ISO date, or an ISO date and time (numbers alone are not taken as timestamps)."""


DAY = r"^\d{4}-\d{2}-\d{2}$"


def day(name: str, value: str | None) -> date | None:
    """A date parameter (``2025-10-28``); a 400 when it is not one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(name, f"{value!r} is not a date like 2025-10-28") from None


def when(name: str, value: str | None) -> date | datetime | None:
    """A ``since``/``until`` value: a date, or a date and time; a 400 when it is neither."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError:
        raise bad_parameter(name, f"{value!r} is not a date like 2025-10-28") from None


def article_query(
    q: str | None,
    site: str | None,
    language: str | None,
    since: date | datetime | None,
    until: date | datetime | None,
) -> queries.ArticleQuery:
    if since is not None and until is not None and _day(since) > _day(until):
        raise bad_parameter("since", f"{since} is after until {until}")
    return queries.ArticleQuery(
        q=q.strip() or None if q else None, site=site, language=language, since=since, until=until
    )


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def search_page(
    request: Request, query: queries.ArticleQuery, limit: int | None, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of articles (used by the API and the search page)."""
    try:
        items, after = queries.list_articles(
            reader(request), query, limit=page_size(request, limit), cursor=decode_cursor(cursor)
        )
    except queries.BadQuery as exc:
        raise bad_parameter("q", str(exc)) from None
    except ValueError:
        raise bad_parameter(
            "cursor", "not a cursor of this query (start again without it)"
        ) from None
    return items, encode_cursor(after) if after else None


@router.get("/articles", response_model=ArticleList)
async def list_articles(
    request: Request,
    q: Annotated[
        str | None,
        Query(
            max_length=500,
            description='Full-text search (FTS5 syntax: words, "phrases", OR, NOT); '
            "text that is not valid FTS5 searches its words.",
        ),
    ] = None,
    site: Annotated[str | None, Query(max_length=200, description="Exact site name.")] = None,
    language: Annotated[
        str | None, Query(max_length=20, description="Language code, e.g. en.")
    ] = None,
    since: Annotated[
        str | None,
        Query(pattern=WHEN, description="Published on or after (ISO date, or date and time)."),
    ] = None,
    until: Annotated[
        str | None,
        Query(pattern=WHEN, description="Published on or before (ISO date, or date and time)."),
    ] = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> dict[str, Any]:
    """Articles, newest first; with `q`, the best matches first, each with a snippet."""
    query = article_query(q, site, language, when("since", since), when("until", until))
    items, after = search_page(request, query, limit, cursor)
    return {"items": items, "next": after}


@router.get("/articles/{article_id}", response_model=ArticleDetail)
async def get_article(
    request: Request,
    article_id: Annotated[str, Path(pattern=ID_PATTERN, description="Article id.")],
) -> dict[str, Any]:
    """One article with its text, actors, quotes, events, places and dates (offsets into text)."""
    detail = queries.article_detail(reader(request), article_id)
    if detail is None:
        raise not_found("article", article_id)
    return detail
