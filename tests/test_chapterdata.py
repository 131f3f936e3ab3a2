"""Tests for helpers.chapterdata: a chapter's view holds what it declares and nothing else."""

import csv

from helpers import paths
from helpers.chapterdata import render_view, write_view
from helpers.contents import list_chapters, read_declared_inputs


def read_rows(text: str) -> list[dict]:
    """Return the rows of CSV text."""
    return list(csv.DictReader(text.splitlines()))


def test_a_view_holds_only_the_declared_files_and_dimensions(data_copy):
    inputs = {"data": ["facts.csv", "metrics.csv", "i18n.csv"], "dimensions": ["patents"]}
    view = render_view(data_copy, inputs)
    assert sorted(view) == ["facts.csv", "i18n.csv", "metrics.csv"]
    metrics = read_rows(view["metrics.csv"])
    assert metrics and {m["dimension"] for m in metrics} == {"patents"}
    ids = {m["metric_id"] for m in metrics}
    facts = read_rows(view["facts.csv"])
    assert facts and {f["metric_id"] for f in facts} <= ids
    everything = read_rows((data_copy / "facts.csv").read_text(encoding="utf-8"))
    assert facts == [f for f in everything if f["metric_id"] in ids]  # same rows, same order


def test_a_view_keeps_only_the_declared_snapshot_rows(data_copy):
    snapshot = "epoch_ml_systems_2024-11-22"
    view = render_view(data_copy, {"data": ["i18n.csv"], "snapshots": [snapshot]})
    assert [r["snapshot_id"] for r in read_rows(view["snapshots.csv"])] == [snapshot]
    assert "snapshots.csv" not in render_view(data_copy, {"data": ["i18n.csv"]})


def test_without_declared_data_a_view_is_every_table(data_copy):
    (data_copy / "notes.txt").write_text("not a table", encoding="utf-8")
    view = render_view(data_copy, {})
    expected = sorted(p.name for p in data_copy.iterdir() if p.suffix in (".csv", ".json"))
    assert sorted(view) == expected
    assert view["facts.csv"] == (data_copy / "facts.csv").read_text(encoding="utf-8")


def test_a_declared_file_that_is_absent_stays_absent(data_copy):
    (data_copy / "claim_checks.csv").unlink()
    assert "claim_checks.csv" not in render_view(data_copy, {"data": ["claim_checks.csv"]})


def test_a_byte_order_mark_does_not_hide_the_header(data_copy):
    path = data_copy / "metrics.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    view = render_view(data_copy, {"data": ["metrics.csv"], "dimensions": ["patents"]})
    assert read_rows(view["metrics.csv"])


def test_write_view_writes_the_files_byte_for_byte(tmp_path, data_copy):
    view = render_view(data_copy, {"data": ["facts.csv", "i18n.csv"]})
    folder = write_view(view, tmp_path / "view")
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()} == view


def test_every_chapter_declares_the_data_it_reads():
    """Each chapter's view is all it can read in a build; the files it names must exist."""
    for notebook in list_chapters():
        inputs = read_declared_inputs(notebook)
        assert "data" in inputs, f"{notebook.name} declares no data files"
        missing = [n for n in inputs["data"] if not (paths.DATA_DIR / n).is_file()]
        assert not missing, f"{notebook.name} declares absent files {missing}"


def test_a_view_of_a_view_is_the_view(tmp_path):
    """The build keys each chapter on its written view; that equals the key of the data."""
    from helpers.buildcache import hash_data_inputs

    for notebook in list_chapters():
        inputs = read_declared_inputs(notebook)
        view = write_view(render_view(paths.DATA_DIR, inputs), tmp_path / notebook.stem)
        assert render_view(view, inputs) == render_view(paths.DATA_DIR, inputs), notebook.name
        assert hash_data_inputs(view, inputs) == hash_data_inputs(paths.DATA_DIR, inputs)


def test_declared_columns_keep_their_values_and_empty_the_rest(data_copy):
    keep = ["fact_id", "metric_id", "value", "status"]
    inputs = {"data": ["facts.csv", "metrics.csv"], "columns": {"facts.csv": keep}}
    facts = read_rows(render_view(data_copy, inputs)["facts.csv"])
    everything = read_rows((data_copy / "facts.csv").read_text(encoding="utf-8"))
    assert len(facts) == len(everything) and list(facts[0]) == list(everything[0])
    for seen, row in zip(facts, everything, strict=True):
        assert seen == {k: (v if k in keep else "") for k, v in row.items()}
    assert any(row["note"] for row in everything)  # so emptying it is really tested
    metrics = render_view(data_copy, inputs)["metrics.csv"]
    assert metrics == (data_copy / "metrics.csv").read_text(encoding="utf-8")  # not named


def write_rows(path, rows: list[dict]) -> None:
    """Write rows as CSV with their own header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_an_edit_to_an_undeclared_column_leaves_the_view_unchanged(data_copy):
    from helpers.buildcache import hash_data_inputs

    inputs = read_declared_inputs(paths.NOTEBOOKS_DIR / "10_methodology.ipynb")
    assert "note" not in inputs["columns"]["facts.csv"]
    before = hash_data_inputs(data_copy, inputs)
    path = data_copy / "facts.csv"
    rows = read_rows(path.read_text(encoding="utf-8"))
    rows[0]["note"] = "edited"
    write_rows(path, rows)
    assert hash_data_inputs(data_copy, inputs) == before
    rows[0]["value"] = "12345"
    write_rows(path, rows)
    assert hash_data_inputs(data_copy, inputs) != before
