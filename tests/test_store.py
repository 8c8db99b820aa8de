"""The SQLite store: idempotent puts, versions, skips, search, migrations, round trips."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import Skip, StoreError
from eventwire.records import Article, Dateline, Video, article_id
from eventwire.store import PutResult, Store


def make_article(
    text: str = "Leaders met in Oslo on Monday.", url: str = "https://x.org/1"
) -> Article:
    return Article(
        id=article_id(url, text),
        text=text,
        url=url,
        canonical_url=url,
        title="Leaders meet",
        authors=("Ana Ruiz",),
        published_at=datetime(2024, 1, 2, 3, 4, tzinfo=UTC),
        tags=("oslo",),
        video=Video(name="clip", duration_s=5, thumbnail_url=None),
        dateline=Dateline(place="OSLO", agency=None, start=0, end=4),
    )


def test_same_article_twice_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        article = make_article()
        assert store.put_article(article) is PutResult.STORED
        assert store.put_article(article) is PutResult.UNCHANGED
        assert store.count_articles() == 1
        assert len(store.versions(article.id)) == 1


def test_changed_page_is_a_new_version_and_the_old_is_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        first = make_article()
        second = replace(first, text=first.text + "\nTalks continue on Tuesday.")
        assert first.id == second.id  # same canonical URL
        store.put_article(first)
        assert store.put_article(second) is PutResult.UPDATED
        versions = store.versions(first.id)
        assert [v["version"] for v in versions] == [1, 2]
        assert versions[0]["content_hash"] == first.content_hash()
        stored = store.get_article(first.id)
        assert stored is not None and stored.text.endswith("Tuesday.")
        assert store.count_articles() == 1


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        article = make_article()
        store.put_article(article)
        back = store.get_article(article.id)
    assert back is not None
    assert back.to_dict() == article.to_dict()


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=300), title=st.none() | st.text(max_size=80))
def test_any_text_survives_the_store(
    tmp_path_factory: pytest.TempPathFactory, text: str, title: str | None
) -> None:
    path = tmp_path_factory.mktemp("db") / "p.db"
    article = replace(make_article(), text=text, title=title, id=article_id(None, text))
    with Store(path) as store:
        store.put_article(article)
        back = store.get_article(article.id)
    assert back is not None and back.text == text and back.title == title


def test_skips_are_recorded_once_per_source_and_reason(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.put_skip(Skip("a.html", "empty", "no content"))
        store.put_skip(Skip("a.html", "empty", "no content"))
        store.put_skip(Skip("b.jsonl#3", "bad-json", "line 3: Expecting value"))
        rows = list(store.iter_skips())
    assert sorted((r["source"], r["reason"], r["times"]) for r in rows) == [
        ("a.html", "empty", 2),
        ("b.jsonl#3", "bad-json", 1),
    ]


def test_unknown_skip_reason_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown skip reason"):
        Skip("x", "whatever")


def test_full_text_search_and_bad_query_syntax(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.put_article(make_article())
        store.put_article(make_article("Protesters gathered in Nairobi.", "https://x.org/2"))
        hits = store.search("Nairobi")
        assert [a.url for a, _ in hits] == ["https://x.org/2"]
        assert "[Nairobi]" in hits[0][1]
        assert [a.url for a, _ in store.search('Oslo AND "')] == ["https://x.org/1"]


def test_migrations_are_recorded_and_rerun_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        names = store.migrations()
    with Store(path) as store:
        assert store.migrations() == names
    assert names[0].startswith("0001")
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_readonly_store_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)
