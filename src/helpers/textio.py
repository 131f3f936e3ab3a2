"""Decode document bytes to text (UTF-8, UTF-8/16 with a BOM, a declared encoding); read CSVs."""

import codecs
import csv
import io
import os
import stat
from pathlib import Path

from helpers.errors import UserError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Return ``data`` decoded; raise UserError naming ``name`` and the fix when it cannot be."""
    if encoding:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, ValueError):  # ValueError: a name with a NUL character
            info = None
        if info is None or not getattr(info, "_is_text_encoding", True):  # rot13, hex, zlib …
            raise UserError(
                f"{name}: unknown encoding {encoding!r}; use a Python codec name such as gb18030"
            ) from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UserError(
                f"{name}: byte {exc.start} is not valid {encoding}; fix the declared encoding"
            ) from None
        except (UnicodeError, LookupError, ValueError):  # codecs such as punycode, undefined
            raise UserError(
                f"{name}: cannot be decoded as {encoding}; fix the declared encoding"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UserError(
                    f"{name}: byte {exc.start} is not valid {codec} after its byte-order mark; "
                    "re-save the file as UTF-8"
                ) from None
    if b"\x00" in data:
        raise UserError(
            f"{name}: contains NUL bytes, so it is binary or UTF-16 without a byte-order mark; "
            "re-save it as UTF-8 text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{name}: byte {exc.start} is not valid UTF-8; re-save the file as UTF-8 "
            "or declare its encoding in the manifest's encoding column"
        ) from None


def read_text(path: Path, encoding: str | None = None) -> str:
    """Read and decode the file at ``path``; raise UserError when it is missing or unreadable."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: file not found; check the path") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a text file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    return decode_bytes(data, str(path), encoding)


def read_csv_rows(path: Path, name: str | None = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """Return a CSV's stripped header and ``(line, row)`` pairs; UserError names ``name:LINE``.

    A row's line is where it starts (quoted fields may span lines); blank rows are skipped.
    Only a regular file is read (a FIFO would block forever, a folder cannot be read).
    """
    path = Path(path)
    name = name or path.name
    text = decode_bytes(read_regular_file(path, name), name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict]] = []
    last = 0
    try:
        header = [h.strip() for h in next(reader, [])]
        last = reader.line_num
        for values in reader:
            line = last + 1
            last = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise UserError(
                    f"{name}:{line}: {len(values)} fields where the header has "
                    f"{len(header)}; quote fields that contain commas"
                )
            rows.append((line, dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        # the record that failed starts on the line after the last good one (an unclosed quote
        # is only noticed at the end of the file)
        raise UserError(
            f"{name}:{last + 1}: malformed CSV ({exc}); fix the quoting of the record that "
            "starts on this line"
        ) from None
    return header, rows


def read_regular_file(path: Path, name: str | None = None) -> bytes:
    """Return the bytes of the regular file at ``path``; UserError for anything else."""
    name = name or str(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise UserError(f"{name}: is a folder, not a file; fix the path")
        if not stat.S_ISREG(mode):
            raise UserError(f"{name}: is not a regular file (a FIFO or device); use a file")
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"{name}: file not found; check the path") from None
    except OSError as exc:
        raise UserError(f"{name}: cannot be read ({exc.strerror}); check its permissions") from None
