"""Every error is one line: control characters escaped, file-system failures named with a fix."""

import errno

import pytest

from helpers.errors import describe_os_error, escape_line


def test_escape_line_keeps_one_line():
    assert escape_line("a\nerror: forged\r\x1b[31m") == "a\\nerror: forged\\r\\x1b[31m"
    assert escape_line("中国 ok") == "中国 ok"
    assert escape_line(escape_line("a\nb")) == "a\\nb"


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (errno.ENOSPC, "free some space"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permissions"),
        (errno.ENAMETOOLONG, "shorter path"),
    ],
)
def test_describe_os_error_names_path_and_fix(code, fix):
    line = describe_os_error(OSError(code, "why", "/some/path"))
    assert line.startswith("/some/path: why; ") and fix in line
