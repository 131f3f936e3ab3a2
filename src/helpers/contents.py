"""The report's table of contents: the chapter notebooks in order and the inputs each declares."""

import json
from pathlib import Path

from helpers import paths
from helpers.errors import UserError, escape_line

CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"


def list_chapters(notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """Return the numbered chapter notebooks (NN_name.ipynb) in order."""
    chapters = sorted(Path(notebooks_dir).glob(CHAPTER_GLOB))
    if not chapters:
        raise UserError(
            f"{escape_line(str(notebooks_dir))}: no chapter notebooks (NN_name.ipynb); "
            "restore notebooks/"
        )
    return chapters


def read_inputs(notebook: dict) -> dict:
    """Return a chapter's declared inputs (notebook metadata ``report.inputs``).

    ``{"seeds": true, "data": ["i18n.csv", "facts.csv"], "dimensions": ["patents"],
    "snapshots": ["epoch_ml_systems_2024-11-22"]}`` means: every seed file, those data files,
    of facts/metrics only the rows of those dimensions, and those primary-data snapshots (their
    rows of data/snapshots.csv; the chapter gets ``snapshots_dir``). ``"columns": {"facts.csv":
    [...]}`` keeps only those columns' values of that file (the rest are emptied). Without
    ``data`` the whole data directory counts.
    """
    return notebook.get("metadata", {}).get("report", {}).get("inputs", {})


def read_declared_inputs(path: Path) -> dict:
    """Return the declared inputs of the chapter notebook at ``path``."""
    return read_inputs(json.loads(Path(path).read_bytes()))
