"""Check that ``extract`` writes the same output as at a git revision, on a fuzzed corpus.

Run ``python benchmarks/compare_extract.py REV`` (``main``, a commit) before committing a change
meant to make the parser faster, not different. It builds documents from every text the tests and
seeds hold (slices joined and mutated with number-like characters, from a fixed random seed), runs
``extract`` with the code of REV and with the working tree (the same ``data/``), and compares the
two outputs and messages byte for byte. Exit 0 when equal, 1 with the first differing lines.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from helpers import paths

# Characters and pieces the mutations insert: numerals, units, hedges, separators, names.
_TRICKY = [
    *"0123456789零〇一二两三四五六七八九十百千万亿第前数几约近多余%.,-–~至到年月日季度上半元个",
    *" \n。，、（）()[]【】注$¥€",
    *("超过", "美元", "倍", "成", "分之", "million ", "billion", " to ", "US$", "GPT-4o", "H100"),
]


def collect_texts(root: Path) -> list[str]:
    """Return the distinct texts of the seeds and of ``tests/``: files, string constants, JSONL."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests").rglob("*.txt"))]
    for path in sorted((root / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    for path in sorted((root / "tests").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                texts += [v for v in record.values() if isinstance(v, str)]
    return sorted({t for t in texts if len(t) >= 2})


def make_documents(texts: list[str], count: int, seed: int) -> list[str]:
    """Return the texts, then ``count`` documents of joined slices with random mutations."""
    rng = random.Random(seed)
    pool = "".join(texts)
    docs = list(texts)
    for _ in range(count):
        chars = []
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(pool))
            chars += pool[at : at + rng.randint(5, 300)]
        for _ in range(rng.randint(0, 12)):
            if not chars:
                break
            k, op = rng.randrange(len(chars)), rng.random()
            if op < 0.4:
                chars[k] = rng.choice(_TRICKY)
            elif op < 0.7:
                chars.insert(k, rng.choice(_TRICKY))
            else:
                del chars[k]
        docs.append("".join(chars))
    return docs


def export_source(rev: str, target: Path) -> Path:
    """Write the ``src/`` folder of git revision ``rev`` under ``target``; return that folder."""
    archive = subprocess.run(
        ["git", "-C", str(paths.ROOT), "archive", "--format=tar", rev, "src"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def run_extract(source: Path, corpus: Path, jobs: int) -> tuple[bytes, bytes]:
    """Return (stdout, stderr) of ``extract`` on ``corpus`` with the package under ``source``."""
    env = {**os.environ, "PYTHONPATH": str(source), "CUAR_DATA_DIR": str(paths.DATA_DIR)}
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "extract", str(corpus), "--jobs", str(jobs)],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    return done.stdout, done.stderr


def print_difference(name: str, old: bytes, new: bytes) -> None:
    """Print the first lines where ``old`` and ``new`` differ."""
    lines = difflib.unified_diff(
        old.decode("utf-8", "replace").splitlines(),
        new.decode("utf-8", "replace").splitlines(),
        f"{name} at the revision", f"{name} of the working tree", lineterm="", n=0,
    )  # fmt: skip
    for i, line in enumerate(lines):
        if i == 20:
            print("…")
            break
        print(line[:300])


def main(argv: list[str] | None = None) -> int:
    """Compare the extract output of a revision and of the working tree; 1 when they differ."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rev", help="git revision to compare with (main, a commit)")
    parser.add_argument("--documents", type=int, default=30000, help="fuzzed documents")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the mutations")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    docs = make_documents(collect_texts(paths.ROOT), args.documents, args.seed)
    with tempfile.TemporaryDirectory(prefix="compare_extract_") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for i, text in enumerate(docs):
                out.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
        old = run_extract(export_source(args.rev, Path(tmp) / "rev"), corpus, args.jobs)
        new = run_extract(paths.ROOT / "src", corpus, args.jobs)
    size, lines = sum(map(len, docs)), old[0].count(b"\n")
    print(f"{len(docs)} documents, {size:,} characters; {lines:,} mentions at {args.rev}")
    if old == new:
        print("same output and messages")
        return 0
    for name, a, b in (("output", old[0], new[0]), ("messages", old[1], new[1])):
        if a != b:
            print_difference(name, a, b)
    return 1


if __name__ == "__main__":
    sys.exit(main())
