"""One exception tree, and the Skip value.

::

    EventwireError
     ├── ReadError       a source cannot be opened or listed at all (missing path, bad URL)
     ├── ExtractError    a document was read but holds no article
     ├── AnnotateError   the NLP stage cannot run (model missing)
     ├── StoreError      the database cannot be opened, migrated or written
     └── ConfigError     a setting is invalid

A document that cannot be read or understood is not an exception: it becomes a :class:`Skip`
with a reason code, recorded in the store's ``skips`` table.  Bugs raise.
"""

from __future__ import annotations

from dataclasses import dataclass


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""


class ReadError(EventwireError):
    pass


class ExtractError(EventwireError):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class AnnotateError(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class ConfigError(EventwireError):
    pass


REASONS: dict[str, str] = {
    "empty": "the document is empty",
    "binary": "the document is binary, not text",
    "too-large": "the document is larger than the size cap (setting max_bytes)",
    "bad-encoding": "the document's bytes cannot be decoded as text",
    "truncated": "the file ends in the middle of a record (truncated gzip or WARC)",
    "bad-json": "a JSONL line is not a JSON object",
    "bad-xml": "the feed is not well-formed XML",
    "bad-record": "a record lacks what an article needs (a text or a URL)",
    "no-body": "no article text was found in the page",
    "unsupported": "the format is not one eventwire reads",
    "fetch-failed": "the URL could not be fetched",
    "robots": "robots.txt disallows fetching the URL",
    "blocked-address": "the URL resolves to a private, loopback or link-local address",
    "not-found": "the path does not exist",
}


@dataclass(frozen=True, slots=True)
class Skip:
    """A document that could not be read: where, why (a code from REASONS), and the details."""

    source: str
    reason: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown skip reason {self.reason!r}; known: {sorted(REASONS)}")

    def message(self) -> str:
        text = f"{self.source}: skipped ({self.reason}): {REASONS[self.reason]}"
        return f"{text}; {self.detail}" if self.detail else text
