"""Named, ordered schema migrations; each runs in one transaction and is recorded."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles_skips",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            url TEXT,
            canonical_url TEXT,
            title TEXT,
            site_name TEXT,
            language TEXT,
            published_at TEXT,
            format TEXT,
            source TEXT,
            text TEXT NOT NULL,
            data TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            eventwire_version TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published_at);
        CREATE INDEX articles_site ON articles(site_name);
        CREATE TABLE article_versions (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            data TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            eventwire_version TEXT NOT NULL,
            PRIMARY KEY (id, version)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TABLE skips (
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            times INTEGER NOT NULL DEFAULT 1,
            eventwire_version TEXT NOT NULL,
            PRIMARY KEY (source, reason)
        );
        """,
    ),
    (
        "0002_annotations",
        """
        CREATE TABLE annotations (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            content_hash TEXT NOT NULL,
            annotator TEXT NOT NULL,
            data TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            eventwire_version TEXT NOT NULL
        );
        """,
    ),
]
