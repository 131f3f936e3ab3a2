"""Tests for the snapshot part of helpers.buildcache's chapter keys: a chapter's key covers the
data/snapshots.csv rows of the snapshots its metadata declares (report.inputs.snapshots), and
nothing else of that file."""

import csv

import pytest

from helpers import buildcache, paths
from helpers.contents import list_chapters, read_declared_inputs


def declared_by(notebook) -> set[str]:
    """Return the snapshot ids a notebook declares."""
    return set(read_declared_inputs(notebook).get("snapshots", []))


def compute_keys(data_dir) -> dict[str, str]:
    """Return each project chapter's cache key (English, default report date) over ``data_dir``."""
    return {
        nb.stem: buildcache.compute_job_key(
            nb, {"lang": "en", "as_of": ""}, paths.SEEDS_DIR, data_dir
        )
        for nb in list_chapters(paths.NOTEBOOKS_DIR)
    }


def edit_snapshot_row(data_dir, snapshot_id: str, column: str, value: str) -> None:
    """Set one cell of data/snapshots.csv, keeping its other rows byte for byte."""
    path = data_dir / "snapshots.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0])
    assert snapshot_id in {r["snapshot_id"] for r in rows}
    for row in rows:
        if row["snapshot_id"] == snapshot_id:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_the_project_chapters_declare_the_snapshots_they_read():
    declared = {nb.stem: declared_by(nb) for nb in list_chapters(paths.NOTEBOOKS_DIR)}
    assert declared["07_compute_data"] == {"epoch_ml_systems_2024-11-22"}
    assert "epoch_china_benchmarks_2025-01" in declared["02_models"]
    assert declared["03_research"] == set()


@pytest.mark.parametrize(
    ("snapshot_id", "column", "value"),
    [
        ("epoch_china_benchmarks_2025-01", "sha256", "0" * 64),
        ("epoch_ml_systems_2024-11-22", "sha256", "f" * 64),
        ("epoch_capabilities_index_2025-11-07", "title", "A new title"),
    ],
)
def test_changing_a_snapshot_row_invalidates_exactly_the_chapters_declaring_it(
    data_copy, snapshot_id, column, value
):
    before = compute_keys(data_copy)
    edit_snapshot_row(data_copy, snapshot_id, column, value)
    after = compute_keys(data_copy)
    changed = {stem for stem in before if before[stem] != after[stem]}
    expected = {
        nb.stem for nb in list_chapters(paths.NOTEBOOKS_DIR) if snapshot_id in declared_by(nb)
    }
    assert expected  # some chapter reads every snapshot
    assert changed == expected


def test_a_new_undeclared_snapshot_row_changes_no_key(data_copy):
    before = compute_keys(data_copy)
    path = data_copy / "snapshots.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("other_2030-01,Someone,Other,https://example.org/x.csv," + "a" * 64)
        handle.write(",CC-BY-4.0,https://example.org,2030-01-01,cite,\n")
    assert compute_keys(data_copy) == before


def test_a_missing_snapshots_file_changes_the_declaring_chapters_only(data_copy):
    before = compute_keys(data_copy)
    (data_copy / "snapshots.csv").unlink()
    after = compute_keys(data_copy)
    changed = {stem for stem in before if before[stem] != after[stem]}
    assert changed == {nb.stem for nb in list_chapters(paths.NOTEBOOKS_DIR) if declared_by(nb)}
