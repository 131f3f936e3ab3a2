"""Headline findings and the scorecard in a report language, shared by chapters and the index."""

import pandas as pd

from helpers import narrative, tables
from helpers.i18n import Catalog
from helpers.periods import parse_period_bounds

SCORECARD_COLUMNS = {
    "dimension": "col.dimension",
    "leader": "col.leader",
    "metrics_compared": "col.metrics_compared",
    "cn_leads": "col.cn_leads",
    "us_leads": "col.us_leads",
    "ties": "col.ties",
    "newest_period": "col.newest_period",
    "age_days": "col.age_days",
}


def format_age(days, catalog: Catalog) -> str:
    """Return an age in days for display; a period not yet over at the report date says so."""
    if days != days or days is None:  # NaN: no figure
        return ""
    if days < 0:
        return catalog.text("age.not_over")
    return catalog.number(int(days))


def list_findings(facts: pd.DataFrame, metrics: pd.DataFrame, catalog: Catalog) -> list:
    """Return one generated sentence per metric where China and the US can be compared."""
    compared = tables.compare_countries(facts, metrics)
    if compared.empty:
        return []
    compared = compared.assign(end=[parse_period_bounds(p)[1] for p in compared["period"]])
    latest = compared.sort_values(["metric_id", "end"]).groupby("metric_id").tail(1)
    by_id = {row["metric_id"]: row for row in metrics.to_dict("records")}
    sentences = []
    for row in tables.count_once(latest).sort_values("metric_id").to_dict("records"):
        metric = by_id[row["metric_id"]]
        name = metric[f"name_{catalog.lang}"]
        sentences.append(narrative.describe_comparison(row, name, row["unit"], catalog, metric))
    return sentences


def format_leader(row, catalog: Catalog) -> str:
    """Return who leads a dimension, saying so when the lead rests on a single metric."""
    leader = catalog.text(f"leader.{row['leader']}")
    if row["leader"] in ("CN", "US", "tie") and row["metrics_compared"] == 1:
        return catalog.text("leader.one_metric", leader=leader)
    return leader


def format_scorecard(card: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return the scorecard with translated values and headers, ready to show."""
    records = card.to_dict("records")
    shown = card.assign(
        dimension=[catalog.text(f"dimension.{d}") for d in card["dimension"]],
        leader=[format_leader(r, catalog) for r in records],
        newest_period=[
            narrative.format_period(
                r["newest_period"], "published" if r.get("newest_is_standin") else "text"
            )
            for r in records
        ],
        age_days=[format_age(a, catalog) for a in card["age_days"]],
    )
    return shown[list(SCORECARD_COLUMNS)].rename(
        columns={c: catalog.text(k) for c, k in SCORECARD_COLUMNS.items()}
    )
