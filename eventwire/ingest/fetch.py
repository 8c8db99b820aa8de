"""Fetch a URL: an HTML page becomes a RawDoc; a feed becomes its entries, pages fetched.

Every hop (the URL and each redirect) is checked before it is requested: http(s) only, no host
that resolves to a private, loopback, link-local, multicast or reserved address (unless the
``allow_private`` setting), and robots.txt (RFC 9309: a missing robots.txt or any 4xx allows,
a 5xx or an unreachable one disallows; one robots.txt a host, cached for the call).  Bodies are
streamed and capped at ``max_bytes``.  ``client`` is the transport seam for tests.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import Skip
from ..records import RawDoc
from ..settings import Settings
from .detect import sniff
from .feeds import read_feed
from .warc import GENERIC_TYPES, HTML_TYPES, parse_content_type

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)
ROBOTS_MAX_BYTES = 512_000
"""RFC 9309 asks crawlers to parse at least the first 500 KiB of a robots.txt."""
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 1 << 16


def read_url(
    url: str, settings: Settings, *, client: httpx.Client | None = None
) -> Iterator[RawDoc | Skip]:
    """The documents at ``url``: one HTML page, or a feed's entries (pages fetched as needed).

    A page's RawDoc is named by the URL asked for (``url`` holds the URL after redirects); a
    feed entry with full content is ``feed-url#n`` (format ``feed``); a fetched entry page is
    named by the entry's link and carries the entry's metadata in ``fields``.
    """
    owned = client is None
    http = client or httpx.Client(timeout=settings.fetch_timeout_s, follow_redirects=False)
    try:
        yield from _Fetcher(http, settings).read(url)
    finally:
        if owned:
            http.close()


@dataclass(frozen=True, slots=True)
class _Page:
    url: str
    media: str
    charset: str | None
    body: bytes


@dataclass(frozen=True, slots=True)
class _Failure:
    skip: Skip
    status: int | None = None


class _Fetcher:
    def __init__(self, client: httpx.Client, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.robots: dict[str, RobotFileParser | str] = {}

    def read(self, url: str) -> Iterator[RawDoc | Skip]:
        got = self.get(url)
        if isinstance(got, _Failure):
            yield got.skip
        elif _kind(got) == "feed":
            yield from self._feed(got)
        else:
            yield _page_doc(url, got)

    def _feed(self, feed: _Page) -> Iterator[RawDoc | Skip]:
        for item in read_feed(feed.body, feed.url, self.settings):
            if isinstance(item, Skip) or item.fields.get("text_html") or not _is_http(item.url):
                yield item
                continue
            assert item.url is not None
            got = self.get(item.url)
            if isinstance(got, _Failure):
                yield got.skip
            else:
                fields = {k: v for k, v in item.fields.items() if k != "text_html"}
                yield _page_doc(item.url, got, fields, feed_entry=True)

    def get(self, url: str, *, robots: bool = True, limit: int | None = None) -> _Page | _Failure:
        """GET ``url``, following at most ``fetch_max_redirects`` redirects, checking each hop."""
        settings = self.settings
        current = url
        for _hop in range(settings.fetch_max_redirects + 1):
            problem = self._check(url, current, robots=robots)
            if problem is not None:
                return _Failure(problem)
            try:
                with self.client.stream(
                    "GET",
                    current,
                    headers={"User-Agent": settings.user_agent},
                    timeout=settings.fetch_timeout_s,
                    follow_redirects=False,
                ) as response:
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECTS and location:
                        current = str(response.url.join(location.strip()))
                        continue
                    if not response.is_success:
                        status = response.status_code
                        detail = f"HTTP {status} {response.reason_phrase} from {current}"
                        return _Failure(Skip(url, "fetch-failed", detail), status)
                    return self._body(url, response, limit)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                detail = f"{type(exc).__name__}: {exc or 'no details'} ({current})"
                return _Failure(Skip(url, "fetch-failed", detail))
        limit_text = f"more than {settings.fetch_max_redirects} redirects"
        return _Failure(Skip(url, "fetch-failed", f"{limit_text} (setting fetch_max_redirects)"))

    def _body(self, url: str, response: httpx.Response, limit: int | None) -> _Page | _Failure:
        """The body, streamed; over ``max_bytes`` is a skip, over ``limit`` is cut there."""
        cap = self.settings.max_bytes
        too_large = Skip(
            url, "too-large", f"{response.url}: body over {cap} bytes (setting max_bytes)"
        )
        declared = response.headers.get("content-length", "")
        if limit is None and declared.isdigit() and int(declared) > cap:
            return _Failure(too_large)
        deadline = time.monotonic() + self.settings.fetch_timeout_s
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes(_CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size >= limit:
                break
            if size > cap:
                return _Failure(too_large)
            if time.monotonic() > deadline:
                detail = f"{response.url}: body took over {self.settings.fetch_timeout_s} s"
                return _Failure(Skip(url, "fetch-failed", detail + " (setting fetch_timeout_s)"))
        media, charset = parse_content_type(response.headers.get("content-type"))
        return _Page(str(response.url), media, charset, b"".join(chunks)[:limit])

    def _check(self, url: str, hop: str, *, robots: bool) -> Skip | None:
        """Why ``hop`` (``url`` or a redirect from it) must not be fetched, or None."""
        try:
            parsed = httpx.URL(hop)
        except httpx.InvalidURL as exc:
            return Skip(url, "fetch-failed", f"invalid URL {hop!r}: {exc}")
        if parsed.scheme not in ("http", "https"):
            return Skip(url, "unsupported", f"only http and https URLs are fetched, not {hop!r}")
        if not parsed.host:
            return Skip(url, "fetch-failed", f"no host in {hop!r}")
        if not self.settings.allow_private:
            port = parsed.port or (443 if parsed.scheme == "https" else 80)
            problem = address_problem(parsed.host, port)
            if problem is not None:
                return Skip(url, problem[0], f"{problem[1]} (setting allow_private)")
        if robots and self.settings.respect_robots:
            return self._robots(url, parsed)
        return None

    def _robots(self, url: str, hop: httpx.URL) -> Skip | None:
        key = f"{hop.scheme}://{hop.netloc.decode('ascii')}"
        if key not in self.robots:
            self.robots[key] = self._load_robots(key)
        rules = self.robots[key]
        if isinstance(rules, str):
            return Skip(url, "robots", rules)
        if rules.can_fetch(self.settings.user_agent, str(hop)):
            return None
        return Skip(
            url,
            "robots",
            f"{key}/robots.txt disallows {hop} for this user agent (setting respect_robots)",
        )

    def _load_robots(self, key: str) -> RobotFileParser | str:
        """The host's rules, or why nothing may be fetched from it."""
        got = self.get(f"{key}/robots.txt", robots=False, limit=ROBOTS_MAX_BYTES)
        rules = RobotFileParser(f"{key}/robots.txt")
        if isinstance(got, _Page):
            rules.parse(got.body.decode("utf-8", errors="replace").splitlines())
        elif got.status is not None and 400 <= got.status < 500:
            rules.parse([])  # "unavailable": everything is allowed
        else:
            return (
                f"{key}/robots.txt is unreachable, so nothing may be fetched (RFC 9309): "
                f"{got.skip.detail}"
            )
        return rules


def address_problem(host: str, port: int) -> tuple[str, str] | None:
    """Why ``host`` must not be fetched, as (skip reason, detail), or None if it is public.

    ``blocked-address`` when any of its addresses is not public, ``fetch-failed`` when it
    does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        return "fetch-failed", f"cannot resolve {host}: {exc}"
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        kind = _address_kind(address)
        if kind:
            return "blocked-address", f"{host} resolves to {address}, a {kind} address"
    return None


def _address_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    checks = (
        ("loopback", address.is_loopback),
        ("private", address.is_private),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("unspecified", address.is_unspecified),
        ("non-public", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _kind(page: _Page) -> str:
    """``html``, ``feed`` or ``other``: the Content-Type decides, the bytes when it is vague."""
    if page.media in HTML_TYPES:
        return "html"
    sniffed = sniff(page.body[:16384], page.url)
    if page.media in FEED_TYPES or page.media in GENERIC_TYPES:
        return sniffed if sniffed in ("feed", "html") else "other"
    return "other"


def _page_doc(
    source: str, page: _Page, fields: dict[str, object] | None = None, *, feed_entry: bool = False
) -> RawDoc | Skip:
    """An HTML page as a RawDoc; anything else as a skip."""
    kind = _kind(page)
    if kind != "html":
        what = "a feed" if kind == "feed" else page.media or "an untyped document"
        where = "the feed entry's page" if feed_entry else "the URL"
        return Skip(source, "unsupported", f"{where} {page.url} is {what}, not an HTML page")
    if not page.body.strip():
        return Skip(source, "empty", f"{page.url} sent no content")
    return RawDoc(
        source=source,
        format="html",
        content=page.body,
        url=page.url,
        encoding=page.charset,
        fields=fields or {},
    )


def _is_http(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("http://", "https://"))
