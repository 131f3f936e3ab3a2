"""Run a build's chapter jobs: start the worker processes and the warm-kernel server early, so
their start-up overlaps the build's checks, then run the jobs across them with progress."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager, nullcontext

from tqdm import tqdm

from helpers import kernelfork
from helpers.workers import make_pool, stop_pool, submit


def warm_up(langs: tuple[str, ...]) -> None:
    """Import papermill and nbconvert and compile each language's page templates in this
    process, so that workers forked from it afterwards pay none of that."""
    import nbformat
    import papermill  # noqa: F401 - imported for its import time

    from helpers.execute import make_exporter

    for lang in langs:
        make_exporter(lang).from_notebook_node(nbformat.v4.new_notebook())


def do_nothing() -> None:
    """Return at once (submitted only to make the pool start its processes)."""


@dataclasses.dataclass
class Runner:
    """Where a build's jobs run: a pool of warmed workers (None: in this process) and the
    warm-kernel server (None: every chapter starts an ordinary ``python3`` kernel)."""

    pool: ProcessPoolExecutor | None = None
    server: kernelfork.ForkServer | None = None

    def run(
        self, fn: Callable, jobs: list, verbosity: int = 1, meanwhile: Callable | None = None
    ) -> list:
        """Return ``fn(job)`` for every job, in completion order, with a progress bar; call
        ``meanwhile()`` once the jobs are handed to the workers (this process is idle then).

        With a server, each job is given the warm kernel's name (its ``kernel_name``) first."""
        kernel = self.server.wait() if self.server else None
        if kernel:
            jobs = [dataclasses.replace(job, kernel_name=kernel) for job in jobs]
        if self.pool is None:
            done = (fn(job) for job in jobs)
        else:
            done = (f.result() for f in as_completed([submit(self.pool, fn, j) for j in jobs]))
        if meanwhile is not None:
            meanwhile()
        progress = tqdm(
            total=len(jobs),
            desc="chapters",
            unit="nb",
            file=sys.stderr,
            disable=None if verbosity > 0 else True,
            leave=False,
        )
        outcomes = []
        try:
            for outcome in done:
                outcomes.append(outcome)
                progress.update(1)
                if verbosity > 1:
                    progress.write(describe(outcome), file=sys.stderr)
        finally:
            progress.close()
        return outcomes


def describe(outcome) -> str:
    """Return one line saying how a chapter page was produced and how long it took."""
    how = "cached" if outcome.cached else "executed"
    return f"{outcome.job.lang}/{outcome.job.notebook.name}: {how} in {outcome.seconds:.1f} s"


@contextmanager
def start_runner(
    folder, workers: int | None, execute: int, warm: bool, langs: tuple[str, ...]
) -> Iterator[Runner]:
    """Start what the jobs will need, without waiting for it; stop it all on the way out.

    Nothing to ``execute`` (the number of pages to execute; 0 when every page is cached): the
    jobs run in this process. Otherwise, with ``warm``, the fork server starts importing beside
    this process; this process imports papermill and nbconvert once; then up to ``workers``
    processes (default: cores) fork from it, warm, with the server's kernelspec folder on
    ``JUPYTER_PATH``. An error or Ctrl-C in the ``with`` block kills the workers at once (none
    goes on alone) and the server."""
    if not execute:
        yield Runner()
        return
    workers = max(1, min(workers or os.cpu_count() or 1, execute))
    server = kernelfork.ForkServer(folder) if warm else None
    if server:
        server.start()  # first: it imports for a second or two, beside this process
    # warm this process once, before the workers fork from it (a fork shares what is loaded)
    warm_up(langs)
    with kernelfork.on_jupyter_path(server.jupyter_path) if server else nullcontext():
        pool = make_pool(workers) if workers > 1 else None
        if pool is not None:
            submit(pool, do_nothing)  # a forking pool starts all its processes at first submit
        try:
            yield Runner(pool, server)
        except BaseException:
            if pool is not None:
                stop_pool(pool)
                pool = None
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=True)
            if server:
                server.stop()
