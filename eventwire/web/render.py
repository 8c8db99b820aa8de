"""Rendering pages: one Jinja environment (autoescaping everything) and the security headers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .. import __version__
from ..api.deps import settings
from . import TEMPLATES_DIR, highlight

env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals["version"] = __version__
env.globals["names"] = highlight.actor_names


def security_headers(request: Request) -> dict[str, str]:
    """No inline script, nothing from elsewhere but (when configured) map tiles."""
    img = "'self' data:"
    tiles = settings(request).map_tiles
    if tiles:
        parts = urlsplit(tiles)
        img += f" {parts.scheme}://{parts.netloc}"
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; img-src {img}; script-src 'self'; style-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    html = env.get_template(template).render(request=request, **context)
    return HTMLResponse(
        html, status_code=status_code, headers={**security_headers(request), **(headers or {})}
    )


def render_error(
    request: Request, status: int, message: str, *, headers: dict[str, str] | None = None
) -> HTMLResponse:
    return render(
        request, "error.html", status_code=status, headers=headers, status=status, message=message
    )


def marked(text: str, matches: list[list[int]]) -> Markup:
    """Plain text with <mark> around each match, every piece escaped."""
    out: list[str] = []
    at = 0
    for start, end in matches:
        if start < at or end > len(text):
            continue
        out.append(str(escape(text[at:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def safe_link(url: str | None) -> str | None:
    """A URL fit for href: http or https only (never javascript:)."""
    if url and urlsplit(url).scheme in {"http", "https"}:
        return url
    return None
