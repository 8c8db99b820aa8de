"""SQLite store: WAL, named migrations, FTS5 over title and text, versions kept.

Articles are keyed by their stable id, so storing the same article twice changes nothing; a
changed article (a new content hash under the same id) becomes a new version, and every earlier
version stays in ``article_versions``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from .. import __version__
from ..errors import Skip, StoreError
from ..records import Annotated, Article
from .migrations import MIGRATIONS


class PutResult(StrEnum):
    STORED = "stored"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An eventwire database.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database (run eventwire ingest first)")
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                self.db = sqlite3.connect(self.path)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.db.commit()
        else:
            self.db.rollback()
        self.close()

    def close(self) -> None:
        self.db.close()

    def commit(self) -> None:
        self.db.commit()

    # --- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.db.execute("SELECT name FROM schema_migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            try:
                self.db.execute("BEGIN")
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)", (name, _now())
                )
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self.db.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed: {exc}") from exc

    def migrations(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM schema_migrations ORDER BY 1")]

    # --- writing --------------------------------------------------------------------------

    def put_article(self, article: Article) -> PutResult:
        """Store an article: new, a new version of a changed one, or nothing when unchanged."""
        digest = article.content_hash()
        row = self.db.execute(
            "SELECT version, content_hash FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        if row is not None and row["content_hash"] == digest:
            return PutResult.UNCHANGED
        version = 1 if row is None else row["version"] + 1
        data = json.dumps(_article_row(article), ensure_ascii=False)
        now = _now()
        values = (
            article.id,
            version,
            digest,
            article.url,
            article.canonical_url,
            article.title,
            article.site_name,
            article.language,
            article.published_at.isoformat() if article.published_at else None,
            article.format,
            article.source,
            article.text,
            data,
            now,
            __version__,
        )
        if row is None:
            self.db.execute(
                "INSERT INTO articles (id, version, content_hash, url, canonical_url, title, "
                "site_name, language, published_at, format, source, text, data, stored_at, "
                "eventwire_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        else:
            self.db.execute(
                "UPDATE articles SET version=?, content_hash=?, url=?, canonical_url=?, title=?, "
                "site_name=?, language=?, published_at=?, format=?, source=?, text=?, data=?, "
                "stored_at=?, eventwire_version=? WHERE id=?",
                (*values[1:], article.id),
            )
        self.db.execute(
            "INSERT INTO article_versions (id, version, content_hash, data, stored_at, "
            "eventwire_version) VALUES (?, ?, ?, ?, ?, ?)",
            (article.id, version, digest, data, now, __version__),
        )
        return PutResult.STORED if row is None else PutResult.UPDATED

    def put_skip(self, skip: Skip) -> None:
        now = _now()
        self.db.execute(
            "INSERT INTO skips (source, reason, detail, first_seen, last_seen, times, "
            "eventwire_version) VALUES (?, ?, ?, ?, ?, 1, ?) "
            "ON CONFLICT(source, reason) DO UPDATE SET detail=excluded.detail, "
            "last_seen=excluded.last_seen, times=times+1",
            (skip.source, skip.reason, skip.detail, now, now, __version__),
        )

    def put_annotations(self, annotated: Annotated) -> None:
        """Store an article's annotations, its event mentions (linked to aggregated events, see
        :mod:`eventwire.store.events`) and its actors; the article is stored first."""
        article = annotated.article
        self.db.execute(
            "INSERT INTO annotations (article_id, content_hash, annotator, data, stored_at, "
            "eventwire_version) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
            "content_hash=excluded.content_hash, annotator=excluded.annotator, "
            "data=excluded.data, stored_at=excluded.stored_at, "
            "eventwire_version=excluded.eventwire_version",
            (
                article.id,
                article.content_hash(),
                annotated.annotator,
                json.dumps(annotated.annotations_dict(), ensure_ascii=False),
                _now(),
                __version__,
            ),
        )
        from .events import index_events

        index_events(self, annotated)

    # --- reading --------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row["data"]) if row else None

    def get_annotations(self, article_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT data, annotator FROM annotations WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row["data"])
        data["annotator"] = row["annotator"]
        return data

    def has_annotations(self, article: Article) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM annotations WHERE article_id = ? AND content_hash = ?",
            (article.id, article.content_hash()),
        ).fetchone()
        return row is not None

    def versions(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT version, content_hash, stored_at FROM article_versions WHERE id = ? "
            "ORDER BY version",
            (article_id,),
        )
        return [dict(row) for row in rows]

    def iter_articles(self) -> Iterator[Article]:
        """Every article, newest publication first (undated last), streamed."""
        cursor = self.db.execute(
            "SELECT data FROM articles ORDER BY published_at IS NULL, published_at DESC, id"
        )
        for row in cursor:
            yield _article(row["data"])

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, *, limit: int = 20) -> list[tuple[Article, str]]:
        """Full-text search over titles and texts (FTS5 query syntax), best first, with snippets."""
        try:
            rows = self.db.execute(
                "SELECT a.data, snippet(articles_fts, 1, '[', ']', '…', 16) AS snip "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            # not valid FTS5 syntax: search its plain words (all of them) instead
            plain = re.findall(r"\w+", query)
            words = " ".join(f'"{w}"' for w in plain if w not in {"AND", "OR", "NOT", "NEAR"})
            if not words:
                return []
            rows = self.db.execute(
                "SELECT a.data, snippet(articles_fts, 1, '[', ']', '…', 16) AS snip "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
                (words, limit),
            ).fetchall()
        return [(_article(row["data"]), row["snip"]) for row in rows]

    def iter_skips(self) -> Iterator[dict[str, Any]]:
        for row in self.db.execute("SELECT * FROM skips ORDER BY last_seen DESC, source"):
            yield dict(row)


def _article_row(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    data["source"] = article.source
    data["format"] = article.format
    if article.dateline:
        data["dateline"]["start"] = article.dateline.start
        data["dateline"]["end"] = article.dateline.end
    return data


def _article(data: str) -> Article:
    return Article.from_dict(json.loads(data))


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    buffer = ""
    for line in sql.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement:
                yield statement
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
