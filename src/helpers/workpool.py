"""Run a function over a stream of work items on local processes: results in input order, a
bounded window in flight, and workers that die with their parent and ignore Ctrl-C.

``ProcessPoolExecutor`` workers outlive a SIGKILLed parent unless they watch it, so each worker
asks the kernel for SIGKILL when its parent dies (Linux) and also polls its parent id.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from helpers.errors import UserError

_PR_SET_PDEATHSIG = 1
_context = None  # what every call in this worker receives beside its item (set once per worker)


def count_cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _start_worker(parent: int, context: object) -> None:
    """Initialise a worker: ignore Ctrl-C (the parent handles it), die with ``parent``."""
    global _context
    _context = context
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Exit this worker as soon as its parent is gone (it is re-parented)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _call(fn: Callable, item: object) -> object:
    """Run ``fn(item, context)`` in a worker."""
    return fn(item, _context)


def _submit(pool: ProcessPoolExecutor, fn: Callable, item: object) -> Future:
    """Submit one call with SIGINT blocked, so a worker forked now cannot take a Ctrl-C."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        return pool.submit(_call, fn, item)
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return pool.submit(_call, fn, item)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _take(future: Future) -> object:
    """Return a finished call's result; a dead worker becomes one UserError."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise UserError(
            "a worker process died (killed, perhaps out of memory); "
            "rerun with fewer --jobs or a lower --max-bytes"
        ) from None


def _stop(pool: ProcessPoolExecutor, pending: deque) -> None:
    """Cancel what is queued and kill the workers now (do not wait for running calls)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for future in pending:
        future.cancel()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join(5)


def map_ordered(
    fn: Callable, items: Iterable, context: object, jobs: int, window: int | None = None
) -> Iterator:
    """Yield ``fn(item, context)`` for each item, in order, computed by ``jobs`` processes.

    At most ``window`` (default 4 × jobs) items are in flight, so memory does not grow with
    the number of items. Closing the generator early kills the workers.
    """
    window = window or 4 * jobs
    # fork: workers start at once with the lexicon already loaded (safe here: the pool forks
    # at its first submit, before this process starts any thread); spawn elsewhere
    linux = sys.platform.startswith("linux")
    mp_context = multiprocessing.get_context("fork" if linux else "spawn")
    pool = ProcessPoolExecutor(
        jobs, mp_context=mp_context, initializer=_start_worker, initargs=(os.getpid(), context)
    )
    pending: deque[Future] = deque()
    try:
        for item in items:
            pending.append(_submit(pool, fn, item))
            if len(pending) >= window:
                yield _take(pending.popleft())
        while pending:
            yield _take(pending.popleft())
    except BaseException:
        _stop(pool, pending)
        raise
    pool.shutdown()
