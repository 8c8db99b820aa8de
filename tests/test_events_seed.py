"""The reference page dump codes exactly the two events of seed/EXPECTED.md."""

from __future__ import annotations

import pytest
from conftest import SEED, shared_path

from eventwire.annotate import annotate
from eventwire.extract.dispatch import extract_doc
from eventwire.records import Annotated, Article, Event, RawDoc

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def seed() -> Annotated:
    path = shared_path(SEED)
    raw = RawDoc(source=str(path), format="pagedump", content=path.read_bytes())
    article = extract_doc(raw)
    assert isinstance(article, Article)
    return annotate(article)


@pytest.fixture(scope="module")
def events(seed: Annotated) -> tuple[Event, ...]:
    return seed.events


def test_exactly_two_events(events: tuple[Event, ...]) -> None:
    assert [e.type for e in events] == ["CONSULT", "SUPPORT"]


def test_meeting(seed: Annotated, events: tuple[Event, ...]) -> None:
    meeting = events[0]
    assert meeting.cameo in {"043", "040", "046"}
    assert meeting.cameo == "043"  # hosted in Moscow by the Russian side
    assert meeting.mode == "visit"
    assert meeting.quad_class == 1
    assert [(a.name, a.country, a.sector) for a in meeting.source] == [
        ("Andrei Belousov", "RUS", "MIL")
    ]
    assert [(a.name, a.country, a.sector) for a in meeting.target] == [
        ("Murhaf Abu Qasra", "SYR", "MIL")
    ]
    assert meeting.place is not None and meeting.place.name == "Moscow"
    assert meeting.date == "2025-10-28" and meeting.date_precision == "day"
    text = seed.article.text
    assert meeting.evidence.text.startswith("Russian Defense Minister Andrei Belousov held")
    assert text[meeting.evidence.start : meeting.evidence.end] == meeting.evidence.text
    starts = [m.text.lstrip('"')[:20] for m in meeting.mentions]
    assert starts == ["Russian Defense Mini", "During the talks, th", "The meeting between "]
    assert meeting.quote is not None  # the lede is the ministry's indirect quote
    assert "reported" in meeting.flags
    assert 0.0 <= meeting.confidence <= 1.0


def test_thanks(events: tuple[Event, ...]) -> None:
    thanks = events[1]
    assert thanks.cameo == "051" and thanks.quad_class == 1
    assert [(a.name, a.country) for a in thanks.source] == [("Murhaf Abu Qasra", "SYR")]
    assert {a.country for a in thanks.target} == {"RUS"}
    assert "Andrei Belousov" in {a.name for a in thanks.target}
    assert thanks.place is not None and thanks.place.name == "Moscow"
    assert not thanks.place_is_dateline
    assert thanks.date == "2025-10-28"
    assert len(thanks.mentions) == 1 and thanks.quote is None


def test_same_input_same_output(seed: Annotated) -> None:
    again = annotate(seed.article)
    assert again.events == seed.events
    assert all(e.coder.startswith("eventwire-lexicon/") for e in seed.events)
