"""End to end, on copies: a new article dated 2025-02 goes add → validate (not yet curated) →
report → draft → draft --apply → validate (full coverage) → report, all through the CLI."""

import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLE_ARTICLE, EXAMPLE_ID, fill_english_names

from helpers import paths

CHAPTER = "03_research.ipynb"  # the chapter of genai_papers, which the article adds figures to


def run_cli(*args) -> subprocess.CompletedProcess:
    """Run ``python -m helpers ARGS``; fail the test with its stderr on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-m", "helpers", *map(str, args)],
        capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.e2e
def test_a_new_article_from_add_to_report(seeds_copy, data_copy, tmp_path):
    fill_english_names(data_copy)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(paths.NOTEBOOKS_DIR / CHAPTER, notebooks / CHAPTER)
    dirs = ("--seeds", seeds_copy, "--data", data_copy)
    report = ("report", "--lang", "en", "--notebooks", notebooks, "--out", tmp_path / "r", *dirs)

    title = "2025年初中美生成式人工智能竞争观察"
    added = run_cli("add", EXAMPLE_ARTICLE, "--published", "2025-02", "--title", title, *dirs)
    assert f"added {EXAMPLE_ID}" in added.stdout
    listed = run_cli("validate", *dirs).stdout
    assert f"not yet curated: {EXAMPLE_ID} (8 body numbers" in listed
    run_cli(*report)
    sources = (tmp_path / "r" / "en" / "sources.html").read_text(encoding="utf-8")
    assert title in sources and "Not yet curated" in sources

    drafted = run_cli("draft", EXAMPLE_ID, *dirs).stdout
    assert "13 numbers, 6 proposed as facts, 7 as exclusions" in drafted
    applied = run_cli("draft", EXAMPLE_ID, "--apply", *dirs).stdout
    assert "6 fact(s)" in applied

    final = run_cli("validate", *dirs).stdout
    assert "coverage 95 of 95 body numbers = 100.0%" in final and "not yet curated" not in final
    run_cli(*report)
    chapter = (tmp_path / "r" / "en" / "03_research.html").read_text(encoding="utf-8")
    assert "15,300" in chapter and "13,900" in chapter
    sources = (tmp_path / "r" / "en" / "sources.html").read_text(encoding="utf-8")
    assert "2024年中国发布的生成式AI论文数量为15300篇" in sources
