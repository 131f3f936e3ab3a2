"""Tests for helpers.regions: the region tally parsed from the source's own sentence, checked."""

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.entities import load_lexicon
from helpers.ledger import load_facts
from helpers.numbers import find_mentions
from helpers.regions import check_region_total, parse_region_counts, parse_regions


@pytest.fixture(scope="module")
def filings():
    """Return the thepaper_filings source and its mentions."""
    source = next(s for s in load_sources(paths.SEEDS_DIR) if s.source_id == "thepaper_filings")
    lexicon = load_lexicon(paths.DATA_DIR / "lexicon.csv")
    return source, lexicon, find_mentions(source.text, source.source_id, lexicon)


def test_parse_region_counts_from_the_seed(filings):
    source, lexicon, mentions = filings
    table = parse_region_counts(source.text, lexicon, mentions)
    counts = dict(zip(table["region"], table["count"], strict=True))
    assert counts == {
        "北京": 51,
        "上海": 24,
        "广东": 19,
        "浙江": 7,
        "江苏": 2,
        "天津": 2,
        "贵州": 2,
        "湖南": 2,
        "重庆": 2,
        "安徽": 1,
        "海南": 1,
        "四川": 1,
        "福建": 1,
        "山东": 1,
        "国资委": 1,
    }
    for row in table.itertuples():
        assert source.text[row.start : row.start + len(row.region)] == row.region
    assert check_region_total(table, 117) is None
    assert "add up to 117, the text states 118" in check_region_total(table, 118)


def test_parse_region_counts_agrees_with_the_ledger(filings):
    source, lexicon, mentions = filings
    table = parse_region_counts(source.text, lexicon, mentions)
    facts = load_facts(paths.DATA_DIR)
    ledger = facts[facts["metric_id"] == "registered_genai_services_by_region"]
    assert dict(zip(ledger["entity"], ledger["value"].astype(int), strict=True)) == dict(
        zip(table["region"], table["count"], strict=True)
    )
    stated = facts[
        (facts["metric_id"] == "registered_genai_services") & (facts["period"] == "2024-03")
    ]["value"].iloc[0]
    assert check_region_total(table, int(stated)) is None


def test_parse_region_counts_small_text_and_lexicon_frame():
    lexicon = pd.DataFrame(
        [
            ("北京", "北京市", "region", "CN"),
            ("上海", "", "region", "CN"),
            ("天津", "", "region", "CN"),
            ("重庆", "", "region", "CN"),
            ("中国", "", "country", "CN"),
        ],
        columns=["name", "aliases", "type", "country"],
    )
    text = "第一行没有。\n其中北京市5款,上海3款。天津、重庆各有2款。"
    mentions = find_mentions(text, "t")
    table = parse_region_counts(text, lexicon, mentions)
    assert table[["region", "count"]].values.tolist() == [
        ["北京", 5],
        ["上海", 3],
        ["天津", 2],
        ["重庆", 2],
    ]
    assert check_region_total(table, 12) is None
    empty = parse_region_counts("没有数字。", lexicon, [])
    assert empty.empty and check_region_total(empty, 3)


def test_parse_regions_reads_the_source(filings):
    source, _lexicon, _mentions = filings
    regions = parse_regions(source, paths.DATA_DIR)
    assert int(regions["count"].sum()) == 117
