"""Reuters-21578 reader: stories with a body become RawDocs with re-flowed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shared_path

from eventwire.errors import Skip
from eventwire.ingest import read_items
from eventwire.ingest.reuters import parse_date, read_reuters, reflow
from eventwire.records import RawDoc
from eventwire.settings import Settings

SETTINGS = Settings.load()
REUT2_000 = ("data", "text", "reuters21578", "reuters21578", "reut2-000.sgm")


@pytest.fixture(scope="module")
def reut2_000() -> tuple[bytes, list[RawDoc | Skip]]:
    data = shared_path(*REUT2_000).read_bytes()
    return data, list(read_reuters(data, "reut2-000.sgm", SETTINGS))


def test_story_1(reut2_000: tuple[bytes, list[RawDoc | Skip]]) -> None:
    _, items = reut2_000
    first = items[0]
    assert isinstance(first, RawDoc)
    assert (first.source, first.format) == ("reut2-000.sgm#1", "reuters")
    assert first.content.startswith(b'<REUTERS TOPICS="YES"') and first.content.endswith(
        b"</REUTERS>"
    )
    fields = first.fields
    assert fields["title"] == "BAHIA COCOA REVIEW"
    assert fields["published_at"] == "1987-02-26T15:01:01+00:00"
    assert fields["dateline"] == "SALVADOR, Feb 26 -"
    assert fields["places"] == ["el-salvador", "usa", "uruguay"]
    assert fields["topics"] == ["cocoa"]
    assert fields["reuters_newid"] == 1
    text: str = fields["text"]
    assert text.startswith(
        "SALVADOR, Feb 26 - Showers continued throughout the week in the "
        "Bahia cocoa zone, alleviating the drought since early January"
    )
    assert "\nThe dry period means the temporao will be late this year.\n" in text
    assert text.endswith(
        "Brazilian Cocoa Trade Commission after carnival which ends midday on February 27."
    )


def test_every_body_is_read_and_cleaned(reut2_000: tuple[bytes, list[RawDoc | Skip]]) -> None:
    data, items = reut2_000
    with_body = len(re.findall(rb"<BODY>\s*\S", data))
    assert with_body == 925
    assert len(items) == with_body
    assert all(isinstance(i, RawDoc) for i in items)
    for item in items:
        assert isinstance(item, RawDoc)
        text: str = item.fields["text"]
        assert not re.search(r"reuter\W*$", text, re.IGNORECASE), item.source
        assert "\x03" not in text and "&lt;" not in text and "&#" not in text
        assert "\n\n" not in text and text == text.strip()
        if item.fields["dateline"]:
            assert text.startswith(item.fields["dateline"] + " ")


def test_entities_are_unescaped(reut2_000: tuple[bytes, list[RawDoc | Skip]]) -> None:
    _, items = reut2_000
    second = items[1]
    assert isinstance(second, RawDoc) and second.source.endswith("#2")
    assert second.fields["title"] == "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"
    assert "British Petroleum Co Plc <BP>, which" in second.fields["text"]


def test_read_items_detects_reuters_sgml() -> None:
    path = shared_path(*REUT2_000)
    items = list(read_items(path, settings=SETTINGS))
    assert len(items) == 925 and items[0].source == f"{path}#1"


STORY = """<REUTERS TOPICS="NO" NEWID="{newid}">
<DATE>{date}</DATE>
<TOPICS><D>trade</D></TOPICS>
<PLACES><D>usa</D><D>japan</D></PLACES>
<TEXT>&#2;
<TITLE>U.S. &amp; JAPAN TALK</TITLE>
<AUTHOR>    by Jane Roe, Reuters</AUTHOR>
<DATELINE>    WASHINGTON, March 3 - </DATELINE><BODY>The United States and Japan
opened talks on chips.
    Officials said the talks would last
two days.
     Chips  1986    1985
     Exports 1.5     1.2
 REUTER
&#3;</BODY></TEXT>
</REUTERS>
"""


def _story(newid: str = "7", date: str = "3-MAR-1987 09:17:52.46") -> str:
    return STORY.format(newid=newid, date=date)


def test_synthetic_story() -> None:
    data = ('<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + _story()).encode("latin-1")
    [doc] = read_reuters(data, "s.sgm", SETTINGS)
    assert isinstance(doc, RawDoc)
    assert doc.fields == {
        "title": "U.S. & JAPAN TALK",
        "text": "WASHINGTON, March 3 - The United States and Japan opened talks on chips.\n"
        "Officials said the talks would last two days.\n"
        "Chips  1986    1985\n"
        "Exports 1.5     1.2",
        "published_at": "1987-03-03T09:17:52+00:00",
        "dateline": "WASHINGTON, March 3 -",
        "places": ["usa", "japan"],
        "topics": ["trade"],
        "authors": ["Jane Roe"],
        "reuters_newid": 7,
    }


def test_brief_without_body_is_passed_over() -> None:
    brief = (
        '<REUTERS NEWID="8"><DATE>3-MAR-1987 09:00:00.00</DATE><TEXT TYPE="BRIEF">'
        "<TITLE>SHORT ONE</TITLE></TEXT></REUTERS>\n"
    )
    items = list(read_reuters((brief + _story()).encode(), "s.sgm", SETTINGS))
    assert [i.source for i in items] == ["s.sgm#7"]


def test_unclosed_last_story_is_truncated() -> None:
    story = _story()
    data = (story + story[: len(story) // 2]).encode()
    first, last = read_reuters(data, "s.sgm", SETTINGS)
    assert isinstance(first, RawDoc)
    assert isinstance(last, Skip) and last.reason == "truncated"
    assert "after 1 stories" in last.detail


def test_story_without_newid_and_bad_date() -> None:
    data = (_story().replace('NEWID="7"', "") + _story(date="31-MAR-1987 605:12:19.12")).encode()
    first, second = read_reuters(data, "s.sgm", SETTINGS)
    assert isinstance(first, Skip) and first.reason == "bad-record" and "NEWID" in first.detail
    assert isinstance(second, RawDoc)
    assert second.fields["published_at"] == "31-MAR-1987 605:12:19.12"


def test_no_story_at_all() -> None:
    [skip] = read_reuters(b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\nnothing', "s.sgm", SETTINGS)
    assert isinstance(skip, Skip) and skip.reason == "bad-record"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("a\nb\n    c\nd", "a b\nc d"),
        ("a\n\nb", "a\nb"),
        ("\n\n", ""),
    ],
)
def test_reflow(body: str, text: str) -> None:
    assert reflow(body) == text


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01+00:00"),
        (" 5-MAR-1987 09:17:52.46", "1987-03-05T09:17:52+00:00"),
        ("31-MAR-1987 605:12:19.12", None),
    ],
)
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_missing_shared_folder_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import conftest

    monkeypatch.setattr(conftest, "SHARED", Path("/nonexistent/shared"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        conftest.shared_path("x")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        conftest.shared_path("x")
