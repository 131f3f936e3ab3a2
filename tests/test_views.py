"""Tests for helpers.views: the tables behind each chart, shaped from the ledger."""

import datetime as dt

import pandas as pd

from helpers import paths
from helpers.i18n import Catalog
from helpers.ledger import load_facts
from helpers.views import (
    build_bar_table,
    build_data_table,
    build_rank_table,
    build_staleness,
    build_timeline_table,
    compare_regions,
)

FACTS = load_facts(paths.DATA_DIR)
EN = Catalog("en")


def rows_of(metric_id: str) -> pd.DataFrame:
    """Return the real facts of one metric."""
    return FACTS[FACTS["metric_id"] == metric_id]


def test_bar_table_labels_periods_only_when_they_differ():
    scores = build_bar_table(rows_of("superclue_score"), EN)
    assert list(scores["label"]) == ["GPT-4o", "Qwen2-72B", "Claude-3.5-Sonnet-200K"]
    assert list(scores["display"]) == ["81 points", "77 points", "77 points"]
    two = pd.concat([rows_of("superclue_score").iloc[:1]] * 2).assign(period=["2024-08", "2024-09"])
    assert list(build_bar_table(two, EN)["label"]) == ["GPT-4o (2024-08)", "GPT-4o (2024-09)"]


def test_rank_table_names_each_ranking():
    table = build_rank_table(rows_of("hku_rank_en"), {"hku_rank_en": "HKU, English"})
    assert set(table["ranking"]) == {"HKU, English"} and table["rank"].min() == 1


def test_timeline_points_start_on_their_period():
    table = build_timeline_table(rows_of("large_models_count"), EN)
    assert len(table) == len(rows_of("large_models_count"))
    assert all(isinstance(d, pd.Timestamp) and d.day == 1 for d in table["date"])


def test_data_table_keeps_the_quotes():
    rows = rows_of("superclue_score")
    assert list(build_data_table(rows, EN)["quote"]) == list(rows["quote"])


def test_staleness_is_oldest_first_and_counts_days_from_the_period_end():
    names = {m: m for m in FACTS["metric_id"].unique()}
    table = build_staleness(FACTS, names, dt.date(2024, 9, 19))
    assert list(table["age_days"]) == sorted(table["age_days"], reverse=True)
    scores = table[table["metric_id"] == "superclue_score"].iloc[0]
    assert scores["newest_period"] == "2024-08" and scores["age_days"] == 19


def test_compare_regions_puts_the_ledger_beside_the_tally():
    regions = pd.DataFrame({"region": ["北京", "火星"], "count": [51, 3]})
    ledger = pd.DataFrame({"entity": ["北京"], "value": [51.0]})
    compared = compare_regions(regions, ledger)["ledger"]
    assert compared.iloc[0] == 51 and pd.isna(compared.iloc[1])
