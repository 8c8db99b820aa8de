"""The HTTP API: ``create_app(store, settings)`` builds the FastAPI app (JSON and dashboard)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from .app import create_app
from .settings import ServeSettings

__all__ = ["SERVE_DB_ENV", "ServeSettings", "app_from_env", "create_app"]

SERVE_DB_ENV = "EVENTWIRE_SERVE_DB"


def app_from_env() -> FastAPI:
    """The app over the store named in ``EVENTWIRE_SERVE_DB``: the factory each worker process
    of ``eventwire serve --workers N`` calls."""
    return create_app(os.environ[SERVE_DB_ENV], ServeSettings.from_env())
