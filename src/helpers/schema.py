"""The one schema of the data: data/datapackage.json, read once for columns, enums and patterns.

Every table the package reads or writes is described there (Frictionless Table Schema); the
code asks this module for a resource's columns, its required fields, a field's allowed values
or pattern, instead of repeating them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from helpers import paths

PACKAGE_FILE = paths.DATA_DIR / "datapackage.json"


@lru_cache(maxsize=1)
def load_package() -> dict:
    """Return the project's data package descriptor."""
    return json.loads(PACKAGE_FILE.read_text(encoding="utf-8"))


def find_resource(name: str) -> dict:
    """Return the descriptor of the resource called ``name`` (KeyError if there is none)."""
    for resource in load_package()["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"datapackage.json describes no resource {name!r}")


def list_fields(resource: str) -> list[dict]:
    """Return a resource's field descriptors in column order."""
    return find_resource(resource)["schema"]["fields"]


def list_columns(resource: str) -> tuple[str, ...]:
    """Return a resource's column names in order."""
    return tuple(f["name"] for f in list_fields(resource))


def list_required(resource: str) -> tuple[str, ...]:
    """Return the columns that may not be empty."""
    return tuple(
        f["name"] for f in list_fields(resource) if f.get("constraints", {}).get("required")
    )


def _constraints(resource: str, field: str) -> dict:
    """Return one field's constraints."""
    for descriptor in list_fields(resource):
        if descriptor["name"] == field:
            return descriptor.get("constraints", {})
    raise KeyError(f"resource {resource!r} has no field {field!r}")


def list_enum(resource: str, field: str) -> tuple[str, ...]:
    """Return a field's allowed values (the schema's ``enum``)."""
    return tuple(_constraints(resource, field)["enum"])


@lru_cache(maxsize=64)
def compile_pattern(resource: str, field: str) -> re.Pattern[str]:
    """Return a field's ``pattern`` compiled (matched against the whole value, as Frictionless)."""
    return re.compile(_constraints(resource, field)["pattern"])
