"""One place for paths: every project directory derived from the project root."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
# CUAR_SEEDS_DIR / CUAR_DATA_DIR move the defaults (the test suite points them at its pinned copy)
SEEDS_DIR = Path(os.environ.get("CUAR_SEEDS_DIR") or ROOT / "seeds").resolve()
DATA_DIR = Path(os.environ.get("CUAR_DATA_DIR") or ROOT / "data").resolve()
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
BUILD_DIR = ROOT / "build"
SNAPSHOTS_DIR = BUILD_DIR / "snapshots"
FONTS_DIR = PACKAGE_DIR / "fonts"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
MANIFEST_NAME = "sources.csv"


def overlaps(a: Path, b: Path) -> bool:
    """Return True when folders ``a`` and ``b`` are one, or one lies inside the other (links
    resolved)."""
    a, b = Path(os.path.realpath(a)), Path(os.path.realpath(b))
    return a == b or a in b.parents or b in a.parents
