"""Tests for `report` with primary-data snapshots: a corrupted snapshot copy is refused with one
line and the published report stays as it was. One chapter that reads a snapshot (07) keeps the
build quick; the methodology chapter beside it declares the other dimensions, since validate
wants a home for every metric."""

import hashlib
import shutil
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from helpers import paths
from helpers.snapshots import find_snapshot

CHAPTER = "07_compute_data"
SNAPSHOT = "epoch_ml_systems_2024-11-22"


def run_report(out, notebooks, snapshots) -> subprocess.CompletedProcess:
    """Run `python -m helpers report` on one chapter folder into ``out``."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", "report", "--quiet", "--out", str(out)]
        + ["--notebooks", str(notebooks), "--snapshots", str(snapshots)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=paths.ROOT,
    )


def hash_tree(folder) -> dict[str, str]:
    """Return every file under ``folder`` with the sha256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def home_for_the_other_dimensions(notebooks) -> None:
    """Copy the methodology chapter (it reads no snapshot) declaring every dimension but 07's."""
    chapter = nbformat.read(paths.NOTEBOOKS_DIR / "10_methodology.ipynb", as_version=4)
    metrics = pd.read_csv(paths.DATA_DIR / "metrics.csv", dtype=str, encoding="utf-8-sig")
    own = nbformat.read(notebooks / f"{CHAPTER}.ipynb", as_version=4).metadata["report"]
    others = sorted(set(metrics["dimension"]) - set(own["inputs"]["dimensions"]))
    chapter.metadata["report"]["inputs"]["dimensions"] = others
    nbformat.write(chapter, notebooks / "10_methodology.ipynb")


@pytest.fixture(scope="module")
def published(tmp_path_factory, snapshots_dir):
    """Return (out, notebooks, snapshots): a report built from one chapter with a private copy
    of the real snapshots."""
    root = tmp_path_factory.mktemp("report_snapshots")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(paths.NOTEBOOKS_DIR / f"{CHAPTER}.ipynb", notebooks)
    home_for_the_other_dimensions(notebooks)
    snapshots = root / "snapshots"
    shutil.copytree(snapshots_dir, snapshots)
    out = root / "out"
    result = run_report(out, notebooks, snapshots)
    assert result.returncode == 0, result.stderr
    return out, notebooks, snapshots


def test_the_chapter_page_cites_the_snapshot_and_its_licence(published):
    out, _, _ = published
    page = (out / "en" / f"{CHAPTER}.html").read_text("utf-8")
    assert "Epoch AI" in page and "CC BY 4.0" in page and SNAPSHOT in page
    zh = (out / "zh" / f"{CHAPTER}.html").read_text("utf-8")
    assert SNAPSHOT in zh and "CC BY 4.0" in zh


def test_a_corrupted_snapshot_is_one_line_and_the_report_stays(published):
    out, notebooks, snapshots = published
    before = hash_tree(out)
    snapshot = find_snapshot(SNAPSHOT, paths.DATA_DIR)
    copy = snapshots / snapshot.file_name
    original = copy.read_bytes()
    try:
        copy.write_bytes(original.replace(b"Qwen-72B", b"Qwen-99B", 1))
        actual = hashlib.sha256(copy.read_bytes()).hexdigest()
        result = run_report(out, notebooks, snapshots)
    finally:
        copy.write_bytes(original)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert SNAPSHOT in lines[0]
    assert snapshot.sha256 in lines[0] and actual in lines[0]
    assert "fetch" in lines[0]  # the fix
    assert hash_tree(out) == before


def test_a_missing_snapshot_is_one_line_and_the_report_stays(published, tmp_path):
    out, notebooks, _ = published
    before = hash_tree(out)
    result = run_report(out, notebooks, tmp_path)  # an empty snapshots folder
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert SNAPSHOT in result.stderr and "not fetched" in result.stderr
    assert hash_tree(out) == before
