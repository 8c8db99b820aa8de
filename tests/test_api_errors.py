"""One JSON error shape for every error; the dashboard answers the same errors as pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from test_api_support import TOKEN, build_store, call

from eventwire.api import ServeSettings, create_app
from eventwire.errors import ConfigError
from eventwire.store import events as store_events

SHAPE = {"error": {"status", "code", "message", "details"}}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path = tmp_path_factory.mktemp("errors") / "t.db"
    build_store(path)
    return create_app(path, ServeSettings(token=TOKEN))


def check_shape(body: Any, status: int, code: str) -> None:
    assert set(body) == set(SHAPE)
    assert set(body["error"]) == SHAPE["error"]
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)


@pytest.mark.parametrize(
    ("method", "url", "headers", "status", "code"),
    [
        ("GET", "/events?quad_class=9", {}, 422, "bad-parameter"),
        ("GET", "/events?dyad=RUS", {}, 400, "bad-parameter"),
        ("GET", "/articles/nope", {}, 404, "not-found"),
        ("GET", "/no/such/endpoint", {}, 404, "not-found"),
        ("DELETE", "/events", {}, 405, "method-not-allowed"),
        ("GET", "/auth/check", {}, 401, "unauthorized"),
        ("GET", "/export/everything.csv", {}, 422, "bad-parameter"),
        ("GET", "/export/articles.xlsx", {}, 422, "bad-parameter"),
    ],
)
def test_every_error_has_the_one_shape(
    app: FastAPI, method: str, url: str, headers: dict[str, str], status: int, code: str
) -> None:
    response = call(app, method, url, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    check_shape(response.json(), status, code)


def test_the_shape_is_pinned(app: FastAPI) -> None:
    """The exact JSON of a validation error: clients parse it, so it does not change lightly."""
    response = call(app, "GET", "/events?quad_class=9")
    assert response.json() == {
        "error": {
            "status": 422,
            "code": "bad-parameter",
            "message": "quad_class: Input should be less than or equal to 4 (got '9')",
            "details": [
                {
                    "in": "query",
                    "name": "quad_class",
                    "message": "Input should be less than or equal to 4 (got '9')",
                }
            ],
        }
    }


def test_writes_off_is_403_with_its_own_code(tmp_path: Path) -> None:
    build_store(tmp_path / "t.db")
    read_only = create_app(tmp_path / "t.db", ServeSettings())
    response = call(read_only, "GET", "/auth/check", headers={"Authorization": "Bearer x"})
    check_shape(response.json(), 403, "writes-off")
    assert "EVENTWIRE_TOKEN" in response.json()["error"]["message"]


def test_a_bug_is_a_500_in_the_same_shape(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(store_events, "query_events", broken)
    response = call(app, "GET", "/events", raise_app_exceptions=False)
    assert response.status_code == 500
    check_shape(response.json(), 500, "internal-error")
    assert "secret" not in response.text


def test_pages_answer_errors_as_pages(app: FastAPI) -> None:
    response = call(app, "GET", "/article/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no article &#39;nope&#39;" in response.text
    response = call(app, "GET", "/map?quad_class=7")
    assert response.status_code == 422 and "quad_class" in response.text


def test_a_browser_asking_for_a_missing_page_gets_a_page(app: FastAPI) -> None:
    response = call(app, "GET", "/nowhere", headers={"Accept": "text/html"})
    assert response.status_code == 404 and "<h1>Error 404</h1>" in response.text


def test_the_app_needs_a_database_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such database"):
        create_app(tmp_path / "missing.db")
    with pytest.raises(ConfigError, match="memory"):
        create_app(":memory:")


def test_settings_reject_a_short_token_and_a_bad_tile_template() -> None:
    with pytest.raises(ConfigError, match="8 characters"):
        ServeSettings(token="short")
    with pytest.raises(ConfigError, match=r"\{z\}"):
        ServeSettings(map_tiles="https://tiles.example.org/tile.png")
