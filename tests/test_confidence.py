"""The fitted event confidence (eventwire.annotate.confidence) and `eventwire train confidence`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.annotate.confidence import FEATURES, Model, default_model, features, parse_model
from eventwire.cli import cli
from eventwire.records import Event, EventActor, Mention

pytest.importorskip("spacy")


def event(**changes: object) -> Event:
    base: dict[str, object] = {
        "id": "ev1",
        "type": "CONSULT",
        "mode": None,
        "cameo": "040",
        "quad_class": 1,
        "goldstein": 1.0,
        "source": (EventActor("a1", "Kenya", "Kenya", "KEN", None, 0, 5),),
        "target": (EventActor("a2", "Uganda", "Uganda", "UGA", None, 10, 16),),
        "evidence": Mention(0, 20, "Kenya met Uganda."),
        "mentions": (Mention(0, 20, "Kenya met Uganda."),),
        "place": None,
        "place_is_dateline": False,
        "date": None,
        "date_precision": None,
        "quote": None,
        "flags": (),
        "confidence": 0.0,
        "coder": "test",
    }
    base.update(changes)
    return Event(**base)  # type: ignore[arg-type]


def test_features_are_binary_and_complete() -> None:
    values = features(event())
    assert set(values) == set(FEATURES)
    assert set(values.values()) <= {0.0, 1.0}
    assert values["target_known"] == 1.0 and values["no_target"] == 0.0
    assert features(event(target=()))["no_target"] == 1.0
    assert features(event(cameo="0341", flags=("reported",)))["specific_code"] == 1.0


def test_model_score_is_a_probability() -> None:
    model = Model(-1.0, {"target_known": 3.0})
    assert model.score({"target_known": 0.0}) == pytest.approx(1 / (1 + 2.718281828**1))
    assert 0.5 < model.score({"target_known": 1.0}) < 1.0


def test_shipped_model_prefers_a_known_target() -> None:
    model = default_model()
    assert set(model.weights) <= set(FEATURES)
    with_target = model.score(features(event()))
    without = model.score(features(event(target=(EventActor(None, "x", "x", None, None, 0, 1),))))
    assert 0.0 < without < with_target < 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source_actor\t1.0\n", "no intercept"),
        ("intercept\t0\nloudness\t2\n", "unknown feature 'loudness'"),
        ("intercept\tlots\n", "line 1: not 'feature<TAB>weight'"),
    ],
)
def test_bad_model_files(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_model(text)


def test_comments_and_blank_lines() -> None:
    model = parse_model("# header\n\nintercept\t0.5\ncomment\t-1\n")
    assert model.intercept == 0.5 and model.weights == {"comment": -1.0}


PAIRS = [
    ("Kenya", "KEN", "Uganda", "UGA"),
    ("Peru", "PER", "Chile", "CHL"),
    ("Spain", "ESP", "France", "FRA"),
    ("India", "IND", "Nepal", "NPL"),
    ("Ghana", "GHA", "Togo", "TGO"),
    ("Egypt", "EGY", "Sudan", "SDN"),
]


def test_train_confidence_writes_a_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    lines = []
    for number, (country, iso, other, other_iso) in enumerate(PAIRS * 2):
        right = number < len(PAIRS)  # the second half's gold disagrees with the coding
        source = [{"text": country, "country": iso if right else other_iso, "sector": None}]
        target = [{"text": other, "country": other_iso if right else iso, "sector": None}]
        lines.append(
            {
                "id": f"t{number}",
                "text": f"{country} accused {other} of violating the border on Monday.",
                "events": [{"type": "ACCUSE", "source": source, "target": target}],
            }
        )
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    out = tmp_path / "confidence.tsv"
    result = CliRunner().invoke(
        cli, ["train", "confidence", str(gold), "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["examples"], figures["right"]) == (12, 6)
    assert set(figures["cross_validated"]) == {"log_loss", "brier", "auc"}
    text = out.read_text(encoding="utf-8")
    assert "gold.jsonl" in text and "12 coded events, 6 happenings coded right" in text
    assert set(parse_model(text).weights) == set(FEATURES)


def test_train_confidence_needs_examples_of_both_kinds(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "Prices rose.", "events": []}), "utf-8")
    result = CliRunner().invoke(cli, ["train", "confidence", str(gold), "--out", "x.tsv"])
    assert result.exit_code != 0
    assert "too few examples to fit" in result.output
