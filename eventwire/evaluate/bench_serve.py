"""``eventwire bench serve``: requests per second, errors and latency of the HTTP API.

The store: ``--db FILE`` when it already holds the articles, else one built in a temporary
folder, of ``--articles`` (10,000) distinct wire stories *synthesised* with
:func:`synthesise` — each with actors, a quote and a coded event at one of 24 capitals, dated
over 2025, with filler drawn from a 400-word vocabulary so that searches match different sets.
A corpus path (``eventwire bench serve CORPUS``: anything ``eventwire ingest`` reads, such as
Reuters-21578) is read through eventwire's readers instead: its first distinct articles, then
synthesised ones to reach the count.

The server: ``python -m eventwire serve`` in a subprocess on 127.0.0.1 (a free port), ended when
the bench ends.  The load: one asyncio httpx client with ``--concurrency`` requests in flight,
one endpoint at a time (``/events`` with rotating filters, ``/articles?q=`` with rotating words),
each bounded by ``--requests`` and ``--seconds``, after a warm-up.  The figures include the load
generator, which shares the machine's cores with the server.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from ..records import (
    Actor,
    Annotated,
    Article,
    Event,
    EventActor,
    Mention,
    Place,
    Quote,
    Speaker,
    article_id,
)
from .memory import descendants

# capital, ISO3, demonym, latitude, longitude (synthetic stories need only a few)
CAPITALS = [
    ("Moscow", "RUS", "Russian", 55.756, 37.617),
    ("Damascus", "SYR", "Syrian", 33.513, 36.292),
    ("Washington", "USA", "American", 38.895, -77.036),
    ("Beijing", "CHN", "Chinese", 39.904, 116.407),
    ("Kyiv", "UKR", "Ukrainian", 50.450, 30.523),
    ("Ankara", "TUR", "Turkish", 39.933, 32.860),
    ("Tehran", "IRN", "Iranian", 35.689, 51.389),
    ("Jerusalem", "ISR", "Israeli", 31.769, 35.216),
    ("Cairo", "EGY", "Egyptian", 30.044, 31.236),
    ("Riyadh", "SAU", "Saudi", 24.713, 46.675),
    ("Paris", "FRA", "French", 48.857, 2.352),
    ("Berlin", "DEU", "German", 52.520, 13.405),
    ("London", "GBR", "British", 51.507, -0.128),
    ("New Delhi", "IND", "Indian", 28.614, 77.209),
    ("Islamabad", "PAK", "Pakistani", 33.684, 73.048),
    ("Tokyo", "JPN", "Japanese", 35.676, 139.650),
    ("Seoul", "KOR", "South Korean", 37.566, 126.978),
    ("Brasilia", "BRA", "Brazilian", -15.794, -47.882),
    ("Abuja", "NGA", "Nigerian", 9.076, 7.398),
    ("Nairobi", "KEN", "Kenyan", -1.292, 36.822),
    ("Addis Ababa", "ETH", "Ethiopian", 9.030, 38.740),
    ("Caracas", "VEN", "Venezuelan", 10.480, -66.904),
    ("Baghdad", "IRQ", "Iraqi", 33.315, 44.366),
    ("Kabul", "AFG", "Afghan", 34.555, 69.207),
]
COUNTRY_NAMES = {
    "RUS": "Russia", "SYR": "Syria", "USA": "the United States", "CHN": "China",
    "UKR": "Ukraine", "TUR": "Turkey", "IRN": "Iran", "ISR": "Israel", "EGY": "Egypt",
    "SAU": "Saudi Arabia", "FRA": "France", "DEU": "Germany", "GBR": "Britain", "IND": "India",
    "PAK": "Pakistan", "JPN": "Japan", "KOR": "South Korea", "BRA": "Brazil", "NGA": "Nigeria",
    "KEN": "Kenya", "ETH": "Ethiopia", "VEN": "Venezuela", "IRQ": "Iraq", "AFG": "Afghanistan",
}  # fmt: skip
# CAMEO code, what the source did (past tense, the target follows)
ACTIONS = [
    ("040", "held talks with"), ("043", "hosted"), ("042", "visited"), ("036", "offered to meet"),
    ("051", "praised"), ("057", "signed a treaty with"), ("061", "expanded trade with"),
    ("070", "sent aid to"), ("111", "criticised"), ("112", "accused"), ("130", "threatened"),
    ("138", "threatened military action against"), ("160", "downgraded relations with"),
    ("163", "imposed sanctions on"), ("173", "detained citizens of"), ("190", "attacked"),
    ("195", "carried out air strikes on"), ("120", "rejected a proposal from"),
]  # fmt: skip
ROLES = [("President", "GOV"), ("Foreign Minister", "GOV"), ("Defence Minister", "MIL")]
SURNAMES = (  # noqa: SIM905 (a paragraph of words reads better than a column)
    "Adeyemi Almeida Bauer Chen Dimitrov Eriksen Farouk Garcia Haddad Ivanova Jensen Kato Kumar "
    "Laurent Mensah Novak Okafor Petrov Qureshi Rahman Sato Tanaka Usman Volkov Weber Yilmaz "
    "Zhou Abbasi Barzani Castillo Demir Fischer Gomez Hussein Iqbal Kowalski Lopez Moreau "
    "Nasser"
).split()
WORDS = (  # noqa: SIM905 (a paragraph of words reads better than a column)
    "ceasefire border grain pipeline refugees election sanctions drones reactor harbour convoy "
    "embassy tariffs wheat fertiliser oil gas uranium corridor summit treaty hostages prisoners "
    "militia airport bridge dam power grid cyber satellite fishing rights debt loan vaccine "
    "drought flood famine monsoon earthquake cholera migrants smuggling piracy tanker frigate "
    "submarine artillery missile radar airspace checkpoint curfew protest strike union court "
    "verdict parliament coalition budget currency inflation bonds exports imports railway port "
    "mines lithium copper cobalt gold diamonds timber coffee cocoa cotton rice sugar tea "
    "textiles steel aluminium shipyard refinery observers monitors peacekeepers envoy mediator "
    "talks negotiators delegation charter resolution veto quorum referendum amnesty "
    "constitution census ballot turnout recount boycott blockade embargo quota licence permit "
    "visa asylum camp shelter convoy escort patrol garrison barracks trench frontier valley "
    "plateau delta island strait canal gulf peninsula highlands desert oasis glacier river lake "
    "coast reef forest savanna steppe tundra marsh basin ridge pass province district "
    "municipality capital village township suburb enclave exclave zone sector quarter compound "
    "outpost depot archive ministry agency bureau commission council tribunal inquiry audit "
    "report dossier memo cable briefing statement communique declaration protocol accord "
    "framework roadmap timetable deadline ultimatum warning appeal petition lawsuit injunction "
    "warrant extradition custody bail parole sentence pardon clemency detainee defector "
    "informant journalist editor broadcaster newspaper website blogger activist lawyer judge "
    "prosecutor governor mayor senator deputy minister premier chancellor monarch cleric bishop "
    "imam rabbi elders chiefs farmers miners fishermen workers students teachers doctors nurses "
    "pilots sailors soldiers officers generals admirals commanders rebels insurgents fighters "
    "guerrillas bandits pirates smugglers traffickers hackers spies diplomats attaches consuls "
    "ambassadors envoys emissaries"
).split()


def synthesise(count: int, *, seed: int = 2025) -> Iterator[Annotated]:
    """``count`` distinct annotated wire stories (the same ones for the same seed)."""
    from ..knowledge import cameo_codes

    codes = cameo_codes()
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, tzinfo=UTC)
    for n in range(count):
        place_i, other_i = rng.sample(range(len(CAPITALS)), 2)
        city, src, demonym, lat, lon = CAPITALS[place_i]
        _, tgt, tgt_demonym, _, _ = CAPITALS[other_i]
        code, verb = rng.choice(ACTIONS)
        cameo = codes[code]
        role, sector = rng.choice(ROLES)
        role2, sector2 = rng.choice(ROLES)
        name1 = f"{rng.choice(SURNAMES)}"
        name2 = f"{rng.choice(SURNAMES)}"
        when = start + timedelta(days=rng.randrange(365), minutes=rng.randrange(600))
        words = rng.sample(WORDS, 9)
        b = _Builder()
        b.add(f"{city.upper()} - ")
        first = b.length
        b.add(f"{demonym} {role} ")
        actor1 = b.add(name1)
        b.add(f" {verb} {COUNTRY_NAMES[tgt]} and its {role2.lower()}, ")
        actor2 = b.add(name2)
        b.add(f", in {city} on {when:%A}, officials said.")
        sentence = Mention(first, b.length, b.text()[first:])
        b.add(" ")
        quote = b.add(f'"We will not compromise on the {words[0]} or the {words[1]},"')
        b.add(" ")
        speaker = b.add(name1)
        b.add(" said.\n\n")
        b.add(
            f"Story {n}: the {words[2]} and the {words[3]} were on the agenda, along with "
            f"{words[4]}, {words[5]} and {words[6]}. {tgt_demonym} officials spoke of the "
            f"{words[7]} and the {words[8]}."
        )
        text = b.text()
        url = f"https://wire.example.org/{when:%Y/%m/%d}/story-{n}"
        article = Article(
            id=article_id(url, text),
            text=text,
            url=url,
            canonical_url=url,
            title=f"{demonym} {role.lower()} {verb} {COUNTRY_NAMES[tgt]} ({words[2]}, {words[3]})",
            site_name=rng.choice(["Wire Example", "Daily Example", "Example Times"]),
            published_at=when,
            language="en",
            source=f"synthetic#{n}",
            format="synthetic",
        )
        source = EventActor(f"{src}-{name1}", name1, name1, src, sector, actor1.start, actor1.end)
        target = EventActor(f"{tgt}-{name2}", name2, name2, tgt, sector2, actor2.start, actor2.end)
        event = Event(
            id=f"{article.id}-e0",
            type=cameo.plover_type,
            mode=cameo.plover_mode,
            cameo=code,
            quad_class=cameo.quad_class,
            goldstein=cameo.goldstein,
            source=(source,),
            target=(target,),
            evidence=sentence,
            mentions=(sentence,),
            place=Place(city, src, lat, lon, "city"),
            date=when.date().isoformat(),
            date_precision="day",
            confidence=round(0.5 + rng.random() / 2, 2),
            coder="synthetic",
        )
        yield Annotated(
            article=article,
            actors=(
                Actor(
                    source.actor or "",
                    name1,
                    "person",
                    role,
                    src,
                    sector,
                    mentions=(actor1, speaker),
                ),
                Actor(target.actor or "", name2, "person", role2, tgt, sector2, mentions=(actor2,)),
            ),
            quotes=(
                Quote(
                    quote.text,
                    quote.start,
                    quote.end,
                    True,
                    "said",
                    Speaker(speaker.text, speaker.start, speaker.end, source.actor),
                ),
            ),
            events=(event,),
            annotator="synthetic",
        )


class _Builder:
    """Text built piece by piece, remembering where each piece went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Mention:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return Mention(start, self.length, piece)

    def text(self) -> str:
        return "".join(self.parts)


# --- the store -------------------------------------------------------------------------------


def build_store(path: Path, count: int, *, corpus: str | None = None) -> dict[str, int]:
    """A store of ``count`` distinct articles: the corpus's first ones, then synthetic ones."""
    from ..store import Store

    stored = {"corpus": 0, "synthetic": 0}
    with Store(path) as store:
        if corpus is not None:
            stored["corpus"] = _store_corpus(store, corpus, count)
        for annotated in synthesise(count - stored["corpus"]):
            store.put_article(annotated.article)
            store.put_annotations(annotated)  # also indexes its events and actors
            stored["synthetic"] += 1
        store.commit()
    return stored


def _store_corpus(store: Any, corpus: str, count: int) -> int:
    from ..errors import Skip
    from ..ingest import read
    from ..pipeline import process

    seen: set[str] = set()
    for raw in read(corpus):
        result = process(raw)
        if isinstance(result, Skip) or result.id in seen:
            continue
        seen.add(result.id)
        store.put_article(result)
        if len(seen) >= count:
            break
    return len(seen)


# --- the server and the load -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    endpoint: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    server_cpu_ms: float | None = None
    """CPU time of the server process a request (Linux), whatever else runs on the machine."""
    client_cpu_ms: float | None = None
    """CPU time of the load generator a request."""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "server_cpu_ms": _round(self.server_cpu_ms),
            "client_cpu_ms": _round(self.client_cpu_ms),
        }


def _round(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def cpu_seconds(pid: int | None) -> float | None:
    """User and system CPU time so far of a process and its live descendants (the server's
    worker processes; Linux /proc), or None elsewhere."""
    if pid is None:
        return None
    total = 0
    for each in descendants(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if each == pid:
                return None
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


EVENT_QUERIES = [
    "/events",
    "/events?quad_class=4",
    "/events?country=SYR",
    "/events?dyad=RUS-SYR",
    "/events?type=CONSULT",
    "/events?since=2025-06-01&until=2025-06-30",
    "/events?min_confidence=0.9",
    "/events?country=USA&quad_class=1",
]


def article_queries() -> list[str]:
    rng = random.Random(7)
    return [f"/articles?q={word}" for word in rng.sample(WORDS, 40)] + [
        "/articles?q=Syria",
        "/articles?q=sanctions%20OR%20embargo",
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    command = [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)]
    return subprocess.Popen(
        [*command, "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                err = server.stderr.read().decode() if server.stderr else ""
                raise click.ClickException(f"the server exited: {err[-2000:]}")
            try:
                if (await client.get("/openapi.json")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise click.ClickException(f"the server did not answer within {timeout:.0f} s")


async def load(
    base: str,
    name: str,
    paths: list[str],
    *,
    requests: int,
    seconds: float,
    concurrency: int,
    server_pid: int | None = None,
) -> Figures:
    """At most ``requests`` requests, for at most ``seconds``, ``concurrency`` in flight.

    Each worker has a client of its own with one kept-alive connection, as wrk does: one
    client's shared pool of 16 connections costs httpx twice the CPU a request (measured here:
    2.5 ms against 1.3 ms), CPU the server would otherwise have.
    """
    import httpx

    latencies: list[float] = []
    errors = 0
    issued = 0
    budget = 0
    deadline = 0.0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal issued, errors
        while issued < budget and time.monotonic() < deadline:
            path = paths[issued % len(paths)]
            issued += 1
            began = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - began)
            errors += not ok

    clients = [httpx.AsyncClient(base_url=base, timeout=10.0) for _ in range(concurrency)]
    try:
        # warm-up: connections, caches, the first queries' plans
        budget, deadline = 20 * concurrency, time.monotonic() + min(seconds, 5.0)
        await asyncio.gather(*(worker(client) for client in clients))
        latencies.clear()
        errors = issued = 0
        budget = requests
        server_cpu, client_cpu = cpu_seconds(server_pid), time.process_time()
        began = time.monotonic()
        deadline = began + seconds
        await asyncio.gather(*(worker(client) for client in clients))
        elapsed = time.monotonic() - began
        client_cpu = time.process_time() - client_cpu
        server_after = cpu_seconds(server_pid)
        if server_cpu is not None and server_after is not None:
            server_cpu = server_after - server_cpu
    finally:
        for client in clients:
            await client.aclose()
    latencies.sort()
    p50, p99 = _percentile(latencies, 50), _percentile(latencies, 99)
    per = 1000 / max(len(latencies), 1)
    return Figures(
        name,
        len(latencies),
        errors,
        elapsed,
        p50,
        p99,
        server_cpu_ms=server_cpu * per if server_cpu is not None else None,
        client_cpu_ms=client_cpu * per,
    )


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1)))
    return sorted_values[index] * 1000


async def run_load(
    base: str, *, requests: int, seconds: float, concurrency: int, server_pid: int | None = None
) -> list[Figures]:
    return [
        await load(
            base,
            name,
            paths,
            requests=requests,
            seconds=seconds,
            concurrency=concurrency,
            server_pid=server_pid,
        )
        for name, paths in (("/events", EVENT_QUERIES), ("/articles?q=", article_queries()))
    ]


@click.command()
@click.argument("corpus", required=False)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Use this store (built there first when it has fewer articles than --articles).",
)
@click.option("--articles", type=click.IntRange(1), default=10_000, show_default=True)
@click.option(
    "--requests",
    type=click.IntRange(1),
    default=20_000,
    show_default=True,
    help="At most this many requests an endpoint.",
)
@click.option(
    "--seconds",
    type=click.FloatRange(0.5, 300),
    default=10.0,
    show_default=True,
    help="At most this long an endpoint.",
)
@click.option("--concurrency", type=click.IntRange(1, 256), default=16, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Server processes (eventwire serve --workers).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_command(
    corpus: str | None,
    db_path: Path | None,
    articles: int,
    requests: int,
    seconds: float,
    concurrency: int,
    workers: int,
    as_json: bool,
) -> None:
    """Requests per second, errors, p50 and p99 latency of /events and /articles?q=.

    Builds a store of --articles distinct articles (synthetic ones, or CORPUS's first articles
    topped up with synthetic ones), serves it with uvicorn on 127.0.0.1 in a subprocess, and
    loads each endpoint with an asyncio httpx client (bounded by --requests and --seconds).

    \b
    Example:
        eventwire bench serve --json
        eventwire bench serve ../shared/data/reuters21578/ --db /tmp/bench.db
    """
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        db = db_path or Path(tmp) / "bench.db"
        built = None
        began = time.monotonic()
        have = _count(db)
        if have == 0:
            click.echo(f"building a store of {articles} articles in {db}", err=True)
            built = build_store(db, articles, corpus=corpus)
        elif have < articles:
            raise click.ClickException(
                f"{db} holds {have} articles, fewer than --articles {articles}: "
                "pass a new --db path (it is built there) or --articles"
            )
        build_s = time.monotonic() - began
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with start_server(db, port, workers) as server:  # closes its pipe
            try:
                asyncio.run(wait_ready(base, server))
                figures = asyncio.run(
                    run_load(
                        base,
                        requests=requests,
                        seconds=seconds,
                        concurrency=concurrency,
                        server_pid=server.pid,
                    )
                )
            finally:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    report = {
        "articles": _count(db) if db_path else articles,
        "built": built,
        "build_seconds": round(build_s, 1),
        "concurrency": concurrency,
        "cores": os.cpu_count(),
        "endpoints": [f.as_dict() for f in figures],
    }
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{report['articles']} articles, concurrency {concurrency}, {os.cpu_count()} cores")
    click.echo(
        f"{'endpoint':<16}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'server CPU ms/req':>19}{'client CPU ms/req':>19}"
    )
    for f in figures:
        server_ms = f"{f.server_cpu_ms:.2f}" if f.server_cpu_ms is not None else "-"
        client_ms = f"{f.client_cpu_ms:.2f}" if f.client_cpu_ms is not None else "-"
        click.echo(
            f"{f.endpoint:<16}{f.requests:>10}{f.errors:>8}{f.rps:>9.0f}"
            f"{f.p50_ms:>9.1f}{f.p99_ms:>9.1f}{server_ms:>19}{client_ms:>19}"
        )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    from ..store import Store

    with Store(db, readonly=True) as store:
        return store.count_articles()
