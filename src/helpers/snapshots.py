"""Pinned primary-data snapshots: the table in data/snapshots.csv and ``fetch`` (mirror or url)."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from helpers import paths
from helpers.errors import UserError
from helpers.textio import read_csv_rows

SNAPSHOTS_FILE = "snapshots.csv"
SNAPSHOT_COLUMNS = (
    "snapshot_id",
    "producer",
    "title",
    "url",
    "sha256",
    "licence",
    "licence_url",
    "retrieved",
    "citation",
    "notes",
)
DEFAULT_OUT = paths.SNAPSHOTS_DIR
FETCH_HINT = "run python -m helpers fetch"
DOWNLOAD_TIMEOUT = 60  # seconds without data before a download is given up
_SNAPSHOT_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,99}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
# Pinned: http(s) with a 40-hex commit as one path segment (raw.githubusercontent.com/O/R/C/P).
_PINNED = re.compile(r"https?://[^/\s]+(/[^/\s]+)*/[0-9a-f]{40}(/[^/\s]+)+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Snapshot:
    """One row of data/snapshots.csv: a producer's file pinned by url and sha256."""

    snapshot_id: str
    producer: str
    title: str
    url: str
    sha256: str
    licence: str
    licence_url: str
    retrieved: str
    citation: str
    notes: str

    @property
    def file_name(self) -> str:
        """Return the local file name: the snapshot id with the url's extension."""
        return self.snapshot_id + PurePosixPath(unquote(urlparse(self.url).path)).suffix


@dataclass(frozen=True)
class Fetched:
    """What fetch did for one snapshot: where it came from, or the one-line error."""

    snapshot_id: str
    source: str  # present | mirror | download | error
    message: str
    seconds: float

    @property
    def ok(self) -> bool:
        """Return True when the snapshot is in place with the right sha256."""
        return self.source != "error"


def hash_file(path: Path) -> str:
    """Return the hex sha256 of the file at ``path``, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_row(row: dict) -> str | None:
    """Return the first problem with one snapshots.csv row, or None."""
    if not _SNAPSHOT_ID.fullmatch(row["snapshot_id"]):
        return f"snapshot_id {row['snapshot_id']!r} must be lowercase letters, digits, _ . -"
    if not _SHA256.fullmatch(row["sha256"]):
        return f"sha256 {row['sha256']!r} must be 64 lowercase hex digits (sha256sum FILE)"
    if not _PINNED.fullmatch(row["url"]):
        return (
            f"url {row['url']!r} is not pinned; write "
            "https://raw.githubusercontent.com/OWNER/REPO/COMMIT(40 hex)/PATH (spaces as %20)"
        )
    if not _ISO_DATE.fullmatch(row["retrieved"]):
        return f"retrieved {row['retrieved']!r} must be an ISO date (YYYY-MM-DD)"
    for name in ("producer", "title", "licence", "licence_url", "citation"):
        if not row[name].strip():
            return f"{name} is empty; every snapshot needs its producer, title, licence, citation"
    return None


def load_snapshots(data_dir: Path = paths.DATA_DIR) -> list[Snapshot]:
    """Return the rows of ``data_dir``/snapshots.csv; raise UserError naming a bad line."""
    path = Path(data_dir) / SNAPSHOTS_FILE
    if not path.is_file():
        raise UserError(f"{path}: file not found; it lists the primary-data snapshots")
    header, rows = read_csv_rows(path, SNAPSHOTS_FILE)
    missing = [c for c in SNAPSHOT_COLUMNS if c not in header]
    if missing:
        raise UserError(f"{SNAPSHOTS_FILE}:1: missing column(s) {', '.join(missing)}")
    seen: set[str] = set()
    snapshots = []
    for line, row in rows:
        row = {c: row[c].strip() for c in SNAPSHOT_COLUMNS}
        problem = _check_row(row)
        if problem is None and row["snapshot_id"] in seen:
            problem = f"duplicate snapshot_id {row['snapshot_id']!r}; give each file its own id"
        if problem:
            raise UserError(f"{SNAPSHOTS_FILE}:{line}: {problem}")
        seen.add(row["snapshot_id"])
        snapshots.append(Snapshot(**row))
    return snapshots


def find_snapshot(snapshot_id: str, data_dir: Path = paths.DATA_DIR) -> Snapshot:
    """Return the snapshot called ``snapshot_id``; raise UserError if snapshots.csv lacks it."""
    for snapshot in load_snapshots(data_dir):
        if snapshot.snapshot_id == snapshot_id:
            return snapshot
    raise UserError(f"{SNAPSHOTS_FILE}: no snapshot {snapshot_id!r}; add its row")


def _mismatch(snapshot: Snapshot, where: str, actual: str, fix: str) -> str:
    """Return the one-line message for a file whose bytes are not the pinned ones."""
    return (
        f"snapshot {snapshot.snapshot_id}: {where}: expected sha256 {snapshot.sha256}, "
        f"got {actual}; {fix}"
    )


def _copy_verified(snapshot: Snapshot, source: Path, target: Path) -> str | None:
    """Copy ``source`` beside ``target``, check its sha256, rename; return an error or None."""
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        shutil.copyfile(source, temp)
        actual = hash_file(temp)
        if actual != snapshot.sha256:
            return _mismatch(snapshot, f"copy of {source}", actual, "copy it again from the mirror")
        os.chmod(temp, 0o644)  # mkstemp makes it private; a snapshot is public data
        os.replace(temp, target)
        return None
    finally:
        temp.unlink(missing_ok=True)


class _DownloadFailed(Exception):
    """A download that stopped early; carries the sha256 of the bytes received."""

    def __init__(self, reason: str, actual: str) -> None:
        """Keep the reason and what arrived (sha256 and size, or nothing)."""
        super().__init__(reason)
        self.actual = actual


def _download(url: str, output_file, pooch_obj) -> None:
    """Pooch downloader: HTTP without a progress bar; a failure reports what arrived."""
    import pooch
    import requests

    try:
        pooch.HTTPDownloader(progressbar=False, timeout=DOWNLOAD_TIMEOUT)(
            url, output_file, pooch_obj
        )
    except requests.RequestException as exc:
        path = Path(output_file)
        size = path.stat().st_size if path.is_file() else 0
        reason = type(exc).__name__
        if size == 0:
            raise _DownloadFailed(reason, f"nothing (0 bytes, {reason})") from exc
        raise _DownloadFailed(reason, f"{hash_file(path)} ({size} bytes, then {reason})") from exc


def _download_verified(snapshot: Snapshot, target: Path) -> str | None:
    """Download the pinned url with pooch into ``target`` (hash checked); return an error."""
    import pooch

    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)
    fix = f"check the network, or give --mirror DIR holding {snapshot.file_name}"
    try:
        pooch.retrieve(
            snapshot.url,
            known_hash=f"sha256:{snapshot.sha256}",
            fname=target.name,
            path=target.parent,
            downloader=_download,
        )
        os.chmod(target, 0o644)
        return None
    except _DownloadFailed as exc:
        return _mismatch(snapshot, f"download from {snapshot.url} failed", exc.actual, fix)
    except ValueError as exc:  # pooch: the downloaded bytes have another hash
        found = re.search(r"but got ([0-9a-f]{64})", str(exc))
        actual = found.group(1) if found else "another hash"
        return _mismatch(snapshot, f"download from {snapshot.url}", actual, fix)
    finally:
        logger.setLevel(level)


def fetch_snapshot(snapshot: Snapshot, out_dir: Path, mirror: Path | None) -> Fetched:
    """Put one snapshot in ``out_dir``: kept if verified, else from the mirror, else downloaded."""
    start = time.perf_counter()
    target = Path(out_dir) / snapshot.file_name

    def done(source: str, message: str) -> Fetched:
        """Return the result, timed from the start."""
        return Fetched(snapshot.snapshot_id, source, message, time.perf_counter() - start)

    if target.is_file():
        actual = hash_file(target)
        if actual == snapshot.sha256:
            return done("present", f"already in {target}")
        fix = f"delete {target} (changed after fetch) and {FETCH_HINT} again"
        return done("error", _mismatch(snapshot, str(target), actual, fix))
    copy = Path(mirror) / snapshot.file_name if mirror else None
    if copy is not None and copy.is_file():
        actual = hash_file(copy)
        if actual != snapshot.sha256:
            fix = f"restore the producer's file from {snapshot.url} or remove it from the mirror"
            return done("error", _mismatch(snapshot, f"mirror file {copy}", actual, fix))
        error = _copy_verified(snapshot, copy, target)
        return done("error", error) if error else done("mirror", f"copied from {copy}")
    error = _download_verified(snapshot, target)
    return done("error", error) if error else done("download", f"downloaded {snapshot.url}")


def check_fetch_dirs(out_dir: Path, mirror: Path | None, data_dir: Path) -> None:
    """Raise UserError when the mirror is missing or the output overlaps an input folder."""
    out = Path(out_dir).resolve()
    inputs = [Path(data_dir).resolve()]
    if mirror is not None:
        if not Path(mirror).is_dir():
            raise UserError(
                f"--mirror {mirror}: folder not found; give the folder holding the snapshot "
                "files, or leave --mirror out to download them"
            )
        inputs.append(Path(mirror).resolve())
    for folder in inputs:
        if paths.overlaps(out, folder):
            raise UserError(
                f"--out {out_dir} overlaps the input folder {folder}; write snapshots elsewhere "
                f"(default {DEFAULT_OUT})"
            )


def fetch_snapshots(
    data_dir: Path = paths.DATA_DIR, out_dir: Path = DEFAULT_OUT, mirror: Path | None = None
) -> list[Fetched]:
    """Fetch every snapshot of ``data_dir``/snapshots.csv into ``out_dir``; one result each."""
    check_fetch_dirs(out_dir, mirror, data_dir)
    snapshots = load_snapshots(data_dir)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [fetch_snapshot(s, Path(out_dir), mirror) for s in snapshots]


def run_fetch(data_dir: Path, out_dir: Path, mirror: Path | None) -> int:
    """Print one line per snapshot (errors on stderr); return 1 if any failed, else 0."""
    results = fetch_snapshots(data_dir, out_dir, mirror)
    for result in results:
        if result.ok:
            print(
                f"ok: {result.snapshot_id} ({result.source}, {result.seconds:.2f} s): "
                f"{result.message}"
            )
        else:
            print(f"error: {result.message}", file=sys.stderr)
    return 0 if all(r.ok for r in results) else 1


def verified_path(snapshot_id: str, snapshots_dir: Path, data_dir: Path = paths.DATA_DIR) -> Path:
    """Return the fetched file of ``snapshot_id`` after checking its sha256; else UserError."""
    snapshot = find_snapshot(snapshot_id, data_dir)
    path = Path(snapshots_dir) / snapshot.file_name
    if not path.is_file():
        raise UserError(f"{path}: snapshot {snapshot_id} not fetched; {FETCH_HINT}")
    actual = hash_file(path)
    if actual != snapshot.sha256:
        fix = f"delete it and {FETCH_HINT}"
        raise UserError(_mismatch(snapshot, str(path), actual, fix))
    return path
