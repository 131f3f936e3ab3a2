"""The result of reading one number: span, value, unit, currency, kind and hedge."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

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


# What may stand between the two ends of a range of like quantities (45亿元至48亿元, 70% to 75%).
RANGE_JOINERS = frozenset(("至", "到", "-", "~", "—", "–", " to ", " - ", " – ", " — "))
_FROM_BEFORE = re.compile(r"(?:[从由]|(?i:from)[ \u00a0])$")
_NO_RANGE_KINDS = frozenset(("rank", "other"))


def join_range(t: str, first: Reading, second: Reading) -> Reading | None:
    """Return one range for two readings of the same kind and unit joined by 至/到/-/to, else None.

    "From X to Y" (从/由/from before X) describes a change: two numbers, except for years and
    dates (从2014年至2023年 bounds one period).
    """
    if t[first.end : second.start] not in RANGE_JOINERS:
        return None
    if first.high is not None or second.high is not None or second.approx is not None:
        return None
    if (first.kind, first.unit, first.currency) != (second.kind, second.unit, second.currency):
        return None
    if first.kind in _NO_RANGE_KINDS or second.value <= first.value:
        return None
    if first.kind not in ("year", "date") and _FROM_BEFORE.search(t, max(0, first.start - 5),
                                                                 first.start):
        return None
    return first._replace(end=second.end, high=second.value)
