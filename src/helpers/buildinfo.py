"""The build-information page: the commit, the seeds' checksums and the package versions that
made the report — and no clock, so two builds of one commit are byte-identical."""

from __future__ import annotations

import importlib.metadata
import platform
import shutil
import subprocess
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.html import escape, render_page, render_table
from helpers.i18n import Catalog

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
