"""Tests for the project's own files: environment.yml agrees with pyproject, notebooks are clean."""

import re
import tomllib

import nbformat
import pytest
import yaml

from helpers import paths
from helpers.contents import list_chapters
from helpers.nbclean import is_check_cell

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
        if cell.cell_type == "code" and not is_check_cell(cell):
            assert not cell.outputs, f"{path.name}: cell {cell.get('id')} carries outputs"
        if is_check_cell(cell):
            assert cell.outputs, f"{path.name}: check cell has no recorded output"
