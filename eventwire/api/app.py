"""The app factory: one FastAPI app serves the JSON API and the dashboard pages."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import ConfigError
from ..store import Store
from ..store.migrations import MIGRATIONS
from . import errors
from .deps import Stores
from .settings import ServeSettings

DESCRIPTION = """\
Read-only JSON over an eventwire store: articles (full-text search), coded events, actors,
dyad timelines and exports.  Lists answer `{"items": [...], "next": CURSOR}`: pass `next` back
as `cursor` for the next page.  Every error answers `{"error": {"status", "code", "message",
"details"}}`.  Writes (event reviews) need `Authorization: Bearer TOKEN`, the token set in
`EVENTWIRE_TOKEN` on the server; without one set, writes are off.
"""


def create_app(store: str | Path | Store, settings: ServeSettings | None = None) -> FastAPI:
    """The API and dashboard over the store at ``store`` (a path, or an open file-backed Store).

    The app opens its own connections (one a thread), so a Store passed in only says where the
    database is.  Settings default to :meth:`ServeSettings.from_env`.
    """
    path = store.path if isinstance(store, Store) else Path(store)
    if str(path) == ":memory:":
        raise ConfigError("the API needs a database file, not :memory:")
    prepare(path)
    stores = Stores(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # the Swagger and ReDoc pages load their code from a CDN: none here
        redoc_url=None,
        lifespan=lifespan,
        responses={
            400: {"description": "A bad parameter", "content": _error_content()},
            404: {"description": "Nothing with this id", "content": _error_content()},
            422: {"description": "A bad parameter", "content": _error_content()},
        },
    )
    app.state.stores = stores
    app.state.settings = settings or ServeSettings.from_env()
    errors.install(app)

    from ..web import STATIC_DIR, event_pages, pages
    from . import actors, articles, events, export

    app.include_router(articles.router)
    app.include_router(events.router)
    app.include_router(actors.router)
    app.include_router(export.router)
    app.include_router(pages.router)
    app.include_router(event_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _error_content() -> dict[str, object]:
    return {"application/json": {"schema": errors.ERROR_SCHEMA}}


def prepare(path: Path) -> None:
    """Check the store exists and carries every migration (applying missing ones)."""
    if not path.exists():
        raise ConfigError(
            f"{path}: no such database (eventwire ingest FILES --db {path} makes one)"
        )
    try:
        with Store(path, readonly=True) as store:
            done = set(store.migrations())
    except sqlite3.OperationalError:  # not even the migrations table yet
        done = set()
    if any(name not in done for name, _ in MIGRATIONS):
        Store(path).close()  # opening read-write migrates
