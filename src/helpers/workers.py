"""Worker processes that die with their parent and leave Ctrl-C to it, for builds and extract.

A ``ProcessPoolExecutor`` worker outlives a parent killed with SIGKILL or SIGTERM: it keeps its
memory and may write into folders the next build has cleaned. Each worker here asks the kernel
to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``) and also watches its parent's pid;
it ignores SIGINT, so Ctrl-C reaches the parent alone and prints one line.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def count_cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def ask_kernel_to_kill_me() -> bool:
    """Set PR_SET_PDEATHSIG to SIGKILL where the kernel offers it (Linux); return whether set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Exit this process as soon as its parent is gone (it is re-parented)."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def init_worker(parent: int, then: Callable | None = None, *args) -> None:
    """Prepare a worker: ignore SIGINT, die with ``parent``; then run ``then(*args)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked while forking (see submit); now ignored
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    ask_kernel_to_kill_me()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if then is not None:
        then(*args)


def make_pool(workers: int, then: Callable | None = None, *args) -> ProcessPoolExecutor:
    """Return a pool of ``workers`` processes that die with this one (``then(*args)`` in each).

    Linux forks (workers start at once with what this process has loaded); elsewhere spawns.
    """
    linux = sys.platform.startswith("linux")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork" if linux else "spawn"),
        initializer=init_worker,
        initargs=(os.getpid(), then, *args),
    )


def submit(pool: ProcessPoolExecutor, fn: Callable, *args) -> Future:
    """Submit a call with SIGINT blocked, so a worker forked now cannot take a Ctrl-C."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        return pool.submit(fn, *args)
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return pool.submit(fn, *args)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def stop_pool(pool: ProcessPoolExecutor, pending=()) -> None:
    """Stop a pool at once: cancel queued work and kill its processes (after Ctrl-C, an error)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for future in pending:
        future.cancel()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
