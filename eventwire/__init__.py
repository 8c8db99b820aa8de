"""eventwire: open, offline, reproducible event data from raw news.

Public API::

    eventwire.read(source)        -> Iterator[RawDoc]   paths, directories, globs, URLs, "-"
    eventwire.extract(html, url)  -> Article            one HTML page
    eventwire.process(raw)        -> Article | Skip     the per-document pipeline (picklable)
    eventwire.Store(path)                               the SQLite store

Names are imported on first use, so ``import eventwire`` stays fast.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

_LAZY = {
    "read": "eventwire.ingest",
    "extract": "eventwire.extract",
    "process": "eventwire.pipeline",
    "Store": "eventwire.store",
    "Settings": "eventwire.settings",
    "RawDoc": "eventwire.records",
    "Article": "eventwire.records",
    "Annotated": "eventwire.records",
    "Skip": "eventwire.errors",
    "EventwireError": "eventwire.errors",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
