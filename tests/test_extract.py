"""Tests for ``python -m helpers extract``: formats, --out, directories and bad inputs."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths
from helpers.extract import FIELDS, run_extract

SEED = paths.SEEDS_DIR / "001_dd538295f9f3217a.txt"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", "extract", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
    )


def test_jsonl_to_stdout():
    result = _run(str(SEED))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert records and all(text[r["start"] : r["end"]] == r["surface"] for r in records)
    assert records[0]["surface"] == "117款" and records[0]["value"] == 117
    assert list(records[0]) == list(FIELDS)
    assert {r["doc"] for r in records} == {SEED.name}
    assert "10-20个" in {r["surface"] for r in records}
    assert result.stderr == ""


def test_csv_to_out_file(tmp_path):
    out = tmp_path / "mentions.csv"
    result = _run(str(SEED), "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == FIELDS
    body = [dict(zip(FIELDS, row, strict=True)) for row in rows[1:]]
    first = body[0]
    assert (first["surface"], first["value"], first["high"], first["kind"]) == (
        "117款",
        "117",
        "",
        "count",
    )
    ranged = next(r for r in body if r["surface"] == "10-20个")
    assert (ranged["value"], ranged["high"]) == ("10", "20")
    assert any(r["countries"] == "CN" for r in body)


def test_directory_in_sorted_order_one_record_per_mention():
    result = _run(str(paths.SEEDS_DIR))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == sorted(docs)
    assert set(docs) == {p.name for p in paths.SEEDS_DIR.glob("*.txt")}


def test_utf8_and_utf16_bom_files_decode(tmp_path):
    text = "目前已有117款生成式人工智能服务通过备案。"
    (tmp_path / "a.txt").write_bytes("\ufeff".encode() + text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    result = _run(str(tmp_path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc"], r["surface"]) for r in records] == [("a.txt", "117款"), ("b.txt", "117款")]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("binary.txt", b"abc\x00\x01def", "NUL bytes"),
        ("latin.txt", "12% caf\u00e9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_file_gives_one_line_and_others_still_output(tmp_path, name, content, problem):
    good = tmp_path / "good.txt"
    good.write_text("不超过5家。", encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(content)
    result = _run(str(bad), str(good))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}") and problem in lines[0]
    assert "Traceback" not in result.stderr
    assert [json.loads(x)["surface"] for x in result.stdout.splitlines()] == ["不超过5家"]


def test_missing_path_and_empty_directory(tmp_path):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    missing = tmp_path / "nope.txt"
    result = _run(str(missing), str(empty_dir), str(SEED))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {missing}: not found")
    assert lines[1].startswith(f"error: {empty_dir}: directory has no .txt files")
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) > 10


def test_empty_file_is_a_note_not_a_failure(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run(str(empty))
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"note: {empty}: empty document, no mentions"]


def test_unwritable_out_is_one_error_line(tmp_path):
    result = _run(str(SEED), "--out", str(tmp_path / "no" / "such" / "dir" / "x.jsonl"))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_run_extract_in_process(tmp_path):
    out = tmp_path / "m.jsonl"
    assert run_extract([SEED], fmt="jsonl", out=out) == 0
    assert out.read_text(encoding="utf-8").count("\n") > 10


def test_out_file_inside_an_input_folder_is_refused_not_read_back(tmp_path):
    # issue 15: an output inside an input folder is refused before anything is opened (it was
    # written and skipped when read back; the next run would have read it as a document)
    (tmp_path / "a.txt").write_text("不超过5家。", encoding="utf-8")
    out = tmp_path / "z_out.txt"
    result = _run(str(tmp_path), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {out}: is inside the input folder {tmp_path}; "
        "choose an --out outside the folders you extract from\n"
    )
    assert not out.exists()
