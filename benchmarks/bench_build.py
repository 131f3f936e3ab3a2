"""Measure report builds: cold, no-change, after a one-row data change, and the naive CLI way."""

import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from helpers import paths  # noqa: E402
from helpers.contents import list_chapters  # noqa: E402
from helpers.i18n import LANGS  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BIN = Path(sys.executable).parent
# Runs a command and prints its wall time and the peak RSS of its largest descendant (kB).
TIMED = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.stderr.write(r.stderr)\n"
    "sys.exit(r.returncode)\n"
)


def run_timed(*command: str) -> tuple[float, int, str]:
    """Return (seconds, peak kB, stderr) of one command run in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", TIMED, *command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{result.stderr}")
    seconds, peak = result.stdout.split()
    return float(seconds), int(peak), result.stderr


def summarize(label: str, seconds: list[float], extra: str = "") -> float:
    """Print median, min and max of a list of timings; return the median."""
    median = statistics.median(seconds)
    print(
        f"{label:<34} median {median:7.2f} s   min {min(seconds):7.2f}   "
        f"max {max(seconds):7.2f}   ({len(seconds)} runs){extra}"
    )
    return median


def report_command(out: Path, *extra: str) -> list[str]:
    """Return the command line of our build, with its own build folder beside ``out`` (the
    project's cache could hold the pages of an edit an earlier run made: no page would run)."""
    build = out.parent / f"{out.name}.build"
    return [
        sys.executable, "-m", "helpers", "report", "--out", str(out), "--build-dir", str(build),
        *extra,
    ]  # fmt: skip


def change_one_row(data_dir: Path, run: int, column: str = "note") -> str:
    """Edit one field of the first fact in data_dir (a one-row edit); return its metric.

    ``note``: a curator's note, shown only by the fact's own chapter (and the sources page).
    ``status``: fact number ``run`` goes from reviewed to draft (a new state each run, so no
    run finds its pages cached), which every chapter that reads all facts counts."""
    path = data_dir / "facts.csv"
    if not path.is_file():
        path = data_dir / "i18n.csv"
        text = path.read_text(encoding="utf-8").replace(
            "\n", f"\nbench.row,基准{run},bench {run}\n", 1
        )
        path.write_text(text, encoding="utf-8")
        return "i18n.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0])
    edited = rows[run % len(rows)] if column == "status" else rows[0]
    if column == "status":
        edited["status"] = "draft" if edited["status"] == "reviewed" else "reviewed"
    else:
        edited["note"] = f"benchmark edit {run}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return edited["metric_id"]


def time_edits(out: Path, data: Path, column: str) -> None:
    """Time RUNS rebuilds, each after a one-row edit of ``column``; print the summary."""
    edits, executed = [], []
    for run in range(RUNS):
        metric = change_one_row(data, run, column)
        seconds, _, stderr = run_timed(*report_command(out, "--data", str(data)))
        edits.append(seconds)
        executed.append(count_executed(stderr))
    summarize(
        f"rebuild after one-row {column} edit",
        edits,
        f"   edited {metric}; pages executed: {', '.join(executed)}",
    )


def count_executed(stderr: str) -> str:
    """Return 'N of M' from the build's summary line."""
    match = re.search(r"\((\d+) of (\d+) chapter pages executed", stderr)
    return f"{match.group(1)} of {match.group(2)}" if match else "?"


def run_naive(work: Path) -> float:
    """Build every chapter and language the way a user would script it, one after another."""
    started = time.perf_counter()
    for lang in LANGS:
        for notebook in list_chapters():
            executed = work / f"{notebook.stem}.{lang}.ipynb"
            subprocess.run(
                [
                    str(BIN / "papermill"),
                    str(notebook),
                    str(executed),
                    "-k",
                    "python3",
                    "-r",
                    "lang",
                    lang,
                    "--cwd",
                    str(notebook.parent),
                ],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                check=True,
                capture_output=True,
            )
    return time.perf_counter() - started


def main() -> None:
    """Run every measurement and print a table."""
    chapters = len(list_chapters())
    print(
        f"report build: {chapters} chapters x {len(LANGS)} languages, {os.cpu_count()} cores,"
        f" {RUNS} runs each (BENCH_RUNS to change)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "reports"
        cold, peaks = [], []
        for _ in range(RUNS):
            seconds, peak, _ = run_timed(*report_command(out, "--no-cache", "--quiet"))
            cold.append(seconds)
            peaks.append(peak)
        cold_median = summarize("cold build (--no-cache)", cold)
        run_timed(*report_command(out, "--quiet"))  # warm the cache
        warm = [run_timed(*report_command(out, "--quiet"))[0] for _ in range(RUNS)]
        warm_median = summarize("no-change rebuild", warm, f"   {warm_median_ratio(warm, cold)}")
        data = tmp / "data"
        shutil.copytree(paths.DATA_DIR, data)
        run_timed(*report_command(out, "--quiet", "--data", str(data)))
        time_edits(out, data, "note")
        time_edits(out, data, "status")
        print(
            f"{'peak memory (largest process)':<34} median {statistics.median(peaks) / 1024:7.0f}"
            f" MB   max {max(peaks) / 1024:.0f} MB"
        )
        naive = [run_naive(tmp) for _ in range(RUNS)]
        naive_median = summarize("naive: papermill CLI + nbconvert", naive)
        print(
            f"cold build / naive = {cold_median / naive_median:.2f}   "
            f"no-change / cold = {warm_median / cold_median:.3f}"
        )


def warm_median_ratio(warm: list[float], cold: list[float]) -> str:
    """Return the no-change/cold ratio as text."""
    return f"{statistics.median(warm) / statistics.median(cold):.3f} x cold"


if __name__ == "__main__":
    main()
