"""Every sample article against its hand-written golden JSON, field by field.

The goldens (tests/golden/, conventions in its README) were written by reading the inputs, never
from eventwire's output.  A mismatch means either the code or the golden is wrong: read the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import Skip
from eventwire.ingest import read_items
from eventwire.pipeline import process

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"


def _cases() -> list[tuple[Path, int, Path]]:
    cases = []
    for golden in sorted(GOLDEN.glob("*/*.json")):
        fmt = golden.parent.name
        stem, _, n = golden.stem.partition(".")
        inputs = [p for p in (SAMPLES / fmt).iterdir() if p.name.split(".")[0] == stem]
        assert len(inputs) == 1, f"no single input for {golden}"
        cases.append((inputs[0], int(n) if n else 1, golden))
    return cases


CASES = _cases()


def test_every_sample_has_a_golden() -> None:
    inputs = {case[0] for case in CASES}
    samples = {p for p in SAMPLES.glob("*/*") if p.is_file()}
    assert samples == inputs


@pytest.mark.parametrize(
    ("source", "n", "golden"), CASES, ids=[f"{c[2].parent.name}/{c[2].stem}" for c in CASES]
)
def test_sample_matches_golden(source: Path, n: int, golden: Path) -> None:
    articles = []
    for item in read_items(source):
        assert not isinstance(item, Skip), item.message()
        result = process(item)
        assert not isinstance(result, Skip), result.message()
        articles.append(result)
    assert len(articles) >= n
    got = articles[n - 1].to_dict()
    expected = json.loads(golden.read_text(encoding="utf-8"))
    got.pop("id")
    mismatched = {
        key: (got.get(key), value) for key, value in expected.items() if got.get(key) != value
    }
    assert not mismatched, "\n".join(
        f"{key}: got {have!r}\n{'':>{len(key)}}  want {want!r}"
        for key, (have, want) in mismatched.items()
    )
    assert set(got) == set(expected)
