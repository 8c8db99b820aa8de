"""Dashboard pages: search and article (event, dyad and map pages: :mod:`.event_pages`)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..api import article_queries as queries
from ..api.articles import ID_PATTERN, article_query, day, search_page
from ..api.deps import reader
from ..api.errors import not_found
from . import highlight
from .event_pages import event_href
from .render import marked, render, safe_link

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def search(
    request: Request,
    q: Annotated[str | None, Query(max_length=500)] = None,
    site: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=20)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> HTMLResponse:
    query = article_query(
        q or None,
        site or None,
        language or None,
        day("since", since or None),
        day("until", until or None),
    )
    items, after = search_page(request, query, 20, cursor)
    for item in items:
        item["snippet_html"] = marked(item["snippet"], item["snippet_matches"])
    next_url = None
    if after:
        params = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
        next_url = "/?" + urlencode({**params, "cursor": after})
    return render(
        request,
        "search.html",
        nav="search",
        query=query,
        items=items,
        next_url=next_url,
        sites=queries.sites(reader(request)),
    )


@router.get("/article/{article_id}", response_class=HTMLResponse)
async def article(
    request: Request, article_id: Annotated[str, Path(pattern=ID_PATTERN)]
) -> HTMLResponse:
    store = reader(request)
    detail = queries.article_detail(store, article_id)
    if detail is None:
        raise not_found("article", article_id)
    marks = highlight.highlights(detail["text"], detail)
    first = highlight.legend(marks)
    codings = {
        key: {"kind": h.kind, "title": h.title, "lines": h.lines} for key, h in first.items()
    }
    actors = [(f"a{i}", a) for i, a in enumerate(detail["actors"]) if f"a{i}" in first]
    quotes = [(f"q{i}", q) for i, q in enumerate(detail["quotes"]) if f"q{i}" in first]
    events = [(f"e{i}", e, event_href(store, e)) for i, e in enumerate(detail["events"])]
    return render(
        request,
        "article.html",
        article=detail,
        safe_url=safe_link(detail.get("url")),
        text_html=highlight.render(detail["text"], marks),
        actors=actors,
        quotes=quotes,
        events=events,
        codings=codings,
    )
