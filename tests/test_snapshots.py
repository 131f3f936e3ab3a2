"""Tests for helpers.snapshots and ``python -m helpers fetch``, on the real snapshot files.

Failures are made with real bytes: a corrupted copy of a real snapshot in a tmp mirror, an
unreachable url (http://127.0.0.1:9/, nothing listens there) and a local HTTP server that sends
only half of a real file.
"""

import hashlib
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import paths
from helpers.errors import UserError
from helpers.snapshots import (
    fetch_snapshots,
    hash_file,
    load_snapshots,
    verified_path,
)

COMMIT = "d1b022d33992622cb9076010485f1258b48f8e0c"
BENCH = "epoch_china_benchmarks_2025-01"


def run_fetch(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m helpers fetch ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", "fetch", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def leftovers(folder: Path) -> list[str]:
    """Return the names in ``folder`` (partial files included), sorted."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def mirror_copy(tmp_path: Path, snapshot_mirror: Path) -> Path:
    """Return a writable copy of the mirror's snapshot files."""
    target = tmp_path / "mirror"
    target.mkdir()
    for snapshot in load_snapshots(paths.DATA_DIR):
        shutil.copyfile(snapshot_mirror / snapshot.file_name, target / snapshot.file_name)
    return target


def data_with_url(tmp_path: Path, snapshot_id: str, url: str) -> Path:
    """Return a data folder whose snapshots.csv gives ``snapshot_id`` the url ``url``."""
    data = tmp_path / "data"
    data.mkdir()
    lines = (paths.DATA_DIR / "snapshots.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        if line.startswith(snapshot_id + ","):
            snap = next(s for s in load_snapshots(paths.DATA_DIR) if s.snapshot_id == snapshot_id)
            line = line.replace(snap.url, url)
        rows.append(line)
    (data / "snapshots.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return data


def test_rows_are_pinned_and_match_the_mirror(snapshot_mirror):
    snapshots = load_snapshots(paths.DATA_DIR)
    assert [s.snapshot_id for s in snapshots] == [
        "epoch_ml_systems_2024-11-22",
        "epoch_china_benchmarks_2025-01",
        "epoch_capabilities_index_2025-11-07",
    ]
    for snap in snapshots:
        assert snap.url.startswith("https://raw.githubusercontent.com/epoch-research/")
        assert " " not in snap.url and snap.licence == "CC-BY-4.0"
        assert hash_file(snapshot_mirror / snap.file_name) == snap.sha256
    assert "All%20ML%20Systems%20-%20full%20view.csv" in snapshots[0].url


def test_fetch_from_mirror_then_keeps_what_is_there(tmp_path, snapshot_mirror):
    out = tmp_path / "out"
    first = fetch_snapshots(paths.DATA_DIR, out, snapshot_mirror)
    assert [r.source for r in first] == ["mirror"] * 3
    stats = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()}
    assert len(stats) == 3
    second = fetch_snapshots(paths.DATA_DIR, out, snapshot_mirror)
    assert [r.source for r in second] == ["present"] * 3
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()} == stats


def test_cli_prints_one_line_per_snapshot(tmp_path, snapshot_mirror):
    result = run_fetch("--mirror", str(snapshot_mirror), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("ok: ") and "(mirror," in line for line in lines)


def test_corrupted_mirror_copy_is_one_line_and_leaves_nothing(tmp_path, mirror_copy):
    name = f"{BENCH}.csv"
    data = bytearray((mirror_copy / name).read_bytes())
    data[100] ^= 1  # one flipped bit
    (mirror_copy / name).write_bytes(bytes(data))
    out = tmp_path / "out"
    result = run_fetch("--mirror", str(mirror_copy), "--out", str(out))
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and "Traceback" not in result.stderr
    expected = load_snapshots(paths.DATA_DIR)[1].sha256
    actual = hashlib.sha256(bytes(data)).hexdigest()
    assert errors[0].startswith(f"error: snapshot {BENCH}: mirror file")
    assert f"expected sha256 {expected}, got {actual}" in errors[0]
    assert "restore the producer's file" in errors[0]
    assert name not in leftovers(out) and len(leftovers(out)) == 2  # the other two, whole


def test_missing_file_without_network(tmp_path, mirror_copy):
    (mirror_copy / f"{BENCH}.csv").unlink()
    data = data_with_url(tmp_path, BENCH, f"http://127.0.0.1:9/o/r/{COMMIT}/bench.csv")
    out = tmp_path / "out"
    result = run_fetch("--mirror", str(mirror_copy), "--data", str(data), "--out", str(out))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    expected = load_snapshots(paths.DATA_DIR)[1].sha256
    assert f"snapshot {BENCH}: download from http://127.0.0.1:9/" in line
    assert f"expected sha256 {expected}, got nothing (0 bytes" in line
    assert "give --mirror DIR" in line
    assert f"{BENCH}.csv" not in leftovers(out) and all(".part" not in n for n in leftovers(out))


class _Server:
    """A local HTTP server that serves ``body`` at any path, whole, cut short or cut off."""

    def __init__(self, body: bytes, mode: str) -> None:
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                half = body[: len(body) // 2]
                sent = half if mode in ("short", "dropped") else body
                self.send_response(200)
                length = len(body) if mode == "dropped" else len(sent)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(sent)
                outer.requests += 1

            def log_message(self, *args):
                pass

        self.requests = 0
        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_port}/o/r/{COMMIT}/bench.csv"

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_download_with_pooch_when_not_in_mirror(tmp_path, mirror_copy):
    body = (mirror_copy / f"{BENCH}.csv").read_bytes()
    (mirror_copy / f"{BENCH}.csv").unlink()
    with _Server(body, "whole") as url:
        data = data_with_url(tmp_path, BENCH, url)
        results = fetch_snapshots(data, tmp_path / "out", mirror_copy)
    assert [r.source for r in results] == ["mirror", "download", "mirror"]
    assert (tmp_path / "out" / f"{BENCH}.csv").read_bytes() == body
    assert leftovers(tmp_path / "out") == sorted(s.file_name for s in load_snapshots(data))


@pytest.mark.parametrize("mode", ["short", "dropped"])
def test_truncated_download_is_one_line_and_leaves_nothing(tmp_path, mirror_copy, mode):
    body = (mirror_copy / f"{BENCH}.csv").read_bytes()
    (mirror_copy / f"{BENCH}.csv").unlink()
    with _Server(body, mode) as url:
        data = data_with_url(tmp_path, BENCH, url)
        out = tmp_path / "out"
        result = run_fetch("--mirror", str(mirror_copy), "--data", str(data), "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"error: snapshot {BENCH}: download from {url}")
    expected = load_snapshots(paths.DATA_DIR)[1].sha256
    found = re.search(r"expected sha256 ([0-9a-f]{64}), got ([0-9a-f]{64})", lines[0])
    assert found and found.group(1) == expected
    if mode == "short":  # the server said the file was short: pooch's hash check catches it
        assert found.group(2) == hashlib.sha256(body[: len(body) // 2]).hexdigest()
    else:  # the connection closed early: the message gives the bytes that arrived
        size = int(re.search(r"\((\d+) bytes, then ChunkedEncodingError\)", lines[0]).group(1))
        assert 0 < size <= len(body) // 2
        assert found.group(2) == hashlib.sha256(body[:size]).hexdigest()
    assert f"{BENCH}.csv" not in leftovers(out)
    assert all(".part" not in n and not n.startswith("tmp") for n in leftovers(out))


def test_changed_file_in_out_is_refused_not_overwritten(tmp_path, snapshot_mirror):
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"{BENCH}.csv"
    target.write_text("a user's own file\n", encoding="utf-8")
    result = run_fetch("--mirror", str(snapshot_mirror), "--out", str(out))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert f"snapshot {BENCH}: {target}" in line and f"delete {target}" in line
    assert target.read_text(encoding="utf-8") == "a user's own file\n"


def test_output_overlapping_the_mirror_is_refused(snapshot_mirror, tmp_path):
    result = run_fetch("--mirror", str(tmp_path), "--out", str(tmp_path / "sub"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "overlaps the input folder" in result.stderr


def test_missing_mirror_folder_is_one_line(tmp_path):
    result = run_fetch("--mirror", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: --mirror") and "folder not found" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("old", "new", "line", "needle"),
    [
        (f"/{COMMIT}/data/China%20benchmark", "/main/data/China%20benchmark", 3, "is not pinned"),
        (",be566b61", ",XYZ", 3, "must be 64 lowercase hex"),
        (",2026-11-22,", ",last week,", 2, "retrieved 'last week'"),
        ("\nepoch_china_benchmarks_2025-01,", "\nepoch_ml_systems_2024-11-22,", 3, "duplicate"),
    ],
)
def test_bad_snapshot_row_names_its_line(tmp_path, old, new, line, needle):
    data = tmp_path / "data"
    data.mkdir()
    text = (paths.DATA_DIR / "snapshots.csv").read_text(encoding="utf-8")
    assert old in text
    (data / "snapshots.csv").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UserError, match=f"snapshots.csv:{line}: .*{needle}"):
        load_snapshots(data)
    result = run_fetch("--data", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and f"snapshots.csv:{line}:" in result.stderr


def test_verified_path_needs_a_fetch(tmp_path, snapshots_dir):
    with pytest.raises(UserError, match="not fetched; run python -m helpers fetch"):
        verified_path(BENCH, tmp_path)
    assert verified_path(BENCH, snapshots_dir).name == f"{BENCH}.csv"
    shutil.copyfile(snapshots_dir / f"{BENCH}.csv", tmp_path / f"{BENCH}.csv")
    with (tmp_path / f"{BENCH}.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,row\n")
    with pytest.raises(UserError, match="expected sha256 be566b61.*delete it"):
        verified_path(BENCH, tmp_path)
