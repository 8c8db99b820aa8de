"""The body-text metric of ``eventwire eval extraction``, on cases computed by hand."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.evaluate.extraction import (
    Match,
    eval_command,
    html_to_text,
    load_pages,
    match,
    score,
    shingles,
    tokenize,
)


def test_tokens_are_lower_cased_words_without_punctuation() -> None:
    assert tokenize("Hello, World! It's 2024—isn't it?") == [
        "hello", "world", "it", "s", "2024", "isn", "t", "it",
    ]  # fmt: skip


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    assert shingles("a b c d e") == Counter({"a b c d": 1, "b c d e": 1})
    assert shingles("a b c d a b c d") == Counter(
        {"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}
    )


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert shingles("Hello world") == Counter({"hello world": 1})
    assert shingles(" ,. ") == Counter()


def test_identical_texts() -> None:
    found = match("One two three four five.", "one, two; three four FIVE")
    assert found == Match(tp=2, fp=0, fn=0)
    assert (found.precision, found.recall, found.f1) == (1.0, 1.0, 1.0)


def test_extra_and_missing_shingles() -> None:
    # predicted: "a b c d", "b c d e"; gold: "a b c d" -> tp 1, fp 1, fn 0
    found = match("a b c d e", "a b c d")
    assert found == Match(tp=1, fp=1, fn=0)
    assert found.precision == 0.5
    assert found.recall == 1.0
    assert found.f1 == pytest.approx(2 / 3)


def test_repeated_shingles_count_once_each() -> None:
    # predicted has "a b c d" twice, gold once: one of them is a false positive.
    found = match("a b c d a b c d", "a b c d")
    assert found == Match(tp=1, fp=4, fn=0)
    assert found.precision == pytest.approx(0.2)


def test_empty_prediction_and_empty_gold() -> None:
    assert match("", "some gold text here") == Match(tp=0, fp=0, fn=1)
    assert match("", "some gold text here").precision == 0.0
    assert match("", "some gold text here").recall == 0.0
    assert match("", "").precision == 1.0
    assert match("", "").recall == 1.0
    assert match("text", "").precision == 0.0


def test_score_is_f1_of_macro_averages() -> None:
    pages = [Match(tp=1, fp=0, fn=1), Match(tp=1, fp=1, fn=0)]  # (P 1, R .5), (P .5, R 1)
    result = score(pages)
    assert result.pages == 2
    assert result.precision == pytest.approx(0.75)
    assert result.recall == pytest.approx(0.75)
    assert result.f1 == pytest.approx(0.75)  # not the mean of per-page F1s (2/3)
    assert score([]).f1 == 0.0


def test_gold_html_becomes_one_line_per_block() -> None:
    html = b"<div><h2>Title</h2><p>One <b>two</b></p><ul><li>three</li></ul></div>"
    assert html_to_text(html) == "Title\nOne two\nthree"


def _write_manifest_corpus(root: Path) -> None:
    (root / "html").mkdir()
    (root / "text").mkdir()
    body = "<p>" + "The council approved the new budget on Monday after a long debate. " * 3
    (root / "html" / "a.html").write_text(
        f"<html><body><article>{body}</p></article></body></html>"
    )
    (root / "html" / "b.html").write_text("<html><body><p>whatever</p></body></html>")
    (root / "html" / "c.html").write_text(
        f"<html><body><article>{body}</p></article></body></html>"
    )
    (root / "text" / "a.txt").write_text(
        "The council approved the new budget on Monday after a long debate."
    )
    (root / "text" / "b.txt").write_text("EXTRACTED NOTHING\n")
    (root / "text" / "c.txt").write_text("The council approved the new budget.")
    manifest = [
        {"url": "https://example.com/a", "html": "html/a.html", "gold_text": "text/a.txt",
         "gold_text_is_failure_note": False},
        {"url": "https://example.com/b", "html": "html/b.html", "gold_text": "text/b.txt",
         "gold_text_is_failure_note": True},
        {"url": None, "html": "html/c.html", "gold_text": "text/c.txt",
         "gold_text_is_failure_note": False},
    ]  # fmt: skip
    (root / "MANIFEST_url_to_files.json").write_text(json.dumps(manifest))


def test_manifest_layout_skips_failure_notes_and_allows_no_url(tmp_path: Path) -> None:
    _write_manifest_corpus(tmp_path)
    pages = load_pages(tmp_path)
    assert [(p.name, p.url) for p in pages] == [("a", "https://example.com/a"), ("c", None)]
    assert len(load_pages(tmp_path, require_gold=False)) == 3


def test_html_and_text_directories_layout(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "txt").mkdir()
    (tmp_path / "metadata").mkdir()
    (tmp_path / "html" / "x.html").write_text("<p>x</p>")
    (tmp_path / "html" / "y.html").write_text("<p>y</p>")
    (tmp_path / "txt" / "x.txt").write_text("x")
    (tmp_path / "metadata" / "x.json").write_text('{"url": "https://example.com/x"}')
    pages = load_pages(tmp_path)
    assert [(p.name, p.url, p.gold) for p in pages] == [("x", "https://example.com/x", "x")]


def test_eval_command_prints_json(tmp_path: Path) -> None:
    _write_manifest_corpus(tmp_path)
    result = CliRunner().invoke(eval_command, [str(tmp_path), "--only", "eventwire", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["pages"] == 2
    assert set(out["scores"]) == {"eventwire"}
    assert 0.0 <= out["scores"]["eventwire"]["f1"] <= 1.0


def test_eval_command_table(tmp_path: Path) -> None:
    _write_manifest_corpus(tmp_path)
    result = CliRunner().invoke(eval_command, [str(tmp_path), "--worst", "1"])
    assert result.exit_code == 0, result.output
    assert "eventwire" in result.stdout and "trafilatura" in result.stdout
