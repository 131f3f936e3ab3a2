"""Benchmark ``extract`` at scale: throughput on a ≥ 20 MB corpus with --jobs 1, --jobs 2 and a
local Dask cluster of 2 workers, beside a bare regex scan; peak memory at two corpus sizes.

Run ``python benchmarks/bench_extract_scale.py`` (``BENCH_RUNS`` runs each, default 3). Timings
are printed, never asserted. Runs are interleaved (scan, 1, 2, Dask, scan, …) so that load from
other programs on the machine falls on every mode alike.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import MB, build_corpus, scan_bare  # noqa: E402

from helpers.extract import write_mentions  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process and its reaped children."""
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_extract(corpus: Path, out: Path, **options) -> tuple[float, float, str]:
    """Return (seconds, CPU seconds, sha256 of the output) of one in-process run to ``out``.

    CPU seconds count this process and its local workers (reaped when the pool shuts down),
    not a Dask cluster's workers.
    """
    cpu, start = cpu_seconds(), time.perf_counter()
    with out.open("w", encoding="utf-8", newline="") as stream, open(os.devnull, "w") as errors:
        status = write_mentions([corpus], "jsonl", stream, errors, **options)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if status != 0:
        raise SystemExit(f"extract failed on the bench corpus ({options})")
    return seconds, cpu, hashlib.sha256(out.read_bytes()).hexdigest()


def start_cluster(workdir: Path):
    """Return a local Dask cluster of 2 single-thread worker processes on 127.0.0.1."""
    import dask
    from distributed import LocalCluster

    dask.config.set({"temporary-directory": str(workdir)})  # not /tmp/dask-scratch-space
    return LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, local_directory=str(workdir),
    )


def measure_throughput(corpus: Path, workdir: Path) -> tuple[dict, dict]:
    """Time each mode RUNS times, interleaved; check every mode wrote the same bytes.

    Returns wall seconds per mode and CPU seconds per local mode.
    """
    files = sorted(corpus.glob("*.txt"))
    times: dict[str, list[float]] = {"bare regex scan": [], "--jobs 1": [], "--jobs 2": [],
                                     "Dask, 2 workers": []}
    cpu: dict[str, list[float]] = {"--jobs 1": [], "--jobs 2": []}
    digests = set()
    with start_cluster(workdir) as cluster:
        modes = {"--jobs 1": {"jobs": 1}, "--jobs 2": {"jobs": 2},
                 "Dask, 2 workers": {"scheduler": cluster.scheduler_address}}
        time_extract(corpus, workdir / "warm.jsonl", scheduler=cluster.scheduler_address)
        for _ in range(RUNS):
            start = time.perf_counter()
            scan_bare(files)
            times["bare regex scan"].append(time.perf_counter() - start)
            for label, options in modes.items():
                seconds, used, digest = time_extract(corpus, workdir / "out.jsonl", **options)
                times[label].append(seconds)
                cpu.get(label, []).append(used)
                digests.add(digest)
    print(f"outputs of --jobs 1, --jobs 2 and Dask byte-identical: {len(digests) == 1}")
    return times, cpu


def measure_peak_rss(corpus: Path, out: Path) -> float:
    """Return the peak RSS (MB) of the largest process of ``extract --jobs 2`` (a CLI run)."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-m", "helpers", "extract", str(corpus), "--jobs", "2",
               "--out", str(out)]
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True,
                            text=True, check=True)
    return int(result.stdout) / 1024


def print_times(times: dict[str, list[float]], cpu: dict[str, list[float]], nbytes: int) -> None:
    """Print min/median/max seconds and MB/s per mode, CPU time, the speed-ups over one process."""
    for label, runs in times.items():
        low, mid, high = min(runs), statistics.median(runs), max(runs)
        print(f"{label:>16}: {mid:6.2f} s median ({low:.2f}–{high:.2f}) = "
              f"{nbytes / MB / mid:6.2f} MB/s ({nbytes / MB / high:.2f}–{nbytes / MB / low:.2f})")
    one = times["--jobs 1"]
    for label in ("--jobs 2", "Dask, 2 workers"):
        ratios = sorted(a / b for a, b in zip(one, times[label], strict=True))
        print(f"speed-up of {label} over --jobs 1: "
              f"{statistics.median(one) / statistics.median(times[label]):.2f}× of medians, "
              f"{min(one) / min(times[label]):.2f}× of best runs "
              f"(run by run: {', '.join(f'{r:.2f}' for r in ratios)})")
    for label, runs in cpu.items():
        print(f"CPU time of {label} (main + workers): {statistics.median(runs):.2f} s median "
              f"({min(runs):.2f}–{max(runs):.2f})")


def main(argv: list[str] | None = None) -> int:
    """Build the corpora, then print throughput, speed-ups and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=float, default=20.0, metavar="MB")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
          f"{RUNS} runs of each mode (BENCH_RUNS to change)")
    with tempfile.TemporaryDirectory(prefix="bench_extract_scale_") as tmp:
        workdir = Path(tmp)
        corpus = workdir / "corpus"
        nbytes = build_corpus(corpus, args.size)
        files = len(list(corpus.glob("*.txt")))
        print(f"corpus: {nbytes / MB:.1f} MB in {files} files (copies of the seeds)")
        print_times(*measure_throughput(corpus, workdir), nbytes)
        small = workdir / "small"
        build_corpus(small, args.size / 4)
        peaks = [measure_peak_rss(c, workdir / "rss.jsonl") for c in (small, corpus)]
        print(f"peak RSS of the largest process, --jobs 2: {peaks[0]:.1f} MB on "
              f"{args.size / 4:g} MB, {peaks[1]:.1f} MB on {args.size:g} MB")
        print(f"load average {os.getloadavg()[0]:.1f} at the end (other programs share the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
