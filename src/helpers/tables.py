"""Tidy tables from the ledger: China–US comparisons, scorecard, timelines, disagreements."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

import pandas as pd

from helpers.facts import DIMENSIONS

NO_DATA = "no comparable data"
COUNTRIES = {"CN": "cn", "US": "us"}

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|H([12]))?")
_CLAUSE = re.compile(r"[^,，。;；]+")
_OWNER = re.compile(r"(一|\d+)款[^。;；\n]*?属地为([^,，。;；\n]+)")


# ---------------------------------------------------------------- periods
def parse_period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a period (2023, 2023-07, 2023-07-01, 2023H1, 2013/2024)."""
    parts = period.split("/")
    first = _period_one(parts[0])[0]
    last = _period_one(parts[-1])[1]
    return first, last


def _period_one(text: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of one period without a slash."""
    match = _PERIOD.fullmatch(text)
    if not match:
        raise ValueError(f"period {text!r} is malformed; write YYYY, YYYY-MM, YYYY-MM-DD or YYYYH1")
    year, month, day, half = match.groups()
    y = int(year)
    if day:
        d = dt.date(y, int(month), int(day))
        return d, d
    if month:
        m = int(month)
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    if half == "1":
        return dt.date(y, 1, 1), dt.date(y, 6, 30)
    if half == "2":
        return dt.date(y, 7, 1), dt.date(y, 12, 31)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _direction(metrics: pd.DataFrame) -> dict[str, str]:
    """Return higher_is_better per metric_id ('true', 'false' or '')."""
    return dict(zip(metrics["metric_id"], metrics["higher_is_better"], strict=True))


# ---------------------------------------------------------------- comparisons
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


def compare_countries(facts: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Return China vs the US per metric and period where both have a figure.

    When a country has several figures for one metric and period (several models), the best one
    counts (highest, or lowest when lower is better, e.g. ranks). ``ratio`` is CN / US.
    """
    columns = [
        "metric_id",
        "dimension",
        "name_en",
        "period",
        "entity_cn",
        "value_cn",
        "entity_us",
        "value_us",
        "unit",
        "ratio",
        "leader",
        "sources",
        "approx_cn",
        "approx_us",
        "high_cn",
        "high_us",
    ]
    direction = _direction(metrics)
    dims = dict(zip(metrics["metric_id"], metrics["dimension"], strict=True))
    names = dict(zip(metrics["metric_id"], metrics["name_en"], strict=True))
    pair = facts[facts["country"].isin(list(COUNTRIES))]
    out = []
    for (metric_id, period), group in pair.groupby(["metric_id", "period"], sort=True):
        if set(group["country"]) != set(COUNTRIES):
            continue
        how = direction.get(metric_id, "")
        cn = _pick(group[group["country"] == "CN"], how)
        us = _pick(group[group["country"] == "US"], how)
        ratio = cn["value"] / us["value"] if us["value"] != 0 else float("nan")
        out.append(
            {
                "metric_id": metric_id,
                "dimension": dims.get(metric_id, ""),
                "name_en": names.get(metric_id, ""),
                "period": period,
                "entity_cn": cn["entity"],
                "value_cn": cn["value"],
                "entity_us": us["entity"],
                "value_us": us["value"],
                "unit": cn["unit"],
                "approx_cn": cn["approx"],
                "approx_us": us["approx"],
                "high_cn": cn["high"],
                "high_us": us["high"],
                "ratio": ratio,
                "leader": _leader(cn["value"], us["value"], how),
                "sources": "; ".join(sorted({cn["source_id"], us["source_id"]})),
            }
        )
    return pd.DataFrame(out, columns=columns)


def build_scorecard(facts: pd.DataFrame, metrics: pd.DataFrame, as_of) -> pd.DataFrame:
    """Return one row per dimension: who leads, on how many metrics, and how old the data is.

    A metric counts once, at its latest period with both countries and a direction. ``age_days``
    is the number of days from the end of the newest figure's period to ``as_of``.
    """
    as_of = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    compared = compare_countries(facts, metrics)
    compared = compared[compared["leader"].isin(["CN", "US", "tie"])].copy()
    if not compared.empty:
        compared["end"] = [parse_period_bounds(p)[1] for p in compared["period"]]
        compared = compared.sort_values(["metric_id", "end"]).groupby("metric_id").tail(1)
    dims = dict(zip(metrics["metric_id"], metrics["dimension"], strict=True))
    ends = facts.assign(
        dimension=facts["metric_id"].map(dims),
        end=[parse_period_bounds(p)[1] for p in facts["period"]],
    )
    rows = []
    for dimension in DIMENSIONS:
        mine = compared[compared["dimension"] == dimension]
        leads = {k: int((mine["leader"] == k).sum()) for k in ("CN", "US", "tie")}
        if mine.empty:
            leader = NO_DATA
        elif leads["CN"] > leads["US"]:
            leader = "CN"
        elif leads["US"] > leads["CN"]:
            leader = "US"
        else:
            leader = "tie"
        dated = ends[ends["dimension"] == dimension]
        if dated.empty:
            newest, age = "", float("nan")
        else:
            top = dated.sort_values(["end", "period"]).iloc[-1]
            newest, age = top["period"], float((as_of - top["end"]).days)
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


# ---------------------------------------------------------------- regions
def _region_aliases(lexicon) -> dict[str, str]:
    """Return alias → region name from a ``Lexicon`` or a lexicon DataFrame (type region)."""
    aliases: dict[str, str] = {}
    if isinstance(lexicon, pd.DataFrame):
        for row in lexicon.itertuples():
            if row.type != "region":
                continue
            for alias in [row.name, *str(row.aliases).split("|")]:
                if len(alias.strip()) >= 2:
                    aliases[alias.strip()] = row.name
        return aliases
    for alias, row in lexicon.rows.items():
        if row.type == "region" and len(alias) >= 2:
            aliases[alias] = row.name
    return aliases


def _clause_counts(
    text: str, start: int, end: int, pattern: re.Pattern[str], aliases: dict, counts: list
) -> list[dict]:
    """Return region counts in one clause: 北京51款, A和B分别有7款和2款, A、B各有2款."""
    regions = [(m.start(), aliases[m.group()]) for m in pattern.finditer(text, start, end)]
    numbers = [m for m in counts if start <= m.start and m.end <= end]
    if not regions or not numbers:
        return []
    clause = text[start:end]
    if "各" in clause and len(numbers) == 1:
        pairs = [(pos, name, numbers[0]) for pos, name in regions]
    elif len(regions) == len(numbers):
        pairs = [(pos, name, m) for (pos, name), m in zip(regions, numbers, strict=True)]
    else:
        return []
    return [
        {"region": name, "count": int(m.value), "start": pos, "count_start": m.start}
        for pos, name, m in pairs
    ]


def parse_region_counts(text: str, lexicon, mentions: Sequence) -> pd.DataFrame:
    """Return region, count, start (of the region name) and count_start from a tally paragraph.

    The paragraph is the line of ``text`` with the most region-attributed counts of 款 (the
    parser's ``mentions``); 各有 gives each listed region the count, 分别 pairs them in order, and
    "一款 … 属地为X" adds one for X.
    """
    columns = ["region", "count", "start", "count_start"]
    aliases = _region_aliases(lexicon)
    if not aliases:
        return pd.DataFrame(columns=columns)
    pattern = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=lambda a: -len(a))))
    counts = [m for m in mentions if m.unit == "款" and m.high is None]
    best: list[dict] = []
    best_span = (0, 0)
    offset = 0
    for line in text.split("\n"):
        line_end = offset + len(line)
        found = []
        for clause in _CLAUSE.finditer(text, offset, line_end):
            found += _clause_counts(text, clause.start(), clause.end(), pattern, aliases, counts)
        if len(found) > len(best):
            best, best_span = found, (offset, line_end)
        offset = line_end + 1
    if best:
        for match in _OWNER.finditer(text, *best_span):
            owner = match.group(2).strip()
            number = 1 if match.group(1) == "一" else int(match.group(1))
            best.append(
                {
                    "region": aliases.get(owner, owner),
                    "count": number,
                    "start": match.start(2),
                    "count_start": match.start(1),
                }
            )
    return pd.DataFrame(best, columns=columns)


def check_region_total(table: pd.DataFrame, total: int) -> str | None:
    """Return a problem when the regions' counts do not add up to ``total``, else None."""
    parts = int(table["count"].sum()) if len(table) else 0
    if parts == total:
        return None
    return f"the regions add up to {parts}, the text states {total} (difference {parts - total})"
