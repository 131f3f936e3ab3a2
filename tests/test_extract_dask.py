"""``extract --scheduler``: a real Dask scheduler and two workers on 127.0.0.1 (no mock), the same
bytes as one local process, and a worker killed mid-run retried by Dask (issue 16)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from distributed import Client
from extract_corpus import make_corpus, run_extract

WAIT = 90  # seconds: upper bound for the cluster to start and for each run


def _spawn(args: list[str], root: Path, log: str) -> subprocess.Popen:
    """Start ``python -m dask ARGS`` in its own session, logging to ``root/log``."""
    env = {**os.environ, "DASK_TEMPORARY_DIRECTORY": str(root), "TMPDIR": str(root)}
    with (root / log).open("wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *args],
            cwd=root,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _read_address(scheduler_file: Path, scheduler: subprocess.Popen) -> str:
    """Return the address the scheduler wrote (it chose a free port itself: --port 0)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and scheduler.poll() is None:
        try:
            return json.loads(scheduler_file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)
    raise RuntimeError("the Dask scheduler did not start")


def _stop(started: list[subprocess.Popen]) -> None:
    """Stop every process group started here (TERM, then KILL) and check none is left."""
    processes = []
    for popen in started:
        try:
            parent = psutil.Process(popen.pid)
            processes += [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for popen in started:
            try:
                os.killpg(popen.pid, sig)
            except ProcessLookupError:
                pass
        _, processes = psutil.wait_procs(processes, timeout=20)
        if not processes:
            break
    for popen in started:
        popen.wait(timeout=WAIT)
    assert not processes, f"left running: {processes}"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> str:
    """Start ``dask scheduler`` and two ``dask worker`` (one thread each); yield the address."""
    root = tmp_path_factory.mktemp("dask")
    started: list[subprocess.Popen] = []
    try:
        scheduler_file = root / "scheduler.json"
        started.append(
            _spawn(
                [
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--no-dashboard",
                    "--scheduler-file",
                    str(scheduler_file),
                ],
                root,
                "scheduler.log",
            )
        )
        address = _read_address(scheduler_file, started[0])
        for name in ("w1", "w2"):
            started.append(
                _spawn(
                    [
                        "worker",
                        address,
                        "--name",
                        name,
                        "--nthreads",
                        "1",
                        "--host",
                        "127.0.0.1",
                        "--no-dashboard",
                        "--local-directory",
                        str(root / name),
                    ],
                    root,
                    f"{name}.log",
                )
            )
        with Client(address, timeout=WAIT) as client:
            client.wait_for_workers(2, timeout=WAIT)
        yield address
    finally:
        _stop(started)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few hundred documents (a tree, a JSONL, bad inputs)."""
    return make_corpus(tmp_path_factory.mktemp("corpus") / "corpus", files=300, lines=150)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cluster_writes_the_same_bytes_as_one_local_process(cluster, corpus, fmt):
    local = run_extract(str(corpus), "--format", fmt, "--jobs", "1", timeout=WAIT)
    remote = run_extract(str(corpus), "--format", fmt, "--scheduler", cluster, timeout=WAIT)
    assert remote.stdout == local.stdout and len(local.stdout.splitlines()) > 2000
    assert remote.stderr == local.stderr  # one error line per bad file or line, in order
    assert remote.returncode == local.returncode == 1
    assert len(local.stderr.splitlines()) == 4 and b"Traceback" not in remote.stderr


def test_a_worker_killed_mid_run_is_retried_by_dask(cluster, tmp_path):
    corpus = make_corpus(tmp_path / "corpus", files=1200, lines=0)
    local = run_extract(str(corpus), "--jobs", "1", timeout=WAIT)
    out_path, err_path = tmp_path / "out", tmp_path / "err"
    # Output goes to files, not pipes: an undrained pipe fills after the first batch and stalls
    # the run with nothing processing, and a watcher that missed that short moment never saw a
    # task running (CI, under load).
    with (
        Client(cluster, timeout=WAIT) as client,
        out_path.open("wb") as out,
        err_path.open("wb") as err,
    ):
        run = subprocess.Popen(
            [sys.executable, "-m", "helpers", "extract", str(corpus), "--scheduler", cluster],
            stdout=out,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + WAIT
            busy = []
            while not busy and run.poll() is None and time.monotonic() < deadline:
                busy = [w for w, tasks in client.processing().items() if tasks]
                time.sleep(0.01)
            pids = client.run(os.getpid)  # {worker address: pid of its process}
            assert busy and run.poll() is None, (
                f"no task was seen running (extract exit {run.poll()}): {err_path.read_bytes()!r}"
            )
            os.kill(pids[busy[0]], signal.SIGKILL)
            run.wait(timeout=WAIT)
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
    assert (run.returncode, err_path.read_bytes()) == (local.returncode, local.stderr)
    assert out_path.read_bytes() == local.stdout
    with Client(cluster, timeout=WAIT) as client:  # the nanny restarted it for the next test
        client.wait_for_workers(2, timeout=WAIT)


def test_distributed_log_lines_below_error_stay_off_stderr(capfd):
    """A worker that dies makes distributed.client warn "Couldn't gather … rescheduling";
    Dask retries it, so the user's stderr keeps only our own lines."""
    import logging

    import distributed  # noqa: F401 (configures its loggers, as a --scheduler run does)

    from helpers.daskrun import quiet_distributed

    quiet_distributed()
    logging.getLogger("distributed.client").warning("Couldn't gather 1 keys, rescheduling")
    logging.getLogger("distributed.worker").info("chatter")
    assert capfd.readouterr().err == ""
