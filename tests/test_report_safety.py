"""Nothing a user owns is lost: refusals, snapshots, concurrency, kills and file-system faults.

Builds here use a one-chapter notebooks folder (``--notebooks``) to stay quick.
"""

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import paths
from helpers.publish import MARKER, is_running

pytestmark = pytest.mark.e2e
PY = sys.executable


@pytest.fixture
def one_chapter(tmp_path) -> Path:
    """Return a notebooks folder holding only chapter 01."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copyfile(paths.NOTEBOOKS_DIR / "01_sources.ipynb", folder / "01_sources.ipynb")
    return folder


def run_cli(*args, cwd=None, prefix=()):
    """Run ``python -m helpers ARGS``; return the completed process (text)."""
    return subprocess.run(
        [*prefix, PY, "-m", "helpers", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def assert_one_line(result, *needles, status=1):
    """Assert a failure printed exactly one line, without traceback, naming ``needles``."""
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def snapshot_tree(root: Path) -> dict:
    """Return every file under ``root`` with its bytes."""
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_users_file_in_out_lang_is_kept(tmp_path):
    (tmp_path / "D" / "en").mkdir(parents=True)
    (tmp_path / "D" / "en" / "notes.md").write_text("mine", "utf-8")
    result = run_cli("report", "--lang", "en", "--out", tmp_path / "D")
    assert_one_line(result, "D/en: exists and was not written by this tool")
    assert (tmp_path / "D" / "en" / "notes.md").read_text("utf-8") == "mine"


@pytest.mark.parametrize("flag", ["--data", "--seeds"])
def test_inputs_inside_out_lang_are_refused(tmp_path, flag):
    proj = tmp_path / "PROJ"
    source = paths.DATA_DIR if flag == "--data" else paths.SEEDS_DIR
    lang = "en" if flag == "--data" else "zh"
    shutil.copytree(source, proj / lang)
    before = snapshot_tree(proj)
    result = run_cli("report", flag, proj / lang, "--out", proj)
    assert_one_line(result, f"{proj / lang} is {proj / lang}, which publishing replaces")
    assert snapshot_tree(proj) == before


@pytest.mark.parametrize(
    ("out", "needle"),
    [
        (paths.PACKAGE_DIR / "site", "inside the package folder"),
        (paths.BUILD_DIR / "site", "inside the build folder"),
        (paths.SEEDS_DIR / "site", "inside the seeds folder"),
    ],
)
def test_out_inside_the_tool_or_its_inputs_is_refused(out, needle):
    assert_one_line(run_cli("report", "--out", out), needle)
    assert not out.exists()


def test_empty_out_is_refused():
    assert_one_line(run_cli("report", "--out", ""), "--out: empty path", status=2)


def test_out_path_longer_than_the_system_allows(tmp_path):
    out = tmp_path / ("x" * 300)
    assert_one_line(run_cli("report", "--out", out), "File name too long", "shorter path")


def test_symlink_in_data_is_refused_by_report_and_validate(tmp_path, data_copy):
    (data_copy / "leak.csv").symlink_to("/etc/passwd")
    for command in (["validate"], ["report", "--out", tmp_path / "r"]):
        result = run_cli(*command, "--data", data_copy)
        assert_one_line(result, "leak.csv: is a symbolic link")
    assert not (tmp_path / "r" / "en").exists()


def test_formula_cells_are_neutralised_in_published_csv(tmp_path, seeds_copy, one_chapter):
    manifest = seeds_copy / "sources.csv"
    text = manifest.read_text("utf-8").replace(
        "117款生成式人工智能服务已备案", '"=HYPERLINK(""http://evil"",""x"")"'
    )
    manifest.write_text(text, "utf-8")
    result = run_cli(
        "report",
        "--quiet",
        "--seeds",
        seeds_copy,
        "--notebooks",
        one_chapter,
        "--out",
        tmp_path / "r",
    )
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "r" / "en" / "data" / "sources.csv", encoding="utf-8-sig") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    assert '\'=HYPERLINK("http://evil","x")' in titles
    assert not any(t.startswith(("=", "+", "@")) for t in titles)


def read_stat(pid) -> list[str]:
    """Return the fields of /proc/PID/stat after the command name (state, parent, …); empty
    when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def read_parent(pid) -> int:
    """Return a process's parent pid (0 when it is gone)."""
    fields = read_stat(pid)
    return int(fields[1]) if len(fields) > 1 else 0


def descendants(pid: int) -> set[int]:
    """Return the pids of every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (ppid := read_parent(entry)):
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids) -> set[int]:
    """Return the pids that still run (zombies excluded)."""
    return {pid for pid in pids if read_stat(pid)[:1] not in ([], ["Z"])}


def start_build(tmp_path, one_chapter, *extra):
    """Start a one-chapter cold build in its own session; wait until kernels run."""
    process = subprocess.Popen(
        [
            PY,
            "-m",
            "helpers",
            "report",
            "--quiet",
            "--no-cache",
            "--notebooks",
            one_chapter,
            "--out",
            tmp_path / "reports",
            *map(str, extra),
        ],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        below = descendants(process.pid)
        if any(is_kernel(pid) for pid in below):  # inside notebook execution
            return process, below
        time.sleep(0.05)
    process.kill()
    pytest.fail("the build never started its workers and kernels")


def read_cmdline(pid: int) -> bytes:
    """Return a process's command line (empty when it is gone)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def is_kernel(pid: int) -> bool:
    """Return True when ``pid`` is a Jupyter kernel: started cold (ipykernel), or forked by the
    warm kernels' fork server (a child of ``helpers.kernelfork serve`` with its command line)."""
    cmdline = read_cmdline(pid)
    if b"ipykernel" in cmdline:
        return True
    serve = b"helpers.kernelfork\x00serve"
    return serve in cmdline and serve in read_cmdline(read_parent(pid))


def wait_until_gone(pids, seconds=15.0) -> set[int]:
    """Wait until none of ``pids`` runs; return those still running at the deadline."""
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive(pids)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_build_leaves_no_process_and_the_report_as_it_was(tmp_path, one_chapter, sig):
    out = tmp_path / "reports"
    first = run_cli("report", "--quiet", "--notebooks", one_chapter, "--out", out)
    assert first.returncode == 0, first.stderr
    before = snapshot_tree(out / "en")
    process, below = start_build(tmp_path, one_chapter)
    os.kill(process.pid, sig)  # the main process only, as `kill` or the OOM killer would
    process.wait(timeout=30)
    assert wait_until_gone(below) == set(), "worker or kernel processes outlived the build"
    assert snapshot_tree(out / "en") == before
    if sig == signal.SIGTERM:
        assert process.returncode == 143
        stderr = process.stderr.read()
        assert [line for line in stderr.splitlines() if line] == [
            "error: terminated; nothing was published (the published report, if any, was left "
            "as it was)"
        ], stderr
        assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]
    again = run_cli("report", "--quiet", "--notebooks", one_chapter, "--out", out)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == [".china-us-ai-report.lock", "en", "zh"]
    assert not [p for p in (paths.BUILD_DIR / "work").iterdir() if not is_running_owner(p)]


def is_running_owner(folder: Path) -> bool:
    """Return True when a work folder's owner process still runs (another build's folder)."""
    owner = folder / ".owner"
    if not owner.is_file():
        return True  # not ours: never counted as left behind by us
    return is_running(int(owner.read_text("utf-8").rsplit(" ", 1)[1]))


def test_ctrl_c_prints_one_line(tmp_path, one_chapter):
    process, below = start_build(tmp_path, one_chapter)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends: the whole group
    process.wait(timeout=60)
    lines = [line for line in process.stderr.read().splitlines() if line.strip()]
    assert process.returncode == 130
    assert lines == [
        "error: interrupted; nothing was published (the published report, if any, was left as "
        "it was)"
    ], lines
    assert wait_until_gone(below) == set()


def test_an_interrupted_swap_is_restored_then_replaced(tmp_path, one_chapter):
    out = tmp_path / "reports"
    assert run_cli("report", "--quiet", "--notebooks", one_chapter, "--out", out).returncode == 0
    (out / "en").rename(out / ".en.previous")  # as a kill between the two renames leaves it
    result = run_cli("report", "--quiet", "--lang", "zh", "--notebooks", one_chapter, "--out", out)
    assert result.returncode == 0, result.stderr
    assert (out / "en" / MARKER).is_file() and not (out / ".en.previous").exists()


def build_in_background(seeds, data, out, notebooks):
    """Start a build of ``data`` into ``out`` (sharing the project's build folder and cache)."""
    return subprocess.Popen(
        [
            PY,
            "-m",
            "helpers",
            "report",
            "--quiet",
            "--lang",
            "en",
            "--seeds",
            seeds,
            "--data",
            data,
            "--notebooks",
            notebooks,
            "--out",
            out,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_builds_publish_their_own_data(tmp_path, seeds_copy, data_copy, one_chapter):
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    metrics = other / "metrics.csv"
    metrics.write_text(
        metrics.read_text("utf-8").replace("SuperCLUE ranking", "Renamed ranking XYZ"), "utf-8"
    )
    first = build_in_background(seeds_copy, data_copy, tmp_path / "a", one_chapter)
    second = build_in_background(seeds_copy, other, tmp_path / "b", one_chapter)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    page_a = (tmp_path / "a" / "en" / "sources.html").read_text("utf-8")
    page_b = (tmp_path / "b" / "en" / "sources.html").read_text("utf-8")
    assert "Renamed ranking XYZ" in page_b and "Renamed ranking XYZ" not in page_a
    assert "SuperCLUE ranking" in page_a


def test_data_edited_during_the_build_is_not_published(tmp_path, data_copy, one_chapter):
    original = (data_copy / "facts.csv").read_bytes()
    process = build_in_background(paths.SEEDS_DIR, data_copy, tmp_path / "r", one_chapter)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until this build has taken its snapshot
        runs = (paths.BUILD_DIR / "work").glob(f"run-{process.pid}-*")
        if any((run / "inputs" / "notebooks").is_dir() for run in runs):
            break
        time.sleep(0.05)
    (data_copy / "facts.csv").write_text("broken,\n", "utf-8")  # edited mid-build
    assert process.wait(timeout=300) == 0, process.stderr.read()
    published = (tmp_path / "r" / "en" / "data" / "facts.csv").read_bytes()
    ids = [line.split(",", 1)[0] for line in published.decode("utf-8-sig").splitlines()]
    assert ids == [line.split(",", 1)[0] for line in original.decode().splitlines()]
    assert b"broken" not in published  # the snapshot taken at the start was published


def mount_tmpfs(target: Path, *options: str) -> None:
    """Mount a tmpfs at ``target`` (root only); skip the test where mounting is not allowed."""
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(("size=4m", *options)), "tmpfs", str(target)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


@pytest.fixture
def mounts():
    """Unmount what a test mounted."""
    mounted = []
    yield mounted
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_out_on_its_own_file_system_is_published(tmp_path, one_chapter, mounts):
    out = tmp_path / "mnt"
    mount_tmpfs(out, "size=16m")
    mounts.append(out)
    result = run_cli("report", "--quiet", "--notebooks", one_chapter, "--out", out)
    assert result.returncode == 0, result.stderr
    assert (out / "en" / "01_sources.html").is_file()


@pytest.mark.parametrize(
    ("options", "needles"),
    [(("ro",), ["Read-only file system", "read-only"]), (("size=64k",), ["free some space"])],
)
def test_read_only_or_full_disk_is_one_line(tmp_path, one_chapter, mounts, options, needles):
    out = tmp_path / "mnt"
    mount_tmpfs(out, *options)
    mounts.append(out)
    result = run_cli("report", "--quiet", "--notebooks", one_chapter, "--out", out)
    assert_one_line(result, *needles)
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]


def run_as_nobody(*args):
    """Run the CLI in a user namespace without root (file permissions apply)."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    return run_cli(*args, prefix=("unshare", "-U"))


def test_unreadable_ledger_file_and_unlistable_folder_are_one_line(tmp_path, data_copy):
    tmp_path.chmod(0o777)
    data_copy.chmod(0o777)
    (data_copy / "facts.csv").chmod(0o000)
    result = run_as_nobody("validate", "--data", data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "facts.csv" in result.stderr and "Permission denied" in result.stderr
    data_copy.chmod(0o000)
    result = run_as_nobody("validate", "--data", data_copy)
    assert_one_line(result, str(data_copy), "cannot list the data folder")


def test_build_dir_holds_the_cache_and_the_executed_notebooks(tmp_path, one_chapter):
    build, out = tmp_path / "own-build", tmp_path / "reports"
    command = ("report", "--lang", "en", "--notebooks", one_chapter, "--out", out)
    first = run_cli(*command, "--build-dir", build)
    assert first.returncode == 0, first.stderr
    assert (build / "en" / "01_sources.ipynb").is_file() and any((build / "cache").iterdir())
    again = run_cli(*command, "--build-dir", build)
    assert "(0 of 1 chapter pages executed, 1 from cache)" in again.stderr, again.stderr
    inside = run_cli(*command, "--build-dir", out.parent)
    assert_one_line(inside, "inside the build folder")
    overlapping = run_cli(*command, "--build-dir", one_chapter / "build")
    assert_one_line(overlapping, "--build-dir", "overlaps the notebooks folder")
    users = tmp_path / "mine"
    users.mkdir()
    (users / "notes.txt").write_text("mine", "utf-8")
    assert_one_line(run_cli(*command, "--build-dir", users), "did not make", "new or empty")
    assert sorted(p.name for p in users.iterdir()) == ["notes.txt"]
