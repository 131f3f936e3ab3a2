"""Tests for helpers.checks: each claim-check method on the real snapshots, and the audit."""

import csv
import io
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from helpers import checks, paths
from helpers.ledger import load_facts
from helpers.snapshots import DEFAULT_OUT, fetch_snapshots

# Each method's value, checked by hand against the snapshot CSVs (how, in the comment).
EXPECTED = {
    # China rows with Domain containing "Language", dated 2023-03-16..2023-07-31
    "count_cn_language_models_2023_03_16_to_07_31": 24,
    # the same, dated 2023-01-01..2023-11-30
    "count_cn_language_models_2023_01_to_11": 75,
    # every row with Domain containing "Language", dated 2023-01-01..2023-06-30
    "count_language_models_2023h1": 100,
    # Hunyuan (1.2e24, 2023-09-07) vs FLAN 137B (2.047e24, 2021-09-03): 734 days
    "compute_lag_years_cn_behind_us_2023_09": 2.01,
    # Hardware quantity ≥ 10000 with China listed: only MegaScale (2024-02), after the date
    "count_cn_orgs_trained_on_10k_chips_to_2023_10": 0,
    # GPT-4 (2.1e25 FLOP): Hardware quantity 25000
    "chips_of_largest_model_to_2023_10": 25000,
    # GPT-3 175B (davinci): Hardware quantity 10000 (NVIDIA Tesla V100)
    "chips_of_gpt3": 10000,
    # GPT-3.5 Turbo: Parameters 20000000000.00 (Speculative)
    "parameters_of_gpt_3_5_turbo": 20_000_000_000,
    # Qwen-14B (2023-09-28, 113.46) first matched by gpt-4-0314 (2023-03-14): 198 days
    "capability_lag_years_cn_behind_us_2023_09": 0.54,
    # MMLU column: 0.872, 0.842, 0.887
    "mmlu_gpt_4o": 87.2,
    "mmlu_qwen2_72b": 84.2,
    "mmlu_claude_3_5_sonnet": 88.7,
    # MMLU 88.7 (Claude 3.5 Sonnet) > 87.2 (GPT-4o) > 84.2 (Qwen2-72B)
    "mmlu_rank_gpt_4o_among_superclue_top3": 2,
    "mmlu_rank_qwen2_72b_among_superclue_top3": 3,
    "mmlu_rank_claude_3_5_sonnet_among_superclue_top3": 1,
    # MMLU: GPT-4 86.4 > GPT-4 Turbo 85.4 > Claude 2 78.5 > Gemini 1.0 Pro 71.8
    #       > GPT-3.5-turbo-16k 70.0 > LLaMa-2 70B 68.9
    "mmlu_rank_gpt_4_turbo_among_hku_models": 2,
    "mmlu_rank_gemini_pro_among_hku_models": 4,
    "mmlu_rank_llama_2_among_hku_models": 6,
}
FACT_IDS = set(load_facts(paths.DATA_DIR)["fact_id"])


def test_every_method_is_checked_by_hand():
    assert set(EXPECTED) == set(checks.METHODS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_method_value(name, snapshots_dir):
    value, high = checks.run_method(name, checks.PrimaryTables(snapshots_dir))
    assert value == EXPECTED[name] and high is None


def read_table(data_dir: Path = paths.DATA_DIR) -> list[dict]:
    """Return the rows of claim_checks.csv."""
    with (data_dir / checks.CLAIM_CHECKS_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_real_claim_checks_pass_the_audit(snapshots_dir):
    assert checks.audit_claim_checks(paths.DATA_DIR, snapshots_dir, FACT_IDS) == []
    rows = read_table()
    assert len(rows) >= 12 and len({r["fact_id"] for r in rows}) >= 12
    verdicts = Counter(r["verdict"] for r in rows)
    assert set(verdicts) == set(checks.VERDICTS)
    assert sum(n for v, n in verdicts.items() if v != "not checkable") >= 12


def test_stored_values_are_the_recomputed_ones(snapshots_dir):
    recomputed = checks.compute_check_values(paths.DATA_DIR, snapshots_dir)
    stored = read_table()
    assert recomputed["primary_value"].tolist() == [r["primary_value"] for r in stored]


@pytest.fixture
def checks_copy(tmp_path: Path) -> Path:
    """Return a writable copy of data/ whose claim_checks.csv the test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def edit_check(data_dir: Path, row_id: str, **fields) -> int:
    """Set ``fields`` in the row ``row_id`` of claim_checks.csv; return its line (header 1)."""
    path = data_dir / checks.CLAIM_CHECKS_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = next(i for i, row in enumerate(rows) if row[0] == row_id)
    for name, value in fields.items():
        rows[index][rows[0].index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize(
    ("check_id", "fields", "needle"),
    [
        (
            "cc-001",
            {"primary_value": "25"},
            "primary_value '25' is stale; "
            "count_cn_language_models_2023_03_16_to_07_31 gives '24'; write that",
        ),
        ("cc-010", {"primary_value": "87"}, "gives '87.2'"),
        ("cc-010", {"primary_high": "90"}, "primary_high '90' is stale"),
        ("cc-001", {"method": "eval"}, "method 'eval' is not a function in helpers.checks"),
        ("cc-010", {"method": "count_language_models_2023h1"}, "reads snapshot epoch_ml_systems"),
        ("cc-001", {"fact_id": "nope-001"}, "fact_id 'nope-001' is not in facts.csv"),
        ("cc-001", {"snapshot_id": "nope"}, "snapshot_id 'nope' is not in snapshots.csv"),
        ("cc-001", {"verdict": "true"}, "verdict 'true' must be one of"),
        ("cc-001", {"reason_zh": " "}, "reason_zh is empty"),
        ("cc-020", {"reason_en": ""}, "reason_en is empty"),
        ("cc-020", {"verdict": "consistent"}, "method is empty"),
        ("cc-020", {"primary_value": "5"}, "primary_value without a method"),
        ("cc-002", {"check_id": "cc-001"}, "check_id 'cc-001' must be unique"),
    ],
)
def test_broken_row_is_one_problem_with_its_line(
    checks_copy, snapshots_dir, check_id, fields, needle
):
    line = edit_check(checks_copy, check_id, **fields)
    problems = checks.audit_claim_checks(checks_copy, snapshots_dir, FACT_IDS)
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith(f"claim_checks.csv:{line}: ")
    assert needle in str(problems[0])


def test_unfetched_snapshots_are_one_problem(checks_copy, tmp_path):
    problems = checks.audit_claim_checks(checks_copy, tmp_path / "empty", FACT_IDS)
    assert [str(p) for p in problems] == [
        f"claim_checks.csv:1: snapshots not fetched into {tmp_path / 'empty'}; "
        "run python -m helpers fetch"
    ]


def test_missing_columns_and_missing_file(checks_copy, snapshots_dir):
    path = checks_copy / checks.CLAIM_CHECKS_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("reason_en", "reason", 1), encoding="utf-8"
    )
    (problem,) = checks.audit_claim_checks(checks_copy, snapshots_dir, FACT_IDS)
    assert str(problem) == "claim_checks.csv:1: missing column(s) reason_en"
    path.unlink()
    assert checks.audit_claim_checks(checks_copy, snapshots_dir, FACT_IDS) == []


def test_format_value():
    assert [checks.format_value(v) for v in (24, 25000.0, 2e10, 87.2, None, float("nan"))] == [
        "24",
        "25000",
        "20000000000",
        "87.2",
        "",
        "",
    ]


def test_validate_cli_reports_a_stale_value(checks_copy, snapshot_mirror):
    """``python -m helpers validate`` recomputes the checks from build/snapshots (make fetch)."""
    fetched = fetch_snapshots(paths.DATA_DIR, DEFAULT_OUT, snapshot_mirror)  # as make fetch does
    assert all(r.ok for r in fetched), [r.message for r in fetched]
    line = edit_check(checks_copy, "cc-004", primary_value="3")
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--data", str(checks_copy)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"claim_checks.csv:{line}: cc-004: primary_value '3' is stale" in result.stderr
