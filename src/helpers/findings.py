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
    sentences = []
    for row in latest.sort_values("metric_id").to_dict("records"):
        metric = metrics[metrics["metric_id"] == row["metric_id"]].iloc[0]
        row["direction"] = metric["higher_is_better"]
        name = metric[f"name_{catalog.lang}"]
        sentences.append(narrative.describe_comparison(row, name, row["unit"], catalog))
    return sentences


def format_scorecard(card: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return the scorecard with translated values and headers, ready to show."""
    shown = card.assign(
        dimension=[catalog.text(f"dimension.{d}") for d in card["dimension"]],
        leader=[catalog.text(f"leader.{v}") for v in card["leader"]],
        age_days=[format_age(a, catalog) for a in card["age_days"]],
    )
    return shown[list(SCORECARD_COLUMNS)].rename(
        columns={c: catalog.text(k) for c, k in SCORECARD_COLUMNS.items()}
    )
