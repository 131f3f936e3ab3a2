"""The ``extract`` command: stream every numeric mention of .txt documents as JSONL or CSV."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from helpers.entities import load_lexicon
from helpers.errors import UserError
from helpers.numbers import find_mentions
from helpers.textio import read_text

FIELDS = (
    "doc",
    "start",
    "end",
    "surface",
    "value",
    "high",
    "unit",
    "currency",
    "kind",
    "approx",
    "sentence",
    "countries",
    "section",
)
FORMATS = ("jsonl", "csv")


def iter_documents(paths: list[Path]) -> Iterator[Path | UserError]:
    """Yield each .txt file named by ``paths`` (directories: their *.txt, sorted), or an error."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            # keep only the names (not Path objects) so a huge folder costs little memory
            with os.scandir(path) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".txt") and e.is_file())
            if not names:
                yield UserError(f"{path}: directory has no .txt files; give a .txt file or folder")
            for name in names:
                yield path / name
        elif not path.exists():
            yield UserError(f"{path}: not found; check the path")
        else:
            yield path


def _write_csv_row(writer, record: dict) -> None:
    """Write one record as a CSV row in ``FIELDS`` order (countries joined with |)."""
    row = dict(record)
    row["countries"] = "|".join(record["countries"])
    writer.writerow(["" if row[f] is None else row[f] for f in FIELDS])


_JSON = json.JSONEncoder(ensure_ascii=False).encode


def write_mentions(
    paths: list[Path], fmt: str, stream: TextIO, errors: TextIO, skip: Path | None = None
) -> int:
    """Write the mentions of every document to ``stream``; report bad files on ``errors``.

    ``skip`` (the output file, when it is written inside an input folder) is not read.
    """
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    lexicon = load_lexicon()
    writer = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(FIELDS)
    status = 0
    for item in iter_documents(paths):
        if isinstance(item, UserError):
            print(f"error: {item}", file=errors)
            status = 1
            continue
        if skip is not None and item.resolve() == skip:
            continue
        try:
            text = read_text(item)
        except UserError as exc:
            print(f"error: {exc}", file=errors)
            status = 1
            continue
        if not text.strip():
            print(f"note: {item}: empty document, no mentions", file=errors)
            continue
        mentions = find_mentions(text, doc=item.name, lexicon=lexicon)
        if writer is not None:
            for mention in mentions:
                _write_csv_row(writer, mention.to_record())
        else:  # one write per document: much cheaper than one per mention
            stream.write("".join(_JSON(m.to_record()) + "\n" for m in mentions))
        stream.flush()
    return status


def run_extract(paths: list[Path], fmt: str = "jsonl", out: Path | None = None) -> int:
    """Run ``extract``: one record per mention to ``out`` or stdout; 1 if any file failed."""
    if out is None:
        try:
            return write_mentions(paths, fmt, sys.stdout, sys.stderr)
        except BrokenPipeError:  # the reader (e.g. `head`) stopped early: not an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
    try:
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_mentions(paths, fmt, stream, sys.stderr, skip=Path(out).resolve())
    except OSError as exc:
        raise UserError(
            f"{out}: cannot be written ({exc.strerror}); choose another --out"
        ) from None
