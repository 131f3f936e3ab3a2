"""Tests for helpers.site: index, sources, data and build pages, every value escaped."""

import dataclasses
import hashlib
import importlib.metadata
import platform
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.i18n import Catalog
from helpers.site import (
    KEY_PACKAGES,
    copy_downloads,
    list_versions,
    render_build,
    render_data,
    render_index,
    render_source,
    render_sources,
)

DATA = paths.DATA_DIR
SOURCES = load_sources(paths.SEEDS_DIR)
HOSTILE = "<script>alert('x')</script> & \"q\""


def test_render_index_lists_chapters_and_escapes_titles():
    page = render_index(
        Catalog("en", DATA), [("02_models", HOSTILE), ("03_research", "Research")], SOURCES
    )
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
    section = render_source(Catalog("en", DATA), _source(), facts, mentions)
    assert section.startswith(f'<section id="{SOURCES[0].source_id}">')
    assert "2 figures taken from this document" in section
    assert "12450篇" in section and "&lt;script&gt;" in section and "<script>alert" not in section
    assert 'data-table="facts-' in section  # searchable and sortable (helpers.html)
    assert "Not yet curated" not in section and "never shown" not in section
    assert SOURCES[0].sha256 in section


def test_render_source_without_facts_shows_mentions():
    mentions = pd.DataFrame({"surface": ["4500万", HOSTILE]})
    section = render_source(Catalog("zh", DATA), _source(), pd.DataFrame(), mentions)
    assert '<p class="uncurated">尚未整理' in section
    assert "4500万" in section and "<script>alert" not in section
    empty = render_source(Catalog("zh", DATA), _source(), pd.DataFrame(), pd.DataFrame())
    assert "尚未整理" in empty and "<table" not in empty


def test_render_source_escapes_metadata_and_unsafe_urls():
    source = _source(title=HOSTILE, notes=HOSTILE, url="javascript:alert(1)")
    section = render_source(Catalog("en", DATA), source, pd.DataFrame(), pd.DataFrame())
    assert "<script>" not in section
    assert "<a " not in section and "javascript:alert(1)" in section
    safe = render_source(Catalog("en", DATA), _source(url="https://ex.org/a"), pd.DataFrame(), [])
    assert '<a href="https://ex.org/a" rel="noreferrer">' in safe


def test_render_sources_page():
    page = render_sources(Catalog("en", DATA), ["<section>a</section>", "<section>b</section>"])
    assert "<section>a</section>\n<section>b</section>" in page
    assert "<title>Sources</title>" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_build_has_versions_and_no_clock(lang):
    page = render_build(Catalog(lang, DATA), SOURCES)
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
    assert render_build(Catalog("en", DATA), SOURCES) == render_build(Catalog("en", DATA), SOURCES)


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
    page = render_data(Catalog(lang, DATA), files)
    for path in files:
        assert f'<a href="data/{path.name}" download>{path.name}</a>' in page
        assert f"<td>{hashlib.sha256(path.read_bytes()).hexdigest()}</td>" in page
        assert f"<td>{path.stat().st_size:,}</td>" in page
    # each link twice: in the table shown without script, and in the interactive table's data
    assert page.count("download>") == 2 * len(files)
    assert 'data-table="data-files"' in page
