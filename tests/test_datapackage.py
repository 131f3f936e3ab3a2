"""Tests for data/datapackage.json: the Frictionless package validates, and its checks bite.

The package lists ../seeds/sources.csv, a path outside data/. Frictionless 5 refuses such paths
as unsafe unless the caller trusts the descriptor, so the tests validate inside
``system.use_context(trusted=True)``; the descriptor is ours, in the repository.
"""

import json
import shutil
from pathlib import Path

import pytest
from frictionless import system, validate

from helpers import paths

PACKAGE = paths.DATA_DIR / "datapackage.json"


def validate_trusted(descriptor: Path):
    """Return the Frictionless report for ``descriptor``, parent paths allowed."""
    with system.use_context(trusted=True):
        return validate(str(descriptor))


def error_messages(report) -> list[str]:
    """Return every error message of a report and its tasks."""
    found = [e.message for e in report.errors]
    for task in report.tasks:
        found += [e.message for e in task.errors]
    return found


def test_datapackage_is_valid():
    report = validate_trusted(PACKAGE)
    assert report.valid, error_messages(report)
    assert {t.name for t in report.tasks} == {
        "sources",
        "metrics",
        "facts",
        "excluded",
        "lexicon",
        "snapshots",
        "claim_checks",
    }


def test_parent_path_needs_trust():
    report = validate(str(PACKAGE))
    assert not report.valid
    assert any("not safe" in m for m in error_messages(report))


def test_columns_match_the_csv_headers():
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        path = (paths.DATA_DIR / resource["path"]).resolve()
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """Return a copy of data/ and seeds/ side by side; the descriptor inside data/."""
    shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    shutil.copytree(paths.SEEDS_DIR, tmp_path / "seeds")
    return tmp_path / "data" / "datapackage.json"


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` with ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        ("facts.csv", ",genai_papers,", ",no_such_metric,", "foreign"),
        ("facts.csv", ",itif_review,", ",no_such_source,", "foreign"),
        ("facts.csv", ",12450,", ",12x450,", "type"),
        ("metrics.csv", ",research,", ",vibes,", "constraint"),
        ("claim_checks.csv", ",hundred_models-002,", ",no_such_fact,", "foreign"),
        ("claim_checks.csv", ",epoch_china_benchmarks_2025-01,", ",no_such_snapshot,", "foreign"),
        ("claim_checks.csv", ",different definition,", ",maybe,", "constraint"),
        ("claim_checks.csv", ",24,", ",twenty-four,", "type"),
        ("snapshots.csv", ",16a5f019", ",zz5f019", "constraint"),
    ],
)
def test_broken_copy_is_invalid(package_copy, file, old, new, error):
    replace_in(package_copy.parent / file, old, new)
    report = validate_trusted(package_copy)
    assert not report.valid
    assert any(error in m.lower() for m in error_messages(report)), error_messages(report)
