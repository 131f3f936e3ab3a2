"""Publishing replaces only folders this tool wrote, swaps each language whole, and recovers."""

import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from helpers import publish
from helpers.errors import UserError


def make_built(folder, text="new"):
    """Create a language folder as a build stages it (no marker yet)."""
    (folder / "data").mkdir(parents=True)
    (folder / "index.html").write_text(text, "utf-8")
    (folder / "data" / "facts.csv").write_text("a,b\n", "utf-8")
    return folder


def make_published(out, lang="en", text="old"):
    """Create a published language folder with its marker."""
    folder = make_built(out / lang, text)
    publish.write_marker(folder)
    return folder


def test_marker_lists_every_file_sorted_and_is_deterministic(tmp_path):
    folder = make_published(tmp_path)
    marker = (folder / publish.MARKER).read_text("utf-8")
    assert marker == publish.MARKER_HEADER + "data/facts.csv\nindex.html\n"
    assert publish.read_marker(folder) == {"data/facts.csv", "index.html"}


def test_swap_replaces_a_folder_this_tool_wrote(tmp_path):
    out = tmp_path / "out"
    make_published(out)
    stage = publish.make_stage(out)
    make_built(stage / "en")
    publish.swap_in(stage, out, ["en"])
    assert (out / "en" / "index.html").read_text("utf-8") == "new"
    assert publish.read_marker(out / "en") == {"data/facts.csv", "index.html"}
    assert not (out / ".en.previous").exists()


def test_a_users_folder_is_never_replaced(tmp_path):
    out = tmp_path / "out"
    (out / "en").mkdir(parents=True)
    (out / "en" / "notes.md").write_text("mine", "utf-8")
    stage = publish.make_stage(out)
    make_built(stage / "en")
    with pytest.raises(UserError, match=r"en: exists and was not written by this tool"):
        publish.swap_in(stage, out, ["en"])
    assert (out / "en" / "notes.md").read_text("utf-8") == "mine"


def test_a_users_file_inside_a_published_folder_stops_the_swap(tmp_path):
    out = tmp_path / "out"
    make_published(out)
    (out / "en" / "notes.md").write_text("mine", "utf-8")
    with pytest.raises(UserError, match=r"notes\.md: was not written by this tool; move it out"):
        publish.check_replaceable(out / "en")
    assert (out / "en" / "notes.md").is_file()


@pytest.mark.parametrize("kind", ["file", "symlink", "forged marker"])
def test_things_that_only_look_like_a_report_are_refused(tmp_path, kind):
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = make_published(tmp_path / "elsewhere")
    if kind == "file":
        (out / "en").write_text("a file", "utf-8")
    elif kind == "symlink":
        (out / "en").symlink_to(elsewhere, target_is_directory=True)
    else:
        (out / "en").mkdir()
        (out / "en" / publish.MARKER).write_text("anything else\n", "utf-8")
    with pytest.raises(UserError, match="was not written by this tool"):
        publish.check_replaceable(out / "en")


def test_interrupted_swap_is_restored_before_anything_else(tmp_path):
    out = tmp_path / "out"
    old = make_published(out, text="old")
    old.rename(out / ".en.previous")  # killed between the two renames
    assert publish.recover_swaps(out, ["zh", "en"]) == ["en"]
    assert (out / "en" / "index.html").read_text("utf-8") == "old"


def test_swap_interrupted_after_the_second_rename_drops_the_old_copy(tmp_path):
    out = tmp_path / "out"
    make_published(out, text="new")
    make_published(out, lang=".en.previous", text="old")
    assert publish.recover_swaps(out, ["en"]) == []
    assert not (out / ".en.previous").exists()
    assert (out / "en" / "index.html").read_text("utf-8") == "new"


def test_a_users_folder_named_like_a_previous_copy_is_left_alone(tmp_path):
    out = tmp_path / "out"
    (out / ".en.previous").mkdir(parents=True)
    (out / ".en.previous" / "keep.txt").write_text("mine", "utf-8")
    publish.recover_swaps(out, ["en"])
    assert (out / ".en.previous" / "keep.txt").is_file()
    assert not (out / "en").exists()


def dead_pid():
    """Return the pid of a process that has exited."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_stale_stages_of_dead_builds_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "o[u]t*"  # glob characters in the name must not widen the match
    out.mkdir()
    pid = dead_pid()
    ours = out / f".staging-{pid}"
    ours.mkdir()
    (ours / publish.OWNER).write_text(f"{publish.OWNER_PREFIX}{pid}\n", "utf-8")
    unmarked = out / f".staging-{pid + 1}"
    unmarked.mkdir()
    live = out / f".staging-{os.getpid()}"
    live.mkdir()
    (live / publish.OWNER).write_text(f"{publish.OWNER_PREFIX}{os.getpid()}\n", "utf-8")
    sibling = tmp_path / f".o[u]t*.staging-{pid}"  # the old naming, beside --out
    sibling.mkdir()
    forged = out / f".staging-{pid + 2}"  # an owner file naming another pid
    forged.mkdir()
    (forged / publish.OWNER).write_text(f"{publish.OWNER_PREFIX}{pid}\n", "utf-8")
    assert publish.remove_stale_stages(out) == [ours]
    assert unmarked.is_dir() and live.is_dir() and sibling.is_dir() and forged.is_dir()


def test_remove_stage_deletes_only_this_process_stage(tmp_path):
    stage = publish.make_stage(tmp_path)
    other = tmp_path / ".staging-1"
    other.mkdir()
    publish.remove_stage(stage)
    publish.remove_stage(other)
    assert not stage.exists() and other.is_dir()


def test_second_build_into_the_same_folder_waits_for_the_lock(tmp_path, capsys):
    order = []
    held = threading.Event()

    def first():
        with publish.lock_output(tmp_path):
            held.set()
            time.sleep(0.5)
            order.append("first")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    with publish.lock_output(tmp_path):
        order.append("second")
    thread.join()
    assert order == ["first", "second"]
    assert "another build is publishing" in capsys.readouterr().err


def test_a_report_from_before_the_marker_is_named_as_such_and_kept(tmp_path):
    old = tmp_path / "zh"
    (old / "data").mkdir(parents=True)
    (old / "build.html").write_text("<p>old</p>", encoding="utf-8")
    (old / "data" / "datapackage.json").write_text(
        '{"name": "china-us-generative-ai-ledger"}', encoding="utf-8"
    )
    with pytest.raises(UserError, match="from before it marked its folders") as info:
        publish.check_replaceable(old)
    assert "\n" not in str(info.value) and "remove it yourself" in str(info.value)
    assert (old / "build.html").read_text(encoding="utf-8") == "<p>old</p>"  # nothing deleted
    (old / "data" / "datapackage.json").write_text('{"name": "mine"}', encoding="utf-8")
    with pytest.raises(UserError, match="was not written by this tool"):
        publish.check_replaceable(old)  # a folder of someone else's: the general message


def test_copy_into_merges_folders_and_keeps_the_errno_of_a_failure(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "data").mkdir(parents=True)
    (source / "page.html").write_text("p")
    (source / "data" / "facts.csv").write_text("f")
    (target / "data").mkdir(parents=True)
    (target / "index.html").write_text("i")
    publish.copy_into(source, target)
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == ["data/facts.csv", "index.html", "page.html"]
    (tmp_path / "blocked").write_text("a file where a folder goes")
    with pytest.raises(OSError) as caught:
        publish.copy_into(source, tmp_path / "blocked")
    assert type(caught.value) is not shutil.Error and caught.value.errno is not None
