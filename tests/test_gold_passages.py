"""The independent passage gold set: each .jsonl matches its .txt and follows the conventions.

These tests check the gold set itself, never the extractor (scoring is done in `make bench`).
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from helpers.reading import KINDS  # the gold speaks the extractor's kinds, no others

GOLD_DIR = Path(__file__).resolve().parent / "gold_passages"
FIELDS = [
    "start",
    "end",
    "surface",
    "value",
    "high",
    "kind",
    "unit",
    "currency",
    "approx",
    "section",
]
CURRENCIES = {"USD", "CNY", "EUR", "JPY", "GBP", "HKD", "TWD"}
PASSAGES = sorted(GOLD_DIR.glob("[0-9][0-9]_*.txt"))


def load_builder():
    """Return the build_gold module that turns annotated/ into the .txt and .jsonl files."""
    spec = importlib.util.spec_from_file_location("build_gold", GOLD_DIR / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_records(passage: Path) -> list[dict]:
    """Return the gold records of one passage."""
    lines = passage.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def is_number(value) -> bool:
    """Return True for a JSON number (int or float, not bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def test_set_has_enough_passages_and_quantities():
    assert len(PASSAGES) >= 20
    assert sum(len(read_records(p)) for p in PASSAGES) >= 300


def test_set_covers_every_language_and_style():
    prefixes = [p.name.split("_")[1] for p in PASSAGES]
    assert prefixes.count("zh") >= 7
    assert prefixes.count("tw") + prefixes.count("hk") >= 4
    assert prefixes.count("en") >= 7
    assert prefixes.count("mix") >= 3


def test_every_jsonl_has_its_text_and_every_text_its_jsonl():
    texts = {p.stem for p in PASSAGES}
    golds = {p.stem for p in GOLD_DIR.glob("[0-9][0-9]_*.jsonl")}
    assert texts == golds


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p.stem)
def test_text_is_utf8_without_bom_and_of_passage_length(passage):
    raw = passage.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert 600 <= len(raw.decode("utf-8")) <= 2500


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p.stem)
def test_records_match_text_and_conventions(passage):
    text = passage.read_text(encoding="utf-8")
    records = read_records(passage)
    assert records, passage.name
    for record in records:
        where = f"{passage.stem}:{record.get('start')}"
        assert list(record) == FIELDS, where
        start, end, surface = record["start"], record["end"], record["surface"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end, where
        assert text[start:end] == surface, where
        assert surface == surface.strip(), where
        assert record["kind"] in KINDS, where
        assert record["section"] == "body", where
        for key in ("unit", "approx"):
            assert record[key] is None or (isinstance(record[key], str) and record[key]), where


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p.stem)
def test_values_are_numbers_in_base_units(passage):
    for record in read_records(passage):
        where = f"{passage.stem}:{record['start']}"
        value, high = record["value"], record["high"]
        assert is_number(value), where
        assert high is None or (is_number(high) and high > value), where
        for number in (value, high):
            if isinstance(number, float):
                assert not number.is_integer(), f"{where}: integers are written as integers"
                assert round(number, 4) == number, f"{where}: at most 4 decimals"


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p.stem)
def test_currency_only_on_money_and_hedges_lowercased_in_english(passage):
    for record in read_records(passage):
        where = f"{passage.stem}:{record['start']}"
        if record["kind"] == "money":
            assert record["currency"] in CURRENCIES, where
        else:
            assert record["currency"] is None, where
        approx = record["approx"]
        if approx and re.fullmatch(r"[A-Za-z ]+", approx):
            assert approx == approx.lower(), where


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p.stem)
def test_records_are_sorted_and_do_not_overlap(passage):
    records = read_records(passage)
    for before, after in zip(records, records[1:], strict=False):
        assert before["end"] <= after["start"], f"{passage.stem}:{after['start']}"


def test_files_are_built_from_the_annotated_sources():
    built = load_builder().build_all()
    assert sorted(built) == [p.stem for p in PASSAGES]
    for stem, (text, jsonl) in built.items():
        assert (GOLD_DIR / f"{stem}.txt").read_text(encoding="utf-8") == text, stem
        assert (GOLD_DIR / f"{stem}.jsonl").read_text(encoding="utf-8") == jsonl, stem


def test_builder_takes_offsets_from_the_markup():
    builder = load_builder()
    text, records = builder.build_passage(
        "共⟦2万5000篇§25000§count§篇§-⟧，⟦约$3bn§3e9§money§$§约⟧。", "example"
    )
    assert text == "共2万5000篇，约$3bn。"
    assert [(r["start"], r["end"], r["value"], r["currency"]) for r in records] == [
        (1, 8, 25000, None),
        (9, 14, 3000000000, "USD"),
    ]


def test_builder_rejects_a_bad_annotation():
    builder = load_builder()
    with pytest.raises(ValueError, match="kind"):
        builder.build_passage("⟦5个§5§thing§个§-⟧", "example")
    with pytest.raises(ValueError, match="currency"):
        builder.build_passage("⟦5元§5§money§块§-⟧", "example")
    with pytest.raises(ValueError, match="unbalanced"):
        builder.build_passage("⟦5个§5§count§个§-", "example")
