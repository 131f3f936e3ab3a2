"""Test helper: a few hundred documents made of slices of the seeds, as a folder tree and JSONL,
with a few bad inputs mixed in, and a way to run ``python -m helpers extract``."""

import json
import subprocess
import sys
from pathlib import Path

from helpers import paths

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(paths.SEEDS_DIR.glob("*.txt"))]


def make_slice(i: int) -> str:
    """Return document ``i``: a slice of a seed whose start and length vary with ``i``."""
    text = SEED_TEXTS[i % len(SEED_TEXTS)]
    start = (i * 97) % max(len(text) - 400, 1)
    return text[start : start + 300 + (i * 131) % 2500]


def make_corpus(root: Path, files: int = 240, lines: int = 120) -> Path:
    """Write ``files`` .txt slices in a tree, a JSONL of ``lines`` slices and some bad inputs."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        folder = root / f"part{i % 3}" / ("deep" if i % 7 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{i:04d}.txt").write_text(make_slice(i), encoding="utf-8")
    with (root / "part1" / "dump.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(lines):
            record = {"id": f"j{i:04d}", "text": make_slice(1000 + i)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            if i == 40:
                handle.write('{"id": "broken", "text": \n')
            if i == 80:
                handle.write('{"id": 7}\n')
    (root / "part2" / "binary.txt").write_bytes(b"\x89PNG\x00\x01")
    (root / "part0" / "empty.txt").write_bytes(b"")
    return root


def run_extract(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m helpers extract ARGS`` and capture stdout and stderr as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", "extract", *args],
        capture_output=True,
        check=False,
        timeout=timeout,
    )
