"""Benchmark the number extractor: gold precision/recall, MB/s on one core, peak memory by size.

Run ``python benchmarks/bench_extract.py``. Timings are printed, never asserted. Throughput is
also given as a ratio to a bare regex scan of the same corpus measured in the same run
(``scan_bare``), which stays meaningful on a loaded, shared machine.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import mentions, paths
from helpers.boilerplate import find_boilerplate_spans
from helpers.entities import load_lexicon
from helpers.extract import write_mentions
from helpers.gold import score_gold
from helpers.normalize import normalize_text
from helpers.notnumbers import find_excluded_spans
from helpers.patterns_en import WORD
from helpers.patterns_zh import CORE, CORE_DIGIT
from helpers.sentences import find_contexts
from helpers.spacing import squeeze_blanks

MB = 1_000_000
BARE_RE = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]+")
PASSAGES_DIR = paths.ROOT / "tests" / "gold_passages"


def scan_bare(paths: list[Path]) -> int:
    """Return the number of numeral runs in ``paths``: read bytes, decode UTF-8, finditer.

    The baseline every extractor timing is compared with (another bench reuses it).
    """
    count = 0
    for path in paths:
        text = Path(path).read_bytes().decode("utf-8")
        for _ in BARE_RE.finditer(text):
            count += 1
    return count


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


def scan_only(paths: list[Path], lexicon) -> int:
    """Return the number of candidates matched by the extractor's scans alone: reading and
    normalizing each document, its excluded-span, blank, start and boilerplate scans, one
    pattern match per candidate, the candidates' contexts and their country automaton; no
    reader, record or JSON. The floor of any speed-up that keeps these scans as they are."""
    count = 0
    for path in paths:
        t = normalize_text(Path(path).read_bytes().decode("utf-8")).text
        find_excluded_spans(t)
        squeeze_blanks(t)
        find_boilerplate_spans(t)
        spans = []
        last = 0
        for candidate in mentions._START.finditer(t):
            pos = candidate.start()
            if pos < last:
                continue
            ch = t[pos]
            core = CORE_DIGIT if ch <= "9" else WORD if ch < "\x80" else CORE
            if (m := core.match(t, pos)) is not None:
                last = m.end()
                spans.append(m.span())
        for start, end in dict.fromkeys(find_contexts(t, spans)):
            lexicon._automaton.find_matches_as_indexes(t[start:end])
        count += len(spans)
    return count


def time_corpus(corpus: Path, repeats: int = 5) -> dict:
    """Return median seconds and MB/s of the extractor, of ``scan_bare`` and of ``scan_only``,
    run alternately."""
    files = sorted(corpus.glob("*.txt"))
    size = sum(p.stat().st_size for p in files)
    lexicon = load_lexicon()
    extract, bare, scans = [], [], []
    for _ in range(repeats):
        start = time.process_time()
        scan_bare(files)
        bare.append(time.process_time() - start)
        start = time.process_time()
        write_mentions([corpus], "jsonl", _CountingSink(), io.StringIO())
        extract.append(time.process_time() - start)
        start = time.process_time()
        scan_only(files, lexicon)
        scans.append(time.process_time() - start)
    seconds, bare_seconds = statistics.median(extract), statistics.median(bare)
    return {
        "seconds": seconds,
        "rate": size / MB / seconds,
        "bare_rate": size / MB / bare_seconds,
        "ratio": bare_seconds / seconds,
        "ratios": sorted(b / e for b, e in zip(bare, extract, strict=True)),
        "scan_seconds": statistics.median(scans),
        "scan_ratio": bare_seconds / statistics.median(scans),
    }


def print_gold(name: str, gold_dir: Path, text_dir: Path) -> dict:
    """Print precision and recall of one gold set, overall and per document; return overall."""
    scores = score_gold(gold_dir, text_dir)
    for doc, s in scores["documents"].items():
        print(f"  {doc}: precision {s['precision']:.3f} recall {s['recall']:.3f} "
              f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    o = scores["overall"]
    fields = ", ".join(f"{k} {v}" for k, v in o["field_mismatches"].items())
    print(f"gold {name}: precision {o['precision']:.3f} recall {o['recall']:.3f} "
          f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']}; matched but differing: {fields})")
    return o


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
    """Print gold scores, throughput against the bare scan, and peak memory at two sizes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs=2, default=(5.0, 20.0), metavar="MB")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs (median is shown)")
    args = parser.parse_args(argv)

    summary = []
    seed_gold = paths.ROOT / "tests" / "gold"
    seeds = print_gold("seeds (tests/gold vs seeds/)", seed_gold, paths.SEEDS_DIR)
    summary.append(f"seeds P {seeds['precision']:.3f} R {seeds['recall']:.3f}")
    if any(PASSAGES_DIR.glob("*.jsonl")):
        passages = print_gold("passages (tests/gold_passages)", PASSAGES_DIR, PASSAGES_DIR)
        summary.append(f"passages P {passages['precision']:.3f} R {passages['recall']:.3f}")
    else:
        print(f"gold passages: skipped, {PASSAGES_DIR} has no .jsonl files")

    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        for size_mb in args.sizes:
            corpus = Path(tmp) / f"corpus_{size_mb:g}mb"
            nbytes = build_corpus(corpus, size_mb)
            files = len(list(corpus.glob("*.txt")))
            memory = measure_memory(corpus)
            line = (f"corpus {nbytes / MB:.1f} MB in {files} files: "
                    f"traced peak {memory['traced_peak_mb']:.1f} MB, "
                    f"max RSS {memory['max_rss_mb']:.1f} MB")
            print(line, flush=True)
            if size_mb == max(args.sizes):
                t = time_corpus(corpus, args.repeats)
                print(f"extractor {t['seconds']:.2f} s = {t['rate']:.2f} MB/s on one core; "
                      f"bare scan {t['bare_rate']:.1f} MB/s; extractor / bare = "
                      f"{t['ratio']:.3f} (median of {args.repeats}; per run "
                      f"{', '.join(f'{r:.3f}' for r in t['ratios'])})")
                print(f"its scans alone (no readers, records or JSON; scan_only) "
                      f"{t['scan_seconds']:.2f} s: {t['scan_ratio']:.3f} x the bare "
                      "scan, about the best any change that keeps them can reach")
                summary.append(f"extractor / bare scan {t['ratio']:.3f} ({t['rate']:.2f} MB/s)")
                summary.append(f"scans alone / bare scan {t['scan_ratio']:.3f}")
    print("summary: " + "; ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
