"""Tests for helpers.paths: whether two folders overlap."""

from helpers.paths import overlaps


def test_overlaps_sees_the_same_folder_either_nesting_and_links(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert overlaps(tmp_path / "a", tmp_path / "a")
    assert overlaps(tmp_path / "a", tmp_path / "a" / "b")
    assert overlaps(tmp_path / "a" / "b", tmp_path / "a")
    assert overlaps(tmp_path / "link" / "b", tmp_path / "a")
    assert not overlaps(tmp_path / "a", tmp_path / "c")
    assert not overlaps(tmp_path / "a", tmp_path / "ab")
