"""Tests for helpers.numerals_en: English number words, scale words and month names."""

from decimal import Decimal

from helpers.numerals_en import get_month, get_scale, parse_cardinal


def test_cardinals():
    assert parse_cardinal("seven") == 7
    assert parse_cardinal("Twenty-five") == 25
    assert parse_cardinal("forty two") == 42
    assert parse_cardinal("twenty zero") is None
    assert parse_cardinal("hundred") is None


def test_scales_and_months():
    assert get_scale("bn") == Decimal(10**9)
    assert get_scale("Trillion") == Decimal(10**12)
    assert get_scale("m") == Decimal(10**6)
    assert get_scale("") is None and get_scale("dozen") is None
    assert get_month("Sept.") == 9 and get_month("december") == 12
