"""Content hashes that decide when a chapter must be executed again, and the cache they key."""

import hashlib
import json
import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.chapterdata import render_view
from helpers.contents import read_inputs
from helpers.publish import copy_into

CACHE_FORMAT = "2"  # 2: chapters read their own view of data/ (helpers.chapterdata)


def hash_bytes(*chunks: bytes) -> str:
    """Return the sha256 of length-prefixed chunks (so boundaries cannot be confused)."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(len(chunk).to_bytes(8, "big"))
        digest.update(chunk)
    return digest.hexdigest()


def hash_tree(root: Path, pattern: str = "*") -> str:
    """Return one hash over the relative names and bytes of the files under ``root``."""
    root = Path(root)
    chunks: list[bytes] = []
    for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        chunks += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return hash_bytes(*chunks)


@lru_cache(maxsize=1)
def hash_environment() -> str:
    """Return a hash of the Python version and every installed distribution's version.

    The distributions are the ``NAME-VERSION.dist-info`` (or ``.egg-info``) folders on
    ``sys.path``: their names carry the versions, without parsing every METADATA file."""
    installed = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                installed.update(
                    e.name.lower() for e in found if e.name.endswith((".dist-info", ".egg-info"))
                )
        except OSError:  # a zip file or a missing folder on sys.path
            continue
    return hash_bytes(sys.version.encode(), "\n".join(sorted(installed)).encode())


def hash_data_inputs(data_dir: Path, inputs: dict) -> str:
    """Return a hash of a chapter's view of ``data_dir`` (``helpers.chapterdata``): the data
    files it declares, facts and metrics narrowed to its dimensions, snapshot rows to its
    snapshots. A snapshot row pins its file's sha256, so the row stands for the file."""
    chunks: list[bytes] = []
    for name, text in render_view(data_dir, inputs).items():
        chunks += [name.encode(), text.encode()]
    return hash_bytes(*chunks)


def hash_folder(folder: Path, trees: dict[Path, str] | None = None) -> str:
    """Return ``hash_tree(folder)``, memoized in ``trees`` (one build's folder hashes)."""
    folder = Path(folder)
    if trees is None:
        return hash_tree(folder)
    if folder not in trees:
        trees[folder] = hash_tree(folder)
    return trees[folder]


def compute_job_key(
    notebook_path: Path,
    parameters: dict,
    seeds_dir: Path,
    data_dir: Path,
    trees: dict[Path, str] | None = None,
) -> str:
    """Return the cache key of one chapter execution: everything its output depends on.

    ``trees`` memoizes folder hashes (seeds, package) across the keys of one build."""
    raw = Path(notebook_path).read_bytes()
    inputs = read_inputs(json.loads(raw))
    seeds = hash_folder(seeds_dir, trees) if inputs.get("seeds", True) else ""
    return hash_bytes(
        CACHE_FORMAT.encode(),
        raw,
        json.dumps(parameters, sort_keys=True).encode(),
        seeds.encode(),
        hash_data_inputs(data_dir, inputs).encode(),
        hash_folder(paths.PACKAGE_DIR, trees).encode(),
        hash_environment().encode(),
    )


def chart_cache_dir(cache_dir: Path, trees: dict[Path, str] | None = None) -> Path:
    """Return the folder of chart PNGs (``helpers.chartcache``) for this version of the package
    and of the installed libraries, under ``cache_dir``."""
    package = hash_folder(paths.PACKAGE_DIR, trees)
    version = hash_bytes(package.encode(), hash_environment().encode())
    return Path(cache_dir) / "charts" / version[:16]


def compute_site_keys(
    langs,
    as_of: str,
    seeds_dir: Path,
    data_dir: Path,
    chapters: list[Path],
    trees: dict[Path, str] | None = None,
) -> dict[str, str]:
    """Return the cache key of each language's site pages (index, sources, data, build): the
    seeds, the whole data folder (whose snapshots.csv pins each primary file's sha256), the
    chapters' names, the commit the build page names, and the package and libraries."""
    from helpers.buildinfo import read_commit

    commit, dirty = read_commit()
    shared = hash_bytes(
        b"site",
        CACHE_FORMAT.encode(),
        json.dumps([as_of, [c.stem for c in chapters], commit, dirty]).encode(),
        hash_folder(seeds_dir, trees).encode(),
        hash_folder(data_dir, trees).encode(),
        hash_folder(paths.PACKAGE_DIR, trees).encode(),
        hash_environment().encode(),
    )
    return {lang: hash_bytes(shared.encode(), lang.encode()) for lang in langs}


def store_tree(cache_dir: Path, key: str, folder: Path) -> None:
    """Copy every file under ``folder`` into the cache entry ``key``, atomically."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    store(cache_dir, key, {p.relative_to(folder).as_posix(): p for p in files})


def fetch_tree(cache_dir: Path, key: str, folder: Path) -> bool:
    """Copy the files of the cache entry ``key`` under ``folder``; return False on a miss."""
    entry = Path(cache_dir) / key
    if not entry.is_dir():
        return False
    copy_into(entry, folder)
    return True


def store(cache_dir: Path, key: str, files: dict[str, Path]) -> None:
    """Copy ``files`` (name → path; a name may hold folders) into the cache entry ``key``,
    atomically."""
    entry = Path(cache_dir) / key
    if entry.is_dir():
        return
    tmp = Path(cache_dir) / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, path in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, tmp / name)
    try:
        tmp.rename(entry)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another worker stored the same key first


def is_cached(cache_dir: Path | None, key: str) -> bool:
    """Return True when the cache holds an entry for ``key``."""
    return cache_dir is not None and (Path(cache_dir) / key).is_dir()


def fetch(cache_dir: Path, key: str, targets: dict[str, Path]) -> bool:
    """Copy a cached entry's files to ``targets`` (name → path); return False on a miss."""
    entry = Path(cache_dir) / key
    if not all((entry / name).is_file() for name in targets):
        return False
    for name, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry / name, target)
    return True
