"""A build's private work folder and the one snapshot of its inputs that it validates and uses.

Two builds never share a work folder, and a build never re-reads the user's folders after the
snapshot: what it validates, keys in the cache, executes and publishes is the same bytes.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.errors import UserError, escape_line
from helpers.publish import is_running, read_owner, write_owner

WORK_PREFIX = "run-"
DATA_SUFFIXES = (".csv", ".json")


@dataclass(frozen=True)
class Snapshot:
    """Copies of the inputs one build reads: seeds, data and notebooks, under ``root``."""

    root: Path
    seeds: Path
    data: Path
    notebooks: Path


def list_regular_files(folder: Path, suffixes: tuple[str, ...], what: str) -> list[Path]:
    """Return the files in ``folder`` ending in ``suffixes``; refuse links and special files."""
    folder = Path(folder)
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        raise UserError(
            f"{escape_line(str(folder))}: {what} directory not found; pass --{what} DIR "
            "pointing to it"
        ) from None
    except OSError as exc:
        raise UserError(
            f"{escape_line(str(folder))}: cannot list the {what} folder ({exc.strerror}); "
            "check the path and its permissions"
        ) from None
    for entry in entries:
        if not entry.name.endswith(suffixes):
            continue
        path = Path(entry.path)
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            raise UserError(
                f"{escape_line(str(path))}: is a symbolic link; {what} files must be regular "
                "files inside the folder (copy the file in instead)"
            )
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise UserError(
                f"{escape_line(str(path))}: is {kind}; rename or remove it (only regular "
                f"{'/'.join(suffixes)} files belong in the {what} folder)"
            )
        found.append(path)
    return found


def check_data_dir(data_dir: Path) -> list[Path]:
    """Return the data folder's tables and descriptors; refuse links and special files."""
    return list_regular_files(data_dir, DATA_SUFFIXES, "data")


def _copy_files(files: list[Path], target: Path) -> None:
    """Copy ``files`` into ``target`` (created), keeping their names."""
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copyfile(path, target / path.name, follow_symlinks=False)


def take_snapshot(
    root: Path, seeds_dir: Path, data_dir: Path, notebooks_dir: Path = paths.NOTEBOOKS_DIR
) -> Snapshot:
    """Copy the seeds (documents and manifest), data tables and chapter notebooks under ``root``."""
    snap = Snapshot(root, root / "seeds", root / "data", root / "notebooks")
    seeds = list_regular_files(seeds_dir, (".txt", paths.MANIFEST_NAME), "seeds")
    _copy_files(seeds, snap.seeds)
    _copy_files(check_data_dir(data_dir), snap.data)
    _copy_files(list_regular_files(notebooks_dir, (".ipynb",), "notebooks"), snap.notebooks)
    return snap


def make_work_dir(build_dir: Path) -> Path:
    """Create a fresh work folder for this build under ``build_dir/work`` (never shared)."""
    parent = Path(build_dir) / "work"
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale_work_dirs(parent)
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=parent))
    write_owner(work)
    return work


def remove_stale_work_dirs(parent: Path) -> None:
    """Delete work folders left by killed builds (ours by their owner file, builder gone)."""
    with os.scandir(parent) as entries:
        names = sorted(e.name for e in entries if e.name.startswith(WORK_PREFIX))
    for name in names:
        pid = read_owner(parent / name)
        if pid is not None and not is_running(pid):
            shutil.rmtree(parent / name, ignore_errors=True)


def remove_work_dir(work: Path) -> None:
    """Delete this build's work folder."""
    if read_owner(Path(work)) == os.getpid():
        shutil.rmtree(work, ignore_errors=True)


BUILD_MARKER = ".china-us-ai-report-build"
# What an unmarked folder may already hold and still be taken: a cache restored into it (CI)
BUILD_NAMES = frozenset(("cache", "snapshots", "work", BUILD_MARKER))


def claim_build_dir(build_dir: Path, inputs: dict[str, Path]) -> None:
    """Make ``build_dir`` this tool's: refuse one that overlaps an input folder or holds files
    of someone else's (no marker, not the project's build/, and more than a restored cache);
    create it and mark it.

    A build writes ``work/``, ``cache/`` and ``<lang>/`` there, so a folder of the user's is
    never taken for one."""
    build = Path(os.path.realpath(build_dir))
    shown = escape_line(str(build_dir))
    for name, folder in inputs.items():
        if paths.overlaps(build, folder):
            raise UserError(
                f"--build-dir {shown}: overlaps the {name} folder "
                f"{escape_line(os.path.realpath(folder))}; pass a folder of its own"
            )
    if build.exists() and not build.is_dir():
        raise UserError(f"--build-dir {shown}: is a file; pass a folder")
    marked = (build / BUILD_MARKER).is_file()
    ours = build == Path(os.path.realpath(paths.BUILD_DIR))
    if build.is_dir() and not marked and not ours:
        foreign = sorted(p.name for p in build.iterdir() if p.name not in BUILD_NAMES)
        if foreign:
            raise UserError(
                f"--build-dir {shown}: holds {escape_line(foreign[0])}, which this tool did not "
                f"make (no {BUILD_MARKER}); pass a new or empty folder"
            )
    build.mkdir(parents=True, exist_ok=True)
    if not marked:
        (build / BUILD_MARKER).write_text(
            "A build folder of the China–US AI report: cache, executed notebooks, work folders.\n",
            encoding="utf-8",
        )
