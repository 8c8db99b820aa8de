"""One error shape for every error the API and the dashboard answer.

JSON (pinned by ``tests/test_api_errors.py``)::

    {"error": {"status": 422, "code": "bad-parameter",
               "message": "quad_class: Input should be less than or equal to 4 (got '7')",
               "details": [{"in": "query", "name": "quad_class", "message": "..."}]}}

``code`` is one of :data:`CODES`.  Dashboard pages answer the same status with an HTML page that
shows the same message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger("eventwire.api")

CODES: dict[int, str] = {
    400: "bad-parameter",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "bad-parameter",
    500: "internal-error",
}

HTML_PREFIXES = ("/article/", "/event/", "/dyad/", "/map", "/static/")
"""Paths of the dashboard: their errors are pages, not JSON."""


class ApiError(Exception):
    """An error the API answers on purpose: a status, a code and a message that says what to do."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: Sequence[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = list(details)
        self.headers = headers


def bad_parameter(name: str, message: str, *, where: str = "query") -> ApiError:
    """A 400 for one parameter that validated as a type but makes no sense."""
    return ApiError(
        400,
        f"{name}: {message}",
        details=[{"in": where, "name": name, "message": message}],
    )


def not_found(what: str, key: str) -> ApiError:
    return ApiError(404, f"no {what} {key!r}")


def error_body(
    status: int, message: str, *, code: str | None = None, details: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "details": list(details),
        }
    }


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "details"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
}


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path == "/" or path.startswith(HTML_PREFIXES):
        return True
    accept = request.headers.get("accept", "")
    return request.scope.get("route") is None and accept.startswith("text/html")


def respond(
    request: Request,
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: Sequence[dict[str, Any]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_html(request):
        from ..web.render import render_error

        return render_error(request, status, message, headers=headers)
    return JSONResponse(
        error_body(status, message, code=code, details=details), status_code=status, headers=headers
    )


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """One detail a parameter (a union type reports each of its members: the first says it)."""
    details: dict[tuple[str, str], dict[str, Any]] = {}
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else "request"
        if where in {"query", "path", "header", "cookie"}:
            name = loc[1] if len(loc) > 1 else where
        else:
            name = ".".join(loc[1:]) or where
        message = str(error.get("msg", "invalid value"))
        if "input" in error and where in {"query", "path", "header"}:
            message += f" (got {error['input']!r})"
        details.setdefault((where, name), {"in": where, "name": name, "message": message})
    return list(details.values())


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return respond(
        request, exc.status, exc.message, code=exc.code, details=exc.details, headers=exc.headers
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = _validation_details(exc)
    message = "; ".join(f"{d['name']}: {d['message']}" for d in details) or "invalid request"
    return respond(request, 422, message, details=details)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail) if exc.detail else "error"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such page or endpoint: {request.url.path} (the API: /openapi.json)"
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        allowed = _allowed_methods(request)
        message = f"{request.method} is not allowed on {request.url.path}; use {', '.join(allowed)}"
        headers = {**(headers or {}), "Allow": ", ".join(allowed)}
    return respond(request, exc.status_code, message, headers=headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        route_methods = getattr(route, "methods", None)
        if match != Match.NONE and route_methods:
            methods.update(route_methods)
        for method in ("POST", "PATCH", "PUT", "DELETE"):
            if route_methods and method in route_methods:
                match, _ = route.matches({**request.scope, "method": method})
                if match == Match.FULL:
                    methods.add(method)
    return sorted(methods)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return respond(request, 500, "internal error: the server log has the details")


def install(app: FastAPI) -> None:
    """Route every error through :func:`respond`."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
