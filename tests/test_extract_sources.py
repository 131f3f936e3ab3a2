"""``extract`` inputs at archive scale: folder trees and JSONL, one document per line (issue 16)."""

import io
import json
import os
from pathlib import Path

import pytest
from extract_corpus import make_slice, run_extract

from helpers import docsource
from helpers.docsource import escape_name, parse_jsonl_line
from helpers.errors import UserError
from helpers.extract import write_mentions


def _records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


def _write_tree(root: Path, names: list[str]) -> dict[str, str]:
    """Write a slice of the seeds at each relative name; return {name: text}."""
    texts = {}
    for i, name in enumerate(names):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        texts[name] = make_slice(i)
        path.write_text(texts[name], encoding="utf-8")
    return texts


def test_folder_tree_is_recursive_in_name_order_with_relative_docs(tmp_path):
    names = ["b.txt", "a/z.txt", "a/b/c.txt", "c/d.txt", "a.txt", "notes.md"]
    _write_tree(tmp_path, names)
    result = run_extract(str(tmp_path), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    docs = list(dict.fromkeys(r["doc"] for r in _records(result.stdout)))
    assert docs == ["a/b/c.txt", "a/z.txt", "a.txt", "b.txt", "c/d.txt"]


def test_symlinks_inside_a_folder_are_not_followed_but_named_ones_are(tmp_path):
    tree = tmp_path / "tree"
    _write_tree(tree, ["a.txt"])
    outside = tmp_path / "outside.txt"
    outside.write_text("美国有5家公司。", encoding="utf-8")
    (tree / "link.txt").symlink_to(outside)
    (tree / "loop").symlink_to(tree)  # a folder that contains itself
    result = run_extract(str(tree), "--jobs", "1")
    assert result.returncode == 0
    assert {r["doc"] for r in _records(result.stdout)} == {"a.txt"}
    assert result.stderr.decode().splitlines() == [
        f"note: {tree / 'link.txt'}: symbolic link inside a folder, not followed; "
        "name it on the command line to include it"
    ]
    named = run_extract(str(tree / "link.txt"))
    assert [r["surface"] for r in _records(named.stdout)] == ["5家"]


def test_jsonl_gives_the_records_of_the_same_texts_as_files(tmp_path, monkeypatch):
    names = [f"d{i:03d}.txt" for i in range(150)]
    texts = _write_tree(tmp_path / "files", names)
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        for name, text in texts.items():
            handle.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    from_files = run_extract(str(tmp_path / "files"), "--jobs", "1")
    from_jsonl = run_extract(str(dump), "--jobs", "2")
    assert from_files.returncode == from_jsonl.returncode == 0
    assert from_jsonl.stdout == from_files.stdout and len(from_files.stdout) > 100_000
    monkeypatch.setattr(docsource, "SLICE_BYTES", 500)  # many small slices: same bytes
    stream = io.StringIO()
    assert write_mentions([dump], "jsonl", stream, io.StringIO()) == 0
    assert stream.getvalue().encode("utf-8") == from_files.stdout


BAD_LINES = [
    (b'{"id": "x", "text": ', "not valid JSON (Expecting value at column 21)"),
    (b'["a", "b"]', "a JSON list where an object is needed"),
    (b'{"text": "5\\u5bb6"}', "field 'id' is missing"),
    (b'{"id": true, "text": "5\\u5bb6"}', "field 'id' is missing, empty or not a string"),
    (b'{"id": "", "text": "5\\u5bb6"}', "field 'id' is missing, empty"),
    (b'{"id": "x"}', "field 'text' is missing or not a string"),
    (b'{"id": "x", "text": 5}', "field 'text' is missing or not a string"),
    (b'{"id": "x", "text": "\xff5\xe5\xae\xb6"}', "byte 21 of the line is not valid UTF-8"),
    (b'{"id": "x", "text": "5\\ud800"}', "unpaired surrogate at character 1"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"id": ' + b"9" * 5000 + b', "text": "5"}', "not valid JSON (Exceeds the limit"),
]


@pytest.mark.parametrize(("line", "problem"), BAD_LINES, ids=range(len(BAD_LINES)))
def test_bad_jsonl_line_is_one_error_naming_file_line_and_fix(tmp_path, line, problem):
    dump = tmp_path / "dump.jsonl"
    good = '{"id": "before", "text": "美国有5家公司。"}\n'.encode()
    dump.write_bytes(good + line + b"\n" + good.replace(b"before", b"after"))
    result = run_extract(str(dump), "--jobs", "1")
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"error: {dump}:2: "), errors
    assert problem in errors[0] and "; " in errors[0]  # the fix follows the problem
    assert [r["doc"] for r in _records(result.stdout)] == ["before", "after"]


def test_jsonl_bom_crlf_blank_lines_integer_ids_and_empty_text(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(
        b'\xef\xbb\xbf{"id": 1, "text": "\xe7\xbe\x8e\xe5\x9b\xbd\xe6\x9c\x895\xe5\xae\xb6"}\r\n'
        b"\n   \n"
        b'{"id": "two", "text": "  "}\n'
        b'{"id": "three", "text": "\\u4e2d\\u56fd\\u67097\\u5bb6"}'  # no newline at the end
    )
    result = run_extract(str(dump))
    assert result.returncode == 0, result.stderr
    assert [(r["doc"], r["surface"]) for r in _records(result.stdout)] == [
        ("1", "5家"),
        ("three", "7家"),
    ]
    assert result.stderr.decode().splitlines() == [f"note: {dump}:4: empty document, no mentions"]


def test_jsonl_line_over_max_bytes_is_refused_and_the_rest_runs(tmp_path):
    dump = tmp_path / "dump.jsonl"
    long_text = "美国有5家公司。" * 200
    lines = [
        {"id": "a", "text": "中国有3家。"},
        {"id": "long", "text": long_text},
        {"id": "b", "text": "中国有4家。"},
    ]
    dump.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    result = run_extract(str(dump), "--max-bytes", "1000")
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        f"error: {dump}:2: line is over 1,000 bytes; split the document or raise --max-bytes"
    ]
    assert [r["doc"] for r in _records(result.stdout)] == ["a", "b"]


def test_empty_jsonl_file_is_a_note(tmp_path):
    dump = tmp_path / "empty.jsonl"
    dump.write_bytes(b"")
    result = run_extract(str(dump))
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode().splitlines() == [f"note: {dump}: empty file, no documents"]


def test_folder_with_only_jsonl_is_not_empty(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "x", "text": "有5家"}\n', encoding="utf-8")
    result = run_extract(str(tmp_path))
    assert result.returncode == 0 and result.stderr == b""
    assert [r["doc"] for r in _records(result.stdout)] == ["x"]


def test_parse_jsonl_line_escapes_control_characters_in_the_id():
    doc, text = parse_jsonl_line(b'{"id": "a\\nb\\u001b[31m", "text": "t"}', "f:1")
    assert (doc, text) == ("a\\x0ab\\x1b[31m", "t")
    with pytest.raises(UserError, match=r"^f:1: a JSON int where an object is needed"):
        parse_jsonl_line(b"5", "f:1")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain 中文 name.txt", "plain 中文 name.txt"),
        ("a\nb.txt", "a\\x0ab.txt"),
        ("\x1b[2Jx\r.txt", "\\x1b[2Jx\\x0d.txt"),
        ("line\u2028sep", "line\\u2028sep"),
        (os.fsdecode(b"bad\xff.txt"), "bad\\udcff.txt"),
    ],
)
def test_escape_name_leaves_no_control_character(raw, shown):
    assert escape_name(raw) == shown
    assert escape_name(raw).isprintable()


def test_a_folder_tree_deeper_than_the_recursion_limit(tmp_path):
    root = tmp_path / "tree"
    folders = [root.joinpath(*["d"] * depth) for depth in range(0, 1201)]
    try:
        for folder in folders:  # walked with a stack, not recursion
            folder.mkdir()
        (folders[-1] / "x.txt").write_text("美国有5家公司。", encoding="utf-8")
        result = run_extract(str(root), "--jobs", "1")
    finally:  # shutil.rmtree (pytest's clean-up) recurses, so remove the tree here
        (folders[-1] / "x.txt").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.exists():
                folder.rmdir()
    assert result.returncode == 0 and result.stderr == b""
    assert [r["doc"] for r in _records(result.stdout)] == ["d/" * 1200 + "x.txt"]
