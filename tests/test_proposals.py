"""Tests for helpers.proposals: the guesses behind a draft row, one job at a time."""

from decimal import Decimal

import pytest

from helpers import paths
from helpers.numbers import find_mentions
from helpers.proposals import (
    build_quote,
    convert_period,
    find_clause,
    find_fact_unit,
    find_period,
    format_decimal,
    guess_metrics,
    list_clauses,
    list_name_tokens,
    list_tokens,
    load_ledger,
    rank_entities,
    resolve_entity,
)


@pytest.fixture(scope="module")
def ledger():
    return load_ledger(paths.DATA_DIR)


def mention(text: str, surface: str):
    """Return the parser's mention of ``surface`` in ``text``."""
    return next(m for m in find_mentions(text) if m.surface == surface)


def test_tokens_are_character_pairs_and_words():
    assert list_tokens("大模型数量") == {"大模", "模型", "型数", "数量"}
    assert list_tokens("SuperCLUE排名 of the GPU") == {"superclue", "排名", "gpu"}
    assert list_name_tokens("大模型数量(预测)") == list_tokens("大模型数量")


def test_clauses_split_at_marks_but_not_inside_numbers():
    text = "截至2024年,中国有1,200家企业:其中10:30开会。美国为9家"
    clauses = [text[s:e] for s, e in list_clauses(text, 0, len(text))]
    assert clauses == ["截至2024年", "中国有1,200家企业", "其中10:30开会", "美国为9家"]


def test_quote_is_the_run_of_clauses_covering_number_date_and_entity():
    text = "论文方面,2024年中国发布的论文数量为15300篇,美国为13900篇。"
    clauses = list_clauses(text, 0, len(text))
    us, number, year = text.index("美国"), text.index("13900篇"), text.index("2024年")
    assert build_quote(text, clauses, [(number, number + 6)]) == "美国为13900篇"
    quote = build_quote(text, clauses, [(number, number + 6), (year, year + 5), (us, us + 2)])
    assert quote == "2024年中国发布的论文数量为15300篇,美国为13900篇"
    assert find_clause(clauses, number) == (text.index("美国"), text.index("。"))


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("2024年,", "2024年", "2024"),
        ("2024年3月,", "2024年3月", "2024-03"),
        ("2024年9月19日,", "2024年9月19日", "2024-09-19"),
        ("2024年上半年,", "2024年上半年", "2024H1"),
        ("2023年第三季度,", "2023年第三季度", "2023Q3"),
        ("今年6月,", "6月", None),
    ],
)
def test_convert_period(text, surface, period):
    assert convert_period(mention(text, surface)) == period


def test_period_is_the_nearest_date_before_else_after_in_the_clause():
    text = "清华大学毕业生到美国留学的比例从2018年的11%下降到了2021年的3%"
    found = find_mentions(text)
    dates = [m for m in found if m.kind in ("year", "date")]
    whole = (0, len(text))
    assert find_period(mention(text, "11%"), dates, whole)[0] == "2018"
    assert find_period(mention(text, "3%"), dates, whole)[0] == "2021"
    later = "共有300款,截至2025年1月"
    dates = [m for m in find_mentions(later) if m.kind == "date"]
    assert find_period(mention(later, "300款"), dates, (0, 6)) is None
    assert find_period(mention(later, "300款"), dates, (0, len(later)))[0] == "2025-01"


def test_entity_is_the_subject_of_its_clause(ledger):
    def best(text, surface):
        m = mention(text, surface)
        clauses = list_clauses(text, 0, len(text))
        entities = ledger.lexicon.entities_in(text)
        return rank_entities(entities, m, find_clause(clauses, m.start), set(), text)[0][0]

    assert best("清华大学毕业生到美国留学的比例为11%", "11%") == "清华大学"
    assert best("只有OpenAI的GPT-4o以81分处于第一", "81分") == "GPT-4o"
    assert best("论文数量为15300篇,美国为13900篇", "13900篇") == "美国"
    assert best("14家来自中国", "14家") == "中国"


def test_one_character_abbreviations_are_not_entities(ledger):
    text = "中美两国共有300家"
    m = mention(text, "300家")
    assert rank_entities(ledger.lexicon.entities_in(text), m, (0, len(text)), set(), text) == []


def test_fact_unit_fits_kind_and_metric(ledger):
    metric = {"unit": "款"}
    assert find_fact_unit(ledger, "count", "款", metric)[0] == "款"
    assert find_fact_unit(ledger, "count", "项", metric)[0] == "项"  # 项 with 款 in facts.csv
    assert find_fact_unit(ledger, "count", "件", metric)[0] == ""
    assert find_fact_unit(ledger, "count", None, metric)[0] == "款"
    assert find_fact_unit(ledger, "rank", None, {"unit": "名"})[0] == "名"
    assert find_fact_unit(ledger, "rank", None, metric)[0] == ""
    assert find_fact_unit(ledger, "percent", "%", metric)[0] == ""
    # 个, the general classifier, counts what a metric's measure word counts; not a rank or share
    assert find_fact_unit(ledger, "count", "个", metric)[0] == "个"
    assert find_fact_unit(ledger, "count", "个", {"unit": "名"})[0] == ""
    assert find_fact_unit(ledger, "count", "个", {"unit": "%"})[0] == ""
    assert find_fact_unit(ledger, "count", "个", {"unit": "美元"})[0] == ""


def test_metric_guess_reads_the_names_and_the_counted_noun(ledger):
    text = "2024年中国发布的生成式AI论文数量为15300篇"
    guesses = guess_metrics(ledger, "count", "篇", list_tokens(text))
    assert guesses[0].metric_id == "genai_papers" and guesses[0].score == pytest.approx(1.0)
    counted = guess_metrics(ledger, "count", "个", list_tokens("已有约260个大模型"),
                            list_tokens("大模型问"))  # fmt: skip
    assert counted[0].metric_id == "large_models_count"
    assert "the thing counted" in counted[0].basis
    assert guess_metrics(ledger, "count", "件", list_tokens("专利申请超过3.8万件")) == []


def test_resolve_entity_by_name_or_alias(ledger):
    assert resolve_entity(ledger.lexicon, "我国")[:2] == ("中国", "country")
    assert resolve_entity(ledger.lexicon, "北京")[1:] == ("region", "CN")
    assert resolve_entity(ledger.lexicon, "某公司") is None


def test_format_decimal_is_plain():
    assert format_decimal(Decimal("1.8E+11")) == "180000000000"
    assert format_decimal(Decimal("9.70")) == "9.7"
    assert format_decimal(Decimal("302")) == "302"
    assert format_decimal(None) == ""
