"""The CLI through click's CliRunner: ingest, list, show, search, skips, export, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import SEED, shared_path

from eventwire.cli import EXIT_SKIPPED, cli

DUMP = (
    "https://example.org/news/ceasefire\n"
    "Truce holds in the north\n"
    "Truce holds in the north\n"
    "2024-06-01T10:00:00+02:00\n"
    "ARUSHA (Wireline) - A truce between the two armed groups held for a third day on Sunday.\n"
    "Monitors from the regional bloc reported no violations.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def ingest(runner: CliRunner, db: Path, *paths: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["ingest", *paths, "--db", str(db), "--no-annotate"])
    if result.exit_code == 1 and result.exception is not None:
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_ingest_list_show_search(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DUMP, encoding="utf-8")
    db = tmp_path / "n.db"
    code, out, err = ingest(runner, db, str(tmp_path / "a.txt"))
    assert code == 0, err
    assert out == ""  # the summary is on stderr
    assert "1 stored" in err

    listed = runner.invoke(cli, ["articles", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 1
    assert set(rows[0]) == {
        "id",
        "url",
        "canonical_url",
        "title",
        "description",
        "site_name",
        "publisher",
        "authors",
        "published_at",
        "modified_at",
        "section",
        "tags",
        "keywords",
        "language",
        "image_url",
        "video",
        "dateline",
        "text",
    }
    assert rows[0]["published_at"] == "2024-06-01T08:00:00+00:00"
    assert rows[0]["dateline"] == {"place": "ARUSHA", "agency": "Wireline"}

    shown = runner.invoke(cli, ["show", rows[0]["id"], "--db", str(db), "--format", "json"])
    assert json.loads(shown.stdout)["title"] == "Truce holds in the north"

    found = runner.invoke(cli, ["search", "monitors", "--db", str(db), "--format", "json"])
    assert [a["id"] for a in json.loads(found.stdout)] == [rows[0]["id"]]

    missing = runner.invoke(cli, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no article 'nope'" in missing.stderr


def test_ingest_twice_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    seed = str(shared_path(SEED))
    db = tmp_path / "n.db"
    assert ingest(runner, db, seed)[0] == 0
    code, _, err = ingest(runner, db, seed)
    assert code == 0 and "0 stored, 0 updated, 1 unchanged" in err


def test_bad_documents_are_skipped_and_the_run_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(DUMP, encoding="utf-8")
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    (tmp_path / "in" / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "in" / "nobody.html").write_text("<html><head><title>x</title></head></html>")
    db = tmp_path / "n.db"
    code, _, err = ingest(runner, db, str(tmp_path / "in"))
    assert code == EXIT_SKIPPED, err
    assert "empty.html: skipped (empty)" in err
    assert "junk.bin: skipped (binary)" in err
    assert "nobody.html: skipped (no-body)" in err
    skips = runner.invoke(cli, ["skips", "--db", str(db), "--format", "json"])
    assert sorted(row["reason"] for row in json.loads(skips.stdout)) == [
        "binary",
        "empty",
        "no-body",
    ]
    # a second run with only bad input loses nothing already stored
    code, _, _ = ingest(runner, db, str(tmp_path / "in" / "junk.bin"))
    assert code == EXIT_SKIPPED
    listed = runner.invoke(cli, ["articles", "--db", str(db), "--format", "json"])
    assert len(json.loads(listed.stdout)) == 1


def test_missing_path_is_a_skip_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = ingest(runner, tmp_path / "n.db", str(tmp_path / "nope" / "*.html"))
    assert code == EXIT_SKIPPED and "not-found" in err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "n.db"
    ingest(runner, db, str(shared_path(SEED)))
    out = tmp_path / f"a.{fmt}"
    result = runner.invoke(
        cli, ["export", "--db", str(db), "--what", "articles", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        titles = [r["title"] for r in rows]
        tags = rows[0]["tags"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text())))
        titles = [r["title"] for r in rows]
        tags = rows[0]["tags"].split("; ")
    else:
        table = pq.read_table(out).to_pylist()
        titles = [r["title"] for r in table]
        tags = table[0]["tags"]
    assert titles == ["Russian, Syrian Defense Ministers Discuss Promising Areas of Cooperation"]
    assert tags == ["russia", "syria", "russian defense ministry", "andrei belousov"]


def test_stdin(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    result = runner.invoke(
        cli, ["ingest", "-", "--db", str(db), "--no-annotate"], input=DUMP.encode()
    )
    assert result.exit_code == 0, result.stderr
    assert "1 stored" in result.stderr


def test_every_command_is_documented() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    names = cli.list_commands(None)  # type: ignore[arg-type]
    missing = [name for name in names if f"eventwire {name}" not in docs]
    assert not missing, f"commands missing from docs/cli.md: {missing}"
