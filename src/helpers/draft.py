"""Draft ledger rows for a document: the numbers no fact uses, proposed as exclusions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers.audit import UNCOUNTED_KINDS
from helpers.ledger import EXCLUDED_COLUMNS, FACTS_FILE, load_mentions, parse_decimal, read_rows
from helpers.quotes import find_quote_spans, list_mention_values


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
