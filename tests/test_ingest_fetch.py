"""Fetching URLs: redirects, size cap, robots.txt, address checks and content types.

Everything runs offline: httpx.MockTransport answers, or a local http.server on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventwire.errors import Skip
from eventwire.ingest.fetch import read_url
from eventwire.records import RawDoc
from eventwire.settings import Settings

# allow_private skips DNS, so MockTransport tests never touch the network.
OPEN = Settings.load(allow_private=True, respect_robots=False)
PAGE = b"<!doctype html><html><head><title>T</title></head><body><p>Hello.</p></body></html>"
HTML = {"content-type": "text/html; charset=utf-8"}
Handler = Callable[[httpx.Request], httpx.Response]


def _read(url: str, handler: Handler, settings: Settings = OPEN) -> list[RawDoc | Skip]:
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        return list(read_url(url, settings, client=client))


def _one(url: str, handler: Handler, settings: Settings = OPEN) -> RawDoc | Skip:
    items = _read(url, handler, settings)
    assert len(items) == 1, items
    return items[0]


def _skip(item: RawDoc | Skip, reason: str) -> Skip:
    assert isinstance(item, Skip), item
    assert item.reason == reason, item
    return item


def test_html_page() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, headers={"content-type": "text/html; charset=ISO-8859-1"}, content=PAGE
        )

    doc = _one("https://news.example/a", handler)
    assert isinstance(doc, RawDoc)
    assert (doc.source, doc.format, doc.url, doc.encoding, doc.content) == (
        "https://news.example/a",
        "html",
        "https://news.example/a",
        "ISO-8859-1",
        PAGE,
    )
    assert seen[0].headers["user-agent"] == OPEN.user_agent


def test_redirects_are_followed_hop_by_hop() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/middle"})
        if request.url.path == "/middle":
            return httpx.Response(302, headers={"location": "https://www.news.example/new"})
        return httpx.Response(200, headers=HTML, content=PAGE)

    doc = _one("http://news.example/old", handler)
    assert isinstance(doc, RawDoc)
    assert doc.source == "http://news.example/old" and doc.url == "https://www.news.example/new"


def test_too_many_redirects() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"/{n + 1}"})

    skip = _skip(
        _one("https://loop.example/", handler, OPEN.with_(fetch_max_redirects=3)), "fetch-failed"
    )
    assert "more than 3 redirects" in skip.detail


def test_redirect_to_another_scheme_is_refused() -> None:
    skip = _skip(
        _one(
            "https://a.example/",
            lambda r: httpx.Response(302, headers={"location": "file:///etc/passwd"}),
        ),
        "unsupported",
    )
    assert "file:" in skip.detail and "/etc/passwd" in skip.detail


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://192.168.1.1:8080/",
        "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"{request.url} must not be requested")

    skip = _skip(_one(url, handler, OPEN.with_(allow_private=False)), "blocked-address")
    assert "allow_private" in skip.detail


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Host -> address for socket.getaddrinfo; unknown hosts do not resolve."""
    table: dict[str, str] = {}

    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host], port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


def test_every_redirect_hop_is_checked(fake_dns: dict[str, str]) -> None:
    fake_dns.update({"news.example": "93.184.216.34", "internal.example": "10.0.0.5"})
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://internal.example/admin"})

    skip = _skip(
        _one("https://news.example/a", handler, OPEN.with_(allow_private=False)), "blocked-address"
    )
    assert "internal.example resolves to 10.0.0.5, a private address" in skip.detail
    assert requested == ["https://news.example/a"]


def test_public_host_is_fetched_and_unknown_host_fails(fake_dns: dict[str, str]) -> None:
    fake_dns["news.example"] = "93.184.216.34"
    settings = OPEN.with_(allow_private=False)
    ok = lambda r: httpx.Response(200, headers=HTML, content=PAGE)  # noqa: E731
    assert isinstance(_one("https://news.example/", ok, settings), RawDoc)
    skip = _skip(_one("https://nowhere.example/", ok, settings), "fetch-failed")
    assert "cannot resolve nowhere.example" in skip.detail


def test_declared_size_over_the_cap() -> None:
    skip = _skip(
        _one(
            "https://a.example/",
            lambda r: httpx.Response(200, headers=HTML, content=b"x" * 5000),
            OPEN.with_(max_bytes=1000),
        ),
        "too-large",
    )
    assert "1000" in skip.detail


def test_streamed_size_over_the_cap() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=HTML, content=iter([b"<p>" + b"x" * 500] * 10))

    skip = _skip(_one("https://a.example/", handler, OPEN.with_(max_bytes=1000)), "too-large")
    assert skip.source == "https://a.example/"


@pytest.mark.parametrize(
    ("exc", "text"),
    [
        (httpx.ConnectError("connection refused"), "ConnectError: connection refused"),
        (httpx.ReadTimeout("timed out"), "ReadTimeout: timed out"),
    ],
)
def test_transport_errors(exc: Exception, text: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    assert text in _skip(_one("https://a.example/", handler), "fetch-failed").detail


@pytest.mark.parametrize("status", [404, 500, 503])
def test_error_statuses(status: int) -> None:
    skip = _skip(_one("https://a.example/x", lambda r: httpx.Response(status)), "fetch-failed")
    assert skip.detail.startswith(f"HTTP {status}")


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("application/pdf", b"%PDF-1.4", "unsupported"),
        ("image/png", b"\x89PNG", "unsupported"),
        ("text/plain", PAGE, "html"),  # vague type: the bytes decide
        ("", PAGE, "html"),
        ("application/octet-stream", b"\x00\x01", "unsupported"),
        ("text/plain", b"just words", "unsupported"),
        ("text/html", b"   ", "empty"),
    ],
)
def test_content_types(content_type: str, body: bytes, expected: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    item = _one("https://a.example/", lambda r: httpx.Response(200, headers=headers, content=body))
    if expected == "html":
        assert isinstance(item, RawDoc) and item.format == "html"
    else:
        _skip(item, expected)


def test_unsupported_scheme() -> None:
    _skip(_one("ftp://a.example/file", lambda r: httpx.Response(200)), "unsupported")


FEED = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Feed Site</title>
<item><title>Full</title><link>https://news.example/full</link>
  <content:encoded><![CDATA[<p>All of it.</p>]]></content:encoded></item>
<item><title>Teaser</title><link>/teaser</link><description>Read more</description>
  <pubDate>Tue, 28 Oct 2025 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>https://news.example/gone</link></item>
</channel></rss>"""


def test_feed_entries_fetch_pages_only_when_needed() -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(request.url.path)
        if request.url.path == "/rss":
            return httpx.Response(
                200, headers={"content-type": "application/rss+xml"}, content=FEED
            )
        if request.url.path == "/teaser":
            return httpx.Response(200, headers=HTML, content=PAGE)
        return httpx.Response(404)

    full, teaser, gone = _read("https://news.example/rss", handler)
    assert isinstance(full, RawDoc) and full.format == "feed"
    assert full.source == "https://news.example/rss#1" and full.content == b"<p>All of it.</p>"
    assert isinstance(teaser, RawDoc) and teaser.format == "html"
    assert teaser.url == "https://news.example/teaser" and teaser.content == PAGE
    assert teaser.fields["title"] == "Teaser"
    assert teaser.fields["published_at"] == "2025-10-28T10:00:00+00:00"
    assert "text_html" not in teaser.fields
    assert _skip(gone, "fetch-failed").source == "https://news.example/gone"
    assert requested == ["/rss", "/teaser", "/gone"]  # the full entry's page is not fetched


def test_broken_feed_is_bad_xml() -> None:
    item = _one(
        "https://a.example/rss",
        lambda r: httpx.Response(
            200, headers={"content-type": "application/rss+xml"}, content=b"<rss><channel><item>&x"
        ),
    )
    _skip(item, "bad-xml")


ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: eventwire\nDisallow: /no-bots\n"


def _site(robots: httpx.Response) -> tuple[Handler, list[str]]:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(request.url.path)
        if request.url.path == "/robots.txt":
            return robots
        if request.url.path == "/moved":
            return httpx.Response(301, headers={"location": "/no-bots/page"})
        return httpx.Response(200, headers=HTML, content=PAGE)

    return handler, requested


ROBOTS_ON = OPEN.with_(respect_robots=True)


@pytest.mark.parametrize(
    ("path", "allowed"),
    # The "eventwire" group applies, so the "*" group's /private/ rule does not (RFC 9309).
    [("/news/1", True), ("/private/x", True), ("/no-bots", False), ("/moved", False)],
)
def test_robots_txt(path: str, allowed: bool) -> None:
    handler, requested = _site(httpx.Response(200, content=ROBOTS))
    item = _one(f"https://a.example{path}", handler, ROBOTS_ON)
    if allowed:
        assert isinstance(item, RawDoc)
    else:
        assert "robots.txt disallows" in _skip(item, "robots").detail
    assert requested[0] == "/robots.txt"


def test_robots_txt_is_ignored_when_respect_robots_is_off() -> None:
    handler, requested = _site(httpx.Response(200, content=b"User-agent: *\nDisallow: /\n"))
    assert isinstance(_one("https://a.example/x", handler, OPEN), RawDoc)
    assert requested == ["/x"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_unavailable_robots_txt(status: int, allowed: bool) -> None:
    handler, _ = _site(httpx.Response(status))
    item = _one("https://a.example/x", handler, ROBOTS_ON)
    assert isinstance(item, RawDoc) if allowed else _skip(item, "robots")


def test_robots_txt_is_fetched_once_per_host() -> None:
    handler, requested = _site(httpx.Response(200, content=ROBOTS))
    feed = FEED.replace(b"/teaser", b"https://a.example/teaser")

    def with_feed(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/rss":
            requested.append("/rss")
            return httpx.Response(200, headers={"content-type": "text/xml"}, content=feed)
        return handler(request)

    items = _read("https://a.example/rss", with_feed, ROBOTS_ON)
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "RawDoc"]
    assert requested.count("/robots.txt") == 2  # a.example and news.example
    assert requested[0] == "/robots.txt"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on 127.0.0.1 serving tmp_path; yields (base URL, log of paths)."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "page.html").write_bytes(PAGE)
    (tmp_path / "robots.txt").write_bytes(b"User-agent: *\nDisallow: /secret\n")
    log = tmp_path / "requests.log"
    log.touch()

    class Handler(_QuietHandler):
        def do_GET(self) -> None:
            with log.open("a") as out:
                out.write(self.path + "\n")
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_local_server_with_allow_private(local_server: tuple[str, Path]) -> None:
    base, log = local_server
    settings = Settings.load(allow_private=True, respect_robots=True, fetch_timeout_s=5.0)
    [doc] = read_url(f"{base}/page.html", settings)
    assert isinstance(doc, RawDoc) and doc.content == PAGE and doc.url == f"{base}/page.html"
    [secret] = read_url(f"{base}/secret.html", settings)
    _skip(secret, "robots")
    [missing] = read_url(f"{base}/missing.html", settings)
    assert _skip(missing, "fetch-failed").detail.startswith("HTTP 404")
    assert log.read_text().split() == [
        "/robots.txt",
        "/page.html",
        "/robots.txt",
        "/robots.txt",
        "/missing.html",
    ]


def test_local_server_is_refused_without_allow_private(local_server: tuple[str, Path]) -> None:
    base, log = local_server
    [skip] = read_url(f"{base}/page.html", Settings.load(allow_private=False))
    assert (
        "127.0.0.1 resolves to 127.0.0.1, a loopback address"
        in _skip(skip, "blocked-address").detail
    )
    assert log.read_text() == ""
