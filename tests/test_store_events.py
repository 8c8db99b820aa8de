"""Events across articles in the store: aggregation, reviews, queries, timelines, exports."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from eventwire.dedup import ArticleClusterer
from eventwire.knowledge import cameo_codes
from eventwire.records import Actor, Annotated, Article, Event, EventActor, Mention, Place
from eventwire.store import Store
from eventwire.store import events as ev
from eventwire.store.export import GDELT_COLUMNS, export

STORY = (
    "Russian Defence Minister Andrei Belousov met his Syrian counterpart in Moscow on Tuesday "
    "to discuss military cooperation, the ministry said. The two ministers reviewed joint "
    "training, spare parts for Syrian air defence systems and the naval facility at Tartus. "
    "Belousov said Moscow remained committed to the territorial integrity of Syria."
)
OWN_STORY = (
    "Syria's defence minister held talks in the Russian capital with Andrei Belousov, his "
    "office said on Tuesday evening, describing the meeting as friendly and productive. "
    "Damascus hopes to sign an agreement on technical assistance before the end of the year."
)
MOSCOW = Place("Moscow", "RUS", 55.75, 37.62, "city")


def make_article(key: str, text: str, site: str | None, day: int = 28, hour: int = 9) -> Article:
    return Article(
        id=key,
        text=text,
        url=f"https://www.{(site or key).lower().replace(' ', '')}.example/{key}",
        title=f"Title {key}",
        site_name=site,
        published_at=datetime(2025, 10, day, hour, tzinfo=UTC),
    )


def side(country: str | None, name: str, sector: str | None = None) -> tuple[EventActor, ...]:
    return (EventActor(f"a-{name}", name, name, country, sector, 0, len(name)),)


def make_event(
    key: str = "ev1",
    *,
    cameo: str = "040",
    source: str | None = "RUS",
    target: str | None = "SYR",
    date: str | None = "2025-10-28",
    place: Place | None = MOSCOW,
    confidence: float = 0.7,
    sentences: int = 1,
    flags: tuple[str, ...] = (),
) -> Event:
    code = cameo_codes()[cameo]
    mentions = tuple(Mention(i * 10, i * 10 + 9, f"sentence {i}") for i in range(sentences))
    return Event(
        id=key,
        type=code.plover_type,
        mode=code.plover_mode,
        cameo=cameo,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        source=side(source, "Belousov", "MIL"),
        target=side(target, "Syrian minister", "MIL"),
        evidence=mentions[0],
        mentions=mentions,
        place=place,
        date=date,
        date_precision="day" if date else None,
        flags=flags,
        confidence=confidence,
        coder="test",
    )


class World:
    """A store with a clusterer, storing articles as the ingest loop does."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.clusterer = ArticleClusterer()

    def put(self, article: Article, *events: Event, actors: tuple[Actor, ...] = ()) -> Annotated:
        annotated = Annotated(article, actors=actors, events=events, annotator="test")
        self.store.put_article(article)
        self.clusterer.assign(self.store, article)
        self.store.put_annotations(annotated)
        return annotated


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with Store(tmp_path / "events.db") as store:
        yield World(store)


def all_events(store: Store) -> list[dict[str, Any]]:
    return list(ev.iter_events(store, status="all"))


def three_articles(world: World) -> str:
    """The same happening in two outlets' own stories and one wire copy of the first."""
    world.put(make_article("a1", STORY, "Agence One", hour=8), make_event(sentences=2))
    world.put(make_article("a2", OWN_STORY, "Two Times", hour=12), make_event("ev7"))
    copy = "MOSCOW (Agence One) - " + STORY + "\n(c) Three Daily"
    world.put(make_article("a3", copy, "Three Daily", hour=10), make_event(confidence=0.9))
    (only,) = all_events(world.store)
    return str(only["id"])


# --- aggregation ---------------------------------------------------------------------------


def test_one_happening_in_three_articles_is_one_event(world: World) -> None:
    event_id = three_articles(world)
    found = ev.get_event(world.store, event_id)
    assert found is not None
    assert found["num_articles"] == 3
    assert found["num_sources"] == 2  # the wire copy is not an independent source
    assert found["num_mentions"] == 4  # 2 sentences in a1, 1 in a2, 1 in a3
    assert found["first_seen"] == "2025-10-28T08:00:00+00:00"
    assert found["confidence"] == 0.9
    assert found["representative"] == "a3:ev1"
    assert [m["article_id"] for m in found["mentions"]] == ["a1", "a3", "a2"]


def test_outlets_without_site_name_count_by_registered_domain(world: World) -> None:
    world.put(
        replace(make_article("b1", STORY, None), url="https://edition.cnn.com/x"), make_event()
    )
    world.put(
        replace(make_article("b2", OWN_STORY, None), url="https://www.cnn.com/y"), make_event()
    )
    (only,) = all_events(world.store)
    assert only["num_articles"] == 2 and only["num_sources"] == 1


@pytest.mark.parametrize(
    "other",
    [
        make_event("ev2", date="2025-10-30"),
        make_event("ev2", target="TUR"),
        make_event("ev2", cameo="190"),
        make_event("ev2", place=Place("Damascus", "SYR", 33.51, 36.29, "city")),
        make_event("ev2", flags=("negated",)),
    ],
)
def test_another_happening_is_another_event(world: World, other: Event) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event())
    world.put(make_article("a2", OWN_STORY, "Two Times"), other)
    assert len(all_events(world.store)) == 2


def test_undated_events_take_the_publication_date(world: World) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event(date=None))
    world.put(make_article("a2", OWN_STORY, "Two Times", day=29), make_event(date=None))
    (only,) = all_events(world.store)
    assert only["date"] == "2025-10-28" and only["date_precision"] == "report"


def test_storing_twice_changes_nothing(world: World) -> None:
    event_id = three_articles(world)
    before = ev.get_event(world.store, event_id)
    ev.index_events(world.store, world.put(make_article("a1", STORY, "Agence One", hour=8)))
    assert ev.get_event(world.store, event_id) is not None
    world.put(make_article("a1", STORY, "Agence One", hour=8), make_event(sentences=2))
    assert ev.get_event(world.store, event_id) == before


def test_recoding_updates_a_coded_event_and_drops_an_empty_one(world: World) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event(confidence=0.5))
    world.put(make_article("a1", STORY, "Agence One"), make_event(cameo="042", confidence=0.8))
    (only,) = all_events(world.store)
    assert (only["cameo"], only["confidence"], only["num_articles"]) == ("042", 0.8, 1)
    world.put(make_article("a1", STORY, "Agence One"))
    assert all_events(world.store) == []


def test_recoding_never_overwrites_a_reviewed_event(world: World) -> None:
    event_id = three_articles(world)
    changes = {"cameo": "043", "place": {"name": "Sochi", "country": "RUS"}, "date": "2025-10-27"}
    ev.review_event(world.store, event_id, reviewer="ana", action="edit", changes=changes)
    # the coder changes its mind about a1 (same mention id), and a2 loses its event
    world.put(make_article("a1", STORY, "Agence One", hour=8), make_event(cameo="042", sentences=3))
    world.put(make_article("a2", OWN_STORY, "Two Times", hour=12))
    found = ev.get_event(world.store, event_id)
    assert found is not None
    assert (found["status"], found["cameo"], found["place"], found["date"]) == (
        "edited",
        "043",
        "Sochi",
        "2025-10-27",
    )
    assert (found["num_articles"], found["num_mentions"], found["num_sources"]) == (2, 4, 1)
    world.put(make_article("a1", STORY, "Agence One", hour=8))
    world.put(make_article("a3", STORY + " Copy.", "Three Daily"))
    kept = ev.get_event(world.store, event_id)
    assert kept is not None and kept["status"] == "edited" and kept["num_articles"] == 0


def test_a_new_report_of_a_rejected_event_stays_rejected(world: World) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event())
    (only,) = all_events(world.store)
    ev.review_event(world.store, only["id"], reviewer="ana", action="reject")
    world.put(make_article("a2", OWN_STORY, "Two Times"), make_event())
    (still,) = all_events(world.store)
    assert (still["id"], still["status"], still["num_articles"]) == (only["id"], "rejected", 2)
    assert ev.query_events(world.store)[0] == []


# --- reviews -------------------------------------------------------------------------------


def test_review_audit_trail(world: World) -> None:
    event_id = three_articles(world)
    ev.review_event(world.store, event_id, reviewer="ana", action="accept")
    result = ev.review_event(
        world.store,
        event_id,
        reviewer=" ben ",
        action="edit",
        changes={"type": "ASSAULT", "cameo": "190", "target": {"country": "tur", "sector": "reb"}},
    )
    assert result["status"] == "edited"
    assert (result["type"], result["quad_class"], result["goldstein"]) == ("ASSAULT", 4, -10.0)
    assert (result["target_country"], result["target_sector"]) == ("TUR", "REB")
    accept, edit = result["reviews"]
    assert (accept["reviewer"], accept["action"]) == ("ana", "accept")
    assert (accept["before"]["status"], accept["after"]["status"]) == ("coded", "accepted")
    assert (edit["reviewer"], edit["action"]) == ("ben", "edit")
    assert (edit["before"]["cameo"], edit["after"]["cameo"]) == ("040", "190")
    assert edit["after"]["target"] == [
        {"name": "Syrian minister", "country": "TUR", "sector": "REB"}
    ]
    assert datetime.fromisoformat(edit["at"]).tzinfo is not None
    assert ev.query_events(world.store, dyad=("RUS", "TUR"))[0][0]["id"] == event_id


def test_editing_a_cameo_code_sets_the_type(world: World) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event())
    (only,) = all_events(world.store)
    result = ev.review_event(
        world.store, only["id"], reviewer="ana", action="edit", changes={"cameo": "042"}
    )
    assert (result["type"], result["mode"], result["goldstein"]) == ("CONSULT", "visit", 1.9)


@pytest.mark.parametrize(
    ("action", "changes", "message"),
    [
        ("approve", None, "action is one of"),
        ("accept", {"date": "2025-10-01"}, "changes go with action 'edit'"),
        ("edit", None, "an edit needs changes"),
        ("edit", {"actor": "x"}, "cannot edit actor"),
        ("edit", {"type": "ASSAULT"}, "CAMEO 040 .* is of type CONSULT, not ASSAULT"),
        ("edit", {"type": "ASSAULT", "cameo": "042"}, "of type CONSULT, not ASSAULT"),
        ("edit", {"type": "FLY"}, "unknown PLOVER type"),
        ("edit", {"cameo": "999"}, "unknown CAMEO code"),
        ("edit", {"source": {"country": "Russia"}}, "alpha-3"),
        ("edit", {"source": "RUS"}, "source is null or an object"),
        ("edit", {"target": {"sector": "military"}}, "three-letter"),
        ("edit", {"date": "28/10/2025"}, "ISO date"),
        ("edit", {"place": {"name": "X", "lat": 123}}, "lat is a number"),
        ("edit", {"place": {"country": "RUS"}}, "place is null or an object with a name"),
    ],
)
def test_bad_reviews_are_refused_and_nothing_is_written(
    world: World, action: str, changes: dict[str, Any] | None, message: str
) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event())
    (only,) = all_events(world.store)
    with pytest.raises(ev.ReviewError, match=message):
        ev.review_event(world.store, only["id"], reviewer="ana", action=action, changes=changes)
    found = ev.get_event(world.store, only["id"])
    assert found is not None and found["status"] == "coded" and found["reviews"] == []


def test_review_needs_a_reviewer_and_a_known_event(world: World) -> None:
    world.put(make_article("a1", STORY, "Agence One"), make_event())
    (only,) = all_events(world.store)
    with pytest.raises(ev.ReviewError, match="reviewer is required"):
        ev.review_event(world.store, only["id"], reviewer=" ", action="accept")
    with pytest.raises(ev.EventNotFound):
        ev.review_event(world.store, "Enope", reviewer="ana", action="accept")
    assert ev.get_event(world.store, "Enope") is None


# --- queries -------------------------------------------------------------------------------


def many_events(world: World, count: int = 25) -> None:
    for n in range(count):
        day = date(2025, 1, 1) + timedelta(days=3 * n)  # days apart: distinct happenings
        event = make_event(f"ev{n}", date=day.isoformat(), confidence=0.5 + n / 100)
        world.put(make_article(f"p{n}", f"{STORY} Item {n}.", f"Site {n}"), event)


def test_pages_cover_every_event_once_newest_first(world: World) -> None:
    many_events(world)
    seen: list[dict[str, Any]] = []
    cursor: str | None = None
    pages = 0
    while True:
        page, cursor = ev.query_events(world.store, limit=10, cursor=cursor)
        seen += page
        pages += 1
        if cursor is None:
            break
    assert pages == 3
    assert len({e["id"] for e in seen}) == 25
    keys = [(e["date"], e["id"]) for e in seen]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cursor": "not-a-cursor"}, "invalid cursor"),
        ({"limit": 0}, "limit is between"),
        ({"since": "yesterday"}, "ISO date"),
        ({"quad_class": 5}, "quad_class"),
        ({"status": "pending"}, "status is one of"),
    ],
)
def test_bad_queries_say_what_to_pass(world: World, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ev.InvalidQuery, match=message):
        ev.query_events(world.store, **kwargs)


@pytest.mark.parametrize(
    ("filters", "count"),
    [
        ({}, 4),
        ({"type": "assault"}, 1),
        ({"quad_class": 1}, 3),
        ({"country": "tur"}, 1),
        ({"country": "SYR"}, 3),
        ({"dyad": ("RUS", "SYR")}, 2),
        ({"since": "2025-10-05"}, 2),
        ({"until": "2025-10-05"}, 3),
        ({"since": "2025-10-05", "until": "2025-10-05"}, 1),
        ({"place": "moscow"}, 3),
        ({"min_confidence": 0.8}, 1),
        ({"flag": "reported"}, 1),
    ],
)
def test_filters(world: World, filters: dict[str, Any], count: int) -> None:
    world.put(make_article("f1", STORY, "One", day=1), make_event("e1", date="2025-10-01"))
    world.put(
        make_article("f2", STORY + " Two.", "Two", day=5),
        make_event("e2", date="2025-10-05", confidence=0.9, flags=("reported",)),
    )
    world.put(
        make_article("f3", STORY + " Three.", "Three", day=9),
        make_event("e3", cameo="190", source="RUS", target="TUR", date="2025-10-09", place=None),
    )
    world.put(
        make_article("f4", OWN_STORY, "Four", day=1),
        make_event("e4", source="SYR", target="RUS", date="2025-10-01"),
    )
    assert len(ev.query_events(world.store, **filters)[0]) == count


def test_dyad_timeline(world: World) -> None:
    rows = [
        ("t1", "040", "2025-10-06"),  # a Monday
        ("t2", "190", "2025-10-06"),
        ("t3", "112", "2025-10-08"),
        ("t4", "190", "2025-11-02"),
    ]
    for key, cameo, day in rows:
        world.put(
            make_article(key, f"{STORY} {key}.", key, day=int(day[-2:])),
            make_event(key, cameo=cameo, date=day, place=None),
        )
    world.put(make_article("x", OWN_STORY, "x"), make_event("x", source="SYR", target="RUS"))
    days = ev.dyad_timeline(world.store, "rus", "syr")
    assert [d["period"] for d in days] == ["2025-10-06", "2025-10-08", "2025-11-02"]
    assert days[0]["counts"] == {1: 1, 2: 0, 3: 0, 4: 1}
    assert (days[0]["events"], days[0]["mean_goldstein"]) == (2, -4.5)
    weeks = ev.dyad_timeline(world.store, "RUS", "SYR", "week")
    assert [(w["period"], w["events"]) for w in weeks] == [("2025-10-06", 3), ("2025-10-27", 1)]
    months = ev.dyad_timeline(world.store, "RUS", "SYR", "month")
    assert [(m["period"], m["counts"][4]) for m in months] == [("2025-10", 1), ("2025-11", 1)]
    both = ev.dyad_timeline(world.store, "RUS", "SYR", "month", directed=False)
    assert both[0]["events"] == 4
    with pytest.raises(ev.InvalidQuery, match="interval"):
        ev.dyad_timeline(world.store, "RUS", "SYR", "year")


def test_query_actors(world: World) -> None:
    putin = Actor("p", "Vladimir Putin", "person", role="President", country="RUS", sector="GOV")
    un = Actor("u", "United Nations", "igo", country="IGO", org="UNO")
    for n in range(3):
        world.put(make_article(f"q{n}", f"{STORY} {n}.", "x"), actors=(putin, un)[: 1 + n % 2])
    items, cursor = ev.query_actors(world.store)
    assert [(a["name"], a["articles"]) for a in items] == [
        ("Vladimir Putin", 3),
        ("United Nations", 1),
    ]
    assert cursor is None
    first, cursor = ev.query_actors(world.store, limit=1)
    second, last = ev.query_actors(world.store, limit=1, cursor=cursor)
    assert (first[0]["name"], second[0]["name"], last) == ("Vladimir Putin", "United Nations", None)
    assert [a["name"] for a in ev.query_actors(world.store, q="PUT")[0]] == ["Vladimir Putin"]
    assert [a["name"] for a in ev.query_actors(world.store, country="igo")[0]] == ["United Nations"]
    assert ev.query_actors(world.store, q="%")[0] == []


def test_event_detail_has_every_mention(world: World) -> None:
    event_id = three_articles(world)
    found = ev.get_event(world.store, event_id)
    assert found is not None
    first = found["mentions"][0]
    assert first["url"] == "https://www.agenceone.example/a1"
    assert (first["title"], first["site_name"]) == ("Title a1", "Agence One")
    assert first["published_at"] == "2025-10-28T08:00:00+00:00"
    assert first["evidence"] == {"start": 0, "end": 9, "text": "sentence 0"}
    assert len(first["sentences"]) == 2
    assert found["event"]["cameo"] == "040"


# --- exports -------------------------------------------------------------------------------

GDELT_2_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]  # fmt: skip


def test_gdelt_columns_are_the_61_of_gdelt_2() -> None:
    assert len(GDELT_2_EVENT_COLUMNS) == 61
    assert GDELT_COLUMNS == GDELT_2_EVENT_COLUMNS


def test_gdelt_export(world: World, tmp_path: Path) -> None:
    event_id = three_articles(world)
    world.put(make_article("n1", OWN_STORY + " No.", "N"), make_event("n", flags=("negated",)))
    out = tmp_path / "events.tsv"
    assert export(world.store, "events", "gdelt", out) == 1  # the negated one is left out
    (line,) = out.read_text(encoding="utf-8").splitlines()
    row = dict(zip(GDELT_2_EVENT_COLUMNS, line.split("\t"), strict=True))
    assert row["GLOBALEVENTID"] == str(int(event_id[1:16], 16))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20251028", "202510", "2025")
    assert row["FractionDate"] == "2025.8247"
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "RUSMIL",
        "BELOUSOV",
        "RUS",
    )
    assert (row["Actor2Code"], row["Actor2Type1Code"]) == ("SYRMIL", "MIL")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("040", "040", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "1.0")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("4", "2", "3")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == ("4", "Moscow, Russia")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("55.75", "37.62")
    assert row["IsRootEvent"] == "1"
    assert (row["DATEADDED"], row["SOURCEURL"]) == (
        "20251028080000",
        "https://www.agenceone.example/a1",
    )
    assert row["AvgTone"] == row["Actor1Geo_FullName"] == row["ActionGeo_CountryCode"] == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("what", ["events", "mentions"])
def test_event_exports(world: World, tmp_path: Path, fmt: str, what: str) -> None:
    three_articles(world)
    out = tmp_path / f"out.{fmt}"
    assert export(world.store, what, fmt, out) == (1 if what == "events" else 3)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    if what == "events":
        assert str(rows[0]["num_sources"]) == "2"
        assert rows[0]["source_actors"] in (["Belousov"], "Belousov")
    else:
        assert {r["article_id"] for r in rows} == {"a1", "a2", "a3"}
        assert {r["cluster_id"] for r in rows} == {"a1", "a2"}


def test_unknown_exports_are_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export"):
        export(world.store, "quotes", "jsonl", tmp_path / "x")
    with pytest.raises(ValueError, match="unknown export format"):
        export(world.store, "mentions", "gdelt", tmp_path / "x")
