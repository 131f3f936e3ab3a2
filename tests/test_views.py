"""Tests for helpers.views: the tables behind each chart, shaped from the ledger."""

import datetime as dt
import shutil

import pandas as pd

from helpers import paths
from helpers.i18n import Catalog
from helpers.ledger import load_facts, load_metrics
from helpers.views import (
    build_bar_table,
    build_data_table,
    build_download,
    build_rank_table,
    build_staleness,
    build_timeline_table,
    compare_regions,
    label_disagreements,
)

FACTS = load_facts(paths.DATA_DIR)
METRICS = {m["metric_id"]: m for m in load_metrics(paths.DATA_DIR).to_dict("records")}
SOURCE_LANGS = {"itif_review": "zh-Hans", "hkubs_ft": "zh-Hans", "en_source": "en"}
EN = Catalog("en")


def rows_of(metric_id: str) -> pd.DataFrame:
    """Return the real facts of one metric."""
    return FACTS[FACTS["metric_id"] == metric_id]


def test_bar_table_labels_periods_only_when_they_differ():
    scores = build_bar_table(rows_of("superclue_score"), EN)
    assert list(scores["label"]) == ["GPT-4o", "Qwen2-72B", "Claude-3.5-Sonnet-200K"]
    assert list(scores["display"]) == ["81 points", "77 points", "77 points"]
    two = pd.concat([rows_of("superclue_score").iloc[:1]] * 2).assign(period=["2024-08", "2024-09"])
    assert set(two["period_source"]) == {"published"}  # the article's month stands in: marked
    assert list(build_bar_table(two, EN)["label"]) == ["GPT-4o (2024-08*)", "GPT-4o (2024-09*)"]
    measured = two.assign(period_source="text")
    assert list(build_bar_table(measured, EN)["label"]) == ["GPT-4o (2024-08)", "GPT-4o (2024-09)"]


def test_rank_table_names_each_ranking_in_the_pages_language():
    rows = rows_of("hku_rank_en")
    table = build_rank_table(rows, {"hku_rank_en": "HKU, English"}, EN)
    assert set(table["ranking"]) == {"HKU, English"} and table["rank"].min() == 1
    assert "ERNIE Bot 4" in set(table["entity"]) and "文心一言4" not in set(table["entity"])
    zh = build_rank_table(rows, {"hku_rank_en": "港大英文"}, Catalog("zh"))
    assert "文心一言4" in set(zh["entity"])
    assert list(table["country"]) == list(rows["country"])


def test_timeline_points_start_on_their_period():
    table = build_timeline_table(rows_of("large_models_count"), EN)
    assert len(table) == len(rows_of("large_models_count"))
    assert all(isinstance(d, pd.Timestamp) and d.day == 1 for d in table["date"])


def test_data_table_keeps_the_quotes():
    rows = rows_of("superclue_score")
    table, _langs = build_data_table(rows, EN, METRICS, SOURCE_LANGS)
    assert list(table["quote"]) == list(rows["quote"])
    assert list(table["quote_en"]) == list(rows["quote_en"])
    zh, _langs = build_data_table(rows, Catalog("zh"), METRICS, SOURCE_LANGS)
    assert list(zh["quote"]) == list(rows["quote"]) and "quote_en" not in zh


def test_staleness_is_oldest_first_and_counts_days_from_the_period_end():
    names = {m: m for m in FACTS["metric_id"].unique()}
    table = build_staleness(FACTS, names, dt.date(2024, 9, 19))
    aged = table[table["age_days"].notna()]
    assert list(aged["age_days"]) == sorted(aged["age_days"], reverse=True)
    assert table["age_days"].isna().sum() > 0  # stand-in-only metrics come last, not aged
    assert table["age_days"].iloc[len(aged) :].isna().all()
    hku = table[table["metric_id"] == "hku_rank_en"].iloc[0]
    assert hku["newest_period"] == "2024H1" and hku["age_days"] == 81
    scores = table[table["metric_id"] == "superclue_score"].iloc[0]
    assert scores["newest_period"] == "2024-08*" and pd.isna(scores["age_days"])


def test_compare_regions_puts_the_ledger_beside_the_tally():
    regions = pd.DataFrame({"region": ["北京", "火星"], "count": [51, 3]})
    ledger = pd.DataFrame({"entity": ["北京"], "value": [51.0]})
    compared = compare_regions(regions, ledger)["ledger"]
    assert compared.iloc[0] == 51 and pd.isna(compared.iloc[1])


def test_data_table_marks_each_quote_in_its_sources_language():
    rows = pd.concat([rows_of("superclue_score"), rows_of("hku_rank_en")])
    rows = rows.assign(
        source_id=["itif_review", "itif_review", "en_source", *rows["source_id"][3:]]
    )
    table, langs = build_data_table(rows, EN, METRICS, SOURCE_LANGS)
    # on an English page a Chinese quote is marked zh-Hans; an English quote needs no mark
    assert langs["quote"] == ["zh-Hans", "zh-Hans", ""] + ["zh-Hans"] * (len(rows) - 3)
    _table, zh_langs = build_data_table(rows, Catalog("zh"), METRICS, SOURCE_LANGS)
    assert zh_langs["quote"] == ["", "", "en"] + [""] * (len(rows) - 3)


def test_data_table_shows_notes_marked_english_on_chinese_pages():
    rows = rows_of("hku_rank_en")
    assert (rows["note"].fillna("") != "").any()
    table, langs = build_data_table(rows, Catalog("zh"), METRICS, SOURCE_LANGS)
    assert list(table["note"]) == list(rows["note"])
    assert langs["note"] == "en"
    en_table, en_langs = build_data_table(rows, EN, METRICS, SOURCE_LANGS)
    assert list(en_table["note"]) == list(rows["note"]) and en_langs["note"] == ""
    without = rows.assign(note="")
    assert "note" not in build_data_table(without, EN, METRICS, SOURCE_LANGS)[0]


def test_data_table_names_entities_in_the_pages_language_and_marks_stand_ins():
    rows = rows_of("hku_rank_en")
    table, _ = build_data_table(rows, EN, METRICS, SOURCE_LANGS)
    assert "ERNIE Bot 4" in list(table["entity"]) and "文心一言4" not in list(table["entity"])
    assert set(table["period"]) == {"2024H1"}
    scores, _ = build_data_table(rows_of("superclue_score"), EN, METRICS, SOURCE_LANGS)
    assert set(scores["period"]) == {"2024-08*"}


def test_data_table_labels_drafts():
    rows = rows_of("superclue_score").assign(status=["reviewed", "draft", "reviewed"])
    table, _ = build_data_table(rows, EN, METRICS, SOURCE_LANGS)
    assert list(table["value"]) == [
        "81 points",
        "77 points (draft: not reviewed by a curator)",
        "77 points",
    ]


def test_english_names_come_from_the_lexicon(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    lexicon = pd.read_csv(data / "lexicon.csv", dtype=str, keep_default_na=False)
    lexicon.loc[lexicon["name"] == "文心一言4", "name_en"] = "Wenxin Yiyan 4 (test)"
    lexicon.to_csv(data / "lexicon.csv", index=False)
    english = Catalog("en", data)
    rows = rows_of("hku_rank_en")
    assert "Wenxin Yiyan 4 (test)" in set(build_rank_table(rows, {}, english)["entity"])
    assert "Wenxin Yiyan 4 (test)" in set(build_bar_table(rows, english)["label"])
    table, _ = build_data_table(rows, english, METRICS, SOURCE_LANGS)
    assert "Wenxin Yiyan 4 (test)" in set(table["entity"])
    download = build_download(rows, english, METRICS)
    assert "Wenxin Yiyan 4 (test)" in set(download["entity_en"])
    assert "文心一言4" in set(download["entity"])


def test_download_puts_english_names_beside_the_chinese():
    rows = rows_of("model_parameters")
    download = build_download(rows, Catalog("zh"), METRICS)
    columns = list(download.columns)
    for column in ("entity", "metric_id", "unit"):
        assert columns[columns.index(column) + 1] == f"{column.split('_')[0]}_en"
    assert "note" not in columns
    assert set(download["metric_en"]) == {METRICS["model_parameters"]["name_en"]}
    units = dict(zip(download["unit"], download["unit_en"], strict=False))
    assert units["个"] == "parameters"  # the metric's unit_en, not the catalog's empty 个
    assert list(download["value"]) == list(rows["value"])
    papers = build_download(rows_of("genai_papers"), Catalog("zh"), METRICS)
    assert dict(zip(papers["entity"], papers["entity_en"], strict=True)) == {
        "中国": "China",
        "美国": "United States",
    }
    assert set(papers["unit_en"]) == {"papers"}


def test_timeline_points_are_coloured_by_country():
    rows = rows_of("large_models_count")
    table = build_timeline_table(rows, EN)
    assert list(table["country"]) == list(rows["country"])
    assert list(table["source"]) == list(rows["source_id"])


def test_staleness_prefers_a_measured_period_to_a_newer_standin():
    rows = pd.concat([rows_of("hku_rank_en").iloc[:1], rows_of("superclue_score").iloc[:1]])
    rows = rows.assign(metric_id="m")
    table = build_staleness(rows, {"m": "M"}, dt.date(2024, 9, 19))
    assert table.iloc[0]["newest_period"] == "2024H1" and table.iloc[0]["age_days"] == 81


def test_disagreements_name_entities_and_metrics_in_the_pages_language():
    pairs = pd.DataFrame(
        {
            "metric_id": ["genai_papers"],
            "entity": ["中国"],
            "status": ["disagree"],
            "value_a": [12450.0],
            "value_b": [12500.0],
        }
    )
    shown = label_disagreements(pairs, {"genai_papers": "Generative-AI papers"}, EN)
    assert shown.iloc[0][["metric", "entity", "status", "value_a", "value_b"]].tolist() == [
        "Generative-AI papers",
        "China",
        "disagree",
        "12,450",
        "12,500",
    ]
    zh = label_disagreements(pairs, {"genai_papers": "生成式AI论文"}, Catalog("zh"))
    assert zh.iloc[0][["entity", "status"]].tolist() == ["中国", "不一致"]
