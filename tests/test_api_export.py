"""/export/{what}.{format}: articles and events (with their audit trail), streamed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from test_api_support import FILLER, TOKEN, build_store, call

from eventwire.api import ServeSettings, create_app
from eventwire.api.export import Format, encode

ARTICLES = FILLER + 3


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path = tmp_path_factory.mktemp("export") / "t.db"
    build_store(path)
    app = create_app(path, ServeSettings(token=TOKEN))
    eid = call(app, "GET", "/articles/meeting1").json()["events"][0]["event_id"]
    review = {"reviewer": "ana", "action": "edit", "changes": {"date": "2025-10-29"}}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert call(app, "POST", f"/events/{eid}/review", json=review, headers=headers).is_success
    reject = {"reviewer": "bo", "action": "reject"}
    sid = call(app, "GET", "/articles/strike1").json()["events"][0]["event_id"]
    assert call(app, "POST", f"/events/{sid}/review", json=reject, headers=headers).is_success
    return app


@pytest.mark.parametrize("what", ["articles", "events"])
def test_jsonl(app: FastAPI, what: str) -> None:
    response = call(app, "GET", f"/export/{what}.jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert f'filename="{what}.jsonl"' in response.headers["content-disposition"]
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert len(rows) == (ARTICLES if what == "articles" else 28)


def test_events_carry_their_audit_trail_and_rejected_ones_too(app: FastAPI) -> None:
    rows = [json.loads(line) for line in call(app, "GET", "/export/events.jsonl").text.splitlines()]
    by_status = {row["status"]: row for row in rows if row["status"] != "coded"}
    assert set(by_status) == {"edited", "rejected"}
    (review,) = by_status["edited"]["reviews"]
    assert review["reviewer"] == "ana" and review["before"]["date"] == "2025-10-28"
    assert review["after"]["date"] == "2025-10-29" and review["at"]
    assert all(row["reviews"] == [] for row in rows if row["status"] == "coded")


def test_csv(app: FastAPI) -> None:
    response = call(app, "GET", "/export/events.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 28
    edited = next(row for row in rows if row["status"] == "edited")
    assert json.loads(edited["reviews"])[0]["reviewer"] == "ana"
    articles = list(csv.DictReader(io.StringIO(call(app, "GET", "/export/articles.csv").text)))
    assert len(articles) == ARTICLES
    assert next(a for a in articles if a["id"] == "hostile1")["title"].startswith(
        "Hostile <script>"
    )


@pytest.mark.parametrize("what", ["articles", "events"])
def test_parquet(app: FastAPI, what: str, tmp_path: Path) -> None:
    response = call(app, "GET", f"/export/{what}.parquet")
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows == (ARTICLES if what == "articles" else 28)
    if what == "events":
        assert str(table.schema.field("quad_class").type) == "int64"
        assert str(table.schema.field("goldstein").type) == "double"


@pytest.mark.parametrize("fmt", list(Format))
def test_an_export_streams_in_batches(fmt: Format) -> None:
    rows = [{"id": str(i), "title": f"t{i}", "tags": ["a", "b"]} for i in range(1234)]
    chunks = list(encode(iter(rows), ["id", "title", "tags"], fmt))
    assert len(chunks) >= 3  # 500 rows a batch
    data = b"".join(chunks)
    if fmt is Format.parquet:
        assert pq.read_table(io.BytesIO(data)).num_rows == 1234
    elif fmt is Format.csv:
        assert len(list(csv.DictReader(io.StringIO(data.decode())))) == 1234
    else:
        assert len(data.decode().splitlines()) == 1234
