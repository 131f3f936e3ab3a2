"""Tests for ``python -m helpers validate``: real data passes; injected errors name their line."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import append_source

from helpers import paths
from helpers.errors import UserError
from helpers.validate import validate_or_raise


def run_validate_cli(data: Path, seeds: Path = paths.SEEDS_DIR) -> subprocess.CompletedProcess:
    """Run ``python -m helpers validate`` on ``data`` and ``seeds``."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--data", str(data), "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def edit_row(path: Path, line: int, **fields) -> None:
    """Set ``fields`` in the CSV row on ``line`` (header = 1) of ``path``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for name, value in fields.items():
        rows[line - 1][header.index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def find_line(path: Path, column: str, value: str) -> int:
    """Return the CSV line (header = 1) of the first row whose ``column`` equals ``value``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index(column)
    return next(i for i, row in enumerate(rows, start=1) if i > 1 and row[index] == value)


def read_row(path: Path, line: int) -> dict:
    """Return the CSV row on ``line`` of ``path`` as a dict."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return dict(zip(rows[0], rows[line - 1], strict=True))


def test_real_data_passes_with_a_summary():
    result = run_validate_cli(paths.DATA_DIR)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "facts " in result.stdout and "metrics " in result.stdout
    assert "coverage" in result.stdout and "= 100.0%" in result.stdout


def test_validate_or_raise_passes_on_real_data():
    audit = validate_or_raise(paths.DATA_DIR, paths.SEEDS_DIR)
    assert audit.problems == []


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"quote": "这句话不在原文里12450篇"}, "quote not found verbatim"),
        ({"value": "12451"}, "value 12451 is not among the numbers in the quote"),
        ({"metric_id": "no_such_metric"}, "metric_id 'no_such_metric' is not in metrics.csv"),
        ({"source_id": "no_such_source"}, "source_id 'no_such_source' is not in sources.csv"),
        ({"value": "12,450"}, "is not a plain decimal number"),
        ({"period": "2023-13"}, "not a real date"),
        ({"period": "2023年"}, "is malformed"),
        ({"fact_id": "itif_review-001"}, "duplicate fact_id"),
    ],
)
def test_injected_fact_error_names_the_line(data_copy, fields, needle):
    facts = data_copy / "facts.csv"
    line = find_line(facts, "value", "12450")
    assert read_row(facts, line)["metric_id"] == "genai_papers"
    edit_row(facts, line, **fields)
    result = run_validate_cli(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(
        f"facts.csv:{line}:" in row and needle in row for row in result.stderr.splitlines()
    ), result.stderr
    with pytest.raises(UserError, match=f"facts.csv:{line}:"):
        validate_or_raise(data_copy, paths.SEEDS_DIR)


def test_unknown_dimension_names_metrics_line(data_copy):
    edit_row(data_copy / "metrics.csv", 2, dimension="vibes")
    result = run_validate_cli(data_copy)
    assert result.returncode == 1
    assert "metrics.csv:2: dimension 'vibes'" in result.stderr


def test_removed_exclusion_is_a_coverage_problem(data_copy):
    excluded = data_copy / "excluded.csv"
    lines = excluded.read_text(encoding="utf-8").splitlines(keepends=True)
    line = find_line(excluded, "surface", "前20")
    row = read_row(excluded, line)
    excluded.write_text("".join(lines[: line - 1] + lines[line:]), encoding="utf-8")
    result = run_validate_cli(data_copy)
    assert result.returncode == 1
    assert f"offset {row['start']} is neither used by a fact nor listed" in result.stderr


def test_missing_seeds_is_one_line_error(tmp_path):
    result = run_validate_cli(paths.DATA_DIR, tmp_path / "nope")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "seeds directory not found" in result.stderr


def test_malformed_csv_is_reported_not_raised(data_copy):
    (data_copy / "facts.csv").write_text(
        (data_copy / "facts.csv").read_text(encoding="utf-8") + 'x,"unclosed\n', encoding="utf-8"
    )
    result = run_validate_cli(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "facts.csv:" in result.stderr


def test_new_document_without_facts_is_reported_as_not_yet_curated(tmp_path):
    import hashlib
    import shutil

    from helpers import paths

    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    body = "新文章：中国发布了300篇论文，美国发布了200篇。\n".encode()
    (seeds / "new.txt").write_bytes(body)
    digest = hashlib.sha256(body).hexdigest()
    append_source(
        seeds,
        source_id="newdoc",
        file="new.txt",
        sha256=digest,
        title="新文章",
        publisher="某网站",
        published="2024-10",
        language="zh-Hans",
        notes="test",
    )
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "not yet curated: newdoc (2 body numbers" in result.stdout


# ---------------------------------------------------------------- validate is the single gate
def replace_in(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (("facts.csv", ",US,81,,", ",ZZ,81,,"), "i18n.csv:1: no key 'country.ZZ'"),
        (("facts.csv", ",US,81,,分,", ",US,81,,件,"), "i18n.csv:1: no key 'unit.件'"),
        (
            ("i18n.csv", "report.chapters,章节,Chapters", "report.chapters,章节{n},Chapters{n}"),
            "i18n.csv:4: key 'report.chapters': unknown placeholder {n}",
        ),
        (
            ("i18n.csv", "report.chapters,章节,Chapters", "report.chapters,章节{,Chapters"),
            "key 'report.chapters': the zh text has unbalanced braces",
        ),
        (
            ("i18n.csv", "report.chapters,章节,Chapters", "report.chapters,章节,Chapters {x}"),
            "key 'report.chapters': zh uses {} but en uses {x}",
        ),
        (("i18n.csv", "report.chapters,章节,Chapters\n", ""), "no key 'report.chapters'"),
    ],
)
def test_what_report_would_refuse_validate_refuses_first(data_copy, edit, needle):
    name, old, new = edit
    replace_in(data_copy / name, old, new)
    result = run_validate_cli(data_copy)
    assert result.returncode == 1
    assert needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_byte_order_mark_is_accepted_everywhere(data_copy):
    from helpers.buildcache import hash_data_inputs

    for name in ("metrics.csv", "i18n.csv", "facts.csv"):
        path = data_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run_validate_cli(data_copy)
    assert result.returncode == 0, result.stderr
    inputs = {"data": ["metrics.csv", "facts.csv"], "dimensions": ["patents"]}
    narrowed = hash_data_inputs(data_copy, inputs)
    (data_copy / "facts.csv").write_text(
        (data_copy / "facts.csv").read_text("utf-8-sig").replace("GPT-4o,US,81", "GPT-4o,US,82"),
        "utf-8",
    )
    assert hash_data_inputs(data_copy, inputs) == narrowed  # a models row is not a patents row


@pytest.mark.parametrize("as_of", ["2025", "2025-02", "2025-02-28"])
def test_partial_as_of_is_accepted(as_of):
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--as-of", as_of],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_bad_as_of_is_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--as-of", "2025-02-30"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "error: --as-of '2025-02-30' is not a real date; fix the month or day"
    )
