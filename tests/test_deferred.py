"""Tests for helpers.deferred: rfc3987_syntax is imported only when an IRI is checked."""

import subprocess
import sys

CHECK_IRIS = (
    "import jsonschema\n"
    "fc = jsonschema.Draft202012Validator.FORMAT_CHECKER\n"
    "values = ['http://例子.测试/路径?q=1', 'ht tp://bad', '//x/y', 'bad%zz', 'mailto:a@b.c']\n"
    "print([(fc.conforms(v, 'iri'), fc.conforms(v, 'iri-reference')) for v in values])\n"
)


def run_python(code: str) -> str:
    """Return what ``code`` prints in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout


def test_importing_nbformat_after_helpers_does_not_compile_the_grammar():
    out = run_python(
        "import sys, helpers, nbformat, papermill\n"
        "print('lark' in sys.modules, sys.modules['rfc3987_syntax'].__deferred__)\n"
    )
    assert out.split() == ["False", "True"]


def test_iri_checks_answer_as_the_real_module_does():
    deferred = run_python("import helpers, sys\n" + CHECK_IRIS + "print('lark' in sys.modules)")
    real = run_python(CHECK_IRIS)
    assert deferred.splitlines()[0] == real.splitlines()[0]
    assert "(True, True)" in real and "(False, False)" in real  # the check really ran
    assert deferred.splitlines()[1] == "True"  # the first check loaded the real module


def test_other_names_load_the_real_module():
    out = run_python(
        "import helpers\n"
        "from rfc3987_syntax import parse\n"
        "import rfc3987_syntax\n"
        "print(callable(parse), getattr(rfc3987_syntax, '__deferred__', False))\n"
    )
    assert out.split() == ["True", "False"]


def test_nothing_is_put_in_place_once_the_real_module_is_loaded():
    out = run_python(
        "import rfc3987_syntax\n"
        "from helpers.deferred import defer_rfc3987_syntax\n"
        "print(defer_rfc3987_syntax())\n"
    )
    assert out.split() == ["False"]
