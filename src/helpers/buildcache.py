"""Content hashes that decide when a chapter must be executed again, and the cache they key."""

import csv
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.contents import read_inputs

CACHE_FORMAT = "1"


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
    """Return a hash of the Python version and every installed distribution's version."""
    versions = sorted(
        f"{dist.metadata['Name']}=={dist.version}".lower()
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"]
    )
    return hash_bytes(sys.version.encode(), "\n".join(versions).encode())


def select_rows(text: str, column: str, keep: set[str]) -> bytes:
    """Return the CSV header plus only the rows whose ``column`` is in ``keep``, re-serialized."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row.get(column) in keep:
            writer.writerow(row)
    return out.getvalue().encode()


def hash_data_inputs(data_dir: Path, inputs: dict) -> str:
    """Return a hash of the data files a chapter declares, narrowed to its dimensions if given."""
    files = {}
    for name in sorted(inputs.get("data", [])):
        path = Path(data_dir) / name
        # utf-8-sig: a byte-order mark (spreadsheets add one) must not hide the header
        files[name] = (
            path.read_bytes().decode("utf-8-sig", "replace") if path.is_file() else "<missing>"
        )
    dimensions = set(inputs.get("dimensions", []))
    chunks: list[bytes] = []
    if dimensions:
        metrics = files.get("metrics.csv", "")
        ids = {
            row["metric_id"]
            for row in csv.DictReader(io.StringIO(metrics, newline=""))
            if row.get("dimension") in dimensions
        }
        if "metrics.csv" in files:
            files["metrics.csv"] = select_rows(metrics, "dimension", dimensions).decode()
        if "facts.csv" in files:
            files["facts.csv"] = select_rows(files["facts.csv"], "metric_id", ids).decode()
    for name, text in files.items():
        chunks += [name.encode(), text.encode()]
    return hash_bytes(*chunks)


def compute_job_key(notebook_path: Path, parameters: dict, seeds_dir: Path, data_dir: Path) -> str:
    """Return the cache key of one chapter execution: everything its output depends on."""
    raw = Path(notebook_path).read_bytes()
    inputs = read_inputs(json.loads(raw))
    seeds = hash_tree(seeds_dir) if inputs.get("seeds", True) else ""
    return hash_bytes(
        CACHE_FORMAT.encode(),
        raw,
        json.dumps(parameters, sort_keys=True).encode(),
        seeds.encode(),
        (hash_data_inputs(data_dir, inputs) if "data" in inputs else hash_tree(data_dir)).encode(),
        hash_tree(paths.PACKAGE_DIR).encode(),
        hash_environment().encode(),
    )


def store(cache_dir: Path, key: str, files: dict[str, Path]) -> None:
    """Copy ``files`` (name → path) into the cache entry ``key``, atomically."""
    entry = Path(cache_dir) / key
    if entry.is_dir():
        return
    tmp = Path(cache_dir) / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, path in files.items():
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
