"""The tables behind each chart and section of a chapter: pure functions of the ledger.

Each returns a DataFrame with the columns a plot or a displayed table reads; ``Chapter`` only
shows them. Numbers meant for reading (``display``) are formatted with the page's ``Catalog``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers import narrative
from helpers.i18n import Catalog
from helpers.periods import parse_period_bounds


def format_quantities(rows: pd.DataFrame, catalog: Catalog) -> list[str]:
    """Return each fact's value as prose (qualifier, number or range, unit)."""
    return [
        narrative.format_quantity(r["value"], r["high"], r["unit"], r["approx"], catalog)
        for r in rows.to_dict("records")
    ]


def build_bar_table(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return one bar per fact: label (entity, with the period when periods differ), value,
    country and the value as written."""
    several_periods = rows["period"].nunique() > 1
    return pd.DataFrame(
        {
            "label": [
                f"{r['entity']} ({r['period']})" if several_periods else r["entity"]
                for r in rows.to_dict("records")
            ],  # repeats (two sources, one period) are numbered by plot_country_bars
            "value": rows["value"],
            "country": rows["country"],
            "display": format_quantities(rows, catalog),
        }
    )


def build_rank_table(rows: pd.DataFrame, metric_names: dict[str, str]) -> pd.DataFrame:
    """Return entity, ranking (the metric's name), rank and country per fact."""
    return pd.DataFrame(
        {
            "entity": rows["entity"],
            "ranking": rows["metric_id"].map(metric_names),
            "rank": rows["value"].astype(int),
            "country": rows["country"],
        }
    )


def build_timeline_table(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return one point per fact: the first day of its period, value, source, value as written."""
    return pd.DataFrame(
        {
            "date": [pd.Timestamp(parse_period_bounds(p)[0]) for p in rows["period"]],
            "value": rows["value"],
            "source": rows["source_id"],
            "display": format_quantities(rows, catalog),
        }
    )


def build_data_table(rows: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return the facts behind a chart for reading: entity, value, period, source, quote."""
    return pd.DataFrame(
        {
            "entity": rows["entity"],
            "value": format_quantities(rows, catalog),
            "period": rows["period"],
            "source_id": rows["source_id"],
            "quote": rows["quote"],
        }
    )


def build_region_table(regions: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return one bar per region of a tally (all Chinese regions)."""
    return pd.DataFrame(
        {
            "label": regions["region"],
            "value": regions["count"].astype(float),
            "country": "CN",
            "display": [catalog.number(c) for c in regions["count"]],
        }
    )


def compare_regions(regions: pd.DataFrame, ledger: pd.DataFrame) -> pd.DataFrame:
    """Return the parsed tally with the ledger's figure for each region beside it."""
    in_ledger = dict(zip(ledger["entity"], ledger["value"].astype(int), strict=False))
    return regions.assign(ledger=[in_ledger.get(r) for r in regions["region"]])


def build_staleness(facts: pd.DataFrame, metric_names: dict, as_of: dt.date) -> pd.DataFrame:
    """Return per metric the newest figure's period and its age in days at ``as_of``, oldest
    first."""
    rows = []
    for metric_id, group in facts.groupby("metric_id", sort=True):
        ends = [parse_period_bounds(p)[1] for p in group["period"]]
        newest = max(range(len(ends)), key=lambda i: ends[i])
        rows.append(
            {
                "metric_id": metric_id,
                "metric": metric_names[metric_id],
                "newest_period": group["period"].iloc[newest],
                "age_days": (as_of - ends[newest]).days,
            }
        )
    return pd.DataFrame(rows).sort_values(["age_days", "metric_id"], ascending=[False, True])


def label_disagreements(pairs: pd.DataFrame, metric_names: dict, catalog: Catalog):
    """Return disagreement pairs with metric names, statuses and values as written."""
    return pairs.assign(
        metric=pairs["metric_id"].map(metric_names),
        status=[catalog.text(f"status.{v}") for v in pairs["status"]],
        value_a=[catalog.number(v) for v in pairs["value_a"]],
        value_b=[catalog.number(v) for v in pairs["value_b"]],
    )
