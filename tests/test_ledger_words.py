"""Tests for the ledger's English words: every row a reader sees has its English, and it is English.

The curator writes ``quote_en`` (facts), ``title_en``/``publisher_en`` (sources), ``name_en``
(lexicon) and ``unit_en`` (metrics). These tests read the project's own data/ and seeds/.
"""

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import paths

# CJK radicals, symbols and punctuation (、。《》), kana, bopomofo, unified ideographs and their
# extensions, compatibility ideographs and forms, and full-width forms (，（）：).
CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
# A Chinese numeral character, as in 第二, 前二, 一款, 两年, 六七百亿, 数十亿.
CHINESE_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万亿数]")
# Arabic digits with a Chinese magnitude: 1800亿, 4500万, 2.6万亿.
MAGNITUDE = re.compile(r"(?<![0-9.])(\d+(?:\.\d+)?)(万亿|亿|万)")
MULTIPLIERS = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
SHORT_SCALE = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def read_rows(path: Path) -> list[dict]:
    """Return the rows of a UTF-8 CSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


FACTS = read_rows(paths.DATA_DIR / "facts.csv")
METRICS = read_rows(paths.DATA_DIR / "metrics.csv")
LEXICON = read_rows(paths.DATA_DIR / "lexicon.csv")
SOURCES = read_rows(paths.SEEDS_DIR / paths.MANIFEST_NAME)
REVIEWED = [row for row in FACTS if row["status"] == "reviewed"]


def index_lexicon(rows: list[dict]) -> dict[str, dict]:
    """Return every name and alias of the lexicon mapped to its row."""
    index: dict[str, dict] = {}
    for row in rows:
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias.strip():
                index[alias.strip()] = row
    return index


NAMES = index_lexicon(LEXICON)
# Names that contain digits (GPT-4o, Llama 2, 文心一言4): their digits are not figures.
NAMES_WITH_DIGITS = sorted(
    {n for n in NAMES if re.search(r"\d", n)}
    | {row["name_en"] for row in LEXICON if re.search(r"\d", row["name_en"])},
    key=len,
    reverse=True,
)


def strip_names(text: str) -> str:
    """Return ``text`` with every lexicon name that contains digits blanked out."""
    for name in NAMES_WITH_DIGITS:
        text = text.replace(name, " ")
    return text


def write_plain(number: Decimal) -> str:
    """Return ``number`` without exponent or trailing zeros: 180, 2.6, 9.7."""
    return format(number.normalize(), "f")


def write_short_scale(number: Decimal) -> str:
    """Return the English short-scale form of ``number``: 180 billion, 45 million, 10,000."""
    for size, word in SHORT_SCALE:
        if number >= size:
            return f"{write_plain(number / size)} {word}"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return write_plain(number)


def has_digits_token(text: str, written: str, *, english: bool) -> bool:
    """Return True when ``written`` stands alone in ``text`` (not inside 2019, A100 or 10万)."""
    after = r"(?![0-9]|[.,][0-9])" if english else r"(?![0-9]|\.[0-9]|[十百千万亿])"
    return re.search(rf"(?<![0-9A-Za-z.]){re.escape(written)}{after}", text) is not None


def has_magnitude_form(quote: str, number: Decimal) -> bool:
    """Return True when ``quote`` writes ``number`` as digits with 万/亿 (1800亿 = 1.8e11)."""
    return any(
        Decimal(m.group(1)) * MULTIPLIERS[m.group(2)] == number for m in MAGNITUDE.finditer(quote)
    )


def list_fact_numbers(row: dict) -> list[Decimal]:
    """Return the fact's value and high (when given) as written, sign dropped (下滑9.7% → 9.7)."""
    return [abs(Decimal(row[column])) for column in ("value", "high") if row[column].strip()]


def test_every_reviewed_fact_has_quote_en():
    assert REVIEWED, "no reviewed facts: the test would check nothing"
    missing = [row["fact_id"] for row in REVIEWED if not row["quote_en"].strip()]
    assert not missing, f"reviewed facts without quote_en: {missing}"


def test_every_source_has_title_en_and_publisher_en():
    assert SOURCES
    missing = [row["source_id"] for row in SOURCES if not row["title_en"].strip()]
    assert not missing, f"sources without title_en: {missing}"
    missing = [
        row["source_id"]
        for row in SOURCES
        if row["publisher"].strip() and not row["publisher_en"].strip()
    ]
    assert not missing, f"sources with a publisher but no publisher_en: {missing}"


def test_original_url_only_beside_an_original_title():
    for row in SOURCES:
        if row["original_url"]:
            assert row["original_title"].strip(), row["source_id"]
            assert re.fullmatch(r"https?://\S+", row["original_url"]), row["source_id"]


def test_every_lexicon_row_has_name_en():
    missing = [row["name"] for row in LEXICON if not row["name_en"].strip()]
    assert not missing, f"lexicon rows without name_en: {missing}"


def test_every_fact_entity_resolves_to_a_lexicon_row_with_name_en():
    unresolved = sorted({row["entity"] for row in FACTS if row["entity"] not in NAMES})
    assert not unresolved, f"fact entities missing from lexicon.csv (name or alias): {unresolved}"
    unnamed = sorted({row["entity"] for row in FACTS if not NAMES[row["entity"]]["name_en"]})
    assert not unnamed, f"fact entities whose lexicon row has no name_en: {unnamed}"


def test_every_metric_has_unit_en():
    missing = [row["metric_id"] for row in METRICS if not row["unit_en"].strip()]
    assert not missing, f"metrics without unit_en: {missing}"


def test_cjk_pattern_finds_chinese_and_japanese_but_not_english_punctuation():
    for text in ("中", "澎湃科技", "，", "。", "（", "《", "ア", "\U00020000"):
        assert CJK.search(text), text
    for text in ("The Paper – “Mingde”", "Zhenhui Jiang, 2.6 trillion", "é", "10,000 (1%)"):
        assert not CJK.search(text), text


@pytest.mark.parametrize(
    ("table", "rows", "key"),
    [
        ("facts.csv", FACTS, "fact_id"),
        ("metrics.csv", METRICS, "metric_id"),
        ("lexicon.csv", LEXICON, "name"),
        ("sources.csv", SOURCES, "source_id"),
        ("claim_checks.csv", read_rows(paths.DATA_DIR / "claim_checks.csv"), "check_id"),
    ],
    ids=["facts", "metrics", "lexicon", "sources", "claim_checks"],
)
def test_english_columns_contain_no_cjk(table, rows, key):
    columns = [c for c in rows[0] if c.endswith("_en")]
    assert columns, f"{table} has no English column"
    found = [
        f"{row[key]}.{column}: {row[column]!r}"
        for row in rows
        for column in columns
        if CJK.search(row[column])
    ]
    assert not found, f"{table}: Chinese characters in English columns: {found}"


@pytest.mark.parametrize("row", REVIEWED, ids=[row["fact_id"] for row in REVIEWED])
def test_quote_en_keeps_the_figure_as_written(row):
    """Digits stay as written (12450, 9.7); 1800亿 reads 180 billion; Chinese numerals skip."""
    quote, quote_en = strip_names(row["quote"]), strip_names(row["quote_en"])
    checked = 0
    for number in list_fact_numbers(row):
        written = write_plain(number)
        if has_digits_token(quote, written, english=False):
            assert has_digits_token(quote_en, written, english=True), (
                f"{row['fact_id']}: the quote writes {written}; quote_en must too: {quote_en!r}"
            )
            checked += 1
        elif has_magnitude_form(quote, number):
            english = write_short_scale(number)
            assert english in quote_en, (
                f"{row['fact_id']}: the quote writes {written} with 万/亿; "
                f"quote_en must read {english!r}: {quote_en!r}"
            )
            checked += 1
        else:
            assert CHINESE_NUMERAL.search(quote), (
                f"{row['fact_id']}: {written} is neither in digits nor in Chinese numerals "
                f"in the quote {row['quote']!r}"
            )
    if not checked:
        pytest.skip(f"{row['fact_id']}: the figure is written in Chinese numerals in the quote")


def test_write_short_scale():
    assert write_short_scale(Decimal("180000000000")) == "180 billion"
    assert write_short_scale(Decimal("2600000000000")) == "2.6 trillion"
    assert write_short_scale(Decimal("45000000")) == "45 million"
    assert write_short_scale(Decimal("10000")) == "10,000"
    assert write_short_scale(Decimal("9.7")) == "9.7"


def test_number_forms_are_told_apart():
    assert has_digits_token("前10", "10", english=False)
    assert not has_digits_token("从2019年的10%", "1", english=False)
    assert not has_digits_token("1万枚", "1", english=False)
    assert not has_digits_token("A100芯片", "100", english=False)
    assert has_magnitude_form("近1800亿个参数", Decimal("180000000000"))
    assert not has_magnitude_form("近1800亿个参数", Decimal("1800"))
    assert not has_digits_token("more than 10,000 GPUs", "10", english=True)
    assert strip_names("Llama 2则位列第二") == " 则位列第二"


def test_quote_en_uses_the_lexicon_english_name():
    """A named entity (not a country, whose English is often an adjective) keeps its name_en."""
    wrong = []
    for row in REVIEWED:
        lexicon_row = NAMES[row["entity"]]
        if lexicon_row["type"] == "country":
            continue
        aliases = [lexicon_row["name"], *lexicon_row["aliases"].split("|")]
        if any(a and a in row["quote"] for a in aliases):
            if lexicon_row["name_en"].lower() not in row["quote_en"].lower():
                wrong.append(f"{row['fact_id']}: {lexicon_row['name_en']!r}")
    assert not wrong, f"quote_en without the entity's English name: {wrong}"
