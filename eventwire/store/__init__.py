"""The store: SQLite by default (``sqlite.py``); exports in ``export.py``."""

from .sqlite import PutResult, Store

__all__ = ["PutResult", "Store"]
