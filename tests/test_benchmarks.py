"""Tests for helpers.benchmarks on the real benchmark snapshot (fetched once per session)."""

import pytest

from helpers import benchmarks as bm
from helpers.errors import UserError


@pytest.fixture(scope="module")
def benchmarks(snapshots_dir):
    """Return the long benchmark table."""
    return bm.load_benchmarks(snapshots_dir)


def test_benchmark_scores_in_points(benchmarks):
    def score(system, benchmark):
        return bm.benchmark_score(benchmarks, system, benchmark)

    assert score("GPT-4o", "MMLU") == 87.2  # 0.872 in the file
    assert score("Hunyuan Large", "MMLU Pro") == 60.2  # already a percentage
    assert score("Yi-34B", "GSM8k") == 76.0  # written "76 (4-shot)"
    yi = benchmarks[(benchmarks["system"] == "Yi-34B") & (benchmarks["benchmark"] == "GSM8k")]
    assert yi["score_note"].tolist() == ["4-shot"]
    chance = benchmarks[benchmarks["is_baseline"]]
    assert chance["score_points"].tolist() == [25.0, 25.0, 25.0]
    with pytest.raises(UserError, match="no MMLU score for 'ERNIE 4.0'"):
        score("ERNIE 4.0", "MMLU")


def test_article_models_on_benchmarks(benchmarks):
    table = bm.article_models_on_benchmarks(benchmarks)
    assert table["article_name"].drop_duplicates().tolist()[:3] == [
        "GPT-4o",
        "Claude 3.5 Sonnet",
        "Qwen2-72B",
    ]
    qwen = table[(table["article_name"] == "Qwen2-72B")].set_index("benchmark")["score_points"]
    assert qwen.to_dict() == {"MMLU": 84.2, "BBH": 82.4, "GPQA": 37.8}
    assert table["measures_en"].str.len().min() > 10 and table["measures_zh"].str.len().min() > 4
    china = benchmarks.drop_duplicates("system").set_index("system")["is_china"]
    for system, country in zip(table["system"], table["country"], strict=True):
        assert china[system] == (country == "CN"), system
    assert table.equals(bm.article_models_on_benchmarks(benchmarks))


def test_describe_benchmarks_covers_the_file(benchmarks):
    described = bm.describe_benchmarks()
    assert set(benchmarks["benchmark"]) <= set(described["benchmark"])
    assert described.notna().all().all()


def test_rank_on_benchmark(benchmarks):
    among = ("GPT-4o", "Claude 3.5 Sonnet", "Qwen2-72B")  # MMLU 87.2, 88.7, 84.2
    ranks = [bm.rank_on_benchmark(benchmarks, name, among, "MMLU") for name in among]
    assert ranks == [2, 1, 3]
