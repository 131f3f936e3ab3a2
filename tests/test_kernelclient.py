"""The kernel client papermill runs chapters with: ready without the IOPub drain, same outputs."""

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.execute import run_papermill
from helpers.kernelclient import ReadyKernelClient, ReadyKernelManager


def write_notebook(path: Path, *sources: str) -> Path:
    """Write a notebook of the given code cells for this environment's python3 kernel."""
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(new_notebook(cells=[new_code_cell(s) for s in sources], metadata=metadata), path)
    return path


def test_the_manager_hands_out_ready_clients():
    assert isinstance(ReadyKernelManager().client(), ReadyKernelClient)


def test_every_cell_gets_exactly_its_own_outputs(tmp_path):
    # the first cell runs right after the handshake: nothing of the kernel's start-up may land in
    # it, and nothing of it may be lost
    notebook = write_notebook(
        tmp_path / "n.ipynb",
        "print('first')",
        "import sys; print('to stderr', file=sys.stderr); 6 * 7",
        "from IPython.display import HTML, display\ndisplay(HTML('<b>x</b>'))",
    )
    executed = nbformat.read(run_papermill(notebook, tmp_path / "out.ipynb"), as_version=4)
    outputs = [cell.outputs for cell in executed.cells]
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outputs[0]] == [
        ("stream", "stdout", "first\n")
    ]
    assert [o.output_type for o in outputs[1]] == ["stream", "execute_result"]
    assert outputs[1][0].text == "to stderr\n" and outputs[1][1].data["text/plain"] == "42"
    assert [o.data["text/html"] for o in outputs[2]] == ["<b>x</b>"]


def test_a_kernel_that_dies_before_replying_is_named(tmp_path, monkeypatch):
    # run_papermill retries on exactly this message (a kernel that lost a port race), then raises
    spec = tmp_path / "kernels" / "dead"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-c", "import sys; sys.exit(3)", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "dead", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    notebook = write_notebook(tmp_path / "n.ipynb", "1")
    with pytest.raises(RuntimeError, match="Kernel died before replying to kernel_info"):
        run_papermill(notebook, tmp_path / "out.ipynb", kernel_name="dead")
