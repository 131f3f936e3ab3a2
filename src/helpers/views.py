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


def format_quantities(rows: pd.DataFrame, catalog: Catalog, metrics: dict | None = None):
    """Return each fact's value as prose (qualifier, number or range, unit in this language),
    a draft labelled as such."""
    metrics = metrics or {}
    return [
        narrative.label_draft(
            narrative.format_quantity(
                r["value"], r["high"], r["unit"], r["approx"], catalog, metrics.get(r["metric_id"])
            ),
            r.get("status"),
            catalog,
        )
        for r in rows.to_dict("records")
    ]


def format_periods(rows: pd.DataFrame) -> list[str]:
    """Return each fact's period as shown (a stand-in marked with an asterisk)."""
    sources = rows["period_source"] if "period_source" in rows else ["text"] * len(rows)
    return [narrative.format_period(p, s) for p, s in zip(rows["period"], sources, strict=True)]


def has_standin(rows: pd.DataFrame) -> bool:
    """Return True when some fact's period is the article's date standing in."""
    return "period_source" in rows and bool((rows["period_source"] == "published").any())


def build_bar_table(rows: pd.DataFrame, catalog: Catalog, metrics: dict | None = None):
    """Return one bar per fact: label (entity, with the period when periods differ), value,
    country and the value as written."""
    several_periods = rows["period"].nunique() > 1
    periods = format_periods(rows)
    return pd.DataFrame(
        {
            "label": [
                f"{catalog.name(r['entity'])} ({p})"
                if several_periods
                else catalog.name(r["entity"])
                for r, p in zip(rows.to_dict("records"), periods, strict=True)
            ],  # repeats (two sources, one period) are numbered by plot_country_bars
            "value": rows["value"],
            "country": rows["country"],
            "display": format_quantities(rows, catalog, metrics),
        }
    )


def build_rank_table(rows: pd.DataFrame, metric_names: dict, catalog: Catalog) -> pd.DataFrame:
    """Return entity (in this language), ranking (the metric's name), rank and country."""
    return pd.DataFrame(
        {
            "entity": [catalog.name(e) for e in rows["entity"]],
            "ranking": rows["metric_id"].map(metric_names),
            "rank": rows["value"].astype(int),
            "country": rows["country"],
        }
    )


def build_timeline_table(rows: pd.DataFrame, catalog: Catalog, metrics: dict | None = None):
    """Return one point per fact: the first day of its period, value, the country (its colour),
    the source (its marker) and the value as written."""
    return pd.DataFrame(
        {
            "date": [pd.Timestamp(parse_period_bounds(p)[0]) for p in rows["period"]],
            "value": rows["value"],
            "country": rows["country"],
            "source": rows["source_id"],
            "display": format_quantities(rows, catalog, metrics),
        }
    )


def build_data_table(rows, catalog: Catalog, metrics: dict, source_langs: dict):
    """Return the facts behind a chart for reading, and the language of each text cell.

    Columns: entity (in this language), value, period (stand-ins marked), source, the verbatim
    quote (in its source's language), the curator's English rendering on English pages, and the
    fact's note (written in English by the curator). Drafts are labelled as such.
    """
    records = rows.to_dict("records")
    table = pd.DataFrame(
        {
            "entity": [catalog.name(r["entity"]) for r in records],
            "value": format_quantities(rows, catalog, metrics),
            "period": format_periods(rows),
            "source_id": rows["source_id"],
            "quote": rows["quote"],
        }
    )
    page = catalog.language.html_lang
    quote_langs = [source_langs.get(r["source_id"], "zh-Hans") for r in records]
    langs = {"quote": [lang if lang != page else "" for lang in quote_langs]}
    if catalog.lang == "en":
        table["quote_en"] = [r.get("quote_en", "") for r in records]
    if any(str(r.get("note", "") or "").strip() for r in records):
        table["note"] = [r.get("note", "") for r in records]
        langs["note"] = "en" if catalog.lang != "en" else ""
    return table, langs


def build_download(rows: pd.DataFrame, catalog: Catalog, metrics: dict) -> pd.DataFrame:
    """Return the facts behind a chart as a table to download: the ledger's columns with the
    English names beside the Chinese (entity_en, metric_en, unit_en)."""
    english = Catalog("en", catalog.data_dir)
    out = rows.drop(columns=["note"], errors="ignore").copy()
    out.insert(
        out.columns.get_loc("entity") + 1, "entity_en", [english.name(e) for e in rows["entity"]]
    )
    out.insert(
        out.columns.get_loc("metric_id") + 1,
        "metric_en",
        [metrics.get(m, {}).get("name_en", "") for m in rows["metric_id"]],
    )
    out.insert(
        out.columns.get_loc("unit") + 1,
        "unit_en",
        [
            narrative.format_unit(u, english, metrics.get(m))
            for u, m in zip(rows["unit"], rows["metric_id"], strict=True)
        ],
    )
    return out


def build_region_table(regions: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return one bar per region of a tally (all Chinese regions), named in this language."""
    return pd.DataFrame(
        {
            "label": [catalog.name(r) for r in regions["region"]],
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
    """Return per metric the newest measured period and its age in days at ``as_of``, oldest
    first; a metric whose periods are all stand-ins shows its newest stand-in and no age."""
    rows = []
    for metric_id, group in facts.groupby("metric_id", sort=True):
        sources = group["period_source"] if "period_source" in group else ["text"] * len(group)
        measured = group[[s != "published" for s in sources]]
        pick = measured if len(measured) else group
        ends = [parse_period_bounds(p)[1] for p in pick["period"]]
        newest = max(range(len(ends)), key=lambda i: ends[i])
        rows.append(
            {
                "metric_id": metric_id,
                "metric": metric_names[metric_id],
                "newest_period": narrative.format_period(
                    pick["period"].iloc[newest], "text" if len(measured) else "published"
                ),
                "age_days": (as_of - ends[newest]).days if len(measured) else float("nan"),
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values(["age_days", "metric_id"], ascending=[False, True], na_position="last")


def label_disagreements(pairs: pd.DataFrame, metric_names: dict, catalog: Catalog):
    """Return disagreement pairs with metric and entity names in the page's language, statuses
    and values as written."""
    return pairs.assign(
        metric=pairs["metric_id"].map(metric_names),
        entity=[catalog.name(e) for e in pairs["entity"]],
        status=[catalog.text(f"status.{v}") for v in pairs["status"]],
        value_a=[catalog.number(v) for v in pairs["value_a"]],
        value_b=[catalog.number(v) for v in pairs["value_b"]],
    )
