"""/events: coded events with filters; /events/{id}: one event, its mentions and its reviews.

Reviews (``POST /events/{id}/review``, ``PATCH /events/{id}``) need the server's token.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request

from ..store import events as ev
from .articles import DAY, day
from .deps import CursorQuery, LimitQuery, page_size, reader, require_writer, stores
from .errors import ApiError, bad_parameter, not_found
from .models import Edit, EventDetail, EventList, Review

router = APIRouter(tags=["events"])

EVENT_ID = r"^[A-Za-z0-9_.:-]{1,128}$"
CODE = r"^[A-Za-z0-9_]{2,12}$"
_DYAD = re.compile(r"^([A-Za-z0-9_]{2,12})-([A-Za-z0-9_]{2,12})$")

EventId = Annotated[str, Path(pattern=EVENT_ID, description="Event id.")]


def parse_dyad(dyad: str | None) -> tuple[str, str] | None:
    if dyad is None:
        return None
    match = _DYAD.match(dyad)
    if match is None:
        raise bad_parameter("dyad", f"{dyad!r} is not SOURCE-TARGET, e.g. RUS-SYR")
    return match.group(1).upper(), match.group(2).upper()


def event_page(
    request: Request,
    *,
    limit: int | None = None,
    cursor: str | None = None,
    **filters: Any,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events (for the API and the map page); a bad filter is a 400."""
    since, until = filters.get("since"), filters.get("until")
    if since is not None and until is not None and since > until:
        raise bad_parameter("since", f"{since} is after until {until}")
    try:
        items, after = ev.query_events(
            reader(request), limit=page_size(request, limit), cursor=cursor, **filters
        )
    except ValueError as exc:
        raise ApiError(400, str(exc)) from None
    return items, after


@router.get("/events", response_model=EventList)
async def list_events(
    request: Request,
    type: Annotated[
        str | None, Query(max_length=64, description="PLOVER event type, e.g. CONSULT.")
    ] = None,
    status: Annotated[
        str | None,
        Query(
            pattern="^(coded|accepted|rejected|edited|all)$",
            description="Review status; by default every event but the rejected ones.",
        ),
    ] = None,
    quad_class: Annotated[
        int | None,
        Query(ge=1, le=4, description="1 verbal cooperation ... 4 material conflict."),
    ] = None,
    country: Annotated[
        str | None,
        Query(pattern=CODE, description="Source or target country (ISO 3166 alpha-3)."),
    ] = None,
    dyad: Annotated[
        str | None,
        Query(max_length=30, description="SOURCE-TARGET countries, e.g. RUS-SYR."),
    ] = None,
    since: Annotated[
        str | None, Query(pattern=DAY, description="Event date on or after (ISO date).")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=DAY, description="Event date on or before (ISO date).")
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name.")] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Confidence at least this.")
    ] = None,
    flag: Annotated[
        str | None,
        Query(max_length=40, description="Only events with this flag, e.g. negated."),
    ] = None,
    limit: LimitQuery = None,
    cursor: CursorQuery = None,
) -> dict[str, Any]:
    """Events (aggregated across articles), newest first, filtered; each with its coding,
    counts, review status, actors' names and the evidence sentence of its best report."""
    items, after = event_page(
        request,
        limit=limit,
        cursor=cursor,
        type=type,
        status=status,
        quad_class=quad_class,
        country=country.upper() if country else None,
        dyad=parse_dyad(dyad),
        since=day("since", since),
        until=day("until", until),
        place=place,
        min_confidence=min_confidence,
        flag=flag,
    )
    return {"items": items, "next": after}


@router.get("/events/{event_id}", response_model=EventDetail)
async def get_event(request: Request, event_id: EventId) -> dict[str, Any]:
    """One event: its coding (`event`), every mention (article, evidence offsets into the
    article's text, sentences) and its reviews (who, when, action, before, after)."""
    event = ev.get_event(reader(request), event_id)
    if event is None:
        raise not_found("event", event_id)
    return event


def _review(
    request: Request, event_id: str, reviewer: str, action: str, changes: dict[str, Any]
) -> dict[str, Any]:
    store = stores(request).writer()
    try:
        return ev.review_event(
            store, event_id, reviewer=reviewer.strip(), action=action, changes=changes
        )
    except ev.EventNotFound:
        raise not_found("event", event_id) from None
    except ev.ReviewError as exc:
        store.db.rollback()
        raise bad_parameter("changes", str(exc), where="body") from None


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or a wrong one."},
    403: {"description": "Writes are off (no EVENTWIRE_TOKEN on the server)."},
    404: {"description": "No such event."},
}


@router.post(
    "/events/{event_id}/review",
    response_model=EventDetail,
    dependencies=[Depends(require_writer)],
    responses=WRITE_RESPONSES,
)
async def review_event(
    request: Request, event_id: EventId, review: Annotated[Review, Body()]
) -> dict[str, Any]:
    """Accept, reject or edit an event; the change joins the event's audit trail, and later
    coding runs never overwrite it.  `changes` (edit only) may set `type`, `cameo`, `source`
    and `target` (`{"country", "sector", "name"}` or null), `place` (`{"name", "country",
    "lat", "lon"}` or null) and `date` (ISO)."""
    if review.action != "edit" and review.changes:
        raise bad_parameter("changes", "only an edit has changes", where="body")
    if review.action == "edit" and not review.changes:
        raise bad_parameter("changes", "an edit needs the fields to change", where="body")
    return _review(request, event_id, review.reviewer, review.action, review.changes)


@router.patch(
    "/events/{event_id}",
    response_model=EventDetail,
    dependencies=[Depends(require_writer)],
    responses=WRITE_RESPONSES,
)
async def edit_event(
    request: Request, event_id: EventId, edit: Annotated[Edit, Body()]
) -> dict[str, Any]:
    """Edit an event's coding (type, actors, place, date): a review with action edit."""
    return _review(request, event_id, edit.reviewer, "edit", edit.changes)


@router.get(
    "/auth/check",
    dependencies=[Depends(require_writer)],
    responses=WRITE_RESPONSES,
    tags=["auth"],
)
async def check_token() -> dict[str, bool]:
    """200 when the bearer token allows writes (the dashboard's sign-in asks this)."""
    return {"writes": True}
