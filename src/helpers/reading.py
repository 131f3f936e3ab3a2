"""The result of reading one number: span, value, unit, currency, kind and hedge."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from helpers.patterns_zh import RANK_UNITS

KINDS = (
    "percent",
    "count",
    "money",
    "multiple",
    "score",
    "rank",
    "year",
    "date",
    "duration",
    "other",
)


class Reading(NamedTuple):
    """One number as read from the normalized text; offsets index that text."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None
    unit: str | None
    currency: str | None
    kind: str
    approx: str | None


def read_date_value(start: int, end: int, value: int, unit: str | None) -> Reading:
    """Return a date reading (value holds the written parts as digits; unit names them)."""
    return Reading(start, end, Decimal(value), None, unit, None, "date", None)


def read_day_range(start: int, end: int, base: int, day: int, last: int, unit: str) -> Reading:
    """Return a date, or a range of days within its month when ``last`` follows ``day``
    (9月19-20日, September 19-20: ``base`` holds the year and month, day the last two digits)."""
    reading = read_date_value(start, end, base + day, unit)
    return reading._replace(high=Decimal(base + last)) if last > day else reading


# What may stand between the two ends of a range of like quantities (45亿元至48亿元, 70% to 75%).
RANGE_JOINERS = frozenset(("至", "到", "-", "~", "—", "–", " to ", " - ", " – ", " — "))
_FROM_BEFORE = re.compile(r"(?:[从由]|(?i:from)[ \u00a0])$")
_DAY_UNITS = frozenset(("月日", "年月日"))
_RANK_UNITS = frozenset(RANK_UNITS)


def join_range(t: str, first: Reading, second: Reading) -> Reading | None:
    """Return one range for two readings of the same kind and unit joined by 至/到/-/to, else None.

    "From X to Y" (从/由/from before X) describes a change: two numbers, except for years and
    dates (从2014年至2023年 bounds one period).
    """
    if t[first.end : second.start] not in RANGE_JOINERS:
        return None
    if first.high is not None or second.high is not None or second.approx is not None:
        return None
    if first.unit in _DAY_UNITS and second.unit == "日" and second.kind == "date":
        return _join_days(first, second)  # 9月19日至20日: the second day is in the same month
    if second.value <= first.value or first.kind == "other":
        return None
    if first.kind not in ("year", "date") and _FROM_BEFORE.search(t, max(0, first.start - 5),
                                                                 first.start):
        return None
    if first.kind == "rank":
        return _join_ranks(first, second)
    if (first.kind, first.unit, first.currency) != (second.kind, second.unit, second.currency):
        return None
    return first._replace(end=second.end, high=second.value)


def _join_days(first: Reading, second: Reading) -> Reading | None:
    """Return 9月19日至20日 as one date range (919..920), else None."""
    day, base = int(first.value % 100), int(first.value - first.value % 100)
    last = int(second.value)
    if last <= day:
        return None
    return read_day_range(first.start, second.end, base, day, last, first.unit)


def _join_ranks(first: Reading, second: Reading) -> Reading | None:
    """Return 第7至第10名, 第3到5位 as one rank range (its unit from the second end), else None."""
    if first.approx is not None or first.unit not in (None, second.unit):
        return None
    if second.kind != "rank" and not (second.kind == "count" and second.unit in _RANK_UNITS):
        return None
    return first._replace(end=second.end, high=second.value, unit=second.unit)
