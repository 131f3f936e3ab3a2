"""Tests for helpers.intake (``add``): a byte-identical copy and one checked manifest row, or one
line and nothing written."""

import shutil

import pytest
from conftest import EXAMPLE_ARTICLE, EXAMPLE_ID, fill_english_names, snapshot_folder

from helpers import paths
from helpers.cli import main
from helpers.corpus import compute_sha256, load_sources
from helpers.intake import add_document, derive_source_id
from helpers.validate import audit_dirs

TITLE = "2025年初中美生成式人工智能竞争观察"


def run_add(capsys, seeds, data, file, *options):
    """Run ``add`` in-process; return (exit status, stdout, stderr lines)."""
    status = main(["add", str(file), "--seeds", str(seeds), "--data", str(data), *options])
    out, err = capsys.readouterr()
    return status, out, [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("My Article (2025).txt", set(), "my_article_2025"),
        ("genai_watch_2025_02.txt", {"genai_watch_2025_02"}, "genai_watch_2025_02-2"),
        ("报告.txt", {"doc", "doc-2"}, "doc-3"),
        ("__-x-__.txt", set(), "x"),
        ("a" * 90 + ".txt", set(), "a" * 60),
    ],
)
def test_derive_source_id(name, taken, expected):
    assert derive_source_id(name, taken) == expected


def test_add_copies_the_file_and_appends_one_checked_row(seeds_copy, data_copy, capsys):
    before = (seeds_copy / paths.MANIFEST_NAME).read_bytes()
    status, out, err = run_add(
        capsys, seeds_copy, data_copy, EXAMPLE_ARTICLE, "--published", "2025-02", "--title", TITLE
    )
    assert (status, err) == (0, [])
    copy = seeds_copy / EXAMPLE_ARTICLE.name
    assert copy.read_bytes() == EXAMPLE_ARTICLE.read_bytes()
    after = (seeds_copy / paths.MANIFEST_NAME).read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
    source = load_sources(seeds_copy)[-1]
    assert (source.source_id, source.sha256) == (EXAMPLE_ID, compute_sha256(copy.read_bytes()))
    assert (source.meta["published"], source.meta["language"]) == ("2025-02", "zh-Hans")
    assert f"next: python -m helpers draft {EXAMPLE_ID}" in out
    assert "8 body numbers to curate" in out
    fill_english_names(data_copy)
    audit = audit_dirs(data_copy, seeds_copy)
    assert audit.problems == [] and audit.uncurated == {EXAMPLE_ID: 8}


def test_add_takes_every_option_and_guesses_english(seeds_copy, data_copy, tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("In 2024, 40 models were released in the US.\n", encoding="utf-8")
    fields = {"published": "2025", "title": "A title, with a comma", "publisher": "P",
              "author": "A", "url": "https://example.org/a", "title_en": "T"}  # fmt: skip
    added = add_document(article, seeds_copy, fields, source_id="mine")
    assert added.row["language"] == "en" and added.copied
    source = load_sources(seeds_copy)[-1]
    assert source.source_id == "mine"
    assert {k: source.meta[k] for k in fields} == fields


def test_add_with_an_encoding_adds_the_column_to_every_row(seeds_copy, data_copy, tmp_path):
    article = tmp_path / "gbk.txt"
    article.write_bytes("截至2025年1月，我国已有302款生成式人工智能服务通过备案。".encode("gb18030"))
    add_document(article, seeds_copy, {"published": "2025-02", "title": "GBK"}, encoding="gb18030")
    sources = load_sources(seeds_copy)
    assert sources[-1].text.startswith("截至2025年1月") and len(sources) == 6
    assert all(s.meta["sha256"] for s in sources)


def test_add_keeps_a_crlf_manifest_without_final_newline(seeds_copy, data_copy):
    manifest = seeds_copy / paths.MANIFEST_NAME
    text = manifest.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\r\n")
    manifest.write_bytes(text.encode("utf-8"))
    add_document(EXAMPLE_ARTICLE, seeds_copy, {"published": "2025-02", "title": TITLE})
    data = manifest.read_bytes()
    assert data.startswith(text.encode("utf-8") + b"\r\n") and data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load_sources(seeds_copy)[-1].source_id == EXAMPLE_ID


def test_a_file_already_in_the_seeds_folder_is_listed_without_copying(seeds_copy, data_copy):
    inside = seeds_copy / EXAMPLE_ARTICLE.name
    shutil.copyfile(EXAMPLE_ARTICLE, inside)
    added = add_document(inside, seeds_copy, {"published": "2025-02", "title": TITLE})
    assert not added.copied
    assert load_sources(seeds_copy)[-1].file == EXAMPLE_ARTICLE.name


def _bad_inputs(tmp_path):
    """Yield (file, options, needle) for each bad input ``add`` must refuse."""
    existing = sorted(paths.SEEDS_DIR.glob("*.txt"))[0]
    same_name = tmp_path / "same" / existing.name
    same_name.parent.mkdir()
    same_name.write_text("另一篇文章。", encoding="utf-8")
    same_bytes = tmp_path / "renamed.txt"
    shutil.copyfile(existing, same_bytes)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"abc\x01\x02def")
    invalid = tmp_path / "invalid.txt"
    invalid.write_bytes("中文".encode() + b"\xff abc")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \n")
    not_txt = tmp_path / "article.md"
    shutil.copyfile(EXAMPLE_ARTICLE, not_txt)
    good = EXAMPLE_ARTICLE
    date = ["--title", TITLE, "--published"]
    yield same_name, [*date, "2025-02"], "is already listed"
    yield same_bytes, [*date, "2025-02"], "the same document"
    yield good, [*date, "2025-02", "--source-id", "itif_review"], "is already used"
    yield good, [*date, "2025-02", "--source-id", "Bad Id"], "must be lowercase"
    yield good, [*date, "2025-13"], "not a real date"
    yield good, [*date, "Feb 2025"], "not an ISO date"
    yield good, ["--title", " ", "--published", "2025-02"], "'title' is empty"
    yield binary, [*date, "2025-02"], "NUL bytes"
    yield latin, [*date, "2025-02", "--encoding", "latin-1"], "control character U+0001"
    yield invalid, [*date, "2025-02"], "not valid UTF-8"
    yield good, [*date, "2025-02", "--encoding", "no-such-codec"], "unknown encoding"
    yield empty, [*date, "2025-02"], "has no text"
    yield not_txt, [*date, "2025-02"], "not a .txt file"
    yield tmp_path / "missing.txt", [*date, "2025-02"], "file not found"


def test_bad_input_is_one_line_and_writes_nothing(seeds_copy, data_copy, tmp_path, capsys):
    before = snapshot_folder(seeds_copy), snapshot_folder(data_copy)
    cases = list(_bad_inputs(tmp_path))
    for file, options, needle in cases:
        status, out, err = run_add(capsys, seeds_copy, data_copy, file, *options)
        assert status != 0 and out == "", (needle, out)
        assert len(err) == 1 and needle in err[0] and "Traceback" not in err[0], (needle, err)
        assert (snapshot_folder(seeds_copy), snapshot_folder(data_copy)) == before, needle
    assert len(cases) == 14


def test_a_failing_manifest_write_removes_the_copy(seeds_copy, monkeypatch):
    from helpers import intake

    def fail(*_args):
        raise OSError(28, "No space left on device", str(seeds_copy / paths.MANIFEST_NAME))

    before = snapshot_folder(seeds_copy)
    monkeypatch.setattr(intake, "replace_file", fail)
    with pytest.raises(OSError):
        add_document(EXAMPLE_ARTICLE, seeds_copy, {"published": "2025-02", "title": TITLE})
    assert snapshot_folder(seeds_copy) == before
