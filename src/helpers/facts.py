"""Load the curated ledger (metrics, facts, excluded numbers) and check it against the sources."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from helpers.errors import UserError
from helpers.periods import check_period
from helpers.textio import read_csv_rows

METRICS_FILE = "metrics.csv"
FACTS_FILE = "facts.csv"
EXCLUDED_FILE = "excluded.csv"
LEXICON_FILE = "lexicon.csv"

METRIC_COLUMNS = (
    "metric_id",
    "dimension",
    "name_zh",
    "name_en",
    "unit",
    "higher_is_better",
    "caveat_zh",
    "caveat_en",
)
FACT_COLUMNS = (
    "fact_id",
    "metric_id",
    "entity",
    "country",
    "value",
    "high",
    "unit",
    "approx",
    "period",
    "source_id",
    "quote",
    "note",
)
EXCLUDED_COLUMNS = ("source_id", "start", "surface", "reason")
DIMENSIONS = ("models", "research", "patents", "talent", "industry", "compute", "data", "policy")
HIGHER_IS_BETTER = ("true", "false", "")
# Hedge words as written in the sources (and as helpers.numbers reports them).
APPROX_WORDS = (
    "近",
    "约",
    "超过",
    "不超过",
    "多",
    "余",
    "以上",
    "不足",
    "至少",
    "数",
    "几",
    "以下",
    "左右",
    "将近",
    "接近",
    "不少于",
    "不低于",
    "不到",
    "大约",
    "逾",
    "超",
    "上下",
    "开外",
)
# Kinds of parser mentions that the coverage check leaves aside (they give periods, not facts).
UNCOUNTED_KINDS = ("year", "date")

_METRIC_ID = re.compile(r"[a-z][a-z0-9_]*")
_FACT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_COUNTRY = re.compile(r"[A-Z]{2}")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # ASCII digits only, like the CSV they check
_OFFSET = re.compile(r"[0-9]{1,12}")  # a character offset; longer would overflow int64
_DECLINE = re.compile(r"下滑|下降|减少|降低|下跌|跌")
_NUMERAL_RUN = re.compile(r"\d+(?:\.\d+)?[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]+")


@dataclass(frozen=True)
class Problem:
    """One problem in the ledger, located by file name and CSV line (header = line 1)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        """Return ``file:line: message``."""
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Audit:
    """The outcome of checking the ledger: problems and coverage of the sources' numbers."""

    problems: list[Problem] = field(default_factory=list)
    n_metrics: int = 0
    n_facts: int = 0
    n_excluded: int = 0
    n_sources: int = 0
    n_numbers: int = 0
    n_used: int = 0
    n_listed: int = 0
    uncurated: dict[str, int] = field(default_factory=dict)  # source_id -> body numbers found

    @property
    def n_covered(self) -> int:
        """Return how many counted body numbers are used by a fact or listed as excluded."""
        return self.n_used + self.n_listed


# ---------------------------------------------------------------- reading
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


# ---------------------------------------------------------------- field checks
def _check_metrics(rows: list[tuple[int, dict]]) -> tuple[list[Problem], dict[str, dict]]:
    """Return problems in metrics rows and the metrics by id."""
    problems: list[Problem] = []
    metrics: dict[str, dict] = {}
    first: dict[str, int] = {}
    for line, row in rows:

        def bad(message: str, line: int = line) -> None:
            problems.append(Problem(METRICS_FILE, line, message))

        mid = row["metric_id"].strip()
        if not _METRIC_ID.fullmatch(mid):
            bad(f"metric_id {mid!r} must be lowercase snake_case (letters, digits, _)")
        elif mid in first:
            bad(f"duplicate metric_id {mid!r} (first on line {first[mid]}); keep one row")
        else:
            first[mid] = line
            metrics[mid] = row
        if row["dimension"] not in DIMENSIONS:
            bad(f"dimension {row['dimension']!r} is unknown; use one of {', '.join(DIMENSIONS)}")
        if row["higher_is_better"] not in HIGHER_IS_BETTER:
            bad(f"higher_is_better {row['higher_is_better']!r}: write true, false or leave empty")
        for column in ("name_zh", "name_en", "unit", "caveat_zh", "caveat_en"):
            if not row[column].strip():
                bad(f"field {column!r} is empty; fill it in")
    return problems, metrics


def _check_fact_fields(
    line: int, row: dict, metrics: dict, source_ids: set[str]
) -> tuple[list[Problem], Decimal | None, Decimal | None]:
    """Return the problems of one fact row's own fields, its value and its high."""
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(FACTS_FILE, line, message))

    if row["metric_id"] not in metrics:
        bad(f"metric_id {row['metric_id']!r} is not in {METRICS_FILE}; add the metric or fix it")
    if row["source_id"] not in source_ids:
        bad(
            f"source_id {row['source_id']!r} is not in sources.csv; use one of "
            f"{', '.join(sorted(source_ids))}"
        )
    if row["country"] and not _COUNTRY.fullmatch(row["country"]):
        bad(f"country {row['country']!r} must be an ISO 3166 alpha-2 code such as CN, or empty")
    if not row["entity"].strip():
        bad("field 'entity' is empty; say who the figure is about")
    if not row["unit"].strip():
        bad("field 'unit' is empty; write the unit as the source does (%, 篇, 款, 名 …)")
    if row["approx"] and row["approx"] not in APPROX_WORDS:
        bad(f"approx {row['approx']!r} is not a hedge word; use one of {', '.join(APPROX_WORDS)}")
    problem = check_period(row["period"])
    if problem:
        bad(problem)
    value = parse_decimal(row["value"])
    if value is None:
        bad(f"value {row['value']!r} is not a plain decimal number; write e.g. 2600000000 or 1.3")
    high = None
    if row["high"]:
        high = parse_decimal(row["high"])
        if high is None:
            bad(f"high {row['high']!r} is not a plain decimal number; write it or leave it empty")
        elif value is not None and high < value:
            bad(f"high {row['high']} is below value {row['value']}; swap them")
    if not row["quote"].strip():
        bad("field 'quote' is empty; copy the sentence holding the number from the source")
    return problems, value, high


# ---------------------------------------------------------------- quotes and mentions
def find_quote_spans(quote: str, text: str) -> list[tuple[int, int]]:
    """Return every span of ``quote`` in ``text``, raw first, else after normalization."""
    spans = _find_all(quote, text)
    if spans or not quote:
        return spans
    try:
        from helpers.normalize import normalize_text
    except ImportError:  # pragma: no cover - normalize.py is part of the package
        return []
    return _find_all(normalize_text(quote).text, normalize_text(text).text)


def _find_all(needle: str, haystack: str) -> list[tuple[int, int]]:
    """Return the spans of every occurrence of ``needle`` in ``haystack``."""
    spans = []
    if not needle:
        return spans
    i = haystack.find(needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1)
    return spans


def _written_numbers(quote: str) -> set[Decimal]:
    """Return numerals written in ``quote`` that the parser skips on purpose (一款 → 1)."""
    from helpers.numbers import parse_numeral

    found: set[Decimal] = set()
    for match in _NUMERAL_RUN.finditer(quote):
        parsed = parse_numeral(match.group())
        if parsed is not None:
            found.update(v for v in parsed[:2] if v is not None)
    return found


def _mention_values(mention) -> set[Decimal]:
    """Return the value and (if any) high of a parser mention."""
    return {v for v in (mention.value, mention.high) if v is not None}


def _fact_matches(number: Decimal, values: set[Decimal], quote: str) -> bool:
    """Return True when ``number`` (or its negation, for a stated decline) is in ``values``."""
    if number in values:
        return True
    return number < 0 and -number in values and bool(_DECLINE.search(quote))


def load_mentions(sources: Iterable, data_dir: Path | None = None) -> dict[str, list]:
    """Return the parser's mentions per source_id (lexicon from ``data_dir`` when it has one)."""
    from helpers.numbers import find_mentions

    lexicon = None
    if data_dir is not None and (Path(data_dir) / LEXICON_FILE).is_file():
        from helpers.entities import load_lexicon

        lexicon = load_lexicon(Path(data_dir) / LEXICON_FILE)
    return {s.source_id: find_mentions(s.text, s.source_id, lexicon) for s in sources}


def mentions_within(mentions: list, spans: list[tuple[int, int]]) -> list:
    """Return the mentions lying inside any of ``spans``, each once, in text order.

    Linear in the mentions and spans (a quote repeated a thousand times must not make
    validation quadratic): mentions are sorted by start and each span is found by bisection.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    picked: dict[int, object] = {}
    for s, e in spans:
        i = bisect.bisect_left(starts, s)
        while i < len(ordered) and ordered[i].start < e:
            if ordered[i].end <= e:
                picked[i] = ordered[i]
            i += 1
    return [picked[i] for i in sorted(picked)]


def _index_mentions(mentions: list) -> set[tuple[int, str]]:
    """Return the (start, surface) of each mention, for constant-time lookups."""
    return {(m.start, m.surface) for m in mentions}


# ---------------------------------------------------------------- the audit
def audit_ledger(
    data_dir: Path, sources: Sequence, mentions: dict | None = None, chapters: Sequence[str] = ()
) -> Audit:
    """Check metrics, facts and excluded numbers against ``sources``; return problems and coverage.

    ``sources`` are objects with ``.source_id``, ``.file`` and ``.text`` (``corpus.load_sources``);
    ``mentions`` (per source_id) defaults to ``helpers.numbers.find_mentions`` on each text;
    ``chapters`` are the chapter notebooks' stems, whose titles the catalog must hold.
    """
    data_dir = Path(data_dir)
    audit = Audit(n_sources=len(sources))
    tables = {}
    for name, columns in (
        (METRICS_FILE, METRIC_COLUMNS),
        (FACTS_FILE, FACT_COLUMNS),
        (EXCLUDED_FILE, EXCLUDED_COLUMNS),
    ):
        try:
            header, rows = read_rows(data_dir / name)
            _require_columns(data_dir / name, header, columns)
        except UserError as exc:
            audit.problems.append(_problem_from_error(name, exc))
            continue
        tables[name] = rows
    if len(tables) < 3:
        return audit
    by_id = {s.source_id: s for s in sources}
    if mentions is None:
        mentions = load_mentions(sources, data_dir)

    metric_problems, metrics = _check_metrics(tables[METRICS_FILE])
    audit.problems += metric_problems
    audit.n_metrics = len(tables[METRICS_FILE])
    audit.problems += check_catalog_keys(
        data_dir, tables[METRICS_FILE], tables[FACTS_FILE], chapters
    )

    used: set[tuple[str, int]] = set()
    seen_ids: dict[str, int] = {}
    for line, row in tables[FACTS_FILE]:
        audit.n_facts += 1
        fid = row["fact_id"].strip()
        if not _FACT_ID.fullmatch(fid):
            audit.problems.append(
                Problem(FACTS_FILE, line, f"fact_id {fid!r} must be lowercase like itif_review-001")
            )
        elif fid in seen_ids:
            audit.problems.append(
                Problem(
                    FACTS_FILE,
                    line,
                    f"duplicate fact_id {fid!r} (first on line {seen_ids[fid]}); "
                    "give each fact its own id",
                )
            )
        else:
            seen_ids[fid] = line
        problems, value, high = _check_fact_fields(line, row, metrics, set(by_id))
        audit.problems += problems
        source = by_id.get(row["source_id"])
        if source is None or not row["quote"].strip():
            continue
        audit.problems += _check_quote(
            line, row, source, mentions.get(source.source_id, []), value, high, used
        )

    listed = _check_excluded(tables[EXCLUDED_FILE], by_id, mentions, audit)
    curated = {row["source_id"] for _, row in tables[FACTS_FILE]}
    curated |= {row["source_id"] for _, row in tables[EXCLUDED_FILE]}
    for source in sources:
        counted = [
            m
            for m in mentions.get(source.source_id, [])
            if m.section == "body" and m.kind not in UNCOUNTED_KINDS
        ]
        if source.source_id not in curated:
            # A document with no fact and no exclusion yet is "not yet curated": the report lists
            # its numbers as such; coverage is demanded once curation of it has begun.
            audit.uncurated[source.source_id] = len(counted)
            continue
        newlines = [i for i, ch in enumerate(source.text) if ch == "\n"] if counted else []
        for m in counted:
            audit.n_numbers += 1
            key = (source.source_id, m.start)
            if key in used:
                audit.n_used += 1
            elif (source.source_id, m.start, m.surface) in listed:
                audit.n_listed += 1
            else:
                audit.problems.append(
                    Problem(
                        source.file,
                        bisect.bisect_left(newlines, m.start) + 1,
                        f"number {m.surface!r} at offset {m.start} is neither used by a fact nor "
                        f"listed in {EXCLUDED_FILE}; add a fact, or the row "
                        f"{source.source_id},{m.start},{m.surface},<reason>",
                    )
                )
    return audit


def check_catalog_keys(
    data_dir: Path, metric_rows: list, fact_rows: list, chapters: Sequence[str]
) -> list[Problem]:
    """Return the catalog's problems, including a missing word for any unit, country, dimension,
    hedge or chapter the ledger and the notebooks use (the report would stop on each)."""
    from helpers.i18n import CATALOG_NAME, check_catalog

    needed = {f"chapter.{stem}.title" for stem in chapters}
    for _line, row in metric_rows:
        needed |= {f"unit.{row['unit']}", f"dimension.{row['dimension']}"}
    for _line, row in fact_rows:
        needed.add(f"unit.{row['unit']}")
        needed |= {f"country.{row['country']}"} if row["country"] else set()
        needed |= {f"approx.{row['approx']}"} if row["approx"] else set()
    needed -= {"unit.", "dimension."}
    return [
        Problem(CATALOG_NAME, line, message)
        for line, message in check_catalog(Path(data_dir) / CATALOG_NAME, needed)
    ]


def _problem_from_error(name: str, exc: UserError) -> Problem:
    """Return a Problem for a file-level UserError (line taken from ``name:LINE:`` if present)."""
    message = str(exc)
    match = re.search(re.escape(name) + r":(\d+): (.*)", message)
    if match:
        return Problem(name, int(match.group(1)), match.group(2))
    return Problem(name, 1, message)


def _check_quote(
    line: int,
    row: dict,
    source,
    mentions: list,
    value: Decimal | None,
    high: Decimal | None,
    used: set[tuple[str, int]],
) -> list[Problem]:
    """Return problems with a fact's quote and numbers; record the mentions it uses in ``used``."""
    quote = row["quote"]
    spans = find_quote_spans(quote, source.text)
    if not spans:
        return [
            Problem(
                FACTS_FILE,
                line,
                f"quote not found verbatim in {source.file} "
                f"({row['source_id']}); copy it exactly from the source: {quote[:40]!r}",
            )
        ]
    inside = mentions_within(mentions, spans)
    values: set[Decimal] = set()
    for m in inside:
        values |= _mention_values(m)
    problems = []
    for n, column in ((value, "value"), (high, "high")):
        if n is None:
            continue
        if _fact_matches(n, values, quote):
            continue
        if n in _written_numbers(quote):  # a numeral the parser skips, e.g. 一款
            continue
        shown = ", ".join(m.surface for m in inside) or "none"
        problems.append(
            Problem(
                FACTS_FILE,
                line,
                f"{column} {row[column]} is not among the numbers in the quote "
                f"(found: {shown}); fix the {column} or the quote",
            )
        )
    wanted = [n for n in (value, high) if n is not None]
    targets = set(wanted) | {-n for n in wanted}
    for m in inside:
        if _mention_values(m) & targets:
            used.add((row["source_id"], m.start))
    return problems


def _check_excluded(
    rows: list[tuple[int, dict]], by_id: dict, mentions: dict, audit: Audit
) -> set[tuple[str, int, str]]:
    """Check excluded rows against the parser's mentions; return (source, start, surface) keys."""
    listed: set[tuple[str, int, str]] = set()
    first: dict[tuple[str, int], int] = {}
    index: dict[str, set[tuple[int, str]]] = {}
    for line, row in rows:
        audit.n_excluded += 1

        def bad(message: str, line: int = line) -> None:
            audit.problems.append(Problem(EXCLUDED_FILE, line, message))

        sid, start_text, surface = row["source_id"], row["start"].strip(), row["surface"]
        if sid not in by_id:
            bad(f"source_id {sid!r} is not in sources.csv; use one of {', '.join(sorted(by_id))}")
            continue
        if not _OFFSET.fullmatch(start_text):
            bad(f"start {shorten(start_text)!r} is not a character offset; write a whole number")
            continue
        if not row["reason"].strip():
            bad("field 'reason' is empty; say why this number is not a fact")
        start = int(start_text)
        if (sid, start) in first:
            bad(f"duplicate row for {sid} offset {start} (first on line {first[(sid, start)]})")
            continue
        first[(sid, start)] = line
        if (start, surface) not in index.setdefault(sid, _index_mentions(mentions.get(sid, []))):
            text = by_id[sid].text
            bad(
                f"no number {surface!r} at offset {start} of {by_id[sid].file} (the text there "
                f"is {text[start : start + max(len(surface), 1)]!r}); fix start or surface, or "
                "remove the row"
            )
            continue
        listed.add((sid, start, surface))
    return listed


def check_ledger(data_dir: Path, sources: Sequence, mentions: dict | None = None) -> list[Problem]:
    """Return every problem in the ledger under ``data_dir`` checked against ``sources``."""
    return audit_ledger(data_dir, sources, mentions).problems


def draft_excluded(data_dir: Path, sources: Sequence, mentions: dict | None = None) -> pd.DataFrame:
    """Return body mentions not used by any fact's quote, as excluded rows with empty reasons.

    Years and dates inside a fact's quote count as used (they give the fact its period).
    """
    data_dir = Path(data_dir)
    if mentions is None:
        mentions = load_mentions(sources, data_dir)
    _header, rows = read_rows(data_dir / FACTS_FILE)
    facts_by_source: dict[str, list[dict]] = {}
    for _line, row in rows:
        facts_by_source.setdefault(row["source_id"], []).append(row)
    out = []
    for source in sources:
        used: set[int] = set()
        quoted: list[tuple[int, int]] = []
        for row in facts_by_source.get(source.source_id, []):
            spans = find_quote_spans(row["quote"], source.text)
            quoted += spans
            numbers = {parse_decimal(row["value"]), parse_decimal(row["high"])} - {None}
            numbers |= {-n for n in numbers}
            for m in mentions[source.source_id]:
                if (
                    any(s <= m.start and m.end <= e for s, e in spans)
                    and _mention_values(m) & numbers
                ):
                    used.add(m.start)
        for m in mentions[source.source_id]:
            if m.section != "body" or m.start in used:
                continue
            if m.kind in UNCOUNTED_KINDS and any(s <= m.start and m.end <= e for s, e in quoted):
                continue
            out.append(
                {
                    "source_id": source.source_id,
                    "start": m.start,
                    "surface": m.surface,
                    "reason": "",
                }
            )
    return pd.DataFrame(out, columns=list(EXCLUDED_COLUMNS))
