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
    (
        "0003_events_reviews_clusters",
        """
        CREATE TABLE event_mentions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            event_id TEXT,
            type TEXT,
            cameo TEXT NOT NULL,
            quad_class INTEGER NOT NULL,
            goldstein REAL NOT NULL,
            source_country TEXT,
            target_country TEXT,
            date TEXT,
            place TEXT,
            confidence REAL NOT NULL,
            flags TEXT NOT NULL,
            coder TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX event_mentions_article ON event_mentions(article_id);
        CREATE INDEX event_mentions_event ON event_mentions(event_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            type TEXT,
            mode TEXT,
            cameo TEXT NOT NULL,
            quad_class INTEGER NOT NULL,
            goldstein REAL NOT NULL,
            source_country TEXT,
            source_sector TEXT,
            target_country TEXT,
            target_sector TEXT,
            date TEXT,
            date_precision TEXT,
            place TEXT,
            place_country TEXT,
            lat REAL,
            lon REAL,
            confidence REAL NOT NULL,
            flags TEXT NOT NULL,
            num_mentions INTEGER NOT NULL,
            num_articles INTEGER NOT NULL,
            num_sources INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'coded',
            data TEXT NOT NULL
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_dyad ON events(source_country, target_country);
        CREATE TABLE event_reviews (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL REFERENCES events(id),
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX event_reviews_event ON event_reviews(event_id);
        CREATE TABLE actors (
            article_id TEXT NOT NULL REFERENCES articles(id),
            actor_id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            role TEXT,
            country TEXT,
            sector TEXT,
            org TEXT,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (article_id, actor_id)
        );
        CREATE INDEX actors_name ON actors(name);
        CREATE INDEX actors_country ON actors(country);
        ALTER TABLE articles ADD COLUMN cluster_id TEXT;
        CREATE INDEX articles_cluster ON articles(cluster_id);
        """,
    ),
    (
        "0004_article_signatures",
        """
        CREATE TABLE article_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            signature BLOB NOT NULL,
            shingles INTEGER NOT NULL,
            scheme TEXT NOT NULL
        );
        CREATE INDEX events_type_date ON events(type, date);
        """,
    ),
    (
        "0005_events_date_id",
        """
        CREATE INDEX events_date_id ON events(date, id);
        """,
    ),
]
