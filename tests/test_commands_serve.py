"""``eventwire serve --workers N``: each worker builds the app from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_api_support import call

from eventwire.api import SERVE_DB_ENV, app_from_env
from eventwire.store import Store


def test_worker_factory_serves_the_named_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.db"
    Store(db).close()
    monkeypatch.setenv(SERVE_DB_ENV, str(db))
    answer = call(app_from_env(), "GET", "/articles")
    assert answer.status_code == 200
    assert answer.json()["items"] == []


def test_worker_factory_needs_the_store_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SERVE_DB_ENV, raising=False)
    with pytest.raises(KeyError):
        app_from_env()
