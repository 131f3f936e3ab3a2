"""Periods and partial dates, one grammar for all: 2023, 2023-07, 2023-07-01, 2023H1, 2023Q3, A/B.

A date may be partial (``published`` 2024-08, ``--as-of`` 2025): it stands for the whole
period, and the report date of a period is its last day. A fact's ``period`` may also be a
half (H1, H2), a quarter (Q1…Q4) or a range ``START/END`` of any two of these.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from helpers.errors import UserError, escape_line

_ONE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?|H([12])|Q([1-4]))?")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only
PERIOD_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYYH1, YYYYH2, YYYYQ1…YYYYQ4 or a range START/END"
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def _bounds_of(match: re.Match[str]) -> tuple[dt.date, dt.date]:
    """Return the first and last day of one matched period (raises ValueError if not real)."""
    year, month, day, half, quarter = match.groups()
    y = int(year)
    if day:
        d = dt.date(y, int(month), int(day))
        return d, d
    if month:
        m = int(month)
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    if half or quarter:
        first_month = 1 + (int(half) - 1) * 6 if half else 1 + (int(quarter) - 1) * 3
        last_month = first_month + (5 if half else 2)
        last_day = calendar.monthrange(y, last_month)[1]
        return dt.date(y, first_month, 1), dt.date(y, last_month, last_day)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def parse_period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a period; ValueError naming the forms if malformed."""
    parts = str(period).split("/")
    if len(parts) > 2 or not period:
        raise ValueError(f"period {period!r} is malformed; write {PERIOD_FORMS}")
    bounds = []
    for part in parts:
        match = _ONE.fullmatch(part)
        if not match:
            raise ValueError(f"period {period!r} is malformed; write {PERIOD_FORMS}")
        try:
            bounds.append(_bounds_of(match))
        except ValueError:
            problem = f"period {period!r} is not a real date; fix the month or day"
            raise ValueError(problem) from None
    first, last = bounds[0][0], bounds[-1][1]
    if last < first:
        raise ValueError(f"period {period!r} ends before it starts; write START/END")
    return first, last


def check_period(period: str) -> str | None:
    """Return the problem with a fact's period, or None when it is valid."""
    try:
        parse_period_bounds(period)
    except ValueError as exc:
        return str(exc)
    return None


def check_date(value: str, name: str = "published") -> str | None:
    """Return the problem with a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD), or None."""
    match = _DATE.fullmatch(value)
    if not match:
        return f"{name} {value!r} is not an ISO date; write {DATE_FORMS}"
    try:
        _bounds_of(_ONE.fullmatch(value))
    except ValueError:
        return f"{name} {value!r} is not a real date; fix the month or day"
    return None


def parse_partial_date(value: str) -> tuple[dt.date, str]:
    """Return the first day a partial ISO date can mean and its precision (day, month, year)."""
    first, _last = parse_period_bounds(value)
    return first, ("year", "month", "day")[len(value.split("-")) - 1]


def report_date(as_of: str) -> dt.date:
    """Return the date a report is made at: the last day of a (possibly partial) ISO date."""
    return parse_period_bounds(as_of)[1]


def newest_published(sources) -> str:
    """Return the newest publication date among the sources (the default report date)."""
    return max((s.meta["published"] for s in sources), key=lambda p: report_date(p))


def check_as_of(as_of: str, sources, name: str = "--as-of") -> str:
    """Return the report date as given (a partial ISO date) or the newest source's; else refuse."""
    if not as_of:
        return newest_published(sources)
    problem = check_date(as_of, name)
    if problem:
        raise UserError(escape_line(problem))
    return as_of
