"""Tests for helpers.review and notebooks/curate.ipynb: the draft, the marked document and what
applying would change, without writing to the seeds or data folders."""

import json

import papermill
import pytest
from conftest import EXAMPLE_ID, snapshot_folder

from helpers import paths
from helpers.contents import list_chapters
from helpers.review import Review, list_uncurated

NOTEBOOK = paths.NOTEBOOKS_DIR / "curate.ipynb"


def test_curate_notebook_is_no_chapter():
    assert NOTEBOOK.is_file() and NOTEBOOK not in list_chapters()


def test_review_proposes_in_memory_and_previews_on_a_copy(added):
    seeds, data = added
    before = snapshot_folder(data)
    assert list(list_uncurated(seeds, data)["source_id"]) == [EXAMPLE_ID]
    review = Review.open(EXAMPLE_ID, str(seeds), str(data))
    assert not review.written and len(review.rows) == 13
    assert sorted({m[2] for m in review.marks()}) == ["exclude", "fact"]
    plan = review.preview()
    assert (len(plan.facts), len(plan.excluded), plan.problems) == (6, 7, [])
    assert snapshot_folder(data) == before


def test_review_of_a_curated_document_says_why_there_is_no_draft(added):
    seeds, data = added
    review = Review.open("itif_review", str(seeds), str(data))
    assert review.rows == [] and "already curated" in review.note


@pytest.mark.e2e
def test_curate_notebook_runs_on_a_copy_with_a_new_document(added, tmp_path):
    seeds, data = added
    before = snapshot_folder(seeds), snapshot_folder(data)
    out = tmp_path / "curate.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out), kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
        parameters={"source_id": EXAMPLE_ID, "seeds_dir": str(seeds), "data_dir": str(data)},
    )  # fmt: skip
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    html = "".join(
        "".join(o.get("data", {}).get("text/html", [])) for c in cells for o in c.get("outputs", [])
    )
    assert '<mark class="fact" title="genai_papers">15300篇</mark>' in html
    assert '<mark class="exclude" title="year (2025年), not a figure">2025年</mark>' in html
    assert "6 row(s) added to facts.csv" in html and "7 row(s) added to excluded.csv" in html
    assert "validate on a copy with the draft applied" in html and "coverage 95 of 95" in html
    assert not any(o.get("output_type") == "error" for c in cells for o in c.get("outputs", []))
    assert (snapshot_folder(seeds), snapshot_folder(data)) == before
