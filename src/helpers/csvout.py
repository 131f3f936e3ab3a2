"""Write the CSV files readers download: formula cells neutralised, numbers kept as numbers.

Spreadsheet programs evaluate a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some
read a leading tab or carriage return the same way). Document text is untrusted, so every
published cell that starts so and is not a plain number gets a leading apostrophe, the usual
defence (OWASP "CSV injection"); ``-12.5`` stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from helpers.textio import read_csv_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise(cell) -> str:
    """Return a cell as text that no spreadsheet evaluates (numbers untouched)."""
    text = "" if cell is None else str(cell)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def format_rows(header: list[str], rows: list[list]) -> str:
    """Return header and rows as CSV text (``\\n`` line ends), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return out.getvalue()


def _format_cell(value) -> str:
    """Return one DataFrame cell for CSV: integral floats as integers, missing as empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def format_frame(frame: pd.DataFrame) -> str:
    """Return a DataFrame as published CSV text (no index)."""
    rows = [[_format_cell(v) for v in record] for record in frame.itertuples(index=False)]
    return format_rows([str(c) for c in frame.columns], rows)


BOM = "\ufeff"  # spreadsheet programs read UTF-8 without it as their local code page


def publish_rows(header: list[str], rows: list[list], target: Path) -> Path:
    """Write a table for download: a byte-order mark, then every cell neutralised."""
    Path(target).write_text(BOM + format_rows(header, rows), encoding="utf-8", newline="")
    return Path(target)


def publish_csv(source: Path, target: Path) -> Path:
    """Copy the CSV table ``source`` to ``target`` for download; return target."""
    header, rows = read_csv_rows(source)
    return publish_rows(header, [[row[h] for h in header] for _line, row in rows], target)
