"""Tests for helpers.cli: subcommands listed, and bad input gives one line and a non-zero exit."""

import os
import subprocess
import sys

import pytest
from conftest import rewrite_manifest

from helpers import paths


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """Run ``python -m helpers ARGS`` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=600,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    """Assert a non-zero exit with a single stderr line containing every needle."""
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_help_lists_subcommands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("extract", "validate", "report"):
        assert command in result.stdout


def test_report_help_names_options():
    result = run_cli("report", "--help")
    for option in ("--lang", "--seeds", "--data", "--out", "--no-cache", "--quiet", "--verbose"):
        assert option in result.stdout


def test_report_quiet_prints_nothing_and_jobs_must_be_positive(tmp_path):
    result = run_cli("report", "--lang", "en", "--quiet", "--out", str(tmp_path / "r"))
    assert result.returncode == 0 and result.stderr == "" and result.stdout == ""
    assert (tmp_path / "r" / "en" / "index.html").is_file()
    assert_one_line_error(run_cli("report", "--jobs", "0", "--out", str(tmp_path)), "--jobs 0")


def test_unknown_lang(tmp_path):
    assert_one_line_error(run_cli("report", "--lang", "fr", "--out", str(tmp_path)), "fr")


def test_missing_seeds_dir(tmp_path):
    result = run_cli("report", "--seeds", str(tmp_path / "none"), "--out", str(tmp_path / "r"))
    assert_one_line_error(result, "seeds directory not found", "--seeds")


def test_output_is_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    assert_one_line_error(run_cli("report", "--out", str(target)), "output path is a file")


@pytest.mark.parametrize(
    ("breakage", "needles"),
    [
        ("not_utf8", ("000_19624ce7a458252b.txt", "not valid UTF-8")),
        ("missing_file", ("sources.csv:3", "not found")),
        ("missing_column", ("sources.csv:1", "missing required column 'sha256'")),
        ("wrong_sha", ("sources.csv:4", "sha256 mismatch")),
    ],
)
def test_bad_seeds_fail_cleanly_and_keep_published_report(seeds_copy, tmp_path, breakage, needles):
    out = tmp_path / "reports"
    (out / "zh").mkdir(parents=True)
    (out / "zh" / "index.html").write_text("previous report", encoding="utf-8")
    if breakage == "not_utf8":
        path = seeds_copy / "000_19624ce7a458252b.txt"
        path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
        import hashlib

        from helpers.corpus import load_sources
        from helpers.paths import SEEDS_DIR

        rewrite_manifest(
            seeds_copy,
            load_sources(SEEDS_DIR)[0].sha256,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
    elif breakage == "missing_file":
        (seeds_copy / "001_dd538295f9f3217a.txt").unlink()
    elif breakage == "missing_column":
        rewrite_manifest(seeds_copy, "source_id,file,sha256,", "source_id,file,checksum,")
    else:
        (seeds_copy / "002_55cd5fa3e41b5150.txt").write_text("x", encoding="utf-8")
    result = run_cli("report", "--seeds", str(seeds_copy), "--out", str(out))
    assert_one_line_error(result, *needles)
    assert (out / "zh" / "index.html").read_text(encoding="utf-8") == "previous report"


def test_report_refuses_invalid_data_with_validate_messages(data_copy, tmp_path):
    facts = data_copy / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace(",12450,", ",12451,", 1), encoding="utf-8")
    out = tmp_path / "reports"
    report = run_cli("report", "--data", str(data_copy), "--out", str(out))
    validate = run_cli("validate", "--data", str(data_copy))
    assert report.returncode == 1 and validate.returncode == 1
    assert "Traceback" not in report.stderr
    problem = next(line for line in validate.stderr.splitlines() if "facts.csv:" in line)
    assert "value 12451 is not among the numbers in the quote" in problem
    assert problem in report.stderr
    assert not out.exists()


def run_with_closed_stdout(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m helpers ARGS`` with stdout a pipe whose reader is already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "helpers", *args],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)


def test_a_reader_that_stops_early_is_not_an_error(added):
    """`draft … | head -1`: the draft is written and the command ends quietly, status 0."""
    from conftest import EXAMPLE_ID

    seeds, data = added
    result = run_with_closed_stdout("draft", EXAMPLE_ID, "--seeds", str(seeds), "--data", str(data))
    assert (result.returncode, result.stderr) == (0, "")
    assert (data / "drafts" / f"{EXAMPLE_ID}.csv").is_file()


def test_extract_to_a_reader_that_stops_early_is_not_an_error():
    result = run_with_closed_stdout("extract", str(paths.SEEDS_DIR))
    assert (result.returncode, result.stderr) == (0, "")


PROBE = (
    "import sys\nfrom helpers.errors import is_stdout_gone\nsys.stderr.write(str(is_stdout_gone()))"
)


def probe_stdout(close_reader: bool) -> str:
    """Return what is_stdout_gone says in a process whose stdout is a pipe."""
    read_end, write_end = os.pipe()
    if close_reader:
        os.close(read_end)
    try:
        command = [sys.executable, "-c", PROBE]
        return subprocess.run(
            command, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60, check=True
        ).stderr
    finally:
        os.close(write_end)
        if not close_reader:
            os.close(read_end)


def test_stdout_is_gone_only_when_its_reader_closed():
    assert probe_stdout(close_reader=False) == "False"
    assert probe_stdout(close_reader=True) == "True"
