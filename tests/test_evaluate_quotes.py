"""``eventwire eval quotes``: the brat reader, the grouping of quotes, the matching and scoring.

Expected numbers are worked out by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_path

from eventwire.evaluate.quotes import (
    Attribution,
    eval_command,
    predicted_attributions,
    prf,
    read_brat,
    read_split,
    score_document,
)
from eventwire.records import Quote, Speaker

#          0         1         2         3         4         5
#          012345678901234567890123456789012345678901234567890123456789
TEXT = "Lee said the plan failed badly. Kim said rain fell all day."
# words:  Lee(0) said(4) the(9) plan(13) failed(18) badly(25) | Kim(32) said(36) rain(41)
#         fell(46) all(51) day(55)
PLAN = Attribution(content=((9, 30),), source=((0, 3),), cue=((4, 8),))  # 4 words
RAIN = Attribution(content=((41, 58),), source=((32, 35),), cue=((36, 40),))  # 4 words


def test_prf() -> None:
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(1, 2, 4) == {"precision": 0.5, "recall": 0.25, "f1": pytest.approx(1 / 3)}


def test_exact_match_counts_content_and_source() -> None:
    counts = score_document(TEXT, [PLAN, RAIN], [PLAN, RAIN])
    assert (counts.gold, counts.predicted, counts.matched) == (2, 2, 2)
    assert (counts.gold_sources, counts.predicted_sources, counts.matched_sources) == (2, 2, 2)


def test_half_of_the_gold_words_is_enough_less_is_not() -> None:
    half = Attribution(content=((9, 17),))  # "the plan": 2 of 4 words
    counts = score_document(TEXT, [PLAN], [half])
    assert counts.matched == 1
    assert counts.matched_sources == 0 and counts.predicted_sources == 0
    third = Attribution(content=((13, 17),))  # "plan": 1 of 4 words
    assert score_document(TEXT, [PLAN], [third]).matched == 0


def test_matching_is_one_to_one_best_coverage_first() -> None:
    whole = Attribution(content=((9, 30),), source=((0, 3),))
    part = Attribution(content=((18, 30),), source=((0, 3),))  # "failed badly": 2 of 4
    counts = score_document(TEXT, [PLAN], [part, whole])
    assert (counts.predicted, counts.matched) == (2, 1)
    # the full cover wins the one gold; the other prediction is a false positive
    assert prf(counts.matched, counts.predicted, counts.gold)["precision"] == 0.5


def test_one_long_prediction_matches_one_gold_only() -> None:
    everything = Attribution(content=((0, 58),))
    counts = score_document(TEXT, [PLAN, RAIN], [everything])
    assert (counts.gold, counts.predicted, counts.matched) == (2, 1, 1)


def test_source_must_overlap_the_gold_source() -> None:
    wrong = Attribution(content=((9, 30),), source=((32, 35),))  # Kim, not Lee
    counts = score_document(TEXT, [PLAN], [wrong])
    assert counts.matched == 1 and counts.matched_sources == 0
    partly = Attribution(content=((9, 30),), source=((0, 8),))  # "Lee said" overlaps "Lee"
    assert score_document(TEXT, [PLAN], [partly]).matched_sources == 1


def test_gold_without_source() -> None:
    sourceless = Attribution(content=((9, 30),), cue=((4, 8),))
    counts = score_document(TEXT, [sourceless], [PLAN])
    assert counts.matched == 1
    assert (counts.gold_sources, counts.predicted_sources, counts.matched_sources) == (0, 1, 0)


def test_pieces_with_one_speaker_and_cue_are_one_attribution() -> None:
    speaker = Speaker(text="Lee", start=0, end=3)
    quotes = [
        Quote(text="the plan", start=9, end=17, direct=True, cue="said", speaker=speaker),
        Quote(text="badly", start=25, end=30, direct=True, cue="said", speaker=speaker),
        Quote(text="rain fell all day", start=41, end=58, direct=False),
    ]
    grouped = predicted_attributions(quotes)
    assert grouped == [
        Attribution(content=((9, 17), (25, 30)), source=((0, 3),)),
        Attribution(content=((41, 58),)),
    ]
    counts = score_document(TEXT, [PLAN, RAIN], grouped)
    assert counts.matched == 2  # 3 of 4 words of PLAN; all of RAIN
    assert counts.matched_sources == 1


ANN = (
    "T1\tSource 0 3\tLee\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 9 17;25 30\tthe plan badly\n"
    "T4\tAttribution 4 8\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 36 40\tsaid\n"
    "T6\tContent 41 58\train fell\n"
    "all day\n"
    "T7\tAttribution-no-source 36 40\tsaid\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    "#1\tAnnotatorNotes T6\ta note\n"
    "T8\tDiscuss 0 3\tLee\n"
)


def test_read_brat() -> None:
    assert read_brat(ANN) == [
        Attribution(content=((9, 17), (25, 30)), source=((0, 3),), cue=((4, 8),)),
        Attribution(content=((41, 58),), source=(), cue=((36, 40),)),
    ]


def split_dir(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc-one.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "doc-one_ab12.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "doc-one_ff00.ann").write_text("", encoding="utf-8")
    return root


def test_read_split_takes_the_first_annotator(tmp_path: Path) -> None:
    (article,) = read_split(split_dir(tmp_path / "dev"))
    assert article.name == "doc-one" and len(article.gold) == 2


def test_command_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_command, [str(split_dir(tmp_path / "dev")), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 1
    assert report["counts"]["gold"] == 2
    assert set(report["content"]) == {"precision", "recall", "f1"}


def test_command_refuses_a_folder_without_polnear_layout(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_command, [str(tmp_path)])
    assert result.exit_code == 2
    assert "text/ and attributions/" in result.output


def test_command_on_polnear_dev_table() -> None:
    dev = shared_path("data/quotes/polnear/data/dev")
    result = CliRunner().invoke(eval_command, [str(dev), "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "PolNeAR attributions: 2 articles" in result.stdout
    assert "content" in result.stdout and "source" in result.stdout
