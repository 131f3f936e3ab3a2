"""Tests for the Makefile: which Python it uses (.venv or an activated conda env), and make lab."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import paths

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def _env(keep_conda: bool = False, **extra: str) -> dict:
    """Return this environment without an outer make's variables (and conda's), plus ``extra``."""
    drop = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    if not keep_conda:
        drop.add("CONDA_PREFIX")
    return {k: v for k, v in os.environ.items() if k not in drop} | extra


def _dry_run(target: str, **env: str) -> str:
    """Return what ``make -n target`` would run."""
    result = subprocess.run(
        [MAKE, "-n", target],
        cwd=paths.ROOT,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _fake_prefix(tmp_path: Path, script: str) -> Path:
    """Return a folder holding bin/python, a shell script standing in for conda's python."""
    python = tmp_path / "env" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    python.chmod(0o755)
    return python.parent.parent


def test_without_conda_make_uses_the_venv():
    commands = _dry_run("report")
    assert ".venv/bin/python -m helpers fetch" in commands
    assert ".venv/bin/python -m helpers report" in commands
    assert "note: conda" not in commands


def test_an_activated_conda_env_with_the_project_is_used_as_it_is(tmp_path):
    # stands in for conda's python: this environment's, where this checkout is installed
    prefix = _fake_prefix(tmp_path, f'exec "{sys.executable}" "$@"')
    python = prefix / "bin" / "python"
    for target in ("report", "test", "lab"):
        commands = _dry_run(target, CONDA_PREFIX=str(prefix))
        assert f"{python} -m " in commands, target
        assert ".venv" not in commands and "pip install" not in commands, target
    assert f"{python} -m pytest" in _dry_run("test", CONDA_PREFIX=str(prefix))
    lab = _dry_run("lab", CONDA_PREFIX=str(prefix))
    assert f"{python} -m ipykernel install --sys-prefix --name python3" in lab
    assert f"{python} -m jupyterlab --ServerApp.root_dir=." in lab


@pytest.mark.parametrize(
    "script",
    [
        'exec python3 -I -S "$@"',  # a conda env without the project (e.g. base)
        "echo /somewhere/else/china-us-ai-report",  # the project installed from another clone
    ],
)
def test_a_conda_env_without_this_checkout_falls_back_to_the_venv(tmp_path, script):
    prefix = _fake_prefix(tmp_path, script)
    commands = _dry_run("report", CONDA_PREFIX=str(prefix))
    assert ".venv/bin/python -m helpers report" in commands
    assert f"{prefix}/bin/python" not in commands.replace(f"conda environment {prefix}", "")
    assert f"note: conda environment {prefix} has not installed this checkout" in commands


def test_lab_opens_explore_at_the_project_root_with_the_project_kernel():
    lab = _dry_run("lab")
    assert "--ServerApp.root_dir=." in lab
    assert "--LabApp.default_url=/lab/tree/notebooks/explore.ipynb" in lab
    assert "JUPYTER_PREFER_ENV_PATH=1" in lab
    assert ("--allow-root" in lab) == (os.getuid() == 0)


def _free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str, str]:
    """Return status, final URL and body of a GET that does not follow redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.url, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", ""), ""


def _wait_until_serving(base: str, token: str, process, log: Path, seconds: int = 180) -> None:
    """Wait until the server answers its status API (or fail with its output)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(encoding="utf-8")[-3000:]
        try:
            if _get(f"{base}/api/status?token={token}")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    pytest.fail("make lab did not serve within the time limit")


@pytest.mark.e2e
def test_make_lab_serves_the_explore_notebook(tmp_path):
    port, token = _free_port(), "test-token-17"
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
    args += f"--IdentityProvider.token={token}"
    # the interpreter running these tests (.venv, or an activated conda env) serves Lab; a
    # user's Jupyter config and runtime files stay out of it
    runtime = str(tmp_path / "runtime")
    env = _env(keep_conda=True, JUPYTER_RUNTIME_DIR=runtime, JUPYTER_CONFIG_DIR=str(tmp_path))
    log = tmp_path / "lab.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [MAKE, "lab", f"LAB_ARGS={args}"],
            cwd=paths.ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped below, with any kernel
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, token, process, log)
        status, location, _ = _get(f"{base}/?token={token}")
        assert status == 302 and "/lab/tree/notebooks/explore.ipynb" in location
        status, _, page = _get(f"{base}/lab/tree/notebooks/explore.ipynb?token={token}")
        assert status == 200 and "<title>JupyterLab</title>" in page
        listing = json.loads(_get(f"{base}/api/contents/data?token={token}")[2])
        assert {"facts.csv", "metrics.csv"} <= {item["name"] for item in listing["content"]}
        root = json.loads(_get(f"{base}/api/contents?token={token}")[2])
        assert {"data", "seeds", "notebooks"} <= {item["name"] for item in root["content"]}
        specs = json.loads(_get(f"{base}/api/kernelspecs?token={token}")[2])
        argv = specs["kernelspecs"][specs["default"]]["spec"]["argv"]
        assert specs["default"] == "python3" and Path(argv[0]).parent.parent == Path(sys.prefix)
        assert _get(f"{base}/lab/tree/notebooks/explore.ipynb")[0] in (302, 403)  # no token
    finally:
        _stop(process)


def _stop(process) -> None:
    """Stop the process group this test started: SIGTERM, then SIGKILL after a minute."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
