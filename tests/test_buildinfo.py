"""Tests for helpers.buildinfo: the build page names commit, seeds and versions, with no clock."""

import importlib.metadata
import platform
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.buildinfo import KEY_PACKAGES, list_versions, render_build
from helpers.corpus import load_sources
from helpers.i18n import Catalog

DATA = paths.DATA_DIR
SOURCES = load_sources(paths.SEEDS_DIR)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_build_has_versions_and_no_clock(lang):
    page = render_build(Catalog(lang, DATA), SOURCES)
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", page)
    assert re.search(r"<code>([0-9a-f]{40}|unknown)</code>", page)
    for source in SOURCES:
        assert source.sha256 in page and source.file in page
    assert f"<td>{platform.python_version()}</td>" in page  # a version is text, not a number
    for name in ("pandas", "matplotlib", "papermill"):
        assert f"<td>{name}</td>" in page
        assert f"<td>{importlib.metadata.version(name)}</td>" in page


def test_list_versions_names_every_key_package():
    versions = list_versions()
    assert versions["package"].tolist() == ["python", *KEY_PACKAGES]
    installed = dict(zip(versions["package"], versions["version"], strict=True))
    assert installed["china-us-ai-report"] == importlib.metadata.version("china-us-ai-report")
    assert installed["pandas"] == pd.__version__


def test_render_build_is_deterministic():
    assert render_build(Catalog("en", DATA), SOURCES) == render_build(Catalog("en", DATA), SOURCES)
