"""The ``extract`` command: stream every numeric mention of documents (.txt files, folder trees,
JSONL) as JSONL or CSV, on one core, on N local processes or on a Dask cluster, always in the
same order and byte for byte the same output."""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from helpers.docsource import (
    Item,
    Notice,
    escape_name,
    iter_documents,
    iter_sources,
)
from helpers.entities import Lexicon, load_lexicon
from helpers.errors import UserError
from helpers.mentions import format_jsonl
from helpers.numbers import find_mentions

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
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # per document; admits a 50 MB file, refuses /dev/zero
BATCH_BYTES = 256_000  # a batch (one task) holds about this much input …
BATCH_ITEMS = 64  # … or this many work items, whichever comes first


@dataclass(frozen=True)
class ExtractJob:
    """What every batch needs: output format, size limit per document and the lexicon."""

    fmt: str
    max_bytes: int
    lexicon: Lexicon


@dataclass(frozen=True)
class BatchResult:
    """One batch's output text, its messages in order, and counts for the progress bar."""

    text: str
    messages: tuple[str, ...]
    failed: bool
    docs: int
    nbytes: int


def format_mentions(mentions: list, fmt: str) -> str:
    """Return the records of ``mentions`` as JSONL lines or CSV rows (countries joined by |)."""
    if fmt == "jsonl":  # one string per document: much cheaper than one write per mention
        return format_jsonl(mentions)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for mention in mentions:
        record = mention.to_record()
        record["countries"] = "|".join(record["countries"])
        writer.writerow(["" if record[f] is None else record[f] for f in FIELDS])
    return buffer.getvalue()


def group_batches(items: Iterator[Item]) -> Iterator[tuple[Item, ...]]:
    """Group consecutive work items into batches of about ``BATCH_BYTES`` (one task each)."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size
        if size >= BATCH_BYTES or len(batch) >= BATCH_ITEMS:
            yield tuple(batch)
            batch, size = [], 0
    if batch:
        yield tuple(batch)


def process_batch(batch: tuple[Item, ...], job: ExtractJob) -> BatchResult:
    """Read and parse every document of a batch; return its output and messages, in order."""
    parts: list[str] = []
    messages: list[str] = []
    failed = False
    docs = 0
    for item in batch:
        if isinstance(item, Notice):
            messages.append(item.text)
            failed |= item.failed
            continue
        for found in iter_documents(item, job.max_bytes):
            if isinstance(found, UserError):
                messages.append(f"error: {found}")
                failed = True
                continue
            doc, text, where = found
            docs += 1
            if not text.strip():
                messages.append(f"note: {where}: empty document, no mentions")
                continue
            mentions = find_mentions(text, doc=doc, lexicon=job.lexicon)
            parts.append(format_mentions(mentions, job.fmt))
    size = sum(item.size for item in batch)
    return BatchResult("".join(parts), tuple(messages), failed, docs, size)


def iter_results(
    paths: list[Path], job: ExtractJob, jobs: int, scheduler: str | None
) -> Iterator[BatchResult]:
    """Yield each batch's result in input order, computed here, on ``jobs`` processes or Dask."""
    batches = group_batches(iter_sources(paths, job.max_bytes))
    if scheduler:
        from helpers.daskrun import map_on_cluster

        return map_on_cluster(process_batch, batches, job, scheduler)
    if jobs > 1:
        from helpers.workpool import map_ordered

        return map_ordered(process_batch, batches, job, jobs)
    return (process_batch(batch, job) for batch in batches)


class _Progress:
    """A tqdm bar of bytes and documents on a terminal (nothing otherwise); messages above it."""

    def __init__(self, errors: TextIO) -> None:
        self.errors = errors
        self.bar = None  # made after the first result, once worker processes are forked
        self.docs = 0

    def say(self, line: str) -> None:
        """Print one message line on the error stream without breaking the bar."""
        if self.bar is not None and not self.bar.disable:
            self.bar.write(line, file=self.errors)
        else:
            print(line, file=self.errors)

    def update(self, result: BatchResult) -> None:
        """Advance the bar by one batch."""
        if self.bar is None:
            self.bar = tqdm(
                file=self.errors,
                disable=None,
                unit="B",
                unit_scale=True,
                unit_divisor=1000,
                desc="extract",
                leave=False,
            )
        self.docs += result.docs
        self.bar.update(result.nbytes)
        self.bar.set_postfix_str(f"{self.docs} documents", refresh=False)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()


def write_mentions(
    paths: list[Path],
    fmt: str,
    stream: TextIO,
    errors: TextIO,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Write the mentions of every document to ``stream``; report bad files on ``errors``.

    Returns 1 when any document failed, else 0. The output does not depend on ``jobs`` or
    ``scheduler``.
    """
    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    job = ExtractJob(fmt, max_bytes, load_lexicon())
    if fmt == "csv":
        stream.write(",".join(FIELDS) + "\n")
    status = 0
    progress = _Progress(errors)
    try:
        with closing(iter_results(paths, job, jobs, scheduler)) as results:
            for result in results:
                stream.write(result.text)
                stream.flush()
                for line in result.messages:
                    progress.say(line)
                status |= result.failed
                progress.update(result)
    finally:
        progress.close()
    return status


def check_output(out: Path, paths: list[Path]) -> None:
    """Raise UserError when ``out`` is, resolves to or lies inside an input (nothing opened)."""
    shown = escape_name(str(out))
    target = Path(os.path.realpath(out))
    try:
        info = os.stat(out)
    except (OSError, ValueError):
        info = None
    if info is not None and info.st_nlink > 1 and not Path(out).is_dir():
        raise UserError(
            f"{shown}: has {info.st_nlink} hard links, so writing it would change "
            "another file too; choose a new --out"
        )
    for path in paths:
        source = Path(os.path.realpath(path))
        if target == source or (info is not None and _is_same_file(out, path)):
            raise UserError(
                f"{shown}: is the input {escape_name(str(path))}; "
                "choose an --out that is not one of the documents"
            )
        if source.is_dir() and target.is_relative_to(source):
            raise UserError(
                f"{shown}: is inside the input folder {escape_name(str(path))}; "
                "choose an --out outside the folders you extract from"
            )


def _is_same_file(a: Path, b: Path) -> bool:
    """Return True when ``a`` and ``b`` are the same file (False when either is missing)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _check_options(jobs: int | None, scheduler: str | None, max_bytes: int) -> int:
    """Return the number of local processes to use; UserError on impossible options."""
    if jobs is not None and jobs < 1:
        raise UserError(f"--jobs {jobs}: give a positive number of processes")
    if jobs is not None and scheduler:
        raise UserError(
            "--jobs and --scheduler exclude each other; the cluster's workers "
            "set the parallelism, so give only --scheduler"
        )
    if max_bytes < 1:
        raise UserError(f"--max-bytes {max_bytes}: give a positive number of bytes")
    if jobs is None:
        from helpers.workers import count_cores

        return count_cores()
    return jobs


def run_extract(
    paths: list[Path],
    fmt: str = "jsonl",
    out: Path | None = None,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    max_bytes: int | None = None,
) -> int:
    """Run ``extract``: one record per mention to ``out`` or stdout; 1 if any file failed.

    ``jobs`` processes (default: every core) or the Dask ``scheduler`` at tcp://HOST:PORT;
    ``max_bytes`` per document (default ``DEFAULT_MAX_BYTES``).
    """
    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    jobs = _check_options(jobs, scheduler, max_bytes)
    if out is not None:
        check_output(out, paths)
    options = {"jobs": jobs, "scheduler": scheduler, "max_bytes": max_bytes}
    try:
        if out is None:
            # a reader that stops early (| head) is cli.main's to tell from a broken socket
            return write_mentions(paths, fmt, sys.stdout, sys.stderr, **options)
        return _write_file(paths, fmt, out, options)
    except KeyboardInterrupt:
        where = "the output" if out is None else escape_name(str(out))
        print(f"error: interrupted; {where} is incomplete", file=sys.stderr)
        return 130


def _write_file(paths: list[Path], fmt: str, out: Path, options: dict) -> int:
    """Write to the file ``out``; a file that cannot be written is one UserError."""
    try:
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_mentions(paths, fmt, stream, sys.stderr, **options)
    except OSError as exc:
        raise UserError(
            f"{escape_name(str(out))}: cannot be written ({exc.strerror}); choose another --out"
        ) from None
