"""Tests for helpers.findings: one sentence per compared metric, and a translated scorecard."""

import pandas as pd
import pytest

from helpers import paths, tables
from helpers.findings import (
    SCORECARD_COLUMNS,
    format_age,
    format_leader,
    format_scorecard,
    list_findings,
)
from helpers.i18n import Catalog, translate
from helpers.ledger import load_facts, load_metrics
from helpers.narrative import format_period, format_quantity
from helpers.periods import parse_period_bounds

FACTS = load_facts(paths.DATA_DIR)
METRICS = load_metrics(paths.DATA_DIR)


def _latest_per_metric(compared: pd.DataFrame) -> pd.DataFrame:
    ends = [parse_period_bounds(p)[1] for p in compared["period"]]
    return (
        compared.assign(end=ends).sort_values(["metric_id", "end"]).groupby("metric_id").tail(1)
    ).sort_values("metric_id")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_finding_per_compared_metric_counting_a_leaderboard_once(lang):
    compared = tables.compare_countries(FACTS, METRICS)
    sentences = list_findings(FACTS, METRICS, Catalog(lang))
    assert compared["metric_id"].nunique() == 6
    # the SuperCLUE score and rank come from one leaderboard: one finding (the score), not two
    assert len(sentences) == len(tables.count_once(_latest_per_metric(compared))) == 5
    names = METRICS.set_index("metric_id")[f"name_{lang}"]
    assert any(s.startswith(names["superclue_score"]) for s in sentences)
    assert not any(s.startswith(names["superclue_rank"]) for s in sentences)
    assert len(set(sentences)) == len(sentences)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_finding_holds_both_countries_values(lang):
    latest = tables.count_once(_latest_per_metric(tables.compare_countries(FACTS, METRICS)))
    sentences = list_findings(FACTS, METRICS, Catalog(lang))
    for sentence, row in zip(sentences, latest.to_dict("records"), strict=True):
        name = METRICS.set_index("metric_id").loc[row["metric_id"], f"name_{lang}"]
        assert sentence.startswith(f"{name}"), sentence
        assert format_period(row["period"], row["period_source"]) in sentence
        for country in ("cn", "us"):
            value = format_quantity(row[f"value_{country}"], None, row["unit"], "", Catalog(lang))
            assert value in sentence, (value, sentence)


def test_findings_on_the_real_ledger_en():
    sentences = list_findings(FACTS, METRICS, Catalog("en"))
    assert sentences[0] == (
        "Generative-AI papers (2023): China 12,450 papers, the United States 12,030 papers, "
        "so China leads, at 1.03 times the other's figure."
    )
    ranks = [s for s in sentences if "ranking" in s]
    assert ranks and all("times" not in s and "is ahead" in s for s in ranks)


def test_findings_follow_the_ledger_values():
    facts = FACTS.copy()
    facts.loc[facts["fact_id"] == "itif_review-009", "value"] = 13000.0
    sentence = list_findings(facts, METRICS, Catalog("en"))[0]
    assert "the United States 13,000 papers" in sentence
    assert "so the United States leads, at 1.04 times" in sentence


def test_findings_use_the_latest_period_only():
    extra = FACTS[FACTS["metric_id"] == "genai_papers"].assign(
        period="2021", value=[100.0, 200.0], fact_id=["x-1", "x-2"]
    )
    sentences = list_findings(pd.concat([FACTS, extra]), METRICS, Catalog("en"))
    papers = [s for s in sentences if s.startswith("Generative-AI papers")]
    assert len(papers) == 1 and "(2023)" in papers[0]


def test_no_comparable_data_gives_no_findings():
    assert list_findings(FACTS[FACTS["country"] == "CN"], METRICS, Catalog("en")) == []


def test_findings_keep_approximate_qualifiers():
    """A comparison of '不超过5家' must not become a plain '5 firms'."""
    base = FACTS[FACTS["fact_id"] == "itif_review-017"].iloc[0].to_dict()
    facts = pd.DataFrame(
        [
            base | {"fact_id": "t-1", "country": "CN", "value": 5.0, "approx": "不超过"},
            base | {"fact_id": "t-2", "country": "US", "value": 3.0, "approx": "超过"},
        ]
    )
    (sentence,) = list_findings(facts, METRICS, Catalog("en"))
    assert "China at most 5 firms" in sentence, sentence
    assert "the United States more than 3 firms" in sentence, sentence


@pytest.mark.parametrize(
    ("days", "zh", "en"),
    [
        (-103.0, "尚未结束", "not yet over"),
        (-1, "尚未结束", "not yet over"),
        (0.0, "0", "0"),
        (19.0, "19", "19"),
        (1628.0, "1,628", "1,628"),
        (float("nan"), "", ""),
        (None, "", ""),
    ],
)
def test_format_age(days, zh, en):
    assert format_age(days, Catalog("zh")) == zh
    assert format_age(days, Catalog("en")) == en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_scorecard_translates_headers_and_values(lang):
    card = tables.build_scorecard(FACTS, METRICS, "2024-09-19")
    shown = format_scorecard(card, Catalog(lang))
    assert list(shown.columns) == [translate(k, lang) for k in SCORECARD_COLUMNS.values()]
    dimensions = [translate(f"dimension.{d}", lang) for d in card["dimension"]]
    assert shown.iloc[:, 0].tolist() == dimensions
    leaders = []
    for leader, n in zip(card["leader"], card["metrics_compared"], strict=True):
        word = translate(f"leader.{leader}", lang)
        leaders.append(translate("leader.one_metric", lang, leader=word) if n == 1 else word)
    assert shown.iloc[:, 1].tolist() == leaders
    ages = dict(zip(card["dimension"], shown.iloc[:, -1], strict=True))
    periods = dict(zip(card["dimension"], shown.iloc[:, -2], strict=True))
    not_over = translate("age.not_over", lang)
    assert periods["patents"] == "2013/2024*" and ages["patents"] == ""  # a stand-in: not aged
    assert ages["data"] == not_over  # a 2025 forecast
    assert ages["talent"] == "628"
    assert periods["models"] == "2024H1"  # measured, preferred to the stand-in 2024-08*
    assert ages["models"] == "81"
    assert shown.iloc[:, 2].tolist() == card["metrics_compared"].tolist()


def test_format_scorecard_words():
    card = tables.build_scorecard(FACTS, METRICS, "2024-09-19")
    en = format_scorecard(card, Catalog("en"))
    zh = format_scorecard(card, Catalog("zh"))
    assert en.columns[0] == "Dimension" and zh.columns[0] == "维度"
    assert en.iloc[0, :2].tolist() == ["Models", "United States"]
    assert zh.iloc[0, :2].tolist() == ["模型", "美国"]
    assert en.iloc[1, :3].tolist() == ["Research", "China (on one metric only)", 1]
    assert zh.iloc[1, :3].tolist() == ["科研", "中国（仅凭一个指标）", 1]
    assert "No comparable data" in en["Leader"].tolist()
    assert "无可比数据" in zh["领先方"].tolist()


def test_format_scorecard_shows_empty_age_for_a_dimension_without_data():
    compute = METRICS.loc[METRICS["dimension"] == "compute", "metric_id"]
    card = tables.build_scorecard(FACTS[~FACTS["metric_id"].isin(compute)], METRICS, "2024-09-19")
    shown = format_scorecard(card, Catalog("en"))
    row = shown[card["dimension"] == "compute"].iloc[0]
    assert row.iloc[-1] == "" and row.iloc[1] == "No comparable data"


@pytest.mark.parametrize(
    ("leader", "n", "en", "zh"),
    [
        ("CN", 1, "China (on one metric only)", "中国（仅凭一个指标）"),
        ("US", 1, "United States (on one metric only)", "美国（仅凭一个指标）"),
        ("tie", 1, "Level (on one metric only)", "持平（仅凭一个指标）"),
        ("CN", 2, "China", "中国"),
        ("US", 3, "United States", "美国"),
        ("no comparable data", 0, "No comparable data", "无可比数据"),
    ],
)
def test_format_leader_says_when_a_lead_rests_on_one_metric(leader, n, en, zh):
    row = {"leader": leader, "metrics_compared": n}
    assert format_leader(row, Catalog("en")) == en
    assert format_leader(row, Catalog("zh")) == zh


def test_a_finding_marks_a_standin_period():
    pair = FACTS[FACTS["metric_id"] == "genai_papers"]
    assert set(pair["period_source"]) == {"text"}
    (measured,) = [s for s in list_findings(pair, METRICS, Catalog("en"))]
    assert "(2023):" in measured
    standin = pair.assign(period_source="published")
    (sentence,) = list_findings(standin, METRICS, Catalog("en"))
    assert "(2023*):" in sentence
    (zh,) = list_findings(standin, METRICS, Catalog("zh"))
    assert "（2023*）" in zh


def test_the_scorecard_marks_a_standin_newest_period_and_leaves_its_age_empty():
    card = tables.build_scorecard(FACTS, METRICS, "2024-09-19")
    research = card["dimension"] == "research"
    card.loc[research, "newest_is_standin"] = True
    card.loc[research, "age_days"] = float("nan")
    shown = format_scorecard(card, Catalog("en")).set_index("Dimension")
    period, age = translate("col.newest_period", "en"), translate("col.age_days", "en")
    assert shown.loc["Research", period] == "2023*"
    assert shown.loc["Research", age] == ""
    assert (shown.loc["Talent", period], shown.loc["Talent", age]) == ("2022", "628")
