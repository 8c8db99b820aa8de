"""/events, /events/{id}, /actors, /dyads/{a}/{b}/timeline, and reviews (writes)."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from test_api_support import TOKEN, build_store, call, strike

from eventwire.api import ServeSettings, create_app
from eventwire.store import Store

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path = tmp_path_factory.mktemp("events") / "t.db"
    build_store(path)
    return create_app(path, ServeSettings())


@pytest.fixture
def writable(tmp_path: Path) -> FastAPI:
    """A store of its own, and the token set: writes are on."""
    build_store(tmp_path / "t.db")
    return create_app(tmp_path / "t.db", ServeSettings(token=TOKEN))


def get(app: FastAPI, url: str) -> Any:
    response = call(app, "GET", url)
    assert response.status_code == 200, response.text
    return response.json()


def event_id(app: FastAPI, article_id: str) -> str:
    value: str = get(app, f"/articles/{article_id}")["events"][0]["event_id"]
    return value


def test_lists_events_newest_first(app: FastAPI) -> None:
    page = get(app, "/events")
    assert set(page) == {"items", "next"}
    assert len(page["items"]) == 20 and page["next"]
    dates = [item["date"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)
    item = page["items"][0]
    for field in ("id", "type", "cameo", "quad_class", "goldstein", "source_country", "evidence"):
        assert field in item


def test_pages_cover_every_event_once(app: FastAPI) -> None:
    seen: list[str] = []
    url = "/events?limit=6"
    while url:
        page = get(app, url)
        seen += [item["id"] for item in page["items"]]
        url = f"/events?limit=6&cursor={page['next']}" if page["next"] else ""
    assert len(seen) == len(set(seen)) == 28


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("quad_class=4", lambda e: e["quad_class"] == 4),
        ("country=SYR", lambda e: "SYR" in (e["source_country"], e["target_country"])),
        ("country=syr", lambda e: "SYR" in (e["source_country"], e["target_country"])),
        ("dyad=RUS-SYR", lambda e: (e["source_country"], e["target_country"]) == ("RUS", "SYR")),
        ("type=CONSULT", lambda e: e["type"] == "CONSULT"),
        ("since=2025-10-28&until=2025-11-03", lambda e: "2025-10-28" <= e["date"] <= "2025-11-03"),
        ("place=aleppo", lambda e: e["place"] == "Aleppo"),
        ("min_confidence=0.85", lambda e: e["confidence"] >= 0.85),
        ("flag=reported", lambda e: "reported" in e["flags"]),
    ],
)
def test_filters(app: FastAPI, query: str, check: Any) -> None:
    items = get(app, f"/events?{query}&limit=500")["items"]
    assert items, query
    assert all(check(item) for item in items)


def test_dyad_finds_the_hand_built_pair(app: FastAPI) -> None:
    items = get(app, "/events?dyad=RUS-SYR&limit=500")["items"]
    assert {"CONSULT", "ASSAULT"} <= {item["type"] for item in items}


@pytest.mark.parametrize(
    ("url", "name", "words"),
    [
        ("/events?dyad=RUSSYR", "dyad", "RUS-SYR"),
        ("/events?quad_class=5", "quad_class", "less than or equal to 4"),
        ("/events?min_confidence=2", "min_confidence", "less than or equal to 1"),
        ("/events?since=2025-12-01&until=2025-01-01", "since", "after until"),
        ("/events?country=S%20Y", "country", "pattern"),
        ("/events?status=maybe", "status", "pattern"),
    ],
)
def test_bad_parameters_say_what_was_wrong(app: FastAPI, url: str, name: str, words: str) -> None:
    response = call(app, "GET", url)
    assert response.status_code in (400, 422)
    error = response.json()["error"]
    assert error["message"].startswith(name) and words in error["message"]


def test_bad_cursor_is_400(app: FastAPI) -> None:
    response = call(app, "GET", "/events?cursor=abc")
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["message"]


def test_one_event_with_every_mention_and_its_evidence(app: FastAPI) -> None:
    event = get(app, f"/events/{event_id(app, 'meeting1')}")
    assert event["type"] == "CONSULT" and event["reviews"] == []
    (mention,) = event["mentions"]
    text = get(app, f"/articles/{mention['article_id']}")["text"]
    evidence = mention["evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert call(app, "GET", "/events/Enope").status_code == 404


def test_actors(app: FastAPI) -> None:
    items = get(app, "/actors?q=putin")["items"]
    assert [a["name"] for a in items] == ["Vladimir Putin"]
    assert all(a["country"] == "RUS" for a in get(app, "/actors?country=RUS&limit=500")["items"])
    page = get(app, "/actors?limit=3")
    assert len(page["items"]) == 3 and page["next"]


@pytest.mark.parametrize(
    ("interval", "periods"),
    [("week", ["2025-10-27", "2025-11-03"]), ("day", ["2025-10-28", "2025-11-03"])],
)
def test_dyad_timeline(app: FastAPI, interval: str, periods: list[str]) -> None:
    timeline = get(app, f"/dyads/RUS/SYR/timeline?interval={interval}")
    assert timeline["interval"] == interval
    points = {p["period"]: p for p in timeline["items"]}
    for period in periods:
        assert period in points
    assert points[periods[0]]["counts"]["1"] >= 1  # the meeting: verbal cooperation
    assert points[periods[1]]["counts"]["4"] >= 1  # the strike: material conflict
    for point in timeline["items"]:
        assert sum(point["counts"].values()) == point["events"]
        assert -10 <= point["mean_goldstein"] <= 10


def test_timeline_defaults_to_weeks_and_rejects_other_intervals(app: FastAPI) -> None:
    assert get(app, "/dyads/rus/syr/timeline")["interval"] == "week"
    response = call(app, "GET", "/dyads/RUS/SYR/timeline?interval=year")
    assert response.status_code == 422
    assert "interval" in response.json()["error"]["message"]


# --- writes ----------------------------------------------------------------------------------


def test_writes_are_off_without_a_token(app: FastAPI) -> None:
    eid = event_id(app, "meeting1")
    body = {"reviewer": "ana", "action": "accept"}
    response = call(app, "POST", f"/events/{eid}/review", json=body, headers=AUTH)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "writes-off"
    assert get(app, f"/events/{eid}")["status"] == "coded"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_writes_need_the_token(writable: FastAPI, headers: dict[str, str]) -> None:
    eid = event_id(writable, "meeting1")
    body = {"reviewer": "ana", "action": "accept"}
    response = call(writable, "POST", f"/events/{eid}/review", json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert call(writable, "PATCH", f"/events/{eid}", json={}, headers=headers).status_code in (
        401,
        422,
    )


def test_the_token_is_compared_in_constant_time(
    writable: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert call(writable, "GET", "/auth/check", headers=AUTH).status_code == 200
    assert compared == [(TOKEN.encode(), TOKEN.encode())]


def test_accept_reject_and_edit_keep_an_audit_trail(writable: FastAPI) -> None:
    eid = event_id(writable, "meeting1")
    url = f"/events/{eid}/review"
    accepted = call(writable, "POST", url, json={"reviewer": "ana", "action": "accept"},
                    headers=AUTH)  # fmt: skip
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    changes = {"date": "2025-10-29", "place": {"name": "Sochi", "country": "RUS"}}
    edited = call(writable, "PATCH", f"/events/{eid}", json={"reviewer": "bo", "changes": changes},
                  headers=AUTH)  # fmt: skip
    assert edited.status_code == 200, edited.text
    event = edited.json()
    assert (event["status"], event["date"], event["place"]) == ("edited", "2025-10-29", "Sochi")
    trail = event["reviews"]
    assert [(r["reviewer"], r["action"]) for r in trail] == [("ana", "accept"), ("bo", "edit")]
    assert trail[1]["before"]["date"] == "2025-10-28" and trail[1]["after"]["date"] == "2025-10-29"
    assert all(r["at"] for r in trail)
    rejected = call(writable, "POST", url, json={"reviewer": "cy", "action": "reject"},
                    headers=AUTH)  # fmt: skip
    assert rejected.json()["status"] == "rejected"
    listed = {item["id"] for item in get(writable, "/events?limit=500")["items"]}
    assert eid not in listed
    assert eid in {item["id"] for item in get(writable, "/events?status=rejected")["items"]}


def test_a_later_coding_run_keeps_the_human_decision(writable: FastAPI) -> None:
    eid = event_id(writable, "strike1")
    changes = {"type": "COERCE", "cameo": "172"}
    response = call(writable, "POST", f"/events/{eid}/review", headers=AUTH,
                    json={"reviewer": "ana", "action": "edit", "changes": changes})  # fmt: skip
    assert response.status_code == 200, response.text
    with Store(writable.state.stores.path) as store:  # the annotate stage runs again
        store.put_annotations(strike())
    event = get(writable, f"/events/{eid}")
    assert (event["type"], event["cameo"], event["status"]) == ("COERCE", "172", "edited")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"reviewer": "ana", "action": "edit", "changes": {"colour": "red"}}, "cannot edit"),
        ({"reviewer": "ana", "action": "edit", "changes": {}}, "an edit needs"),
        (
            {"reviewer": "ana", "action": "accept", "changes": {"date": "2025-01-01"}},
            "only an edit",
        ),
        ({"reviewer": "ana", "action": "edit", "changes": {"date": "soon"}}, "ISO date"),
        ({"reviewer": "ana", "action": "approve"}, "action"),
        ({"reviewer": "", "action": "accept"}, "reviewer"),
    ],
)
def test_bad_reviews_say_what_was_wrong(writable: FastAPI, body: Any, words: str) -> None:
    eid = event_id(writable, "meeting1")
    response = call(writable, "POST", f"/events/{eid}/review", json=body, headers=AUTH)
    assert response.status_code in (400, 422), response.text
    assert words in response.json()["error"]["message"]
    assert get(writable, f"/events/{eid}")["reviews"] == []


def test_review_of_an_unknown_event_is_404(writable: FastAPI) -> None:
    body = {"reviewer": "ana", "action": "accept"}
    response = call(writable, "POST", "/events/Enope/review", json=body, headers=AUTH)
    assert response.status_code == 404
