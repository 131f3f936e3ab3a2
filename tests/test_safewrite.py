"""Tests for helpers.safewrite: files are written aside, then renamed; never half a file."""

import os

import pytest

from helpers import safewrite
from helpers.safewrite import place_new, replace_file


def test_replace_file_writes_and_keeps_the_mode(tmp_path):
    target = tmp_path / "facts.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    replace_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]


def test_replace_file_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "facts.csv"
    target.write_bytes(b"old")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite.os, "replace", fail)
    with pytest.raises(OSError):
        replace_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]


def test_place_new_never_replaces_a_file(tmp_path):
    target = tmp_path / "doc.txt"
    place_new(target, b"first")
    with pytest.raises(FileExistsError):
        place_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_place_new_without_hard_links_still_refuses_an_existing_file(tmp_path, monkeypatch):
    def no_links(*_args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(safewrite.os, "link", no_links)
    target = tmp_path / "doc.txt"
    place_new(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        place_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]
