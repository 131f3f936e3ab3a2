"""Shared fixtures: copies of the seeds to break, and Hypothesis profiles (ci: 2000 examples)."""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from helpers import paths

settings.register_profile(
    "ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """Return a writable copy of seeds/ (documents and sources.csv)."""
    target = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of data/."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def rewrite_manifest(seeds_dir: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a seeds copy's sources.csv (test helper)."""
    manifest = seeds_dir / paths.MANIFEST_NAME
    text = manifest.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in manifest"
    manifest.write_text(text.replace(old, new, count), encoding="utf-8")
