"""Tests for helpers.site: the index (findings, scorecard, chapters) and the pages written for
one language; the sources, data and build pages are tested in their own modules' tests."""

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.i18n import Catalog
from helpers.ledger import load_facts, load_metrics
from helpers.site import SITE_PAGES, render_findings, render_index, write_site_pages

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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_findings_lists_findings_and_the_scorecard(lang):
    catalog = Catalog(lang, DATA)
    block = render_findings(catalog, load_facts(DATA), load_metrics(DATA), "2024-09-19")
    assert block.count('<li class="finding">') == 5  # six compared metrics, a leaderboard once
    assert '<table class="report-table">' in block
    assert catalog.text("leader.one_metric", leader=catalog.text("leader.CN")) in block
    assert "2013/2024*" in block  # the patents' newest period is a stand-in: marked
    empty = pd.DataFrame(columns=["fact_id", "metric_id", "source_id"])
    assert render_findings(catalog, empty, load_metrics(DATA), "2024-09-19") == ""


def test_render_findings_escapes_ledger_text():
    facts = load_facts(DATA)
    metrics = load_metrics(DATA)
    metrics.loc[metrics["metric_id"] == "genai_papers", "name_en"] = HOSTILE
    block = render_findings(Catalog("en", DATA), facts, metrics, "2024-09-19")
    assert "<script>" not in block and "&lt;script&gt;" in block


def test_write_site_pages_writes_every_page_and_the_data_folder(tmp_path):
    chapters = [paths.ROOT / "notebooks" / "02_models.ipynb"]
    write_site_pages(tmp_path, "en", chapters, SOURCES, paths.SEEDS_DIR, DATA, "2024-09-19")
    out = tmp_path / "en"
    assert sorted(p.name for p in out.glob("*.html")) == sorted(SITE_PAGES)
    assert (out / "data" / "datapackage.json").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="02_models.html">' in index and '<li class="finding">' in index
    sources = (out / "sources.html").read_text(encoding="utf-8")
    for source in SOURCES:
        assert f'<section id="{source.source_id}">' in sources
    assert "ERNIE Bot 4" in sources  # English names on English pages
