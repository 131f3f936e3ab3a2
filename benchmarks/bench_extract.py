"""Benchmark the number extractor: gold precision/recall, MB/s on one core, peak memory by size.

Run ``python benchmarks/bench_extract.py``. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import paths
from helpers.extract import write_mentions
from helpers.gold import score_gold

MB = 1_000_000


def build_corpus(target: Path, size_mb: float) -> int:
    """Fill ``target`` with copies of the seeds until it holds ``size_mb`` MB; return bytes."""
    target.mkdir(parents=True, exist_ok=True)
    seeds = sorted(paths.SEEDS_DIR.glob("*.txt"))
    total = 0
    i = 0
    while total < size_mb * MB:
        seed = seeds[i % len(seeds)]
        dest = target / f"{i:06d}_{seed.name}"
        shutil.copyfile(seed, dest)
        total += dest.stat().st_size
        i += 1
    return total


class _CountingSink(io.TextIOBase):
    """A text stream that only counts what is written (so output size does not skew memory)."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, s: str) -> int:  # noqa: D401 - io API
        self.chars += len(s)
        return len(s)


def time_corpus(corpus: Path, repeats: int = 3) -> tuple[float, float]:
    """Return (median seconds, MB/s) of streaming ``corpus`` through the extractor as JSONL."""
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    times = []
    for _ in range(repeats):
        sink = _CountingSink()
        start = time.perf_counter()
        write_mentions([corpus], "jsonl", sink, io.StringIO())
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return median, size / MB / median


def measure_memory(corpus: Path) -> dict:
    """Return peak traced memory (MB) and max RSS (MB) of one run, measured in a subprocess."""
    code = (
        "import io, json, resource, sys, tracemalloc\n"
        "from pathlib import Path\n"
        "from helpers.extract import write_mentions\n"
        "from helpers.entities import load_lexicon\n"
        "from helpers.numbers import find_mentions\n"
        "find_mentions('预热2024年', lexicon=load_lexicon())\n"
        "class Sink(io.TextIOBase):\n"
        "    def write(self, s):\n"
        "        return len(s)\n"
        "tracemalloc.start()\n"
        "write_mentions([Path(sys.argv[1])], 'jsonl', Sink(), io.StringIO())\n"
        "peak = tracemalloc.get_traced_memory()[1]\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'traced_peak_mb': peak / 1e6, 'max_rss_mb': rss / 1024}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    """Print gold scores, throughput (median of 3) and peak memory at two corpus sizes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs=2, default=(5.0, 20.0), metavar="MB")
    args = parser.parse_args(argv)

    scores = score_gold()
    for doc, s in scores["documents"].items():
        print(f"gold {doc}: precision {s['precision']:.3f} recall {s['recall']:.3f} "
              f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    o = scores["overall"]
    print(f"gold overall: precision {o['precision']:.3f} recall {o['recall']:.3f} "
          f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']})")

    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        for size_mb in args.sizes:
            corpus = Path(tmp) / f"corpus_{size_mb:g}mb"
            nbytes = build_corpus(corpus, size_mb)
            files = len(list(corpus.glob("*.txt")))
            memory = measure_memory(corpus)
            line = (f"corpus {nbytes / MB:.1f} MB in {files} files: "
                    f"traced peak {memory['traced_peak_mb']:.1f} MB, "
                    f"max RSS {memory['max_rss_mb']:.1f} MB")
            if size_mb == max(args.sizes):
                seconds, rate = time_corpus(corpus)
                line += f"; {seconds:.2f} s median of 3 = {rate:.2f} MB/s on one core"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
