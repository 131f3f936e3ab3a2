"""The extractor against the hand-annotated gold: precision and recall of at least 0.97."""

import json

import pytest

from helpers import paths
from helpers.errors import UserError
from helpers.gold import score_gold

GOLD_DIR = paths.ROOT / "tests" / "gold"


def test_gold_covers_at_least_two_whole_documents():
    assert len(list(GOLD_DIR.glob("*.jsonl"))) >= 2


def test_gold_surfaces_match_the_seed_text():
    for gold in GOLD_DIR.glob("*.jsonl"):
        text = (paths.SEEDS_DIR / f"{gold.stem}.txt").read_text(encoding="utf-8")
        for line in gold.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert text[record["start"] : record["end"]] == record["surface"], record


def test_precision_and_recall():
    scores = score_gold(GOLD_DIR)
    overall = scores["overall"]
    assert overall["precision"] >= 0.97, scores
    assert overall["recall"] >= 0.97, scores


def test_bad_gold_line_names_file_and_line(tmp_path):
    (tmp_path / "000_19624ce7a458252b.jsonl").write_text('{"start": 1}\nnot json\n')
    with pytest.raises(UserError, match=r"000_19624ce7a458252b.jsonl:1: field 'end'"):
        score_gold(tmp_path)
    with pytest.raises(UserError, match="no gold"):
        score_gold(tmp_path / "missing")


def test_scores_a_passages_folder_with_text_beside_gold(tmp_path):
    text = "Revenue rose 62% to $3bn; 共有12家企业。"
    (tmp_path / "p1.txt").write_text(text, encoding="utf-8")
    records = [
        {"start": 13, "end": 16, "surface": "62%", "value": 62, "kind": "percent", "unit": "%",
         "approx": None},
        {"start": 20, "end": 24, "surface": "$3bn", "value": 3000000000, "kind": "money",
         "unit": "USD", "approx": None},
        {"start": 0, "end": 7, "surface": "Revenue", "value": 1, "kind": "count"},
    ]  # fmt: skip
    (tmp_path / "p1.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    scores = score_gold(tmp_path, tmp_path)
    overall = scores["overall"]
    # 12家 is not in the gold (a false positive); "Revenue" is not found (a miss)
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 1, 1)
    assert overall["field_mismatches"]["unit"] == 1  # gold says USD, the extractor "$"
    (tmp_path / "p2.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="p2.jsonl: no text"):
        score_gold(tmp_path, tmp_path)
