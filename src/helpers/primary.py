"""Tidy tables from the primary-data snapshots (Epoch AI), with the counting rules written down.

Rules (tested in tests/test_primary.py):

- Country. ``Country (from Organization)`` (models) and ``Country`` (ECI) are split on commas;
  each name is mapped to an ISO 3166 alpha-2 code by ``COUNTRY_CODES``; repeats are dropped,
  keeping the order of first appearance. A model counts once under EACH country it lists
  (any listed country, not the first one): a China–US collaboration counts for both.
  ``Multinational`` is the producer's label for organisations filed under no single country and
  maps to no country; Hong Kong (HK) and Taiwan (TW) keep their own codes, as the producer lists
  them apart from China. A name not in the mapping is kept in ``unknown_countries`` and reported
  by ``list_unknown_countries``, never guessed; an empty cell gives no country.
- Dates. ``Publication date`` / ``Release date`` are ISO dates (YYYY-MM-DD); an empty cell is
  NaT (the model is in no year); any other text is an error naming the snapshot and the model.
- Compute. ``Training compute (FLOP)`` is read as a float (scientific or decimal notation);
  empty is NaN. The producer's ``Confidence`` in that estimate is kept as written ("" = none).
- Notable. A model is notable when ``Notability criteria`` is not empty (the producer's
  criterion: SOTA improvement, highly cited, historical significance, significant use, training
  cost). The producer's ``Exclude`` flag is kept as ``producer_exclude`` but not applied.
- Language models: ``Domain`` lists ``Language``.
- Benchmark scores: see ``helpers.benchmarks``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.errors import UserError
from helpers.snapshots import find_snapshot, verified_path

MODELS_SNAPSHOT = "epoch_ml_systems_2024-11-22"
BENCHMARKS_SNAPSHOT = "epoch_china_benchmarks_2025-01"
CAPABILITIES_SNAPSHOT = "epoch_capabilities_index_2025-11-07"
DEFAULT_SNAPSHOTS_DIR = paths.BUILD_DIR / "snapshots"
YEARS = tuple(range(2018, 2025))
COUNTRIES = ("CN", "US")
DAYS_PER_MONTH = 365.25 / 12

# The producer's country names (as written in the snapshots) → ISO 3166 alpha-2.
COUNTRY_CODES = {
    "Argentina": "AR",
    "Australia": "AU",
    "Austria": "AT",
    "Belgium": "BE",
    "Canada": "CA",
    "China": "CN",
    "Croatia": "HR",
    "Czechia": "CZ",
    "Denmark": "DK",
    "Finland": "FI",
    "France": "FR",
    "Germany": "DE",
    "Greece": "GR",
    "Hong Kong": "HK",
    "Hungary": "HU",
    "India": "IN",
    "Iran (Islamic Republic of)": "IR",
    "Ireland": "IE",
    "Israel": "IL",
    "Italy": "IT",
    "Japan": "JP",
    "Korea (Republic of)": "KR",
    "Lebanon": "LB",
    "Lithuania": "LT",
    "Mexico": "MX",
    "Netherlands": "NL",
    "New Zealand": "NZ",
    "Norway": "NO",
    "Poland": "PL",
    "Portugal": "PT",
    "Russia": "RU",
    "Saudi Arabia": "SA",
    "Singapore": "SG",
    "Spain": "ES",
    "Sweden": "SE",
    "Switzerland": "CH",
    "Taiwan": "TW",
    "United Arab Emirates": "AE",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United States of America": "US",
    "Viet Nam": "VN",
}
NO_COUNTRY = frozenset({"Multinational"})

_COUNTRY_RULE = {
    "en": (
        "A model built by organisations in several countries counts once under each listed "
        "country (China–US collaborations count for both); 'Multinational' counts for none."
    ),
    "zh": "由多个国家的机构共同开发的模型,在所列每个国家各计一次(中美合作的模型两国都计);"
    "“跨国”机构不计入任何国家。",
}


def describe_country_rule(lang: str = "en") -> str:
    """Return the sentence naming the multi-country counting rule, for the page (zh or en)."""
    return _COUNTRY_RULE[lang]


def parse_countries(text: str, codes: dict[str, str] = COUNTRY_CODES) -> tuple[tuple, tuple]:
    """Return (ISO codes, unknown names) of a comma-joined country cell, de-duplicated in order."""
    found: list[str] = []
    unknown: list[str] = []
    for name in (part.strip() for part in str(text).split(",")):
        if not name or name in NO_COUNTRY:
            continue
        target = found if name in codes else unknown
        value = codes.get(name, name)
        if value not in target:
            target.append(value)
    return tuple(found), tuple(unknown)


def list_unknown_countries(table: pd.DataFrame) -> list[str]:
    """Return the sorted country names a tidy table could not map (to add to COUNTRY_CODES)."""
    return sorted({name for names in table["unknown_countries"] for name in names})


@functools.lru_cache(maxsize=8)
def _read_csv(path: str, sha256_checked: str) -> pd.DataFrame:
    """Return a snapshot CSV as strings ('' for empty); cached per path and verified hash."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_snapshot(
    snapshot_id: str, snapshots_dir: Path = DEFAULT_SNAPSHOTS_DIR, data_dir: Path = paths.DATA_DIR
) -> pd.DataFrame:
    """Return the raw snapshot table (all text) after checking the file's sha256."""
    path = verified_path(snapshot_id, snapshots_dir, data_dir)
    return _read_csv(str(path), find_snapshot(snapshot_id, data_dir).sha256).copy()


def parse_dates(values: pd.Series, names: pd.Series, snapshot_id: str) -> pd.Series:
    """Return ISO date strings as datetimes (empty → NaT); UserError naming a malformed one."""
    dates = pd.to_datetime(values.where(values != ""), format="%Y-%m-%d", errors="coerce")
    bad = dates.isna() & (values != "")
    if bad.any():
        first = bad.idxmax()
        raise UserError(
            f"snapshot {snapshot_id}: model {names[first]!r} has date {values[first]!r}, not "
            "YYYY-MM-DD; fetch the pinned file again (python -m helpers fetch)"
        )
    return dates


def _add_countries(table: pd.DataFrame, column: pd.Series) -> pd.DataFrame:
    """Add ``countries`` and ``unknown_countries`` (tuples) parsed from ``column``."""
    parsed = [parse_countries(text) for text in column]
    table["countries"] = [codes for codes, _ in parsed]
    table["unknown_countries"] = [unknown for _, unknown in parsed]
    return table


def load_models(
    snapshots_dir: Path = DEFAULT_SNAPSHOTS_DIR,
    data_dir: Path = paths.DATA_DIR,
    snapshot_id: str = MODELS_SNAPSHOT,
) -> pd.DataFrame:
    """Return the models database as a tidy table, one row per model (rules in the docstring)."""
    raw = read_snapshot(snapshot_id, snapshots_dir, data_dir)
    table = pd.DataFrame(
        {
            "model": raw["Model"],
            "organization": raw["Organization"],
            "domain": raw["Domain"],
            "country_names": raw["Country (from Organization)"],
        }
    )
    table = _add_countries(table, raw["Country (from Organization)"])
    table["publication_date"] = parse_dates(raw["Publication date"], raw["Model"], snapshot_id)
    table["year"] = table["publication_date"].dt.year.astype("Int64")
    table["training_compute_flop"] = pd.to_numeric(raw["Training compute (FLOP)"].replace("", None))
    table["confidence"] = raw["Confidence"]
    table["parameters"] = pd.to_numeric(raw["Parameters"].replace("", None))
    table["hardware_quantity"] = pd.to_numeric(raw["Hardware quantity"].replace("", None))
    table["training_hardware"] = raw["Training hardware"]
    table["notability_criteria"] = raw["Notability criteria"]
    table["is_notable"] = raw["Notability criteria"] != ""
    table["is_language"] = raw["Domain"].str.split(",").apply(lambda parts: "Language" in parts)
    table["producer_exclude"] = raw["Exclude"] == "1"
    return table


def explode_countries(table: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (model, listed country): the any-listed-country counting rule."""
    return (
        table.explode("countries")
        .rename(columns={"countries": "country"})
        .dropna(subset=["country"])
    )


def count_models(
    models: pd.DataFrame,
    country: str | None,
    start: str,
    end: str,
    language_only: bool = False,
    notable_only: bool = False,
) -> int:
    """Return how many models (of ``country``, or any) were published from ``start`` to ``end``."""
    rows = models[models["publication_date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    if language_only:
        rows = rows[rows["is_language"]]
    if notable_only:
        rows = rows[rows["is_notable"]]
    if country is not None:
        rows = rows[rows["countries"].apply(lambda codes: country in codes)]
    return int(len(rows))


def models_per_year(
    models: pd.DataFrame, years: tuple = YEARS, countries: tuple = COUNTRIES
) -> pd.DataFrame:
    """Return models and notable models published per year and country (year, country order)."""
    rows = explode_countries(models)
    rows = rows[rows["country"].isin(countries) & rows["year"].isin(years)]
    grid = pd.MultiIndex.from_product([years, countries], names=["year", "country"])
    counts = rows.groupby(["year", "country"]).agg(
        models=("model", "size"), notable_models=("is_notable", "sum")
    )
    out = counts.reindex(grid, fill_value=0).reset_index()
    return out.astype({"year": int, "models": int, "notable_models": int})


def largest_compute_per_year(
    models: pd.DataFrame, years: tuple = YEARS, countries: tuple = COUNTRIES
) -> pd.DataFrame:
    """Return each year's and country's model with the largest training compute (FLOP)."""
    rows = explode_countries(models).dropna(subset=["training_compute_flop"])
    rows = rows[rows["country"].isin(countries) & rows["year"].isin(years)]
    rows = rows.sort_values(
        ["year", "country", "training_compute_flop", "publication_date", "model"],
        ascending=[True, True, False, True, True],
    )
    top = rows.groupby(["year", "country"], sort=True).head(1)
    out = top[
        ["year", "country", "model", "training_compute_flop", "confidence", "publication_date"]
    ].reset_index(drop=True)
    return out.astype({"year": int})


def load_capabilities(
    snapshots_dir: Path = DEFAULT_SNAPSHOTS_DIR,
    data_dir: Path = paths.DATA_DIR,
    snapshot_id: str = CAPABILITIES_SNAPSHOT,
) -> pd.DataFrame:
    """Return the Epoch Capabilities Index as a tidy table, one row per model version."""
    raw = read_snapshot(snapshot_id, snapshots_dir, data_dir)
    table = pd.DataFrame(
        {
            "model_version": raw["Model version"],
            "model": raw["Model name"],
            "organization": raw["Organization"],
            "country_names": raw["Country"],
        }
    )
    table = _add_countries(table, raw["Country"])
    table["release_date"] = parse_dates(raw["Release date"], raw["Model version"], snapshot_id)
    table["eci_score"] = pd.to_numeric(raw["ECI Score"].replace("", None))
    table["training_compute_flop"] = pd.to_numeric(raw["Training compute (FLOP)"].replace("", None))
    table["confidence"] = raw["Confidence"]
    table["accessibility"] = raw["Model accessibility"]
    return table


def _scored(capabilities: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return a country's scored, dated model versions, oldest first, best first within a day."""
    rows = explode_countries(capabilities).dropna(subset=["eci_score", "release_date"])
    rows = rows[rows["country"] == country]
    return rows.sort_values(
        ["release_date", "eci_score", "model_version"], ascending=[True, False, True]
    )


def capability_frontier(capabilities: pd.DataFrame, countries: tuple = COUNTRIES) -> pd.DataFrame:
    """Return each country's ECI records: the versions that beat every earlier one of it."""
    parts = []
    for country in countries:
        rows = _scored(capabilities, country)
        best = rows["eci_score"].cummax().shift(1, fill_value=-np.inf)
        parts.append(rows[rows["eci_score"] > best])
    out = pd.concat(parts)[["release_date", "country", "model_version", "eci_score"]]
    return out.sort_values(["release_date", "country"]).reset_index(drop=True)


def capability_gap(
    capabilities: pd.DataFrame, leader: str = "US", follower: str = "CN"
) -> pd.DataFrame:
    """Return, per follower record, the leader's frontier then and when it first got that score."""
    lead = _scored(capabilities, leader)
    rows = []
    for record in capability_frontier(capabilities, (follower,)).itertuples():
        before = lead[lead["release_date"] <= record.release_date]
        reached = lead[lead["eci_score"] >= record.eci_score]
        first = reached.iloc[0] if len(reached) else None
        rows.append(
            {
                "release_date": record.release_date,
                "model_version": record.model_version,
                "eci_score": record.eci_score,
                "leader_frontier": before["eci_score"].max() if len(before) else np.nan,
                "leader_first_date": first["release_date"] if first is not None else pd.NaT,
                "leader_first_model": first["model_version"] if first is not None else "",
            }
        )
    out = pd.DataFrame(rows)
    # The index starts at its first release: a leader date equal to it may be a late bound.
    out["leader_first_is_coverage_start"] = out["leader_first_date"] == lead["release_date"].min()
    out["gap_points"] = (out["leader_frontier"] - out["eci_score"]).round(2)
    days = (out["release_date"] - out["leader_first_date"]).dt.days
    out["months_after_leader"] = (days / DAYS_PER_MONTH).round(1)
    return out


def compute_lag_years(
    models: pd.DataFrame, as_of: str, leader: str = "US", follower: str = "CN"
) -> tuple[float, pd.Series, pd.Series]:
    """Return the years between the leader's first model with the follower's top compute and it.

    The follower's top model is its largest training compute published up to ``as_of``; the
    leader's is the earliest of its models with at least that compute. Returns (years, follower
    row, leader row); years = days / 365.25, two decimals.
    """
    rows = explode_countries(models).dropna(subset=["training_compute_flop", "publication_date"])
    rows = rows[rows["publication_date"] <= pd.Timestamp(as_of)]
    ours = rows[rows["country"] == follower].sort_values(
        ["training_compute_flop", "publication_date", "model"], ascending=[False, True, True]
    )
    if ours.empty:
        raise UserError(f"no {follower} model with training compute up to {as_of}")
    top = ours.iloc[0]
    theirs = rows[rows["country"] == leader]
    theirs = theirs[theirs["training_compute_flop"] >= top.training_compute_flop]
    if theirs.empty:
        raise UserError(f"no {leader} model reached {top.training_compute_flop:g} FLOP by {as_of}")
    first = theirs.sort_values(["publication_date", "model"]).iloc[0]
    days = (top.publication_date - first.publication_date).days
    return round(days / 365.25, 2), top, first
