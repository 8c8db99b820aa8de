"""Our own small SVG: the dyad timeline chart and the event map, drawn on the server.

Every text that reaches the SVG goes through :func:`markupsafe.escape`.  Each mark carries a
``<title>`` (the browser's tooltip and the screen reader's label); the pages also show the same
numbers as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Period:
    period: str
    counts: tuple[int, int, int, int]
    """Events of quad classes 1, 2, 3 and 4."""
    mean_goldstein: float | None


def timeline(periods: Sequence[Period], *, width: int = 880, height: int = 320) -> Markup:
    """Stacked bars (events a period by quad class) and a line of mean Goldstein (-10..10)."""
    left, right, top, bottom = 44, 44, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([sum(p.counts) for p in periods] + [1])
    step = _nice_step(peak)
    y_max = step * math.ceil(peak / step)
    slot = plot_w / max(len(periods), 1)
    bar = max(min(slot * 0.7, 48.0), 1.0)
    parts: list[str] = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="timeline-title">Events a period by quad class, and mean Goldstein</title>',
    ]
    for tick in range(0, y_max + 1, step):
        y = top + plot_h - plot_h * tick / y_max
        parts.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for g in (-10, 0, 10):
        y = top + plot_h * (10 - g) / 20
        parts.append(
            f'<text class="axis goldstein" x="{left + plot_w + 6}" y="{y + 4:.1f}">{g:+d}</text>'
        )
    label_every = max(1, math.ceil(len(periods) / 12))
    line: list[str] = []
    for i, p in enumerate(periods):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        for quad, count in enumerate(p.counts, start=1):
            if not count:
                continue
            h = plot_h * count / y_max
            y -= h
            parts.append(
                f'<rect class="bar q{quad}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" data-period="{escape(p.period)}" data-quad="{quad}">'
                f"<title>{escape(p.period)}: {count} {QUAD_NAMES[quad]}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text class="axis" x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" '
                f'text-anchor="middle">{escape(p.period)}</text>'
            )
        if p.mean_goldstein is not None:
            gy = top + plot_h * (10 - max(-10.0, min(10.0, p.mean_goldstein))) / 20
            line.append(f"{x + bar / 2:.1f},{gy:.1f}")
            parts.append(
                f'<circle class="goldstein" cx="{x + bar / 2:.1f}" cy="{gy:.1f}" r="3">'
                f"<title>{escape(p.period)}: mean Goldstein {p.mean_goldstein:+.2f}</title>"
                "</circle>"
            )
    if len(line) > 1:
        parts.append(f'<polyline class="goldstein" points="{" ".join(line)}"/>')
    parts.append(_legend(left, height - 18))
    if not periods:
        parts.append(
            f'<text class="empty" x="{width / 2}" y="{height / 2}" text-anchor="middle">'
            "No events between these actors</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(x: int, y: int) -> str:
    parts = []
    for quad, name in QUAD_NAMES.items():
        parts.append(
            f'<rect class="bar q{quad}" x="{x}" y="{y - 9}" width="10" height="10"/>'
            f'<text class="legend" x="{x + 14}" y="{y}">{name}</text>'
        )
        x += 24 + 7 * len(name)
    parts.append(
        f'<line class="goldstein" x1="{x}" x2="{x + 16}" y1="{y - 4}" y2="{y - 4}"/>'
        f'<text class="legend" x="{x + 20}" y="{y}">mean Goldstein (right axis)</text>'
    )
    return "".join(parts)


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if peak / step <= 6:
            return step
    return 10_000


# --- map ---------------------------------------------------------------------------------

WORLD = 1024.0
"""Width of the world in map units: tiles of zoom 2 (4 x 4 tiles of 256)."""
TOP_LAT, BOTTOM_LAT = 80.0, -60.0
"""The map shows the world between these latitudes (where the news happens)."""
TILE_ZOOM = 2


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    label: str
    href: str
    quad_class: int | None


def project(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator (the projection of map tiles) in map units, north up."""
    lat = max(-85.0511, min(85.0511, lat))
    x = (lon + 180.0) / 360.0 * WORLD
    y = 1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi
    return x, y / 2 * WORLD


def world_map(points: Sequence[Point], *, tiles: str | None = None) -> Markup:
    """Points over a graticule, or over map tiles when a URL template is given."""
    _, top = project(TOP_LAT, 0)
    _, bottom = project(BOTTOM_LAT, 0)
    parts = [
        f'<svg class="map" viewBox="0 {top:.0f} {WORLD:.0f} {bottom - top:.0f}" role="img" '
        'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="map-title">Events by place</title>',
        f'<rect class="sea" x="0" y="{top:.0f}" width="{WORLD:.0f}" height="{bottom - top:.0f}"/>',
    ]
    if tiles:
        n = 2**TILE_ZOOM
        size = WORLD / n
        for tx in range(n):
            for ty in range(n):
                url = tiles.replace("{z}", str(TILE_ZOOM)).replace("{x}", str(tx))
                url = url.replace("{y}", str(ty))
                parts.append(
                    f'<image class="tile" href="{escape(url)}" x="{tx * size:.0f}" '
                    f'y="{ty * size:.0f}" width="{size:.0f}" height="{size:.0f}"/>'
                )
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon)
        parts.append(
            f'<line class="graticule" x1="{x:.1f}" x2="{x:.1f}" y1="{top:.0f}" y2="{bottom:.0f}"/>'
        )
    for lat in range(-60, 81, 20):
        _, y = project(lat, 0)
        cls = "graticule equator" if lat == 0 else "graticule"
        parts.append(f'<line class="{cls}" x1="0" x2="{WORLD:.0f}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="4" y="{y - 3:.1f}">{lat}°</text>')
    for point in points:
        x, y = project(point.lat, point.lon)
        quad = f" q{point.quad_class}" if point.quad_class in QUAD_NAMES else ""
        parts.append(
            f'<a href="{escape(point.href)}" class="point-link">'
            f'<circle class="point{quad}" cx="{x:.1f}" cy="{y:.1f}" r="5">'
            f"<title>{escape(point.label)}</title></circle></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
