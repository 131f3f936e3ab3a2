"""Tests for helpers.ledger: the tables load as strings, numbers converted, columns checked."""

from decimal import Decimal

import pandas as pd
import pytest
from ledger_fixtures import TEXT, fact, make_ledger, write_csv

from helpers.errors import UserError
from helpers.ledger import (
    FACT_COLUMNS,
    METRIC_COLUMNS,
    load_excluded,
    load_facts,
    load_metrics,
    parse_decimal,
)


def test_parse_decimal():
    assert parse_decimal("2600000000000") == Decimal("2600000000000")
    assert parse_decimal("-9.7") == Decimal("-9.7")
    for bad in ("", "1,000", "1e3", " 1", "1.", ".5", "NaN"):
        assert parse_decimal(bad) is None


def test_loaders_keep_strings_and_convert_numbers(tmp_path):
    data = make_ledger(tmp_path)
    facts = load_facts(data)
    assert facts["value"].dtype == "float64" and facts.loc[0, "value"] == 117
    assert pd.isna(facts.loc[0, "high"]) and facts.loc[0, "country"] == "CN"
    assert facts.loc[0, "approx"] == ""  # not NaN: nothing silently coerced
    assert list(load_metrics(data).columns) == list(METRIC_COLUMNS)
    assert load_excluded(data)["start"].tolist() == [TEXT.index("8月")]
    write_csv(data / "facts.csv", FACT_COLUMNS, [fact(), fact(fact_id="b", value="abc")])
    with pytest.raises(UserError, match=r"facts.csv:3: field 'value' is 'abc'"):
        load_facts(data)
    (data / "metrics.csv").write_text("metric_id\nx\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"metrics.csv:1: missing column 'dimension'"):
        load_metrics(data)
