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
