"""Tests for helpers.buildrun: workers start early, run every job, and die with an error."""

import os
from dataclasses import dataclass

import pytest

from helpers.buildrun import Runner, start_runner
from helpers.kernelfork import is_alive


@dataclass(frozen=True)
class FakeJob:
    """A job: a number to square."""

    number: int
    kernel_name: str = "python3"


def square(job: FakeJob) -> tuple[int, int]:
    """Return the job's number squared and the pid that computed it."""
    return job.number**2, os.getpid()


def test_with_nothing_to_execute_jobs_run_in_this_process(tmp_path):
    seen = []
    with start_runner(tmp_path, 2, 0, True, ("en",)) as runner:
        assert runner == Runner()  # no pool, no server started
        done = runner.run(square, [FakeJob(2), FakeJob(3)], 0, lambda: seen.append("site"))
    assert done == [(4, os.getpid()), (9, os.getpid())]
    assert seen == ["site"]


def test_workers_run_every_job_while_this_process_does_something_else(tmp_path):
    seen = []
    with start_runner(tmp_path, 2, 5, False, ("en",)) as runner:
        done = runner.run(square, [FakeJob(n) for n in range(5)], 0, lambda: seen.append(1))
    assert sorted(value for value, _ in done) == [0, 1, 4, 9, 16]
    assert {pid for _, pid in done} - {os.getpid()}  # computed in worker processes
    assert seen == [1]


def test_an_error_in_the_block_kills_the_workers(tmp_path):
    with pytest.raises(RuntimeError, match="validation failed"):
        with start_runner(tmp_path, 2, 2, False, ("en",)) as runner:
            processes = list(runner.pool._processes.values())
            raise RuntimeError("validation failed")
    assert processes and not any(is_alive(p.pid) for p in processes)
