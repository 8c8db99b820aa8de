"""``eventwire events`` and ``eventwire export --what events|mentions`` through CliRunner."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.knowledge import cameo_codes
from eventwire.records import Annotated, Article, Event, EventActor, Mention
from eventwire.store import Store


def event(key: str, cameo: str, source: str, target: str, day: int, confidence: float) -> Event:
    code = cameo_codes()[cameo]
    evidence = Mention(0, 20, f"{source} and {target} {code.name.lower()}.")
    return Event(
        id=key,
        type=code.plover_type,
        mode=code.plover_mode,
        cameo=cameo,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        source=(EventActor(None, source, source, source, "GOV", 0, 3),),
        target=(EventActor(None, target, target, target, "MIL", 8, 11),),
        evidence=evidence,
        mentions=(evidence,),
        date=f"2025-10-{day:02d}",
        date_precision="day",
        confidence=confidence,
    )


ROWS = [
    ("e1", "040", "RUS", "SYR", 1, 0.9),
    ("e2", "190", "RUS", "UKR", 3, 0.6),
    ("e3", "112", "SYR", "TUR", 5, 0.7),
    ("e4", "042", "RUS", "SYR", 9, 0.8),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        for n, (key, cameo, source, target, day, confidence) in enumerate(ROWS):
            article = Article(
                id=f"a{n}",
                text=f"Story number {n} about {source} and {target}.",
                url=f"https://site{n}.example/{n}",
                site_name=f"Site {n}",
                published_at=datetime(2025, 10, day, tzinfo=UTC),
            )
            store.put_article(article)
            events = (event(key, cameo, source, target, day, confidence),)
            store.put_annotations(Annotated(article, events=events))
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_events_jsonl(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["date"] for r in rows] == ["2025-10-09", "2025-10-05", "2025-10-03", "2025-10-01"]
    assert {"id", "type", "cameo", "num_articles", "num_sources", "evidence"} <= set(rows[0])


@pytest.mark.parametrize(
    ("args", "cameos"),
    [
        (["--dyad", "rus-syr"], ["042", "040"]),
        (["--country", "TUR"], ["112"]),
        (["--type", "ASSAULT"], ["190"]),
        (["--quad-class", "3"], ["112"]),
        (["--since", "2025-10-03", "--until", "2025-10-05"], ["112", "190"]),
        (["--min-confidence", "0.8"], ["042", "040"]),
        (["--limit", "1"], ["042"]),
        (["--limit", "0"], ["042", "112", "190", "040"]),
    ],
)
def test_events_filters(runner: CliRunner, db: Path, args: list[str], cameos: list[str]) -> None:
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert [e["cameo"] for e in json.loads(result.stdout)] == cameos


def test_events_pages_with_a_cursor(runner: CliRunner, db: Path) -> None:
    first = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl", "--limit", "3"])
    assert first.exit_code == 0
    assert "more: pass --cursor" in first.stderr
    cursor = first.stderr.split("--cursor ")[1].strip()
    rest = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl", "--cursor", cursor])
    assert [json.loads(line)["cameo"] for line in rest.stdout.splitlines()] == ["040"]
    assert "more:" not in rest.stderr


def test_events_table_and_csv(runner: CliRunner, db: Path) -> None:
    table = runner.invoke(cli, ["events", "--db", str(db)])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert len(lines) == 4 and "RUS>SYR" in lines[0] and "CONSULT" in lines[0]
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["source_actors"] for r in rows] == ["RUS", "SYR", "RUS", "RUS"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dyad", "Russia-Syria"], "SOURCE-TARGET"),
        (["--since", "1 Oct"], "1 Oct"),
        (["--quad-class", "7"], "7"),
        (["--cursor", "bogus"], "invalid cursor"),
    ],
)
def test_events_bad_usage(runner: CliRunner, db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["events", "--db", str(db), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_events_empty_and_missing_store(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["events", "--db", str(db), "--type", "PROTEST"])
    assert result.exit_code == 0 and "(no events)" in result.stderr
    missing = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0


def test_events_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["events", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout and "--dyad" in result.stdout


@pytest.mark.parametrize(
    ("what", "fmt", "count"),
    [
        ("events", "gdelt", 4),
        ("events", "csv", 4),
        ("events", "parquet", 4),
        ("mentions", "jsonl", 4),
        ("articles", "jsonl", 4),
    ],
)
def test_export(
    runner: CliRunner, db: Path, tmp_path: Path, what: str, fmt: str, count: int
) -> None:
    out = tmp_path / f"out.{fmt}"
    args = ["export", "--db", str(db), "--what", what, "--format", fmt, "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"{count} {what} -> {out}" in result.stderr
    if fmt == "gdelt":
        lines = out.read_text(encoding="utf-8").splitlines()
        assert [len(line.split("\t")) for line in lines] == [61] * 4
        assert lines[0].split("\t")[5] == "RUSGOV"  # Actor1Code: country + sector


def test_export_gdelt_is_for_events(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    args = ["export", "--db", str(db), "--what", "articles", "--format", "gdelt"]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path / "x.tsv")])
    assert result.exit_code == 2 and "--what events" in result.stderr
