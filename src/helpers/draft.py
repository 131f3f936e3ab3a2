"""Draft ledger rows for a document: ``python -m helpers draft SOURCE_ID``.

Writes ``DATA/drafts/SOURCE_ID.csv``: one row per number the parser finds (``draftrows``),
then audited by ``validate``'s own checks on a temporary copy of the data folder with the
proposals merged; any fact proposal it refuses becomes an exclusion, so applying an unedited
draft passes. Same document, same data: same bytes. ``draft_excluded`` lists the numbers of
curated documents that no fact uses.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.audit import UNCOUNTED_KINDS, audit_ledger
from helpers.csvout import format_rows
from helpers.draftapply import (
    DRAFT_COLUMNS,
    copy_data,
    find_draft,
    find_source,
    merge_tables,
    refuse_curated,
    split_rows,
)
from helpers.draftrows import SWITCH, Doc, propose_rows, set_exclude
from helpers.errors import UserError, escape_line
from helpers.ledger import EXCLUDED_COLUMNS, FACTS_FILE, load_mentions, parse_decimal, read_rows
from helpers.normalize import normalize_text
from helpers.proposals import load_ledger
from helpers.quotes import find_quote_spans, list_mention_values
from helpers.safewrite import place_new, replace_file

_OFFSET_IN = re.compile(r" at offset (\d+) ")


def build_draft(source_id: str, seeds_dir: Path, data_dir: Path) -> tuple[object, list[dict]]:
    """Return the source and its draft rows (proposed, then audited); nothing is written."""
    from helpers.corpus import load_sources
    from helpers.i18n import CATALOG_NAME, load_catalog

    sources = load_sources(Path(seeds_dir))
    source = find_source(sources, source_id, seeds_dir)
    refuse_curated(data_dir, source_id)
    mentions = load_mentions(sources, data_dir)
    doc = Doc(source, normalize_text(source.text).text, mentions[source_id],
              source.meta["published"])  # fmt: skip
    catalog = load_catalog(Path(data_dir) / CATALOG_NAME)
    rows = propose_rows(doc, load_ledger(data_dir), catalog)
    audit_rows(rows, source, sources, Path(data_dir), mentions)
    return source, rows


def audit_rows(rows: list[dict], source, sources, data_dir: Path, mentions: dict) -> None:
    """Turn each fact proposal that validate would refuse into an exclusion saying why.

    The audit runs on a temporary copy of the data folder with the rows merged, as apply
    will; problems the ledger had before are not the draft's and are left aside.
    """
    from helpers.contents import list_chapters

    chapters = [nb.stem for nb in list_chapters(paths.NOTEBOOKS_DIR)]
    before = {str(p) for p in audit_ledger(data_dir, sources, mentions, chapters).problems}
    fact_ids = [row["fact_id"] for _line, row in read_rows(data_dir / FACTS_FILE)[1]]
    for _round in range(len(rows) + 1):
        facts, excluded, origin = split_rows(source.source_id, list(enumerate(rows)), fact_ids)
        if not facts:
            return
        _old, new = merge_tables(data_dir, facts, excluded)
        with tempfile.TemporaryDirectory(prefix="draft-audit-") as tmp:
            copy_data(data_dir, Path(tmp), new)
            found = audit_ledger(Path(tmp), sources, mentions, chapters).problems
            lines = [line for line, _row in read_rows(Path(tmp) / FACTS_FILE)[1]][-len(facts) :]
        problems = [p for p in found if str(p) not in before]
        if not problems:
            return
        culprits = _blame(problems, dict(zip(lines, origin, strict=True)), rows, source)
        for index, message in sorted(culprits.items()):
            set_exclude(rows[index], f"validate: {message}", 0.5, rows[index]["basis"],
                        SWITCH["validate"])  # fmt: skip


def _blame(problems: list, to_row: dict[int, int], rows: list[dict], source) -> dict[int, str]:
    """Return the fact rows (by index) that the audit's problems come from, with the first
    message of each; when none can be named, every fact row (the guarantee comes first)."""
    culprits: dict[int, str] = {}
    starts = {row["start"]: i for i, row in enumerate(rows) if row["action"] == "fact"}
    for p in problems:
        offset = _OFFSET_IN.search(p.message)
        if p.file == FACTS_FILE and p.line in to_row:
            culprits.setdefault(to_row[p.line], p.message)
        elif p.file == source.file and offset and offset.group(1) in starts:
            culprits.setdefault(starts[offset.group(1)], p.message)
    if not culprits:
        culprits = {i: str(problems[0]) for i in starts.values()}
    return culprits


def format_draft(rows: list[dict]) -> bytes:
    """Return the draft as CSV bytes: UTF-8 with a BOM (for spreadsheet programs), cells that
    a spreadsheet would run as formulas neutralised (apply undoes it)."""
    text = format_rows(list(DRAFT_COLUMNS), [[row[c] for c in DRAFT_COLUMNS] for row in rows])
    return ("\ufeff" + text).encode("utf-8")


def write_draft(path: Path, data: bytes, force: bool) -> None:
    """Write the draft file; an existing one (a curator's edits) is kept unless ``force``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if force:
        replace_file(path, data)
        return
    try:
        place_new(path, data)
    except FileExistsError:
        raise refuse_existing(path) from None


def refuse_existing(path: Path) -> UserError:
    """Return the error for a draft that exists already."""
    return UserError(
        f"{escape_line(str(path))}: a draft exists (it may hold your edits); apply it with "
        "--apply, or pass --force to write a new one over it"
    )


def run_draft(source_id: str, seeds_dir: Path, data_dir: Path, force: bool, apply: bool) -> int:
    """Write the draft of ``source_id`` (or apply it) and print what was done and what next."""
    if apply:
        return _run_apply(source_id, seeds_dir, data_dir)
    path = find_draft(data_dir, source_id)
    if path.exists() and not force:
        raise refuse_existing(path)
    _source, rows = build_draft(source_id, seeds_dir, data_dir)
    write_draft(path, format_draft(rows), force)
    actions = Counter(row["action"] for row in rows)
    kinds = Counter(row["reason"].split(" (")[0].split(":")[0] for row in rows if row["reason"])
    print(f"wrote {escape_line(str(path))}: {len(rows)} numbers, {actions['fact']} proposed as "
          f"facts, {actions['exclude']} as exclusions")  # fmt: skip
    if kinds:
        print("exclusions: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print("review it: each row's action (fact or exclude), fields and reason; an exclusion's "
          "to_switch column says how to make it a fact")  # fmt: skip
    print(f"then: python -m helpers draft {source_id} --apply{_dirs(seeds_dir, data_dir)}")
    return 0


def _run_apply(source_id: str, seeds_dir: Path, data_dir: Path) -> int:
    """Apply the reviewed draft and print what changed and validate's summary."""
    from helpers.draftapply import apply_draft, describe_applied
    from helpers.validate import format_summary

    plan = apply_draft(source_id, seeds_dir, data_dir)
    for line in describe_applied(plan):
        print(line)
    print(format_summary(plan.audit))
    return 0


def _dirs(seeds_dir: Path, data_dir: Path) -> str:
    """Return the --seeds/--data options to repeat when they are not the project's folders."""
    from helpers.intake import _dirs_args

    return _dirs_args(seeds_dir, data_dir)


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
                    and list_mention_values(m) & numbers
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
