"""Execute a chapter notebook with papermill and convert it to HTML with nbconvert."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import paths
from helpers.errors import UserError
from helpers.html import render_page
from helpers.i18n import LANGS, Catalog

KERNEL_START_ATTEMPTS = 3
REMOVED_TAGS = ("parameters", "injected-parameters", "papermill-error-cell-tag", "notes", "check")


def run_papermill(
    notebook: Path,
    out: Path,
    parameters: dict | None = None,
    cwd: Path | None = None,
    kernel_name: str = "python3",
) -> Path:
    """Execute ``notebook`` into ``out`` with papermill's Python API, as the report does.

    Kernel ``python3`` (this environment's), cwd ``cwd`` (default: the notebook's folder), no
    progress bar.
    """
    import papermill

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters=parameters or {},
                kernel_name=kernel_name,
                cwd=str(cwd or Path(notebook).parent),
                progress_bar=False,
                log_output=False,
                # papermill rewrites the whole output notebook before and after every cell
                # (a third of a short chapter's time); the build reads it only once it is done
                request_save_on_cell_execute=False,
                # ipykernel 7 warns on stderr about unencrypted local TCP on every start
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                kernel_manager_class="helpers.kernelclient.ReadyKernelManager",
            )
            return Path(out)
        except RuntimeError as exc:
            # jupyter_client picks free TCP ports before the kernel binds them; with several
            # kernels starting at once another process can take one first and the kernel dies
            # before its first reply. Nothing has run yet, so starting it again is safe.
            if "Kernel died before replying" not in str(exc) or attempt == KERNEL_START_ATTEMPTS:
                raise
    return Path(out)


def execute_notebook(
    notebook: Path,
    executed: Path,
    parameters: dict,
    cwd: Path | None = None,
    kernel_name: str = "python3",
) -> Path:
    """Execute one chapter with papermill; raise UserError naming the cell when it fails.

    The kernel runs in ``cwd`` (the user's notebooks folder, as in JupyterLab), never in a
    build's snapshot, which is deleted when the build ends (a kernel still starting would fail).
    """
    from papermill.exceptions import PapermillExecutionError

    executed.parent.mkdir(parents=True, exist_ok=True)
    log = executed.with_suffix(".kernel.log")
    try:
        with stderr_to(log):
            run_papermill(notebook, executed, parameters, cwd=cwd, kernel_name=kernel_name)
    except PapermillExecutionError as exc:
        raise UserError(
            f"{notebook.name} ({parameters.get('lang')}): cell {exc.exec_count} raised "
            f"{exc.ename}: {exc.evalue}; see {executed} and {log}"
        ) from None
    return executed


@contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """Send this process's (and its kernels') standard error to ``path`` for a while.

    A kernel inherits file descriptor 2; what it prints when it fails to start (a port race
    that papermill's retry then survives) belongs in a log beside the executed notebook, not
    on the terminal of a quiet build.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(path, "ab") as log:
            os.dup2(log.fileno(), 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def convert_chapter(executed: Path, catalog: Catalog, title: str) -> str:
    """Return the executed notebook as a page: its cells without code, parameters, checks,
    the other language's prose or error banners, in the report's page shell."""
    import nbformat  # imported here: slow (jsonschema), and not needed when the cache is warm

    notebook = nbformat.read(executed, as_version=4)
    cells, _ = make_exporter(catalog.lang).from_notebook_node(notebook)
    return render_page(catalog, f"{executed.stem}.html", title, cells.strip(), heading=False)


@functools.cache
def make_exporter(lang: str):
    """Return this process's HTML exporter for ``lang`` pages, made once (templates loaded once).

    A build's worker converts many chapters; the exporter keeps no state between notebooks
    (each conversion gets fresh resources), so one per language and process is enough.
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(paths.TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    removed = {*REMOVED_TAGS, *(f"lang-{other}" for other in LANGS if other != lang)}
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=removed, enabled=True), enabled=True
    )
    return exporter
