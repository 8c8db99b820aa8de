"""/actors and /dyads/{a}/{b}/timeline."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from ..store import events as ev
from .deps import CursorQuery, LimitQuery, page_size, reader
from .errors import ApiError
from .events import CODE
from .models import ActorList, Timeline

router = APIRouter(tags=["actors"])


class Interval(StrEnum):
    day = "day"
    week = "week"
    month = "month"


@router.get("/actors", response_model=ActorList)
async def list_actors(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Name contains.")] = None,
    country: Annotated[str | None, Query(pattern=CODE, description="ISO alpha-3.")] = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> dict[str, Any]:
    """Actors named in the articles, most mentioned first."""
    try:
        items, after = ev.query_actors(
            reader(request),
            q=q,
            country=country.upper() if country else None,
            limit=page_size(request, limit),
            cursor=cursor,
        )
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    return {"items": items, "next": after}


def timeline_points(request: Request, a: str, b: str, interval: Interval) -> list[dict[str, Any]]:
    try:
        return ev.dyad_timeline(reader(request), a.upper(), b.upper(), interval.value)
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None


@router.get("/dyads/{a}/{b}/timeline", response_model=Timeline)
async def dyad_timeline(
    request: Request,
    a: Annotated[str, Path(pattern=CODE, description="Source country, e.g. RUS.")],
    b: Annotated[str, Path(pattern=CODE, description="Target country, e.g. SYR.")],
    interval: Annotated[Interval, Query(description="Period of each point.")] = Interval.week,
) -> dict[str, Any]:
    """Events from a to b over time: counts by quad class and mean Goldstein a period."""
    items = timeline_points(request, a, b, interval)
    return {"source": a.upper(), "target": b.upper(), "interval": interval.value, "items": items}
