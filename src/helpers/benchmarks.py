"""Benchmark scores from the Epoch AI snapshot: what each measures, the articles' models on them.

Rules (tested in tests/test_benchmarks.py): MMLU, BBH and GPQA are fractions in the file and
MMLU Pro, MATH, HumanEval and GSM8k percentages; all become percentage points (0.872 → 87.2). A
cell such as ``76 (4-shot)`` gives 76 with the note ``4-shot``. ``China = y`` marks a Chinese
model (the file does not say which country the others are from). The row ``Random chance`` is
the chance level (``is_baseline``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.errors import UserError
from helpers.primary import BENCHMARKS_SNAPSHOT, DEFAULT_SNAPSHOTS_DIR, parse_dates, read_snapshot

# (benchmark, scale in the file, what it measures in English, in Chinese)
BENCHMARKS = (
    (
        "MMLU",
        "fraction",
        "multiple-choice questions on 57 school and professional subjects (English)",
        "57个中学到专业水平学科的英文选择题",
    ),
    ("BBH", "fraction", "23 hard reasoning tasks from BIG-Bench", "BIG-Bench中23项较难的推理任务"),
    (
        "GPQA",
        "fraction",
        "graduate-level biology, physics and chemistry questions written to resist web search",
        "研究生水平、难以靠搜索作答的生物、物理和化学选择题",
    ),
    (
        "MMLU Pro",
        "percent",
        "a harder MMLU: ten options and more reasoning",
        "MMLU的加难版:十个选项,推理题更多",
    ),
    ("MATH", "percent", "competition mathematics problems", "数学竞赛题"),
    (
        "HumanEval",
        "percent",
        "writing Python functions that pass unit tests",
        "编写能通过单元测试的Python函数",
    ),
    ("GSM8k", "percent", "grade-school mathematics word problems", "小学数学应用题"),
    (
        "Chatbot Arena",
        "rating",
        "Elo rating from people's pairwise votes",
        "基于用户两两投票的Elo评分",
    ),
)

# Models the articles name (as written there) → the producer's system names, with the country.
ARTICLE_MODELS = (
    ("GPT-4o", "GPT-4o", "US"),
    ("Claude 3.5 Sonnet", "Claude 3.5 Sonnet", "US"),
    ("Qwen2-72B", "Qwen2-72B", "CN"),
    ("GPT-4 Turbo", "gpt-4-1106-preview", "US"),
    ("GPT-4 Turbo", "gpt-4-0125-preview", "US"),
    ("GPT-4", "GPT-4 (original)", "US"),
    ("GPT-3.5 Turbo", "GPT-3.5-turbo-16k", "US"),
    ("Claude 2", "Claude 2", "US"),
    ("Gemini Pro", "Gemini 1.0 Pro", "US"),
    ("Llama 2", "LLaMa-2 70B", "US"),
    ("Llama 3 70B", "Llama 3 70B", "US"),
    ("Qwen1.5", "Qwen1.5 72B", "CN"),
    ("ChatGLM3", "ChatGLM3-6B", "CN"),
    ("Yi", "Yi-34B", "CN"),
)
_SCORE = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(?:\((.*)\))?\s*")


def parse_score(cell: str, scale: str) -> tuple[float, str]:
    """Return (points, note) of one benchmark cell: fractions ×100, ``76 (4-shot)`` → 76."""
    match = _SCORE.fullmatch(cell)
    if not match:
        return np.nan, cell.strip()
    value = float(match.group(1))
    return (round(value * 100, 2) if scale == "fraction" else value), (match.group(2) or "")


def load_benchmarks(
    snapshots_dir: Path = DEFAULT_SNAPSHOTS_DIR,
    data_dir: Path = paths.DATA_DIR,
    snapshot_id: str = BENCHMARKS_SNAPSHOT,
) -> pd.DataFrame:
    """Return the benchmark scores as a long table: one row per system and scored benchmark."""
    raw = read_snapshot(snapshot_id, snapshots_dir, data_dir)
    dates = parse_dates(raw["Date"], raw["System"], snapshot_id)
    rows = []
    for index, record in raw.iterrows():
        for benchmark, scale, *_ in BENCHMARKS:
            cell = record[benchmark]
            if not cell.strip():
                continue
            points, note = parse_score(cell, scale)
            rows.append(
                {
                    "system": record["System"],
                    "is_china": record["China"] == "y",
                    "is_baseline": record["System"] == "Random chance",
                    "release_date": dates[index],
                    "benchmark": benchmark,
                    "score_points": points,
                    "score_note": note,
                }
            )
    return pd.DataFrame(rows)


def describe_benchmarks() -> pd.DataFrame:
    """Return what each benchmark measures, in English and Chinese, in the file's order."""
    return pd.DataFrame(
        [
            {"benchmark": name, "scale_in_file": scale, "measures_en": en, "measures_zh": zh}
            for name, scale, en, zh in BENCHMARKS
        ]
    )


def article_models_on_benchmarks(benchmarks: pd.DataFrame) -> pd.DataFrame:
    """Return the models the articles name with their producer scores and what each measures."""
    names = pd.DataFrame(ARTICLE_MODELS, columns=["article_name", "system", "country"])
    names["order"] = range(len(names))
    merged = names.merge(benchmarks, on="system", how="inner")
    merged = merged.merge(describe_benchmarks(), on="benchmark", how="left")
    order = {name: i for i, (name, *_) in enumerate(BENCHMARKS)}
    merged["benchmark_order"] = merged["benchmark"].map(order)
    merged = merged.sort_values(["order", "benchmark_order"]).reset_index(drop=True)
    return merged[
        [
            "article_name",
            "system",
            "country",
            "release_date",
            "benchmark",
            "score_points",
            "score_note",
            "measures_en",
            "measures_zh",
        ]
    ]


def benchmark_score(benchmarks: pd.DataFrame, system: str, benchmark: str) -> float:
    """Return one system's score (points) on one benchmark; UserError if the snapshot lacks it."""
    rows = benchmarks[(benchmarks["system"] == system) & (benchmarks["benchmark"] == benchmark)]
    if rows.empty:
        raise UserError(f"benchmark snapshot has no {benchmark} score for {system!r}")
    return float(rows["score_points"].iloc[0])


def rank_on_benchmark(benchmarks: pd.DataFrame, system: str, among: tuple, benchmark: str) -> int:
    """Return ``system``'s rank on a benchmark among ``among`` (1 = best; ties share a place)."""
    scores = {name: benchmark_score(benchmarks, name, benchmark) for name in among}
    return 1 + sum(score > scores[system] for score in scores.values())
