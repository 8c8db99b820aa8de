"""Feed reader: RSS and Atom entries become RawDocs; broken XML is a bad-xml skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import Skip
from eventwire.ingest import read_items
from eventwire.ingest.feeds import html_to_text, read_feed
from eventwire.records import RawDoc
from eventwire.settings import Settings

SETTINGS = Settings.load()

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example News</title><link>https://news.example/</link><language>en-gb</language>
  <item>
    <title>Talks &amp; more</title>
    <link>https://news.example/talks</link>
    <description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt; &amp;amp; more&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <b>body</b> text.</p><script>alert(1)</script>]]>
    </content:encoded>
    <pubDate>Tue, 28 Oct 2025 10:00:00 +0100</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <category>Politics</category><category>Europe</category>
    <media:content url="https://img.example/a.jpg" medium="image"/>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://news.example/summary</link>
    <description>Just a teaser.</description>
    <pubDate>sometime last week</pubDate>
    <enclosure url="https://img.example/b.png" type="image/png" length="1"/>
  </item>
  <item><title>Nothing to read</title></item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Atom Site</title>
  <entry>
    <title type="html">Wahl &lt;em&gt;heute&lt;/em&gt;</title>
    <link href="https://atom.example/wahl"/>
    <published>2025-10-27T09:00:00+02:00</published>
    <updated>2025-10-28T10:00:00Z</updated>
    <author><name>A One</name></author><author><name>B Two</name></author>
    <category term="Politik"/>
    <summary>Kurz.</summary>
    <content type="html">&lt;p&gt;Lang und
      &lt;a href="/x"&gt;ausf\xc3\xbchrlich&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain</title>
    <link href="https://atom.example/plain"/>
    <updated>2025-10-28T11:00:00Z</updated>
    <content type="text">First paragraph &amp; more.

Second &lt;paragraph&gt;.</content>
  </entry>
</feed>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF Site</title>
    <link>https://rdf.example/</link><description>d</description></channel>
  <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link>
    <description>First item.</description><dc:date>2025-10-28T08:00:00Z</dc:date></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old Site</title><link>https://old.example/</link>
<description>d</description><language>en</language>
<item><title>Old news</title><link>https://old.example/1</link>
<description>Old description.</description></item></channel></rss>"""


def _read(data: bytes, source: str = "feed.xml") -> list[RawDoc | Skip]:
    return list(read_feed(data, source, SETTINGS))


def test_rss2_entries() -> None:
    first, second, third = _read(RSS2)
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc)
    assert (first.source, first.format, first.url) == (
        "feed.xml#1",
        "feed",
        "https://news.example/talks",
    )
    assert first.content == b"<p>Full <b>body</b> text.</p>"  # feedparser drops the script
    assert first.fields == {
        "title": "Talks & more",
        "url": "https://news.example/talks",
        "published_at": "2025-10-28T09:00:00+00:00",
        "modified_at": None,
        "authors": ["Jane Roe"],
        "tags": ["Politics", "Europe"],
        "description": "Short summary & more",
        "site_name": "Example News",
        "language": "en-gb",
        "image_url": "https://img.example/a.jpg",
        "text_html": "<p>Full <b>body</b> text.</p>",
    }
    assert second.content == b"Just a teaser."
    assert second.fields["text_html"] is None
    assert second.fields["published_at"] == "sometime last week"  # unparsed: kept raw
    assert second.fields["image_url"] == "https://img.example/b.png"
    assert isinstance(third, Skip) and third.reason == "bad-record"
    assert third.source == "feed.xml#3"


def test_atom_entries() -> None:
    first, second = _read(ATOM)
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc)
    assert first.url == "https://atom.example/wahl"
    assert first.fields["title"] == "Wahl heute"
    assert first.fields["published_at"] == "2025-10-27T07:00:00+00:00"
    assert first.fields["modified_at"] == "2025-10-28T10:00:00+00:00"
    assert first.fields["authors"] == ["A One", "B Two"]
    assert first.fields["tags"] == ["Politik"]
    assert first.fields["description"] == "Kurz."
    assert first.fields["site_name"] == "Atom Site"
    assert "ausführlich" in first.content.decode()
    # Plain-text content is escaped into HTML paragraphs; only an updated date: it is both.
    assert second.content == (b"<p>First paragraph &amp; more.</p><p>Second &lt;paragraph&gt;.</p>")
    assert (
        second.fields["published_at"]
        == second.fields["modified_at"]
        == ("2025-10-28T11:00:00+00:00")
    )


@pytest.mark.parametrize(
    ("data", "url", "title", "site"),
    [
        (RSS1, "https://rdf.example/1", "One", "RDF Site"),
        (RSS091, "https://old.example/1", "Old news", "Old Site"),
    ],
)
def test_older_rss_versions(data: bytes, url: str, title: str, site: str) -> None:
    [doc] = _read(data)
    assert isinstance(doc, RawDoc)
    assert (doc.url, doc.fields["title"], doc.fields["site_name"]) == (url, title, site)


def test_relative_links_resolve_against_a_feed_url() -> None:
    data = b"<rss version='2.0'><channel><item><link>/a/1</link><description>x</description>"
    data += b"</item></channel></rss>"
    [doc] = _read(data, source="https://base.example/feeds/rss")
    assert isinstance(doc, RawDoc) and doc.url == "https://base.example/a/1"


@pytest.mark.parametrize(
    "data",
    [
        b"<rss version='2.0'><channel><item><title>x</ti",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>&bogus;<",
    ],
)
def test_broken_xml_is_bad_xml(data: bytes) -> None:
    [skip] = _read(data)
    assert isinstance(skip, Skip) and skip.reason == "bad-xml"
    assert "line" in skip.detail and "column" in skip.detail


def test_feed_without_entries_is_empty() -> None:
    [skip] = _read(b"<rss version='2.0'><channel><title>T</title></channel></rss>")
    assert isinstance(skip, Skip) and skip.reason == "empty"


def test_bytes_that_name_a_file_are_not_opened(tmp_path: Path) -> None:
    # feedparser.parse(b"/some/path") would open and parse that file.
    path = tmp_path / "secret.xml"
    path.write_bytes(RSS091)
    items = _read(str(path).encode())
    assert not any(isinstance(i, RawDoc) for i in items)


def test_read_items_detects_feeds(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(ATOM)
    items = list(read_items(path, settings=SETTINGS))
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2"]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>a</p><p>b &amp; c</p>", "a b & c"),
        ("x<script>var y = '<p>';</script> z", "x z"),
        ("plain   text", "plain text"),
        ("<b>unclosed", "unclosed"),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text
