"""``eventwire bench serve``: the synthetic store, and a small bounded run on loopback."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.evaluate.bench_serve import synthesise


def test_synthetic_articles_are_distinct_and_their_offsets_point_into_the_text() -> None:
    stories = list(synthesise(300))
    assert len({s.article.id for s in stories}) == 300
    assert len({s.article.text for s in stories}) == 300
    for story in stories:
        text = story.article.text
        for actor in story.actors:
            for mention in actor.mentions:
                assert text[mention.start : mention.end] == mention.text
        (event,) = story.events
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        quote = story.quotes[0]
        assert text[quote.start : quote.end] == quote.text
    assert [s.article.id for s in synthesise(5)] == [s.article.id for s in stories[:5]]


def test_a_small_bench_run_reports_each_endpoint() -> None:
    args = ["bench", "serve", "--articles", "60", "--requests", "40", "--seconds", "2"]
    result = CliRunner().invoke(cli, [*args, "--concurrency", "4", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 60 and report["built"] == {"corpus": 0, "synthetic": 60}
    assert [e["endpoint"] for e in report["endpoints"]] == ["/events", "/articles?q="]
    for figures in report["endpoints"]:
        assert figures["errors"] == 0
        assert 0 < figures["requests"] <= 40
        assert figures["rps"] > 0 and figures["p99_ms"] >= figures["p50_ms"] > 0
