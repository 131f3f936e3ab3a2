"""Run a function over a stream of work items on a Dask distributed cluster: results in input
order, a bounded window in flight; Dask retries a task whose worker died, we do not."""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from helpers.docsource import escape_name
from helpers.errors import UserError

CONNECT_SECONDS = 10
WORKERS_SECONDS = 30
_ADDRESS = re.compile(r"(tcp|tls|ws|wss)://(\[[0-9a-fA-F:.]+\]|[^\s:/\[\]]+):[0-9]{1,5}")


def quiet_distributed() -> None:
    """Keep distributed's log lines off stderr below ERROR: its config gives some loggers
    (distributed.client: "Couldn't gather … rescheduling" when a worker dies and Dask retries)
    their own WARNING level, so setting the parent alone is not enough."""
    names = [n for n in logging.root.manager.loggerDict if n.startswith("distributed.")]
    for name in ["distributed", *names]:
        logging.getLogger(name).setLevel(logging.ERROR)


def _connect(address: str, timeout: float):
    """Return a Client of the scheduler at ``address`` with at least one worker."""
    shown = escape_name(address)
    if not _ADDRESS.fullmatch(address):  # a Client half-made from a bad address hangs on exit
        raise UserError(
            f"--scheduler {shown}: not a scheduler address; give the "
            "tcp://HOST:PORT that `dask scheduler` prints"
        )
    from distributed import Client

    quiet_distributed()
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise UserError(
            f"{shown}: no Dask scheduler answers there ({exc}); start one with "
            "`dask scheduler` and give the tcp://HOST:PORT it prints"
        ) from None
    try:
        client.wait_for_workers(1, timeout=max(timeout, WORKERS_SECONDS))
    except TimeoutError:
        client.close()
        raise UserError(
            f"{shown}: the scheduler has no workers; start some with `dask worker {shown}`"
        ) from None
    return client


def _take(future) -> object:
    """Return a finished task's result; a lost task or a worker without helpers is one line."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as exc:
        raise UserError(
            f"a batch of documents was lost with every worker that tried it ({exc}); "
            "check the workers' memory and logs, or lower --max-bytes"
        ) from None
    except ImportError as exc:
        raise UserError(
            f"the Dask workers cannot import this project ({exc}); start `dask worker` "
            "from the environment where helpers is installed"
        ) from None


def map_on_cluster(
    fn: Callable,
    items: Iterable,
    context: object,
    address: str,
    timeout: float = CONNECT_SECONDS,
) -> Iterator:
    """Yield ``fn(item, context)`` for each item, in order, computed on the cluster.

    ``context`` is sent to every worker once; about two tasks per worker thread are in flight,
    so memory does not grow with the number of items.
    """
    client = _connect(address, timeout)
    pending: deque = deque()
    try:
        shared = client.scatter(context, broadcast=True, hash=False)
        window = 2 * max(sum(client.nthreads().values()), 1)
        for item in items:
            pending.append(client.submit(fn, item, shared, pure=False))
            if len(pending) >= window:
                yield _take(pending.popleft())
        while pending:
            yield _take(pending.popleft())
    finally:
        if pending:
            client.cancel(list(pending))
        client.close()
