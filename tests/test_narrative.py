"""Tests for helpers.narrative: numbers in prose, and sentences built only from the inputs."""

from decimal import Decimal

import pytest

from helpers import paths
from helpers.i18n import Catalog, format_number, translate
from helpers.ledger import load_facts
from helpers.narrative import (
    describe_comparison,
    describe_fact,
    format_amount,
    format_quantity,
    to_decimal,
)

FACTS = load_facts(paths.DATA_DIR)


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (2600000000000, "2.6万亿", "2.6 trillion"),
        (4400000000000.0, "4.4万亿", "4.4 trillion"),
        (180000000000.0, "1800亿", "180 billion"),
        (60000000000, "600亿", "60 billion"),
        (45000000, "4500万", "45 million"),
        (45000000.0, "4500万", "45 million"),
        (1000000, "100万", "1 million"),
        (12450, "12,450", "12,450"),
        (12450.0, "12,450", "12,450"),
        (999999, "999,999", "999,999"),
        (81, "81", "81"),
        (1.3, "1.3", "1.3"),
        (-9.7, "-9.7", "-9.7"),
        (-2600000000000, "-2.6万亿", "-2.6 trillion"),
    ],
)
def test_format_amount(value, zh, en):
    assert format_amount(value, "zh") == zh
    assert format_amount(value, "en") == en


@pytest.mark.parametrize("empty", [None, "", "nan", float("nan"), "<NA>"])
def test_to_decimal_empty(empty):
    assert to_decimal(empty) is None


def test_to_decimal_keeps_the_digits():
    assert to_decimal("12450") == Decimal("12450")
    assert to_decimal(1.3) == Decimal("1.3")


def test_translate_unit():
    assert Catalog("en").unit("篇") == "papers"
    assert Catalog("zh").unit("篇") == "篇"
    assert Catalog("en").unit("个") == ""
    assert Catalog("en").unit("") == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_fact_quantity_shows_its_number(lang):
    for row in FACTS.to_dict("records"):
        text = format_quantity(row["value"], row["high"], row["unit"], row["approx"], Catalog(lang))
        assert text.strip(), row["fact_id"]
        assert format_amount(row["value"], lang) in text, (row["fact_id"], text)
        if row["high"] == row["high"]:  # a range shows its upper end too
            assert format_amount(row["high"], lang) in text, (row["fact_id"], text)
            assert "–" in text, (row["fact_id"], text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_unit_and_qualifier_in_the_ledger_is_translated(lang):
    for row in FACTS.to_dict("records"):
        text = format_quantity(row["value"], row["high"], row["unit"], row["approx"], Catalog(lang))
        unit = Catalog(lang).unit(row["unit"])
        if row["unit"] not in ("%", "倍", "名"):
            singular = lang == "en" and row["value"] == 1 and row["high"] != row["high"]
            assert (unit[:-1] if singular else unit) in text, (row["fact_id"], text)
        if row["approx"] == "数" and row["high"] == row["high"]:
            assert "–" in text and not text.startswith(translate("approx.数", lang)), text
        elif row["approx"]:
            qualifier = translate(f"approx.{row['approx']}", lang)
            assert qualifier and text.startswith(qualifier), (row["fact_id"], text)
        if lang == "en":  # no Chinese left in English prose
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), (row["fact_id"], text)


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        ((47, None, "%", ""), "47%", "47%"),
        ((1, None, "%", "不足"), "不足1%", "less than 1%"),
        ((-9.7, None, "%", ""), "-9.7%", "-9.7%"),
        ((4, None, "倍", ""), "4倍", "4×"),
        ((5, None, "名", ""), "第5名", "no. 5"),
        ((12450, None, "篇", ""), "12,450篇", "12,450 papers"),
        ((200, None, "个", "多"), "逾200个", "more than 200"),
        ((10, 20, "个", ""), "10–20个", "10–20"),
        ((180000000000, None, "个", "近"), "近1800亿个", "nearly 180 billion"),
        ((45000000, None, "用户", ""), "4500万用户", "45 million users"),
        ((10000, None, "枚", "超过"), "超过10,000枚", "more than 10,000 GPUs"),
        ((5, None, "家", "不超过"), "不超过5家", "at most 5 firms"),
        ((2, None, "年", "至少"), "至少2年", "at least 2 years"),
        (
            (2600000000000, 4400000000000, "美元", ""),
            "2.6万亿–4.4万亿美元",
            "2.6 trillion–4.4 trillion US dollars",
        ),
        (
            (60000000000, 70000000000, "参数", ""),
            "600亿–700亿参数",
            "60 billion–70 billion parameters",
        ),
        ((81, float("nan"), "分", ""), "81分", "81 points"),
        ((77, "", "分", ""), "77分", "77 points"),
    ],
)
def test_format_quantity_forms(args, zh, en):
    assert format_quantity(*args, Catalog("zh")) == zh
    assert format_quantity(*args, Catalog("en")) == en


def _row(cn, us, leader, direction, period="2023"):
    return {
        "period": period,
        "value_cn": cn,
        "value_us": us,
        "leader": leader,
        "direction": direction,
    }


def test_comparison_with_direction_gives_the_ratio_from_the_values():
    row = _row(12450.0, 12030.0, "CN", "true")
    assert describe_comparison(row, "Generative-AI papers", "篇", Catalog("en")) == (
        "Generative-AI papers (2023): China 12,450 papers, the United States 12,030 papers, "
        "so China leads, at 1.03 times the other's figure."
    )
    assert describe_comparison(row, "生成式AI论文数量", "篇", Catalog("zh")) == (
        "生成式AI论文数量（2023）：中国12,450篇，美国12,030篇。中国领先，数值是对方的 1.03 倍。"
    )


def test_comparison_ratio_follows_the_leader():
    text = describe_comparison(_row(26, 28, "US", "true", "2022"), "Share", "%", Catalog("en"))
    assert "China 26%" in text and "the United States 28%" in text
    assert "the United States leads" in text
    assert f"at {format_number(round(Decimal(28) / Decimal(26), 2), 'en')} times" in text
    assert "1.08 times" in text


def test_comparison_sentence_changes_with_the_values():
    first = describe_comparison(_row(12450, 12030, "CN", "true"), "Papers", "篇", Catalog("en"))
    second = describe_comparison(_row(24060, 12030, "CN", "true"), "Papers", "篇", Catalog("en"))
    assert first != second
    assert "24,060 papers" in second and "12,450" not in second
    assert "at 2 times" in second


def test_ranks_say_who_is_ahead_without_a_ratio():
    row = _row(5.0, 1.0, "US", "false", "2024H1")
    en = describe_comparison(row, "HKU ranking", "名", Catalog("en"))
    assert en == (
        "HKU ranking (2024H1): China no. 5, the United States no. 1, so the United States is ahead."
    )
    zh = describe_comparison(row, "港大排名", "名", Catalog("zh"))
    assert zh == "港大排名（2024H1）：中国第5名，美国第1名，美国领先。"
    assert "times" not in en and "倍" not in zh


def test_non_positive_values_get_no_ratio():
    text = describe_comparison(_row(-1, -5, "CN", "true"), "Change", "%", Catalog("en"))
    assert "times" not in text and "so China is ahead" in text
    text = describe_comparison(_row(3, 0, "CN", "true"), "Count", "家", Catalog("en"))
    assert "times" not in text and "China 3 firms" in text


def test_tie_and_no_direction():
    tie = describe_comparison(_row(77, 77, "tie", "true", "2024-08"), "Score", "分", Catalog("en"))
    assert tie == "Score (2024-08): China 77 points, the United States 77 points: level."
    assert describe_comparison(_row(77, 77, "tie", "true"), "得分", "分", Catalog("zh")) == (
        "得分（2023）：中国77分，美国77分，两国持平。"
    )
    plain = describe_comparison(_row(130, 400, "none", ""), "Models", "个", Catalog("en"))
    assert plain == "Models (2023): China 130, the United States 400."
    assert "leads" not in plain and "ahead" not in plain


def test_comparison_keeps_qualifiers_when_given():
    row = _row(5, 3, "CN", "true") | {"approx_cn": "不超过", "approx_us": "超过"}
    text = describe_comparison(row, "Firms", "家", Catalog("en"))
    assert "China at most 5 firms" in text and "the United States more than 3 firms" in text


def test_describe_fact_states_value_period_and_source():
    row = FACTS[FACTS["fact_id"] == "hundred_models-009"].iloc[0].to_dict()
    en = describe_fact(row, "Value", "McKinsey study", Catalog("en"))
    assert en == (
        "Value: 全球, 2.6 trillion–4.4 trillion US dollars (2023-10; source: McKinsey study)."
    )
    zh = describe_fact(row, "价值", "百模大战", Catalog("zh"))
    assert zh == "价值：全球，2.6万亿–4.4万亿美元（2023-10；来源：百模大战）。"


def test_describe_fact_changes_with_the_value():
    row = FACTS[FACTS["fact_id"] == "hundred_models-003"].iloc[0].to_dict()
    assert "45 million users" in describe_fact(row, "Users", "S", Catalog("en"))
    changed = describe_fact(row | {"value": 70000000.0}, "Users", "S", Catalog("en"))
    assert "70 million users" in changed and "45 million" not in changed


def test_a_draft_fact_is_labelled_wherever_its_figure_is_written():
    from helpers.narrative import describe_fact, format_unit

    row = {"entity": "中国", "value": "300", "high": "", "unit": "个", "approx": "超过",
           "period": "2025-02", "period_source": "text", "status": "draft"}  # fmt: skip
    metric = {"unit": "款", "unit_en": "services"}
    en = Catalog("en", paths.DATA_DIR)
    sentence = describe_fact(row, "Registered services", "A source", en, metric)
    assert "more than 300 services (draft: not reviewed by a curator)" in sentence
    reviewed = describe_fact({**row, "status": "reviewed"}, "Registered services", "A", en, metric)
    assert "draft" not in reviewed and "more than 300 services" in reviewed
    assert "草稿" in describe_fact(row, "备案数", "来源", Catalog("zh", paths.DATA_DIR), metric)
    assert format_unit("个", en, metric) == "services"  # 个 worded by the metric it counts for
    assert format_unit("个", en, None) == en.unit("个")
