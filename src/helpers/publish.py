"""Publish a built report into --out: replace only folders this tool wrote, swap each whole.

Layout inside ``--out`` (everything here is created by this module):

* ``<lang>/`` — a published language, with ``.china-us-ai-report`` listing every file written;
* ``.staging-<pid>/`` — a build's staging folder, with ``.owner`` holding the builder's pid;
* ``.<lang>.previous/`` — the old copy of a language during its swap (seconds at most);
* ``.china-us-ai-report.lock`` — held by the build publishing into this folder.

A swap is two renames on one file system (the staging folder is inside ``--out``). A build
killed between them leaves ``.<lang>.previous``; the next build puts it back before anything
else. Folders are deleted only when their marker proves this tool wrote them.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.errors import UserError, escape_line

MARKER = ".china-us-ai-report"
MARKER_HEADER = "written by china-us-ai-report; this folder is replaced by each build\n"
OWNER = ".owner"
OWNER_PREFIX = "china-us-ai-report staging, pid "
LOCK_NAME = ".china-us-ai-report.lock"
_STAGE_NAME = re.compile(r"\.staging-([0-9]{1,10})")


def write_marker(folder: Path) -> None:
    """Write the marker listing every file under ``folder`` (sorted, so builds stay identical)."""
    folder = Path(folder)
    files = (p for p in folder.rglob("*") if p.is_file() and p.name != MARKER)
    names = sorted(p.relative_to(folder).as_posix() for p in files)
    (folder / MARKER).write_text(MARKER_HEADER + "".join(f"{n}\n" for n in names), "utf-8")


def read_marker(folder: Path) -> set[str] | None:
    """Return the files a marker lists, or None when ``folder`` is not one this tool wrote."""
    marker = Path(folder) / MARKER
    try:
        if Path(folder).is_symlink() or marker.is_symlink() or not marker.is_file():
            return None
        text = marker.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(MARKER_HEADER):
        return None
    return set(text[len(MARKER_HEADER) :].splitlines())


OLD_PACKAGE_NAME = "china-us-generative-ai-ledger"  # the data package every report publishes


def is_unmarked_report(target: Path) -> bool:
    """Return True for a folder laid out as one language of this report (index, build page and
    its data package), as versions before the marker wrote it."""
    descriptor = Path(target) / "data" / "datapackage.json"
    if not (Path(target) / "build.html").is_file() or not descriptor.is_file():
        return False
    try:
        return json.loads(descriptor.read_text(encoding="utf-8")).get("name") == OLD_PACKAGE_NAME
    except (OSError, ValueError, AttributeError):
        return False


def check_replaceable(target: Path) -> None:
    """Raise UserError unless ``target`` is absent or a folder this tool wrote, unchanged in kind.

    A file that is not in the marker's list was put there by someone else: it is never deleted.
    """
    target = Path(target)
    if not target.exists() and not target.is_symlink():
        return
    listed = read_marker(target)
    if listed is None and is_unmarked_report(target):
        raise UserError(
            f"{escape_line(str(target))}: a report built by a version of this tool from before it "
            f"marked its folders (no {MARKER}); it is never deleted unasked: remove it yourself "
            "if you kept nothing in it, or pass --out another folder"
        )
    if listed is None or not target.is_dir():
        raise UserError(
            f"{escape_line(str(target))}: exists and was not written by this tool (no {MARKER}); "
            "move it away or pass --out another folder"
        )
    for path in sorted(target.rglob("*")):
        name = path.relative_to(target).as_posix()
        if path.is_symlink() or (not path.is_dir() and name not in listed and name != MARKER):
            raise UserError(
                f"{escape_line(str(path))}: was not written by this tool; move it out of "
                f"{escape_line(str(target))} before publishing (the folder is replaced whole)"
            )


def is_running(pid: int) -> bool:
    """Return True if a process with ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def write_owner(folder: Path) -> None:
    """Mark ``folder`` as created by this process (its pid in the owner file)."""
    (Path(folder) / OWNER).write_text(f"{OWNER_PREFIX}{os.getpid()}\n", "utf-8")


def read_owner(stage: Path) -> int | None:
    """Return the pid recorded in a folder's owner file, or None if it is not one of ours."""
    stage = Path(stage)
    owner = stage / OWNER
    try:
        if stage.is_symlink() or owner.is_symlink() or not owner.is_file():
            return None
        text = owner.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(OWNER_PREFIX) or not text[len(OWNER_PREFIX) :].strip().isdigit():
        return None
    return int(text[len(OWNER_PREFIX) :])


def make_stage(out: Path) -> Path:
    """Create this build's staging folder inside ``out`` (same file system), marked as ours."""
    stage = Path(out) / f".staging-{os.getpid()}"
    if stage.exists() or stage.is_symlink():
        if read_owner(stage) != os.getpid():
            raise UserError(f"{escape_line(str(stage))}: exists and is not ours; move it away")
        shutil.rmtree(stage)
    stage.mkdir()
    write_owner(stage)
    return stage


def copy_into(source: Path, target: Path) -> None:
    """Copy every file under ``source`` into ``target``, making folders as needed. The first
    OSError propagates as it is (``shutil.copytree`` bundles errors into ``shutil.Error`` and
    loses the errno that tells a full disk from a read-only one)."""
    for path in sorted(Path(source).rglob("*")):
        dest = Path(target) / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


def remove_stage(stage: Path) -> None:
    """Delete a staging folder if this process created it."""
    if read_owner(Path(stage)) == os.getpid():
        shutil.rmtree(stage, ignore_errors=True)


def remove_stale_stages(out: Path) -> list[Path]:
    """Delete staging folders in ``out`` that carry our owner file and whose builder is gone."""
    removed = []
    with os.scandir(out) as entries:
        names = sorted(e.name for e in entries if _STAGE_NAME.fullmatch(e.name))
    for name in names:
        stage = Path(out) / name
        pid = read_owner(stage)
        if pid is not None and pid == int(_STAGE_NAME.fullmatch(name).group(1)):
            if not is_running(pid):
                shutil.rmtree(stage, ignore_errors=True)
                removed.append(stage)
    return removed


def recover_swaps(out: Path, langs) -> list[str]:
    """Finish swaps a killed build left half done: put the old copy back or drop it."""
    restored = []
    for lang in langs:
        previous, target = Path(out) / f".{lang}.previous", Path(out) / lang
        if read_marker(previous) is None:
            continue
        if target.exists() or target.is_symlink():
            shutil.rmtree(previous)
        else:
            previous.rename(target)
            restored.append(lang)
    return restored


def swap_in(stage: Path, out: Path, langs) -> None:
    """Replace each ``out/lang`` by ``stage/lang``, one language at a time, old copy kept aside."""
    for lang in langs:
        target, previous = Path(out) / lang, Path(out) / f".{lang}.previous"
        check_replaceable(target)
        write_marker(Path(stage) / lang)
        if target.exists():
            target.rename(previous)
        (Path(stage) / lang).rename(target)
        if previous.exists():
            shutil.rmtree(previous)


@contextmanager
def lock_output(out: Path, verbosity: int = 1) -> Iterator[None]:
    """Hold the output folder's lock; a second build into the same folder waits its turn."""
    path = Path(out) / LOCK_NAME
    if path.is_symlink():
        raise UserError(f"{escape_line(str(path))}: is a symbolic link; remove it")
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if verbosity > 0:
                print(
                    f"note: another build is publishing into {escape_line(str(out))}; waiting",
                    file=sys.stderr,
                )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
