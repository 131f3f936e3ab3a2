"""Tests for helpers.corpus: the manifest loader verifies, decodes and names every problem."""

import hashlib
import shutil

import pytest
from conftest import LIVE_ROOT, rewrite_manifest

from helpers import paths
from helpers.corpus import load_sources
from helpers.errors import UserError
from helpers.periods import check_date

SHARED = paths.ROOT.parent / "shared" / "seeds"


def test_loads_the_five_seeds_in_manifest_order():
    sources = load_sources(paths.SEEDS_DIR)
    assert [s.file for s in sources] == sorted(p.name for p in paths.SEEDS_DIR.glob("*.txt"))
    assert len({s.source_id for s in sources}) == len(sources) == 5
    for source in sources:
        assert hashlib.sha256(source.path.read_bytes()).hexdigest() == source.sha256
        assert source.text == source.path.read_text(encoding="utf-8")


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/seeds is not beside this clone")
def test_seeds_are_byte_identical_to_shared():
    for original in sorted(SHARED.glob("*.txt")):
        assert (LIVE_ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()


def test_manifest_fields_are_filled_and_dated():
    for source in load_sources(paths.SEEDS_DIR):
        assert source.meta["title"] and source.meta["publisher"] and source.meta["notes"]
        assert check_date(source.meta["published"]) is None


def test_missing_seeds_dir(tmp_path):
    with pytest.raises(UserError, match="seeds directory not found; pass --seeds"):
        load_sources(tmp_path / "nowhere")


def test_missing_manifest(seeds_copy):
    (seeds_copy / "sources.csv").unlink()
    with pytest.raises(UserError, match="manifest not found"):
        load_sources(seeds_copy)


def test_row_naming_a_missing_file(seeds_copy):
    (seeds_copy / "001_dd538295f9f3217a.txt").unlink()
    with pytest.raises(
        UserError, match=r"sources\.csv:3: file '001_dd538295f9f3217a\.txt' not found"
    ):
        load_sources(seeds_copy)


def test_missing_required_column(seeds_copy):
    rewrite_manifest(seeds_copy, "source_id,file,sha256,", "source_id,file,checksum,")
    with pytest.raises(UserError, match=r"sources\.csv:1: missing required column 'sha256'"):
        load_sources(seeds_copy)


def test_wrong_sha256(seeds_copy):
    (seeds_copy / "002_55cd5fa3e41b5150.txt").write_text("篡改过的文本", encoding="utf-8")
    with pytest.raises(
        UserError, match=r"sources\.csv:4: sha256 mismatch for 002_55cd5fa3e41b5150\.txt"
    ):
        load_sources(seeds_copy)


def test_seed_not_utf8(seeds_copy):
    path = seeds_copy / "000_19624ce7a458252b.txt"
    data = path.read_text(encoding="utf-8").encode("gb18030")
    path.write_bytes(data)
    rewrite_manifest(
        seeds_copy, load_sources(paths.SEEDS_DIR)[0].sha256, hashlib.sha256(data).hexdigest()
    )
    with pytest.raises(UserError, match=r"000_19624ce7a458252b\.txt: byte \d+ is not valid UTF-8"):
        load_sources(seeds_copy)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "sub/x.txt", ".."])
def test_paths_cannot_escape_seeds(seeds_copy, bad):
    rewrite_manifest(seeds_copy, "000_19624ce7a458252b.txt", bad)
    with pytest.raises(UserError, match="must be a plain file name inside the seeds directory"):
        load_sources(seeds_copy)


def test_duplicate_source_id(seeds_copy):
    rewrite_manifest(seeds_copy, "thepaper_filings,", "itif_review,")
    with pytest.raises(UserError, match=r"sources\.csv:3: duplicate source_id 'itif_review'"):
        load_sources(seeds_copy)


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13", "24-08", "August 2024"])
def test_impossible_or_malformed_date(seeds_copy, date):
    rewrite_manifest(seeds_copy, ",2024-08,", f",{date},")
    with pytest.raises(UserError, match=r"sources\.csv:2: published"):
        load_sources(seeds_copy)


def test_unknown_language(seeds_copy):
    rewrite_manifest(seeds_copy, ",zh-Hans,", ",zh-CN,")
    with pytest.raises(UserError, match="language 'zh-CN' is unknown"):
        load_sources(seeds_copy)


def test_unlisted_document_is_named_with_its_checksum(seeds_copy):
    (seeds_copy / "new.txt").write_text("新文档", encoding="utf-8")
    digest = hashlib.sha256("新文档".encode()).hexdigest()
    with pytest.raises(UserError, match=f"new.txt: document has no row .* sha256 {digest}"):
        load_sources(seeds_copy)


def test_extra_columns_are_kept_out_of_meta_but_allowed(seeds_copy):
    manifest = seeds_copy / "sources.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",extra"] + [line + ",x" for line in lines[1:]]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(load_sources(seeds_copy)) == 5


def test_declared_encoding_column(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    data = "中国发布的论文数量为12450篇".encode("gb18030")
    (seeds / "gb.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (seeds / "sources.csv").write_text(
        "source_id,file,sha256,title,published,language,encoding\n"
        f"gb,gb.txt,{digest},标题,2024-01,zh-Hans,gb18030\n",
        encoding="utf-8",
    )
    assert load_sources(seeds)[0].text == "中国发布的论文数量为12450篇"


def test_malformed_row_field_count(seeds_copy):
    with open(seeds_copy / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write("only,two\n")
    with pytest.raises(UserError, match=r"sources\.csv:7: 2 fields where the header has 14"):
        load_sources(seeds_copy)


def test_symlinked_document_is_refused(seeds_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    shutil.copy(seeds_copy / "000_19624ce7a458252b.txt", outside)
    (seeds_copy / "000_19624ce7a458252b.txt").unlink()
    (seeds_copy / "000_19624ce7a458252b.txt").symlink_to(outside)
    with pytest.raises(UserError, match="not found in"):
        load_sources(seeds_copy)


def test_a_file_name_cannot_inject_lines_into_messages(seeds_copy):
    import subprocess
    import sys

    (seeds_copy / "x\nerror: all good.txt").write_text("文本", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--seeds", str(seeds_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "x\\nerror: all good.txt: document has no row" in result.stderr


def test_guess_language_reads_chinese_characters_only():
    from helpers.corpus import guess_language

    assert guess_language("How Innovative Is China in AI?") == "en"
    assert guess_language("《2024人工智能指数报告》") == "zh-Hans"
    assert guess_language("人工知能の報告") == "zh-Hans"  # kanji are Han characters too
    assert guess_language("2024 · AI — 100%") == "en"
