"""The report's own HTML pages (index, sources, data, build information), every value escaped."""

import html
import importlib.metadata
import platform
import shutil
import subprocess
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus import compute_sha256
from helpers.csvout import publish_csv
from helpers.i18n import LANGS, format_number, translate
from helpers.workspace import check_data_dir

HTML_LANG = {"zh": "zh-Hans", "en": "en"}
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


def escape(value) -> str:
    """Return ``value`` as HTML-escaped text (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def other_lang(lang: str) -> str:
    """Return the other report language."""
    return next(code for code in LANGS if code != lang)


def render_nav(lang: str, page: str, data_dir: Path) -> str:
    """Return the navigation: contents, sources, data, build, this page in the other language."""

    def text(key: str) -> str:
        return escape(translate(key, lang, data_dir))

    other = other_lang(lang)
    return (
        f'<a href="index.html">{text("report.home")}</a>'
        f'<a href="sources.html">{text("report.sources")}</a>'
        f'<a href="data.html">{text("report.data")}</a>'
        f'<a href="build.html">{text("report.build_info")}</a>'
        f'<a href="../{other}/{escape(page)}" hreflang="{HTML_LANG[other]}">'
        f"{text('report.other_language')}</a>"
    )


def read_css() -> str:
    """Return the report's stylesheet."""
    return (paths.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


def render_page(lang: str, page: str, title: str, body: str, data_dir: Path) -> str:
    """Return a whole page: head with inline CSS, navigation, and ``body`` (already escaped)."""
    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(title)}</title>
<style type="text/css">{read_css()}</style>
</head>
<body>
<nav class="report-nav">{render_nav(lang, page, data_dir)}</nav>
<main>
<h1>{escape(title)}</h1>
{body}
</main>
</body>
</html>
"""


def render_table(table: pd.DataFrame) -> str:
    """Return a DataFrame as an escaped HTML table."""
    return table.to_html(index=False, escape=True, border=0, classes="report-table", na_rep="")


def render_link(url: str) -> str:
    """Return an escaped link for http(s) URLs; anything else (javascript:, data:) as plain text."""
    if url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def render_index(lang: str, chapters, sources, data_dir: Path, extra: str = "") -> str:
    """Return the index page: summary, optional findings block, and links to every chapter."""

    def text(key: str, **values) -> str:
        return escape(translate(key, lang, data_dir, **values))

    items = "\n".join(
        f'<li><a href="{escape(stem)}.html">{escape(title)}</a></li>' for stem, title in chapters
    )
    summary = text(
        "report.documents_line",
        n_documents=format_number(len(sources), lang),
        n_chars=format_number(sum(len(s.text) for s in sources), lang),
    )
    body = (
        f"<p>{text('report.subtitle')}</p>\n<p>{summary}</p>\n{extra}\n"
        f'<h2>{text("report.chapters")}</h2>\n<ul class="chapters">\n{items}\n</ul>'
    )
    return render_page(
        lang, "index.html", translate("report.title", lang, data_dir), body, data_dir
    )


def render_source(lang: str, source, facts: pd.DataFrame, mentions, data_dir: Path) -> str:
    """Return one document's section: metadata, its facts' quotes, or its uncurated numbers."""

    def text(key: str, **values) -> str:
        return escape(translate(key, lang, data_dir, **values))

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
        parts.append(f"<h3>{text('sources.facts', n=format_number(len(facts), lang))}</h3>")
        parts.append(render_table(facts))
    else:
        parts.append(f'<p class="uncurated">{text("sources.uncurated")}</p>')
        if len(mentions):
            parts.append(render_table(mentions))
    parts.append("</section>")
    return "\n".join(parts)


def render_sources(lang: str, sections: list[str], data_dir: Path) -> str:
    """Return the sources page from rendered document sections."""
    intro = f"<p>{escape(translate('sources.page.intro', lang, data_dir))}</p>"
    body = intro + "\n" + "\n".join(sections)
    title = translate("report.sources", lang, data_dir)
    return render_page(lang, "sources.html", title, body, data_dir)


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


def render_build(lang: str, sources, data_dir: Path) -> str:
    """Return the build-information page: commit, seed checksums, package versions; no clock."""

    def text(key: str, **values) -> str:
        return escape(translate(key, lang, data_dir, **values))

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
    return render_page(
        lang, "build.html", translate("report.build_info", lang, data_dir), body, data_dir
    )


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


def render_data(lang: str, files: list[Path], data_dir: Path) -> str:
    """Return the downloads page listing each table with its size and checksum."""

    def text(key: str) -> str:
        return escape(translate(key, lang, data_dir))

    items = "\n".join(
        f'<li><a href="data/{escape(p.name)}" download>{escape(p.name)}</a> '
        f"({format_number(p.stat().st_size, lang)} B, sha256 "
        f"<code>{compute_sha256(p.read_bytes())[:16]}…</code>)</li>"
        for p in files
    )
    body = f"<p>{text('data.intro')}</p>\n<ul>\n{items}\n</ul>"
    return render_page(lang, "data.html", translate("report.data", lang, data_dir), body, data_dir)
