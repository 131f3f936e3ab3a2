"""Tests for helpers.textio: decoding with BOMs, declared encodings and clear refusals."""

import codecs

import pytest

from helpers.errors import UserError
from helpers.textio import decode_bytes, read_text

TEXT = "中国发布的论文数量为12450篇"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_decodes_utf8_and_boms(data):
    assert decode_bytes(data, "x.txt") == TEXT


def test_declared_encoding_decodes_gb18030():
    assert decode_bytes(TEXT.encode("gb18030"), "x.txt", "gb18030") == TEXT


def test_undeclared_gbk_is_refused_with_fix():
    with pytest.raises(UserError, match=r"x\.txt: byte \d+ is not valid UTF-8; re-save"):
        decode_bytes(TEXT.encode("gbk"), "x.txt")


def test_nul_bytes_are_refused():
    with pytest.raises(UserError, match="NUL bytes"):
        decode_bytes(b"abc\x00def", "bin.txt")


def test_unknown_declared_encoding():
    with pytest.raises(UserError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "x.txt", "klingon")


def test_read_text_missing_file(tmp_path):
    with pytest.raises(UserError, match="file not found"):
        read_text(tmp_path / "nope.txt")


def test_read_text_directory(tmp_path):
    with pytest.raises(UserError, match="is a directory"):
        read_text(tmp_path)


def test_unclosed_quote_is_reported_where_it_starts(tmp_path):
    from helpers.textio import read_csv_rows

    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,2\n3,"never closed\n4,5\n6,7\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"^t\.csv:3: malformed CSV"):
        read_csv_rows(path)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_only_regular_files_are_read(tmp_path, kind):
    import os

    from helpers.textio import read_regular_file

    path = tmp_path / "x.csv"
    path.mkdir() if kind == "folder" else os.mkfifo(path)
    with pytest.raises(UserError, match="is a folder|not a regular file"):
        read_regular_file(path)
