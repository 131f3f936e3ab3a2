"""Warm kernels: forked from one server, each chapter starts warm and sees nothing of another."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers import kernelfork
from helpers.execute import execute_notebook

# Chapter A leaves a trace everywhere state can live in a Python kernel.
LEAVE_TRACES = """\
import os, sys, json
import matplotlib
import pandas as pd
import helpers.paths
LEAKED_GLOBAL = "from chapter A"
helpers.paths.LEAKED_ATTRIBUTE = 1
pd.options.display.max_rows = 3
matplotlib.rcParams["lines.linewidth"] = 7.5
os.environ["CUAR_LEAKED_VARIABLE"] = "1"
sys.modules["cuar_leaked_module"] = sys
"""
# Both chapters record what they see, as one JSON line on stdout, which the test reads back.
RECORD = """\
import os, sys, json
import matplotlib
import pandas as pd
import helpers.paths
print(json.dumps({
    "pid": os.getpid(),
    "parent": os.getppid(),
    "warm": PANDAS_WAS_LOADED,
    "global": "LEAKED_GLOBAL" in globals(),
    "attribute": hasattr(helpers.paths, "LEAKED_ATTRIBUTE"),
    "max_rows": pd.options.display.max_rows,
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "variable": os.environ.get("CUAR_LEAKED_VARIABLE"),
    "module": "cuar_leaked_module" in sys.modules,
}))
"""
FIRST_CELL = 'import sys\nPANDAS_WAS_LOADED = "pandas" in sys.modules\nlang = ""'


@contextmanager
def warm_kernels(folder: Path) -> Iterator[str | None]:
    """Start a fork server and wait for it, as a build's runner does; yield the warm kernel's
    name (None when it could not start); stop it on the way out."""
    server = kernelfork.ForkServer(folder)
    with kernelfork.on_jupyter_path(server.jupyter_path):
        server.start()
        try:
            yield server.wait()
        finally:
            server.stop()


def write_chapter(path: Path, *sources: str) -> Path:
    """Write a notebook of code cells (the first tagged ``parameters``, as papermill wants)."""
    cells = [new_code_cell(FIRST_CELL, metadata={"tags": ["parameters"]})]
    cells += [new_code_cell(source) for source in sources]
    metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nbformat.write(new_notebook(cells=cells, metadata=metadata), path)
    return path


def read_record(executed: Path) -> dict:
    """Return the JSON line the executed notebook's last cell printed."""
    notebook = nbformat.read(executed, as_version=4)
    outputs = notebook.cells[-1].outputs
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict:
    """Run chapter A then chapter B, one after another, through one warm fork server."""
    tmp = tmp_path_factory.mktemp("warm")
    notebooks = tmp / "notebooks"
    notebooks.mkdir()
    chapters = {
        "a": write_chapter(notebooks / "a.ipynb", LEAVE_TRACES, RECORD),
        "b": write_chapter(notebooks / "b.ipynb", RECORD),
    }
    seen = {}
    with warm_kernels(tmp / "work") as kernel_name:
        assert kernel_name == kernelfork.KERNEL_NAME, "the fork server did not start"
        for name, notebook in chapters.items():
            executed = tmp / "executed" / notebook.name
            execute_notebook(notebook, executed, {"lang": "zh"}, notebooks, kernel_name)
            seen[name] = read_record(executed)
    return seen


def test_both_chapters_start_warm_from_the_same_server(records):
    a, b = records["a"], records["b"]
    assert a["warm"] and b["warm"], "pandas was not preloaded: these were not warm kernels"
    assert a["parent"] == b["parent"], "the kernels were not forked by one server"
    assert a["pid"] != b["pid"], "chapter B ran in chapter A's process"


def test_chapter_a_really_changed_its_own_state(records):
    a = records["a"]
    assert a["global"] and a["attribute"] and a["module"]
    assert (a["max_rows"], a["linewidth"], a["variable"]) == (3, 7.5, "1")


def test_nothing_chapter_a_set_reaches_chapter_b(records):
    b = records["b"]
    leaked = {k: b[k] for k in ("global", "attribute", "module", "variable") if b[k]}
    assert leaked == {}
    assert b["max_rows"] != 3
    assert b["linewidth"] != 7.5


SYSTEM_PYTHON = "/usr/bin/python3"  # one `nobody` may run (the project's venv is root's)


def test_the_fork_server_leaves_no_file_and_answers_only_its_own_user(tmp_path):
    """The server listens on an abstract socket (nothing on disk for a killed build to leave),
    which has no file permissions: a process of another user is refused without a kernel."""
    import socket
    import subprocess

    spec = tmp_path / "jupyter" / "kernels" / kernelfork.KERNEL_NAME / "kernel.json"
    with warm_kernels(tmp_path) as name:
        assert name == kernelfork.KERNEL_NAME
        address = json.loads(spec.read_text(encoding="utf-8"))["argv"][4]
        assert address.startswith("@") and not Path(address).exists()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as own:  # this user: served
            own.connect(kernelfork.to_address(address))
            assert kernelfork.is_own_user(own)
        if os.getuid() == 0 and Path(SYSTEM_PYTHON).exists():  # as root: try as `nobody`
            probe = (
                "import socket, sys\n"
                "s = socket.socket(socket.AF_UNIX)\n"
                f"s.connect({kernelfork.to_address(address)!r})\n"
                "try:\n"
                "    s.sendall(b'\\x00\\x00\\x00\\x02{}')\n"
                "    s.settimeout(20)\n"
                "    answer = s.recv(1)\n"
                "except (BrokenPipeError, ConnectionResetError):\n"
                "    answer = b''\n"
                "sys.exit(0 if answer == b'' else 3)  # 3: the server forked a kernel for us\n"
            )
            result = subprocess.run(
                [SYSTEM_PYTHON, "-c", probe], user=65534, cwd="/", capture_output=True, timeout=60,
                check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr


def test_a_launcher_without_its_server_ends_quietly(tmp_path):
    """When the build ends (or its server dies) a launcher still asking for a kernel exits 1
    without a traceback: the build's own one line is all the user reads."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "helpers.kernelfork", "launch",
         f"@no-such-server-{os.getpid()}", str(tmp_path / "kernel.json")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, "")


def test_the_fork_server_outlives_a_launcher_that_hung_up(tmp_path):
    """A launcher that dies before it hears its kernel's pid (the build is ending) costs the
    server nothing: no traceback on the build's stderr, and it keeps serving."""
    import socket
    import subprocess
    import sys
    import time

    dead = subprocess.Popen(["true"])
    dead.wait()
    address = f"@cuar-test-hangup-{os.getpid()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "helpers.kernelfork", "serve", address, str(os.getpid())],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout.readline().strip() == "ready"
        request = {"connection_file": str(tmp_path / "kernel.json"), "arguments": [],
                   "cwd": str(tmp_path), "env": {}, "launcher": dead.pid}  # fmt: skip
        for _ in range(3):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as launcher:
                launcher.connect(kernelfork.to_address(address))
                kernelfork.send_message(launcher, request)
            # hung up without reading the pid
        time.sleep(1)
        assert server.poll() is None, server.stderr.read()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as launcher:
            launcher.connect(kernelfork.to_address(address))  # still accepting
    finally:
        server.kill()
        server.wait(timeout=30)
    assert server.stderr.read() == ""


def test_wait_for_exit_returns_when_the_process_ends_and_at_once_when_it_is_gone():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5)"])
    kernelfork.wait_for_exit(process.pid)
    assert process.poll() is not None, "returned while the process still ran"
    kernelfork.wait_for_exit(process.pid)  # reaped: no such process any more
