"""Check the curated ledger against the sources: fields, quotes, exclusions, coverage, words.

``python -m helpers validate`` is its command-line front (``helpers.validate``); ``report``
runs the same audit first and refuses to build on any problem.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from helpers import schema
from helpers.audit_words import check_dimensions, check_words
from helpers.errors import Problem, UserError
from helpers.ledger import (
    _OFFSET,
    APPROX_WORDS,
    BOUND_WORDS,
    COMPARISONS,
    DIMENSIONS,
    EXCLUDED_COLUMNS,
    EXCLUDED_FILE,
    FACT_COLUMNS,
    FACTS_FILE,
    HIGHER_IS_BETTER,
    METRIC_COLUMNS,
    METRICS_FILE,
    PERIOD_SOURCES,
    STATUSES,
    _require_columns,
    load_mentions,
    parse_decimal,
    read_rows,
    shorten,
)
from helpers.periods import check_period
from helpers.quotes import (
    find_quote_spans,
    is_fact_value,
    list_mention_values,
    list_written_numbers,
    mentions_within,
)

UNCOUNTED_KINDS = ("year", "date")


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


def _check_metrics(rows: list[tuple[int, dict]]) -> tuple[list[Problem], dict[str, dict]]:
    """Return problems in metrics rows and the metrics by id."""
    problems: list[Problem] = []
    metrics: dict[str, dict] = {}
    first: dict[str, int] = {}
    for line, row in rows:

        def bad(message: str, line: int = line) -> None:
            problems.append(Problem(METRICS_FILE, line, message))

        mid = row["metric_id"].strip()
        if not schema.compile_pattern("metrics", "metric_id").fullmatch(mid):
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
        if row["comparison"] not in COMPARISONS:
            bad(
                f"comparison {row['comparison']!r} is unknown; write ratio (counts, money), "
                "difference (scores, shares) or none (ranks, multiples)"
            )
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
    if row["country"] and not schema.compile_pattern("facts", "country").fullmatch(row["country"]):
        bad(f"country {row['country']!r} must be an ISO 3166 alpha-2 code such as CN, or empty")
    if not row["entity"].strip():
        bad("field 'entity' is empty; say who the figure is about")
    if not row["unit"].strip():
        bad("field 'unit' is empty; write the unit as the source does (%, 篇, 款, 名 …)")
    if row["approx"] and row["approx"] not in APPROX_WORDS:
        bad(f"approx {row['approx']!r} is not a hedge word; use one of {', '.join(APPROX_WORDS)}")
    if row["period_source"] not in PERIOD_SOURCES:
        bad(
            f"period_source {row['period_source']!r} is unknown; write text (the quote gives the "
            "period) or published (the article's date stands in)"
        )
    if row["status"] not in STATUSES:
        bad(f"status {row['status']!r} is unknown; write reviewed or draft")
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


def _index_mentions(mentions: list) -> set[tuple[int, str]]:
    """Return the (start, surface) of each mention, for constant-time lookups."""
    return {(m.start, m.surface) for m in mentions}


def audit_ledger(
    data_dir: Path,
    sources: Sequence,
    mentions: dict | None = None,
    chapters: Sequence[str] | dict = (),
) -> Audit:
    """Check metrics, facts and excluded numbers against ``sources``; return problems and coverage.

    ``sources`` are objects with ``.source_id``, ``.file`` and ``.text`` (``corpus.load_sources``);
    ``mentions`` (per source_id) defaults to ``helpers.numbers.find_mentions`` on each text;
    ``chapters`` are the chapter notebooks' stems, whose titles the catalog must hold (or a
    dict of stem → the dimensions each declares, then every metric's dimension needs a home).
    """
    data_dir = Path(data_dir)
    audit = Audit(n_sources=len(sources))
    tables = _read_tables(data_dir, audit)
    if len(tables) < 3:
        return audit
    by_id = {s.source_id: s for s in sources}
    if mentions is None:
        mentions = load_mentions(sources, data_dir)
    metric_problems, metrics = _check_metrics(tables[METRICS_FILE])
    audit.problems += metric_problems
    audit.n_metrics = len(tables[METRICS_FILE])
    audit.problems += check_words(data_dir, tables[METRICS_FILE], tables[FACTS_FILE], chapters)
    if isinstance(chapters, dict):
        audit.problems += check_dimensions(tables[METRICS_FILE], chapters)
    used = _check_facts(tables[FACTS_FILE], metrics, by_id, mentions, audit)
    listed = _check_excluded(tables[EXCLUDED_FILE], by_id, mentions, audit)
    curated = {row["source_id"] for _, row in tables[FACTS_FILE]}
    curated |= {row["source_id"] for _, row in tables[EXCLUDED_FILE]}
    for source in sources:
        _check_coverage(source, mentions.get(source.source_id, []), curated, used, listed, audit)
    return audit


def _read_tables(data_dir: Path, audit: Audit) -> dict[str, list]:
    """Return the rows of the three ledger tables; a table that cannot be read is a problem."""
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
    return tables


def _check_facts(rows: list, metrics: dict, by_id: dict, mentions: dict, audit: Audit) -> set:
    """Check every fact row (id, fields, quote); return the (source, start) of numbers used."""
    used: set[tuple[str, int]] = set()
    seen_ids: dict[str, int] = {}
    for line, row in rows:
        audit.n_facts += 1
        fid = row["fact_id"].strip()
        if not schema.compile_pattern("facts", "fact_id").fullmatch(fid):
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
    return used


def _check_coverage(source, mentions: list, curated: set, used: set, listed: set, audit) -> None:
    """Count a curated source's body numbers as used or excluded; report each one that is neither.

    A document with no fact and no exclusion yet is "not yet curated": the report lists its
    numbers as such; coverage is demanded once curation of it has begun.
    """
    counted = [m for m in mentions if m.section == "body" and m.kind not in UNCOUNTED_KINDS]
    if source.source_id not in curated:
        audit.uncurated[source.source_id] = len(counted)
        return
    newlines = [i for i, ch in enumerate(source.text) if ch == "\n"] if counted else []
    for m in counted:
        audit.n_numbers += 1
        if (source.source_id, m.start) in used:
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
        values |= list_mention_values(m)
    problems = _check_bound(line, row, inside, value)
    for n, column in ((value, "value"), (high, "high")):
        if n is None:
            continue
        if is_fact_value(n, values, quote):
            continue
        if n in list_written_numbers(quote):  # a numeral the parser skips, e.g. 一款
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
        if list_mention_values(m) & targets:
            used.add((row["source_id"], m.start))
    return problems


def _check_bound(line: int, row: dict, inside: list, value: Decimal | None) -> list[Problem]:
    """Return a problem when the quote states a bound (前10, top 10) that the fact stores as a
    plain rank or value: "within the top 10" is never "no. 10"."""
    same = [m for m in inside if value is not None and m.value == value]
    bounds = [m for m in same if m.approx in BOUND_WORDS]
    if not bounds or len(bounds) < len(same) or row["approx"] in BOUND_WORDS:
        return []  # no bound, or the value is also written plainly (前5名 … 排名第五)
    surface = bounds[0].surface
    return [
        Problem(
            FACTS_FILE,
            line,
            f"the quote gives {surface!r}, a bound (within the top {row['value']}), not a rank "
            f"or value; set approx to {bounds[0].approx}",
        )
    ]


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
