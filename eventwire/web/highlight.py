"""Article text with actors, quotes and event evidence highlighted, escaped piece by piece.

Annotations overlap (an actor inside a quote inside an event's sentence), so the text is cut at
every annotation boundary and each piece is wrapped in one ``<span>`` that names all the
annotations covering it (``data-ann="a0 q1 e2"``).  The first piece of each annotation carries
its anchor (``id="ann-e2"``) and is focusable, so the keyboard reaches every highlight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

KINDS = {"a": "actor", "q": "quote", "e": "event"}


@dataclass(slots=True)
class Highlight:
    key: str
    kind: str
    start: int
    end: int
    title: str
    lines: list[str] = field(default_factory=list)
    alias: str | None = None
    """A second anchor for the highlight (``ev-ID`` for an event: the event page links there)."""

    def describe(self) -> str:
        return "\n".join([self.title, *self.lines])


def highlights(text: str, annotations: dict[str, Any]) -> list[Highlight]:
    """Every actor mention, quote and event evidence with valid offsets into ``text``."""
    found: list[Highlight] = []
    for i, actor in enumerate(annotations.get("actors") or []):
        title = f"Actor: {actor.get('name')} ({actor.get('kind')})"
        lines = _pairs(actor, ("role", "country", "sector", "org"))
        for mention in actor.get("mentions") or []:
            found.append(_make(f"a{i}", "actor", mention, title, lines))
    for i, quote in enumerate(annotations.get("quotes") or []):
        speaker = (quote.get("speaker") or {}).get("text")
        title = f"Quote ({'direct' if quote.get('direct') else 'indirect'})"
        lines = [f"speaker: {speaker or 'unknown'}", *_pairs(quote, ("cue", "via"))]
        found.append(_make(f"q{i}", "quote", quote, title, lines))
    for i, event in enumerate(annotations.get("events") or []):
        mark = _make(f"e{i}", "event", event.get("evidence") or {}, *event_coding(event))
        mark.alias = f"ev-{event.get('id')}"
        found.append(mark)
    return [h for h in found if 0 <= h.start < h.end <= len(text)]


def event_coding(event: dict[str, Any]) -> tuple[str, list[str]]:
    """A title and lines that say how an event was coded (for tooltips and tables)."""
    title = f"Event: {event.get('type') or 'untyped'} (CAMEO {event.get('cameo')})"
    lines = [
        f"source: {actor_names(event.get('source'))}",
        f"target: {actor_names(event.get('target'))}",
        f"QuadClass {event.get('quad_class')}, Goldstein {event.get('goldstein')}",
    ]
    place = event.get("place")
    if isinstance(place, dict) and place.get("name"):
        lines.append(f"place: {place['name']}")
    if event.get("date"):
        lines.append(f"date: {event['date']}")
    if event.get("flags"):
        lines.append("flags: " + ", ".join(str(f) for f in event["flags"]))
    if event.get("confidence") is not None:
        lines.append(f"confidence: {event['confidence']}")
    return title, lines


def actor_names(actors: Any) -> str:
    if not actors:
        return "-"
    if isinstance(actors, str):
        return actors
    names = []
    for actor in actors:
        if isinstance(actor, dict):
            name = actor.get("name") or actor.get("text") or "?"
            country = actor.get("country")
            names.append(f"{name} ({country})" if country else str(name))
        else:
            names.append(str(actor))
    return ", ".join(names)


def _pairs(data: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    return [f"{key}: {data[key]}" for key in keys if data.get(key)]


def _make(key: str, kind: str, span: dict[str, Any], title: str, lines: list[str]) -> Highlight:
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        start = end = -1
    return Highlight(key, kind, start, end, title, list(lines))


def render(text: str, marks: list[Highlight]) -> Markup:
    """The text as HTML: escaped, paragraphs kept, highlights as spans."""
    cuts = sorted({0, len(text), *(h.start for h in marks), *(h.end for h in marks)})
    starts: dict[int, list[Highlight]] = {}
    for h in marks:
        starts.setdefault(h.start, []).append(h)
    anchored: set[str] = set()
    out: list[str] = []
    for left, right in pairwise(cuts):
        piece = escape(text[left:right])
        active = [h for h in marks if h.start <= left and right <= h.end]
        if not active:
            out.append(str(piece))
            continue
        keys = sorted({h.key for h in active})
        classes = " ".join(sorted({f"hl-{h.kind}" for h in active}))
        title = "\n\n".join(dict.fromkeys(h.describe() for h in active))
        attrs = f' class="hl {classes}" data-ann="{" ".join(keys)}" title="{escape(title)}"'
        new = [h.key for h in starts.get(left, []) if h.key not in anchored]
        if new:
            anchored.update(new)
            attrs += f' id="ann-{new[0]}" tabindex="0"'
            out.extend(f'<span id="ann-{key}" class="anchor"></span>' for key in new[1:])
            out.extend(
                f'<span id="{escape(h.alias)}" class="anchor"></span>'
                for h in starts[left]
                if h.key in new and h.alias
            )
        out.append(f"<span{attrs}>{piece}</span>")
    return Markup("".join(out))


def legend(marks: list[Highlight]) -> dict[str, Highlight]:
    """One highlight per annotation key (its first), in text order."""
    first: dict[str, Highlight] = {}
    for h in sorted(marks, key=lambda h: (h.start, h.key)):
        first.setdefault(h.key, h)
    return first
