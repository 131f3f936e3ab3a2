"""Document sources for ``extract``: list files, folder trees and JSONL as small work items; read
them safely (regular files only, a size limit) and name them in messages without control bytes.

Listing runs in the main process and only stats files (JSONL files are scanned for line ends);
reading runs wherever the work item is sent (this process, a worker process, a Dask worker).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from helpers.errors import UserError
from helpers.textio import decode_bytes

DOC_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
SLICE_BYTES = 256_000  # a JSONL work item holds whole lines, about this many bytes
_BOM = b"\xef\xbb\xbf"
_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


@dataclass(frozen=True)
class TextFile:
    """One document file: ``path`` to open, ``name`` for messages, ``doc`` for the output."""

    path: str
    name: str
    doc: str
    size: int


@dataclass(frozen=True)
class JsonlSlice:
    """Whole lines ``[start, end)`` (bytes) of a JSONL file; the first is line number ``line``."""

    path: str
    name: str
    start: int
    end: int
    line: int

    @property
    def size(self) -> int:
        """Return the slice's length in bytes."""
        return self.end - self.start


@dataclass(frozen=True)
class Notice:
    """A message found while listing (``error: …`` or ``note: …``), kept in input order."""

    text: str
    failed: bool
    size: int = 0


Item = TextFile | JsonlSlice | Notice


def escape_name(text: str) -> str:
    """Return ``text`` with newlines, control characters and lone surrogates as escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape_char(ch) for ch in text)


def _escape_char(ch: str) -> str:
    """Return the Python-style escape of one character (\\x0a, \\u2028, \\udcff …)."""
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _error(message: str) -> Notice:
    """Return an error notice."""
    return Notice(f"error: {message}", True)


def iter_sources(paths: list[Path], max_bytes: int) -> Iterator[Item]:
    """Yield the work items of ``paths`` in order: files, folder trees (sorted), JSONL slices."""
    for path in paths:
        name = escape_name(str(path))
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield _error(f"{name}: not found; check the path")
            continue
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or "not a valid path"
            yield _error(f"{name}: cannot be read ({reason}); check the path and its permissions")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk_folder(Path(path), name, max_bytes)
        elif str(path).endswith(JSONL_SUFFIX):
            yield from iter_jsonl_slices(os.path.abspath(path), name, max_bytes)
        else:
            doc = escape_name(Path(path).name)
            yield TextFile(os.path.abspath(path), name, doc, info.st_size)


def _list_folder(folder: str) -> list[tuple[str, str]]:
    """Return ``(name, kind)`` of a folder's entries sorted by name; kind: dir, link or file."""
    with os.scandir(folder) as entries:
        found = [
            (e.name, "link" if e.is_symlink() else "dir" if e.is_dir() else "file") for e in entries
        ]
    found.sort()
    return found


def _walk_folder(root: Path, name: str, max_bytes: int) -> Iterator[Item]:
    """Yield the .txt and .jsonl files under ``root`` depth first in name order (no symlinks)."""
    top = os.path.abspath(root)
    try:
        stack: list[tuple[str, Iterator[tuple[str, str]]]] = [("", iter(_list_folder(top)))]
    except OSError as exc:
        yield _error(f"{name}: folder cannot be listed ({exc.strerror}); check its permissions")
        return
    found = False
    while stack:
        rel, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        child = f"{rel}/{entry[0]}" if rel else entry[0]
        path, shown = os.path.join(top, child), escape_name(os.path.join(str(root), child))
        if entry[1] == "dir":
            try:
                stack.append((child, iter(_list_folder(path))))
            except OSError as exc:
                yield _error(f"{shown}: folder cannot be listed ({exc.strerror}); check it")
        elif not child.endswith((DOC_SUFFIX, JSONL_SUFFIX)):
            continue
        elif entry[1] == "link":
            yield Notice(
                f"note: {shown}: symbolic link inside a folder, not followed; "
                "name it on the command line to include it",
                False,
            )
        elif child.endswith(JSONL_SUFFIX):
            found = True
            yield from iter_jsonl_slices(path, shown, max_bytes)
        else:
            found = True
            yield TextFile(path, shown, escape_name(child), _size_of(path))
    if not found:
        yield _error(
            f"{name}: directory has no .txt files or .jsonl files; give a folder of documents"
        )


def _size_of(path: str) -> int:
    """Return the size of ``path`` in bytes, 0 when it cannot be stat'ed (the reader reports)."""
    try:
        return os.stat(path, follow_symlinks=False).st_size
    except OSError:
        return 0


def open_regular(path: str, name: str) -> BinaryIO:
    """Open ``path`` for reading in binary; UserError unless it is a regular file (never blocks)."""
    try:
        kind = _kind_of(os.stat(path).st_mode)
        if kind is None:  # open without blocking (a FIFO swapped in), then check again
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UserError(f"{name}: not found; check the path") from None
    except OSError as exc:
        raise UserError(f"{name}: cannot be read ({exc.strerror}); check its permissions") from None
    if kind is None:
        kind = _kind_of(os.fstat(fd).st_mode)
        if kind is None:
            return os.fdopen(fd, "rb")
        os.close(fd)
    raise UserError(f"{name}: is a {kind}, not a regular file; give a text file")


def _kind_of(mode: int) -> str | None:
    """Return what a non-regular file is (directory, FIFO …), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "special file")


def read_limited(path: str, name: str, max_bytes: int) -> bytes:
    """Return the bytes of the regular file ``path``; UserError past ``max_bytes``."""
    with open_regular(path, name) as handle:
        size = os.fstat(handle.fileno()).st_size
        data = b""
        if size <= max_bytes:
            # Ask for the size the file has (a read of max_bytes allocates that much first),
            # then for the rest in case it grew meanwhile.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    if size > max_bytes or len(data) > max_bytes:
        raise UserError(
            f"{name}: {max(size, len(data)):,} bytes is over the limit of {max_bytes:,} bytes; "
            "split the document or raise --max-bytes"
        )
    return data


def iter_jsonl_slices(path: str, name: str, max_bytes: int) -> Iterator[Item]:
    """Yield slices of whole lines of a JSONL file; a line over ``max_bytes`` is an error."""
    try:
        handle = open_regular(path, name)
    except UserError as exc:
        yield _error(str(exc))
        return
    with handle:
        start = pos = 0
        line = first = 1
        while raw := handle.readline(max_bytes + 1):
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                if pos > start:
                    yield JsonlSlice(path, name, start, pos, first)
                yield _error(
                    f"{name}:{line}: line is over {max_bytes:,} bytes; "
                    "split the document or raise --max-bytes"
                )
                pos += len(raw) + _skip_line(handle)
                line += 1
                start, first = pos, line
                continue
            pos += len(raw)
            line += 1
            if pos - start >= SLICE_BYTES:
                yield JsonlSlice(path, name, start, pos, first)
                start, first = pos, line
        if pos > start:
            yield JsonlSlice(path, name, start, pos, first)
        elif pos == 0:
            yield Notice(f"note: {name}: empty file, no documents", False)


def _skip_line(handle: BinaryIO) -> int:
    """Read past the rest of the current line; return how many bytes were skipped."""
    skipped = 0
    while chunk := handle.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def iter_documents(item: TextFile | JsonlSlice, max_bytes: int) -> Iterator:
    """Yield ``(doc, text, where)`` per document of a work item, or a UserError per bad one.

    ``where`` names the document in messages: the file, or file:line for JSONL.
    """
    if isinstance(item, TextFile):
        try:
            data = read_limited(item.path, item.name, max_bytes)
            yield item.doc, decode_bytes(data, item.name), item.name
        except UserError as exc:
            yield exc
        return
    try:
        with open_regular(item.path, item.name) as handle:
            handle.seek(item.start)
            data = handle.read(item.size)
    except UserError as exc:
        yield exc
        return
    for number, raw in enumerate(data.split(b"\n"), start=item.line):
        if number == 1 and item.start == 0 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if not raw.strip():
            continue
        where = f"{item.name}:{number}"
        try:
            yield (*parse_jsonl_line(raw, where), where)
        except UserError as exc:
            yield exc


def parse_jsonl_line(raw: bytes, where: str) -> tuple[str, str]:
    """Return ``(doc, text)`` of a JSONL line; UserError naming ``where`` and the fix if bad."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{where}: byte {exc.start} of the line is not valid UTF-8; re-save the file as UTF-8"
        ) from None
    except RecursionError:
        raise UserError(
            f'{where}: JSON nested too deeply; write one {{"id": ..., "text": ...}} object per line'
        ) from None
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        reason = exc
        if isinstance(exc, json.JSONDecodeError):
            reason = f"{exc.msg} at column {exc.colno}"
        raise UserError(
            f"{where}: not valid JSON ({reason}); "
            'write one {"id": ..., "text": ...} object per line'
        ) from None
    if not isinstance(record, dict):
        raise UserError(
            f"{where}: a JSON {type(record).__name__} where an object is needed; "
            'write one {"id": ..., "text": ...} object per line'
        )
    doc, text = record.get("id"), record.get("text")
    if isinstance(doc, bool) or not isinstance(doc, str | int) or doc == "":
        raise UserError(
            f"{where}: field 'id' is missing, empty or not a string or integer; "
            "give each document an id"
        )
    if not isinstance(text, str):
        raise UserError(
            f"{where}: field 'text' is missing or not a string; "
            "give the document's text as a JSON string"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UserError(
            f"{where}: field 'text' has an unpaired surrogate at character "
            f"{exc.start}; write valid Unicode text"
        ) from None
    return escape_name(str(doc)), text
