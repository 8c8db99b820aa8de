"""Events as export rows: coding, counts, review status and the whole audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..store import Store
from ..store import events as ev

EVENT_COLUMNS = [
    *ev.SUMMARY_COLUMNS,
    "flags",
    "source_actors",
    "target_actors",
    "evidence",
    "representative",
    "reviews",
]
"""Columns of the CSV and Parquet exports.  ``reviews`` holds the audit trail (who, when, action,
before, after) as JSON; lists are joined with ``; `` in CSV.  JSONL lines carry the same fields."""

PAGE = 500


def iter_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every event, rejected ones included, each with its reviews (empty when none)."""
    cursor: str | None = None
    while True:
        items, cursor = ev.query_events(store, status="all", limit=PAGE, cursor=cursor)
        for item in items:
            row = {**item, "reviews": []}
            if item.get("status") != "coded":
                full = ev.get_event(store, item["id"]) or {}
                row["reviews"] = full.get("reviews") or []
            yield row
        if cursor is None:
            return
