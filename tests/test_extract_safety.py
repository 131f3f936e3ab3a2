"""``extract`` never harms its inputs and survives hostile files (issue 15): outputs that are
inputs, FIFOs, devices, huge sparse files, size limits and file names with control characters."""

import csv
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from extract_corpus import run_extract

from helpers import paths

SEED = paths.SEEDS_DIR / "001_dd538295f9f3217a.txt"
WAIT = 60  # seconds; a hang would otherwise stop the test run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error(result, *needles: str) -> str:
    """Assert exit 1 and exactly one stderr line, an error holding every needle; return it."""
    lines = result.stderr.decode("utf-8").splitlines()
    assert result.returncode == 1 and len(lines) == 1, lines
    assert lines[0].startswith("error: ") and "Traceback" not in lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    """A writable copy of a seed document."""
    copy = tmp_path / "docs" / SEED.name
    copy.parent.mkdir()
    copy.write_bytes(SEED.read_bytes())
    return copy


def test_out_that_is_the_input_document_is_refused_untouched(doc):
    before = _digest(doc)
    _one_error(run_extract(str(doc), "--out", str(doc)), "is the input", "choose an --out")
    assert _digest(doc) == before


def test_out_symlinked_to_an_input_is_refused_untouched(doc, tmp_path):
    before = _digest(doc)
    link = tmp_path / "out.jsonl"
    link.symlink_to(doc)
    _one_error(run_extract(str(doc), "--out", str(link)), "is the input")
    assert _digest(doc) == before and link.is_symlink()
    folder_link = tmp_path / "docs_link"  # an --out reached through a symlinked folder
    folder_link.symlink_to(doc.parent)
    _one_error(run_extract(str(doc.parent), "--out", str(folder_link / doc.name)), "inside")
    assert _digest(doc) == before


def test_out_inside_an_input_folder_is_refused_before_it_is_created(doc):
    out = doc.parent / "sub" / "mentions.jsonl"
    out.parent.mkdir()
    _one_error(run_extract(str(doc.parent), "--out", str(out)), "inside the input folder")
    assert not out.exists()


def test_out_hard_linked_to_another_file_is_refused(doc, tmp_path):
    before = _digest(doc)
    out = tmp_path / "out.jsonl"
    os.link(doc, out)
    _one_error(run_extract(str(doc.parent), "--out", str(out)), "hard links")
    assert _digest(doc) == before


def test_out_that_is_a_jsonl_input_is_refused(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "a", "text": "有5家"}\n', encoding="utf-8")
    before = _digest(dump)
    _one_error(run_extract(str(dump), "--out", str(dump)), "is the input")
    assert _digest(dump) == before


def test_fifo_is_refused_without_waiting_and_others_still_run(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("美国有5家公司。", encoding="utf-8")
    named = run_extract(str(fifo), str(good), timeout=WAIT)
    _one_error(named, f"{fifo}: is a named pipe (FIFO), not a regular file")
    assert [json.loads(x)["surface"] for x in named.stdout.splitlines()] == ["5家"]
    in_folder = run_extract(str(tmp_path), timeout=WAIT)  # a FIFO named .txt in a folder
    _one_error(in_folder, "pipe.txt: is a named pipe (FIFO)")


def test_fifo_named_jsonl_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    _one_error(run_extract(str(fifo), timeout=WAIT), "is a named pipe (FIFO)")


def test_dev_zero_is_refused(tmp_path):
    _one_error(run_extract("/dev/zero", timeout=WAIT), "/dev/zero: is a character device")


def test_huge_sparse_file_is_refused_by_its_size(tmp_path):
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(10 * 1024**3)  # 10 GiB of holes: nothing is written to disk
    line = _one_error(run_extract(str(sparse), timeout=WAIT), "10,737,418,240 bytes")
    assert "over the limit of 67,108,864 bytes" in line and "raise --max-bytes" in line


def test_max_bytes_refuses_bigger_documents_and_the_rest_runs(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("美国有5家公司。", encoding="utf-8")
    big = tmp_path / "b.txt"
    big.write_text("中国有7家公司。" * 100, encoding="utf-8")
    result = run_extract(str(tmp_path), "--max-bytes", "1000")
    _one_error(result, f"{big}: 2,200 bytes is over the limit of 1,000 bytes")
    assert [json.loads(x)["doc"] for x in result.stdout.splitlines()] == ["a.txt"]


@pytest.mark.parametrize(
    "args",
    [["--jobs", "0"], ["--max-bytes", "0"], ["--scheduler", "not an address"]],
)
def test_impossible_options_are_one_line(args):
    _one_error(run_extract(str(SEED), *args, timeout=WAIT), args[0])


HOSTILE_NAMES = [
    b"two\nlines.txt",
    b"error: fake\nerror: injected.txt",
    b"\x1b[2K\x1b[1Aescape.txt",
    b"carriage\rreturn.txt",
    b"not-utf8-\xff\xfe.txt",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_file_names_cannot_inject_lines(tmp_path, name):
    folder = tmp_path / "docs"
    folder.mkdir()
    good = os.path.join(os.fsencode(folder), name)
    with open(good, "wb") as handle:
        handle.write("美国有5家公司。".encode())
    with open(good + b".bin.txt", "wb") as handle:  # an error line that names the file
        handle.write(b"\x00\x01")
    with open(good + b".empty.txt", "wb"):  # a note line that names the file
        pass
    for fmt in ("jsonl", "csv"):
        result = run_extract(str(folder), "--format", fmt)
        messages = result.stderr.decode("utf-8").splitlines()
        assert result.returncode == 1 and len(messages) == 2, messages
        assert messages[0].startswith("error: ") and messages[1].startswith("note: ")
        assert all(line.isprintable() for line in messages)
        out = result.stdout.decode("utf-8")
        if fmt == "jsonl":
            assert len(out.splitlines()) == 1
            record = json.loads(out)
        else:
            rows = list(csv.DictReader(io.StringIO(out)))
            assert len(rows) == 1
            record = rows[0]
        assert record["surface"] == "5家" and record["doc"].isprintable()
        assert record["doc"] in messages[0]
