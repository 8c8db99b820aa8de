"""Near-duplicate articles (MinHash/LSH clusters) and the cross-article event test."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eventwire.dedup import (
    ArticleClusterer,
    Signature,
    same_happening,
    shingles,
    signature,
    utc_iso,
)
from eventwire.records import Article, Event, EventActor, Mention, Place
from eventwire.store import Store

STORY = (
    "Russian Defence Minister Andrei Belousov met his Syrian counterpart in Moscow on Tuesday "
    "to discuss military cooperation, the ministry said in a statement. The two ministers "
    "reviewed joint training programmes, the supply of spare parts for Syrian air defence "
    "systems and the future of the Russian naval facility at Tartus, according to the "
    "statement. Belousov said Moscow remained committed to the territorial integrity of Syria "
    "and would keep helping its armed forces rebuild. The Syrian minister thanked Russia for "
    "its support and invited Belousov to visit Damascus later this year. Officials from both "
    "ministries will meet again next month to prepare a new agreement on technical assistance, "
    "the statement added. Neither side gave details of the financial terms under discussion."
)
OTHER = (
    "Heavy rain flooded parts of northern Italy on Sunday, forcing hundreds of residents to "
    "leave their homes as rivers burst their banks in Emilia-Romagna. Firefighters rescued "
    "dozens of people trapped on rooftops, and schools in Bologna will stay closed on Monday. "
    "The regional government asked Rome to declare a state of emergency, saying damage to "
    "roads and farms would run into hundreds of millions of euros. Meteorologists warned "
    "that more storms were expected during the week across the Po valley and the Alps."
)
SAME_TOPIC = (
    "Syria and Russia will sign a new military agreement next month, a Syrian official told "
    "reporters in Damascus, after talks between the two countries' defence ministers. The "
    "official, who asked not to be named, said the deal would cover air defence and training. "
    "Russia has kept troops and a naval base in Syria since 2015, and Moscow has said it wants "
    "to keep its presence in the country. Analysts say the talks show both governments want "
    "to settle the future of the Russian bases before the end of the year."
)


def wire_copy(text: str) -> str:
    """The same story under another outlet's header and footer."""
    return "MOSCOW (Wire) - " + text + "\nReporting by Ana Ruiz; Editing by Tom Lee"


def light_rewrite(text: str) -> str:
    """A new opening, one sentence dropped, a few words changed."""
    sentences = text.split(". ")
    kept = [s for i, s in enumerate(sentences) if i != 4]
    body = ". ".join(kept).replace("said", "stated").replace("Tuesday", "Tuesday afternoon")
    return "Russia and Syria discuss defence ties. " + body


def when(day: int, hour: int = 0) -> str:
    return utc_iso(datetime(2025, 10, day, hour, tzinfo=UTC))


# --- shingles and signatures -------------------------------------------------------------


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    assert shingles("The  ministers MET, in\nMoscow!") == shingles("the ministers met in moscow")
    assert shingles("one two three four") == {"one two three", "two three four"}
    assert shingles("") == set()


def test_signature_survives_bytes() -> None:
    sig = signature(STORY)
    back = Signature.from_bytes(sig.to_bytes(), sig.size)
    assert back.jaccard(sig) == 1.0
    assert len(sig.to_bytes()) == 128 * 4


@pytest.mark.parametrize(
    ("variant", "similar"),
    [(wire_copy, 0.8), (light_rewrite, 0.5)],
)
def test_copies_are_similar(variant: object, similar: float) -> None:
    assert callable(variant)
    assert signature(STORY).jaccard(signature(variant(STORY))) >= similar


def test_first_take_is_contained_in_the_full_story() -> None:
    first_take = ". ".join(STORY.split(". ")[:2])
    full, short = signature(STORY), signature(first_take)
    assert full.jaccard(short) < 0.5
    assert full.containment(short) >= 0.8


# --- clustering ----------------------------------------------------------------------------


def test_wire_copies_and_light_rewrites_cluster_with_the_original() -> None:
    clusterer = ArticleClusterer()
    assert clusterer.add("a", signature(STORY), when=when(1)).cluster_id == "a"
    assert clusterer.add("b", signature(wire_copy(STORY)), when=when(1, 2)).cluster_id == "a"
    assert clusterer.add("c", signature(light_rewrite(STORY)), when=when(2)).cluster_id == "a"
    first_take = ". ".join(STORY.split(". ")[:2])
    assert clusterer.add("d", signature(first_take), when=when(2)).cluster_id == "a"


@pytest.mark.parametrize("text", [OTHER, SAME_TOPIC])
def test_different_stories_do_not_cluster(text: str) -> None:
    clusterer = ArticleClusterer()
    clusterer.add("a", signature(STORY), when=when(1))
    found = clusterer.add("b", signature(text), when=when(1))
    assert found.cluster_id == "b"
    assert found.similarity == 0.0


def test_cluster_id_is_the_earliest_article() -> None:
    clusterer = ArticleClusterer()
    clusterer.add("late", signature(wire_copy(STORY)), when=when(3))
    clusterer.add("later", signature(light_rewrite(STORY)), when=when(4))
    found = clusterer.add("early", signature(STORY), when=when(1))
    assert found.cluster_id == "early"
    assert found.relabeled == "late"
    assert clusterer.cluster_of("late") == clusterer.cluster_of("later") == "early"


def test_short_texts_never_cluster() -> None:
    clusterer = ArticleClusterer()
    clusterer.add("a", signature("Talks in Moscow"), when=when(1))
    assert clusterer.add("b", signature("Talks in Moscow"), when=when(1)).cluster_id == "b"


def test_the_index_keeps_a_window_of_recent_articles() -> None:
    clusterer = ArticleClusterer(window=2)
    clusterer.add("a", signature(STORY), when=when(1))
    clusterer.add("b", signature(OTHER), when=when(2))
    clusterer.add("c", signature(SAME_TOPIC), when=when(3))
    assert len(clusterer) == 2
    assert clusterer.add("d", signature(wire_copy(STORY)), when=when(4)).cluster_id == "d"


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="window"):
        ArticleClusterer(window=0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        ArticleClusterer(threshold=1.5)


# --- with the store ------------------------------------------------------------------------


def article(key: str, text: str, day: int | None) -> Article:
    published = datetime(2025, 10, day, tzinfo=UTC) if day else None
    return Article(id=key, text=text, url=f"https://{key}.example/1", published_at=published)


def cluster_ids(store: Store) -> dict[str, str]:
    return dict(store.db.execute("SELECT id, cluster_id FROM articles ORDER BY id").fetchall())


def test_assign_writes_signatures_and_cluster_ids(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        clusterer = ArticleClusterer()
        for item in (
            article("copy", wire_copy(STORY), 2),
            article("orig", STORY, 1),
            article("other", OTHER, 1),
        ):
            store.put_article(item)
            clusterer.assign(store, item)
        assert cluster_ids(store) == {"copy": "orig", "orig": "orig", "other": "other"}
        rows = store.db.execute("SELECT count(*) FROM article_signatures").fetchone()[0]
        assert rows == 3


def test_from_store_reloads_and_backfills(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        clusterer = ArticleClusterer()
        first = article("orig", STORY, 1)
        store.put_article(first)
        clusterer.assign(store, first)
        store.put_article(article("unsigned", light_rewrite(STORY), 2))  # no signature yet
    with Store(path) as store:
        clusterer = ArticleClusterer.from_store(store)
        assert len(clusterer) == 2
        late = article("late", wire_copy(STORY), 3)
        store.put_article(late)
        assert clusterer.assign(store, late).cluster_id == "orig"
        assert cluster_ids(store) == {"late": "orig", "orig": "orig", "unsigned": "orig"}


def test_undated_articles_use_the_time_they_were_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        clusterer = ArticleClusterer()
        undated = article("undated", STORY, None)
        store.put_article(undated)
        clusterer.assign(store, undated)
        dated = article("dated", wire_copy(STORY), 1)  # published before it was stored
        store.put_article(dated)
        assert clusterer.assign(store, dated).cluster_id == "dated"
        assert cluster_ids(store)["undated"] == "dated"


# --- same happening ------------------------------------------------------------------------


def actor(country: str | None, name: str = "x") -> EventActor:
    return EventActor(None, name, name, country, None, 0, 1)


MOSCOW = Place("Moscow", "RUS", 55.75, 37.62, "city")


def event(**changes: object) -> Event:
    base = Event(
        id="ev1",
        type="CONSULT",
        mode=None,
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        source=(actor("RUS"),),
        target=(actor("SYR"),),
        evidence=Mention(0, 5, "Talks"),
        place=MOSCOW,
        date="2025-10-28",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (event(), True),
        (event(cameo="042", mode="visit"), True),
        (event(type="AGREE", cameo="036"), False),
        (event(date="2025-10-29"), True),
        (event(date="2025-10-27"), True),
        (event(date="2025-10-30"), False),
        (event(date=None), False),
        (event(source=(actor("RUS", "Belousov"), actor("RUS", "Putin"))), True),
        (event(source=(actor("TUR"),)), False),
        (event(target=()), False),
        (event(place=None), True),
        (event(place=Place("Damascus", "SYR", 33.51, 36.29, "city")), False),
        (event(place=Place("Moskva", "RUS", 55.76, 37.61, "city")), True),
        (event(place=Place("Russia", "RUS", None, None, "country")), True),
        (event(place=Place("Damascus", "SYR", 33.5, 36.3, "city"), place_is_dateline=True), True),
        (event(flags=("negated",)), False),
        (event(flags=("reported",)), True),
    ],
)
def test_same_happening(other: Event, same: bool) -> None:
    assert same_happening(event(), other) is same
    assert same_happening(other, event()) is same


def test_statements_match_on_the_cameo_code() -> None:
    comment = event(type=None, cameo="012", quad_class=1, goldstein=-0.4)
    assert same_happening(comment, replace(comment, id="ev2"))
    assert not same_happening(comment, replace(comment, cameo="013"))


def test_utc_iso_normalises_offsets() -> None:
    eastern = datetime(2025, 10, 1, 20, tzinfo=UTC) + timedelta(0)
    assert utc_iso(eastern) == "2025-10-01T20:00:00+00:00"
    assert utc_iso("2025-10-01T23:00:00+03:00") == "2025-10-01T20:00:00+00:00"
    assert utc_iso("2025-10-01T20:00:00") == "2025-10-01T20:00:00+00:00"
