"""Sentences with numbers, generated from the data so prose cannot contradict the tables."""

from decimal import Decimal
from pathlib import Path

from helpers.i18n import format_number, translate

_ZH_SCALES = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
_EN_SCALES = (
    (Decimal(10) ** 12, " trillion"),
    (Decimal(10) ** 9, " billion"),
    (Decimal(10) ** 6, " million"),
)
# Counts below these stay as plain digits (12,450 papers, not 1.245万).
_ZH_SCALE_FROM = Decimal(10) ** 6
_EN_SCALE_FROM = Decimal(10) ** 6


def to_decimal(value) -> Decimal | None:
    """Return ``value`` as a Decimal, or None for empty/NaN."""
    if value is None:
        return None
    text = str(value).strip()
    if text in ("", "nan", "None", "<NA>"):
        return None
    return Decimal(text)


def format_amount(value, lang: str) -> str:
    """Return a number for prose: 2600000000000 → 2.6万亿 (zh) or 2.6 trillion (en)."""
    number = to_decimal(value)
    scales, start = (_ZH_SCALES, _ZH_SCALE_FROM) if lang == "zh" else (_EN_SCALES, _EN_SCALE_FROM)
    if abs(number) >= start:
        for size, name in scales:
            if abs(number) >= size:
                scaled = (number / size).normalize()
                digits = format(scaled, "f")
                return f"{digits}{name}"
    return format_number(number, lang)


def translate_unit(unit: str, lang: str, data_dir: Path | None = None) -> str:
    """Return a unit as written (zh) or its English word, from the catalog."""
    if not unit:
        return ""
    return translate(f"unit.{unit}", lang, data_dir)


def format_quantity(value, high, unit: str, approx: str, lang: str, data_dir=None) -> str:
    """Return a figure for prose: qualifier, number or range, unit (近1800亿个)."""
    number = format_amount(value, lang)
    is_range = to_decimal(high) is not None
    if is_range:
        number = f"{number}–{format_amount(high, lang)}"
    unit_text = translate_unit(unit, lang, data_dir)
    if lang == "en" and not is_range and to_decimal(value) == 1 and unit_text.endswith("s"):
        unit_text = unit_text[:-1]  # 1 firm, 1 service
    # 数 ("several") is already spelled out by the range it was stored as (数十亿 → 2e9–9e9)
    vague_range = approx == "数" and is_range
    qualifier = translate(f"approx.{approx}", lang, data_dir) if approx and not vague_range else ""
    if unit == "%":
        body = f"{number}%"
    elif unit == "倍":
        body = f"{number}{unit_text}" if lang == "zh" else f"{number}×"
    elif unit == "名":
        body = f"第{number}名" if lang == "zh" else f"no. {number}"
    elif lang == "zh":
        body = f"{number}{unit_text}"
    else:
        body = f"{number} {unit_text}".strip()
    if lang == "zh":
        return f"{qualifier}{body}"
    return f"{qualifier} {body}".strip()


def describe_comparison(row, metric_name: str, lang: str, unit: str, data_dir=None) -> str:
    """Return one sentence comparing China and the US on a metric in one period."""
    values = {
        "metric": metric_name,
        "period": row["period"],
        "cn": format_quantity(
            row["value_cn"], row.get("high_cn"), unit, row.get("approx_cn", ""), lang, data_dir
        ),
        "us": format_quantity(
            row["value_us"], row.get("high_us"), unit, row.get("approx_us", ""), lang, data_dir
        ),
    }
    leader = row.get("leader", "")
    if leader in ("CN", "US"):
        values["leader"] = translate(f"country.{leader}", lang, data_dir)
        cn, us = to_decimal(row["value_cn"]), to_decimal(row["value_us"])
        ahead, behind = (cn, us) if leader == "CN" else (us, cn)
        if row.get("direction") == "true" and behind and behind > 0 and ahead > 0:
            values["ratio"] = format_number(round(ahead / behind, 2), lang)
            key = "narrative.lead"
        else:  # ranks, or values whose ratio means nothing: say who is ahead, not by how much
            key = "narrative.lead_plain"
    elif leader == "tie":
        key = "narrative.tie"
    else:
        key = "narrative.compare"
    return translate(key, lang, data_dir, **values)


def describe_fact(row, metric_name: str, source_title: str, lang: str, data_dir=None) -> str:
    """Return one sentence stating a single fact with its period and source."""
    return translate(
        "narrative.fact",
        lang,
        data_dir,
        metric=metric_name,
        entity=row["entity"],
        value=format_quantity(
            row["value"], row["high"], row["unit"], row["approx"], lang, data_dir
        ),
        period=row["period"],
        source=source_title,
    )
