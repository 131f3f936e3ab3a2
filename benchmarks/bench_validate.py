"""Benchmark validate on hostile documents: a quoted sentence repeated until 64–256 KB.

Run ``python benchmarks/bench_validate.py``. Times are printed (min/median/max of 3), never
asserted; the time per KB should stay flat as the document grows (linear, not quadratic).
"""

from __future__ import annotations

import csv
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.audit import audit_ledger
from helpers.ledger import EXCLUDED_COLUMNS, FACT_COLUMNS, METRIC_COLUMNS

SENTENCE = "中国发布的论文数量为12450篇。"


@dataclass(frozen=True)
class Doc:
    """A source stand-in: what the audit reads of a document."""

    source_id: str
    file: str
    text: str


def write_table(path: Path, columns, rows) -> None:
    """Write one CSV table."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_ledger(folder: Path) -> Path:
    """Write a one-fact ledger quoting SENTENCE; return the folder."""
    shutil.copyfile(paths.DATA_DIR / "i18n.csv", folder / "i18n.csv")
    metric = dict.fromkeys(METRIC_COLUMNS, "x")
    metric.update(metric_id="papers", dimension="research", unit="篇", higher_is_better="true")
    fact = dict.fromkeys(FACT_COLUMNS, "")
    fact.update(fact_id="doc-001", metric_id="papers", entity="中国", country="CN",
                value="12450", unit="篇", period="2023", source_id="doc", quote=SENTENCE)
    write_table(folder / "metrics.csv", METRIC_COLUMNS, [metric])
    write_table(folder / "facts.csv", FACT_COLUMNS, [fact])
    write_table(folder / "excluded.csv", EXCLUDED_COLUMNS, [])
    return folder


def main() -> int:
    """Print audit time per document size, and the time per KB."""
    with tempfile.TemporaryDirectory() as tmp:
        data = make_ledger(Path(tmp))
        for kb in (64, 128, 256):
            text = SENTENCE * (kb * 1024 // len(SENTENCE.encode()))
            times = []
            for _ in range(3):
                started = time.perf_counter()
                audit = audit_ledger(data, [Doc("doc", "doc.txt", text)])
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            print(f"validate, {kb} KB of one repeated quoted sentence: {median:.2f} s median "
                  f"(min {min(times):.2f}, max {max(times):.2f}); {1000 * median / kb:.1f} ms/KB; "
                  f"{audit.n_numbers} numbers, {len(audit.problems)} problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
