"""The tables behind the open-data sections: pure functions of the snapshots' tidy tables
(``helpers.primary``, ``helpers.benchmarks``), the ledger and data/claim_checks.csv.

Each returns the columns a chart, a displayed table or a download reads; ``PrimarySections``
only shows them. The primary comparisons are rows shaped like facts.csv (``build_primary_facts``)
so that the scorecard, the findings and the narrative count them like any metric.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import benchmarks, narrative, primary
from helpers.checks import CLAIM_CHECKS_FILE, VERDICTS
from helpers.i18n import Catalog

MODELS_METRIC = "epoch_models_per_year"
COMPUTE_METRIC = "epoch_largest_training_compute"
ECI_METRIC = "epoch_eci_frontier"
COUNTRY_ENTITIES = {"CN": "中国", "US": "美国"}  # the lexicon's names, shown per language
FACT_COLUMNS = [
    "fact_id",
    "metric_id",
    "entity",
    "country",
    "value",
    "high",
    "unit",
    "approx",
    "period",
    "period_source",
    "source_id",
    "quote",
    "quote_en",
    "note",
    "status",
]
ARTICLE_METRICS = ("superclue_score", "hku_rank_en")  # the articles' figures beside benchmarks


def coverage_end(models: pd.DataFrame) -> pd.Timestamp:
    """Return the newest publication date in the models snapshot (where its coverage ends)."""
    return models["publication_date"].max()


def latest_full_year(models: pd.DataFrame, as_of: dt.date) -> int:
    """Return the latest calendar year that is over both at ``as_of`` and in the snapshot."""
    end = min(pd.Timestamp(as_of), coverage_end(models))
    return end.year if (end.month, end.day) == (12, 31) else end.year - 1


def build_models_per_year(models: pd.DataFrame) -> pd.DataFrame:
    """Return models and notable models per year and country (2018–2024), and whether the
    snapshot covers the whole year (``is_partial`` when it ends before 31 December)."""
    table = primary.models_per_year(models)
    end = coverage_end(models)
    table["is_partial"] = [pd.Timestamp(year=int(y), month=12, day=31) > end for y in table["year"]]
    return table


def build_largest_compute(models: pd.DataFrame) -> pd.DataFrame:
    """Return each year's and country's largest training compute (FLOP) with the producer's
    confidence in it and the model's publication date."""
    table = primary.largest_compute_per_year(models)
    return table.assign(publication_date=table["publication_date"].dt.strftime("%Y-%m-%d"))


def build_frontier(capabilities: pd.DataFrame) -> pd.DataFrame:
    """Return each country's Capabilities Index records (the versions that beat every earlier
    one of that country), oldest first."""
    return primary.capability_frontier(capabilities)


def build_gap(capabilities: pd.DataFrame) -> pd.DataFrame:
    """Return, per Chinese record, the US frontier then, the gap in points, and how many months
    after the US first reached that score it came.

    ``is_lower_bound``: the US first reached the score in the index's first year. The index
    scores no release before its start (2023-02), so an earlier US model may have reached the
    score first, and the lag is at least the one shown.
    """
    gap = primary.capability_gap(capabilities)
    start = scored_from(capabilities)
    return gap.assign(is_lower_bound=gap["leader_first_date"].dt.year == start.year)


def scored_from(capabilities: pd.DataFrame) -> pd.Timestamp:
    """Return the release date of the oldest scored model version (where the index starts)."""
    return capabilities.dropna(subset=["eci_score"])["release_date"].min()


def scored_until(capabilities: pd.DataFrame) -> pd.Timestamp:
    """Return the release date of the newest scored model version (where the index ends)."""
    return capabilities.dropna(subset=["eci_score"])["release_date"].max()


def _fact(metric: dict, country: str, value: float, period: str, source: str, basis: str):
    """Return one primary comparison side as a facts.csv row (reviewed, period from the data)."""
    return {
        "fact_id": f"{metric['metric_id']}-{period}-{country.lower()}",
        "metric_id": metric["metric_id"],
        "entity": COUNTRY_ENTITIES[country],
        "country": country,
        "value": float(value),
        "high": np.nan,
        "unit": metric["unit"],
        "approx": "",
        "period": period,
        "period_source": "text",
        "source_id": source,
        "quote": basis,  # what the figure was computed from: the evidence count_once compares
        "quote_en": "",
        "note": "",
        "status": "reviewed",
    }


def _frontier_at(capabilities: pd.DataFrame, when: pd.Timestamp) -> tuple[str, dict]:
    """Return the date of the newest scored release up to ``when`` and each country's best
    version released by then."""
    rows = primary.explode_countries(capabilities).dropna(subset=["eci_score", "release_date"])
    rows = rows[rows["release_date"] <= when]
    best = {}
    for country in primary.COUNTRIES:
        mine = rows[rows["country"] == country].sort_values(
            ["eci_score", "release_date", "model_version"], ascending=[False, True, True]
        )
        best[country] = mine.iloc[0]
    newest = rows[rows["country"].isin(primary.COUNTRIES)]["release_date"].max()
    return newest.strftime("%Y-%m-%d"), best


def build_models_facts(models: pd.DataFrame, metric: dict, as_of: dt.date) -> list[dict]:
    """Return the models each country published in the latest full year, as two facts."""
    year = latest_full_year(models, as_of)
    counts = primary.models_per_year(models, years=(year,)).set_index("country")["models"]
    return [
        _fact(metric, c, counts[c], str(year), primary.MODELS_SNAPSHOT, f"{counts[c]} models, {c}")
        for c in primary.COUNTRIES
    ]


def build_compute_facts(models: pd.DataFrame, metric: dict, as_of: dt.date) -> list[dict]:
    """Return each country's largest training compute in the latest full year, as two facts."""
    year = latest_full_year(models, as_of)
    top = primary.largest_compute_per_year(models, years=(year,)).set_index("country")
    return [
        _fact(
            metric,
            c,
            top.loc[c, "training_compute_flop"],
            str(year),
            primary.MODELS_SNAPSHOT,
            f"{top.loc[c, 'model']}, {top.loc[c, 'training_compute_flop']:g} FLOP, {c}",
        )
        for c in primary.COUNTRIES
    ]


def build_eci_facts(capabilities: pd.DataFrame, metric: dict, as_of: dt.date) -> list[dict]:
    """Return each country's Capabilities Index frontier at the report date, as two facts."""
    period, best = _frontier_at(capabilities, pd.Timestamp(as_of))
    return [
        _fact(
            metric,
            c,
            round(best[c]["eci_score"], 2),  # as the index publishes it: two decimals
            period,
            primary.CAPABILITIES_SNAPSHOT,
            f"{best[c]['model_version']}, ECI {best[c]['eci_score']:.2f}, {c}",
        )
        for c in primary.COUNTRIES
    ]


# metric → (snapshot it is computed from, the function making its two facts)
PRIMARY_FACTS = {
    MODELS_METRIC: (primary.MODELS_SNAPSHOT, build_models_facts),
    COMPUTE_METRIC: (primary.MODELS_SNAPSHOT, build_compute_facts),
    ECI_METRIC: (primary.CAPABILITIES_SNAPSHOT, build_eci_facts),
}


def list_fact_snapshots() -> list[str]:
    """Return the snapshots the primary comparisons are computed from, in a stable order."""
    return sorted({snapshot_id for snapshot_id, _ in PRIMARY_FACTS.values()})


def build_primary_facts(loaded: dict, metrics: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Return the primary comparisons as facts.csv rows (China and the US each) for every
    metric of ``metrics`` whose snapshot is in ``loaded`` (snapshot id → tidy table): the latest
    full year's models and largest training compute, and the Capabilities Index frontier at
    ``as_of``. A chapter's metrics are its dimensions' only, so it gets only their rows."""
    by_id = {row["metric_id"]: row for row in metrics.to_dict("records")}
    rows = []
    for metric_id, (snapshot_id, build) in PRIMARY_FACTS.items():
        if snapshot_id in loaded and metric_id in by_id:
            rows += build(loaded[snapshot_id], by_id[metric_id], as_of)
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def _canonical(lexicon, name: str) -> str:
    """Return the lexicon's name for ``name`` (an alias maps to its entry), else ``name``."""
    row = lexicon.find(name) if lexicon is not None else None
    return row.name if row is not None else name


def build_article_benchmarks(scores: pd.DataFrame, facts: pd.DataFrame, lexicon) -> pd.DataFrame:
    """Return one row per model the articles name and the producer's system for it: its score
    (points) on each benchmark the snapshot has, and the articles' own figures beside them
    (SuperCLUE score, HKU English rank) under the metric ids of ``ARTICLE_METRICS``."""
    long = benchmarks.article_models_on_benchmarks(scores)
    keys = ["article_name", "system", "country", "release_date"]
    wide = long.pivot_table(index=keys, columns="benchmark", values="score_points", sort=False)
    order = [name for name, *_ in benchmarks.BENCHMARKS if name in wide.columns]
    wide = wide[order].reset_index()
    wide.columns.name = None
    own = facts.assign(canonical=[_canonical(lexicon, e) for e in facts["entity"]])
    for metric_id in ARTICLE_METRICS:
        mine = own[own["metric_id"] == metric_id]
        values = dict(zip(mine["canonical"], mine["value"], strict=False))
        wide[metric_id] = [values.get(_canonical(lexicon, n), np.nan) for n in wide["article_name"]]
    return wide.assign(release_date=wide["release_date"].dt.strftime("%Y-%m-%d"))


def read_claim_checks(data_dir: Path) -> pd.DataFrame:
    """Return data/claim_checks.csv as text columns (empty table when the file is absent)."""
    path = Path(data_dir) / CLAIM_CHECKS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=["check_id", "fact_id", "snapshot_id", "verdict"])
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def count_verdicts(checks: pd.DataFrame) -> dict[str, int]:
    """Return how many checks have each verdict, in the order of ``checks.VERDICTS``."""
    return {verdict: int((checks["verdict"] == verdict).sum()) for verdict in VERDICTS}


def format_primary_value(check: dict, fact: dict, catalog: Catalog, metric=None) -> str:
    """Return a check's primary figure in the fact's unit ("" when not checkable)."""
    if not str(check.get("primary_value", "")).strip():
        return ""
    return narrative.format_quantity(
        check["primary_value"], check.get("primary_high") or None, fact["unit"], "", catalog, metric
    )


def join_checks(checks: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Return each claim check with its fact's columns beside it, in the checks' order."""
    merged = checks.merge(facts, on="fact_id", how="left", validate="many_to_one")
    return merged.set_index(checks.index)


def describe_checks(checks: pd.DataFrame, facts: pd.DataFrame, catalog: Catalog, metrics: dict):
    """Return ``{fact_id: text}``: each fact's checks as "verdict: primary figure (snapshot)"
    in the page's language, several checks joined by "; "."""
    out: dict[str, list[str]] = {}
    mine = checks[checks["fact_id"].isin(facts["fact_id"])]
    for row in join_checks(mine, facts).to_dict("records"):
        verdict = catalog.text(f"verdict.{row['verdict']}")
        figure = format_primary_value(row, row, catalog, metrics.get(row["metric_id"]))
        text = f"{verdict}: {figure}" if figure else verdict
        out.setdefault(row["fact_id"], []).append(f"{text} ({row['snapshot_id']})")
    return {fact_id: "; ".join(texts) for fact_id, texts in out.items()}


def list_primary_disagreements(checks: pd.DataFrame) -> pd.DataFrame:
    """Return the checks where news and open data disagree: contradicted, or a different
    definition (the reason says which), contradicted first."""
    rank = {"contradicted": 0, "different definition": 1}
    rows = checks[checks["verdict"].isin(list(rank))]
    return (
        rows.assign(order=rows["verdict"].map(rank))
        .sort_values(["order", "check_id"], kind="stable")
        .drop(columns="order")
    )


# ---------------------------------------------------------------- the same tables for reading
def label_countries(codes, catalog: Catalog) -> list[str]:
    """Return each country code's name in the page's language."""
    return [catalog.text(f"country.{code}") for code in codes]


def label_models_per_year(table: pd.DataFrame, catalog: Catalog, end: pd.Timestamp):
    """Return models per year for reading: a partial year says where the snapshot ends."""
    return pd.DataFrame(
        {
            "year": [
                catalog.text("primary.partial_year", year=y, end=end.strftime("%Y-%m-%d"))
                if partial
                else str(y)
                for y, partial in zip(table["year"], table["is_partial"], strict=True)
            ],
            "country": label_countries(table["country"], catalog),
            "models": table["models"],
            "notable_models": table["notable_models"],
        }
    )


def label_confidence(values, catalog: Catalog) -> list[str]:
    """Return the producer's confidence words in the page's language ("" = not given)."""
    return [catalog.text(f"confidence.{value or 'none'}") for value in values]


def label_compute(table: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return the largest training compute per year for reading (FLOP as 1.3×10²⁴)."""
    return pd.DataFrame(
        {
            "year": table["year"].astype(str),
            "country": label_countries(table["country"], catalog),
            "model": table["model"],
            "training_compute": [
                narrative.format_scientific(v) for v in table["training_compute_flop"]
            ],
            "confidence": label_confidence(table["confidence"], catalog),
            "publication_date": table["publication_date"],
        }
    )


def format_months(months, at_start: bool, catalog: Catalog) -> str:
    """Return months behind the US; a lag measured from the index's first release is a lower
    bound ("at least"); a score the US never reached says so."""
    if pd.isna(months):
        return catalog.text("primary.not_reached")
    number = catalog.number(months, 1)
    return catalog.text("primary.at_least", number=number) if at_start else number


def label_gap(gap: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return the China–US Capabilities Index gap (``build_gap``) for reading, one row per
    Chinese record; a lag marked ``is_lower_bound`` reads "at least"."""
    records = gap.to_dict("records")
    return pd.DataFrame(
        {
            "release_date": gap["release_date"].dt.strftime("%Y-%m-%d"),
            "model_version": gap["model_version"],
            "eci_score": gap["eci_score"].round(2),
            "leader_frontier": gap["leader_frontier"].round(2),
            "gap_points": gap["gap_points"].round(2),
            "leader_first": [
                f"{r['leader_first_date']:%Y-%m-%d} ({r['leader_first_model']})"
                if pd.notna(r["leader_first_date"])
                else ""
                for r in records
            ],
            "months_after_leader": [
                format_months(
                    r["months_after_leader"], r["is_lower_bound"], catalog
                )
                for r in records
            ],
        }
    )


def label_checks(joined: pd.DataFrame, catalog: Catalog, metrics: dict) -> pd.DataFrame:
    """Return claim checks (``join_checks``) for reading: the claim as the article states it,
    the primary figure in the same unit, the verdict and the reason in the page's language."""
    records = joined.to_dict("records")
    return pd.DataFrame(
        {
            "check_id": joined["check_id"],
            "verdict": [catalog.text(f"verdict.{r['verdict']}") for r in records],
            "metric": [metrics[r["metric_id"]][f"name_{catalog.lang}"] for r in records],
            "entity": [catalog.name(r["entity"]) for r in records],
            "value": [
                narrative.format_quantity(
                    r["value"], r["high"], r["unit"], r["approx"], catalog, metrics[r["metric_id"]]
                )
                for r in records
            ],
            "period": [narrative.format_period(r["period"], r["period_source"]) for r in records],
            "source_id": joined["source_id"],
            "quote": joined["quote"],
            "quote_en": joined["quote_en"],
            "primary": [
                format_primary_value(r, r, catalog, metrics[r["metric_id"]]) for r in records
            ],
            "snapshot_id": joined["snapshot_id"],
            "reason": joined[f"reason_{catalog.lang}"],
        }
    )
