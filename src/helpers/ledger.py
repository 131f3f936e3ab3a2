"""Load the curated ledger (metrics, facts, excluded numbers) as tables; columns from the schema."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from helpers import schema
from helpers.errors import UserError
from helpers.textio import read_csv_rows

METRICS_FILE = "metrics.csv"
FACTS_FILE = "facts.csv"
EXCLUDED_FILE = "excluded.csv"
LEXICON_FILE = "lexicon.csv"

METRIC_COLUMNS = schema.list_columns("metrics")
FACT_COLUMNS = schema.list_columns("facts")
EXCLUDED_COLUMNS = schema.list_columns("excluded")
DIMENSIONS = schema.list_enum("metrics", "dimension")
HIGHER_IS_BETTER = schema.list_enum("metrics", "higher_is_better")
# Hedge words as written in the sources (and as helpers.numbers reports them); 前 and top are
# bounds ("within the top N").
APPROX_WORDS = tuple(w for w in schema.list_enum("facts", "approx") if w)
BOUND_WORDS = ("前", "top")
PERIOD_SOURCES = schema.list_enum("facts", "period_source")
STATUSES = schema.list_enum("facts", "status")
COMPARISONS = schema.list_enum("metrics", "comparison")


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # ASCII digits only, like the CSV they check

_OFFSET = re.compile(r"[0-9]{1,12}")  # a character offset; longer would overflow int64


def shorten(text: str, limit: int = 24) -> str:
    """Return ``text`` cut to ``limit`` characters with an ellipsis, for one-line messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """Return the header and ``(line, row)`` pairs of a CSV file; raise UserError if unreadable."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: file not found; create it with a header row")
    return read_csv_rows(path)


def _require_columns(path: Path, header: Sequence[str], columns: Sequence[str]) -> None:
    """Raise UserError when ``header`` lacks one of ``columns``."""
    missing = [c for c in columns if c not in header]
    if missing:
        raise UserError(
            f"{Path(path).name}:1: missing column {missing[0]!r}; the header must hold "
            f"{','.join(columns)}"
        )


def _read_frame(path: Path, columns: Sequence[str]) -> tuple[pd.DataFrame, list[int]]:
    """Return the CSV at ``path`` as strings (nothing coerced) and each row's line number."""
    header, rows = read_rows(path)
    _require_columns(path, header, columns)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    lines = [line for line, _row in rows]
    if len(lines) != len(frame):  # pragma: no cover - both readers skip blank lines
        lines = list(range(2, len(frame) + 2))
    return frame, lines


def parse_decimal(text: str) -> Decimal | None:
    """Return ``text`` as a Decimal when it is a plain decimal number (-12, 1.3), else None."""
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def load_metrics(data_dir: Path) -> pd.DataFrame:
    """Return ``data_dir/metrics.csv`` as a DataFrame of strings."""
    return _read_frame(Path(data_dir) / METRICS_FILE, METRIC_COLUMNS)[0]


def load_facts(data_dir: Path) -> pd.DataFrame:
    """Return ``data_dir/facts.csv``; ``value`` and ``high`` as floats (high NaN when empty)."""
    path = Path(data_dir) / FACTS_FILE
    frame, lines = _read_frame(path, FACT_COLUMNS)
    for column in ("value", "high"):
        numbers = []
        for line, text in zip(lines, frame[column], strict=True):
            if column == "high" and text == "":
                numbers.append(float("nan"))
                continue
            number = parse_decimal(text)
            if number is None:
                raise UserError(
                    f"{path.name}:{line}: field {column!r} is {text!r}; write a plain decimal "
                    "number such as 2600000000000 or 1.3"
                )
            numbers.append(float(number))
        frame[column] = pd.Series(numbers, index=frame.index, dtype="float64")
    return frame


def load_excluded(data_dir: Path) -> pd.DataFrame:
    """Return ``data_dir/excluded.csv``; ``start`` as an integer character offset."""
    path = Path(data_dir) / EXCLUDED_FILE
    frame, lines = _read_frame(path, EXCLUDED_COLUMNS)
    for line, text in zip(lines, frame["start"], strict=True):
        if not _OFFSET.fullmatch(text):
            raise UserError(
                f"{path.name}:{line}: field 'start' is {shorten(text)!r}; write the character "
                "offset as a whole number"
            )
    frame["start"] = frame["start"].astype("int64")
    return frame


def load_mentions(sources: Iterable, data_dir: Path | None = None) -> dict[str, list]:
    """Return the parser's mentions per source_id (lexicon from ``data_dir`` when it has one)."""
    from helpers.numbers import find_mentions

    lexicon = None
    if data_dir is not None and (Path(data_dir) / LEXICON_FILE).is_file():
        from helpers.entities import load_lexicon

        lexicon = load_lexicon(Path(data_dir) / LEXICON_FILE)
    return {s.source_id: find_mentions(s.text, s.source_id, lexicon) for s in sources}
