"""Tests for helpers.interactive: searchable, sortable tables that work offline."""

import json
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.html import INTERACTIVE_MARK, render_page
from helpers.i18n import Catalog
from helpers.interactive import (
    format_cell,
    make_table_id,
    render_fallback,
    render_interactive_table,
    render_table_library,
)

DATA = paths.DATA_DIR
HOSTILE = "<script>alert('x')</script> & \"q\""


def _sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quote": [HOSTILE, "只有OpenAI的GPT-4o以81分处于第一的位置"],
            HOSTILE: ["header is data too", ""],
            "value": [2.6e12, float("nan")],
            "count": [3, 12450],
            "flag": [True, False],
        }
    )


def test_interactive_table_escapes_cells_and_headers():
    table = render_interactive_table(_sample(), "facts-x", Catalog("en", DATA))
    assert "<script>alert" not in table and "&lt;script&gt;alert" in table
    # two scripts, itables' own (show the table; build it from data), and no cell ends one
    assert table.count("<script") == table.count("</script") == 2


def test_interactive_table_refuses_html_cells_that_end_a_script():
    table = pd.DataFrame({"link": ['<a href="x">x</a></script><script>alert(1)']})
    with pytest.raises(ValueError, match="may not end a script"):
        render_interactive_table(table, "t", html_columns=("link",))
    link = pd.DataFrame({"link": ['<a href="x">x</a>']})
    kept = render_interactive_table(link, "t", html_columns=("link",))
    assert '<a href="x">x</a>' in kept


def test_interactive_table_is_byte_identical_across_renders_and_offline():
    first = render_interactive_table(_sample(), "facts-x", Catalog("zh", DATA))
    assert first == render_interactive_table(_sample(), "facts-x", Catalog("zh", DATA))
    assert f'id="{make_table_id("facts-x")}"' in first
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", first)  # no uuid
    for remote in ("http://", "https://", "unpkg", "itables.org"):
        assert remote not in first, remote
    assert first.startswith(f"<div {INTERACTIVE_MARK}")


def test_interactive_table_aligns_numbers_right_and_text_left():
    table = render_interactive_table(_sample(), "t", Catalog("en", DATA))
    defs = re.search(r'"columnDefs": (\[.*?\]),\n', table).group(1)
    assert '{"className": "num", "targets": [2, 3], "type": "num-fmt"}' in defs
    assert '{"className": "text", "targets": [1, 4]}' in defs
    assert '{"className": "text long", "targets": [0]}' in defs  # quotes wrap, the rest do not
    assert '"search": "Search:"' in table and '"paging": false' in table
    zh = render_interactive_table(_sample(), "t", Catalog("zh", DATA), page_length=10)
    assert '"search": "\\u641c\\u7d22\\uff1a"' in zh and '"pageLength": 10' in zh
    css = render_table_library()
    assert "td.num" in css and "text-align: right" in css and "text-align: left" in css


def test_interactive_table_shows_the_same_cells_without_script():
    table = render_interactive_table(_sample(), "t")
    fallback = re.search(r'<div id="it-t_fallback">(.*?)</div>', table, flags=re.DOTALL).group(1)
    assert "<td>2,600,000,000,000</td>" in fallback and "<td>12,450</td>" in fallback
    assert "<td>true</td>" in fallback and "&lt;script&gt;" in fallback


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, ""),
        (float("nan"), ""),
        (pd.NaT, ""),
        (12450, "12,450"),
        (81.0, "81"),
        (0.3333, "0.3333"),
        (4.94e24, "4.94e+24"),
        (True, "true"),
        (("CN", "US"), "CN, US"),
        (pd.Timestamp("2024-08-01"), "2024-08-01"),
        ("<b>", "<b>"),  # escaped by the caller
    ],
)
def test_format_cell(value, shown):
    assert format_cell(value) == shown


def test_make_table_id_is_stable_and_safe():
    assert make_table_id("facts-itif_review") == "it-facts-itif_review"
    unsafe = make_table_id('a"b <c>.d')
    assert re.fullmatch(r"it-[A-Za-z0-9_-]+", unsafe) and unsafe == make_table_id('a"b <c>.d')
    assert make_table_id("a b") != make_table_id("a_b")


def test_render_page_inlines_the_table_library_once_and_only_when_needed():
    body = render_interactive_table(_sample(), "a") + render_interactive_table(_sample(), "b")
    page = render_page(Catalog("en", DATA), "sources.html", "t", body)
    assert page.count("window._itables_2_9_1 = injectModule(") == 1
    assert "<noscript>" not in page and "https://" not in page
    plain = render_page(Catalog("en", DATA), "index.html", "t", "<p>x</p>")
    assert "injectModule" not in plain


def test_interactive_table_marks_the_language_of_cells_per_row():
    table = pd.DataFrame({"quote": ["只有一个", "an English line"], "n": [1, 2]})
    html = render_interactive_table(table, "t", langs={"quote": ["zh-Hans", None]})
    assert '<span lang="zh-Hans">只有一个</span>' in html
    assert '<span lang="zh-Hans">an English line' not in html


def test_english_page_leaves_the_tables_script_data_as_json():
    table = pd.DataFrame({"quote": ['中文"引文"', "x"]})
    body = render_interactive_table(table, "t", Catalog("en", DATA))
    page = render_page(Catalog("en", DATA), "sources.html", "t", body)
    data = re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', page)
    assert data, "the table's data is in the page"
    rows = json.loads(json.loads(data.group(1)))
    assert rows[0][0] == "中文&quot;引文&quot;"  # escaped once, no span inserted into the script


@pytest.mark.parametrize(
    "cells",
    [
        {"a &amp; b": ["x<b>y</b>", "", "长" * 300], "n": ["1", "2", "3"]},
        {"a": ["tab\there", " edge ", "line\nbreak"]},  # what pandas rewrites
        {"empty": []},
    ],
)
def test_fallback_table_is_what_pandas_writes(cells):
    table = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in cells.items()})
    expected = table.to_html(index=False, escape=False, border=0, classes="report-table")
    assert render_fallback(table) == expected
