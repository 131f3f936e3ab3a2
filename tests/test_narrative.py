"""Tests for helpers.narrative: numbers in prose, and sentences built only from the inputs."""

from decimal import Decimal

import pytest

from helpers import paths
from helpers.i18n import Catalog, format_number, translate
from helpers.ledger import load_facts, load_metrics
from helpers.narrative import (
    describe_comparison,
    describe_fact,
    describe_vague,
    format_amount,
    format_period,
    format_quantity,
    format_unit,
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


def _row(cn, us, leader, direction, period="2023", comparison="none"):
    return {
        "period": period,
        "value_cn": cn,
        "value_us": us,
        "leader": leader,
        "direction": direction,
        "comparison": comparison,
    }


def test_comparison_with_direction_gives_the_ratio_from_the_values():
    row = _row(12450.0, 12030.0, "CN", "true", comparison="ratio")
    assert describe_comparison(row, "Generative-AI papers", "篇", Catalog("en")) == (
        "Generative-AI papers (2023): China 12,450 papers, the United States 12,030 papers, "
        "so China leads, at 1.03 times the other's figure."
    )
    assert describe_comparison(row, "生成式AI论文数量", "篇", Catalog("zh")) == (
        "生成式AI论文数量（2023）：中国12,450篇，美国12,030篇。中国领先，数值是对方的 1.03 倍。"
    )


def test_comparison_ratio_follows_the_leader():
    row = _row(260, 280, "US", "true", "2022", comparison="ratio")
    text = describe_comparison(row, "Firms", "家", Catalog("en"))
    assert "China 260 firms" in text and "the United States 280 firms" in text
    assert "the United States leads" in text
    assert f"at {format_number(round(Decimal(280) / Decimal(260), 2), 'en')} times" in text
    assert "1.08 times" in text


def test_a_share_compared_by_difference_gives_percentage_points_not_a_ratio():
    row = _row(26, 28, "US", "true", "2022", comparison="difference")
    text = describe_comparison(row, "Share", "%", Catalog("en"))
    assert text == (
        "Share (2022): China 26%, the United States 28%; "
        "the United States leads by 2 percentage points."
    )
    zh = describe_comparison(row, "比例", "%", Catalog("zh"))
    assert zh == "比例（2022）：中国26%，美国28%。美国领先2个百分点。"
    assert "times" not in text and "倍" not in zh


def test_comparison_sentence_changes_with_the_values():
    first = describe_comparison(
        _row(12450, 12030, "CN", "true", comparison="ratio"), "Papers", "篇", Catalog("en")
    )
    second = describe_comparison(
        _row(24060, 12030, "CN", "true", comparison="ratio"), "Papers", "篇", Catalog("en")
    )
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
    assert row["period_source"] == "published"  # the article's month stands in: marked *
    en = describe_fact(row, "Value", "McKinsey study", Catalog("en"))
    assert en == (
        "Value: World, 2.6 trillion–4.4 trillion US dollars (2023-10*; source: McKinsey study)."
    )
    zh = describe_fact(row, "价值", "百模大战", Catalog("zh"))
    assert zh == "价值：全球，2.6万亿–4.4万亿美元（2023-10*；来源：百模大战）。"
    measured = describe_fact(row | {"period_source": "text"}, "Value", "S", Catalog("en"))
    assert "(2023-10; source: S)" in measured


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
@pytest.mark.parametrize("approx", ["前", "top"])
def test_a_bound_reads_within_the_top_never_as_a_rank(approx):
    assert format_quantity(10, None, "名", approx, Catalog("en")) == "within the top 10"
    assert format_quantity(10, None, "名", approx, Catalog("zh")) == "前10"
    assert format_quantity(2, None, "名", approx, Catalog("en")) == "within the top 2"
    for lang in ("zh", "en"):
        text = format_quantity(10, None, "名", approx, Catalog(lang))
        assert "no." not in text and "第" not in text


def test_the_ledgers_bounds_never_read_as_ranks():
    bounds = FACTS[FACTS["approx"].isin(["前", "top"])]
    assert len(bounds) >= 6  # itif_review-010…015
    for row in bounds.to_dict("records"):
        en = format_quantity(row["value"], row["high"], row["unit"], row["approx"], Catalog("en"))
        zh = format_quantity(row["value"], row["high"], row["unit"], row["approx"], Catalog("zh"))
        assert en == f"within the top {int(row['value'])}", (row["fact_id"], en)
        assert zh == f"前{int(row['value'])}", (row["fact_id"], zh)


def test_format_period_marks_a_standin_only():
    assert format_period("2024-08", "published") == "2024-08*"
    assert format_period("2024-08", "text") == "2024-08"
    assert format_period("2023H1") == "2023H1"


def test_a_standin_period_is_marked_in_a_comparison():
    row = _row(130, 400, "US", "true", "2024-05", comparison="ratio") | {
        "period_source": "published"
    }
    assert describe_comparison(row, "Models", "个", Catalog("en")).startswith("Models (2024-05*):")
    assert describe_comparison(row, "模型", "个", Catalog("zh")).startswith("模型（2024-05*）：")


def test_a_vague_order_of_magnitude_keeps_its_words():
    assert format_quantity(2000000000, 9000000000, "元", "数", Catalog("en")) == (
        "2 billion–9 billion yuan (several billion: an order of magnitude)"
    )
    assert format_quantity(2000000000, 9000000000, "元", "数", Catalog("zh")) == (
        "20亿–90亿元（数十亿，数量级）"
    )
    assert format_quantity(20000000000, 90000000000, "元", "数", Catalog("zh")) == (
        "200亿–900亿元（数百亿，数量级）"
    )


def test_an_ordinary_range_is_not_called_vague():
    assert describe_vague(2000000000, 8000000000, "en") is None  # not 2..9 × 10^k
    assert describe_vague(3000000000, 13500000000, "en") is None  # base not a power of ten
    assert describe_vague(2000000000, None, "en") is None
    text = format_quantity(2000000000, 8000000000, "元", "数", Catalog("en"))
    assert "order of magnitude" not in text


def test_ranks_are_compared_by_who_leads_only():
    row = _row(3, 1, "US", "false", "2024", comparison="none")
    text = describe_comparison(row, "Ranking", "名", Catalog("en"))
    assert text.endswith("so the United States is ahead.")
    assert "times" not in text and "leads by" not in text


def test_the_comparison_comes_from_the_row_not_the_unit():
    counts = _row(300, 100, "CN", "true", comparison="ratio")
    assert "at 3 times" in describe_comparison(counts, "Models", "个", Catalog("en"))
    gap = describe_comparison(counts | {"comparison": "difference"}, "Models", "个", Catalog("en"))
    assert gap.endswith("China leads by 200.") and "times" not in gap
    plain = describe_comparison(counts | {"comparison": "none"}, "Models", "个", Catalog("en"))
    assert plain.endswith("so China is ahead.")


def test_a_score_compared_by_difference_says_points():
    row = _row(77, 81, "US", "true", "2024-08", comparison="difference")
    assert describe_comparison(row, "Score", "分", Catalog("en")).endswith(
        "the United States leads by 4 points."
    )
    assert describe_comparison(row, "得分", "分", Catalog("zh")).endswith("美国领先4分。")


def test_the_metrics_english_unit_is_used_on_english_pages():
    metric = {"metric_id": "model_parameters", "unit": "个", "unit_en": "parameters"}
    en = format_quantity(180000000000, None, "个", "近", Catalog("en"), metric)
    assert en == "nearly 180 billion parameters"
    assert format_quantity(180000000000, None, "个", "近", Catalog("zh"), metric) == "近1800亿个"
    # without unit_en the catalog's unit is the fallback (个 has no English word of its own)
    fallback = format_quantity(
        180000000000, None, "个", "近", Catalog("en"), metric | {"unit_en": ""}
    )
    assert fallback == "nearly 180 billion"
    # a fact in another unit than its metric's keeps that unit's own word
    assert format_unit("篇", Catalog("en"), metric) == "papers"


def test_the_ledgers_model_parameters_read_parameters_in_english():
    metrics = load_metrics(paths.DATA_DIR).set_index("metric_id", drop=False)
    metric = metrics.loc["model_parameters"].to_dict()
    rows = FACTS[(FACTS["metric_id"] == "model_parameters") & (FACTS["unit"] == "个")]
    assert len(rows)
    for row in rows.to_dict("records"):
        text = format_quantity(
            row["value"], row["high"], row["unit"], row["approx"], Catalog("en"), metric
        )
        assert text.endswith("parameters"), (row["fact_id"], text)
