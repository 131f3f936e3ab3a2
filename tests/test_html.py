"""Tests for helpers.html: escaped values, safe links, navigation, the page shell, tables."""

import re

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.html import (
    escape,
    mark_chinese_runs,
    render_foreign,
    render_link,
    render_marked_text,
    render_nav,
    render_page,
    render_table,
)
from helpers.i18n import Catalog

DATA = paths.DATA_DIR
SOURCES = load_sources(paths.SEEDS_DIR)
HOSTILE = "<script>alert('x')</script> & \"q\""


def test_escape():
    assert escape(HOSTILE) == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"
    )
    assert escape(None) == ""
    assert escape(12450) == "12450"


def test_other_lang():
    assert Catalog("zh").other().lang == "en"
    assert Catalog("en").other().lang == "zh"


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=1&c=2", "http://example.org/x\"onclick='y'"]
)
def test_render_link_http(url):
    link = render_link(url)
    assert link == f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    assert link.count('"') == 4  # no quote from the URL survives unescaped


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:text/html,<script>alert(1)</script>",
        "//example.org/x",
        "",
    ],
)
def test_render_link_other_schemes_stay_text(url):
    link = render_link(url)
    assert "<a" not in link and "href" not in link
    assert link == escape(url)
    assert "<script>" not in link


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_nav(lang):
    nav = render_nav(Catalog(lang, DATA), "sources.html")
    hrefs = re.findall(r'href="([^"]*)"', nav)
    other = Catalog(lang).other().lang
    assert hrefs == [
        "index.html",
        "sources.html",
        "data.html",
        "build.html",
        f"../{other}/sources.html",
    ]
    assert f'hreflang="{"zh-Hans" if other == "zh" else "en"}"' in nav
    assert ("English" if lang == "zh" else "中文") in nav


def test_render_nav_escapes_the_page_name():
    nav = render_nav(Catalog("en", DATA), 'x"><script>.html')
    assert "<script>" not in nav and "../zh/x&quot;&gt;&lt;script&gt;.html" in nav


def test_render_page_escapes_title_and_sets_language():
    page = render_page(Catalog("en", DATA), "index.html", HOSTILE, "<p>body</p>")
    assert "<script>" not in page
    assert f"<title>{escape(HOSTILE)}</title>" in page
    assert f"<h1>{escape(HOSTILE)}</h1>" in page
    assert '<html lang="en">' in page
    assert "<p>body</p>" in page  # the body is already-escaped HTML, kept as is
    assert (
        render_page(Catalog("zh", DATA), "index.html", "t", "").count('<html lang="zh-Hans">') == 1
    )


def test_render_table_escapes():
    table = render_table(pd.DataFrame({"quote": [HOSTILE], "n": [None]}))
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert table.startswith('<table class="report-table">')
    assert table.count("<tr>") == 2  # the header and the one row


def test_render_table_escapes_every_cell_and_header():
    frame = pd.DataFrame({"<b>col</b>": ["<script>x</script>"], "note": ["a & b"]})
    table = render_table(frame, langs={"note": "zh-Hans"})
    assert "<script>" not in table and "<b>" not in table
    assert "<th>&lt;b&gt;col&lt;/b&gt;</th>" in table
    assert "<td>&lt;script&gt;x&lt;/script&gt;</td>" in table
    assert '<td><span lang="zh-Hans">a &amp; b</span></td>' in table


def test_render_table_right_aligns_numbers_only():
    frame = pd.DataFrame({"entity": ["中国"], "value": [12450.0], "period": ["2023"], "n": [3]})
    table = render_table(frame)
    assert "<td>中国</td>" in table
    assert '<td class="num">12450</td>' in table  # an integral float shows as an integer
    assert '<td class="num">3</td>' in table
    assert "<td>2023</td>" in table  # digits in text are not a number
    assert "12450.0" not in table


def test_render_table_keeps_fractions_and_leaves_missing_cells_empty():
    table = render_table(pd.DataFrame({"value": [1.5, float("nan")], "flag": [True, False]}))
    assert '<td class="num">1.5</td>' in table
    assert '<td class="num"></td>' in table and "nan" not in table
    assert "<td>True</td>" in table and '<td class="num">True</td>' not in table


def test_render_table_marks_a_column_in_another_language():
    frame = pd.DataFrame({"quote": ["截止到2023年", ""], "quote_en": ["by 2023", "x"]})
    table = render_table(frame, langs={"quote": "zh-Hans"})
    assert '<td><span lang="zh-Hans">截止到2023年</span></td>' in table
    assert "<td></td>" in table  # an empty cell gets no span
    assert "<td>by 2023</td>" in table and table.count("lang=") == 1


def test_render_table_marks_each_row_in_its_own_language():
    frame = pd.DataFrame({"quote": ["截止到2023年", "As of 2023", "截至2023年"]})
    table = render_table(frame, langs={"quote": ["zh-Hans", None, "zh-Hant"]})
    assert '<td><span lang="zh-Hans">截止到2023年</span></td>' in table
    assert "<td>As of 2023</td>" in table
    assert '<td><span lang="zh-Hant">截至2023年</span></td>' in table


def test_render_foreign_escapes_and_marks_the_language():
    assert render_foreign("<i>清华</i>", "zh-Hans") == (
        '<span lang="zh-Hans">&lt;i&gt;清华&lt;/i&gt;</span>'
    )
    assert render_foreign("Tsinghua", None) == "Tsinghua"
    assert render_foreign("", "zh-Hans") == ""


def test_mark_chinese_runs_wraps_chinese_outside_zh_elements_on_english_pages():
    page = (
        '<html lang="en"><head><style>p::before{content:"中"}</style></head>'
        '<body><p>China 中国 leads</p><p lang="zh-Hans">清华大学</p>'
        '<a title="北京" href="x">Beijing</a></body></html>'
    )
    marked = mark_chinese_runs(page, "en")
    assert '<p>China <span lang="zh-Hans">中国</span> leads</p>' in marked
    assert '<p lang="zh-Hans">清华大学</p>' in marked  # already marked: unchanged
    assert 'content:"中"' in marked  # style is not text
    assert 'title="北京"' in marked  # attribute values are not text
    assert marked.count('<span lang="zh-Hans">') == 1
    assert mark_chinese_runs(page, "zh-Hans") == page


def test_marked_text_escapes_the_document_and_skips_overlaps():
    text = "a<script>x</script> 302款 & 67款"
    start = text.index("302款")
    html = render_marked_text(
        text, [(start, start + 4, "fact", 'm"1'), (start + 1, start + 3, "exclude", "overlap"),
               (text.index("67款"), len(text), "exclude", "<b>why</b>")]
    )  # fmt: skip
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert '<mark class="fact" title="m&quot;1">302款</mark>' in html
    assert '<mark class="exclude" title="&lt;b&gt;why&lt;/b&gt;">67款</mark>' in html
    assert "overlap" not in html
