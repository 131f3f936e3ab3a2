"""Tests for helpers.nbclean: committed notebooks carry only check-cell outputs, nothing else."""

import copy
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import paths
from helpers.nbclean import is_check_cell, main, strip_notebook

CHECK = "# NBVAL_CHECK_OUTPUT\nprint(len(table))"


def _stream(text: str):
    return new_output("stream", name="stdout", text=text)


def _display(text: str):
    return new_output("display_data", data={"text/plain": text})


def _notebook():
    """A notebook as papermill leaves it: outputs, counts, papermill metadata everywhere."""
    ordinary = new_code_cell(
        "ch.show_metric('x')", execution_count=4, outputs=[_display("<chart>"), _stream("hi\n")]
    )
    ordinary.metadata["papermill"] = {"duration": 1.2, "status": "completed"}
    ordinary.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}
    ordinary.metadata["tags"] = ["keep-me"]
    check = new_code_cell(CHECK, execution_count=3, outputs=[_stream("5\n"), _display("<img>")])
    check.metadata["papermill"] = {"duration": 0.1}
    text = new_markdown_cell("# Title")
    text.metadata["papermill"] = {"status": "completed"}
    nb = new_notebook(cells=[ordinary, check, text])
    nb.metadata["papermill"] = {"parameters": {"lang": "en"}, "start_time": "2026-01-01"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    return nb


def test_is_check_cell():
    assert is_check_cell(new_code_cell(CHECK))
    assert not is_check_cell(new_code_cell("print(1)"))
    assert not is_check_cell(new_markdown_cell("NBVAL_CHECK_OUTPUT"))


def test_ordinary_cells_lose_outputs_and_counts():
    nb = strip_notebook(_notebook())
    ordinary = nb.cells[0]
    assert ordinary.outputs == []
    assert ordinary.execution_count is None
    assert "papermill" not in ordinary.metadata and "execution" not in ordinary.metadata
    assert ordinary.metadata["tags"] == ["keep-me"]


def test_check_cells_keep_outputs_without_display_data():
    nb = strip_notebook(_notebook())
    check = nb.cells[1]
    assert [o.output_type for o in check.outputs] == ["stream"]
    assert check.outputs[0].text == "5\n"
    assert check.execution_count == 1
    assert "papermill" not in check.metadata


def test_check_cell_without_outputs_has_no_count():
    nb = new_notebook(cells=[new_code_cell(CHECK, execution_count=7, outputs=[_display("x")])])
    (cell,) = strip_notebook(nb).cells
    assert cell.outputs == [] and cell.execution_count is None


def test_papermill_metadata_is_removed():
    nb = strip_notebook(_notebook())
    assert "papermill" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert all("papermill" not in c.metadata for c in nb.cells)
    assert nb.cells[2].source == "# Title"


def test_fresh_outputs_come_from_the_executed_notebook():
    committed = _notebook()
    executed = copy.deepcopy(committed)
    executed.cells[1].outputs = [_stream("6\n"), _display("<img>")]
    executed.cells[1].execution_count = 9
    executed.cells[0].outputs = [_stream("not kept\n")]
    nb = strip_notebook(committed, executed)
    assert [o.text for o in nb.cells[1].outputs] == ["6\n"]
    assert nb.cells[1].execution_count == 1
    assert nb.cells[0].outputs == []


def test_fresh_outputs_are_matched_by_cell_id():
    committed = _notebook()
    executed = copy.deepcopy(committed)
    executed.cells[1].outputs = [_stream("6\n")]
    executed.cells[1].id = "other-id"
    nb = strip_notebook(committed, executed)
    assert [o.text for o in nb.cells[1].outputs] == ["5\n"]  # no match: the committed output


def test_fresh_outputs_can_be_empty():
    committed = _notebook()
    executed = copy.deepcopy(committed)
    executed.cells[1].outputs = []
    nb = strip_notebook(committed, executed)
    assert nb.cells[1].outputs == [] and nb.cells[1].execution_count is None


def test_stripped_notebook_is_valid():
    nbformat.validate(strip_notebook(_notebook()))


def test_stripped_execute_result_is_valid():
    """A check cell ending in an expression keeps a valid execute_result (it needs a count)."""
    result = new_output("execute_result", data={"text/plain": "117"}, execution_count=3)
    nb = new_notebook(cells=[new_code_cell(CHECK + "\n117", execution_count=3, outputs=[result])])
    stripped = strip_notebook(nb)
    assert stripped.cells[0].outputs[0].data == {"text/plain": "117"}
    nbformat.validate(stripped)


def test_strip_is_idempotent():
    once = strip_notebook(_notebook())
    twice = strip_notebook(copy.deepcopy(once))
    assert nbformat.writes(once) == nbformat.writes(twice)


def test_main_strips_in_place(tmp_path):
    path = tmp_path / "nb.ipynb"
    nbformat.write(_notebook(), path)
    assert main([str(path)]) == 0
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].outputs == [] and nb.cells[0].execution_count is None
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]
    assert "papermill" not in nb.metadata


def test_main_needs_a_notebook():
    with pytest.raises(SystemExit):
        main([])


@pytest.mark.parametrize("path", sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_are_clean(path):
    text = path.read_text(encoding="utf-8")
    stripped = strip_notebook(nbformat.reads(text, as_version=4))
    assert json.loads(nbformat.writes(stripped)) == json.loads(text)
    nb = json.loads(text)
    assert "papermill" not in nb["metadata"]
    # chapters record their key numbers (ch.record in a cell tagged check) instead of keeping
    # outputs for nbval: every code cell is committed without outputs, none marked for nbval
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell.get("id")
            assert "NBVAL_CHECK_OUTPUT" not in "".join(cell["source"]), cell.get("id")
