"""Pool workers die with their parent (SIGKILL, SIGTERM) and leave Ctrl-C to it."""

import os
import signal
import subprocess
import sys
import time

import pytest

from helpers.publish import is_running

PARENT = r"""
import os, sys, time
from helpers.workers import make_pool

pool = make_pool(2)
pids = set()
while len(pids) < 2:
    pids |= set(pool.submit(os.getpid).result() for _ in range(4))
for _ in range(2):
    pool.submit(time.sleep, 60)
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(60)
"""


def start_parent():
    """Start a process with a pool of two busy workers; return it and the workers' pids."""
    process = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in process.stdout.readline().split()]
    assert len(pids) == 2 and all(is_running(p) for p in pids)
    return process, pids


def wait_gone(pids, seconds=10.0):
    """Return True once none of ``pids`` runs (zombies of a dead parent are reaped by init)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(is_running(p) and not is_zombie(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def is_zombie(pid):
    """Return True when ``pid`` has exited but was not reaped yet."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(sig):
    process, pids = start_parent()
    os.kill(process.pid, sig)
    process.wait(timeout=10)
    assert wait_gone(pids), f"workers {pids} outlived their parent"


def test_workers_ignore_ctrl_c():
    process, pids = start_parent()
    try:
        for pid in pids:
            os.kill(pid, signal.SIGINT)
        time.sleep(0.5)
        assert all(is_running(p) and not is_zombie(p) for p in pids)
    finally:
        process.kill()
        process.wait(timeout=10)
    assert wait_gone(pids)
