"""Dashboard pages about events: one event (with review), a dyad's timeline, and the map."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..api.actors import Interval, timeline_points
from ..api.articles import day
from ..api.deps import reader, settings
from ..api.errors import not_found
from ..api.events import CODE, EVENT_ID, event_page
from ..store import Store
from ..store import events as ev
from . import highlight, svg
from .render import render

router = APIRouter(include_in_schema=False)

FORM = [
    ("type", ""),
    ("cameo", ""),
    ("date", ""),
    ("source", "country"),
    ("source", "sector"),
    ("source", "name"),
    ("target", "country"),
    ("target", "sector"),
    ("target", "name"),
    ("place", "name"),
    ("place", "country"),
    ("place", "lat"),
    ("place", "lon"),
]
"""The review form's fields: (group, key); a group with a key is sent as one object."""


def event_href(store: Store, event: dict[str, Any]) -> str | None:
    """The page of the aggregated event an article's coded event joined, if any."""
    event_id = event.get("event_id")
    return f"/event/{event_id}" if isinstance(event_id, str) and event_id else None


def form_fields(coded: dict[str, Any]) -> list[dict[str, str]]:
    """The review form, filled with the event's current coding."""
    fields = []
    for group, key in FORM:
        value: Any = coded.get(group)
        if key:
            if isinstance(value, list):  # actors: the first one's
                value = value[0] if value else {}
            value = (value or {}).get(key)
        fields.append(
            {
                "group": group,
                "key": key,
                "label": f"{group} {key}" if key else group,
                "value": "" if value is None else str(value),
            }
        )
    return fields


def changes(review: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What a review changed: (field, before, after) for each field that differs."""
    before, after = review.get("before") or {}, review.get("after") or {}
    out = []
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) != after.get(key):
            out.append((key, _show(before.get(key)), _show(after.get(key))))
    return out


def _show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v is not None) or "–"
    return str(value)


@router.get("/event/{event_id}", response_class=HTMLResponse)
async def event(request: Request, event_id: Annotated[str, Path(pattern=EVENT_ID)]) -> HTMLResponse:
    found = ev.get_event(reader(request), event_id)
    if found is None:
        raise not_found("event", event_id)
    coded = found.get("event") or {}
    mentions = [
        {**m, "anchor": "ev-" + str(m.get("id", "")).split(":", 1)[-1]}
        for m in found.get("mentions") or []
    ]
    reviews = [{**r, "changes": changes(r)} for r in found.get("reviews") or []]
    return render(
        request,
        "event.html",
        nav="map",
        event=found,
        coding=highlight.event_coding({**coded, "confidence": found.get("confidence")}),
        fields=form_fields(coded),
        mentions=mentions,
        reviews=reviews,
        writes=settings(request).writes_enabled,
        quad_names=svg.QUAD_NAMES,
    )


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
async def dyad(
    request: Request,
    a: Annotated[str, Path(pattern=CODE)],
    b: Annotated[str, Path(pattern=CODE)],
    interval: Interval = Interval.week,
) -> HTMLResponse:
    a, b = a.upper(), b.upper()
    points = timeline_points(request, a, b, interval)
    periods = [period(point) for point in points]
    items, _ = event_page(request, limit=50, dyad=(a, b))
    return render(
        request,
        "dyad.html",
        nav="map",
        a=a,
        b=b,
        interval=interval.value,
        intervals=[i.value for i in Interval],
        chart=svg.timeline(periods),
        periods=periods,
        events=items,
        quad_names=svg.QUAD_NAMES,
    )


def period(point: dict[str, Any]) -> svg.Period:
    """A timeline point as the chart draws it."""
    counts = point.get("counts") or {}
    by_quad = tuple(
        int(counts.get(str(q), counts.get(q, point.get(f"quad{q}", 0))) or 0) for q in (1, 2, 3, 4)
    )
    mean = point.get("mean_goldstein")
    return svg.Period(
        str(point.get("period")),
        (by_quad[0], by_quad[1], by_quad[2], by_quad[3]),
        float(mean) if mean is not None else None,
    )


@router.get("/map", response_class=HTMLResponse)
async def event_map(
    request: Request,
    type: Annotated[str | None, Query(max_length=64)] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    country: Annotated[str | None, Query(max_length=12)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    items, _ = event_page(
        request,
        limit=500,
        type=type or None,
        quad_class=quad_class,
        country=country.upper() if country else None,
        since=day("since", since or None),
        until=day("until", until or None),
    )
    points = [
        svg.Point(
            lat=float(item["lat"]),
            lon=float(item["lon"]),
            label=f"{item.get('type') or 'untyped'} {item.get('place') or ''} "
            f"{item.get('date') or ''}".strip(),
            href=f"/event/{item['id']}",
            quad_class=item.get("quad_class"),
        )
        for item in items
        if item.get("lat") is not None and item.get("lon") is not None
    ]
    return render(
        request,
        "map.html",
        nav="map",
        filters={
            "type": type or "",
            "quad_class": quad_class or "",
            "country": country or "",
            "since": since or "",
            "until": until or "",
        },
        chart=svg.world_map(points, tiles=settings(request).map_tiles),
        placed=len(points),
        events=items,
        quad_names=svg.QUAD_NAMES,
    )
