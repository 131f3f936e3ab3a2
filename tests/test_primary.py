"""Tests for helpers.primary on the real snapshot files (fetched once per session from the mirror).

Key figures were checked by hand against the CSV files: rows filtered with the csv module (or a
spreadsheet) on ``Country (from Organization)`` containing the name and on the first four
characters of ``Publication date``; each test says which rows it relies on.
"""

import csv
import shutil

import pandas as pd
import pytest

from helpers import primary
from helpers.errors import UserError
from helpers.snapshots import find_snapshot


def row_of(table: pd.DataFrame, model: str) -> pd.Series:
    """Return the one row of ``table`` whose model is ``model``."""
    rows = table[table["model"] == model]
    assert len(rows) == 1, model
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("model", "cell", "codes"),
    [
        # two countries, each counted
        ("ERNIE-RNA", "United States of America,China", ("US", "CN")),
        # the same country repeated: counted once
        ("ERNIE 3.0 Titan", "China,China", ("CN",)),
        # China repeated around Hong Kong, which keeps its own code
        ("SPHINX (Llama 2 13B)", "China,Hong Kong,China,China", ("CN", "HK")),
        # 'Multinational' is no country
        (
            "Gemini 1.0 Ultra",
            "Multinational,United States of America,"
            "United Kingdom of Great Britain and Northern Ireland",
            ("US", "GB"),
        ),
        ("Qwen2-72B", "China", ("CN",)),
    ],
)
def test_country_rule_on_real_rows(models, model, cell, codes):
    row = row_of(models, model)
    assert row["country_names"] == cell
    assert row["countries"] == codes
    assert row["unknown_countries"] == ()


def test_empty_country_gives_no_country(models):
    empty = models[models["country_names"] == ""]
    assert len(empty) == 146  # rows with an empty Country (from Organization) cell
    assert all(codes == () for codes in empty["countries"])


def test_unknown_country_is_reported_not_guessed(models):
    assert primary.list_unknown_countries(models) == []
    without_russia = {k: v for k, v in primary.COUNTRY_CODES.items() if k != "Russia"}
    russian = models[models["country_names"].str.contains("Russia")]
    assert len(russian) > 0
    for cell in russian["country_names"]:
        codes, unknown = primary.parse_countries(cell, without_russia)
        assert unknown == ("Russia",) and "RU" not in codes
    table = russian.copy()
    table["unknown_countries"] = [
        primary.parse_countries(c, without_russia)[1] for c in table["country_names"]
    ]
    assert primary.list_unknown_countries(table) == ["Russia"]


def test_collaboration_counts_for_both_countries(models):
    rows = primary.explode_countries(models[models["model"] == "ERNIE-RNA"])
    assert sorted(rows["country"]) == ["CN", "US"]


def test_country_rule_is_named_in_both_languages():
    assert "each listed country" in primary.describe_country_rule("en")
    assert "每个国家各计一次" in primary.describe_country_rule("zh")


def test_dates_compute_and_confidence(models):
    ernie = row_of(models, "ERNIE 3.0")
    assert ernie["publication_date"] == pd.Timestamp("2021-07-05")
    assert ernie["training_compute_flop"] == 2.25e22  # written 2.25e+22
    gen = row_of(models, "ERNIE-GEN (large)")
    assert gen["training_compute_flop"] == 2e20  # written 200000000000000000000.00
    assert gen["confidence"] == "Speculative"
    assert row_of(models, "Qwen2-72B")["confidence"] == "Confident"
    assert row_of(models, "GPT-4o")["confidence"] == "Confident"
    assert pd.isna(row_of(models, "GPT-4o")["training_compute_flop"])
    assert models["publication_date"].isna().sum() == 94  # rows with no publication date
    assert models["publication_date"].max() == pd.Timestamp("2024-12-01")


def test_malformed_date_is_one_user_error():
    values = pd.Series(["2024-01-02", "", "Jan 2024"])
    names = pd.Series(["a", "b", "c"])
    with pytest.raises(UserError, match="model 'c' has date 'Jan 2024', not YYYY-MM-DD"):
        primary.parse_dates(values, names, "snap")


def independent_counts(path, name: str) -> dict[int, tuple[int, int]]:
    """Return {year: (models, notable)} for a country name, counted with the csv module."""
    counts: dict[int, list[int]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            names = {part.strip() for part in row["Country (from Organization)"].split(",")}
            if name in names and row["Publication date"]:
                pair = counts.setdefault(int(row["Publication date"][:4]), [0, 0])
                pair[0] += 1
                pair[1] += bool(row["Notability criteria"])
    return {year: tuple(pair) for year, pair in counts.items()}


def test_models_per_year(models, snapshots_dir):
    table = primary.models_per_year(models)
    assert list(table.columns) == ["year", "country", "models", "notable_models"]
    assert table[["year", "country"]].values.tolist() == [
        [y, c] for y in range(2018, 2025) for c in ("CN", "US")
    ]
    wide = table.set_index(["country", "year"])
    # by hand: China 2023 = 95 rows, 22 with a notability criterion; US 2023 = 185 and 79
    assert wide.loc[("CN", 2023)].tolist() == [95, 22]
    assert wide.loc[("US", 2023)].tolist() == [185, 79]
    assert wide.loc[("CN", 2024)].tolist() == [103, 10]
    assert wide.loc[("US", 2018)].tolist() == [53, 36]
    path = snapshots_dir / f"{primary.MODELS_SNAPSHOT}.csv"
    for code, name in (("CN", "China"), ("US", "United States of America")):
        again = independent_counts(path, name)
        for year in range(2018, 2025):
            assert tuple(wide.loc[(code, year)]) == again.get(year, (0, 0)), (code, year)


def test_largest_compute_per_year(models):
    table = primary.largest_compute_per_year(models)
    top = table.set_index(["year", "country"])
    assert top.loc[(2023, "CN"), "model"] == "Qwen-72B"
    assert top.loc[(2023, "CN"), "training_compute_flop"] == 1.3e24
    assert top.loc[(2023, "US"), "model"] == "Gemini 1.0 Ultra"
    assert top.loc[(2023, "US"), "confidence"] == "Speculative"
    assert top.loc[(2024, "CN"), "model"] == "GLM-4 (0116)"
    assert top.loc[(2024, "US"), "training_compute_flop"] == 3.8e25  # Llama 3.1-405B
    assert top.loc[(2021, "CN"), "model"] == "ERNIE 3.0 Titan"
    assert len(table) == 14


def test_count_models(models):
    assert primary.count_models(models, "CN", "2023-01-01", "2023-12-31") == 95
    assert primary.count_models(models, "CN", "2023-01-01", "2023-12-31", notable_only=True) == 22
    assert primary.count_models(models, None, "2023-01-01", "2023-06-30", language_only=True) == 100


def test_compute_lag(models):
    years, china, us = primary.compute_lag_years(models, "2023-09-30")
    assert (china["model"], us["model"]) == ("Hunyuan", "FLAN 137B")
    # 2021-09-03 → 2023-09-07 is 734 days
    assert years == round(734 / 365.25, 2) == 2.01


def test_capability_frontier(capabilities):
    frontier = primary.capability_frontier(capabilities)
    first = frontier.iloc[0]
    assert (first["country"], first["model_version"]) == ("US", "LLaMA-65B")
    cn = frontier[frontier["country"] == "CN"]
    assert cn["model_version"].tolist()[-3:] == [
        "DeepSeek-R1",
        "DeepSeek-R1-0528",
        "qwen3-max-2025-09-23",
    ]
    assert cn["eci_score"].is_monotonic_increasing
    assert frontier["release_date"].is_monotonic_increasing


def test_capability_gap(capabilities):
    gap = primary.capability_gap(capabilities).set_index("model_version")
    v3 = gap.loc["DeepSeek-V3"]
    # by hand: US versions scoring ≥ 132.39 — the first is o1-mini (2024-09-12, 136.8);
    # the US frontier on 2024-12-26 is o1 (2024-12-17, 140.83)
    assert v3["leader_first_model"] == "o1-mini-2024-09-12_high"
    assert v3["months_after_leader"] == round(105 / (365.25 / 12), 1) == 3.4
    assert v3["gap_points"] == 8.44
    first = gap.iloc[0]
    assert first["leader_first_is_coverage_start"]  # Baichuan-7B vs LLaMA-65B, the first row
    assert not v3["leader_first_is_coverage_start"]


def test_altered_snapshot_is_refused(tmp_path, snapshots_dir):
    snap = find_snapshot(primary.CAPABILITIES_SNAPSHOT)
    shutil.copyfile(snapshots_dir / snap.file_name, tmp_path / snap.file_name)
    with (tmp_path / snap.file_name).open("a", encoding="utf-8") as handle:
        handle.write("fake,150,2025-10-01,X,China,,,,,,\n")
    with pytest.raises(UserError, match=f"expected sha256 {snap.sha256}, got [0-9a-f]{{64}}"):
        primary.load_capabilities(tmp_path)
