"""Settings of the HTTP API and dashboard, read from ``EVENTWIRE_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import ConfigError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 500
"""20 items a page unless asked (``limit``): a screenful, and a quick answer; at most 500."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeSettings:
    token: str | None = None
    """Bearer token that allows writes (reviews).  ``None`` (the default) turns writes off."""
    map_tiles: str | None = None
    """Tile URL template (``https://tile.example.org/{z}/{x}/{y}.png``) drawn under the map, or
    ``None`` for none: the map works without tiles, on a graticule."""
    page_size: int = DEFAULT_PAGE_SIZE
    max_page_size: int = MAX_PAGE_SIZE

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < 8:
            raise ConfigError("EVENTWIRE_TOKEN must be at least 8 characters long")
        if self.map_tiles is not None and not all(
            part in self.map_tiles for part in ("{z}", "{x}", "{y}")
        ):
            raise ConfigError(
                "EVENTWIRE_MAP_TILES must be a URL template with {z}, {x} and {y}, "
                f"got {self.map_tiles!r}"
            )
        if not 1 <= self.page_size <= self.max_page_size:
            raise ConfigError(f"page_size must be between 1 and {self.max_page_size}")

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None

    @classmethod
    def from_env(cls) -> ServeSettings:
        """``EVENTWIRE_TOKEN`` and ``EVENTWIRE_MAP_TILES``; empty values count as unset."""
        return cls(
            token=os.environ.get("EVENTWIRE_TOKEN") or None,
            map_tiles=os.environ.get("EVENTWIRE_MAP_TILES") or None,
        )
