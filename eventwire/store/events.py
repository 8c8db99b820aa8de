"""Events across articles: article-level mentions, aggregated events, reviews and actors.

Every function takes a :class:`~eventwire.store.Store`; the SQL lives here.

* ``event_mentions``: one row per article-level event (the annotate stage's :class:`Event`, whose
  ``mentions`` are the sentences describing it in that article), id ``{article_id}:{event.id}``.
* ``events``: one row per happening.  An article-level event joins the aggregate it was linked to
  before (same mention id), else one that :func:`~eventwire.dedup.same_happening` matches, else a
  new one (id ``E`` + 16 hex digits of a hash of its first mention's id, so it is stable).
* Counts of an aggregate:

  - ``num_mentions``: the sentences describing it, over all articles (each article-level event
    counts its within-article mentions, at least one), as GDELT counts every reference in a
    document;
  - ``num_articles``: distinct articles;
  - ``num_sources``: distinct outlets (``site_name``, else the registered domain of the URL),
    each near-duplicate cluster counted once, as the outlet of its earliest article: a wire copy
    is not an independent source;
  - ``first_seen``: the earliest publication time of its articles (the time stored when an
    article has none), UTC.

* Coding of an aggregate: that of its representative (the most confident article-level event,
  the earliest on a tie), whose date falls back to the article's publication date.
  ``confidence`` is the representative's: the coder's errors are alike across reports of one
  happening, so corroboration is given as ``num_sources``, not folded into confidence.
* Reviews: a reviewer accepts, rejects or edits an aggregate (:func:`review_event`); its
  ``status`` leaves ``coded`` and re-coding never changes its coding again, only its counts.
  Every review is written to ``event_reviews`` with the fields before and after.

Queries (:func:`query_events`, :func:`query_actors`) page by keyset: they return the rows and
the cursor of the next page (``None`` on the last).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..dedup import countries, same_happening, utc_iso
from ..errors import StoreError
from ..records import Annotated, Event, EventActor, Mention, Place

if TYPE_CHECKING:
    from .sqlite import Store

STATUSES = ("coded", "accepted", "rejected", "edited")
ACTIONS = {"accept": "accepted", "reject": "rejected", "edit": "edited"}
EDITABLE = ("type", "cameo", "source", "target", "place", "date")
INTERVALS = ("day", "week", "month")
MAX_LIMIT = 1000


class InvalidQuery(StoreError, ValueError):
    """A filter, cursor or interval that cannot be used; the message says what to pass."""


class ReviewError(StoreError, ValueError):
    """A review that cannot be applied (bad action, field or value); nothing was written."""


class EventNotFound(StoreError, LookupError):
    """No aggregated event has this id."""


# --- records as JSON --------------------------------------------------------------------------


def event_to_dict(event: Event) -> dict[str, Any]:
    return asdict(event)


def event_from_dict(data: dict[str, Any]) -> Event:
    """The inverse of :func:`event_to_dict`."""

    def actors(items: Iterable[dict[str, Any]]) -> tuple[EventActor, ...]:
        return tuple(EventActor(**item) for item in items)

    def mention(item: dict[str, Any]) -> Mention:
        return Mention(item["start"], item["end"], item["text"])

    place = data.get("place")
    return Event(
        id=data["id"],
        type=data.get("type"),
        mode=data.get("mode"),
        cameo=data["cameo"],
        quad_class=data["quad_class"],
        goldstein=data["goldstein"],
        source=actors(data.get("source") or ()),
        target=actors(data.get("target") or ()),
        evidence=mention(data["evidence"]),
        mentions=tuple(mention(m) for m in data.get("mentions") or ()),
        place=(
            Place(**{**place, "mentions": tuple(mention(m) for m in place.get("mentions") or ())})
            if place
            else None
        ),
        place_is_dateline=data.get("place_is_dateline", False),
        date=data.get("date"),
        date_precision=data.get("date_precision"),
        quote=data.get("quote"),
        flags=tuple(data.get("flags") or ()),
        confidence=data.get("confidence", 0.0),
        coder=data.get("coder", ""),
    )


# --- writing ----------------------------------------------------------------------------------


def put_event_mentions(store: Store, annotated: Annotated) -> None:
    """Replace the article's event mentions, link each to an aggregate, recompute those.

    A mention's ``data`` is the Event as JSON, its date filled with the article's publication
    date (precision ``report``) when the coder found none.
    """
    article = annotated.article
    db = store.db
    before = dict(
        db.execute("SELECT id, event_id FROM event_mentions WHERE article_id = ?", (article.id,))
    )
    db.execute("DELETE FROM event_mentions WHERE article_id = ?", (article.id,))
    affected = {event_id for event_id in before.values() if event_id}
    fallback = article.published_at.date().isoformat() if article.published_at else None
    for event in annotated.events:
        mention_id = f"{article.id}:{event.id}"
        if event.date is None and fallback:
            event = replace(event, date=fallback, date_precision="report")
        event_id = _link(store, mention_id, event, before.get(mention_id))
        place = event.place.name if event.place else None
        db.execute(
            "INSERT OR REPLACE INTO event_mentions (id, article_id, event_id, type, cameo, "
            "quad_class, goldstein, source_country, target_country, date, place, confidence, "
            "flags, coder, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                mention_id,
                article.id,
                event_id,
                event.type,
                event.cameo,
                event.quad_class,
                event.goldstein,
                _primary(event.source),
                _primary(event.target),
                event.date,
                place,
                event.confidence,
                json.dumps(list(event.flags)),
                event.coder,
                json.dumps(event_to_dict(event), ensure_ascii=False),
            ),
        )
        affected.add(event_id)
        if db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is None:
            _recompute(store, event_id)  # a new aggregate: later events may join it
    for event_id in sorted(affected):
        _recompute(store, event_id)


def index_events(store: Store, annotated: Annotated) -> None:
    """The article's event mentions and actors (what :meth:`Store.put_annotations` calls);
    doing it twice changes nothing."""
    put_event_mentions(store, annotated)
    put_actors(store, annotated)


def put_actors(store: Store, annotated: Annotated) -> None:
    """Replace the article's rows in ``actors``."""
    article_id = annotated.article.id
    store.db.execute("DELETE FROM actors WHERE article_id = ?", (article_id,))
    store.db.executemany(
        "INSERT OR REPLACE INTO actors (article_id, actor_id, name, kind, role, country, sector, "
        "org, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, a.id, a.name, a.kind, a.role, a.country, a.sector, a.org, len(a.mentions))
            for a in annotated.actors
        ],
    )


def _primary(actors: tuple[EventActor, ...]) -> str | None:
    """The country stored in the row (the first in alphabetical order); all are in ``data``."""
    found = countries(actors)
    return found[0] if found else None


def _link(store: Store, mention_id: str, event: Event, previous: str | None) -> str:
    """The aggregate an article-level event belongs to."""
    if previous:
        row = store.db.execute(
            "SELECT status, data FROM events WHERE id = ?", (previous,)
        ).fetchone()
        if row and (row["status"] != "coded" or same_happening(_coded(row), event)):
            return previous
    if event.date:
        day = date.fromisoformat(event.date[:10])
        kind = "type = ?" if event.type else "type IS NULL AND cameo = ?"
        rows = store.db.execute(
            f"SELECT id, status, data, num_articles FROM events WHERE {kind} "
            "AND date BETWEEN ? AND ? AND source_country IS ? AND target_country IS ? "
            "ORDER BY num_articles DESC, id",
            (
                event.type or event.cameo,
                (day - timedelta(days=1)).isoformat(),
                (day + timedelta(days=1)).isoformat() + "~",
                _primary(event.source),
                _primary(event.target),
            ),
        )
        for row in rows:
            if same_happening(_coded(row), event):
                return str(row["id"])
    return "E" + hashlib.blake2b(mention_id.encode("utf-8"), digest_size=8).hexdigest()


def _coded(row: Any) -> Event:
    return event_from_dict(json.loads(row["data"])["event"])


def _outlet(site_name: str | None, url: str | None, article_id: str) -> str:
    if site_name and site_name.strip():
        return " ".join(site_name.casefold().split())
    if url:
        from courlan import extract_domain

        domain = extract_domain(url)
        if domain:
            return domain
    return f"article:{article_id}"


def _recompute(store: Store, event_id: str) -> None:
    """Counts, first seen and (unless reviewed) the coding of one aggregate, from its rows."""
    db = store.db
    row = db.execute("SELECT status, data FROM events WHERE id = ?", (event_id,)).fetchone()
    mentions = db.execute(
        "SELECT m.id, m.article_id, m.confidence, m.data, a.site_name, a.url, a.cluster_id, "
        "coalesce(a.published_at, a.stored_at) AS seen FROM event_mentions m "
        "LEFT JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?",
        (event_id,),
    ).fetchall()
    if not mentions:
        if row is not None and row["status"] == "coded":
            db.execute("DELETE FROM events WHERE id = ?", (event_id,))
        elif row is not None:
            db.execute(
                "UPDATE events SET num_mentions = 0, num_articles = 0, num_sources = 0 "
                "WHERE id = ?",
                (event_id,),
            )
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    seen = {m["article_id"]: utc_iso(m["seen"]) if m["seen"] else now for m in mentions}
    events = {m["id"]: event_from_dict(json.loads(m["data"])) for m in mentions}
    clusters: dict[str, tuple[str, str]] = {}
    for m in mentions:
        key = m["cluster_id"] or m["article_id"]
        earliest = (seen[m["article_id"]], _outlet(m["site_name"], m["url"], m["article_id"]))
        clusters[key] = min(clusters.get(key, earliest), earliest)
    best = min(mentions, key=lambda m: (-m["confidence"], seen[m["article_id"]], m["id"]))
    counts = (
        sum(max(1, len(e.mentions)) for e in events.values()),
        len(seen),
        len({outlet for _, outlet in clusters.values()}),
        min(seen.values()),
    )
    if row is not None and row["status"] != "coded":
        data = json.loads(row["data"])
        data["reports"] = len(mentions)
        db.execute(
            "UPDATE events SET num_mentions = ?, num_articles = ?, num_sources = ?, "
            "first_seen = ?, data = ? WHERE id = ?",
            (*counts, json.dumps(data, ensure_ascii=False), event_id),
        )
        return
    coded = events[best["id"]]
    data = {"event": event_to_dict(coded), "representative": best["id"], "reports": len(mentions)}
    write_coding(store, event_id, coded, data, counts)


def write_coding(
    store: Store,
    event_id: str,
    event: Event,
    data: dict[str, Any],
    counts: tuple[int, int, int, str] | None = None,
    status: str = "coded",
) -> None:
    place = event.place
    source = next((a for a in event.source if a.country), event.source[0] if event.source else None)
    target = next((a for a in event.target if a.country), event.target[0] if event.target else None)
    data["source_countries"] = list(countries(event.source))
    data["target_countries"] = list(countries(event.target))
    coding = {
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "source_country": _primary(event.source),
        "source_sector": source.sector if source else None,
        "target_country": _primary(event.target),
        "target_sector": target.sector if target else None,
        "date": event.date,
        "date_precision": event.date_precision,
        "place": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "confidence": event.confidence,
        "flags": json.dumps(list(event.flags)),
        "status": status,
        "data": json.dumps(data, ensure_ascii=False),
    }
    if counts is None:
        sets = ", ".join(f"{name} = :{name}" for name in coding)
        store.db.execute(f"UPDATE events SET {sets} WHERE id = :id", {**coding, "id": event_id})
        return
    names = ["num_mentions", "num_articles", "num_sources", "first_seen"]
    values = {**coding, **dict(zip(names, counts, strict=True)), "id": event_id}
    columns = ", ".join(values)
    updates = ", ".join(f"{name} = excluded.{name}" for name in values if name != "id")
    store.db.execute(
        f"INSERT INTO events ({columns}) VALUES ({', '.join(':' + n for n in values)}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        values,
    )


# --- reading ----------------------------------------------------------------------------------


SUMMARY_COLUMNS = (
    "id", "date", "date_precision", "type", "mode", "cameo", "quad_class", "goldstein",
    "source_country", "source_sector", "target_country", "target_sector", "place",
    "place_country", "lat", "lon", "confidence", "num_mentions", "num_articles", "num_sources",
    "first_seen", "status",
)  # fmt: skip


def summary(row: Any) -> dict[str, Any]:
    """The public form of an aggregate row (what :func:`query_events` returns): its columns,
    ``flags``, the actors' names, the representative's evidence sentence and mention id."""
    data = json.loads(row["data"])
    coded = data["event"]
    return {
        **{name: row[name] for name in SUMMARY_COLUMNS},
        "flags": json.loads(row["flags"]),
        "source_actors": [a["name"] for a in coded["source"]],
        "target_actors": [a["name"] for a in coded["target"]],
        "evidence": coded["evidence"]["text"],
        "representative": data.get("representative"),
    }


def query_events(
    store: Store,
    *,
    type: str | None = None,
    quad_class: int | None = None,
    country: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    place: str | None = None,
    min_confidence: float | None = None,
    flag: str | None = None,
    status: str | None = None,
    limit: int = 100,
    cursor: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Aggregated events, newest date first (undated last), and the next page's cursor.

    ``country`` matches the source, the target or the place's country; ``dyad=(a, b)`` a source
    of country ``a`` and a target of ``b``; ``since``/``until`` are inclusive (ISO strings or
    dates);
    ``place`` a place name (any case); ``flag`` one flag (``negated``, ``reported``...).
    ``status``: ``None`` for every status but ``rejected``, one of :data:`STATUSES`, or ``all``.
    """
    where: list[str] = []
    args: list[Any] = []
    if type is not None:
        where.append("type = ?")
        args.append(type.upper())
    if quad_class is not None:
        if quad_class not in (1, 2, 3, 4):
            raise InvalidQuery(f"quad_class is 1, 2, 3 or 4, not {quad_class!r}")
        where.append("quad_class = ?")
        args.append(quad_class)
    if country is not None:
        where.append("(source_country = ? OR target_country = ? OR place_country = ?)")
        args += [country.upper()] * 3
    if dyad is not None:
        source, target = dyad
        where.append("source_country = ? AND target_country = ?")
        args += [source.upper(), target.upper()]
    if since is not None:
        where.append("date >= ?")
        args.append(_iso_date(since, "since"))
    if until is not None:
        where.append("date < ?")
        args.append((date.fromisoformat(_iso_date(until, "until")) + timedelta(1)).isoformat())
    if place is not None:
        where.append("place = ? COLLATE NOCASE")
        args.append(place)
    if min_confidence is not None:
        where.append("confidence >= ?")
        args.append(float(min_confidence))
    if flag is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(events.flags) WHERE value = ?)")
        args.append(flag)
    if status is None:
        where.append("status != 'rejected'")
    elif status != "all":
        if status not in STATUSES:
            raise InvalidQuery(f"status is one of {', '.join(STATUSES)} or all, not {status!r}")
        where.append("status = ?")
        args.append(status)
    if cursor is not None:
        # keyset on (date DESC, id DESC) with undated events last (NULLs sort last in DESC)
        last_date, last_id = _decode(cursor, 2)
        if last_date:
            where.append("(date < ? OR (date = ? AND id < ?) OR date IS NULL)")
            args += [last_date, last_date, last_id]
        else:
            where.append("(date IS NULL AND id < ?)")
            args.append(last_id)
    size = _limit(limit)
    sql = "SELECT * FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # plain columns, so SQLite walks the (date, id) index backwards instead of sorting
    sql += " ORDER BY date DESC, id DESC LIMIT ?"
    rows = store.db.execute(sql, (*args, size + 1)).fetchall()
    page = [summary(row) for row in rows[:size]]
    more = len(rows) > size
    next_cursor = _encode([page[-1]["date"] or "", page[-1]["id"]]) if more else None
    return page, next_cursor


def iter_events(store: Store, **filters: Any) -> Iterable[dict[str, Any]]:
    """Every event :func:`query_events` finds, page by page (streamed)."""
    cursor: str | None = None
    while True:
        page, cursor = query_events(store, **filters, limit=MAX_LIMIT, cursor=cursor)
        yield from page
        if cursor is None:
            return


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """An aggregate with its article-level ``mentions`` and its ``reviews`` (oldest first)."""
    row = store.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    result = summary(row)
    result["event"] = json.loads(row["data"])["event"]
    rows = store.db.execute(
        "SELECT m.id, m.article_id, m.confidence, m.data, a.url, a.title, a.site_name, "
        "a.published_at, a.cluster_id, coalesce(a.published_at, a.stored_at) AS seen "
        "FROM event_mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?",
        (event_id,),
    )
    ordered = sorted(rows, key=lambda m: (utc_iso(m["seen"]) if m["seen"] else "~", m["id"]))
    result["mentions"] = [_mention(m) for m in ordered]
    reviews = store.db.execute(
        "SELECT reviewer, at, action, before, after FROM event_reviews WHERE event_id = ? "
        "ORDER BY seq",
        (event_id,),
    )
    result["reviews"] = [
        {
            "reviewer": r["reviewer"],
            "at": r["at"],
            "action": r["action"],
            "before": json.loads(r["before"]),
            "after": json.loads(r["after"]),
        }
        for r in reviews
    ]
    return result


def _mention(row: Any) -> dict[str, Any]:
    event = json.loads(row["data"])
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "url": row["url"],
        "title": row["title"],
        "site_name": row["site_name"],
        "published_at": row["published_at"],
        "cluster_id": row["cluster_id"],
        "type": event["type"],
        "cameo": event["cameo"],
        "date": event["date"],
        "confidence": row["confidence"],
        "flags": event["flags"],
        "source_actors": [a["name"] for a in event["source"]],
        "target_actors": [a["name"] for a in event["target"]],
        "evidence": event["evidence"],
        "sentences": event["mentions"] or [event["evidence"]],
    }


def dyad_timeline(
    store: Store, a: str, b: str, interval: str = "day", *, directed: bool = True
) -> list[dict[str, Any]]:
    """Events from country ``a`` to ``b`` (either way unless ``directed``) per period.

    Periods: ``day`` (the ISO date), ``week`` (the ISO date of its Monday) or ``month``
    (``YYYY-MM``).  Each: ``counts`` by QuadClass (1-4), ``mean_goldstein`` and ``events``.
    Undated and rejected events are left out.
    """
    periods = {
        "day": "date",
        "week": "date(date, '-6 days', 'weekday 1')",
        "month": "substr(date, 1, 7)",
    }
    if interval not in periods:
        raise InvalidQuery(f"interval is one of {', '.join(INTERVALS)}, not {interval!r}")
    pair = "(source_country = ? AND target_country = ?)"
    sides = pair if directed else f"({pair} OR {pair})"
    args = [a.upper(), b.upper()] if directed else [a.upper(), b.upper(), b.upper(), a.upper()]
    rows = store.db.execute(
        f"SELECT {periods[interval]} AS period, quad_class, count(*) AS n, "
        f"sum(goldstein) AS g FROM events WHERE {sides} AND date IS NOT NULL "
        "AND status != 'rejected' GROUP BY period, quad_class ORDER BY period",
        args,
    )
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = out.setdefault(
            row["period"],
            {"period": row["period"], "counts": dict.fromkeys((1, 2, 3, 4), 0), "g": 0.0},
        )
        item["counts"][row["quad_class"]] = row["n"]
        item["g"] += row["g"]
    result = []
    for item in out.values():
        total = sum(item["counts"].values())
        mean = round(item.pop("g") / total, 2)
        result.append({**item, "mean_goldstein": mean, "events": total})
    return result


def query_actors(
    store: Store,
    *,
    q: str | None = None,
    country: str | None = None,
    limit: int = 100,
    cursor: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Distinct actors across articles (name, kind, role, country, sector) with the number of
    articles naming each, most named first; ``q`` is a case-insensitive part of the name."""
    where: list[str] = []
    args: list[Any] = []
    if q:
        where.append("name LIKE ? ESCAPE '\\'")
        args.append("%" + re.sub(r"([%_\\])", r"\\\1", q) + "%")
    if country:
        where.append("country = ?")
        args.append(country.upper())
    inner = (
        "SELECT name, kind, role, country, sector, count(DISTINCT article_id) AS articles "
        "FROM actors"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY name, kind, role, country, sector"
    )
    key = "(-articles, name, kind, coalesce(role, ''), coalesce(country, ''), coalesce(sector, ''))"
    sql = f"SELECT * FROM ({inner})"
    if cursor is not None:
        sql += f" WHERE {key} > (?, ?, ?, ?, ?, ?)"
        args += _decode(cursor, 6)
    sql += f" ORDER BY {key[1:-1]} LIMIT ?"
    size = _limit(limit)
    rows = [dict(row) for row in store.db.execute(sql, (*args, size + 1))]
    page = rows[:size]
    if len(rows) <= size:
        return page, None
    last = page[-1]
    values = [-last["articles"], last["name"], last["kind"]]
    values += [last[k] or "" for k in ("role", "country", "sector")]
    return page, _encode(values)


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit is between 1 and {MAX_LIMIT}, not {limit}")
    return limit


def _iso_date(value: str | date, name: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidQuery(f"{name} is an ISO date like 2025-10-28, not {value!r}") from None


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise InvalidQuery("invalid cursor: pass the one the previous page returned")
    return values


# --- reviews ----------------------------------------------------------------------------------


def review_event(
    store: Store,
    event_id: str,
    *,
    reviewer: str,
    action: str,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Accept, reject or edit an aggregate; write the audit trail; commit; return the event
    (as :func:`get_event`).  See :func:`eventwire.store.review.review_event` for ``changes``.
    """
    from .review import review_event as review

    return review(store, event_id, reviewer=reviewer, action=action, changes=changes)


__all__ = [
    "ACTIONS",
    "EDITABLE",
    "STATUSES",
    "EventNotFound",
    "InvalidQuery",
    "ReviewError",
    "dyad_timeline",
    "get_event",
    "index_events",
    "iter_events",
    "put_actors",
    "put_event_mentions",
    "query_actors",
    "query_events",
    "review_event",
]
