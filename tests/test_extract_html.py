"""extract_html: body text and metadata from hand-written pages (no network, no big corpora)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from eventwire.errors import ExtractError
from eventwire.extract import extract, extract_html
from eventwire.extract.body import tidy
from eventwire.extract.html import published_in_page_offset
from eventwire.extract.metadata import clean_authors, parse_duration
from eventwire.extract.published import url_date
from eventwire.records import Video, article_id

LEDE = (
    "Ministers from four countries agreed on Tuesday to reopen a shipping corridor for grain "
    "through the Black Sea, officials said, easing fears of a new rise in food prices."
)
SECOND = (
    "The agreement, reached after two days of talks in Istanbul, allows cargo ships to leave "
    "three ports under the watch of a joint inspection centre, the ministry said."
)
THIRD = (
    "Shipping companies said they would wait for insurers to confirm cover before sending "
    "vessels, and traders expected the first cargoes to leave within a week."
)

JSONLD_PAGE = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Ministers agree on grain corridor | The Daily Wire Test</title>
<link rel="canonical" href="https://news.example.com/world/grain-corridor?utm_source=rss">
<meta property="og:site_name" content="The Daily Wire Test">
<meta name="keywords" content="grain, Black Sea, shipping">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [
  {{"@type": "Organization", "@id": "https://news.example.com/#org", "name": "Daily Wire Test",
    "legalName": "Daily Wire Test Media Ltd"}},
  {{"@type": "NewsArticle", "headline": "Ministers agree on a Black Sea grain corridor",
    "description": "Ministers from four countries agreed on Tuesday to reopen the corridor.",
    "datePublished": "2024-03-05T23:30:00-05:00", "dateModified": "2024-03-06T08:00:00Z",
    "author": [{{"@type": "Person", "name": "By Jane Doe"}},
               {{"@type": "Person", "name": "John Roe"}}],
    "publisher": {{"@id": "https://news.example.com/#org"}},
    "articleSection": ["World", "Europe"], "inLanguage": "en-GB",
    "keywords": ["diplomacy", "grain"],
    "image": {{"@type": "ImageObject", "url": "https://news.example.com/img/corridor.jpg"}}}}
]}}
</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>Ministers agree on a Black Sea grain corridor</h1>
<p class="byline">By Jane Doe and John Roe</p>
<p>ISTANBUL (Reuters) - {LEDE}</p>
<p>{SECOND}</p>
<p>{THIRD}</p>
</article></main>
<footer><p>© 2024 Daily Wire Test. All rights reserved.</p></footer>
</body>
</html>"""

OPENGRAPH_PAGE = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Grain deal reached - Coast Herald</title>
<meta property="og:title" content="Grain deal reached after Istanbul talks">
<meta property="og:description" content="Four countries agree to reopen a grain corridor.">
<meta property="og:site_name" content="Coast Herald">
<meta property="og:url" content="https://www.coastherald.example/news/grain-deal">
<meta property="og:image" content="/media/grain.jpg">
<meta property="og:locale" content="en_GB">
<meta property="article:published_time" content="2024-03-05T10:15:00+00:00">
<meta property="article:modified_time" content="2024-03-05T12:00:00+00:00">
<meta property="article:section" content="World">
<meta property="article:tag" content="Trade">
<meta property="article:tag" content="Shipping">
<meta property="article:author" content="https://www.facebook.com/someone">
<meta name="author" content="Ann Smith &amp; Bob Jones">
</head>
<body>
<div id="top-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></div>
<div class="layout">
 <div class="story-content">
  <h1>Grain deal reached after Istanbul talks</h1>
  <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
  <p>{LEDE}</p>
  <figure><img src="/media/grain.jpg"><figcaption>A cargo ship in the Bosphorus.</figcaption>
  </figure>
  <p>{SECOND}</p>
  <div class="newsletter-signup"><p>Sign up for our morning newsletter and never miss a
   story from the Coast Herald team, delivered every day.</p></div>
  <p>{THIRD}</p>
  <div class="related-stories"><h3>Related</h3><ul>
   <li><a href="/news/a">Wheat prices fall to a three-month low as exports resume</a></li>
   <li><a href="/news/b">Port workers strike over pay in three cities this weekend</a></li>
  </ul></div>
 </div>
 <aside class="sidebar"><h3>Most read</h3><p>A long sidebar teaser about something else
  entirely, written to look like a paragraph of text but not part of the article.</p></aside>
</div>
<div id="footer">About us · Contact · Privacy policy · Terms of use</div>
</body></html>"""


def test_jsonld_article_fields() -> None:
    url = "https://news.example.com/world/grain-corridor"
    article = extract_html(JSONLD_PAGE.encode(), url=url, source="fixture")
    assert article.title == "Ministers agree on a Black Sea grain corridor"
    assert article.description == (
        "Ministers from four countries agreed on Tuesday to reopen the corridor."
    )
    assert article.canonical_url == url  # tracking parameter dropped
    assert article.id == article_id(url, article.text)
    assert article.site_name == "The Daily Wire Test"
    assert article.publisher == "Daily Wire Test Media Ltd"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.section == "World"
    assert article.keywords == ("grain", "Black Sea", "shipping", "diplomacy")
    assert article.language == "en"
    assert article.image_url == "https://news.example.com/img/corridor.jpg"
    assert article.source == "fixture"
    assert article.format == "html"
    # Records keep UTC; the page's own offset gives the day its readers saw (5 March).
    assert article.published_at == datetime(2024, 3, 6, 4, 30, tzinfo=UTC)
    assert article.published_at.tzinfo is UTC
    local = published_in_page_offset(JSONLD_PAGE, url=url)
    assert local == article.published_at
    assert local is not None
    assert local.date() == date(2024, 3, 5)
    assert local.utcoffset() == timedelta(hours=-5)
    assert article.modified_at == datetime(2024, 3, 6, 8, 0, tzinfo=UTC)
    assert article.text.split("\n") == [f"ISTANBUL (Reuters) - {LEDE}", SECOND, THIRD]
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("ISTANBUL", "Reuters")


def test_public_extract_takes_str_and_bytes() -> None:
    assert extract(JSONLD_PAGE).text == extract(JSONLD_PAGE.encode()).text


def test_opengraph_page_without_chrome() -> None:
    article = extract(OPENGRAPH_PAGE, url="https://www.coastherald.example/news/grain-deal?ref=x")
    assert article.text.split("\n") == [LEDE, SECOND, THIRD]
    assert article.title == "Grain deal reached after Istanbul talks"
    assert article.description == "Four countries agree to reopen a grain corridor."
    assert article.site_name == "Coast Herald"
    assert article.canonical_url == "https://www.coastherald.example/news/grain-deal"
    assert article.image_url == "https://www.coastherald.example/media/grain.jpg"
    assert article.authors == ("Ann Smith", "Bob Jones")  # the profile URL is not a name
    assert article.tags == ("Trade", "Shipping")
    assert article.section == "World"
    assert article.language == "en"
    assert article.published_at == datetime(2024, 3, 5, 10, 15, tzinfo=UTC)
    assert article.modified_at == datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


BROKEN_JSONLD = """<html><head>
<script type="application/ld+json">
<!--
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Flood waters recede in the valley",
 "datePublished": "2023-07-14T06:00:00+02:00",
 "author": "By Maria Rossi",
 "description": "Line one
line two",
}
-->
</script>
<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Unterminated</script>
</head><body><article>
<p>Flood waters receded on Friday across the valley, allowing hundreds of residents to return
to their homes for the first time in a week, the regional authorities said.</p>
<p>Engineers were inspecting two bridges damaged by the torrent, and the main road to the
capital was expected to reopen on Monday after the clean-up of mud and debris.</p>
</article></body></html>"""


def test_broken_jsonld_is_repaired_or_salvaged() -> None:
    article = extract(BROKEN_JSONLD)
    assert article.title == "Flood waters recede in the valley"
    assert article.authors == ("Maria Rossi",)
    assert article.published_at == datetime(2023, 7, 14, 4, 0, tzinfo=UTC)
    local = published_in_page_offset(BROKEN_JSONLD)
    assert local is not None
    assert local.utcoffset() == timedelta(hours=2)
    assert article.description == "Line one line two"
    assert article.text.startswith("Flood waters receded on Friday")


def test_unparseable_jsonld_fields_are_salvaged() -> None:
    page = BROKEN_JSONLD.replace('"author": "By Maria Rossi",', '"author": "By Maria Rossi" oops')
    article = extract(page)
    assert article.title == "Flood waters recede in the valley"


RUSSIAN = (
    "В понедельник вечером в центре Москвы произошёл крупный пожар на складе, сообщили в "
    "пресс-службе МЧС. По данным спасателей, никто не пострадал, однако движение на соседних "
    "улицах было перекрыто на несколько часов. Причины возгорания устанавливаются."
)
FRENCH = (
    "Le gouvernement a annoncé mercredi une série de mesures pour soutenir l’économie, déclarant "
    "qu’il « fallait agir vite ». Les entreprises concernées — surtout les PME — recevront une "
    "aide dès février, a précisé le ministre devant l’Assemblée."
)


def _page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<html><head>{meta}<title>t</title></head><body><article><p>{text}</p>"
        f"<p>{text}</p></article></body></html>"
    ).replace(f"<p>{text}</p><p>{text}</p>", f"<p>{text}</p><p>Second: {text}</p>")


@pytest.mark.parametrize(
    ("text", "encoding", "declared"),
    [
        (RUSSIAN, "cp1251", "windows-1251"),
        (RUSSIAN, "cp1251", None),
        (FRENCH, "cp1252", "windows-1252"),
        (FRENCH, "cp1252", "iso-8859-1"),  # latin-1 labels mean windows-1252 on the web
        (FRENCH, "cp1252", None),
    ],
)
def test_legacy_charsets_decode(text: str, encoding: str, declared: str | None) -> None:
    data = _page(text, declared).encode(encoding)
    article = extract(data)
    assert article.text.split("\n")[0] == text


def test_http_declared_charset_is_used() -> None:
    data = _page(RUSSIAN, None).encode("cp1251")
    assert extract_html(data, encoding="windows-1251").text.split("\n")[0] == RUSSIAN


def test_utf8_page_that_declares_latin1_is_utf8() -> None:
    data = _page(FRENCH, "iso-8859-1").encode("utf-8")
    assert extract(data).text.split("\n")[0] == FRENCH


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
        "",
        "   ",
    ],
)
def test_page_without_body_is_no_body(page: str) -> None:
    with pytest.raises(ExtractError) as caught:
        extract(page, url="https://example.com/empty")
    assert caught.value.reason == "no-body"


def test_script_inside_article_does_not_leak() -> None:
    page = f"""<html><body><article>
    <p>{LEDE}</p><script>alert(1)</script><p>{SECOND}<script>document.write("x")</script></p>
    <noscript>Please enable JavaScript to read this page.</noscript>
    <style>p {{ color: red }}</style><p>{THIRD}</p></article></body></html>"""
    text = extract(page).text
    assert "alert" not in text and "document.write" not in text and "color" not in text
    assert "JavaScript" not in text
    assert text.split("\n") == [LEDE, SECOND, THIRD]


VIDEO_PAGE = f"""<html><head>
<script type="application/ld+json">
[{{"@type": "NewsArticle", "headline": "Storm footage",
   "video": {{"@type": "VideoObject", "name": "Storm hits the coast", "duration": "PT1M30S",
             "thumbnailUrl": ["https://cdn.example.com/thumb.jpg"]}}}}]
</script></head><body><article><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p></article>
</body></html>"""


def test_video_object() -> None:
    article = extract(VIDEO_PAGE)
    assert article.video == Video(
        name="Storm hits the coast",
        duration_s=90,
        thumbnail_url="https://cdn.example.com/thumb.jpg",
    )


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("PT1M30S", 90),
        ("PT2H", 7200),
        ("P0DT0H3M", 180),
        ("PT45.5S", 46),
        ("P1DT1S", 86401),
        ("1:02:03", 3723),
        ("4:05", 245),
        ("120", 120),
        ("PT", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_duration(value: str | None, seconds: int | None) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["By Jane Doe"], ("Jane Doe",)),
        (["Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
        (["Jane Doe, John Roe & Ann Smith"], ("Jane Doe", "John Roe", "Ann Smith")),
        (["Jane Doe", "jane doe"], ("Jane Doe",)),
        (["https://www.facebook.com/jane"], ()),
        (["Written by: Jane Doe"], ("Jane Doe",)),
    ],
)
def test_clean_authors(names: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(names) == expected


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/2020/02/17/story-slug/", date(2020, 2, 17)),
        ("https://example.com/news/20200413/story", date(2020, 4, 13)),
        ("https://example.com/a/2020-03-05-story.html", date(2020, 3, 5)),
        ("https://example.com/2020/13/01/story", None),
        ("https://example.com/story/120200622120908039/", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, day: date | None) -> None:
    assert url_date(url) == day


def test_utc_time_is_read_in_the_publishers_zone() -> None:
    page = OPENGRAPH_PAGE.replace("2024-03-05T10:15:00+00:00", "2024-03-06T02:54:00Z")
    url = "https://www.coastherald.example/news/grain-deal"
    assert extract(page, url=url).published_at == datetime(2024, 3, 6, 2, 54, tzinfo=UTC)
    local = published_in_page_offset(page, url=url)
    assert local is not None
    assert local.date() == date(2024, 3, 6)  # London: UTC+0 in March
    us_page = page.replace('content="en_GB"', 'content="en_US"')
    us_local = published_in_page_offset(us_page, url=url)
    assert us_local == datetime(2024, 3, 6, 2, 54, tzinfo=UTC)
    assert us_local is not None
    assert us_local.date() == date(2024, 3, 5)  # evening in New York
    assert us_local.utcoffset() == timedelta(hours=-5)


def test_url_day_settles_a_utc_time_near_midnight() -> None:
    page = OPENGRAPH_PAGE.replace("2024-03-05T10:15:00+00:00", "2024-03-06T02:54:00Z").replace(
        '<meta property="og:locale" content="en_GB">', ""
    )
    url = "https://www.example.com/2024/03/05/grain-deal"
    assert extract(page, url=url).published_at == datetime(2024, 3, 6, 2, 54, tzinfo=UTC)
    local = published_in_page_offset(page, url=url)
    assert local == datetime(2024, 3, 6, 2, 54, tzinfo=UTC)
    assert local is not None
    assert local.date() == date(2024, 3, 5)


def test_url_of_a_standalone_page_is_its_canonical_url() -> None:
    article = extract(OPENGRAPH_PAGE)
    assert article.url == article.canonical_url == "https://www.coastherald.example/news/grain-deal"


def test_publisher_meta_and_visible_byline() -> None:
    page = f"""<html><head><meta name="publisher" content="Coast Media Ltd">
    <meta name="description" content="x"></head><body><article>
    <h1>Grain deal</h1><p class="standfirst">Four countries agree to reopen the corridor.</p>
    <div class="meta"><span class="by">By Ann Smith and Bob Jones</span></div>
    <div class="text"><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p></div></article></body></html>"""
    article = extract(page)
    assert article.publisher == "Coast Media Ltd"
    assert article.authors == ("Ann Smith", "Bob Jones")
    assert article.text.split("\n") == [LEDE, SECOND, THIRD]


def test_date_after_the_headline_when_markup_has_none() -> None:
    page = f"""<html><head><meta property="og:title" content="Bridge reopens after repairs">
    </head><body><div class="masthead">Tuesday, 8 December 2020</div>
    <h1>Bridge reopens after repairs</h1><p class="meta">By Staff | 13 Oct 2020 18:29</p>
    <article><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p></article></body></html>"""
    article = extract(page, url="https://example.com/news/bridge")
    assert article.published_at is not None
    assert article.published_at.date() == date(2020, 10, 13)


def test_tidy_drops_repeated_headline_and_byline() -> None:
    paragraphs = ["Bridge reopens", "By Jane Doe | 5 March 2024", LEDE, SECOND]
    assert tidy(paragraphs, "Bridge reopens", ("Jane Doe",)) == [LEDE, SECOND]
    assert tidy([LEDE, "By the way, this is text."], "Other", ()) == [
        LEDE,
        "By the way, this is text.",
    ]


def test_whole_jsonld_article_body_is_used() -> None:
    body = " ".join([LEDE, SECOND, THIRD])
    page = f"""<html><head><script type="application/ld+json">
    {{"@type": "NewsArticle", "headline": "Grain corridor",
      "articleBody": "{LEDE}\\n{SECOND}\\n{THIRD}"}}</script></head>
    <body><div class="content"><p>{LEDE}</p><p>Read more: Other story</p>
    <div class="promo-box"><p>Subscribe now for unlimited access to all our journalism.</p>
    </div><p>{SECOND}</p></div></body></html>"""
    article = extract(page)
    assert " ".join(article.text.split("\n")) == body


def test_teaser_articlebody_is_not_taken_for_the_article() -> None:
    page = f"""<html><head><script type="application/ld+json">
    {{"@type": "NewsArticle", "headline": "Grain corridor", "articleBody": "Ministers agreed."}}
    </script></head><body><article><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p></article>
    </body></html>"""
    assert extract(page).text.split("\n") == [LEDE, SECOND, THIRD]


def test_teaser_cards_inside_the_article_are_dropped() -> None:
    cards = "".join(
        f'<li><div class="next"><h2><a href="/story/{i}">Another headline number {i}</a></h2>'
        f"<p>A summary of another story, long enough to look like a paragraph of text {i}.</p>"
        "</div></li>"
        for i in range(3)
    )
    page = f"""<html><body><article><p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p>
    <section><ul>{cards}</ul></section></article></body></html>"""
    assert extract(page, url="https://example.com/story/main").text.split("\n") == [
        LEDE,
        SECOND,
        THIRD,
    ]
