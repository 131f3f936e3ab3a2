"""Write a file aside, then rename it into place: a reader never sees half a file.

A failure before the rename leaves the old file as it was and removes the temporary one.
``place_new`` never replaces anything: it refuses when the target already exists.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _write_temp(target: Path, data: bytes) -> Path:
    """Return a temporary file beside ``target`` holding ``data`` (mode as a new file's)."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes it private; these are shared files
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` aside, then rename it over ``target`` (kept mode if any)."""
    target = Path(target)
    temp = _write_temp(target, data)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, os.stat(target).st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def place_new(target: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``target``; FileExistsError if it exists (never replaced)."""
    target = Path(target)
    temp = _write_temp(target, data)
    try:
        try:
            os.link(temp, target)  # atomic and refuses an existing name, unlike a rename
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: reserve the name, then rename
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
