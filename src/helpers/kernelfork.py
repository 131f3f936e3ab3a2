"""Warm kernels for a build: a fork server with the chapters' libraries imported once, and a
tiny launcher that asks it for a fresh kernel process per notebook.

Starting a Jupyter kernel and importing pandas, matplotlib, seaborn and the package costs more
than most chapters take to run. The build starts one *fork server* that imports all of that,
then each notebook's kernel is a new process forked from it: it starts warm, yet shares no
state with any other chapter (each is its own process; nothing one chapter sets can reach the
next — a test proves it). Papermill still runs every notebook through a normal kernelspec,
whose command is this module's launcher:

    python -m helpers.kernelfork launch SOCKET {connection_file}

The launcher connects to the server's Unix socket, sends the connection file, its working
folder and environment, and gets back the kernel's pid. It then stands for the kernel: it
forwards signals (an interrupt, a terminate) and exits when the kernel does; if the launcher
itself dies, the kernel notices within half a second and exits too. The server dies with the
build (its parent), and so do the kernels (they watch their launcher).
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# ipykernel.ipkernel and its debugger (debugpy) are what IPKernelApp imports when it starts
PRELOAD = (
    "pandas",
    "matplotlib",
    "seaborn",
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "helpers.chapter",
)
WATCH_SECONDS = 0.5


def send_message(sock: socket.socket, payload: dict) -> None:
    """Send one length-prefixed JSON message."""
    data = json.dumps(payload).encode("utf-8")
    sock.sendall(struct.pack("!I", len(data)) + data)


def receive_message(sock: socket.socket) -> dict:
    """Receive one length-prefixed JSON message (ConnectionError when the peer went away)."""
    header = _receive_exactly(sock, 4)
    return json.loads(_receive_exactly(sock, struct.unpack("!I", header)[0]))


def _receive_exactly(sock: socket.socket, size: int) -> bytes:
    """Return exactly ``size`` bytes from ``sock``."""
    chunks, left = [], size
    while left:
        chunk = sock.recv(left)
        if not chunk:
            raise ConnectionError("the other end closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def is_alive(pid: int) -> bool:
    """Return True while a process with ``pid`` exists (and is not a zombie we can see)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def watch_pid(pid: int) -> None:
    """Exit this process as soon as process ``pid`` is gone (run in a daemon thread)."""
    while is_alive(pid):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


# ---------------------------------------------------------------- the fork server
def preload() -> None:
    """Import what every chapter imports, and set the chart style once (fonts registered)."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from helpers.plots import apply_style

    apply_style()


def run_kernel(request: dict) -> None:
    """In a freshly forked child: become the kernel the launcher asked for, then exit."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ.pop("JPY_PARENT_PID", None)  # the kernel watches its launcher below instead
    threading.Thread(target=watch_pid, args=(request["launcher"],), daemon=True).start()
    from ipykernel.kernelapp import IPKernelApp

    argv = ["-f", request["connection_file"], *request.get("arguments", [])]
    IPKernelApp.launch_instance(argv=argv)
    os._exit(0)


def to_address(name: str) -> str:
    """Return the socket address for ``name``: ``@x`` is Linux's abstract ``\\0x`` (no file)."""
    return "\0" + name[1:] if name.startswith("@") else name


def is_own_user(conn: socket.socket) -> bool:
    """Return True when the peer of ``conn`` runs as this process's user (SO_PEERCRED)."""
    credentials = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


def serve(socket_path: str, parent: int) -> None:
    """Preload, then fork a kernel for each launcher that connects, until ``parent`` dies."""
    from helpers.workers import ask_kernel_to_kill_me

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to report; we die with it
    if not ask_kernel_to_kill_me() or os.getppid() != parent:
        os._exit(1)  # no way to die with the build (not Linux): let the build fall back
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # no thread pools in a process that will fork
    # debugpy checks for frozen modules when imported and warns on stderr (the build's)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    preload()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(to_address(socket_path))
    server.listen(16)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    server_pid = os.getpid()
    print("ready", flush=True)  # the build waits for this line
    while True:
        conn, _ = server.accept()
        with conn:
            if not is_own_user(conn):
                continue  # an abstract socket has no file permissions: refuse other users
            try:
                request = receive_message(conn)
            except (ConnectionError, ValueError):
                continue
            pid = os.fork()
            if pid == 0:  # the child: no server socket, default signals, then the kernel
                server.close()
                conn.close()
                if not ask_kernel_to_kill_me() or os.getppid() != server_pid:
                    os._exit(1)  # a fork does not inherit PDEATHSIG: die with the server too
                for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
                    signal.signal(sig, signal.SIG_DFL)
                try:
                    run_kernel(request)
                finally:
                    os._exit(1)
            try:
                send_message(conn, {"pid": pid})
            except OSError:  # the launcher died (the build is ending); its kernel watches it
                continue  # and exits too, so the server carries on without a traceback


# ---------------------------------------------------------------- the launcher
def request_kernel(socket_path: str, connection_file: str, arguments: list[str]) -> int:
    """Ask the fork server for a kernel on ``connection_file``; return the kernel's pid."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(to_address(socket_path))
        send_message(
            sock,
            {
                "connection_file": str(Path(connection_file).resolve()),
                "arguments": arguments,
                "cwd": os.getcwd(),
                "env": dict(os.environ),
                "launcher": os.getpid(),
            },
        )
        return int(receive_message(sock)["pid"])


def launch(socket_path: str, connection_file: str, arguments: list[str]) -> int:
    """Ask the server for a kernel; stand for it (signals, exit) until it ends."""
    from helpers.workers import ask_kernel_to_kill_me

    ask_kernel_to_kill_me()  # the launcher dies with the worker that started it
    try:
        kernel = request_kernel(socket_path, connection_file, arguments)
    except (OSError, ValueError, KeyError):
        return 1  # no server (the build is ending, or it died): the build reports the kernel

    def forward(signum, _frame) -> None:
        try:
            os.kill(kernel, signum)
        except ProcessLookupError:
            pass
        if signum == signal.SIGTERM:
            sys.exit(0)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(sig, forward)
    wait_for_exit(kernel)
    return 0


def wait_for_exit(pid: int) -> None:
    """Return once process ``pid`` (not our child) has ended: at once through a pidfd, else by
    polling. Signal handlers still run while it waits."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd on this system, or the process is gone
        while is_alive(pid):
            time.sleep(0.05)
        return
    try:
        select.select([handle], [], [])
    finally:
        os.close(handle)


def main(argv: list[str]) -> int:
    """``serve SOCKET PARENT`` or ``launch SOCKET CONNECTION_FILE [KERNEL ARGUMENTS …]``.

    Interrupted (Ctrl-C reaches the whole process group), either ends quietly: the build prints
    the one line the user reads."""
    try:
        if argv[:1] == ["serve"]:
            serve(argv[1], int(argv[2]))
            return 0
        if argv[:1] == ["launch"]:
            return launch(argv[1], argv[2], argv[3:])
    except KeyboardInterrupt:
        return 130
    print(
        "usage: python -m helpers.kernelfork serve SOCKET PARENT | launch SOCKET FILE",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# ---------------------------------------------------------------- the build's side
KERNEL_NAME = "china-us-ai-report-warm"


class ForkServer:
    """A fork server started in the background, and the kernelspec that launches from it.

    ``start`` returns at once (the server imports for a second or two while the build does
    other work); ``wait`` blocks until it is ready and returns the kernel's name, or None where
    it cannot start (the build then uses the ordinary ``python3`` kernel). The kernelspec lives
    in ``jupyter_path``, which the build puts on ``JUPYTER_PATH`` before it starts its workers.
    """

    def __init__(self, folder: Path) -> None:
        # an abstract socket: nothing on disk to leave behind, even when the build is killed
        self.socket = f"@china-us-ai-report-kernels-{os.getpid()}-{time.monotonic_ns()}"
        self.jupyter_path = Path(folder) / "jupyter"
        spec = self.jupyter_path / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True, exist_ok=True)
        argv = [sys.executable, "-m", "helpers.kernelfork", "launch", self.socket]
        spec.joinpath("kernel.json").write_text(
            json.dumps(
                {
                    "argv": [*argv, "{connection_file}"],
                    "display_name": "Report (warm)",
                    "language": "python",
                }
            ),
            "utf-8",
        )
        self.process: subprocess.Popen | None = None
        self.ready: bool | None = None

    def start(self) -> None:
        """Start the server process; do not wait for it."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "helpers.kernelfork", "serve", self.socket, str(os.getpid())],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )

    def wait(self) -> str | None:
        """Return the warm kernel's name once the server is ready, or None if it is not."""
        if self.ready is None:
            self.ready = self.process is not None and self.process.stdout.readline() == "ready\n"
        return KERNEL_NAME if self.ready else None

    def stop(self) -> None:
        """Kill the server (its kernels watch their launchers and go too)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process.stdout.close()


@contextmanager
def on_jupyter_path(folder: Path) -> Iterator[None]:
    """Put ``folder`` first on ``JUPYTER_PATH`` (for processes started meanwhile), then restore."""
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(folder), previous) if p)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = previous
