"""Look up report words in the zh/en catalog (data/i18n.csv) and format numbers for a language."""

import csv
import string
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.errors import UserError

LANGS = ("zh", "en")
CATALOG_NAME = "i18n.csv"


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a report language, else raise UserError naming the choices."""
    if lang not in LANGS:
        raise UserError(f"lang {lang!r} is not a report language; use one of {', '.join(LANGS)}")
    return lang


@lru_cache(maxsize=8)
def load_catalog(path: Path = paths.DATA_DIR / CATALOG_NAME) -> dict[str, dict[str, str]]:
    """Return ``{key: {"zh": text, "en": text}}`` from the catalog CSV, checked for gaps."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: catalog not found; restore data/{CATALOG_NAME}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not valid UTF-8; re-save it as UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or set(("key", *LANGS)) - set(reader.fieldnames):
        raise UserError(f"{path}:1: header must be key,zh,en")
    catalog: dict[str, dict[str, str]] = {}
    for row in reader:
        line = reader.line_num
        key = (row.get("key") or "").strip()
        if not key:
            raise UserError(f"{path}:{line}: empty key; give every row a key")
        if key in catalog:
            raise UserError(f"{path}:{line}: duplicate key {key!r}; keep one row per key")
        for lang in LANGS:
            # a measure word such as 个 has no English counterpart: unit rows may be empty
            if not (row.get(lang) or "").strip() and not key.startswith("unit."):
                raise UserError(f"{path}:{line}: key {key!r} has no {lang} text; translate it")
        catalog[key] = {lang: row[lang] for lang in LANGS}
    return catalog


def list_placeholders(template: str) -> set[str]:
    """Return the names of the ``{placeholders}`` in a catalog template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def translate(key: str, lang: str, data_dir: Path | None = None, **values) -> str:
    """Return the catalog text for ``key`` in ``lang`` with ``values`` filled in."""
    catalog = load_catalog(Path(data_dir or paths.DATA_DIR) / CATALOG_NAME)
    check_lang(lang)
    if key not in catalog:
        raise UserError(f"{CATALOG_NAME}: no key {key!r}; add a row with zh and en text")
    return catalog[key][lang].format(**values)


def format_number(value, lang: str, decimals: int | None = None) -> str:
    """Return ``value`` with digit grouping; integers stay integers, others keep given decimals."""
    number = Decimal(str(value))
    if decimals is None:
        decimals = (
            0 if number == number.to_integral_value() else max(0, -number.as_tuple().exponent)
        )
    return f"{number:,.{decimals}f}"


def format_percent(value, lang: str, decimals: int = 1) -> str:
    """Return a percentage (given in points) such as ``47.0%``."""
    return f"{format_number(round(Decimal(str(value)), decimals), lang, decimals)}%"
