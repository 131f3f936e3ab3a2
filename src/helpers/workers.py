"""Worker processes that die with their parent and leave Ctrl-C to it.

A ``ProcessPoolExecutor`` worker outlives a parent killed with SIGKILL or SIGTERM: it keeps its
memory and may write into folders the next build has cleaned. Each worker here asks the kernel
to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``) and also watches its parent's pid
(elsewhere); it ignores SIGINT, so Ctrl-C reaches the parent alone and prints one line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def _ask_kernel_to_kill_me(parent: int) -> bool:
    """Set PR_SET_PDEATHSIG to SIGKILL (Linux); return False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    return True


def _watch_parent(parent: int) -> None:
    """Exit this process as soon as its parent is gone (a fallback for PR_SET_PDEATHSIG)."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def init_worker(parent: int) -> None:
    """Prepare a worker: die with ``parent``, ignore SIGINT and keep SIGTERM's default."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not _ask_kernel_to_kill_me(parent):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def make_pool(workers: int) -> ProcessPoolExecutor:
    """Return a process pool of ``workers`` whose processes die with this one."""
    return ProcessPoolExecutor(
        max_workers=workers, initializer=init_worker, initargs=(os.getpid(),)
    )


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: cancel queued work and kill its processes (after Ctrl-C, an error)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
