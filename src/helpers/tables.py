"""Tidy tables from the ledger: China–US comparisons, scorecard, timelines, disagreements."""

from __future__ import annotations

import pandas as pd

from helpers.ledger import BOUND_WORDS, DIMENSIONS
from helpers.periods import parse_period_bounds, report_date

NO_DATA = "no comparable data"
COUNTRIES = {"CN": "cn", "US": "us"}


def _pick(rows: pd.DataFrame, direction: str) -> pd.Series:
    """Return a country's best row for one metric and period (max, or min when lower is better)."""
    ordered = rows.sort_values(["value", "fact_id"], ascending=[direction == "false", True])
    return ordered.iloc[0]


def _leader(cn: float, us: float, direction: str) -> str:
    """Return CN, US, tie or none for two values under a metric's direction."""
    if direction not in ("true", "false"):
        return "none"
    if cn == us:
        return "tie"
    cn_better = cn > us if direction == "true" else cn < us
    return "CN" if cn_better else "US"


COMPARE_COLUMNS = [
    "metric_id",
    "dimension",
    "name_en",
    "period",
    "period_source",
    "entity_cn",
    "value_cn",
    "entity_us",
    "value_us",
    "unit",
    "ratio",
    "leader",
    "comparison",
    "sources",
    "approx_cn",
    "approx_us",
    "high_cn",
    "high_us",
    "quote_cn",
    "quote_us",
    "source_cn",
    "source_us",
]


def select_comparable(facts: pd.DataFrame) -> pd.DataFrame:
    """Return the Chinese and US facts that may be compared: reviewed, and not bounds.

    A bound (within the top 10) says where a figure lies, not what it is; a draft has not been
    checked by a curator. Both are shown in the chapters, never counted in a comparison.
    """
    keep = facts["country"].isin(list(COUNTRIES)) & ~facts["approx"].isin(BOUND_WORDS)
    if "status" in facts:
        keep &= facts["status"].fillna("reviewed").isin(["reviewed", ""])
    return facts[keep]


def _compare_one(metric: dict, period: str, group: pd.DataFrame) -> dict:
    """Return the comparison row of one metric and period (both countries present)."""
    how = metric.get("higher_is_better", "")
    cn = _pick(group[group["country"] == "CN"], how)
    us = _pick(group[group["country"] == "US"], how)
    comparison = metric.get("comparison", "") or "none"
    ratio = cn["value"] / us["value"] if us["value"] != 0 else float("nan")
    stand_in = "published" in {cn.get("period_source"), us.get("period_source")}
    return {
        "metric_id": metric["metric_id"],
        "dimension": metric.get("dimension", ""),
        "name_en": metric.get("name_en", ""),
        "period": period,
        "period_source": "published" if stand_in else "text",
        "entity_cn": cn["entity"],
        "value_cn": cn["value"],
        "entity_us": us["entity"],
        "value_us": us["value"],
        "unit": cn["unit"],
        "approx_cn": cn["approx"],
        "approx_us": us["approx"],
        "high_cn": cn["high"],
        "high_us": us["high"],
        "ratio": ratio if comparison == "ratio" else float("nan"),
        "leader": _leader(cn["value"], us["value"], how),
        "comparison": comparison,
        "sources": "; ".join(sorted({cn["source_id"], us["source_id"]})),
        "quote_cn": cn["quote"],
        "quote_us": us["quote"],
        "source_cn": cn["source_id"],
        "source_us": us["source_id"],
    }


def compare_countries(facts: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Return China vs the US per metric and period where both have a comparable figure.

    When a country has several figures for one metric and period (several models), the best one
    counts (highest, or lowest when lower is better, e.g. ranks). ``ratio`` is CN / US, only for
    metrics compared by ratio; ``comparison`` says how the metric may be compared.
    """
    by_id = {row["metric_id"]: row for row in metrics.to_dict("records")}
    out = []
    pairs = select_comparable(facts)
    for (metric_id, period), group in pairs.groupby(["metric_id", "period"], sort=True):
        if set(group["country"]) == set(COUNTRIES):
            metric = by_id.get(metric_id, {"metric_id": metric_id})
            out.append(_compare_one(metric, period, group))
    return pd.DataFrame(out, columns=COMPARE_COLUMNS)


def count_once(compared: pd.DataFrame) -> pd.DataFrame:
    """Return one comparison per piece of evidence: a score and the rank read from the same
    sentences (a leaderboard) are one comparison, not two; the score is kept."""
    if compared.empty:
        return compared
    evidence = [
        tuple(sorted({(r["source_cn"], r["quote_cn"]), (r["source_us"], r["quote_us"])}))
        for r in compared.to_dict("records")
    ]
    ranked = compared.assign(
        evidence=evidence, plain=(compared["comparison"] == "none").astype(int)
    ).sort_values(["plain", "metric_id"])
    kept = ranked.drop_duplicates("evidence").sort_values("metric_id")
    return kept.drop(columns=["evidence", "plain"])


def _newest(facts: pd.DataFrame, as_of) -> tuple[str, bool, float]:
    """Return the newest measured period of ``facts``, whether only a stand-in exists, and its
    age in days at ``as_of`` (NaN when no period is measured: a stand-in is not a measurement)."""
    if facts.empty:
        return "", False, float("nan")
    sources = facts["period_source"] if "period_source" in facts else pd.Series("text", facts.index)
    measured = facts[sources != "published"]
    dated = (measured if len(measured) else facts).assign(
        end=lambda f: [parse_period_bounds(p)[1] for p in f["period"]]
    )
    top = dated.sort_values(["end", "period"]).iloc[-1]
    if measured.empty:
        return top["period"], True, float("nan")
    return top["period"], False, float((as_of - top["end"]).days)


def _lead_of(mine: pd.DataFrame) -> tuple[str, dict]:
    """Return who leads a dimension by count of compared metrics, and the counts."""
    leads = {k: int((mine["leader"] == k).sum()) for k in ("CN", "US", "tie")}
    if mine.empty:
        return NO_DATA, leads
    if leads["CN"] != leads["US"]:
        return ("CN" if leads["CN"] > leads["US"] else "US"), leads
    return "tie", leads


def build_scorecard(facts: pd.DataFrame, metrics: pd.DataFrame, as_of) -> pd.DataFrame:
    """Return one row per dimension: who leads, on how many metrics, and how old the data is.

    A metric counts once, at its latest period with both countries and a direction; a score and
    the rank read from the same sentences count once (``count_once``). ``age_days`` is the number
    of days from the end of the newest measured period to ``as_of``; a period the text does not
    give (the article's date standing in) is shown but never aged.
    """
    as_of = report_date(as_of) if isinstance(as_of, str) else as_of
    compared = compare_countries(facts, metrics)
    compared = compared[compared["leader"].isin(["CN", "US", "tie"])].copy()
    if not compared.empty:
        compared["end"] = [parse_period_bounds(p)[1] for p in compared["period"]]
        compared = compared.sort_values(["metric_id", "end"]).groupby("metric_id").tail(1)
    compared = count_once(compared)
    dims = dict(zip(metrics["metric_id"], metrics["dimension"], strict=True))
    dimension_of = facts["metric_id"].map(dims)
    rows = []
    for dimension in DIMENSIONS:
        mine = compared[compared["dimension"] == dimension]
        leader, leads = _lead_of(mine)
        newest, stand_in, age = _newest(facts[dimension_of == dimension], as_of)
        rows.append(
            {
                "dimension": dimension,
                "leader": leader,
                "metrics_compared": len(mine),
                "cn_leads": leads["CN"],
                "us_leads": leads["US"],
                "ties": leads["tie"],
                "metrics": ", ".join(sorted(mine["metric_id"])),
                "newest_period": newest,
                "newest_is_standin": stand_in,
                "age_days": age,
            }
        )
    return pd.DataFrame(rows)


def build_timelines(facts: pd.DataFrame) -> pd.DataFrame:
    """Return the points of each metric and entity seen at several periods or in several sources."""
    columns = [
        "metric_id",
        "entity",
        "country",
        "period",
        "period_start",
        "value",
        "high",
        "unit",
        "approx",
        "source_id",
        "fact_id",
    ]
    keep = []
    for _key, group in facts.groupby(["metric_id", "entity"], sort=True):
        if group["period"].nunique() > 1 or group["source_id"].nunique() > 1:
            keep.append(group)
    if not keep:
        return pd.DataFrame(columns=columns)
    out = pd.concat(keep)
    out = out.assign(period_start=[parse_period_bounds(p)[0] for p in out["period"]])
    out = out.sort_values(["metric_id", "entity", "period_start", "source_id", "fact_id"])
    return out[columns].reset_index(drop=True)


def find_disagreements(facts: pd.DataFrame, include_agreements: bool = False) -> pd.DataFrame:
    """Return pairs of facts from different sources on the same metric, entity and period.

    Only pairs whose values (or highs) differ, unless ``include_agreements`` (then ``status``
    says agree or disagree).
    """
    columns = [
        "metric_id",
        "entity",
        "period",
        "status",
        "source_a",
        "fact_a",
        "value_a",
        "high_a",
        "source_b",
        "fact_b",
        "value_b",
        "high_b",
        "difference",
    ]
    out = []
    for (metric_id, entity, period), group in facts.groupby(
        ["metric_id", "entity", "period"], sort=True
    ):
        rows = group.sort_values(["source_id", "fact_id"]).to_dict("records")
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a["source_id"] == b["source_id"]:
                    continue
                same = a["value"] == b["value"] and _same(a["high"], b["high"])
                if same and not include_agreements:
                    continue
                out.append(
                    {
                        "metric_id": metric_id,
                        "entity": entity,
                        "period": period,
                        "status": "agree" if same else "disagree",
                        "source_a": a["source_id"],
                        "fact_a": a["fact_id"],
                        "value_a": a["value"],
                        "high_a": a["high"],
                        "source_b": b["source_id"],
                        "fact_b": b["fact_id"],
                        "value_b": b["value"],
                        "high_b": b["high"],
                        "difference": b["value"] - a["value"],
                    }
                )
    return pd.DataFrame(out, columns=columns)


def _same(a, b) -> bool:
    """Return True when two optional numbers are equal (two NaNs count as equal)."""
    if pd.isna(a) and pd.isna(b):
        return True
    return a == b
