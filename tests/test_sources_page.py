"""Tests for helpers.sources_page: each document's metadata, facts and quotes, every value
escaped, text in another language than the page's marked with ``lang``."""

import dataclasses

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.html import escape
from helpers.i18n import Catalog
from helpers.ledger import load_facts, load_metrics
from helpers.sources_page import (
    describe_facts,
    describe_mentions,
    describe_metadata,
    render_source,
    render_sources,
    render_title,
)

DATA = paths.DATA_DIR
SOURCES = load_sources(paths.SEEDS_DIR)
FACTS = load_facts(DATA)
METRICS = load_metrics(DATA)
HOSTILE = "<script>alert('x')</script> & \"q\""
NONE = (pd.DataFrame(), {})


def _source(**meta):
    source = SOURCES[0]
    return dataclasses.replace(source, meta=source.meta | meta)


def _facts_of(source_id: str) -> pd.DataFrame:
    return FACTS[FACTS["source_id"] == source_id]


def test_render_source_with_facts_shows_the_table():
    table = pd.DataFrame(
        {"fact_id": ["f-1", "f-2"], "Period": ["2023", "2024"], "quote": [HOSTILE, "12450篇"]}
    )
    mentions = (pd.DataFrame({"surface": ["never shown"]}), {})
    section = render_source(Catalog("en", DATA), _source(), (table, {}), mentions)
    assert section.startswith(f'<section id="{SOURCES[0].source_id}">')
    assert "2 figures taken from this document" in section
    assert "12450篇" in section and "&lt;script&gt;" in section and "<script>alert" not in section
    assert 'data-table="facts-' in section  # searchable and sortable (helpers.interactive)
    assert "Not yet curated" not in section and "never shown" not in section
    assert SOURCES[0].sha256 in section


def test_render_source_without_facts_shows_mentions():
    mentions = (pd.DataFrame({"surface": ["4500万", HOSTILE]}), {})
    section = render_source(Catalog("zh", DATA), _source(), NONE, mentions)
    assert '<p class="uncurated">尚未整理' in section
    assert "4500万" in section and "<script>alert" not in section
    empty = render_source(Catalog("zh", DATA), _source(), NONE, NONE)
    assert "尚未整理" in empty and "<table" not in empty


def test_render_source_escapes_metadata_and_unsafe_urls():
    source = _source(
        title=HOSTILE,
        title_en=HOSTILE,
        notes=HOSTILE,
        url="javascript:alert(1)",
        original_title=HOSTILE,
        original_url="",
    )
    for lang in ("zh", "en"):
        section = render_source(Catalog(lang, DATA), source, NONE, NONE)
        assert "<script>" not in section
        assert "<a " not in section and "javascript:alert(1)" in section
    safe = render_source(Catalog("en", DATA), _source(url="https://ex.org/a"), NONE, NONE)
    assert '<a href="https://ex.org/a" rel="noreferrer">' in safe


def test_render_sources_page():
    page = render_sources(Catalog("en", DATA), ["<section>a</section>", "<section>b</section>"])
    assert "<section>a</section>\n<section>b</section>" in page
    assert "<title>Sources</title>" in page


def test_english_pages_show_the_english_title_with_the_original_marked_chinese():
    source = _source(title="中美大模型", title_en="China and the US in large models")
    en = render_title(Catalog("en", DATA), source)
    assert "<h2>China and the US in large models</h2>" in en
    assert 'Original title: <span lang="zh-Hans">中美大模型</span>' in en
    assert render_title(Catalog("zh", DATA), source) == "<h2>中美大模型</h2>"
    untitled = render_title(Catalog("en", DATA), _source(title="中美大模型", title_en=""))
    assert untitled == '<h2><span lang="zh-Hans">中美大模型</span></h2>'


def test_metadata_shows_english_publisher_original_study_and_english_notes():
    source = _source(
        publisher="港大经管学院",
        publisher_en="HKU Business School",
        original_title="HKU AI Model Rankings",
        original_url="https://example.org/rankings",
        notes="Dated by its closing line",
    )
    en = dict(describe_metadata(Catalog("en", DATA), source))
    assert en["col.publisher"] == 'HKU Business School (<span lang="zh-Hans">港大经管学院</span>)'
    assert en["col.original"].startswith("HKU AI Model Rankings <a ")  # English: no mark
    assert '<a href="https://example.org/rankings" rel="noreferrer">' in en["col.original"]
    assert en["col.notes"] == "Dated by its closing line"
    zh = dict(describe_metadata(Catalog("zh", DATA), source))
    assert zh["col.publisher"] == "港大经管学院"
    assert zh["col.notes"] == '<span lang="en">Dated by its closing line</span>'
    assert zh["col.original"].startswith('<span lang="en">HKU AI Model Rankings</span> <a ')


def test_an_original_studys_title_is_marked_in_its_own_language():
    chinese = _source(original_title="关于发布生成式人工智能服务已备案信息的公告", original_url="")
    en = dict(describe_metadata(Catalog("en", DATA), chinese))["col.original"]
    assert en == '<span lang="zh-Hans">关于发布生成式人工智能服务已备案信息的公告</span>'
    zh = dict(describe_metadata(Catalog("zh", DATA), chinese))["col.original"]
    assert zh == "关于发布生成式人工智能服务已备案信息的公告"
    for source in SOURCES:  # the real ones: English studies marked en on Chinese pages
        title = source.meta.get("original_title", "")
        shown = dict(describe_metadata(Catalog("zh", DATA), source))["col.original"]
        if title and title.isascii():
            assert shown.startswith(f'<span lang="en">{escape(title)}</span>'), source.source_id


def test_every_real_source_has_an_english_title_on_english_pages():
    for source in SOURCES:
        heading = render_title(Catalog("en", DATA), source)
        assert source.meta["title_en"] and f"<h2>{source.meta['title_en']}" in heading.replace(
            "&#x27;", "'"
        ), source.source_id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_describe_facts_shows_quotes_notes_and_stand_in_periods(lang):
    rows = _facts_of("itif_review")
    catalog = Catalog(lang, DATA)
    table, langs = describe_facts(catalog, rows, METRICS, "zh-Hans")
    assert len(table) == len(rows)
    assert list(table[catalog.text("col.quote")]) == list(rows["quote"])
    assert list(table[catalog.text("col.note")]) == list(rows["note"])
    periods = list(table[catalog.text("col.period")])
    assert periods == [
        f"{p}*" if s == "published" else p
        for p, s in zip(rows["period"], rows["period_source"], strict=True)
    ]
    assert periods.count("2024-08*") >= 10  # most itif_review figures: the article's month
    if lang == "en":
        assert list(table["In English"]) == list(rows["quote_en"])
        assert langs[catalog.text("col.quote")] == "zh-Hans"
        assert langs[catalog.text("col.note")] == ""
    else:
        assert "In English" not in table and catalog.text("col.quote_en") not in table
        assert langs[catalog.text("col.quote")] == ""
        assert langs[catalog.text("col.note")] == "en"


def test_describe_facts_reads_bounds_as_bounds_in_english():
    rows = FACTS[FACTS["fact_id"].isin(["itif_review-010", "itif_review-014"])]
    table, _ = describe_facts(Catalog("en", DATA), rows, METRICS, "zh-Hans")
    assert list(table["Value"]) == ["within the top 10", "within the top 2"]
    assert list(table["About"]) == ["Chinese Academy of Sciences"] * 2


def test_a_source_with_stand_in_periods_gets_the_footnote():
    rows = _facts_of("itif_review")
    catalog = Catalog("en", DATA)
    shown = describe_facts(catalog, rows, METRICS, "zh-Hans")
    section = render_source(catalog, _source(), shown, NONE)
    assert '<p class="standin">* The text gives no period' in section
    measured = rows.assign(period_source="text")
    plain = render_source(
        catalog, _source(), describe_facts(catalog, measured, METRICS, "zh-Hans"), NONE
    )
    assert 'class="standin"' not in plain


def test_render_source_marks_the_quote_column_chinese_on_english_pages():
    rows = _facts_of("hkubs_ft")
    catalog = Catalog("en", DATA)
    section = render_source(
        catalog, _source(), describe_facts(catalog, rows, METRICS, "zh-Hans"), NONE
    )
    first_quote = rows["quote"].iloc[0]
    assert f'<span lang="zh-Hans">{first_quote}</span>' in section


def test_describe_mentions_marks_sentences_in_the_sources_language():
    source = next(s for s in SOURCES if s.source_id == "itif_review")
    table, langs = describe_mentions(Catalog("en", DATA), source)
    assert len(table) > 0
    assert set(langs.values()) == {"zh-Hans"}
    _zh, zh_langs = describe_mentions(Catalog("zh", DATA), source)
    assert set(zh_langs.values()) == {""}
