"""Tests for helpers.primary_views on the real snapshot files (fetched once per session).

Every expected figure was checked by hand against the CSV files with the csv module: rows whose
``Country (from Organization)`` (or ``Country``) lists the country, filtered on the first four
characters of ``Publication date`` (or on ``Release date``); each test names the rows it uses.
"""

import datetime as dt

import pandas as pd
import pytest

from helpers import benchmarks, primary
from helpers import primary_views as pv
from helpers.entities import load_lexicon
from helpers.i18n import Catalog
from helpers.paths import DATA_DIR
from helpers.site import load_ledger

REPORT_DATE = dt.date(2024, 9, 19)  # the newest source's date: the report's default as_of


@pytest.fixture(scope="module")
def ledger():
    """Return the project's facts and metrics."""
    return load_ledger(DATA_DIR)


def test_models_per_year_counts_match_the_csv(models):
    table = pv.build_models_per_year(models).set_index(["country", "year"])
    # csv: 'China' / 'United States of America' in the country cell, date starting 2018/2023
    assert table.loc[("CN", 2018), ["models", "notable_models"]].tolist() == [9, 4]
    assert table.loc[("US", 2018), ["models", "notable_models"]].tolist() == [53, 36]
    assert table.loc[("CN", 2023), ["models", "notable_models"]].tolist() == [95, 22]
    assert table.loc[("US", 2023), ["models", "notable_models"]].tolist() == [185, 79]
    assert sorted(table.index.get_level_values("year").unique()) == list(range(2018, 2025))


def test_only_the_year_the_snapshot_ends_in_is_partial(models):
    # the newest publication date in the snapshot is 2024-12-01
    assert pv.coverage_end(models) == pd.Timestamp("2024-12-01")
    table = pv.build_models_per_year(models)
    assert sorted(table.loc[table["is_partial"], "year"].unique()) == [2024]


def test_the_latest_full_year_is_over_at_the_report_date_and_in_the_snapshot(models):
    assert pv.latest_full_year(models, REPORT_DATE) == 2023
    # a report dated after the snapshot ends still cannot use 2024: the snapshot stops 12-01
    assert pv.latest_full_year(models, dt.date(2025, 6, 1)) == 2023
    assert pv.latest_full_year(models, dt.date(2023, 12, 31)) == 2023


def test_largest_compute_keeps_the_model_and_the_producers_confidence(models):
    table = pv.build_largest_compute(models).set_index(["country", "year"])
    # csv: the largest 'Training compute (FLOP)' among each country's 2021 and 2023 rows
    assert table.loc[("CN", 2023), ["model", "confidence"]].tolist() == ["Qwen-72B", "Likely"]
    assert table.loc[("CN", 2023), "training_compute_flop"] == pytest.approx(1.3e24)
    assert table.loc[("US", 2023), ["model", "confidence"]].tolist() == [
        "Gemini 1.0 Ultra",
        "Speculative",
    ]
    assert table.loc[("US", 2023), "training_compute_flop"] == pytest.approx(5e25)
    assert table.loc[("CN", 2021), "model"] == "ERNIE 3.0 Titan"
    assert table.loc[("US", 2021), "model"] == "FLAN 137B"
    assert table.loc[("US", 2021), "publication_date"] == "2021-09-03"


def test_frontier_keeps_each_countrys_records_only(capabilities):
    frontier = pv.build_frontier(capabilities)
    china = frontier[frontier["country"] == "CN"]
    # csv: Chinese rows by release date, kept when the score beats every earlier one
    assert list(china["model_version"]) == [
        "Baichuan-7B",
        "Baichuan-2-13B-Base",
        "Qwen-14B",
        "DeepSeek-V2",
        "qwen2.5-32b-instruct",
        "Qwen2.5-VL-72B-Instruct",
        "DeepSeek-V3",
        "DeepSeek-R1",
        "DeepSeek-R1-0528",
        "qwen3-max-2025-09-23",
    ]
    us = frontier[frontier["country"] == "US"]
    # one record per day: the three LLaMA sizes of 2023-02-24 leave the best, LLaMA-65B
    assert us["model_version"].iloc[0] == "LLaMA-65B"
    assert len(us) == 13
    assert us["eci_score"].is_monotonic_increasing and china["eci_score"].is_monotonic_increasing


def test_gap_of_deepseek_v3_matches_the_hand_count(capabilities):
    gap = pv.build_gap(capabilities).set_index("model_version")
    row = gap.loc["DeepSeek-V3"]
    # DeepSeek-V3 132.39 (2024-12-26); US frontier then o1-2024-12-17_medium 140.83;
    # the US first reached 132.39 with o1-mini on 2024-09-12: 105 days, 3.4 months
    assert row["gap_points"] == pytest.approx(8.44, abs=0.01)
    assert row["months_after_leader"] == pytest.approx(3.4, abs=0.05)
    assert not row["is_lower_bound"]


def test_gaps_measured_from_the_index_start_are_lower_bounds(capabilities):
    gap = pv.build_gap(capabilities).set_index("model_version")
    assert pv.scored_from(capabilities) == pd.Timestamp("2023-02-24")
    # Qwen-14B (113.46) was first passed in the US by gpt-4-0314 (2023-03-14): in the first year
    assert gap.loc["Qwen-14B", "is_lower_bound"]
    assert gap.loc["Qwen-14B", "leader_first_date"] == pd.Timestamp("2023-03-14")


def test_primary_facts_are_the_latest_full_year_and_the_frontier_at_the_report_date(
    models, capabilities, ledger
):
    _, metrics = ledger
    loaded = {primary.MODELS_SNAPSHOT: models, primary.CAPABILITIES_SNAPSHOT: capabilities}
    facts = pv.build_primary_facts(loaded, metrics, REPORT_DATE)
    got = {(r.metric_id, r.country): (r.period, r.value) for r in facts.itertuples()}
    assert got[(pv.MODELS_METRIC, "CN")] == ("2023", 95.0)
    assert got[(pv.MODELS_METRIC, "US")] == ("2023", 185.0)
    assert got[(pv.COMPUTE_METRIC, "CN")][1] == pytest.approx(1.3e24)
    # at 2024-09-19: China's best is Qwen2.5-VL-72B-Instruct (that day), the US o1-mini
    assert got[(pv.ECI_METRIC, "CN")] == ("2024-09-19", 129.99)
    assert got[(pv.ECI_METRIC, "US")] == ("2024-09-19", 136.82)
    assert set(facts["source_id"]) == {primary.MODELS_SNAPSHOT, primary.CAPABILITIES_SNAPSHOT}
    assert list(facts.columns) == pv.FACT_COLUMNS
    assert (facts["status"] == "reviewed").all()


def test_primary_facts_skip_a_snapshot_not_loaded(models, ledger):
    _, metrics = ledger
    facts = pv.build_primary_facts({primary.MODELS_SNAPSHOT: models}, metrics, REPORT_DATE)
    assert set(facts["metric_id"]) == {pv.MODELS_METRIC, pv.COMPUTE_METRIC}


def test_every_primary_metric_has_a_row_in_metrics_csv(ledger):
    _, metrics = ledger
    rows = metrics.set_index("metric_id")
    for metric_id in pv.PRIMARY_FACTS:
        row = rows.loc[metric_id]
        assert row["unit_en"] and row["caveat_en"] and row["caveat_zh"], metric_id
        assert row["comparison"] in {"ratio", "difference"}, metric_id


def test_article_models_sit_beside_the_articles_figures(snapshots_dir, ledger):
    facts, _ = ledger
    scores = benchmarks.load_benchmarks(snapshots_dir)
    table = pv.build_article_benchmarks(scores, facts, load_lexicon(DATA_DIR / "lexicon.csv"))
    qwen = table[table["system"] == "Qwen2-72B"].iloc[0]
    # csv row 'Qwen2-72B': MMLU 0.842, BBH 0.824, GPQA 0.378 (fractions, shown as points)
    assert [qwen["MMLU"], qwen["BBH"], qwen["GPQA"]] == pytest.approx([84.2, 82.4, 37.8])
    assert qwen["superclue_score"] == 77  # the ITIF article's SuperCLUE figure
    assert qwen["country"] == "CN"
    gpt4o = table[table["system"] == "GPT-4o"].iloc[0]
    assert gpt4o["superclue_score"] == 81


def test_verdict_counts_follow_the_verdicts_order():
    checks = pd.DataFrame({"verdict": ["not checkable", "consistent", "not checkable"]})
    assert pv.count_verdicts(checks) == {
        "consistent": 1,
        "contradicted": 0,
        "different definition": 0,
        "not checkable": 2,
    }


def test_disagreements_are_the_contradicted_and_different_definition_checks():
    checks = pv.read_claim_checks(DATA_DIR)
    rows = pv.list_primary_disagreements(checks)
    assert set(rows["verdict"]) == {"contradicted", "different definition"}
    expected = checks[checks["verdict"].isin(["contradicted", "different definition"])]
    assert sorted(rows["check_id"]) == sorted(expected["check_id"])


def test_a_partial_year_is_labelled_with_the_snapshot_end(models):
    table = pv.build_models_per_year(models)
    end = pv.coverage_end(models)
    for lang, text in (("en", "2024 (to 2024-12-01)"), ("zh", "2024（截至2024-12-01）")):
        shown = pv.label_models_per_year(table, Catalog(lang, DATA_DIR), end)
        assert text in set(shown.iloc[:, 0]), lang
