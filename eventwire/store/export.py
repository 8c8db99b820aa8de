"""Exports: articles, events and event mentions as JSONL, CSV and Parquet, and events as GDELT 2.0
event records (tab-separated, no header; docs/export.md maps the columns), streamed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from ..dedup import utc_iso
from ..records import Article
from .sqlite import Store

ARTICLE_COLUMNS = [
    "id",
    "url",
    "canonical_url",
    "title",
    "description",
    "site_name",
    "publisher",
    "authors",
    "published_at",
    "modified_at",
    "section",
    "tags",
    "keywords",
    "language",
    "image_url",
    "video",
    "dateline",
    "text",
]
_LISTS = {"authors", "tags", "keywords"}
_OBJECTS = {"video", "dateline"}


def export_articles(store: Store, fmt: str, out: Path, *, batch: int = 1000) -> int:
    rows = (a.to_dict() for a in store.iter_articles())
    if fmt == "jsonl":
        return _jsonl(rows, out)
    if fmt == "csv":
        return _csv(rows, out)
    if fmt == "parquet":
        return _parquet(rows, out, batch)
    raise ValueError(f"unknown export format {fmt!r}; use jsonl, csv or parquet")


def _jsonl(rows: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(rows: Iterator[dict[str, Any]], out: Path, columns: list[str] = ARTICLE_COLUMNS) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(_flat(row) if columns is ARTICLE_COLUMNS else _flat_lists(row))
            count += 1
    return count


def _flat_lists(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    flat = dict(row)
    for key in _LISTS:
        flat[key] = "; ".join(row[key])
    for key in _OBJECTS:
        flat[key] = json.dumps(row[key], ensure_ascii=False) if row[key] else ""
    return flat


def _parquet(rows: Iterator[dict[str, Any]], out: Path, batch: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            pa.field(name, pa.list_(pa.string()) if name in _LISTS else pa.string())
            for name in ARTICLE_COLUMNS
        ]
    )
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while chunk := list(islice(rows, batch)):
            for row in chunk:
                for key in _OBJECTS:
                    row[key] = json.dumps(row[key], ensure_ascii=False) if row[key] else None
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


# --- events and mentions ------------------------------------------------------------------

EVENT_FIELDS: dict[str, str] = {
    **{name: "string" for name in ("id", "date", "date_precision", "type", "mode", "cameo")},
    "quad_class": "int",
    "goldstein": "float",
    "source_country": "string",
    "source_sector": "string",
    "source_actors": "list",
    "target_country": "string",
    "target_sector": "string",
    "target_actors": "list",
    "place": "string",
    "place_country": "string",
    "lat": "float",
    "lon": "float",
    "confidence": "float",
    "flags": "list",
    "num_mentions": "int",
    "num_articles": "int",
    "num_sources": "int",
    "first_seen": "string",
    "status": "string",
    "evidence": "string",
    "representative": "string",
}
"""Columns of ``--what events`` and their Parquet types (a list is ``"; "``-joined in CSV)."""

MENTION_FIELDS: dict[str, str] = {
    **{name: "string" for name in ("id", "event_id", "article_id", "url", "site_name")},
    **{name: "string" for name in ("published_at", "cluster_id", "type", "cameo")},
    "quad_class": "int",
    "goldstein": "float",
    **{name: "string" for name in ("source_country", "target_country", "date", "place")},
    "confidence": "float",
    "flags": "list",
    "coder": "string",
    "evidence": "string",
}
"""Columns of ``--what mentions``: one row per article-level event."""

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
"""The 61 columns of a GDELT 2.0 event record, in order (GDELT Event Codebook V2.0)."""

GDELT_SKIPPED_FLAGS = frozenset({"negated", "hypothetical"})


def export(store: Store, what: str, fmt: str, out: Path, *, batch: int = 1000) -> int:
    """Write ``articles``, ``events`` or ``mentions`` as jsonl, csv, parquet (or ``gdelt`` for
    events) to ``out``; the number of records written."""
    if what == "articles":
        return export_articles(store, fmt, out, batch=batch)
    if what == "events":
        if fmt == "gdelt":
            return export_gdelt(store, out)
        return _write(_events(store), EVENT_FIELDS, fmt, out, batch)
    if what == "mentions":
        return _write(_mentions(store), MENTION_FIELDS, fmt, out, batch)
    raise ValueError(f"unknown export {what!r}; use articles, events or mentions")


def _write(
    rows: Iterator[dict[str, Any]], fields: dict[str, str], fmt: str, out: Path, batch: int
) -> int:
    if fmt == "jsonl":
        return _jsonl(rows, out)
    if fmt == "csv":
        return _csv(rows, out, list(fields))
    if fmt == "parquet":
        return _parquet_typed(rows, fields, out, batch)
    raise ValueError(f"unknown export format {fmt!r}; use jsonl, csv or parquet (gdelt: events)")


def _events(store: Store) -> Iterator[dict[str, Any]]:
    from .events import iter_events

    for event in iter_events(store, status="all"):
        yield {name: event[name] for name in EVENT_FIELDS}


def _mentions(store: Store) -> Iterator[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT m.*, a.url, a.site_name, a.published_at, a.cluster_id FROM event_mentions m "
        "LEFT JOIN articles a ON a.id = m.article_id ORDER BY m.event_id, m.id"
    )
    for row in rows:
        record = dict(row)
        record["flags"] = json.loads(row["flags"])
        record["evidence"] = json.loads(row["data"])["evidence"]["text"]
        yield {name: record.get(name) for name in MENTION_FIELDS}


def _parquet_typed(
    rows: Iterator[dict[str, Any]], fields: dict[str, str], out: Path, batch: int
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema(
        [pa.field(n, types.get(t) or pa.list_(pa.string())) for n, t in fields.items()]
    )
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while chunk := list(islice(rows, batch)):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


# --- GDELT ------------------------------------------------------------------------------------


def export_gdelt(store: Store, out: Path) -> int:
    """Events as GDELT 2.0 event records: tab-separated, no header, 61 columns.

    Rejected events, undated ones and those that did not happen (flags ``negated``,
    ``hypothetical``) are left out: GDELT codes what happened.
    """
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        for row in store.db.execute(
            "SELECT id, data, first_seen, num_mentions, num_sources, num_articles FROM events "
            "WHERE status != 'rejected' AND date IS NOT NULL ORDER BY date, id"
        ):
            data = json.loads(row["data"])
            if GDELT_SKIPPED_FLAGS & set(data["event"]["flags"]):
                continue
            record = gdelt_record(store, row, data)
            values = [_cell(record.get(name)) for name in GDELT_COLUMNS]
            handle.write("\t".join(values) + "\n")
            count += 1
    return count


def gdelt_record(store: Store, row: Any, data: dict[str, Any]) -> dict[str, Any]:
    """One aggregate as GDELT 2.0 fields (only those eventwire knows)."""
    event = data["event"]
    day = date.fromisoformat(event["date"][:10])
    article_id = str(data.get("representative") or "").split(":")[0]
    record: dict[str, Any] = {
        "GLOBALEVENTID": int(row["id"][1:16], 16),
        "SQLDATE": day.strftime("%Y%m%d"),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + min(day.timetuple().tm_yday, 365) / 365:.4f}",
        "IsRootEvent": int(_in_lead(store, article_id, event["evidence"]["start"])),
        "EventCode": event["cameo"],
        "EventBaseCode": event["cameo"][:3],
        "EventRootCode": event["cameo"][:2],
        "QuadClass": event["quad_class"],
        "GoldsteinScale": event["goldstein"],
        "NumMentions": row["num_mentions"],
        "NumSources": row["num_sources"],
        "NumArticles": row["num_articles"],
        "DATEADDED": datetime.fromisoformat(row["first_seen"]).strftime("%Y%m%d%H%M%S"),
    }
    for n, side in ((1, "source"), (2, "target")):
        actors = event[side]
        if actors:
            record.update(_gdelt_actor(store, n, actors[0], article_id))
    place = event.get("place")
    if place and not event.get("place_is_dateline"):
        record.update(_gdelt_place(place))
    urls = store.db.execute(
        "SELECT a.url, coalesce(a.published_at, a.stored_at) AS seen FROM event_mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? AND a.url IS NOT NULL",
        (row["id"],),
    ).fetchall()
    if urls:
        record["SOURCEURL"] = min(urls, key=lambda u: (utc_iso(u["seen"]), u["url"]))["url"]
    return record


def _gdelt_actor(store: Store, n: int, actor: dict[str, Any], article_id: str) -> dict[str, Any]:
    org = None
    if actor.get("actor"):
        found = store.db.execute(
            "SELECT org FROM actors WHERE article_id = ? AND actor_id = ?",
            (article_id, actor["actor"]),
        ).fetchone()
        org = found["org"] if found else None
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    return {
        f"Actor{n}Code": f"{country}{org or ''}{sector}",
        f"Actor{n}Name": (actor.get("name") or "").upper(),
        f"Actor{n}CountryCode": country,
        f"Actor{n}KnownGroupCode": org,
        f"Actor{n}Type1Code": sector,
    }


_GEO_TYPES = {"country": (1, 1), "region": (2, 5), "city": (3, 4)}
"""Place precision -> GDELT geo type (in the United States, elsewhere)."""


def _gdelt_place(place: dict[str, Any]) -> dict[str, Any]:
    from ..knowledge import countries

    names = {c.iso3: c.name for c in countries()}
    us, world = _GEO_TYPES.get(place.get("precision") or "", (None, None))
    country = place.get("country")
    full = place["name"]
    if country in names and names[country] != full:
        full = f"{full}, {names[country]}"
    return {
        "ActionGeo_Type": us if country == "USA" else world,
        "ActionGeo_FullName": full,
        "ActionGeo_Lat": place.get("lat"),
        "ActionGeo_Long": place.get("lon"),
    }


def _in_lead(store: Store, article_id: str, start: int) -> bool:
    """Whether an offset lies in the article's first paragraph (GDELT's IsRootEvent)."""
    row = store.db.execute(
        "SELECT substr(text, 1, 5000) AS head FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return False
    head: str = row["head"]
    body = len(head) - len(head.lstrip())
    end = head.find("\n", body)
    return start < (end if end >= 0 else len(head) + 1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


__all__ = [
    "ARTICLE_COLUMNS",
    "EVENT_FIELDS",
    "GDELT_COLUMNS",
    "MENTION_FIELDS",
    "Article",
    "export",
    "export_articles",
    "export_gdelt",
]
