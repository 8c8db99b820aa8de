"""Extraction: a document's bytes to an :class:`~eventwire.records.Article`."""

from __future__ import annotations

import sys
import types

from ..records import Article
from .html import extract_html, warm_up

__all__ = ["extract", "extract_html", "warm_up"]


def extract(html: str | bytes, url: str | None = None) -> Article:
    """The article in an HTML page (text and metadata); raises ``ExtractError`` when there is
    none."""
    return extract_html(html, url=url)


class _CallablePackage(types.ModuleType):
    """``eventwire.extract`` is both this package and the public function: once the package is
    imported, Python binds the name ``eventwire.extract`` to it, so the package calls
    :func:`extract`."""

    def __call__(self, html: str | bytes, url: str | None = None) -> Article:
        return extract(html, url)


sys.modules[__name__].__class__ = _CallablePackage
