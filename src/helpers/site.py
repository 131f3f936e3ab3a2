"""The report's own pages: index (findings, scorecard), sources, data downloads, build info."""

from __future__ import annotations

import importlib.metadata
import platform
import shutil
import subprocess
from pathlib import Path

import pandas as pd

from helpers import narrative, paths
from helpers.corpus import compute_sha256
from helpers.csvout import publish_csv
from helpers.html import (
    escape,
    render_heading,
    render_link,
    render_page,
    render_paragraph,
    render_table,
)
from helpers.i18n import Catalog
from helpers.workspace import check_data_dir

SITE_PAGES = ("index.html", "sources.html", "data.html", "build.html")
KEY_PACKAGES = (
    "china-us-ai-report",
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "opencc",
    "cn2an",
    "frictionless",
)


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


def render_source(catalog: Catalog, source, facts: pd.DataFrame, mentions) -> str:
    """Return one document's section: metadata, its facts' quotes, or its uncurated numbers."""

    def text(key: str, **values) -> str:
        return escape(catalog.text(key, **values))

    meta = source.meta
    rows = [
        ("col.source_id", escape(source.source_id)),
        ("col.publisher", escape(meta.get("publisher", ""))),
        ("col.author", escape(meta.get("author", ""))),
        ("col.published", escape(meta.get("published", ""))),
        ("col.url", render_link(meta.get("url", ""))),
        ("col.language", escape(meta.get("language", ""))),
        ("col.file", escape(source.file)),
        ("col.sha256", f"<code>{escape(source.sha256)}</code>"),
        ("col.notes", escape(meta.get("notes", ""))),
    ]
    details = "\n".join(f"<dt>{text(key)}</dt><dd>{value}</dd>" for key, value in rows)
    parts = [
        f'<section id="{escape(source.source_id)}">',
        f"<h2>{escape(meta.get('title', ''))}</h2>",
        f'<dl class="meta">{details}</dl>',
    ]
    if len(facts):
        parts.append(f"<h3>{text('sources.facts', n=catalog.number(len(facts)))}</h3>")
        parts.append(render_table(facts))
    else:
        parts.append(f'<p class="uncurated">{text("sources.uncurated")}</p>')
        if len(mentions):
            parts.append(render_table(mentions))
    parts.append("</section>")
    return "\n".join(parts)


def render_sources(catalog: Catalog, sections: list[str]) -> str:
    """Return the sources page from rendered document sections."""
    intro = render_paragraph(catalog.text("sources.page.intro"))
    body = intro + "\n" + "\n".join(sections)
    return render_page(catalog, "sources.html", catalog.text("report.sources"), body)


def read_commit(root: Path = paths.ROOT) -> tuple[str, bool]:
    """Return the git commit of ``root`` and whether its tracked files have uncommitted edits."""
    git = shutil.which("git")
    if not git:
        return "unknown", False
    try:
        commit = subprocess.run(
            [git, "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            [git, "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (subprocess.CalledProcessError, OSError):
        return "unknown", False
    return commit or "unknown", bool(dirty)


def list_versions() -> pd.DataFrame:
    """Return the versions of Python and the packages that shape the report."""
    rows = [{"package": "python", "version": platform.python_version()}]
    for name in KEY_PACKAGES:
        try:
            rows.append({"package": name, "version": importlib.metadata.version(name)})
        except importlib.metadata.PackageNotFoundError:
            rows.append({"package": name, "version": "not installed"})
    return pd.DataFrame(rows)


def render_build(catalog: Catalog, sources) -> str:
    """Return the build-information page: commit, seed checksums, package versions; no clock."""

    def text(key: str, **values) -> str:
        return escape(catalog.text(key, **values))

    commit, dirty = read_commit()
    state = text("build.dirty") if dirty else text("build.clean")
    seeds = pd.DataFrame(
        [{"file": s.file, "sha256": s.sha256, "characters": len(s.text)} for s in sources]
    )
    body = (
        f"<p>{text('build.intro')}</p>\n"
        f"<h2>{text('build.commit')}</h2>\n<p><code>{escape(commit)}</code> ({state})</p>\n"
        f"<h2>{text('build.seeds')}</h2>\n{render_table(seeds)}\n"
        f"<h2>{text('build.packages')}</h2>\n{render_table(list_versions())}"
    )
    return render_page(catalog, "build.html", catalog.text("report.build_info"), body)


def copy_downloads(target: Path, seeds_dir: Path, data_dir: Path) -> list[Path]:
    """Publish the data tables, datapackage.json and sources.csv into ``target``; return them.

    CSV cells that a spreadsheet would run as formulas are neutralised (see ``csvout``).
    """
    target.mkdir(parents=True, exist_ok=True)
    files = check_data_dir(data_dir)
    files = [p for p in files if p.suffix == ".csv"] + [
        p for p in files if p.name == "datapackage.json"
    ]
    files.append(Path(seeds_dir) / paths.MANIFEST_NAME)
    copied = []
    for path in files:
        destination = target / path.name
        if path.suffix == ".csv":
            publish_csv(path, destination)
        else:
            shutil.copyfile(path, destination)
        copied.append(destination)
    return copied


def render_data(catalog: Catalog, files: list[Path]) -> str:
    """Return the downloads page listing each table with its size and checksum."""
    items = "\n".join(
        f'<li><a href="data/{escape(p.name)}" download>{escape(p.name)}</a> '
        f"({catalog.number(p.stat().st_size)} B, sha256 "
        f"<code>{compute_sha256(p.read_bytes())[:16]}…</code>)</li>"
        for p in files
    )
    body = f"{render_paragraph(catalog.text('data.intro'))}\n<ul>\n{items}\n</ul>"
    return render_page(catalog, "data.html", catalog.text("report.data"), body)


def describe_facts(catalog: Catalog, facts: pd.DataFrame, metrics: pd.DataFrame):
    """Return the facts of one source as a display table in the catalog's language."""
    names = dict(zip(metrics["metric_id"], metrics[f"name_{catalog.lang}"], strict=False))
    return pd.DataFrame(
        {
            catalog.text("col.fact_id"): facts["fact_id"],
            catalog.text("col.metric"): facts["metric_id"].map(names),
            catalog.text("col.entity"): facts["entity"],
            catalog.text("col.value"): [
                narrative.format_quantity(v, h, u, a, catalog)
                for v, h, u, a in zip(
                    facts["value"], facts["high"], facts["unit"], facts["approx"], strict=True
                )
            ],
            catalog.text("col.period"): facts["period"],
            catalog.text("col.quote"): facts["quote"],
        }
    )


def describe_mentions(catalog: Catalog, source) -> pd.DataFrame:
    """Return the numbers the parser finds in an uncurated source's body, with their sentences."""
    from helpers.numbers import find_mentions

    rows = [
        {
            catalog.text("col.surface"): m.surface,
            catalog.text("col.kind"): m.kind,
            catalog.text("col.value"): format_mention_value(m, catalog),
            catalog.text("col.sentence"): m.sentence,
        }
        for m in find_mentions(source.text, source.file)
        if m.section == "body"
    ]
    return pd.DataFrame(rows)


def format_mention_value(mention, catalog: Catalog) -> str:
    """Return a parser mention's value for display: years plain, dates as written, else grouped."""
    if mention.kind == "date":
        return mention.surface
    if mention.kind == "year":
        return str(int(mention.value))
    number = catalog.number(mention.value)
    if mention.high is not None:
        number = f"{number}–{catalog.number(mention.high)}"
    return number


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
        shown = describe_facts(catalog, own, metrics) if len(own) else pd.DataFrame()
        mentions = pd.DataFrame() if len(own) else describe_mentions(catalog, source)
        sections.append(render_source(catalog, source, shown, mentions))
    files = copy_downloads(out / "data", seeds_dir, data_dir)
    findings = render_findings(catalog, facts, metrics, as_of)
    written = {
        "index.html": render_index(catalog, entries, sources, findings),
        "sources.html": render_sources(catalog, sections),
        "data.html": render_data(catalog, files),
        "build.html": render_build(catalog, sources),
    }
    for name, page in written.items():
        (out / name).write_text(page, encoding="utf-8")
