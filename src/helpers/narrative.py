"""Sentences with numbers, generated from the data so prose cannot contradict the tables."""

from decimal import Decimal

from helpers.i18n import LANGUAGES, Catalog, format_number


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
    language = LANGUAGES[lang]
    if abs(number) >= language.scale_from:
        for size, name in language.scales:
            if abs(number) >= size:
                scaled = (number / size).normalize()
                digits = format(scaled, "f")
                return f"{digits}{name}"
    return format_number(number, lang)


def format_quantity(value, high, unit: str, approx: str, catalog: Catalog) -> str:
    """Return a figure for prose: qualifier, number or range, unit (近1800亿个)."""
    language = catalog.language
    number = format_amount(value, catalog.lang)
    is_range = to_decimal(high) is not None
    if is_range:
        number = f"{number}–{format_amount(high, catalog.lang)}"
    unit_text = catalog.unit(unit)
    if (
        language.singular_drops_s
        and not is_range
        and to_decimal(value) == 1
        and unit_text.endswith("s")
    ):
        unit_text = unit_text[:-1]  # 1 firm, 1 service
    # 数 ("several") is already spelled out by the range it was stored as (数十亿 → 2e9–9e9)
    vague_range = approx == "数" and is_range
    qualifier = catalog.text(f"approx.{approx}") if approx and not vague_range else ""
    if unit == "%":
        body = f"{number}%"
    elif unit == "倍":
        body = language.multiple_form.format(number=number, unit=unit_text)
    elif unit == "名":
        body = language.rank_form.format(number=number)
    else:
        body = f"{number}{language.unit_gap}{unit_text}".strip()
    return f"{qualifier}{language.qualifier_gap}{body}".strip()


def describe_comparison(row, metric_name: str, unit: str, catalog: Catalog) -> str:
    """Return one sentence comparing China and the US on a metric in one period."""
    values = {
        "metric": metric_name,
        "period": row["period"],
        "cn": format_quantity(
            row["value_cn"], row.get("high_cn"), unit, row.get("approx_cn", ""), catalog
        ),
        "us": format_quantity(
            row["value_us"], row.get("high_us"), unit, row.get("approx_us", ""), catalog
        ),
    }
    leader = row.get("leader", "")
    if leader in ("CN", "US"):
        values["leader"] = catalog.text(f"country.{leader}")
        cn, us = to_decimal(row["value_cn"]), to_decimal(row["value_us"])
        ahead, behind = (cn, us) if leader == "CN" else (us, cn)
        if row.get("direction") == "true" and behind and behind > 0 and ahead > 0:
            values["ratio"] = catalog.number(round(ahead / behind, 2))
            key = "narrative.lead"
        else:  # ranks, or values whose ratio means nothing: say who is ahead, not by how much
            key = "narrative.lead_plain"
    elif leader == "tie":
        key = "narrative.tie"
    else:
        key = "narrative.compare"
    return catalog.text(key, **values)


def describe_fact(row, metric_name: str, source_title: str, catalog: Catalog) -> str:
    """Return one sentence stating a single fact with its period and source."""
    return catalog.text(
        "narrative.fact",
        metric=metric_name,
        entity=row["entity"],
        value=format_quantity(row["value"], row["high"], row["unit"], row["approx"], catalog),
        period=row["period"],
        source=source_title,
    )
