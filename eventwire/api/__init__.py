"""The HTTP API: ``create_app(store, settings)`` builds the FastAPI app (JSON and dashboard)."""

from __future__ import annotations

from .app import create_app
from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
