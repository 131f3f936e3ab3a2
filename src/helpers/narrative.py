"""Sentences with numbers, generated from the data so prose cannot contradict the tables.

Every figure says what its source says: a bound (前10) reads "within the top 10", never "no. 10";
a vague order of magnitude (数十亿) keeps its words beside the range it was stored as; a period
the text does not give (the article's date standing in) is marked with an asterisk.
"""

from decimal import Decimal

from helpers.i18n import LANGUAGES, Catalog, format_number
from helpers.ledger import BOUND_WORDS

STANDIN_MARK = "*"


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


def format_period(period: str, period_source: str = "text") -> str:
    """Return a period as shown: marked with an asterisk when the article's date stands in."""
    return f"{period}{STANDIN_MARK}" if period_source == "published" else period


def describe_vague(value, high, lang: str) -> str | None:
    """Return the words of a vague order of magnitude stored as 2..9 × 10^k (数十亿), else None."""
    low, top = to_decimal(value), to_decimal(high)
    if low is None or top is None or low <= 0 or top != low / 2 * 9:
        return None
    base = low / 2
    exponent = base.adjusted()
    if base != Decimal(10) ** exponent:
        return None
    return LANGUAGES[lang].vague_words.get(10**exponent)


def format_unit(unit: str, catalog: Catalog, metric=None) -> str:
    """Return a unit's words: the metric's own English unit when the fact uses the metric's
    unit (个 is "models" for one metric, "parameters" for another), else the catalog's."""
    if metric is not None and catalog.lang == "en" and unit == metric["unit"]:
        if str(metric.get("unit_en", "") or "").strip():
            return str(metric["unit_en"]).strip()
    return catalog.unit(unit)


def format_quantity(value, high, unit: str, approx: str, catalog: Catalog, metric=None) -> str:
    """Return a figure for prose: qualifier, number or range, unit (近1800亿个)."""
    language = catalog.language
    number = format_amount(value, catalog.lang)
    is_range = to_decimal(high) is not None
    if is_range:
        number = f"{number}–{format_amount(high, catalog.lang)}"
    unit_text = format_unit(unit, catalog, metric)
    singular = not is_range and to_decimal(value) == 1
    if language.singular_drops_s and singular and unit_text.endswith("s") and unit != "%":
        unit_text = unit_text[:-1]  # 1 firm, 1 service
    if approx in BOUND_WORDS and unit == "名":
        return language.bound_form.format(number=number)
    vague = describe_vague(value, high, catalog.lang) if approx in ("数", "几") else None
    qualifier = catalog.text(f"approx.{approx}") if approx and not vague else ""
    if unit == "%":
        body = f"{number}%"
    elif unit == "倍":
        body = language.multiple_form.format(number=number, unit=unit_text)
    elif unit == "名":
        body = language.rank_form.format(number=number)
    else:
        body = f"{number}{language.unit_gap}{unit_text}".strip()
    if vague:
        return language.vague_form.format(range=body, words=vague)
    return f"{qualifier}{language.qualifier_gap}{body}".strip()


def format_difference(row, unit: str, catalog: Catalog, metric=None) -> str:
    """Return how far the leader is ahead: 4 points, 2 percentage points (4分, 2个百分点)."""
    gap = abs(to_decimal(row["value_cn"]) - to_decimal(row["value_us"]))
    if unit == "%":
        return catalog.text("narrative.points", number=catalog.number(gap))
    return format_quantity(gap, None, unit, "", catalog, metric)


def describe_comparison(row, metric_name: str, unit: str, catalog: Catalog, metric=None) -> str:
    """Return one sentence comparing China and the US on a metric in one period.

    How the two may be compared is the metric's ``comparison``: a ratio for counts and money,
    a difference for scores and shares, nothing more than who leads for ranks (row keys
    ``comparison``, ``leader`` and ``period_source`` come from ``tables.compare_countries``).
    """
    values = {
        "metric": metric_name,
        "period": format_period(row["period"], row.get("period_source", "text")),
        "cn": format_quantity(
            row["value_cn"], row.get("high_cn"), unit, row.get("approx_cn", ""), catalog, metric
        ),
        "us": format_quantity(
            row["value_us"], row.get("high_us"), unit, row.get("approx_us", ""), catalog, metric
        ),
    }
    leader = row.get("leader", "")
    if leader in ("CN", "US"):
        values["leader"] = catalog.text(f"country.{leader}")
        cn, us = to_decimal(row["value_cn"]), to_decimal(row["value_us"])
        ahead, behind = (cn, us) if leader == "CN" else (us, cn)
        how = row.get("comparison", "none")
        if how == "ratio" and behind and behind > 0 and ahead > 0:
            values["ratio"] = catalog.number(round(ahead / behind, 2))
            key = "narrative.lead"
        elif how == "difference":
            values["difference"] = format_difference(row, unit, catalog, metric)
            key = "narrative.lead_difference"
        else:  # ranks, or values whose ratio means nothing: say who is ahead, not by how much
            key = "narrative.lead_plain"
    elif leader == "tie":
        key = "narrative.tie"
    else:
        key = "narrative.compare"
    return catalog.text(key, **values)


def describe_fact(row, metric_name: str, source_title: str, catalog: Catalog, metric=None) -> str:
    """Return one sentence stating a single fact with its period and source."""
    return catalog.text(
        "narrative.fact",
        metric=metric_name,
        entity=catalog.name(row["entity"]),
        value=format_quantity(
            row["value"], row["high"], row["unit"], row["approx"], catalog, metric
        ),
        period=format_period(row["period"], row.get("period_source", "text")),
        source=source_title,
    )
