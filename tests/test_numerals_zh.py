"""Tests for helpers.numerals_zh: Chinese and mixed numerals as Decimal values."""

from decimal import Decimal

from helpers.numerals_zh import looks_like_year, parse_cn, parse_numeral, read_year, tidy_decimal


def test_mixed_arabic_and_chinese_scales():
    assert parse_numeral("2万5000") == (Decimal(25000), None, None)
    assert parse_numeral("13万5000") == (Decimal(135000), None, None)
    assert parse_numeral("2万5000亿")[0] == Decimal(2500000000000)
    assert parse_numeral("1亿2000万")[0] == Decimal(120000000)
    assert parse_numeral("1.2兆")[0] == Decimal("1.2E12")


def test_chinese_numerals_and_hedges():
    assert parse_numeral("一百零五")[0] == 105
    assert parse_numeral("一亿二千万")[0] == 120000000
    assert parse_numeral("数十亿") == (Decimal(2000000000), Decimal(9000000000), "数")
    assert parse_numeral("十几") == (Decimal(12), Decimal(19), "几")
    assert parse_numeral("二十多万") == (Decimal(200000), None, "多")
    assert parse_numeral("一二") is None
    assert parse_cn("九九", 2) is None
    assert parse_numeral("一" * 30) is None


def test_digits_written_one_by_one():
    assert parse_numeral("一二八六亿") == (Decimal(128600000000), None, None)
    assert parse_numeral("四二.七") == (Decimal("42.7"), None, None)
    assert parse_numeral("三五〇") == (Decimal(350), None, None)
    assert parse_numeral("十二.五亿")[0] == Decimal(1250000000)
    assert parse_numeral("六七亿") == (Decimal(600000000), Decimal(700000000), None)  # a range
    assert parse_numeral("二四二零二四") is None  # six digits: no number anyone writes so


def test_years_and_tidy_values():
    assert read_year("二零二四") == 2024
    assert (read_year("25"), read_year("68"), read_year("69"), read_year("98")) == (
        2025, 2068, 1969, 1998
    )  # two digits: the POSIX rule
    assert looks_like_year("2024") and not looks_like_year("3024") and not looks_like_year("2,024")
    assert str(tidy_decimal(Decimal("2.6") * 10**12)) == "2600000000000"
    assert str(tidy_decimal(Decimal("1.30"))) == "1.3"
    assert tidy_decimal(None) is None
