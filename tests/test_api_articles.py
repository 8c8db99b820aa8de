"""/articles: listing, filters, full-text search with snippets, paging; /articles/{id}."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from test_api_support import FILLER, build_store, call

from eventwire.api import ServeSettings, create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path = tmp_path_factory.mktemp("articles") / "t.db"
    build_store(path)
    return create_app(path, ServeSettings())


def get(app: FastAPI, url: str) -> Any:
    response = call(app, "GET", url)
    assert response.status_code == 200, response.text
    return response.json()


ITEM_FIELDS = {"id", "url", "title", "site_name", "published_at", "description", "snippet"}


def test_lists_newest_first_with_the_documented_fields(app: FastAPI) -> None:
    page = get(app, "/articles")
    assert set(page) == {"items", "next"}
    assert len(page["items"]) == 20 and page["next"]
    for item in page["items"]:
        assert set(item) >= ITEM_FIELDS
    dates = [item["published_at"] for item in page["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("limit", [1, 7, 500])
def test_pages_cover_every_article_once(app: FastAPI, limit: int) -> None:
    seen: list[str] = []
    url = f"/articles?limit={limit}"
    while True:
        page = get(app, url)
        seen += [item["id"] for item in page["items"]]
        if page["next"] is None:
            break
        url = f"/articles?limit={limit}&cursor={page['next']}"
    assert len(seen) == len(set(seen)) == FILLER + 3


def test_search_answers_best_matches_with_a_snippet(app: FastAPI) -> None:
    page = get(app, "/articles?q=ceasefire")
    ids = [item["id"] for item in page["items"]]
    assert {"meeting1", "strike1"} <= set(ids)
    for item in page["items"]:
        assert item["snippet_matches"], item
        for start, end in item["snippet_matches"]:
            assert item["snippet"][start:end].lower() == "ceasefire"


def test_search_pages_by_rank(app: FastAPI) -> None:
    first = get(app, "/articles?q=officials&limit=5")
    assert len(first["items"]) == 5 and first["next"]
    second = get(app, f"/articles?q=officials&limit=5&cursor={first['next']}")
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("site=Wire%20Example", {"strike1"}),
        ("since=2025-10-28&until=2025-10-28", {"meeting1"}),
        ("q=ceasefire&site=Example%20News", {"meeting1"}),
        ("q=ceasefire&until=2025-10-31", {"meeting1"}),
    ],
)
def test_filters(app: FastAPI, query: str, expected: set[str]) -> None:
    ids = {item["id"] for item in get(app, f"/articles?{query}&limit=500")["items"]}
    assert expected <= ids
    if "site=Wire%20Example" in query or "Example%20News" in query:
        site = query.split("site=")[1].split("&")[0].replace("%20", " ")
        items = get(app, f"/articles?{query}&limit=500")["items"]
        assert {item["site_name"] for item in items} == {site}


def test_language_filter(app: FastAPI) -> None:
    assert len(get(app, "/articles?language=en&limit=500")["items"]) == FILLER + 3
    assert get(app, "/articles?language=fr")["items"] == []


def test_text_that_is_not_fts_syntax_searches_its_words(app: FastAPI) -> None:
    ids = {item["id"] for item in get(app, '/articles?q="ceasefire AND (')["items"]}
    assert "meeting1" in ids


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/articles?q=AND", "q"),
        ("/articles?cursor=not-a-cursor", "cursor"),
        ("/articles?since=2025-11-01&until=2025-10-01", "since"),
        ("/articles?since=yesterday", "since"),
        ("/articles?limit=0", "limit"),
        ("/articles?limit=501", "limit"),
    ],
)
def test_bad_parameters_say_which(app: FastAPI, url: str, name: str) -> None:
    response = call(app, "GET", url)
    assert response.status_code in (400, 422)
    error = response.json()["error"]
    assert error["message"].startswith(name)
    assert error["details"][0]["name"] == name


def test_one_article_with_its_annotations_and_offsets(app: FastAPI) -> None:
    article = get(app, "/articles/meeting1")
    text = article["text"]
    assert article["title"] == "Putin meets Assad in Moscow"
    assert [a["name"] for a in article["actors"]] == ["Vladimir Putin", "Bashar al-Assad"]
    for actor in article["actors"]:
        for mention in actor["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    quote = article["quotes"][0]
    assert text[quote["start"] : quote["end"]] == quote["text"]
    event = article["events"][0]
    assert event["cameo"] == "043"
    evidence = event["evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert event["event_id"].startswith("E")
    assert get(app, f"/events/{event['event_id']}")["id"] == event["event_id"]


def test_unknown_article_is_404(app: FastAPI) -> None:
    response = call(app, "GET", "/articles/nope")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "no article 'nope'"


def test_the_store_is_opened_read_only(app: FastAPI, tmp_path: Path) -> None:
    store = app.state.stores.reader()
    with pytest.raises(Exception, match="readonly"):
        store.db.execute("DELETE FROM articles")
