"""Hostile inputs through the CLI: odd encodings, abused manifests and bad parameters (issue 6)."""

import codecs
import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import append_source

from helpers import paths

SEED = paths.SEEDS_DIR / "001_dd538295f9f3217a.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SAMPLE = (
    "目前已有117款生成式人工智能服务通过备案。\r\n美国有5家公司。\r中国发布的论文数量为12450篇。\n"
)
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m helpers ARGS`` and capture its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=900,
    )


def assert_user_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    """Assert a non-zero exit and one stderr line (no traceback) holding every needle; return it."""
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def decode_expected(data: bytes, encoding: str = "") -> str:
    """Return ``data`` decoded as the project promises: declared, else by BOM, else UTF-8."""
    if encoding:
        return data.decode(encoding)
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec)
    return data.decode("utf-8")


def snapshot(root: Path, hashes: bool = True) -> dict[str, str]:
    """Return every file under ``root`` mapped to its sha256 (or its size when not ``hashes``)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            key = str(path.relative_to(root))
            if hashes:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = str(path.stat().st_size)
        elif path.is_dir():
            found[str(path.relative_to(root)) + "/"] = "dir"
    return found


def add_documents(seeds: Path, docs: dict[str, tuple[bytes, str]]) -> None:
    """Write ``docs`` ({name: (bytes, encoding)}) to ``seeds`` with rows and an encoding column."""
    manifest = seeds / paths.MANIFEST_NAME
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if "encoding" not in rows[0]:
        rows = [rows[0] + ["encoding"]] + [row + [""] for row in rows[1:]]
    for index, (name, (data, encoding)) in enumerate(docs.items()):
        (seeds / name).write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        fields = {
            "source_id": f"hostile{index}",
            "file": name,
            "sha256": digest,
            "title": f"Hostile {name}",
            "published": "2024-06",
            "language": "mixed",
            "notes": "added by test_hostile_inputs",
            "encoding": encoding,
        }
        rows.append([fields.get(column, "") for column in rows[0]])
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def one_megabyte_line() -> bytes:
    """Return about 1 MB of seed text as a single line (no line breaks at all)."""
    line = SEED_TEXT.replace("\r", " ").replace("\n", " ").encode("utf-8")
    data = (line * (1_000_000 // len(line) + 1))[:1_000_000]
    return data.decode("utf-8", "ignore").encode("utf-8")


# ---------------------------------------------------------------- extract: encodings
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf8-crlf-cr"],
)
def test_extract_bom_and_mixed_line_endings_keep_offsets(tmp_path, encode):
    data = encode(SAMPLE)
    doc = tmp_path / "doc.txt"
    doc.write_bytes(data)
    result = run_cli("extract", str(doc))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""
    text = decode_expected(data)
    assert text == SAMPLE
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["surface"] for r in records] == ["117款", "5家", "12450篇"]
    assert all(text[r["start"] : r["end"]] == r["surface"] for r in records)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_extract_refuses_undeclared_gb_encodings_naming_the_fix(tmp_path, encoding):
    doc = tmp_path / f"{encoding}.txt"
    doc.write_bytes(SAMPLE.encode(encoding))
    line = assert_user_error(run_cli("extract", str(doc)), str(doc), "not valid UTF-8")
    assert "declare its encoding" in line and "re-save" in line


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("nul.txt", "美国有5家\x00公司".encode(), "NUL bytes"),
        ("image.txt", BINARY, "NUL bytes"),
        ("half.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "after its byte-order mark"),
    ],
)
def test_extract_refuses_binary_and_nul_with_one_line(tmp_path, name, data, needle):
    doc = tmp_path / name
    doc.write_bytes(data)
    assert_user_error(run_cli("extract", str(doc)), f"error: {doc}:", needle)


def test_extract_fifty_megabytes_finishes(tmp_path):
    doc = tmp_path / "big.txt"
    chunk = SEED_TEXT.encode("utf-8")
    with doc.open("wb") as handle:
        for _ in range(50_000_000 // len(chunk) + 1):
            handle.write(chunk)
    out = tmp_path / "big.jsonl"
    result = run_cli("extract", str(doc), "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    with out.open(encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    assert first["surface"] == "117款"
    assert out.stat().st_size > 1_000_000


def test_extract_one_megabyte_line(tmp_path):
    data = one_megabyte_line()
    doc = tmp_path / "line.txt"
    doc.write_bytes(data)
    result = run_cli("extract", str(doc), "--format", "csv", "--out", str(tmp_path / "m.csv"))
    assert result.returncode == 0, result.stderr
    text = data.decode("utf-8")
    with (tmp_path / "m.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 1000
    assert all(text[int(r["start"]) : int(r["end"])] == r["surface"] for r in rows)


# ---------------------------------------------------------------- validate: manifest abuse
def test_validate_odd_but_valid_documents_are_listed_as_uncurated(tmp_path, seeds_copy):
    """BOMs, declared GB18030, mixed line endings, an empty file, a 1 MB line, extra columns."""
    docs = {
        "bom8.txt": (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), ""),
        "le.txt": (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), ""),
        "be.txt": (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), ""),
        "gb.txt": (SAMPLE.encode("gb18030"), "gb18030"),
        "empty.txt": (b"", ""),
        "line.txt": (one_megabyte_line(), ""),
    }
    add_documents(seeds_copy, docs)
    (seeds_copy / "folder.txt").mkdir()  # a folder named like a document is not one
    before = snapshot(seeds_copy)
    result = run_cli("validate", "--seeds", str(seeds_copy))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for index in range(4):
        assert f"not yet curated: hostile{index} (3 body numbers" in result.stdout
    assert "not yet curated: hostile4 (0 body numbers" in result.stdout
    assert "not yet curated: hostile5 (" in result.stdout
    assert snapshot(seeds_copy) == before


def write_manifest_row(seeds: Path, **changes: str) -> None:
    """Append a row for a new document ``new.txt`` to ``seeds``, with ``changes`` applied."""
    data = "新文章：中国发布了300篇论文。\n".encode()
    (seeds / "new.txt").write_bytes(data)
    row = {
        "source_id": "newdoc",
        "file": "new.txt",
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": "新文章",
        "publisher": "",
        "author": "",
        "published": "2024-10",
        "url": "",
        "language": "zh-Hans",
        "notes": "",
    }
    row.update(changes)
    append_source(seeds, **row)


@pytest.mark.parametrize(
    ("changes", "needles"),
    [
        ({"file": "../../etc/passwd"}, ["sources.csv:7:", "plain file name"]),
        ({"file": "/etc/passwd"}, ["sources.csv:7:", "plain file name"]),
        ({"source_id": "itif_review"}, ["sources.csv:7:", "duplicate source_id 'itif_review'"]),
        ({"sha256": "0" * 64}, ["sources.csv:7:", "sha256 mismatch for new.txt", "restore"]),
        ({"language": "zh-CN"}, ["sources.csv:7:", "language 'zh-CN' is unknown", "use one of"]),
        ({"published": "2024-02-30"}, ["sources.csv:7:", "not a real date", "fix the month"]),
        ({"title": ""}, ["sources.csv:7:", "field 'title' is empty"]),
    ],
    ids=["dotdot", "absolute", "duplicate-id", "wrong-sha", "language", "feb30", "no-title"],
)
def test_validate_manifest_abuse_is_one_line_naming_file_line_and_fix(
    tmp_path, seeds_copy, changes, needles
):
    write_manifest_row(seeds_copy, **changes)
    outside = snapshot(tmp_path.parent, hashes=False)
    seeds_before = snapshot(seeds_copy)
    line = assert_user_error(run_cli("validate", "--seeds", str(seeds_copy)), *needles)
    assert str(seeds_copy / "sources.csv") in line
    assert snapshot(tmp_path.parent, hashes=False) == outside
    assert snapshot(seeds_copy) == seeds_before


@pytest.mark.parametrize(
    ("edit", "needles"),
    [
        ("missing_column", ["sources.csv:1:", "missing required column 'language'"]),
        ("gb_undeclared", ["gb.txt", "not valid UTF-8", "encoding column"]),
        ("bad_declared", ["gb.txt", "unknown encoding 'rot13'"]),
        ("wrong_declared", ["gb.txt", "is not valid ascii", "fix the declared encoding"]),
        ("binary", ["image.txt", "NUL bytes"]),
        ("unlisted", ["stray.txt: document has no row", "sha256"]),
    ],
)
def test_validate_refuses_bad_seeds_with_one_line(seeds_copy, edit, needles):
    manifest = seeds_copy / paths.MANIFEST_NAME
    if edit == "missing_column":
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(text.replace(",language,", ",lang,", 1), encoding="utf-8")
    elif edit == "binary":
        add_documents(seeds_copy, {"image.txt": (BINARY, "")})
    elif edit == "unlisted":
        (seeds_copy / "stray.txt").write_bytes(SAMPLE.encode())
    else:
        declared = {"gb_undeclared": "", "bad_declared": "rot13", "wrong_declared": "ascii"}
        add_documents(seeds_copy, {"gb.txt": (SAMPLE.encode("gb18030") + b"!", declared[edit])})
    assert_user_error(run_cli("validate", "--seeds", str(seeds_copy)), "error: ", *needles)


# ---------------------------------------------------------------- report: parameters
def test_report_unknown_lang_is_one_usage_line(tmp_path):
    result = run_cli("report", "--lang", "fr", "--out", str(tmp_path / "r"))
    assert result.returncode == 2
    assert_user_error(result, "--lang", "'fr'", "--help")
    assert not (tmp_path / "r").exists()


def test_report_out_is_a_file(tmp_path):
    target = tmp_path / "file.html"
    target.write_text("keep me", encoding="utf-8")
    assert_user_error(
        run_cli("report", "--lang", "en", "--out", str(target)), "output path is a file"
    )
    assert target.read_text(encoding="utf-8") == "keep me"


def test_report_out_inside_seeds_is_refused_and_seeds_unchanged(seeds_copy):
    before = snapshot(seeds_copy)
    out = seeds_copy / "reports"
    result = run_cli("report", "--lang", "en", "--seeds", str(seeds_copy), "--out", str(out))
    assert_user_error(result, str(out), "inside the seeds folder", "a folder outside it")
    assert snapshot(seeds_copy) == before


@pytest.mark.parametrize("as_of", ["2024-13-45", "2024-02-30", "yesterday", "24/8/2024"])
def test_report_malformed_as_of(tmp_path, as_of):
    out = tmp_path / "r"
    result = run_cli("report", "--lang", "en", "--as-of", as_of, "--out", str(out))
    assert_user_error(result, f"--as-of {as_of!r}", "date")
    assert not out.exists()


# ---------------------------------------------------------------- report: one full build
def test_report_builds_odd_documents_and_writes_only_its_outputs(tmp_path, seeds_copy):
    """One build: BOM, UTF-16, declared GB18030, CR/CRLF and a 1 MB line, all listed as sources."""
    docs = {
        "bom8.txt": (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), ""),
        "le.txt": (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), ""),
        "be.txt": (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), ""),
        "gb.txt": (SAMPLE.encode("gb18030"), "gb18030"),
        "line.txt": (one_megabyte_line(), ""),
    }
    add_documents(seeds_copy, docs)
    seeds_before = snapshot(seeds_copy)
    outside = snapshot(tmp_path.parent, hashes=False)
    out = tmp_path / "site"
    result = run_cli(
        "report", "--lang", "en", "--quiet", "--seeds", str(seeds_copy), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert snapshot(seeds_copy) == seeds_before
    after = snapshot(tmp_path.parent, hashes=False)
    prefix = os.path.join(tmp_path.name, "site")
    new = {k for k in set(after) - set(outside) if not k.startswith(prefix)}
    assert new == set(), new
    sources_page = (out / "en" / "sources.html").read_text(encoding="utf-8")
    for name in docs:
        assert f"Hostile {name}" in sources_page, name
    assert "12450" in sources_page and "117" in sources_page
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]
