"""Reviews of aggregated events: accept, reject or edit, with an audit trail.

A reviewed aggregate leaves status ``coded``; re-coding its articles then changes only its
counts (see :mod:`eventwire.store.events`).  Every review writes a row to ``event_reviews``:
who, when, the action, and the reviewable fields before and after.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ..knowledge import cameo_codes
from ..records import Event, EventActor, Place
from .events import (
    ACTIONS,
    EDITABLE,
    EventNotFound,
    ReviewError,
    event_from_dict,
    event_to_dict,
    get_event,
    write_coding,
)

if TYPE_CHECKING:
    from .sqlite import Store


def review_event(
    store: Store,
    event_id: str,
    *,
    reviewer: str,
    action: str,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Accept, reject or edit an aggregate; write the audit trail; commit; return the event.

    ``changes`` (``edit`` only) may set ``type`` (a PLOVER type; the CAMEO code must be of that
    type: pass ``cameo`` too when it is not), ``cameo``, ``source`` and ``target`` (``None`` or
    ``{"country": ISO3, "sector": "MIL", "name": ...}``), ``place`` (``None`` or ``{"name": ...,
    "country": ISO3, "lat": ..., "lon": ..., "precision": "city"}``) and ``date`` (ISO).
    Raises :class:`EventNotFound` or :class:`ReviewError`; nothing is written then.
    """
    row = store.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise EventNotFound(f"no event {event_id!r}")
    if action not in ACTIONS:
        raise ReviewError(f"action is one of {', '.join(ACTIONS)}, not {action!r}")
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise ReviewError("reviewer is required: who made the decision")
    if action != "edit" and changes:
        raise ReviewError(f"changes go with action 'edit', not {action!r}")
    data = json.loads(row["data"])
    coded = event_from_dict(data["event"])
    before = _reviewed(coded, row["status"])
    if action == "edit":
        if not changes:
            raise ReviewError(f"an edit needs changes: any of {', '.join(EDITABLE)}")
        coded = _edit(coded, changes)
        data["edited"] = sorted({*data.get("edited", ()), *changes})
    status = ACTIONS[action]
    data["event"] = event_to_dict(coded)
    write_coding(store, event_id, coded, data, status=status)
    store.db.execute(
        "INSERT INTO event_reviews (event_id, reviewer, action, before, after, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            event_id,
            reviewer.strip(),
            action,
            json.dumps(before, ensure_ascii=False),
            json.dumps(_reviewed(coded, status), ensure_ascii=False),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    store.commit()
    result = get_event(store, event_id)
    assert result is not None
    return result


def _reviewed(event: Event, status: str) -> dict[str, Any]:
    """The fields a review can change, as the audit trail keeps them."""

    def side(actors: tuple[EventActor, ...]) -> list[dict[str, Any]]:
        return [{"name": a.name, "country": a.country, "sector": a.sector} for a in actors]

    place = event.place
    return {
        "status": status,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "source": side(event.source),
        "target": side(event.target),
        "place": (
            {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}
            if place
            else None
        ),
        "date": event.date,
    }


def _edit(event: Event, changes: dict[str, Any]) -> Event:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ReviewError(f"cannot edit {', '.join(unknown)}; editable: {', '.join(EDITABLE)}")
    codes = cameo_codes()
    code = codes.get(event.cameo)
    if "cameo" in changes:
        code = codes.get(str(changes["cameo"]))
        if code is None:
            raise ReviewError(f"unknown CAMEO code {changes['cameo']!r}")
    if "type" in changes:
        kind = changes["type"].upper() if isinstance(changes["type"], str) else changes["type"]
        types = {c.plover_type for c in codes.values()}
        if kind not in types:
            known = ", ".join(sorted(t for t in types if t))
            raise ReviewError(f"unknown PLOVER type {kind!r}; known: {known} (or null)")
        if code is None or code.plover_type != kind:
            fits = [c.code for c in codes.values() if c.plover_type == kind][:5]
            have = f"{code.code} ({code.name}) is of type {code.plover_type}" if code else "none"
            raise ReviewError(
                f"CAMEO {have}, not {kind}: pass a cameo of type {kind} too "
                f"(e.g. {', '.join(fits)})"
            )
    if code is not None and code.code != event.cameo:
        event = replace(
            event,
            cameo=code.code,
            type=code.plover_type,
            mode=code.plover_mode,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
        )
    if "source" in changes:
        event = replace(event, source=_actor("source", changes["source"], event.source))
    if "target" in changes:
        event = replace(event, target=_actor("target", changes["target"], event.target))
    if "place" in changes:
        event = replace(event, place=_place(changes["place"]), place_is_dateline=False)
    if "date" in changes:
        value = changes["date"]
        if not isinstance(value, str):
            raise ReviewError(f"date is an ISO date like 2025-10-28, not {value!r}")
        try:
            day = date.fromisoformat(value).isoformat()
        except ValueError:
            raise ReviewError(f"date is an ISO date like 2025-10-28, not {value!r}") from None
        event = replace(event, date=day, date_precision="day")
    return event


def _actor(side: str, value: Any, before: tuple[EventActor, ...]) -> tuple[EventActor, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or set(value) - {"country", "sector", "name"}:
        raise ReviewError(f"{side} is null or an object with country, sector and name")
    country, sector = value.get("country"), value.get("sector")
    if country is not None and not (
        isinstance(country, str) and re.fullmatch("[A-Za-z]{3}", country)
    ):
        raise ReviewError(f"{side}.country is an ISO 3166 alpha-3 code (RUS), not {country!r}")
    if sector is not None and not (isinstance(sector, str) and re.fullmatch("[A-Za-z]{3}", sector)):
        raise ReviewError(f"{side}.sector is a three-letter CAMEO code (MIL, GOV), not {sector!r}")
    name = value.get("name") or (before[0].name if before else None) or country or sector or ""
    return (
        EventActor(
            actor=None,
            name=str(name),
            text="",
            country=country.upper() if country else None,
            sector=sector.upper() if sector else None,
            start=0,
            end=0,
        ),
    )


def _place(value: Any) -> Place | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"]:
        raise ReviewError("place is null or an object with a name (and country, lat, lon)")
    extra = set(value) - {"name", "country", "lat", "lon", "precision"}
    if extra:
        raise ReviewError(f"place has no field {', '.join(sorted(extra))}")
    lat, lon = value.get("lat"), value.get("lon")
    for label, number, bound in (("lat", lat, 90), ("lon", lon, 180)):
        if number is not None and (not isinstance(number, int | float) or abs(number) > bound):
            raise ReviewError(f"place.{label} is a number between -{bound} and {bound}")
    precision = value.get("precision", "city")
    if precision not in ("city", "region", "country"):
        raise ReviewError("place.precision is city, region or country")
    country = value.get("country")
    return Place(
        name=value["name"],
        country=country.upper() if isinstance(country, str) else None,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        precision=precision,
    )


__all__ = ["review_event"]
