"""Tests for helpers.pages: escaped values, safe links, navigation, build and data pages."""

import dataclasses
import hashlib
import importlib.metadata
import platform
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.pages import (
    KEY_PACKAGES,
    copy_downloads,
    escape,
    list_versions,
    other_lang,
    render_build,
    render_data,
    render_index,
    render_link,
    render_nav,
    render_page,
    render_source,
    render_sources,
    render_table,
)

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
    assert other_lang("zh") == "en"
    assert other_lang("en") == "zh"


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
    nav = render_nav(lang, "sources.html", DATA)
    hrefs = re.findall(r'href="([^"]*)"', nav)
    other = other_lang(lang)
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
    nav = render_nav("en", 'x"><script>.html', DATA)
    assert "<script>" not in nav and "../zh/x&quot;&gt;&lt;script&gt;.html" in nav


def test_render_page_escapes_title_and_sets_language():
    page = render_page("en", "index.html", HOSTILE, "<p>body</p>", DATA)
    assert "<script>" not in page
    assert f"<title>{escape(HOSTILE)}</title>" in page
    assert f"<h1>{escape(HOSTILE)}</h1>" in page
    assert '<html lang="en">' in page
    assert "<p>body</p>" in page  # the body is already-escaped HTML, kept as is
    assert render_page("zh", "index.html", "t", "", DATA).count('<html lang="zh-Hans">') == 1


def test_render_table_escapes():
    table = render_table(pd.DataFrame({"quote": [HOSTILE], "n": [None]}))
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert 'class="dataframe report-table"' in table


def test_render_index_lists_chapters_and_escapes_titles():
    page = render_index("en", [("02_models", HOSTILE), ("03_research", "Research")], SOURCES, DATA)
    assert '<a href="02_models.html">' in page and '<a href="03_research.html">' in page
    assert "<script>" not in page
    n_chars = sum(len(s.text) for s in SOURCES)
    assert f"{len(SOURCES)} source documents, {n_chars:,} characters" in page


def _source(**meta):
    source = SOURCES[0]
    return dataclasses.replace(source, meta=source.meta | meta)


def test_render_source_with_facts_shows_the_table():
    facts = pd.DataFrame({"fact_id": ["f-1", "f-2"], "quote": [HOSTILE, "12450篇"]})
    mentions = pd.DataFrame({"surface": ["never shown"]})
    section = render_source("en", _source(), facts, mentions, DATA)
    assert section.startswith(f'<section id="{SOURCES[0].source_id}">')
    assert "2 figures taken from this document" in section
    assert "12450篇" in section and "&lt;script&gt;" in section and "<script>" not in section
    assert "Not yet curated" not in section and "never shown" not in section
    assert SOURCES[0].sha256 in section


def test_render_source_without_facts_shows_mentions():
    mentions = pd.DataFrame({"surface": ["4500万", HOSTILE]})
    section = render_source("zh", _source(), pd.DataFrame(), mentions, DATA)
    assert '<p class="uncurated">尚未整理' in section
    assert "4500万" in section and "<script>" not in section
    empty = render_source("zh", _source(), pd.DataFrame(), pd.DataFrame(), DATA)
    assert "尚未整理" in empty and "<table" not in empty


def test_render_source_escapes_metadata_and_unsafe_urls():
    source = _source(title=HOSTILE, notes=HOSTILE, url="javascript:alert(1)")
    section = render_source("en", source, pd.DataFrame(), pd.DataFrame(), DATA)
    assert "<script>" not in section
    assert "<a " not in section and "javascript:alert(1)" in section
    safe = render_source("en", _source(url="https://ex.org/a"), pd.DataFrame(), [], DATA)
    assert '<a href="https://ex.org/a" rel="noreferrer">' in safe


def test_render_sources_page():
    page = render_sources("en", ["<section>a</section>", "<section>b</section>"], DATA)
    assert "<section>a</section>\n<section>b</section>" in page
    assert "<title>Sources</title>" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_build_has_versions_and_no_clock(lang):
    page = render_build(lang, SOURCES, DATA)
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", page)
    assert re.search(r"<code>([0-9a-f]{40}|unknown)</code>", page)
    for source in SOURCES:
        assert source.sha256 in page and source.file in page
    assert f"<td>{platform.python_version()}</td>" in page
    for name in ("pandas", "matplotlib", "papermill"):
        assert f"<td>{name}</td>" in page
        assert f"<td>{importlib.metadata.version(name)}</td>" in page


def test_list_versions_names_every_key_package():
    versions = list_versions()
    assert versions["package"].tolist() == ["python", *KEY_PACKAGES]
    installed = dict(zip(versions["package"], versions["version"], strict=True))
    assert installed["china-us-ai-report"] == importlib.metadata.version("china-us-ai-report")
    assert installed["pandas"] == pd.__version__


def test_render_build_is_deterministic():
    assert render_build("en", SOURCES, DATA) == render_build("en", SOURCES, DATA)


def test_copy_downloads_is_byte_identical(tmp_path):
    copied = copy_downloads(tmp_path / "out", paths.SEEDS_DIR, DATA)
    expected = sorted(p.name for p in DATA.glob("*.csv")) + ["datapackage.json", "sources.csv"]
    assert [p.name for p in copied] == expected
    for path in copied:
        original = (paths.SEEDS_DIR if path.name == "sources.csv" else DATA) / path.name
        assert path.read_bytes() == original.read_bytes(), path.name
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(expected)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_data_lists_every_download(tmp_path, lang):
    files = copy_downloads(tmp_path / "data", paths.SEEDS_DIR, DATA)
    page = render_data(lang, files, DATA)
    for path in files:
        assert f'<a href="data/{path.name}" download>{path.name}</a>' in page
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert f"<code>{digest}…</code>" in page
        assert f"{path.stat().st_size:,} B" in page
    assert page.count("download>") == len(files)
