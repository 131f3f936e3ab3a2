"""Check the words each page needs: catalog phrases, and the English of names and quotes.

What a reader sees in either language must exist before the report is built: a unit, a
country, a dimension, a hedge or a chapter without its words would stop ``report`` (or show
Chinese on an English page), so ``validate`` refuses it first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from helpers.errors import Problem


def check_words(
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


def check_english(data_dir: Path, metric_rows: list, fact_rows: list) -> list[Problem]:
    """Return what the English pages would lack: an entity without an English name, a reviewed
    fact without its English rendering, a metric without its unit in English."""
    from helpers.entities import load_lexicon
    from helpers.ledger import FACTS_FILE, METRICS_FILE

    problems = []
    for line, row in metric_rows:
        if not row.get("unit_en", "").strip():
            problems.append(
                Problem(
                    METRICS_FILE,
                    line,
                    "unit_en is empty; write the unit in English (models, points, firms …)",
                )
            )
    lexicon_path = Path(data_dir) / "lexicon.csv"
    lexicon = load_lexicon(lexicon_path) if lexicon_path.is_file() else None
    for line, row in fact_rows:
        found = lexicon.find(row["entity"]) if lexicon is not None else None
        if row["entity"].strip() and (found is None or not found.name_en.strip()):
            problems.append(
                Problem(
                    FACTS_FILE,
                    line,
                    f"entity {row['entity']!r} has no English name; add "
                    "a lexicon.csv row with its name_en, or add it as an alias of one",
                )
            )
        if row.get("status") == "reviewed" and not row.get("quote_en", "").strip():
            problems.append(
                Problem(
                    FACTS_FILE,
                    line,
                    "quote_en is empty; write the English rendering of "
                    "the quote (or set status to draft until it is reviewed)",
                )
            )
    return problems


def check_dimensions(metric_rows: list, declared: dict[str, Sequence[str]]) -> list[Problem]:
    """Return a problem for each metric whose dimension no chapter declares (it would be shown
    nowhere); ``declared`` maps each chapter to the dimensions in its notebook metadata."""
    from helpers.ledger import METRICS_FILE

    homes = {d for dimensions in declared.values() for d in dimensions}
    return [
        Problem(
            METRICS_FILE,
            line,
            f"dimension {row['dimension']!r} is declared by no chapter; "
            "add it to a chapter notebook's metadata report.inputs.dimensions",
        )
        for line, row in metric_rows
        if declared and row["dimension"] not in homes
    ]
