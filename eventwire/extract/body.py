"""The article text of a parsed page, one paragraph a line.

Three ways, cheapest first:

1. the container finder on the selectolax tree (readability's paragraph scores: text length,
   commas, link density, class-name hints; a block that shares no words with the title and
   description gives way to one that does), written out block by block with page furniture
   (share bars, captions, bylines, teaser cards, related links) left out;
2. the JSON-LD ``articleBody`` when it is the whole article (long, and covering the page's
   paragraphs) — then the page's own paragraphs that it covers, or the ``articleBody`` itself;
3. trafilatura (``favor_precision``) on the page, only when the finder has a reason to doubt
   its text (:func:`_doubt`: short, a small share of the page, off-topic, a teaser list...).

The finder changes the tree (it removes scripts and chrome), so metadata is read first.
Thresholds were set on the newspaper3k, newspaper4k and mozilla/readability fixture pages and
checked against trafilatura's output on the htmldate 2020 news pages (no gold text there).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import selectors as sel


@dataclass(frozen=True, slots=True)
class Body:
    paragraphs: list[str]
    method: str
    """``container``, ``jsonld``, ``trafilatura`` or ``none``."""
    confident: bool = True
    doubt: str = ""
    """Why the container finder was not sure (``short``, ``small-share``, ``off-topic``...)."""


@dataclass(slots=True)
class _Candidate:
    node: LexborNode
    score: float


# --- entry point -------------------------------------------------------------------------------


def find_body(
    tree: LexborHTMLParser,
    html: str,
    *,
    url: str | None = None,
    article_body: str | None = None,
    hint: str = "",
    allow_fallback: bool = True,
) -> Body:
    """The article paragraphs of the page parsed in ``tree`` (whose source is ``html``).

    ``hint`` is what the page says the article is about (its title and description): the
    article text shares words with it, a block of page furniture seldom does.
    """
    root = tree.body
    hints = _tokens(hint)
    found = _container_body(tree, root, hints, url) if root is not None else Body([], "none", False)
    if article_body:
        checked = _jsonld_body(article_body, found, hints)
        if checked is not None:
            return checked
    if found.confident or not allow_fallback:
        return found
    fallback = _trafilatura_body(html, url)
    return _choose(found, fallback)


# --- 1. the container finder ---------------------------------------------------------------------


def _container_body(
    tree: LexborHTMLParser, root: LexborNode, hints: set[str], url: str | None
) -> Body:
    tree.strip_tags(sel.DROP_TAGS)
    _remove_hidden(root)
    total = _own_chars(root)
    _remove_chrome(root, total)
    _remove_unlikely(root, total)
    top, candidates = _top_candidate(root, hints)
    if top is None:
        return Body([], "none", False, "no-candidate")
    nodes = _with_siblings(top, candidates)
    paragraphs = _write(nodes, url)
    text_chars = sum(len(p) for p in paragraphs)
    doubt = _doubt(top, paragraphs, text_chars, total)
    if (
        not doubt
        and len(hints) >= MIN_HINTS
        and _overlap(hints, " ".join(paragraphs)) < CONFIDENT_OVERLAP
    ):
        doubt = "off-topic"
    return Body(paragraphs, "container", not doubt, doubt)


def _remove_hidden(root: LexborNode) -> None:
    _decompose(
        root.css(
            '[hidden], [aria-hidden="true"], [style*="display:none" i], '
            '[style*="display: none" i], [style*="visibility:hidden" i], '
            '[style*="visibility: hidden" i]'
        )
    )


def _own_chars(node: LexborNode) -> int:
    """Characters of text outside links (white space folded)."""
    text = len(" ".join(node.text(deep=True, separator=" ").split()))
    linked = sum(len(" ".join(a.text(deep=True).split())) for a in node.css("a"))
    return max(text - linked, 0)


def _remove_chrome(root: LexborNode, total: int) -> None:
    _decompose(root.css(sel.CHROME))
    _decompose([n for n in root.css(sel.MAYBE_CHROME) if not _holds_article(n, total)])


def _remove_unlikely(root: LexborNode, total: int) -> None:
    doomed = []
    for node in root.css("[class], [id]"):
        if not _flags(_class_key(node)) & _UNLIKELY:
            continue
        if node.tag in _NEVER_UNLIKELY or "articlebody" in (node.attrs.get("itemprop") or ""):
            continue
        if not _holds_article(node, total):
            doomed.append(node)
    _decompose(doomed)


_NEVER_UNLIKELY = frozenset(
    {"body", "html", "article", "main", "a", "p", "td", "tr", "table", "h2", "h3", "h4", "h5", "h6"}
)


_UNLIKELY, _JUNK, _NEGATIVE, _POSITIVE = 1, 2, 4, 8


@lru_cache(maxsize=8192)
def _flags(key: str) -> int:
    """What the class names say: unlikely chrome, junk inside a body, negative, positive.

    Cached: pages repeat the same class strings many times, and the patterns are long.
    """
    maybe = sel.MAYBE.search(key) is not None
    unlikely = sel.UNLIKELY.search(key) is not None
    flags = 0
    if unlikely and not maybe:
        flags |= _UNLIKELY
    if sel.INSIDE_JUNK.search(key) and (unlikely or not maybe):
        flags |= _JUNK
    if sel.NEGATIVE.search(key):
        flags |= _NEGATIVE
    if sel.POSITIVE.search(key):
        flags |= _POSITIVE
    return flags


def _class_key(node: LexborNode) -> str:
    """The lower-cased ``class`` and ``id`` of ``node``, joined by a space.

    An id made from a heading (``sharing-with-a-single-developer``: four words and more) names
    the content, not the block's role, and is left out.
    """
    attrs = node.attrs
    ident = attrs.get("id") or ""
    if len(_SLUG_SEPARATOR.findall(ident)) >= 3:
        ident = ""
    return f"{attrs.get('class') or ''} {ident}".lower()


_SLUG_SEPARATOR = re.compile(r"-(?=[a-z])")


def _holds_article(node: LexborNode, total: int) -> bool:
    """Does ``node`` hold most of the page's text outside links (then it is no chrome)?"""
    if len(node.text(deep=True)) < 0.5 * total:
        return False  # the cheap bound: most nodes stop here
    return _own_chars(node) > 0.5 * total


def _decompose(nodes: list[LexborNode]) -> None:
    # Innermost first: a node is removed before the ancestor that would free it.
    for node in reversed(nodes):
        node.decompose()


# Readability's initial scores by tag.
_TAG_SCORE = {
    "div": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_COMMAS = re.compile(r"[,，、،]")
MIN_PARAGRAPH = 25
"""Characters a scored element needs (readability's threshold)."""


def _top_candidate(
    root: LexborNode, hints: set[str]
) -> tuple[_Candidate | None, dict[LexborNode, _Candidate]]:
    candidates: dict[LexborNode, _Candidate] = {}
    known = set(root.css(_BODY_SELECTOR))
    elements = list(root.css(sel.SCORED_TAGS))
    # Text held directly by a <div> (text and <br> lines without <p>) counts as a paragraph.
    elements += [d for d in root.css("div") if len(d.text(deep=False).strip()) >= 80]
    for element in elements:
        text = element.text(deep=True)
        length = len(text.strip())
        if length < MIN_PARAGRAPH:
            continue
        if element.tag == "div":
            text = element.text(deep=False)
            length = len(text.strip())
        points = 1 + len(_COMMAS.findall(text)) + min(length // 100, 3)
        node: LexborNode | None = element.parent
        for level in range(5):
            if node is None or node.tag in ("html", "#document"):
                break
            candidate = candidates.get(node)
            if candidate is None:
                score = _initial_score(node) + (BODY_BONUS if node in known else 0)
                candidate = candidates[node] = _Candidate(node, score)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            candidate.score += points / divider
            node = node.parent
    if not candidates:
        return None, candidates
    for candidate in candidates.values():
        candidate.score *= 1 - _link_density(candidate.node)
    top = max(candidates.values(), key=lambda c: c.score)
    if len(hints) >= MIN_HINTS:
        top = _on_topic(top, candidates, hints)
    top = _climb(top, candidates)
    return top, candidates


MIN_HINTS = 5
"""Title and description words needed before they are used as a hint."""
OFF_TOPIC = 0.25
ON_TOPIC = 0.5
CONFIDENT_OVERLAP = 0.2
"""Overlaps of the hint words with a block's words.  On newspaper3k, newspaper4k and readability
the gold text holds a median 0.8 of the hint words and nine pages in ten hold over 0.35."""


def _on_topic(
    top: _Candidate, candidates: dict[LexborNode, _Candidate], hints: set[str]
) -> _Candidate:
    """The best-scoring block that shares words with the title, when the top one does not."""
    if _overlap(hints, top.node.text(deep=True, separator=" ")) >= OFF_TOPIC:
        return top
    ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[1:10]
    for candidate in ranked:
        if candidate.score < 0.2 * top.score:
            break
        if _overlap(hints, candidate.node.text(deep=True, separator=" ")) >= ON_TOPIC:
            return candidate
    return top


def _tokens(text: str) -> set[str]:
    """Content words of ``text``: words of four letters and more, and letter pairs of the long
    runs of scripts written without spaces (Chinese, Japanese, Thai)."""
    found: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if len(word) > 12 and not word.isascii():
            found.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= 4:
            found.add(word)
    return found


_WORD = re.compile(r"\w+")


HEAD_CHARS = 3000
"""The head of a block, where its lede should share words with the title and description (a
long block shares some with anything)."""


def _overlap(hints: set[str], text: str) -> float:
    """Share of the hint words found in the head of ``text``."""
    return len(hints & _tokens(text[:HEAD_CHARS])) / len(hints) if hints else 0.0


_BODY_SELECTOR = ", ".join(sel.BODY_SELECTORS)
BODY_BONUS = 25
"""Points for a container that matches a known article-body selector: as much as one positive
class name (readability's weight)."""


def _initial_score(node: LexborNode) -> float:
    return _TAG_SCORE.get(node.tag or "", 0) + _class_weight(node)


def _class_weight(node: LexborNode) -> int:
    attrs = node.attrs
    weight = 0
    for key in ("class", "id"):
        value = attrs.get(key)
        if value:
            flags = _flags(value.lower())
            weight += (25 if flags & _POSITIVE else 0) - (25 if flags & _NEGATIVE else 0)
    if "articlebody" in (attrs.get("itemprop") or "").lower():
        weight += 50
    return weight


def _link_density(node: LexborNode) -> float:
    length = len(node.text(deep=True))
    if not length:
        return 0.0
    linked = sum(len(a.text(deep=True)) for a in node.css("a"))
    return min(linked / length, 1.0)


DILUTION = 3.0
"""How much more text than the near-best blocks their common ancestor may hold (unless it
scores near the best itself)."""


def _climb(top: _Candidate, candidates: dict[LexborNode, _Candidate]) -> _Candidate:
    """Readability's moves up the tree: to the common ancestor of several near-best blocks,
    then to a parent that scores higher, then past only children."""
    ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[:5]
    near = [c for c in ranked[1:] if c.score >= 0.75 * top.score]
    alternatives = [_ancestors(c.node) for c in near]
    if len(alternatives) >= 3:
        for node in _ancestors(top.node):
            if node.tag in ("body", "html"):
                break
            if sum(1 for chain in alternatives if node in chain) >= 3:
                # Unless the common ancestor is mostly something else (a page wrapper with
                # link lists around an article and its neighbours).
                parts = len(top.node.text(deep=True)) + sum(
                    len(c.node.text(deep=True)) for c in near if node in _ancestors(c.node)
                )
                dense = any(c.node == node for c in near) or (
                    len(node.text(deep=True)) <= DILUTION * parts
                )
                if dense and _link_density(node) < 0.4:
                    top = candidates.get(node) or _Candidate(node, top.score)
                break
    threshold = top.score / 3
    last = top.score
    above = top.node.parent
    while above is not None and above.tag not in ("body", "html"):
        parent = candidates.get(above)
        if parent is None:
            above = above.parent
            continue
        if parent.score < threshold:
            break
        if parent.score > last:
            top = parent
            break
        last = parent.score
        above = above.parent
    # An only child is the same article as its parent.
    node = top.node
    while (up := node.parent) is not None and up.tag not in ("body", "html"):
        children = [c for c in up.iter() if c.tag not in ("-text", "-comment")]
        if len(children) != 1:
            break
        node = up
    if node != top.node:
        top = candidates.get(node) or _Candidate(node, top.score)
    return top


def _is_article_body(node: LexborNode) -> bool:
    return "articlebody" in (node.attrs.get("itemprop") or "").lower()


def _ancestors(node: LexborNode) -> list[LexborNode]:
    found = []
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "#document"):
        found.append(parent)
        parent = parent.parent
    return found


def _with_siblings(top: _Candidate, candidates: dict[LexborNode, _Candidate]) -> list[LexborNode]:
    """The top container and the siblings that continue it (readability's rule)."""
    parent = top.node.parent
    if parent is None or top.node.tag in ("body", "article") or _is_article_body(top.node):
        return [top.node]  # a semantic article element is whole
    threshold = max(10.0, top.score * 0.2)
    top_class = top.node.attrs.get("class")
    kept: list[LexborNode] = []
    for sibling in parent.iter():
        if sibling.tag in ("-text", "-comment"):
            continue
        if sibling == top.node:
            kept.append(sibling)
            continue
        if _flags(_class_key(sibling)) & (_JUNK | _UNLIKELY):
            continue  # a standfirst, a caption, a share bar
        bonus = 0.0
        if top_class and sibling.attrs.get("class") == top_class:
            bonus = top.score * 0.2
        candidate = candidates.get(sibling)
        if candidate is not None and candidate.score + bonus >= threshold:
            kept.append(sibling)
        elif sibling.tag == "p":
            text = sibling.text(deep=True).strip()
            density = _link_density(sibling)
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and re.search(r"\.( |$)", text)
            ):
                kept.append(sibling)
    return kept


# --- writing the text out ------------------------------------------------------------------------


class _Writer:
    """Collects paragraphs: text between block boundaries, with the share of linked text."""

    def __init__(self) -> None:
        self.paragraphs: list[tuple[str, int]] = []
        self._parts: list[str] = []
        self._linked = 0
        self.in_link = 0

    def add(self, text: str) -> None:
        if text:
            self._parts.append(text)
            if self.in_link:
                self._linked += len(text.strip())

    def flush(self) -> None:
        if self._parts:
            text = " ".join("".join(self._parts).split())
            if text:
                self.paragraphs.append((text, self._linked))
        self._parts = []
        self._linked = 0


LINKED_LINE = 0.8
"""A paragraph whose text is more than this share link text is a link list, not prose (0.5
lost list items of blogs and wikis on the development sets; 0.7 to 0.85 scored alike)."""


def _write(nodes: list[LexborNode], url: str | None = None) -> list[str]:
    writer = _Writer()
    for node in nodes:
        limit = len(node.text(deep=True))
        writer.flush()
        _write_node(node, writer, limit, _teasers(node, limit, url))
        writer.flush()
    kept: list[str] = []
    for text, linked in writer.paragraphs:
        if linked > LINKED_LINE * len(text):
            continue
        if len(text) < 120 and sel.BOILERPLATE_LINE.match(text):
            continue
        if not any(c.isalnum() for c in text):
            continue  # rules, bullets, separators
        kept.append(text)
    # A date line at the head or the tail is the byline's or the footer's (in the middle it
    # may be content: a schedule).
    edges = {*range(min(3, len(kept))), *range(max(0, len(kept) - 2), len(kept))}
    return [text for i, text in enumerate(kept) if i not in edges or not _is_timestamp(text)]


_STAMP_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def _is_timestamp(text: str) -> bool:
    """Is the line only a date and time (``May 15, 2020, 07:02pm EDT``)?"""
    if len(text) > 60 or not any(c.isdigit() for c in text):
        return False
    tokens = _STAMP_TOKEN.findall(text)
    words = [t.lower() for t in tokens if not t.isdigit()]
    if not words and ":" not in text:
        return False  # a number alone ("2020", "12") may be table data
    return all(w in sel.TIMESTAMP_WORDS for w in words)


def _write_node(node: LexborNode, writer: _Writer, limit: int, skip: set[LexborNode]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            writer.add(child.text_content or "")
            continue
        if tag == "br":
            writer.flush()
            continue
        if tag in ("-comment", "h1") or tag is None:
            continue
        if child in skip or _is_junk(child, limit):
            continue
        block = tag in sel.BLOCK_TAGS
        if block:
            writer.flush()
        if tag == "a":
            writer.in_link += 1
            _write_node(child, writer, limit, skip)
            writer.in_link -= 1
        else:
            _write_node(child, writer, limit, skip)
        if block:
            writer.flush()


TEASER_CHARS = 1200
"""A card linking to another story is shorter than this (headline, summary, byline)."""


def _teasers(node: LexborNode, limit: int, url: str | None) -> set[LexborNode]:
    """Cards that link to other stories inside ``node``: a sub-heading that is all link to
    another page, with the largest block around it that holds no other such heading."""
    cards: set[LexborNode] = set()
    links = node.css(sel.TEASER_LINKS)
    if not links:
        return cards
    page = _url_path(url)
    for link in links:
        href = (link.attrs.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or (page and _url_path(href) == page):
            continue
        heading = link.parent
        while heading is not None and heading.tag not in _HEADINGS:
            heading = heading.parent
        if heading is None:
            continue
        text = len(heading.text(deep=True).strip())
        if not text or len(link.text(deep=True).strip()) < 0.8 * text:
            continue
        card = heading
        while (parent := card.parent) is not None and parent != node:
            size = len(parent.text(deep=True))
            if size > TEASER_CHARS or size > 0.4 * limit:
                break
            if len(parent.css(sel.TEASER_LINKS)) > 1:
                break
            card = parent
        cards.add(card)
    return cards


_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _url_path(url: str | None) -> str | None:
    if not url:
        return None
    path = urlsplit(url).path.rstrip("/")
    return path or None


def _is_junk(node: LexborNode, limit: int) -> bool:
    key = _class_key(node)
    if len(key) < 2 or not _flags(key) & _JUNK:
        return False
    return len(node.text(deep=True)) < 0.4 * limit


# --- tidying ----------------------------------------------------------------------------------

_BYLINE = re.compile(r"^(?:by|por|von|par|di|door|av|af|przez|от|автор)[:\s]", re.IGNORECASE)
BYLINE_CHARS = 120
"""A byline or dateline-with-time line at the head of the text is shorter than this."""


def tidy(paragraphs: list[str], title: str | None, authors: tuple[str, ...]) -> list[str]:
    """The paragraphs without the headline and byline repeated at their head."""
    kept = list(paragraphs)
    key = _flat(title or "").casefold()
    names = [a.casefold() for a in authors if len(a) > 3]
    head = 0
    while head < min(len(kept), 3):
        text = kept[head]
        folded = text.casefold()
        if key and folded == key:
            del kept[head]
            continue
        if (
            len(text) < BYLINE_CHARS
            and not text.endswith((".", "!", "?", '"', "”"))
            and (_BYLINE.match(text) or any(n in folded for n in names))
        ):
            del kept[head]
            continue
        head += 1
    return kept


# --- confidence ----------------------------------------------------------------------------------

CONFIDENT_CHARS = 500
"""Body characters the finder needs before it trusts itself (most news bodies are longer)."""
CONFIDENT_SHARE = 0.2
"""Share of the page's text outside links the chosen body must hold to be trusted.  At 0.5 a
third of the newspaper3k pages went to trafilatura, which did no better on most of them; pages
under 0.2 are mostly ones where the finder picked a fragment."""


def _doubt(top: _Candidate, paragraphs: list[str], chars: int, total: int) -> str:
    """Why the finder's text may not be the article ("" when there is no reason to think so)."""
    if chars < CONFIDENT_CHARS or len(paragraphs) < 3:
        return "short"
    cut = sum(1 for p in paragraphs if p.endswith(("...", "…", "[…]", "[...]")))
    if cut >= 3 and cut >= 0.3 * len(paragraphs):
        return "teasers"  # a list of teasers cut short: a section front, not an article
    if top.node.tag in ("body", "html"):
        return "whole-page"
    if any(n.tag in ("footer", "header", "aside") for n in [top.node, *_ancestors(top.node)]):
        return "in-chrome"  # chrome kept because it holds most of the text: no article?
    if total and chars < CONFIDENT_SHARE * total:
        return f"small-share:{chars / total:.2f}"
    return ""


# --- 2. JSON-LD articleBody ----------------------------------------------------------------------

WHOLE_BODY_CHARS = 400
"""A JSON-LD articleBody shorter than this is a teaser, not the article."""
COVERS_PAGE = 0.8
"""Share of the finder's words an articleBody must hold to be the same (or a longer) text."""


def _jsonld_body(article_body: str, found: Body, hints: set[str]) -> Body | None:
    """The articleBody when it is the whole article, else None.

    Whole means: long, and holding the words of what the finder saw on the page (a teaser or
    a summary does not).  When the finder is unsure, an articleBody about the page's title is
    taken too.  The page's own paragraphs are returned when the articleBody holds them all
    (they keep their boundaries; it vouches that they are article text).
    """
    body = html_lib.unescape(article_body) if "&" in article_body else article_body
    flat = _flat(body)
    if len(flat) < WHOLE_BODY_CHARS:
        return None
    words = _words(flat)
    page_words = _words(" ".join(found.paragraphs))
    covered = len(words & page_words) / len(page_words) if page_words else 1.0
    if covered < COVERS_PAGE and (
        found.confident or len(hints) < MIN_HINTS or _overlap(hints, flat) < ON_TOPIC
    ):
        return None
    held = [_flat(p) in flat for p in found.paragraphs]
    if sum(len(p) for p, h in zip(found.paragraphs, held, strict=True) if h) >= 0.9 * len(flat):
        return Body(_with_subheadings(found.paragraphs, held), "jsonld", True)
    return Body(_split_body(body), "jsonld", True)


def _with_subheadings(paragraphs: list[str], held: list[bool]) -> list[str]:
    """The paragraphs the articleBody holds, and the sub-headings between them (an articleBody
    often leaves its sub-headings out): short lines without a sentence's final stop."""
    first = held.index(True)
    last = len(held) - 1 - held[::-1].index(True)
    kept = []
    for index, paragraph in enumerate(paragraphs):
        if held[index] or (
            first < index < last
            and len(paragraph) < SUBHEADING_CHARS
            and not paragraph.endswith((".", "!", "?", ":", '"', "”", "…", ")"))
        ):
            kept.append(paragraph)
    return kept


SUBHEADING_CHARS = 100


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


# A sentence end glued to the next sentence ("...accessories.Amazon says") is a paragraph break
# that a CMS lost when it stripped the tags.
_GLUED = re.compile(
    r"(?<=[a-z0-9\u00e0-\u00ff][.!?])(?=[A-Z\u00c0-\u00de\u201c])|"
    r"(?<=[.!?][\"\u201d\u2019])(?=[A-Z\u00c0-\u00de\u201c])"
)


def _split_body(body: str) -> list[str]:
    lines = [_flat(line) for line in body.splitlines()]
    paragraphs: list[str] = []
    for line in lines:
        paragraphs.extend(p.strip() for p in _GLUED.split(line) if p.strip())
    return paragraphs


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


# --- 3. trafilatura ----------------------------------------------------------------------------


def _trafilatura_body(html: str, url: str | None) -> Body:
    import trafilatura

    text = trafilatura.extract(html, url=url, favor_precision=True) or ""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and len(text) < LINKS_ONLY_CHARS:
        # A little text may be nothing but the page's menu: drop lines made of link texts.
        linked: set[str] = set()
        for link in LexborHTMLParser(html).css("a"):
            linked |= _words(link.text(deep=True))
        lines = [line for line in lines if not _words(line) <= linked]
    return Body(lines, "trafilatura", False)


LINKS_ONLY_CHARS = 300


def _choose(found: Body, fallback: Body) -> Body:
    """The fallback, unless it found clearly less than the finder, or the same text with a
    little more around it (a headline, a standfirst, a caption: the finder's is the cleaner)."""
    ours = sum(len(p) for p in found.paragraphs)
    theirs = sum(len(p) for p in fallback.paragraphs)
    if theirs == 0 or (ours > 3 * theirs and ours > CONFIDENT_CHARS):
        return found
    if found.paragraphs and ours >= SAME_TEXT_SHARE * theirs:
        flat = _flat(" ".join(fallback.paragraphs))
        if all(_flat(p) in flat for p in found.paragraphs):
            return Body(found.paragraphs, found.method, False, found.doubt)
    return fallback


SAME_TEXT_SHARE = 0.7
"""Share of the fallback's text the finder's paragraphs must hold to be preferred to it."""
