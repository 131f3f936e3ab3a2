"""Tests for the project's own files: environment.yml agrees with pyproject, notebooks are clean."""

import ast
import re
import tomllib

import nbformat
import pytest
import yaml

from helpers import paths
from helpers.contents import list_chapters
from helpers.execute import REMOVED_TAGS
from helpers.nbclean import CHECK_MARK, is_check_cell

PYPROJECT = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_installs_the_project_with_pyproject_python():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert conda == ["python=3.11", "pip"], "conda deps beyond python/pip duplicate pyproject"
    assert pip == [["-e .[test]"]], "the pip section must install this project, nothing else"
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"


def test_dependencies_are_pinned():
    deps = (
        PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"]
    )
    assert all("==" in dep for dep in deps), deps
    names = {dep.split("==")[0] for dep in deps}
    assert {"jupyterlab", "pandas", "seaborn", "nbval", "papermill", "nbconvert"} <= names


EXPLORE = paths.NOTEBOOKS_DIR / "explore.ipynb"


def test_explore_notebook_is_not_a_chapter():
    assert EXPLORE.is_file() and EXPLORE not in list_chapters()


@pytest.mark.parametrize("path", [*list_chapters(), EXPLORE], ids=lambda p: p.name)
def test_notebook_is_committed_clean(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    params = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for line in params[0].source.splitlines():
        assert re.fullmatch(
            r'\w+: (str|int|float|bool) = ("[^"]*"|[\d.]+|True|False)  # .+', line
        ), line
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: cell {cell.get('id')} carries outputs"
            assert cell.execution_count is None, f"{path.name}: cell {cell.get('id')} was run"
            # the old design (outputs kept for nbval) is gone: nbclean must strip every cell
            assert not is_check_cell(cell), f"{path.name}: {CHECK_MARK} left in {cell.get('id')}"


def _is_record_call(node: ast.stmt) -> bool:
    """Return True for the statement ``ch.record(...)``."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "record"
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == "ch"
    )


@pytest.mark.parametrize("path", list_chapters(), ids=lambda p: p.name)
def test_a_chapter_ends_with_one_check_cell_recording_its_key_numbers(path):
    """The last code cell, tagged check, calls ch.record(...): the report removes it (tag) and
    tests/test_report.py reads the records by name; no other cell is tagged check."""
    code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    tagged = [i for i, c in enumerate(code) if "check" in c.metadata.get("tags", [])]
    assert tagged == [len(code) - 1], f"{path.name}: the last code cell alone is tagged check"
    body = ast.parse(code[-1].source).body
    assert body and all(_is_record_call(node) for node in body), (
        f"{path.name}: the check cell only calls ch.record(...)"
    )
    assert "check" in REMOVED_TAGS  # the check cell never reaches a reader's page
