"""What a curator sees in notebooks/curate.ipynb: the draft as a table, the document with its
numbers marked, and what applying the draft would change (audited on a temporary copy).

Nothing here writes to the seeds or data folders: a draft not yet written is proposed in
memory, and applying is tried on a copy.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from helpers import paths
from helpers.chapter import resolve_dir
from helpers.corpus import load_sources
from helpers.draft import build_draft, format_draft
from helpers.draftapply import Plan, find_draft, find_source, plan_apply, read_draft
from helpers.errors import UserError
from helpers.html import render_marked_text, render_paragraph, render_table
from helpers.ledger import EXCLUDED_FILE, FACTS_FILE, read_rows

TABLE_COLUMNS = ("action", "confidence", "start", "surface", "metric_id", "entity", "country",
                 "value", "high", "unit", "approx", "period", "period_source", "quote",
                 "reason")  # fmt: skip


@dataclass
class Review:
    """One document's draft under review: its rows and whether they come from a written file."""

    source_id: str
    seeds_dir: Path
    data_dir: Path
    source: object = None
    rows: list[dict] = field(default_factory=list)
    written: bool = False
    note: str = ""  # why there is no draft to show (a document already curated)

    @classmethod
    def open(cls, source_id: str = "", seeds_dir: str = "", data_dir: str = "") -> Review:
        """Return the review of ``source_id``: its written draft, else a fresh proposal."""
        review = cls(source_id, resolve_dir(seeds_dir, paths.SEEDS_DIR),
                     resolve_dir(data_dir, paths.DATA_DIR))  # fmt: skip
        if not source_id:
            return review
        sources = load_sources(review.seeds_dir)
        review.source = find_source(sources, source_id, review.seeds_dir)
        path = find_draft(review.data_dir, source_id)
        review.written = path.is_file()
        if review.written:
            review.rows = [row for _line, row in read_draft(path, review.source)]
        else:
            try:
                review.rows = build_draft(source_id, review.seeds_dir, review.data_dir)[1]
            except UserError as exc:
                review.note = str(exc)
        return review

    def draft_table(self) -> pd.DataFrame:
        """Return the draft rows as a table of the columns a reviewer reads."""
        return pd.DataFrame([[r[c] for c in TABLE_COLUMNS] for r in self.rows],
                            columns=list(TABLE_COLUMNS))  # fmt: skip

    def marks(self) -> list[tuple[int, int, str, str]]:
        """Return (start, end, class, title) for each number: fact proposals and exclusions."""
        out = []
        for row in self.rows:
            start = int(row["start"])
            title = row["metric_id"] if row["action"] == "fact" else row["reason"]
            out.append((start, start + len(row["surface"]), row["action"], title))
        return out

    def preview(self) -> Plan:
        """Return what applying the draft would change, tried on a temporary copy of the data."""
        with tempfile.TemporaryDirectory(prefix="curate-") as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(self.data_dir, data, ignore=shutil.ignore_patterns("drafts"))
            draft = find_draft(data, self.source_id)
            draft.parent.mkdir()
            draft.write_bytes(format_draft(self.rows))
            return plan_apply(self.source_id, self.seeds_dir, data)

    def show_draft(self) -> None:
        """Show the draft as a table (or, without a source id, the documents to curate)."""
        if not self.source_id:
            display(HTML(render_paragraph(
                "Set source_id in the parameters cell to one of the documents below, then run "
                "all cells.")))  # fmt: skip
            display(HTML(render_table(list_uncurated(self.seeds_dir, self.data_dir))))
            return
        if self.note:
            display(HTML(render_paragraph(self.note)))
            return
        where = find_draft(self.data_dir, self.source_id)
        state = f"from {where}" if self.written else "proposed now; not yet written (run draft)"
        display(HTML(render_paragraph(f"Draft of {self.source_id}, {state}: {len(self.rows)} "
                                      "numbers.")))  # fmt: skip
        display(HTML(render_table(self.draft_table())))

    def show_document(self) -> None:
        """Show the document with fact proposals and exclusions marked in two styles."""
        if self.source is not None:
            display(HTML(render_marked_text(self.source.text, self.marks())))

    def show_changes(self) -> None:
        """Show the rows applying would add to facts.csv and excluded.csv, and validate's word."""
        if self.source is None or self.note:
            return
        try:
            plan = self.preview()
        except UserError as exc:
            display(HTML(render_paragraph(f"Applying would be refused: {exc}")))
            return
        for name, rows in ((FACTS_FILE, plan.facts), (EXCLUDED_FILE, plan.excluded)):
            display(HTML(render_paragraph(f"{len(rows)} row(s) added to {name}:")))
            display(HTML(render_table(pd.DataFrame(rows))))
        if plan.problems:
            lines = [f"validate would refuse ({len(plan.problems)} problem(s)):", *plan.problems]
        else:
            from helpers.validate import format_summary

            summary = format_summary(plan.audit).splitlines()
            lines = ["validate on a copy with the draft applied:", *summary]
        for line in lines:
            display(HTML(render_paragraph(line)))


def list_uncurated(seeds_dir: Path, data_dir: Path) -> pd.DataFrame:
    """Return the documents with no fact and no exclusion yet."""
    curated = set()
    for name in (FACTS_FILE, EXCLUDED_FILE):
        curated |= {row["source_id"] for _line, row in read_rows(Path(data_dir) / name)[1]}
    rows = [(s.source_id, s.file, s.meta["published"], s.meta["title"])
            for s in load_sources(seeds_dir) if s.source_id not in curated]  # fmt: skip
    return pd.DataFrame(rows, columns=["source_id", "file", "published", "title"])
