"""Keep committed notebooks clean: no outputs except check cells, whose outputs are refreshed."""

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat

CHECK_MARK = "NBVAL_CHECK_OUTPUT"


def is_check_cell(cell) -> bool:
    """Return True for a code cell whose outputs nbval compares (marked NBVAL_CHECK_OUTPUT)."""
    return cell.cell_type == "code" and CHECK_MARK in cell.source


def strip_notebook(notebook, executed=None):
    """Return ``notebook`` without outputs, except check cells (from ``executed`` if given)."""
    fresh = {}
    if executed is not None:
        fresh = {c.get("id"): c for c in executed.cells if is_check_cell(c)}
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type != "code":
            continue
        if is_check_cell(cell):
            source = fresh.get(cell.get("id"), cell)
            cell.outputs = [o for o in source.outputs if o.get("output_type") != "display_data"]
            cell.execution_count = 1 if cell.outputs else None
            for output in cell.outputs:
                if "execution_count" in output:  # execute_result requires it: match the cell's
                    output["execution_count"] = cell.execution_count
        else:
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("papermill", None)
    return notebook


def refresh_notebook(path: Path) -> None:
    """Execute ``path`` with its default parameters and keep only its check cells' outputs."""
    from helpers.execute import run_papermill

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        run_papermill(path, out)
        executed = nbformat.read(out, as_version=4)
    nbformat.write(strip_notebook(notebook, executed), path)


def main(argv: list[str] | None = None) -> int:
    """Strip (default) or ``--refresh`` the given notebooks in place."""
    parser = argparse.ArgumentParser(prog="python -m helpers.nbclean", description=__doc__)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--refresh", action="store_true", help="re-execute to refresh check cells")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if args.refresh:
            refresh_notebook(path)
        else:
            nbformat.write(strip_notebook(nbformat.read(path, as_version=4)), path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
