"""A build works on its own snapshot of the inputs; links and special files are refused."""

import os

import pytest

from helpers import paths, workspace
from helpers.errors import UserError


def test_snapshot_copies_documents_tables_and_notebooks(tmp_path, seeds_copy, data_copy):
    snap = workspace.take_snapshot(tmp_path / "snap", seeds_copy, data_copy)
    assert sorted(p.name for p in snap.seeds.iterdir()) == sorted(
        p.name for p in seeds_copy.iterdir()
    )
    assert (snap.data / "facts.csv").read_bytes() == (data_copy / "facts.csv").read_bytes()
    assert {p.name for p in snap.notebooks.iterdir()} >= {
        p.name for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")
    }
    (data_copy / "facts.csv").write_text("changed", "utf-8")
    assert (snap.data / "facts.csv").read_text("utf-8") != "changed"


def test_symlink_in_data_is_refused(tmp_path, data_copy):
    (data_copy / "leak.csv").symlink_to("/etc/passwd")
    with pytest.raises(UserError, match=r"leak\.csv: is a symbolic link; data files must be"):
        workspace.check_data_dir(data_copy)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_special_files_named_csv_are_refused(tmp_path, data_copy, kind):
    target = data_copy / "odd.csv"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    with pytest.raises(UserError, match=r"odd\.csv: is (a folder|not a regular file); rename"):
        workspace.check_data_dir(data_copy)


def test_other_folders_in_data_are_ignored(data_copy):
    (data_copy / "drafts").mkdir()
    assert all(p.suffix in (".csv", ".json") for p in workspace.check_data_dir(data_copy))


def test_each_build_gets_its_own_work_folder_and_stale_ones_go(tmp_path):
    first = workspace.make_work_dir(tmp_path)
    second = workspace.make_work_dir(tmp_path)
    assert first != second and first.is_dir() and second.is_dir()
    stale = tmp_path / "work" / "run-1-x"
    stale.mkdir()
    (stale / ".owner").write_text("china-us-ai-report staging, pid 999999999\n", "utf-8")
    strange = tmp_path / "work" / "run-2-y"  # no owner file: not ours
    strange.mkdir()
    workspace.make_work_dir(tmp_path)
    assert not stale.exists() and strange.is_dir() and first.is_dir()
    workspace.remove_work_dir(first)
    assert not first.exists()


def inputs_under(root):
    """Return input folders as build_report names them, made under ``root``."""
    folders = {name: root / name for name in ("seeds", "data", "notebooks")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    return folders


def test_a_new_or_empty_build_dir_is_marked_and_then_accepted(tmp_path):
    inputs = inputs_under(tmp_path / "in")
    for build in (tmp_path / "new" / "build", tmp_path / "empty", tmp_path / "restored"):
        if build.name == "empty":
            build.mkdir()
        if build.name == "restored":  # a cache put back by CI before the build
            (build / "cache" / "charts").mkdir(parents=True)
        workspace.claim_build_dir(build, inputs)
        assert (build / workspace.BUILD_MARKER).is_file()
        (build / "cache").mkdir(exist_ok=True)  # what a build leaves there
        workspace.claim_build_dir(build, inputs)  # marked: taken again


def test_a_users_folder_is_never_taken_for_a_build_dir(tmp_path):
    inputs = inputs_under(tmp_path / "in")
    home = tmp_path / "home"
    (home / "en").mkdir(parents=True)
    (home / "en" / "01_sources.ipynb").write_text("mine", "utf-8")
    with pytest.raises(UserError, match="did not make"):
        workspace.claim_build_dir(home, inputs)
    assert not (home / workspace.BUILD_MARKER).exists()
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(UserError, match="is a file"):
        workspace.claim_build_dir(tmp_path / "file", inputs)


@pytest.mark.parametrize("where", ["inside", "same", "around"])
def test_a_build_dir_overlapping_an_input_is_refused(tmp_path, where):
    inputs = inputs_under(tmp_path / "in")
    build = {
        "inside": inputs["data"] / "build",
        "same": inputs["notebooks"],
        "around": tmp_path / "in",
    }[where]
    with pytest.raises(UserError, match="overlaps the"):
        workspace.claim_build_dir(build, inputs)
