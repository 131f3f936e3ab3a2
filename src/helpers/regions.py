"""Region tallies parsed from a source's own sentence (北京51款, A和B分别有7款和2款), checked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers.corpus import Source

_CLAUSE = re.compile(r"[^,，。;；]+")
_OWNER = re.compile(r"(一|\d+)款[^。;；\n]*?属地为([^,，。;；\n]+)")


def _region_aliases(lexicon) -> dict[str, str]:
    """Return alias → region name from a ``Lexicon`` or a lexicon DataFrame (type region)."""
    aliases: dict[str, str] = {}
    if isinstance(lexicon, pd.DataFrame):
        for row in lexicon.itertuples():
            if row.type != "region":
                continue
            for alias in [row.name, *str(row.aliases).split("|")]:
                if len(alias.strip()) >= 2:
                    aliases[alias.strip()] = row.name
        return aliases
    for alias, row in lexicon.rows.items():
        if row.type == "region" and len(alias) >= 2:
            aliases[alias] = row.name
    return aliases


def _clause_counts(
    text: str, start: int, end: int, pattern: re.Pattern[str], aliases: dict, counts: list
) -> list[dict]:
    """Return region counts in one clause: 北京51款, A和B分别有7款和2款, A、B各有2款."""
    regions = [(m.start(), aliases[m.group()]) for m in pattern.finditer(text, start, end)]
    numbers = [m for m in counts if start <= m.start and m.end <= end]
    if not regions or not numbers:
        return []
    clause = text[start:end]
    if "各" in clause and len(numbers) == 1:
        pairs = [(pos, name, numbers[0]) for pos, name in regions]
    elif len(regions) == len(numbers):
        pairs = [(pos, name, m) for (pos, name), m in zip(regions, numbers, strict=True)]
    else:
        return []
    return [
        {"region": name, "count": int(m.value), "start": pos, "count_start": m.start}
        for pos, name, m in pairs
    ]


def parse_region_counts(text: str, lexicon, mentions: Sequence) -> pd.DataFrame:
    """Return region, count, start (of the region name) and count_start from a tally paragraph.

    The paragraph is the line of ``text`` with the most region-attributed counts of 款 (the
    parser's ``mentions``); 各有 gives each listed region the count, 分别 pairs them in order, and
    "一款 … 属地为X" adds one for X.
    """
    columns = ["region", "count", "start", "count_start"]
    aliases = _region_aliases(lexicon)
    if not aliases:
        return pd.DataFrame(columns=columns)
    pattern = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=lambda a: -len(a))))
    counts = [m for m in mentions if m.unit == "款" and m.high is None]
    best: list[dict] = []
    best_span = (0, 0)
    offset = 0
    for line in text.split("\n"):
        line_end = offset + len(line)
        found = []
        for clause in _CLAUSE.finditer(text, offset, line_end):
            found += _clause_counts(text, clause.start(), clause.end(), pattern, aliases, counts)
        if len(found) > len(best):
            best, best_span = found, (offset, line_end)
        offset = line_end + 1
    if best:
        for match in _OWNER.finditer(text, *best_span):
            owner = match.group(2).strip()
            number = 1 if match.group(1) == "一" else int(match.group(1))
            best.append(
                {
                    "region": aliases.get(owner, owner),
                    "count": number,
                    "start": match.start(2),
                    "count_start": match.start(1),
                }
            )
    return pd.DataFrame(best, columns=columns)


def check_region_total(table: pd.DataFrame, total: int) -> str | None:
    """Return a problem when the regions' counts do not add up to ``total``, else None."""
    parts = int(table["count"].sum()) if len(table) else 0
    if parts == total:
        return None
    return f"the regions add up to {parts}, the text states {total} (difference {parts - total})"


def parse_regions(source: Source, data_dir: Path) -> pd.DataFrame:
    """Return the region tally parsed from a source's own sentence (not typed in)."""
    from helpers.entities import load_lexicon
    from helpers.numbers import find_mentions

    lexicon = load_lexicon(Path(data_dir) / "lexicon.csv")
    mentions = find_mentions(source.text, source.file, lexicon)
    return parse_region_counts(source.text, lexicon, mentions)
