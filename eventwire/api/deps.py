"""What the routers share: the store connections, cursors, paging and the write guard."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..store import Store
from .errors import ApiError, bad_parameter
from .settings import ServeSettings


class Stores:
    """One read-only and (for writes) one read-write connection per thread.

    SQLite connections belong to the thread that opened them; the server answers on one event
    loop thread, but test clients and thread pools may call from others, so each thread gets its
    own.  Reads and writes use different connections: a reader never holds a write lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[tuple[int, Store]] = []

    def reader(self) -> Store:
        store: Store | None = getattr(self._local, "reader", None)
        if store is None:
            store = self._local.reader = self._open(readonly=True)
        return store

    def writer(self) -> Store:
        store: Store | None = getattr(self._local, "writer", None)
        if store is None:
            store = self._local.writer = self._open(readonly=False)
        return store

    def _open(self, *, readonly: bool) -> Store:
        store = Store(self.path, readonly=readonly)
        with self._lock:
            self._opened.append((threading.get_ident(), store))
        return store

    def close(self) -> None:
        """Close the connections this thread opened (others close with their thread)."""
        me = threading.get_ident()
        with self._lock:
            mine = [store for owner, store in self._opened if owner == me]
            self._opened = [(owner, s) for owner, s in self._opened if owner != me]
        for store in mine:
            store.close()
        self._local.__dict__.clear()


def stores(request: Request) -> Stores:
    value: Stores = request.app.state.stores
    return value


def reader(request: Request) -> Store:
    return stores(request).reader()


def settings(request: Request) -> ServeSettings:
    value: ServeSettings = request.app.state.settings
    return value


# --- cursors ---------------------------------------------------------------------------------


def encode_cursor(value: dict[str, Any]) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    """The value :func:`encode_cursor` made, or a 400 that says the cursor is not one of ours."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, dict):
        raise bad_parameter("cursor", "not a cursor this API gave out (pass the last page's next)")
    return value


LimitQuery = Annotated[
    int | None,
    Query(ge=1, le=500, description="Items a page (default 20, at most 500)."),
]
CursorQuery = Annotated[
    str | None,
    Query(max_length=2000, description="The `next` of the previous page."),
]


def page_size(request: Request, limit: int | None) -> int:
    return limit if limit is not None else settings(request).page_size


# --- writes ----------------------------------------------------------------------------------

bearer = HTTPBearer(
    auto_error=False,
    description="The token set in EVENTWIRE_TOKEN on the server; without it writes are off.",
)


async def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Allow a write only with the server's token, compared in constant time."""
    token = settings(request).token
    if token is None:
        raise ApiError(
            403,
            "writes are off: the server was started without EVENTWIRE_TOKEN",
            code="writes-off",
        )
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise ApiError(401, "send the token as 'Authorization: Bearer TOKEN'", headers=challenge)
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise ApiError(401, "wrong token", headers=challenge)
