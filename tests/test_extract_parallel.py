"""``extract --jobs N``: byte-identical to one process, workers that die with their parent, one
line on Ctrl-C, a progress bar on a terminal only (issues 15 and 16)."""

import fcntl
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import psutil
import pytest
from extract_corpus import SEED_TEXTS, make_corpus, run_extract

from helpers.errors import UserError
from helpers.workpool import map_ordered

WAIT = 60  # seconds: an upper bound for waits that normally take well under one


def _square_minus(item: int, context: int) -> int:
    """Worker function for the pool tests (module level, so it pickles by reference)."""
    return item * item - context


def test_map_ordered_keeps_input_order_with_a_small_window():
    results = list(map_ordered(_square_minus, range(50), 1, jobs=2, window=3))
    assert results == [i * i - 1 for i in range(50)]


def _items_that_kill_a_worker():
    """Yield 0, then kill one of the pool's workers and wait until the pool knows."""
    before = set(psutil.Process().children())
    yield 0  # its submit forks the workers
    worker = next(iter(set(psutil.Process().children()) - before))
    worker.kill()
    worker.wait(WAIT)
    time.sleep(0.5)  # the pool's manager thread marks the pool broken
    yield from range(1, 20)


def test_a_worker_that_dies_while_work_is_submitted_is_one_user_error():
    # a window larger than the items: the death is met by a submit, not by a result
    with pytest.raises(UserError, match="a worker process died"):
        list(map_ordered(_square_minus, _items_that_kill_a_worker(), 1, jobs=2, window=100))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_two_processes_write_the_same_bytes_as_one(tmp_path, fmt):
    corpus = make_corpus(tmp_path / "corpus")
    one = run_extract(str(corpus), "--format", fmt, "--jobs", "1")
    two = run_extract(str(corpus), "--format", fmt, "--jobs", "2")
    assert one.returncode == two.returncode == 1  # the bad inputs in the corpus
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    errors = one.stderr.decode().splitlines()
    assert [line.split(":")[0] for line in errors] == ["note", "error", "error", "error"]
    assert errors[0].endswith("part0/empty.txt: empty document, no mentions")
    assert "dump.jsonl:42: not valid JSON" in errors[1]
    assert "dump.jsonl:83: field 'text'" in errors[2]
    assert "binary.txt" in errors[3]
    assert "Traceback" not in one.stderr.decode()
    lines = one.stdout.decode().splitlines()
    assert len(lines) > 2000
    if fmt == "jsonl":
        assert '"doc": "part0/deep/doc0000.txt"' in lines[0]


def test_default_uses_every_core_and_matches_one_process(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", files=30, lines=10)
    default = run_extract(str(corpus))
    assert default.stdout == run_extract(str(corpus), "--jobs", "1").stdout


def _big_corpus(root: Path, mb: int = 40) -> Path:
    """Write about ``mb`` MB of seed copies: a run long enough to be interrupted even on a
    loaded machine (a signal that comes after the run ended tests nothing)."""
    root.mkdir()
    text = "\n".join(SEED_TEXTS).encode("utf-8")
    for i in range(mb * 1_000_000 // len(text) + 1):
        (root / f"{i:05d}.txt").write_bytes(text)
    return root


def _start_with_workers(tmp_path: Path) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """Start ``extract --jobs 2`` in its own session; return it once both workers run."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    corpus = _big_corpus(tmp_path / "big")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "helpers",
            "extract",
            str(corpus),
            "--jobs",
            "2",
            "--out",
            str(tmp_path / "out.jsonl"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + WAIT
    children: list[psutil.Process] = []
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        children = psutil.Process(proc.pid).children(recursive=True)
    if len(children) < 2:
        proc.kill()
        proc.communicate()
        pytest.fail("the two worker processes did not start")
    return proc, children


def _assert_all_gone(processes: list[psutil.Process]) -> None:
    """Assert every process ended within WAIT seconds (kill leftovers so none stays behind)."""
    gone, alive = psutil.wait_procs(processes, timeout=WAIT)
    for process in alive:
        process.kill()
    assert not alive, f"still running: {[p.pid for p in alive]}"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_parent(tmp_path, sig):
    for attempt in range(3):  # a run that ended before the signal landed tests nothing: again
        proc, workers = _start_with_workers(tmp_path / str(attempt))
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, sig)
        _out, err = proc.communicate(timeout=WAIT)
        if (proc.returncode, err) != (0, b""):
            break
    if sig == signal.SIGTERM:  # turned into a clean exit: one line, cleanup done, status 143
        assert proc.returncode == 128 + sig, err
        assert len(err.decode().strip().splitlines()) == 1, err
    else:
        assert proc.returncode == -sig
    _assert_all_gone(workers)


def test_ctrl_c_prints_one_line_and_stops_the_workers(tmp_path):
    proc, workers = _start_with_workers(tmp_path)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 130
    out = tmp_path / "out.jsonl"
    assert err.decode().splitlines() == [f"error: interrupted; {out} is incomplete"]
    _assert_all_gone(workers)


def test_a_worker_that_dies_is_one_error_line(tmp_path):
    proc, workers = _start_with_workers(tmp_path)
    workers[0].kill()
    _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 1
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: a worker process died"), lines
    _assert_all_gone(workers)


def _run_on_terminal(*args: str) -> tuple[int, bytes]:
    """Run extract with stderr on a pseudo-terminal; return its status and what it showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers", "extract", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=WAIT), shown


def test_progress_bar_on_a_terminal_only(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", files=60, lines=0)
    shutil.rmtree(corpus / "part1")  # only good documents: the bar, no messages
    (corpus / "part2" / "binary.txt").unlink()
    (corpus / "part0" / "empty.txt").unlink()
    status, shown = _run_on_terminal(str(corpus), "--jobs", "2")
    assert status == 0
    assert b"\rextract: " in shown and b"B/s" in shown  # the bar, drawn at least once
    piped = run_extract(str(corpus), "--jobs", "2")
    assert piped.returncode == 0 and piped.stderr == b""
