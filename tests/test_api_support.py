"""A small store built by hand for the API, web and browser tests, and a client over ASGI.

Other test files import from here; the one test below checks the store is what they expect.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import httpx

from eventwire.evaluate.bench_serve import synthesise
from eventwire.knowledge import cameo_codes
from eventwire.records import (
    Actor,
    Annotated,
    Article,
    Event,
    EventActor,
    Mention,
    Place,
    Quote,
    Speaker,
)
from eventwire.store import Store

TOKEN = "test-token-0123456789"
XSS = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
FILLER = 25


def _span(text: str, part: str, after: int = 0) -> Mention:
    start = text.index(part, after)
    return Mention(start, start + len(part), part)


def _event(
    text: str,
    sentence: str,
    *,
    eid: str,
    code: str,
    source: tuple[str, str, str],
    target: tuple[str, str, str],
    place: Place | None,
    day: str,
    confidence: float = 0.8,
    flags: tuple[str, ...] = (),
) -> Event:
    evidence = _span(text, sentence)
    cameo = cameo_codes()[code]

    def actor(who: tuple[str, str, str]) -> EventActor:
        name, country, sector = who
        span = _span(text, name, evidence.start)
        return EventActor(f"{country}-{name}", name, name, country, sector, span.start, span.end)

    return Event(
        id=eid,
        type=cameo.plover_type,
        mode=cameo.plover_mode,
        cameo=code,
        quad_class=cameo.quad_class,
        goldstein=cameo.goldstein,
        source=(actor(source),),
        target=(actor(target),),
        evidence=evidence,
        mentions=(evidence,),
        place=place,
        date=day,
        date_precision="day",
        flags=flags,
        confidence=confidence,
        coder="test",
    )


MOSCOW = Place("Moscow", "RUS", 55.756, 37.617, "city")
ALEPPO = Place("Aleppo", "SYR", 36.202, 37.134, "city")


def meeting() -> Annotated:
    """Putin meets Assad in Moscow: an actor pair, a quote and a CONSULT event."""
    text = (
        "MOSCOW - Russian President Vladimir Putin met Syrian President Bashar al-Assad in "
        'Moscow on Tuesday, the Kremlin said. "We discussed the ceasefire in detail," Putin '
        "told reporters after the talks."
    )
    sentence = text[len("MOSCOW - ") : text.index(" the Kremlin said.") + len(" the Kremlin said.")]
    article = Article(
        id="meeting1",
        text=text,
        url="https://news.example.org/2025/10/28/putin-assad",
        title="Putin meets Assad in Moscow",
        description="The two leaders discussed the ceasefire.",
        site_name="Example News",
        published_at=datetime(2025, 10, 28, 15, 0, tzinfo=UTC),
        language="en",
    )
    putin, assad = _span(text, "Vladimir Putin"), _span(text, "Bashar al-Assad")
    quote = _span(text, '"We discussed the ceasefire in detail,"')
    speaker = _span(text, "Putin", quote.end)
    return Annotated(
        article=article,
        actors=(
            Actor(
                "RUS-Putin",
                "Vladimir Putin",
                "person",
                "president",
                "RUS",
                "GOV",
                mentions=(putin, speaker),
            ),
            Actor(
                "SYR-Assad",
                "Bashar al-Assad",
                "person",
                "president",
                "SYR",
                "GOV",
                mentions=(assad,),
            ),
        ),
        quotes=(
            Quote(
                quote.text,
                quote.start,
                quote.end,
                True,
                "told",
                Speaker(speaker.text, speaker.start, speaker.end, "RUS-Putin"),
            ),
        ),
        events=(
            _event(
                text,
                sentence,
                eid="ev1",
                code="043",
                source=("Vladimir Putin", "RUS", "GOV"),
                target=("Bashar al-Assad", "SYR", "GOV"),
                place=MOSCOW,
                day="2025-10-28",
            ),
        ),
        annotator="test",
    )


def strike() -> Annotated:
    """Russian jets strike Aleppo a week later: a material conflict, reported speech."""
    text = (
        "ALEPPO, Syria - Russian jets carried out air strikes on rebel positions near Aleppo "
        "on Monday, Syrian state media reported. The rebels said ceasefire talks were over."
    )
    sentence = text[len("ALEPPO, Syria - ") : text.index(" Syrian state media reported.") + 29]
    article = Article(
        id="strike1",
        text=text,
        url="https://wire.example.org/2025/11/03/aleppo-strikes",
        title="Russian jets strike rebel positions near Aleppo",
        site_name="Wire Example",
        published_at=datetime(2025, 11, 3, 9, 30, tzinfo=UTC),
        language="en",
    )
    jets = _span(text, "Russian jets")
    return Annotated(
        article=article,
        actors=(
            Actor("RUS-jets", "Russian jets", "group", "air force", "RUS", "MIL", mentions=(jets,)),
        ),
        events=(
            _event(
                text,
                sentence,
                eid="ev1",
                code="195",
                source=("Russian jets", "RUS", "MIL"),
                target=("rebel positions", "SYR", "REB"),
                place=ALEPPO,
                day="2025-11-03",
                confidence=0.9,
                flags=("reported",),
            ),
        ),
        annotator="test",
    )


def hostile() -> Annotated:
    """A page full of markup in every field: it must show as text everywhere."""
    text = f"BERLIN - {XSS} The minister <b>Eve</b> criticised Russia. onerror=alert(3)"
    sentence = text[text.index("The minister") : text.index("Russia.") + len("Russia.")]
    article = Article(
        id="hostile1",
        text=text,
        url="javascript:alert(4)",
        title=f"Hostile {XSS}",
        description=f"desc {XSS}",
        site_name='Evil "Site" <i>x</i>',
        authors=("<script>alert(5)</script>",),
        published_at=datetime(2025, 10, 1, tzinfo=UTC),
        language="en",
    )
    eve = _span(text, "<b>Eve</b>")
    place = Place("<img src=x onerror=alert(6)>", "DEU", 52.52, 13.405, "city")
    return Annotated(
        article=article,
        actors=(
            Actor(
                "DEU-eve",
                "<b>Eve</b><script>alert(7)</script>",
                "person",
                "minister",
                "DEU",
                "GOV",
                mentions=(eve,),
            ),
        ),
        quotes=(Quote(XSS, text.index(XSS), text.index(XSS) + len(XSS), True, "said"),),
        events=(
            _event(
                text,
                sentence,
                eid="ev1",
                code="111",
                source=("<b>Eve</b>", "DEU", "GOV"),
                target=("Russia", "RUS", "GOV"),
                place=place,
                day="2025-10-01",
            ),
        ),
        annotator="test",
    )


def build_store(path: Path) -> dict[str, Any]:
    """The test store: three hand-built stories, one hostile, and FILLER synthetic ones."""
    hand = [meeting(), strike(), hostile()]
    with Store(path) as store:
        for annotated in [*hand, *synthesise(FILLER, seed=11)]:
            store.put_article(annotated.article)
            store.put_annotations(annotated)
    return {"hand": [a.article.id for a in hand], "count": len(hand) + FILLER}


def call(
    app: Any,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    json: Any = None,
    raise_app_exceptions: bool = True,
) -> httpx.Response:
    """One request through the ASGI app (no network, no server)."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, url, headers=headers, json=json)

    return anyio.run(go)


def test_store_holds_the_hand_built_stories(tmp_path: Path) -> None:
    built = build_store(tmp_path / "t.db")
    with Store(tmp_path / "t.db", readonly=True) as store:
        assert store.count_articles() == built["count"]
        for article_id in built["hand"]:
            annotations = store.get_annotations(article_id)
            assert annotations is not None
            article = store.get_article(article_id)
            assert article is not None
            for event in annotations["events"]:
                evidence = event["evidence"]
                assert article.text[evidence["start"] : evidence["end"]] == evidence["text"]
