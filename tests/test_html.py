"""Tests for helpers.html: escaped values, safe links, navigation, the page shell, tables."""

import re

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.html import (
    escape,
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
    assert 'class="dataframe report-table"' in table


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
