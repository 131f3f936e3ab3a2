"""Tests for helpers.periods: one grammar for periods, partial dates and the report date."""

import datetime as dt

import pytest

from helpers.periods import check_date, check_period, parse_period_bounds, report_date


@pytest.mark.parametrize(
    "period", ["2023", "2024-03", "2024-03-31", "2024H1", "2023H2", "2013/2024", "2023-07/2024H1"]
)
def test_check_period_accepts(period):
    assert check_period(period) is None


@pytest.mark.parametrize(
    "period", ["", "23", "2024-3", "2024H3", "2024-02-30", "2024/2023", "2020/2021/2022", "2024 "]
)
def test_check_period_rejects(period):
    assert check_period(period)


def test_quarters_and_halves_have_their_bounds():
    assert parse_period_bounds("2024Q1") == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert parse_period_bounds("2024Q4") == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert parse_period_bounds("2023H2/2024Q1") == (dt.date(2023, 7, 1), dt.date(2024, 3, 31))


def test_partial_dates_end_on_their_last_day():
    assert report_date("2025") == dt.date(2025, 12, 31)
    assert report_date("2025-02") == dt.date(2025, 2, 28)
    assert check_date("2025-02") is None and check_date("2025Q1") is not None
