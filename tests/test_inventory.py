"""Tests for helpers.inventory: lengths, script shares and dates computed from the documents."""

import datetime as dt

from helpers import paths
from helpers.corpus import load_sources
from helpers.inventory import (
    count_scripts,
    describe_sources,
    tidy_script_shares,
)
from helpers.periods import parse_partial_date


def test_count_scripts():
    assert count_scripts("中国 GPT-4o 81分！") == {"cjk": 3, "latin": 4, "digit": 3, "other": 2}


def test_parse_partial_date():
    assert parse_partial_date("2024-08") == (dt.date(2024, 8, 1), "month")
    assert parse_partial_date("2024-09-19") == (dt.date(2024, 9, 19), "day")
    assert parse_partial_date("2023") == (dt.date(2023, 1, 1), "year")


def test_describe_sources_matches_the_files():
    sources = load_sources(paths.SEEDS_DIR)
    table = describe_sources(sources)
    assert list(table["source_id"]) == [s.source_id for s in sources]
    assert table["characters"].tolist() == [len(s.text) for s in sources]
    assert (table["cjk_share"] > 50).all()


def test_script_shares_sum_to_100_per_document():
    shares = tidy_script_shares(describe_sources(load_sources(paths.SEEDS_DIR)))
    totals = shares.groupby("source_id")["share"].sum()
    assert ((totals - 100).abs() < 0.3).all()
