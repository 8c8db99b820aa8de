"""``eventwire annotate`` through click's CliRunner: JSONL in, JSONL out, bad input never fatal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.annotate import nlp
from eventwire.cli import cli

SEED_TEXT = (
    "MOSCOW (Sputnik) - Russian Defense Minister Andrei Belousov held a meeting with Syrian "
    "Defense Minister Murhaf Abu Qasra, the Russian Defense Ministry said on Tuesday."
)


def run(stdin: str, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(cli, ["annotate", *args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def line(**record: Any) -> str:
    return json.dumps(record) + "\n"


def test_annotate_stdin() -> None:
    code, out, _ = run(line(id="s", text=SEED_TEXT, published="2025-10-28"))
    assert code == 0
    [record] = out
    assert set(record) >= {"id", "actors", "places", "dates", "quotes", "events"}
    assert record["id"] == "s"
    names = {a["name"]: a for a in record["actors"]}
    assert names["Andrei Belousov"]["country"] == "RUS"
    assert set(names["Andrei Belousov"]) == {
        "id", "name", "kind", "role", "country", "sector", "sectors", "org", "mentions"
    }  # fmt: skip
    assert {p["name"] for p in record["places"]} == {"Moscow"}
    assert record["dates"] == [
        {"text": "Tuesday", "start": 159, "end": 166, "value": "2025-10-28", "precision": "day"}
    ]
    for actor in record["actors"]:
        for m in actor["mentions"]:
            assert SEED_TEXT[m["start"] : m["end"]] == m["text"]


def test_out_file_and_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        line(id="1", text="Syria accused Israel.") + line(id="2", text="Police said."),
        encoding="utf-8",
    )
    target = tmp_path / "out.jsonl"
    code, out, _ = run("", str(source), "--out", str(target))
    assert code == 0 and out == []  # only the file gets the JSONL
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["1", "2"]


def test_bad_lines_are_reported_and_passed_over() -> None:
    stdin = "not json\n" + line(id="ok", text="Paris said.") + "[1, 2]\n" + line(id="x")
    code, out, err = run(stdin)
    assert code == 0
    assert [x["id"] for x in out] == ["ok"]
    assert "-:1: skipped" in err and "-:3: skipped" in err and "-:4: skipped" in err


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n  ",
        '"All of this is a quote. Every word of it."',
        '"An unbalanced quote mark opens here and never closes, said the minister.',
        "“Curly quotes” and ” stray closing marks “ everywhere ”",
        "..." * 50,
        "MOSCOW (Sputnik) -",
    ],
)
def test_bad_text_never_crashes(text: str) -> None:
    code, out, _ = run(line(id="b", text=text))
    assert code == 0
    assert [x["id"] for x in out] == ["b"]


def test_non_english_is_marked_and_left_alone() -> None:
    text = (
        "Le président de la République a annoncé mardi une réforme des retraites, selon le "
        "gouvernement et les syndicats qui ont manifesté dans les rues de Paris et de Lyon."
    )
    code, out, _ = run(line(id="fr", text=text))
    assert code == 0
    assert out[0]["language"] == "fr"
    assert out[0]["actors"] == [] and out[0]["places"] == []


def test_a_long_paragraph_is_parsed_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 500)
    sentence = "Iraqi troops clashed with rebels near Mosul while police watched "
    text = sentence * 40  # one paragraph, no full stop, 2,600 characters
    code, out, _ = run(line(id="long", text=text))
    assert code == 0
    mentions = [m for a in out[0]["actors"] for m in a["mentions"]]
    assert len(mentions) >= 40
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
    mosul = [p for p in out[0]["places"] if p["name"] == "Mosul"]
    assert len(mosul[0]["mentions"]) == 40


def test_unreadable_input_fails(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["annotate", str(tmp_path / "missing.jsonl")])
    assert result.exit_code != 0
