"""One place for paths: every project directory derived from the project root."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
BUILD_DIR = ROOT / "build"
SNAPSHOTS_DIR = BUILD_DIR / "snapshots"
FONTS_DIR = PACKAGE_DIR / "fonts"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
MANIFEST_NAME = "sources.csv"
