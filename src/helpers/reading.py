"""The result of reading one number: span, value, unit, currency, kind and hedge."""

from __future__ import annotations

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
