"""Tests for helpers.i18n: a complete catalog, matching placeholders, number formatting."""

import pytest

from helpers import paths
from helpers.contents import list_chapters
from helpers.errors import UserError
from helpers.i18n import format_number, format_percent, list_placeholders, load_catalog, translate


def test_every_key_has_both_languages_with_same_placeholders():
    catalog = load_catalog(paths.DATA_DIR / "i18n.csv")
    for key, texts in catalog.items():
        assert texts["zh"].strip(), key
        assert texts["en"].strip() or key.startswith("unit."), key
        assert list_placeholders(texts["zh"]) == list_placeholders(texts["en"]), key


def test_every_chapter_has_a_title():
    for notebook in list_chapters():
        assert translate(f"chapter.{notebook.stem}.title", "en")


def test_translate_fills_values():
    assert translate("report.documents_line", "en", n_documents="5", n_chars="9") == (
        "This report draws on 5 source documents, 9 characters in all."
    )


def test_unknown_key_and_language():
    with pytest.raises(UserError, match="no key"):
        translate("no.such.key", "en")
    with pytest.raises(UserError, match="lang 'fr'"):
        translate("report.title", "fr")


def test_catalog_gaps_are_named(tmp_path):
    path = tmp_path / "i18n.csv"
    path.write_text("key,zh,en\na,甲,A\nb,乙,\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"i18n\.csv:3: key 'b' has no en text"):
        load_catalog(path)


@pytest.mark.parametrize(
    ("value", "expected"), [(12450, "12,450"), (9.7, "9.7"), ("2600000000000", "2,600,000,000,000")]
)
def test_format_number(value, expected):
    assert format_number(value, "en") == expected


def test_format_percent():
    assert format_percent(77.93, "zh") == "77.9%"
