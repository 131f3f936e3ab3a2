"""Run a function over a stream of work items on local processes: results in input order and
a bounded window in flight (the processes come from ``helpers.workers``)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from helpers.errors import UserError
from helpers.workers import make_pool, stop_pool, submit

_context = None  # what every call in this worker receives beside its item (set once per worker)


def _set_context(context: object) -> None:
    """Keep ``context`` for every call this worker runs."""
    global _context
    _context = context


def _call(fn: Callable, item: object) -> object:
    """Run ``fn(item, context)`` in a worker."""
    return fn(item, _context)


def map_ordered(
    fn: Callable, items: Iterable, context: object, jobs: int, window: int | None = None
) -> Iterator:
    """Yield ``fn(item, context)`` for each item, in order, computed by ``jobs`` processes.

    At most ``window`` (default 4 × jobs) items are in flight, so memory does not grow with
    the number of items. Closing the generator early kills the workers.
    """
    window = window or 4 * jobs
    # fork (Linux): workers start at once with the lexicon already loaded (safe here: the pool
    # forks at its first submit, before this process starts any thread)
    pool = make_pool(jobs, _set_context, context)
    pending: deque[Future] = deque()
    try:
        for item in items:
            pending.append(submit(pool, _call, fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:  # met by a result, or by a submit after the pool broke
        stop_pool(pool, pending)
        raise UserError(
            "a worker process died (killed, perhaps out of memory); "
            "rerun with fewer --jobs or a lower --max-bytes"
        ) from None
    except BaseException:
        stop_pool(pool, pending)
        raise
    pool.shutdown()
