"""The report's own pages: the index (findings, scorecard) and, through their modules, the
sources, data and build pages — written for one language into the staging folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.buildinfo import render_build
from helpers.data_page import publish_downloads, render_data
from helpers.html import escape, render_heading, render_page, render_paragraph, render_table
from helpers.i18n import Catalog
from helpers.sources_page import describe_facts, describe_mentions, render_source, render_sources

SITE_PAGES = ("index.html", "sources.html", "data.html", "build.html")


def render_index(catalog: Catalog, chapters, sources, extra: str = "") -> str:
    """Return the index page: summary, optional findings block, and links to every chapter."""
    items = "\n".join(
        f'<li><a href="{escape(stem)}.html">{escape(title)}</a></li>' for stem, title in chapters
    )
    summary = catalog.text(
        "report.documents_line",
        n_documents=catalog.number(len(sources)),
        n_chars=catalog.number(sum(len(s.text) for s in sources)),
    )
    body = (
        f"{render_paragraph(catalog.text('report.subtitle'))}\n{render_paragraph(summary)}\n"
        f"{extra}\n{render_heading(catalog.text('report.chapters'), 2)}\n"
        f'<ul class="chapters">\n{items}\n</ul>'
    )
    return render_page(catalog, "index.html", catalog.text("report.title"), body)


def load_ledger(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (facts, metrics) from ``data_dir``; empty tables where the ledger has no file yet."""
    if not (Path(data_dir) / "facts.csv").is_file():
        empty = pd.DataFrame(columns=["fact_id", "metric_id", "source_id"])
        return empty, pd.DataFrame(columns=["metric_id", "name_zh", "name_en"])
    from helpers.ledger import load_facts, load_metrics

    return load_facts(data_dir), load_metrics(data_dir)


def render_findings(catalog: Catalog, facts, metrics, as_of: str) -> str:
    """Return the index's headline findings and scorecard as escaped HTML."""
    from helpers import findings
    from helpers.tables import build_scorecard

    if facts.empty:
        return ""
    items = "\n".join(
        f'<li class="finding">{escape(s)}</li>'
        for s in findings.list_findings(facts, metrics, catalog)
    )
    card = findings.format_scorecard(build_scorecard(facts, metrics, as_of), catalog)
    return (
        f"{render_heading(catalog.text('report.findings'), 2)}\n"
        f"{render_paragraph(catalog.text('report.findings.note'))}\n"
        f'<ul class="findings">\n{items}\n</ul>\n'
        f"{render_heading(catalog.text('report.scorecard'), 2)}\n"
        f"{render_paragraph(catalog.text('scorecard.method', as_of=as_of))}\n"
        f"{render_table(card)}"
    )


def write_site_pages(
    stage: Path,
    lang: str,
    chapters: list[Path],
    sources,
    seeds_dir: Path,
    data_dir: Path,
    as_of: str = "",
) -> None:
    """Write one language's index, sources, data and build pages into ``stage/lang``."""
    out = stage / lang
    catalog = Catalog(lang, data_dir)
    entries = [(nb.stem, catalog.text(f"chapter.{nb.stem}.title")) for nb in chapters]
    facts, metrics = load_ledger(data_dir)
    sections = []
    for source in sources:
        own = facts[facts["source_id"] == source.source_id]
        if len(own):
            shown = describe_facts(catalog, own, metrics, source.html_lang)
            mentions = (pd.DataFrame(), {})
        else:
            shown, mentions = (pd.DataFrame(), {}), describe_mentions(catalog, source)
        sections.append(render_source(catalog, source, shown, mentions))
    files = publish_downloads(out / "data", seeds_dir, data_dir)
    findings = render_findings(catalog, facts, metrics, as_of)
    written = {
        "index.html": render_index(catalog, entries, sources, findings),
        "sources.html": render_sources(catalog, sections),
        "data.html": render_data(catalog, files),
        "build.html": render_build(catalog, sources),
    }
    for name, page in written.items():
        (out / name).write_text(page, encoding="utf-8")
