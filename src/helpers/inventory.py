"""Describe the source documents: metadata, length, dates and the mix of scripts in each."""

import unicodedata

import pandas as pd

from helpers.corpus import Source
from helpers.periods import parse_partial_date

SCRIPTS = ("cjk", "latin", "digit", "other")


def classify_char(char: str) -> str | None:
    """Return the script class of one character, or None for whitespace."""
    if char.isspace():
        return None
    code = ord(char)
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF:
        return "cjk"
    if char.isdigit():
        return "digit"
    if unicodedata.category(char).startswith("L"):
        return "latin"
    return "other"


def count_scripts(text: str) -> dict[str, int]:
    """Return the number of non-space characters of each script class in ``text``."""
    counts = dict.fromkeys(SCRIPTS, 0)
    for char in text:
        kind = classify_char(char)
        if kind:
            counts[kind] += 1
    return counts


def describe_sources(sources: list[Source]) -> pd.DataFrame:
    """Return one row per source: metadata, characters, script counts and date precision."""
    rows = []
    for source in sources:
        counts = count_scripts(source.text)
        visible = sum(counts.values())
        date, precision = parse_partial_date(source.meta["published"])
        rows.append(
            {
                "source_id": source.source_id,
                "file": source.file,
                "title": source.meta["title"],
                "publisher": source.meta.get("publisher", ""),
                "author": source.meta.get("author", ""),
                "published": source.meta["published"],
                "date": pd.Timestamp(date),
                "precision": precision,
                "language": source.meta["language"],
                "url": source.meta.get("url", ""),
                "notes": source.meta.get("notes", ""),
                "characters": len(source.text),
                "visible_characters": visible,
                **{f"{kind}_characters": counts[kind] for kind in SCRIPTS},
                "cjk_share": round(100 * counts["cjk"] / visible, 1) if visible else 0.0,
            }
        )
    return pd.DataFrame(rows)


def tidy_script_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Return the script mix as tidy rows: source_id, script, characters, share (%)."""
    rows = []
    for _, row in table.iterrows():
        for kind in SCRIPTS:
            count = row[f"{kind}_characters"]
            share = 100 * count / row["visible_characters"] if row["visible_characters"] else 0.0
            rows.append(
                {
                    "source_id": row["source_id"],
                    "script": kind,
                    "characters": count,
                    "share": round(share, 1),
                }
            )
    return pd.DataFrame(rows)
