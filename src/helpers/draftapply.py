"""Apply a reviewed draft: ``python -m helpers draft SOURCE_ID --apply``.

The draft's fact rows join ``facts.csv`` (ids numbered SOURCE_ID-001 … after the highest
existing) and its exclude rows join ``excluded.csv``. The merged ledger is audited on a
temporary copy of the data folder first (the checks of ``validate``); on any problem, or when
the draft no longer matches its document, nothing changes. Both files are written aside, then
renamed.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.csvout import FORMULA_STARTS
from helpers.errors import ProblemsError, UserError, escape_line
from helpers.ledger import (
    _OFFSET,
    EXCLUDED_FILE,
    FACT_COLUMNS,
    FACTS_FILE,
    read_rows,
    shorten,
)
from helpers.safewrite import replace_file
from helpers.textio import decode_bytes, read_csv_rows

DRAFTS_DIR = "drafts"
ACTIONS = ("fact", "exclude")
# A draft row: what to do and why, the number, the fact's fields, and what to review it by.
DRAFT_COLUMNS = (
    "action",
    "confidence",
    "basis",
    "reason",
    "to_switch",
    "start",
    "surface",
    *(c for c in FACT_COLUMNS if c not in ("fact_id", "source_id")),
    "sentence",
    "source_id",
    "sha256",
)


@dataclass
class Plan:
    """What applying a draft would do: the rows added, the merged files and the audit's word."""

    source_id: str
    draft: Path
    facts: list[dict] = field(default_factory=list)
    excluded: list[dict] = field(default_factory=list)
    new_tables: dict[str, bytes] = field(default_factory=dict)
    old_tables: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    audit: object = None


def find_draft(data_dir: Path, source_id: str) -> Path:
    """Return where the draft of ``source_id`` lives: DATA/drafts/SOURCE_ID.csv."""
    return Path(data_dir) / DRAFTS_DIR / f"{source_id}.csv"


def find_source(sources: list, source_id: str, seeds_dir: Path):
    """Return the source with ``source_id``; refuse an unknown id, naming the known ones."""
    for source in sources:
        if source.source_id == source_id:
            return source
    known = sorted(s.source_id for s in sources)
    listed = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
    raise UserError(
        f"{escape_line(str(Path(seeds_dir) / paths.MANIFEST_NAME))}: no source_id "
        f"{escape_line(source_id)!r}; add the document first (python -m helpers add) or use one "
        f"of {listed}"
    )


def count_curated(data_dir: Path, source_id: str) -> tuple[int, int]:
    """Return how many facts and exclusions the ledger already holds for ``source_id``."""
    counts = []
    for name in (FACTS_FILE, EXCLUDED_FILE):
        _header, rows = read_rows(Path(data_dir) / name)
        counts.append(sum(1 for _line, row in rows if row.get("source_id") == source_id))
    return counts[0], counts[1]


def restore_cell(cell: str) -> str:
    """Undo the apostrophe that kept a cell from running as a spreadsheet formula."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read_draft(path: Path, source) -> list[tuple[int, dict]]:
    """Return the draft's ``(line, row)`` pairs; refuse a draft that no longer fits its source."""
    shown = escape_line(str(path))
    if not Path(path).is_file():
        raise UserError(
            f"{shown}: no draft; write it with python -m helpers draft {source.source_id}"
        )
    header, rows = read_csv_rows(path, shown)
    missing = [c for c in DRAFT_COLUMNS if c not in header]
    if missing:
        raise UserError(f"{shown}:1: missing column {missing[0]!r}; restore the header row")
    out = []
    for line, raw in rows:
        row = {k: restore_cell(v) for k, v in raw.items()}
        _check_draft_row(shown, line, row, source)
        out.append((line, row))
    return out


def _check_draft_row(shown: str, line: int, row: dict, source) -> None:
    """Refuse a draft row of another document, or one that no longer matches the document."""
    where = f"{shown}:{line}"
    if row["source_id"] != source.source_id:
        raise UserError(
            f"{where}: source_id {row['source_id']!r} is not {source.source_id!r}; a draft holds "
            "one document's rows"
        )
    if row["sha256"] != source.sha256:
        raise UserError(
            f"{where}: the draft was written for another version of {source.file} (sha256 "
            f"{shorten(row['sha256'], 16)}, now {source.sha256[:15]}…); write a new draft with "
            f"python -m helpers draft {source.source_id} --force"
        )
    if row["action"] not in ACTIONS:
        raise UserError(f"{where}: action {row['action']!r} is unknown; write fact or exclude")
    start, surface = row["start"].strip(), row["surface"]
    end = int(start) + len(surface) if _OFFSET.fullmatch(start) else -1
    if not surface or end < 0 or source.text[int(start) : end] != surface:
        raise UserError(
            f"{where}: {surface!r} is not at offset {shorten(start)} of {source.file}; the draft "
            f"is stale: write a new one with python -m helpers draft {source.source_id} --force"
        )


def number_facts(fact_ids: list[str], source_id: str, count: int) -> list[str]:
    """Return ``count`` new fact ids SOURCE_ID-001 … after the highest one already used."""
    pattern = re.compile(re.escape(source_id) + r"-([0-9]+)")
    used = [int(m.group(1)) for fid in fact_ids if (m := pattern.fullmatch(fid))]
    first = max(used, default=0) + 1
    return [f"{source_id}-{n:03d}" for n in range(first, first + count)]


def split_rows(source_id: str, rows: list[tuple[int, dict]], fact_ids: list[str]):
    """Return the new fact rows, excluded rows and the draft line of each new fact."""
    facts, excluded, origin = [], [], []
    picked = [(line, row) for line, row in rows if row["action"] == "fact"]
    new_ids = number_facts(fact_ids, source_id, len(picked))
    for fid, (line, row) in zip(new_ids, picked, strict=True):
        facts.append({**{c: row.get(c, "") for c in FACT_COLUMNS}, "fact_id": fid,
                      "source_id": source_id})  # fmt: skip
        origin.append(line)
    for _line, row in rows:
        if row["action"] == "exclude":
            excluded.append({"source_id": source_id, "start": row["start"].strip(),
                             "surface": row["surface"], "reason": row["reason"]})  # fmt: skip
    return facts, excluded, origin


def append_rows(original: bytes, rows: list[dict], name: str) -> bytes:
    """Return a CSV table's bytes with ``rows`` appended in its header's order (bytes kept)."""
    import csv
    import io

    text = decode_bytes(original, name)
    header = [h.strip() for h in next(csv.reader(io.StringIO(text)), [])]
    ending = "\r\n" if "\r\n" in text else "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    body = text if not text or text.endswith(("\n", "\r")) else text + ending
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    return (bom + body.lstrip("\ufeff") + out.getvalue()).encode("utf-8")


def merge_tables(data_dir: Path, facts: list[dict], excluded: list[dict]) -> tuple[dict, dict]:
    """Return the old and the merged bytes of facts.csv and excluded.csv."""
    old = {name: (Path(data_dir) / name).read_bytes() for name in (FACTS_FILE, EXCLUDED_FILE)}
    new = {
        FACTS_FILE: append_rows(old[FACTS_FILE], facts, FACTS_FILE),
        EXCLUDED_FILE: append_rows(old[EXCLUDED_FILE], excluded, EXCLUDED_FILE),
    }
    return old, new


def copy_data(data_dir: Path, target: Path, tables: dict[str, bytes]) -> Path:
    """Copy the data folder's tables into ``target``, with ``tables`` in place of those files."""
    from helpers.workspace import check_data_dir

    for path in check_data_dir(data_dir):
        (target / path.name).write_bytes(tables.get(path.name) or path.read_bytes())
    return target


def plan_apply(source_id: str, seeds_dir: Path, data_dir: Path) -> Plan:
    """Return what applying the draft of ``source_id`` would change and the audit of the result.

    Refuses (UserError) a source that is unknown or already curated and a stale draft.
    """
    from helpers.corpus import load_sources
    from helpers.validate import audit_dirs

    sources = load_sources(Path(seeds_dir))
    source = find_source(sources, source_id, seeds_dir)
    refuse_curated(data_dir, source_id)
    plan = Plan(source_id, find_draft(data_dir, source_id))
    rows = read_draft(plan.draft, source)
    _header, fact_rows = read_rows(Path(data_dir) / FACTS_FILE)
    fact_ids = [row["fact_id"] for _line, row in fact_rows]
    plan.facts, plan.excluded, origin = split_rows(source_id, rows, fact_ids)
    plan.old_tables, plan.new_tables = merge_tables(data_dir, plan.facts, plan.excluded)
    with tempfile.TemporaryDirectory(prefix="draft-apply-") as tmp:
        copy_data(data_dir, Path(tmp), plan.new_tables)
        plan.audit = audit_dirs(Path(tmp), Path(seeds_dir))
        merged_lines = [line for line, _row in read_rows(Path(tmp) / FACTS_FILE)[1]]
    lines = merged_lines[len(merged_lines) - len(origin) :] if origin else []
    to_draft = dict(zip(lines, origin, strict=True))
    by_start = {row["start"].strip(): line for line, row in rows}
    plan.problems = [_locate(str(p), plan.draft, to_draft, by_start) for p in plan.audit.problems]
    return plan


def refuse_curated(data_dir: Path, source_id: str) -> None:
    """Refuse a source that the ledger already holds rows for (its draft would double them)."""
    n_facts, n_excluded = count_curated(data_dir, source_id)
    if n_facts or n_excluded:
        raise UserError(
            f"{escape_line(str(Path(data_dir) / FACTS_FILE))}: {source_id} is already curated "
            f"({n_facts} facts, {n_excluded} exclusions); edit facts.csv and excluded.csv, or "
            "remove its rows there to draft it afresh"
        )


def _locate(problem: str, draft: Path, to_draft: dict[int, int], by_start: dict) -> str:
    """Return a validate problem with the draft line it comes from, when it comes from one."""
    match = re.match(re.escape(FACTS_FILE) + r":(\d+):", problem)
    if match and int(match.group(1)) in to_draft:
        return f"{problem} (from {draft.name}:{to_draft[int(match.group(1))]})"
    match = re.search(r" at offset (\d+) ", problem)
    if match and match.group(1) in by_start and not problem.startswith(FACTS_FILE):
        return f"{problem} (see {draft.name}:{by_start[match.group(1)]})"
    return problem


def apply_draft(source_id: str, seeds_dir: Path, data_dir: Path) -> Plan:
    """Merge the reviewed draft into the ledger; raise ProblemsError, changing nothing, if the
    merged ledger would not pass validate."""
    plan = plan_apply(source_id, seeds_dir, data_dir)
    if plan.problems:
        raise ProblemsError(
            f"{len(plan.problems)} problem(s): {escape_line(str(plan.draft))} was not applied "
            "and nothing changed; fix the draft rows named and apply again",
            plan.problems,
        )
    write_tables(Path(data_dir), plan.old_tables, plan.new_tables)
    return plan


def write_tables(data_dir: Path, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Write the merged tables aside then rename them in; put the first back if the second
    fails; refuse if either changed since it was read."""
    for name, data in old.items():
        if (data_dir / name).read_bytes() != data:
            raise UserError(
                f"{escape_line(str(data_dir / name))}: changed while the draft was being "
                "applied; run the command again"
            )
    written = []
    try:
        for name in (FACTS_FILE, EXCLUDED_FILE):
            replace_file(data_dir / name, new[name])
            written.append(name)
    except BaseException:
        for name in written:
            replace_file(data_dir / name, old[name])
        raise


def describe_applied(plan: Plan) -> list[str]:
    """Return the lines that say what applying changed."""
    ids = [row["fact_id"] for row in plan.facts]
    span = f" ({ids[0]} … {ids[-1]})" if len(ids) > 1 else f" ({ids[0]})" if ids else ""
    return [
        f"applied {escape_line(str(plan.draft))}: {len(plan.facts)} fact(s){span} added to "
        f"{FACTS_FILE}, {len(plan.excluded)} row(s) to {EXCLUDED_FILE}"
    ]
