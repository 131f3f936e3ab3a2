"""Tests for helpers.tables: comparisons, scorecard, timelines and disagreements."""

import datetime as dt
import math

import pandas as pd
import pytest

from helpers.periods import parse_period_bounds
from helpers.tables import (
    NO_DATA,
    build_scorecard,
    build_timelines,
    compare_countries,
    count_once,
    find_disagreements,
    select_comparable,
)

METRICS = pd.DataFrame(
    [
        ("papers", "research", "论文", "Papers", "篇", "true", "ratio"),
        ("rank", "models", "排名", "Rank", "名", "false", "none"),
        ("count", "policy", "数量", "Count", "款", "", "ratio"),
        ("share", "talent", "比例", "Share", "%", "true", "difference"),
        ("score", "models", "得分", "Score", "分", "true", "difference"),
    ],
    columns=[
        "metric_id",
        "dimension",
        "name_zh",
        "name_en",
        "unit",
        "higher_is_better",
        "comparison",
    ],
)


def facts_frame(rows, **columns) -> pd.DataFrame:
    """Return a facts DataFrame like load_facts from (fact_id, metric, entity, country, value,
    period, source) tuples; each fact quotes its own sentence, its period is stated in the text
    and it is reviewed, unless ``columns`` say otherwise (a value or a list per row)."""
    frame = pd.DataFrame(
        rows, columns=["fact_id", "metric_id", "entity", "country", "value", "period", "source_id"]
    )
    frame["value"] = frame["value"].astype(float)
    frame["high"] = float("nan")
    units = dict(zip(METRICS["metric_id"], METRICS["unit"], strict=True))
    frame["unit"] = frame["metric_id"].map(units)
    frame["approx"] = ""
    frame["period_source"] = "text"
    frame["quote"] = [f"sentence of {f}" for f in frame["fact_id"]]
    frame["status"] = "reviewed"
    for name, value in columns.items():
        frame[name] = value
    return frame


FACTS = facts_frame(
    [
        ("a-1", "papers", "中国", "CN", 12450, "2023", "a"),
        ("a-2", "papers", "美国", "US", 12030, "2023", "a"),
        ("b-1", "rank", "GPT-4o", "US", 1, "2024-08", "b"),
        ("b-2", "rank", "Qwen2-72B", "CN", 2, "2024-08", "b"),
        ("b-3", "rank", "Claude", "US", 2, "2024-08", "b"),
        ("b-4", "rank", "GLM", "CN", 7, "2024-08", "b"),
        ("c-1", "count", "中国", "CN", 130, "2023-07", "c"),
        ("d-1", "count", "中国", "CN", 200, "2023-11", "d"),
        ("d-2", "count", "中国", "CN", 8, "2023-08", "d"),
        ("e-1", "count", "美国", "US", 50, "2023-07", "e"),
        ("a-3", "share", "中国", "CN", 26, "2022", "a"),
        ("a-4", "share", "美国", "US", 26, "2022", "a"),
        ("f-1", "share", "中国", "CN", 47, "2022", "f"),
    ]
)


def test_parse_period_bounds():
    assert parse_period_bounds("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert parse_period_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert parse_period_bounds("2024H1") == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert parse_period_bounds("2023H2")[0] == dt.date(2023, 7, 1)
    assert parse_period_bounds("2013/2024") == (dt.date(2013, 1, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError, match="malformed"):
        parse_period_bounds("2024年")


def test_compare_countries_respects_direction_and_picks_the_best():
    table = compare_countries(FACTS, METRICS).set_index("metric_id")
    papers = table.loc["papers"]
    assert (papers["value_cn"], papers["value_us"], papers["leader"]) == (12450, 12030, "CN")
    assert papers["ratio"] == pytest.approx(12450 / 12030)
    rank = table.loc["rank"]  # lower is better; the best of each country counts
    assert (rank["entity_cn"], rank["value_cn"], rank["entity_us"], rank["value_us"]) == (
        "Qwen2-72B",
        2,
        "GPT-4o",
        1,
    )
    assert rank["leader"] == "US"
    assert table.loc["count", "leader"] == "none"  # no direction
    assert table.loc["count", "period"] == "2023-07"  # only the period with both countries
    assert table.loc["share", "sources"] == "a; f"  # CN best is 47 from source f


def test_compare_countries_tie_and_zero():
    facts = facts_frame(
        [
            ("x-1", "papers", "中国", "CN", 5, "2020", "x"),
            ("x-2", "papers", "美国", "US", 5, "2020", "x"),
            ("x-3", "papers", "中国", "CN", 5, "2021", "x"),
            ("x-4", "papers", "美国", "US", 0, "2021", "x"),
        ]
    )
    table = compare_countries(facts, METRICS)
    assert table["leader"].tolist() == ["tie", "CN"]
    assert math.isnan(table["ratio"].iloc[1])


def test_build_scorecard():
    card = build_scorecard(FACTS, METRICS, "2024-12-31").set_index("dimension")
    assert list(card.index) == [
        "models",
        "research",
        "patents",
        "talent",
        "industry",
        "compute",
        "data",
        "policy",
    ]
    assert card.loc["research", "leader"] == "CN"
    assert card.loc["models", "leader"] == "US"
    assert card.loc["talent", "leader"] == "CN"
    assert card.loc["policy", "leader"] == NO_DATA  # count has no direction
    assert card.loc["patents", "leader"] == NO_DATA and card.loc["patents", "newest_period"] == ""
    assert card.loc["policy", "newest_period"] == "2023-11"
    assert card.loc["policy", "age_days"] == (dt.date(2024, 12, 31) - dt.date(2023, 11, 30)).days
    assert card.loc["research", "age_days"] == 366
    same = build_scorecard(FACTS, METRICS, dt.date(2024, 12, 31))
    assert same.equals(card.reset_index())


def test_build_timelines():
    timeline = build_timelines(FACTS)
    points = timeline[timeline["metric_id"] == "count"]
    assert points["period"].tolist() == ["2023-07", "2023-08", "2023-11"]
    assert points["source_id"].tolist() == ["c", "d", "d"]
    assert "papers" not in set(timeline["metric_id"])  # one period, one source each
    assert set(timeline[timeline["metric_id"] == "share"]["source_id"]) == {"a", "f"}
    assert build_timelines(FACTS.iloc[:2]).empty


def test_find_disagreements():
    found = find_disagreements(FACTS)
    assert len(found) == 1
    row = found.iloc[0]
    assert (
        row["metric_id"],
        row["entity"],
        row["source_a"],
        row["value_a"],
        row["source_b"],
        row["value_b"],
        row["difference"],
    ) == ("share", "中国", "a", 26, "f", 47, 21)
    repeat = pd.concat([FACTS, facts_frame([("g-1", "papers", "中国", "CN", 12450, "2023", "g")])])
    both = find_disagreements(repeat, include_agreements=True)
    assert set(both["status"]) == {"agree", "disagree"}
    assert find_disagreements(repeat).shape[0] == 1


def test_a_ratio_only_for_metrics_compared_by_ratio():
    table = compare_countries(FACTS, METRICS).set_index("metric_id")
    assert table.loc["papers", "comparison"] == "ratio"
    assert table.loc["share", "comparison"] == "difference"
    assert math.isnan(table.loc["share", "ratio"])  # 47 % / 26 % is not a meaningful ratio
    assert table.loc["rank", "comparison"] == "none" and math.isnan(table.loc["rank", "ratio"])


def test_select_comparable_drops_bounds_drafts_and_other_countries():
    facts = facts_frame(
        [
            ("x-1", "rank", "中国科学院", "CN", 10, "2024", "x"),
            ("x-2", "rank", "MIT", "US", 3, "2024", "x"),
            ("x-3", "rank", "清华大学", "CN", 2, "2024", "x"),
            ("x-4", "rank", "Stanford", "US", 1, "2024", "x"),
            ("x-5", "rank", "Oxford", "GB", 4, "2024", "x"),
        ],
        approx=["前", "", "top", "", ""],
        status=["reviewed", "reviewed", "reviewed", "draft", "reviewed"],
    )
    assert select_comparable(facts)["fact_id"].tolist() == ["x-2"]
    # with the bound and the draft gone, China has no comparable figure: nothing is compared
    assert compare_countries(facts, METRICS).empty


def test_a_bound_never_wins_a_comparison():
    facts = facts_frame(
        [
            ("x-1", "rank", "中国科学院", "CN", 2, "2024", "x"),
            ("x-2", "rank", "浙江大学", "CN", 9, "2024", "x"),
            ("x-3", "rank", "MIT", "US", 5, "2024", "x"),
        ],
        approx=["前", "", ""],
    )
    row = compare_countries(facts, METRICS).iloc[0]
    assert (row["entity_cn"], row["value_cn"], row["leader"]) == ("浙江大学", 9, "US")


def _leaderboard(score_quote="SuperCLUE table", rank_quote="SuperCLUE table"):
    """Return a score and a rank of the same two models, quoted from the given sentences."""
    return facts_frame(
        [
            ("s-1", "score", "Qwen", "CN", 77, "2024-08", "s"),
            ("s-2", "score", "GPT-4o", "US", 81, "2024-08", "s"),
            ("s-3", "rank", "Qwen", "CN", 2, "2024-08", "s"),
            ("s-4", "rank", "GPT-4o", "US", 1, "2024-08", "s"),
        ],
        quote=[score_quote, score_quote, rank_quote, rank_quote],
    )


def test_count_once_keeps_the_score_of_a_leaderboard_and_drops_its_rank():
    compared = compare_countries(_leaderboard(), METRICS)
    assert sorted(compared["metric_id"]) == ["rank", "score"]
    assert count_once(compared)["metric_id"].tolist() == ["score"]


def test_count_once_keeps_comparisons_from_different_sentences():
    compared = compare_countries(_leaderboard("scores sentence", "ranks sentence"), METRICS)
    assert count_once(compared)["metric_id"].tolist() == ["rank", "score"]
    assert count_once(compared.iloc[0:0]).empty


def test_the_scorecard_counts_a_leaderboard_once():
    card = build_scorecard(_leaderboard(), METRICS, "2024-12-31").set_index("dimension")
    models = card.loc["models"]
    assert (models["leader"], models["metrics_compared"], models["metrics"]) == ("US", 1, "score")
    assert (models["us_leads"], models["cn_leads"], models["ties"]) == (1, 0, 0)
    apart = build_scorecard(_leaderboard("a", "b"), METRICS, "2024-12-31").set_index("dimension")
    assert apart.loc["models", "metrics_compared"] == 2
    assert apart.loc["models", "metrics"] == "rank, score"


def test_the_scorecard_never_ages_a_standin_period():
    facts = facts_frame(
        [
            ("p-1", "papers", "中国", "CN", 100, "2024-08", "p"),
            ("p-2", "papers", "美国", "US", 90, "2024-08", "p"),
        ],
        period_source="published",
    )
    row = build_scorecard(facts, METRICS, "2024-12-31").set_index("dimension").loc["research"]
    assert row["newest_period"] == "2024-08"
    assert bool(row["newest_is_standin"]) is True
    assert math.isnan(row["age_days"])
    assert row["leader"] == "CN"  # still compared, only not aged
    assert compare_countries(facts, METRICS)["period_source"].tolist() == ["published"]
    one_measured = facts.assign(period_source=["text", "published"])
    assert compare_countries(one_measured, METRICS)["period_source"].tolist() == ["published"]


def test_the_scorecard_prefers_a_measured_period_to_a_newer_standin():
    facts = facts_frame(
        [
            ("p-1", "papers", "中国", "CN", 100, "2023", "p"),
            ("p-2", "papers", "美国", "US", 90, "2023", "p"),
            ("q-1", "papers", "中国", "CN", 120, "2024-08", "q"),
        ],
        period_source=["text", "text", "published"],
    )
    row = build_scorecard(facts, METRICS, "2024-12-31").set_index("dimension").loc["research"]
    assert row["newest_period"] == "2023"
    assert bool(row["newest_is_standin"]) is False
    assert row["age_days"] == 366  # from 2023-12-31, not from the stand-in 2024-08
