"""The vocabulary of the HTML extractor: meta names, JSON-LD types, CSS selectors and class-name
patterns.  Data, not logic: :mod:`.metadata` and :mod:`.body` read these tables.

Names are compared lower-cased.  Lists are ordered by trust: the first one found wins.
"""

from __future__ import annotations

import re

# --- JSON-LD -----------------------------------------------------------------------------------

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "discussionforumposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "review",
        "medicalwebpage",
    }
)
"""``@type`` values of the main article object (compared lower-cased)."""

PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage", "profilepage"})
"""Page objects: a fallback for dates and names when there is no article object."""

VIDEO_TYPES = frozenset({"videoobject"})
ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})

# --- <meta> names, in order of trust -------------------------------------------------------------

TITLE_META = ("og:title", "twitter:title", "dc.title", "headline", "title")
DESCRIPTION_META = ("description", "og:description", "twitter:description", "dc.description")
PUBLISHER_META = ("publisher", "dc.publisher", "dcterms.publisher", "article:publisher")
SITE_NAME_META = ("og:site_name", "application-name", "al:android:app_name")
"""``og:site_name``, then the JSON-LD publisher's name, then these."""
IMAGE_META = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "thumbnail",
    "image",
)
URL_META = ("og:url", "twitter:url")
SECTION_META = (
    "article:section",
    "section",
    "og:article:section",
    "article.section",
    "parsely-section",
    "category",
)
TAG_META = ("article:tag", "og:article:tag")
KEYWORD_META = ("keywords", "news_keywords")
AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "dcterms.creator",
)
LANGUAGE_META = ("og:locale", "content-language", "language", "dc.language", "lang")

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "article:published_date",
    "datepublished",
    "published_time",
    "og:published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "pub_date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "datecreated",
    "sailthru.date",
    "parsely-pub-date",
    "bt:pubdate",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "citation_date",
    "article.published",
    "published_at",
    "uploaddate",
    "release_date",
    "og:pubdate",
    "originalpublicationdate",
    "ptime",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "article:modified_date",
    "article:updated_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "bt:moddate",
    "last-modified",
    "last_updated_date",
    "lastmod",
    "utime",
)

# --- elements ----------------------------------------------------------------------------------

PUBLISHED_ELEMENTS = (
    '[itemprop="datePublished"]',
    "time[pubdate]",
    '[itemprop="dateCreated"]',
)
"""Elements whose ``content`` or ``datetime`` attribute is the publication time."""

MODIFIED_ELEMENTS = ('[itemprop="dateModified"]',)

BYLINE_ELEMENTS = (
    '[itemprop="author"] [itemprop="name"]',
    '[rel="author"]',
    '[itemprop="author"]',
    ".byline .author",
    ".author-name",
    ".byline__name",
    ".byline-name",
    ".byline",
    ".author",
    ".by",
    '[class*="byline"]',
)
"""Elements holding author names, used only when no structured author is found."""

# --- the body ----------------------------------------------------------------------------------

DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "math",
    "canvas",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "img",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "label",
    "link",
    "meta",
    "head",
    "dialog",
]
"""Tags removed with their content before the body is looked for."""

CHROME = 'nav, figure, figcaption, menu, [role="navigation"], [role="menu"], [role="search"]'
"""Page chrome, always removed."""
MAYBE_CHROME = (
    'header, footer, aside, [role="banner"], [role="contentinfo"], [role="complementary"]'
)
"""Page chrome, removed unless it holds most of the page's text (a video transcript may sit in
the ``<footer>`` of an ``<article>``)."""

BODY_SELECTORS = (
    '[itemprop="articleBody"]',
    '[itemprop="articlebody"]',
    '[property="articleBody"]',
    "[data-article-body]",
    ".article-body",
    ".article__body",
    ".articleBody",
    ".article-content",
    ".article__content",
    ".story-body",
    ".storytext",
    ".story-text",
    ".entry-content",
    ".post-content",
    ".post-body",
    ".content-body",
    "#article-body",
    "#articleBody",
    "#story-body",
    "article",
)
"""Containers that usually hold the article text; a hint, checked against the paragraph scores."""

SCORED_TAGS = "p, pre, td, blockquote, h2, h3, h4, h5, h6, section, dd"
"""Elements whose text feeds the container scores (readability's choice, plus quotes)."""

TEASER_LINKS = "h2 a[href], h3 a[href], h4 a[href], h5 a[href], h6 a[href]"
"""Links in sub-headings: inside an article body, a sub-heading that is all link to another
page is the headline of a card promoting another story."""

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "center",
        "body",
        "html",
    }
)
"""Elements that start a new paragraph when the body text is written out."""

# Class and id patterns (readability's, widened with news-site chrome seen on many sites), matched
# against the lower-cased ``class`` and ``id`` values joined by a space.
UNLIKELY = re.compile(
    r"-ad-|^ads?$|^ad-|-ads$|advert|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|"
    r"disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|"
    r"sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|"
    r"yom-remote|share|sharing|newsletter|subscri|signup|sign-up|promo|recommend|trending|"
    r"carousel|swiper|slick-|ticker|recirc|"
    r"most-?popular|most-?read|outbrain|taboola|cookie|consent|modal|toolbar|widget|"
    r"masthead|navbar|navigation|author-?bio|more-?stories|read-?more|also-?read|"
    r"print-?only|screen-?reader|sr-only|visually-?hidden|offscreen",
)
MAYBE = re.compile(r"article|body|column|content|main|shadow|story|entry|post-?text|text")
NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|"
    r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
    r"sponsor|shopping|tags|widget|caption|credit|byline|newsletter|teaser|card|"
    r"recirc|more-|nav|menu",
)
POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|"
    r"paragraph",
)
INSIDE_JUNK = re.compile(
    r"share|sharing|social|newsletter|subscri|signup|promo|related|recommend|"
    r"advert|-ad-|^ad-|^ads?$|caption|credit|byline|author-?info|author-?bio|"
    r"tags|tag-?list|keywords|comment|read-?more|more-?stories|also-?read|outbrain|taboola|"
    r"toolbar|print-?only|sr-only|visually-?hidden|screen-?reader|"
    r"breadcrumb|pagination|timestamp|dateline-?time|published-?date|embed|inline-?video|"
    r"recirc|\bbio\b|contributor|author-?(?:description|about|details)|about-?the-?author|"
    r"follow-?author|standfirst|\bdeck\b|\bdek\b|kicker|strapline|sub-?headline",
)
"""Descendants of the chosen container dropped when the body is written out (if small)."""

_TIMESTAMP_WORDS = """updated update published posted last modified on at am pm a m p
edt est cdt cst mdt mst pdt pst akdt akst hst gmt utc bst cet cest eet eest ist jst aest aedt
mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun
sunday jan january feb february mar march apr april may jun june jul july aug august sep sept
september oct october nov november dec december"""
TIMESTAMP_WORDS = frozenset(_TIMESTAMP_WORDS.split())
"""The words of a line that is only a time stamp (``Updated: May 15, 2020, 07:02pm EDT``)."""

BOILERPLATE_LINE = re.compile(
    r"^(?:advertisement|advertisements|ad|sponsored|story continues below|"
    r"continue reading(?: below| the main story)?|read more|read more:.*|related:?.*|"
    r"share this(?: article| story)?:?|share on \w+|follow us(?: on .*)?|"
    r"sign up.*newsletter.*|click here.*|all rights reserved\.?|"
    r"(?:copyright|©).{0,120}|photo:.*|image:.*|image source.*|getty images|"
    r"this article (?:was|is) (?:originally )?published.*|"
    r"(?:we|you) (?:may|might) (?:also )?like.*|recommended.*|more from .*|"
    r"(?:follow|subscribe to|sign up for) .{0,60}(?:never miss|updates?|newsletter).*|"
    r"get (?:our )?updates in your inbox.*|"
    r"skip (?:to )?(?:main )?(?:content|advertisement).*|"
    r"(?:keywords?|tags?|topics?)\s*:.*|.{0,20}(?:责任编辑|責任編輯).*)$",
    re.IGNORECASE,
)
"""Short lines that are page furniture, not article text (checked on lines under 120 chars)."""

# --- time zones ----------------------------------------------------------------------------------

COUNTRY_ZONES = {
    "us": "America/New_York",
    "ca": "America/Toronto",
    "mx": "America/Mexico_City",
    "br": "America/Sao_Paulo",
    "ar": "America/Argentina/Buenos_Aires",
    "cl": "America/Santiago",
    "pe": "America/Lima",
    "ve": "America/Caracas",
    "ec": "America/Guayaquil",
    "uy": "America/Montevideo",
    "cu": "America/Havana",
    "do": "America/Santo_Domingo",
    "gt": "America/Guatemala",
    "pr": "America/Puerto_Rico",
    "jm": "America/Jamaica",
    "uk": "Europe/London",
    "gb": "Europe/London",
    "ie": "Europe/Dublin",
    "fr": "Europe/Paris",
    "de": "Europe/Berlin",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "pt": "Europe/Lisbon",
    "nl": "Europe/Amsterdam",
    "be": "Europe/Brussels",
    "lu": "Europe/Luxembourg",
    "ch": "Europe/Zurich",
    "at": "Europe/Vienna",
    "se": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "is": "Atlantic/Reykjavik",
    "pl": "Europe/Warsaw",
    "cz": "Europe/Prague",
    "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "gr": "Europe/Athens",
    "cy": "Asia/Nicosia",
    "tr": "Europe/Istanbul",
    "ru": "Europe/Moscow",
    "ua": "Europe/Kiev",
    "by": "Europe/Minsk",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "ee": "Europe/Tallinn",
    "rs": "Europe/Belgrade",
    "hr": "Europe/Zagreb",
    "si": "Europe/Ljubljana",
    "ba": "Europe/Sarajevo",
    "mk": "Europe/Skopje",
    "al": "Europe/Tirane",
    "md": "Europe/Chisinau",
    "il": "Asia/Jerusalem",
    "ir": "Asia/Tehran",
    "iq": "Asia/Baghdad",
    "ae": "Asia/Dubai",
    "sa": "Asia/Riyadh",
    "qa": "Asia/Qatar",
    "kw": "Asia/Kuwait",
    "jo": "Asia/Amman",
    "lb": "Asia/Beirut",
    "eg": "Africa/Cairo",
    "ma": "Africa/Casablanca",
    "dz": "Africa/Algiers",
    "tn": "Africa/Tunis",
    "za": "Africa/Johannesburg",
    "ng": "Africa/Lagos",
    "gh": "Africa/Accra",
    "ke": "Africa/Nairobi",
    "et": "Africa/Addis_Ababa",
    "ug": "Africa/Kampala",
    "tz": "Africa/Dar_es_Salaam",
    "zw": "Africa/Harare",
    "in": "Asia/Kolkata",
    "pk": "Asia/Karachi",
    "bd": "Asia/Dhaka",
    "lk": "Asia/Colombo",
    "np": "Asia/Kathmandu",
    "cn": "Asia/Shanghai",
    "hk": "Asia/Hong_Kong",
    "tw": "Asia/Taipei",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "sg": "Asia/Singapore",
    "my": "Asia/Kuala_Lumpur",
    "id": "Asia/Jakarta",
    "ph": "Asia/Manila",
    "th": "Asia/Bangkok",
    "vn": "Asia/Ho_Chi_Minh",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
    "az": "Asia/Baku",
    "kz": "Asia/Almaty",
    "ge": "Asia/Tbilisi",
    "am": "Asia/Yerevan",
    "uz": "Asia/Tashkent",
    "mn": "Asia/Ulaanbaatar",
}
"""A country's principal time zone, by ISO 3166 code (and the ``uk`` domain).  A time a page
gives in UTC is shown in its publisher's zone: the country comes from the host's country-code
domain, else from the region of the page's locale (``en_US``, ``fr-CA``)."""

GENERIC_DOMAINS = frozenset(
    {
        "co",
        "io",
        "tv",
        "me",
        "ly",
        "fm",
        "ai",
        "gg",
        "cc",
        "ws",
        "to",
        "la",
        "nu",
        "sh",
        "ac",
        "vc",
        "eu",
        "asia",
    }
)
"""Country-code domains used as generic ones: they say nothing of where a site is."""
