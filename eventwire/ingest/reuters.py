"""Reuters-21578 reader: each ``<REUTERS>`` story with a body becomes a RawDoc.

The collection's ``reut2-NNN.sgm`` files are SGML in latin-1 with control characters, 1,000
stories a file.  A story's BODY is wrapped at about 70 columns, a paragraph starting with an
indent of spaces, and ends with a " Reuter" sign-off and ``&#3;``; the dateline ("CLEVELAND,
Feb 26 - ") sits in its own element just before it.  Stories without a BODY are headline-only
briefs and are passed over (counted in a debug log).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..errors import Skip
from ..records import RawDoc
from ..settings import Settings

log = logging.getLogger(__name__)

_OPEN = re.compile(r"<REUTERS\b([^>]*)>", re.IGNORECASE)
_CLOSE = "</REUTERS>"
_NEWID = re.compile(r"""\bNEWID\s*=\s*"?(\d+)""", re.IGNORECASE)
_D = re.compile(r"<D>(.*?)</D>", re.DOTALL)
_SIGN_OFF = re.compile(r"\breuter(\^M)?\W*$", re.IGNORECASE)  # also "REUTER...", "reuter^M"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_AUTHOR = re.compile(r"^\s*by\s+(.+?)(,\s*reuters?)?\s*$", re.IGNORECASE)


def read_reuters(data: bytes, source: str, settings: Settings) -> Iterator[RawDoc | Skip]:
    """One ``RawDoc(format="reuters", source="source#NEWID")`` per story with a BODY."""
    text = data.decode("latin-1")  # one byte, one character: offsets match ``data``
    stories = briefs = 0
    pos = 0
    while True:
        found = _OPEN.search(text, pos)
        if found is None:
            break
        end = text.find(_CLOSE, found.end())
        if end < 0:
            yield Skip(
                source,
                "truncated",
                f"the story opened at byte {found.start()} "
                f"(after {stories} stories) has no {_CLOSE}",
            )
            return
        end += len(_CLOSE)
        stories += 1
        pos = end
        newid = _NEWID.search(found.group(1))
        if newid is None:
            yield Skip(
                f"{source}#story{stories}",
                "bad-record",
                f"story {stories} (byte {found.start()}) has no NEWID attribute",
            )
            continue
        name = f"{source}#{newid.group(1)}"
        fields = story_fields(text[found.end() : end - len(_CLOSE)], newid.group(1))
        if fields is None:
            briefs += 1
            continue
        yield RawDoc(
            source=name, format="reuters", content=data[found.start() : end], fields=fields
        )
    if stories == 0:
        yield Skip(source, "bad-record", "no <REUTERS> story in the file")
    log.debug("%s: %d stories, %d without a body passed over", source, stories, briefs)


def story_fields(story: str, newid: str) -> dict[str, Any] | None:
    """The fields of one story's SGML (between the REUTERS tags); None if it has no body."""
    body = _element(story, "BODY")
    if body is None:
        return None
    dateline = _clean(_element(story, "DATELINE") or "").strip()
    paragraphs = reflow(drop_sign_off(_clean(body)))
    if not paragraphs:
        return None
    text = f"{dateline} {paragraphs}" if dateline else paragraphs
    raw_date = _clean(_element(story, "DATE") or "").strip()
    title = " ".join(_clean(_element(story, "TITLE") or "").split())
    author = _AUTHOR.match(_clean(_element(story, "AUTHOR") or ""))
    return {
        "title": title or None,
        "text": text,
        "published_at": parse_date(raw_date) or raw_date or None,
        "dateline": dateline or None,
        "places": _list(story, "PLACES"),
        "topics": _list(story, "TOPICS"),
        "authors": [author.group(1).strip()] if author else [],
        "reuters_newid": int(newid),
    }


def reflow(body: str) -> str:
    """Join the 70-column wrapped lines: one line a paragraph, paragraphs joined by newlines.

    An indented line starts a paragraph (tables keep one row a line); a blank line ends one.
    """
    paragraphs: list[list[str]] = []
    current: list[str] | None = None
    for line in body.splitlines():
        if not line.strip():
            current = None
            continue
        if current is None or line[:1].isspace():
            current = []
            paragraphs.append(current)
        current.append(line.strip())
    return "\n".join(" ".join(p) for p in paragraphs)


def drop_sign_off(body: str) -> str:
    """The body without its closing "Reuter" (some stories sign off twice)."""
    body = body.rstrip()
    while found := _SIGN_OFF.search(body, max(0, len(body) - 20)):
        body = body[: found.start()].rstrip()
    return body


def parse_date(value: str) -> str | None:
    """``26-FEB-1987 15:01:01.79`` -> ``1987-02-26T15:01:01+00:00`` (None if malformed)."""
    try:
        moment = datetime.strptime(value.split(".", 1)[0].strip(), "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC).isoformat()


def _element(story: str, tag: str) -> str | None:
    start = story.find(f"<{tag}>")
    if start < 0:
        return None
    start += len(tag) + 2
    end = story.find(f"</{tag}>", start)
    return story[start:] if end < 0 else story[start:end]


def _list(story: str, tag: str) -> list[str]:
    inner = _element(story, tag) or ""
    return [item for item in (" ".join(_clean(d).split()) for d in _D.findall(inner)) if item]


def _clean(value: str) -> str:
    """Entities decoded (``&lt;`` ``&amp;`` ``&#3;``), control characters dropped."""
    return _CONTROL.sub("", html.unescape(value).replace("\r", ""))
