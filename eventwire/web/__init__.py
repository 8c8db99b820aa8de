"""The dashboard: server-rendered pages (``templates/``), our own SVG charts and a little
JavaScript (``static/``), all inside the package: nothing loads from a CDN."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
