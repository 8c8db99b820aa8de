"""Dashboard pages, rendered through the ASGI app: content, links, escaping, headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from test_api_support import TOKEN, build_store, call

from eventwire.api import ServeSettings, create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    path = tmp_path_factory.mktemp("web") / "t.db"
    build_store(path)
    return create_app(path, ServeSettings(token=TOKEN))


def page(app: FastAPI, url: str) -> str:
    response = call(app, "GET", url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    return response.text


def event_id(app: FastAPI, article_id: str) -> str:
    value: str = call(app, "GET", f"/articles/{article_id}").json()["events"][0]["event_id"]
    return value


def test_search_page_marks_the_matches(app: FastAPI) -> None:
    html = page(app, "/?q=ceasefire")
    assert 'href="/article/meeting1"' in html
    assert "<mark>ceasefire</mark>" in html
    assert 'value="ceasefire"' in html


def test_search_page_pages(app: FastAPI) -> None:
    html = page(app, "/")
    match = re.search(r'href="(/\?cursor=[^"]+)" rel="next"', html)
    assert match, "a link to the next page"
    assert "/article/" in page(app, match.group(1).replace("&amp;", "&"))


def test_article_page_highlights_actors_quotes_and_evidence(app: FastAPI) -> None:
    html = page(app, "/article/meeting1")
    assert re.search(r'<span class="hl hl-actor[^"]*" data-ann="a0[^"]*"', html)
    assert 'class="hl hl-quote"' in html
    assert "hl-event" in html
    assert 'id="ann-e0" tabindex="0"' in html or 'id="ann-e0" class="anchor"' in html
    assert 'id="ev-ev1"' in html  # the event page links to the evidence by the event's id
    assert 'title="Actor: Vladimir Putin (person)' in html
    assert f'href="/event/{event_id(app, "meeting1")}"' in html
    assert '<script type="application/json" id="codings">' in html


class Tags(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_page_shows_markup_as_text(app: FastAPI) -> None:
    """A page whose every field holds <script> or onerror= shows them as text."""
    for url in ("/article/hostile1", "/?q=hostile", f"/event/{event_id(app, 'hostile1')}",
                "/map", "/dyad/DEU/RUS"):  # fmt: skip
        parser = Tags()
        parser.feed(page(app, url))
        scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
        assert scripts in (
            [{"src": "/static/app.js", "defer": None}],
            [
                {"src": "/static/app.js", "defer": None},
                {"type": "application/json", "id": "codings"},
            ],
        ), url
        assert not [tag for tag, _ in parser.tags if tag in {"img", "b", "i", "iframe"}], url
        handlers = [
            (tag, name) for tag, attrs in parser.tags for name in attrs if name.startswith("on")
        ]
        assert not handlers, url
        hrefs = [attrs.get("href") or "" for _, attrs in parser.tags]
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], url
    html = page(app, "/article/hostile1")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=alert(2)&gt;" in html
    codings = html.split('id="codings">', 1)[1].split("</script>", 1)[0]
    assert "<" not in codings  # the JSON escapes < so it cannot close its script element


def test_event_page_has_coding_review_and_mentions(app: FastAPI) -> None:
    eid = event_id(app, "meeting1")
    html = page(app, f"/event/{eid}")
    assert "Event: CONSULT (CAMEO 043)" in html
    assert 'id="sign-in"' in html and 'data-action="accept"' in html
    assert 'href="/article/meeting1#ev-ev1"' in html
    assert 'href="/dyad/RUS/SYR"' in html
    assert "No human review yet." in html


def test_event_page_shows_the_audit_trail(app: FastAPI) -> None:
    eid = event_id(app, "strike1")
    body = {"reviewer": "ana <b>", "action": "edit", "changes": {"date": "2025-11-04"}}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert call(app, "POST", f"/events/{eid}/review", json=body, headers=headers).is_success
    html = page(app, f"/event/{eid}")
    audit = html.split('id="audit"', 1)[1]
    assert "ana &lt;b&gt;" in audit and "edit" in audit
    assert "2025-11-03 → 2025-11-04" in audit


def test_without_a_token_the_event_page_says_reviews_are_off(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    build_store(tmp_path / "t.db")
    read_only = create_app(tmp_path / "t.db", ServeSettings())
    html = page(read_only, f"/event/{event_id(read_only, 'meeting1')}")
    assert "Reviews are off" in html and 'id="sign-in"' not in html


def test_dyad_page_draws_the_timeline(app: FastAPI) -> None:
    html = page(app, "/dyad/RUS/SYR?interval=week")
    assert '<svg class="chart timeline"' in html
    assert re.search(r'<rect class="bar q1"[^>]*data-period="2025-10-27"', html)
    assert re.search(r'<rect class="bar q4"[^>]*data-period="2025-11-03"', html)
    assert 'id="timeline-table"' in html and 'id="events-table"' in html


def test_map_page_places_events(app: FastAPI) -> None:
    html = page(app, "/map")
    assert '<svg class="map"' in html
    assert len(re.findall(r'<circle class="point', html)) >= 28
    assert "/event/E" in html
    assert "<image" not in html  # no tiles unless configured
    filtered = page(app, "/map?quad_class=4&country=SYR")
    assert "ASSAULT" in filtered


def test_map_tiles_are_configurable(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    build_store(tmp_path / "t.db")
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    tiled = create_app(tmp_path / "t.db", ServeSettings(map_tiles=tiles))
    response = call(tiled, "GET", "/map")
    assert 'href="https://tiles.example.org/2/0/0.png"' in response.text
    assert (
        "img-src 'self' data: https://tiles.example.org"
        in response.headers["content-security-policy"]
    )


def test_static_assets_are_served_from_the_package(app: FastAPI) -> None:
    for name, kind in (("app.js", "javascript"), ("app.css", "text/css")):
        response = call(app, "GET", f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]
    for html in (page(app, "/"), page(app, "/map")):
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            pytest.fail(f"a page loads {url} from elsewhere")
