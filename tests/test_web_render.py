"""Highlighting overlapping annotations, and our own SVG charts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from eventwire.web import highlight, svg


def annotations(text: str) -> dict[str, object]:
    quote = (text.index('"'), text.rindex('"') + 1)
    return {
        "actors": [
            {"name": "Putin", "kind": "person", "mentions": [{"start": 0, "end": 5}]},
            {
                "name": "Assad",
                "kind": "person",
                "mentions": [
                    {"start": i, "end": i + 5} for i in (text.index("Assad"), text.rindex("Assad"))
                ],
            },
        ],
        "quotes": [{"start": quote[0], "end": quote[1], "text": "", "direct": True}],
        "events": [
            {
                "id": "ev9",
                "type": "CONSULT",
                "cameo": "043",
                "quad_class": 1,
                "goldstein": 2.8,
                "source": [{"name": "Putin", "country": "RUS"}],
                "target": [],
                "evidence": {"start": 0, "end": text.index(".") + 1},
            },
        ],
    }


TEXT = 'Putin met Assad. "We talk to Assad," he said.'


def test_overlapping_annotations_become_nested_classes() -> None:
    marks = highlight.highlights(TEXT, annotations(TEXT))
    html = highlight.render(TEXT, marks)
    assert re.sub(r"<[^>]+>", "", str(html)).replace("&#34;", '"') == TEXT
    first = re.search(r'<span class="hl ([^"]+)" data-ann="([^"]+)"', str(html))
    assert first and first.group(1) == "hl-actor hl-event" and first.group(2) == "a0 e0"
    assert 'id="ann-a0" tabindex="0"' in str(html)
    assert 'id="ann-e0" class="anchor"' in str(html)  # starts where a0 does
    assert 'id="ev-ev9" class="anchor"' in str(html)
    # the second mention of Assad is inside the quote; the first is inside the event
    assert str(html).count('data-ann="a1 q0"') == 1
    assert str(html).count("hl-quote") == 3  # '"We talk to ', 'Assad', ',"' pieces


def test_offsets_outside_the_text_are_left_out() -> None:
    bad = {"actors": [{"name": "x", "kind": "person", "mentions": [{"start": 5, "end": 999}]}],
           "quotes": [{"start": "a", "end": 3}], "events": [{"evidence": {}}]}  # fmt: skip
    assert highlight.highlights(TEXT, bad) == []


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70))))
def test_rendering_keeps_every_character(text: str, spans: list[tuple[int, int]]) -> None:
    found = {
        "actors": [
            {"name": "n", "kind": "k", "mentions": [{"start": a, "end": b} for a, b in spans]}
        ]
    }
    html = str(highlight.render(text, highlight.highlights(text, found)))
    plain = re.sub(r"<[^>]+>", "", html)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&#34;", '"'), ("&#39;", "'")):
        plain = plain.replace(entity, char)
    assert plain.replace("&amp;", "&") == text


def test_timeline_stacks_quad_classes_and_escapes_labels() -> None:
    periods = [
        svg.Period("2025-10-27", (2, 0, 0, 1), 1.5),
        svg.Period("<script>", (0, 0, 3, 0), -4.0),
    ]
    chart = str(svg.timeline(periods))
    assert chart.count('class="bar q1"') == 2  # one bar and one legend swatch
    assert 'class="bar q4" x=' in chart and "<polyline" in chart
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert "No events" in str(svg.timeline([]))


def test_map_projects_points_and_links_them() -> None:
    x, y = svg.project(0, 0)
    assert (round(x), round(y)) == (512, 512)
    west, _ = svg.project(0, -180)
    _, north = svg.project(60, 0)
    assert west == 0 and north < 512
    point = svg.Point(55.75, 37.62, 'Moscow "<b>"', "/event/E1", 1)
    drawn = str(svg.world_map([point]))
    assert 'href="/event/E1"' in drawn and "&lt;b&gt;" in drawn and "<b>" not in drawn
