"""The one exception type for problems a user can fix, and how any error becomes one safe line."""

import errno
import os
import re
import select
import sys
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_FIXES = {
    errno.ENOSPC: "free some space or choose another output folder",
    errno.EDQUOT: "free some space or choose another output folder",
    errno.EROFS: "the file system is read-only; choose another folder",
    errno.EACCES: "check its permissions or choose another folder",
    errno.EPERM: "check its permissions or choose another folder",
    errno.ENAMETOOLONG: "use a shorter path",
    errno.ENOENT: "check that the path exists",
    errno.ENOTDIR: "a part of the path is a file, not a folder; fix the path",
    errno.EISDIR: "it is a folder, not a file; fix the path",
    errno.ELOOP: "the path has a symbolic-link loop; fix the path",
    errno.EXDEV: "the folders are on different file systems; choose an output folder on one",
}


@dataclass(frozen=True)
class Problem:
    """One problem in the ledger, located by file name and CSV line (header = line 1)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        """Return ``file:line: message``."""
        return f"{self.file}:{self.line}: {self.message}"


class UserError(Exception):
    """A problem with the user's input: the message names the file, the place and the fix."""


class ProblemsError(UserError):
    """Several problems found at once (e.g. by validate), each its own one-line message."""

    def __init__(self, summary: str, lines: list[str]):
        """Keep ``summary`` (printed last) and the problem ``lines`` (printed first, in order)."""
        super().__init__("\n".join([*lines, summary]))
        self.summary = summary
        self.lines = list(lines)


def escape_line(text: str) -> str:
    """Return ``text`` with control characters (newlines too) shown as escapes: one line always.

    File names and CSV fields can hold newlines; a message must never let them start a line
    that looks like another message.
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def describe_os_error(exc: OSError) -> str:
    """Return one line for a file-system failure: the path, what went wrong and the fix."""
    where = exc.filename if exc.filename is not None else "a file"
    reason = exc.strerror or exc.__class__.__name__
    fix = _FIXES.get(exc.errno or 0, "check the path and try again")
    return f"{where}: {reason}; {fix}"


def silence_stdout() -> None:
    """Point stdout at /dev/null after its reader went away (``| head``), so that the final
    flush cannot fail again: a reader that stops early is not the user's error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def is_stdout_gone() -> bool:
    """Return True when nothing reads stdout any more (a pipe whose reader closed)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(event & select.POLLERR for _fd, event in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll (Windows), or no real stdout
        return False
