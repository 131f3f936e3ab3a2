"""Defer importing ``rfc3987_syntax`` until an IRI is first checked (it costs ~2.8 s per process).

jsonschema, which nbformat, papermill and frictionless import, imports ``rfc3987_syntax`` when
it is installed (jupyter-events asks for ``jsonschema[format-nongpl]``), and that module compiles
an Earley grammar at import time: 2.8 s of CPU in every build worker, test worker and CLI run
that touches a notebook, though only a JSON Schema ``iri`` format check ever uses it. A stand-in
module takes its place in ``sys.modules``; its first use imports the real module and hands over.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

NAME = "rfc3987_syntax"


def load_real() -> types.ModuleType:
    """Return the real ``rfc3987_syntax``, importing it now if the stand-in is in its place."""
    module = sys.modules.get(NAME)
    if module is None or getattr(module, "__deferred__", False):
        sys.modules.pop(NAME, None)
        module = importlib.import_module(NAME)
    return module


def is_valid_syntax(term: str, value: str) -> bool:
    """Check ``value`` against the RFC 3987 rule ``term`` with the real module."""
    return load_real().is_valid_syntax(term, value)


def get_other(name: str) -> object:
    """Return any other public name from the real module; dunder lookups stay on the stand-in."""
    # the import system asks a module for __path__ and the like: answering must not load it
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(load_real(), name)


def defer_rfc3987_syntax() -> bool:
    """Put the stand-in in place when the real module is installed and not yet imported.

    Return whether it was put in place.
    """
    if NAME in sys.modules or importlib.util.find_spec(NAME) is None:
        return False
    stand_in = types.ModuleType(NAME, "Stand-in: imports rfc3987_syntax on first use.")
    stand_in.__deferred__ = True
    stand_in.is_valid_syntax = is_valid_syntax
    stand_in.__getattr__ = get_other  # PEP 562: any other public name loads the real module
    sys.modules[NAME] = stand_in
    return True
