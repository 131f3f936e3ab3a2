"""Report words in each language (data/i18n.csv), the facts of each language, number formats.

``Catalog(lang, data_dir)`` is bound once per page or chapter and passed around instead of a
language code and a data folder. What differs between languages beyond words (the HTML
``lang``, separators, number scales) is one row of ``LANGUAGES``: a third language is a
column in i18n.csv and a row here.
"""

import csv
import re
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.errors import UserError
from helpers.textio import read_regular_file

CATALOG_NAME = "i18n.csv"


@dataclass(frozen=True)
class Language:
    """How a report language writes what is not a word of the catalog."""

    code: str
    html_lang: str  # the HTML lang attribute of its pages
    list_sep: str  # between items of a list in prose
    open_paren: str  # before a parenthesis, spacing included
    close_paren: str
    unit_gap: str  # between a number and its unit
    qualifier_gap: str  # between a hedge word and the number
    scales: tuple[tuple[Decimal, str], ...]  # large numbers in words, largest first
    scale_from: Decimal  # counts below this stay digits
    singular_drops_s: bool  # "1 firm", not "1 firms"
    rank_form: str  # a rank, {number} filled in
    multiple_form: str  # a multiple, {number} and {unit} filled in
    bound_form: str  # a bound (前10, top 10), {number} filled in: never a rank
    vague_form: str  # a vague order of magnitude (数十亿): {words}, {range}
    vague_words: dict  # power of ten → words for "several …" (数十亿, several billion)


LANGUAGES = {
    "zh": Language(
        code="zh",
        html_lang="zh-Hans",
        list_sep="；",
        open_paren="（",
        close_paren="）",
        unit_gap="",
        qualifier_gap="",
        scales=((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")),
        scale_from=Decimal(10) ** 6,
        singular_drops_s=False,
        rank_form="第{number}名",
        multiple_form="{number}{unit}",
        bound_form="前{number}",
        vague_form="{range}（{words}，数量级）",
        vague_words={
            10**k: "数" + w
            for k, w in enumerate(
                ("", "十", "百", "千", "万", "十万", "百万", "千万", "亿", "十亿", "百亿", "千亿")
            )
        }
        | {10**12: "数万亿"},
    ),
    "en": Language(
        code="en",
        html_lang="en",
        list_sep="; ",
        open_paren=" (",
        close_paren=")",
        unit_gap=" ",
        qualifier_gap=" ",
        scales=(
            (Decimal(10) ** 12, " trillion"),
            (Decimal(10) ** 9, " billion"),
            (Decimal(10) ** 6, " million"),
        ),
        scale_from=Decimal(10) ** 6,
        singular_drops_s=True,
        rank_form="no. {number}",
        multiple_form="{number}×",
        bound_form="within the top {number}",
        vague_form="{range} ({words}: an order of magnitude)",
        vague_words={
            10**k: "several " + w
            for k, w in enumerate(
                (
                    "",
                    "tens",
                    "hundred",
                    "thousand",
                    "tens of thousands",
                    "hundred thousand",
                    "million",
                    "tens of millions",
                    "hundred million",
                    "billion",
                    "tens of billions",
                    "hundred billion",
                    "trillion",
                )
            )
        },
    ),
}
LANGS = tuple(LANGUAGES)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a report language, else raise UserError naming the choices."""
    if lang not in LANGS:
        raise UserError(f"lang {lang!r} is not a report language; use one of {', '.join(LANGS)}")
    return lang


def load_catalog(path: Path = paths.DATA_DIR / CATALOG_NAME) -> dict[str, dict[str, str]]:
    """Return ``{key: {"zh": text, "en": text}}`` from the catalog CSV, checked for gaps.

    Parsed once per file version (path, size and modification time), so an edited catalog is
    read again in a long-lived session such as JupyterLab.
    """
    path = Path(path)
    try:
        info = path.stat()
        version = (info.st_size, info.st_mtime_ns)
    except OSError:
        version = (-1, -1)
    return _load_catalog(path, version)


@lru_cache(maxsize=16)
def _load_catalog(path: Path, version: tuple[int, int]) -> dict[str, dict[str, str]]:
    """Return the parsed catalog at ``path`` (``version`` only keys the cache)."""
    try:
        text = read_regular_file(path).decode("utf-8-sig")  # a spreadsheet may add a BOM
    except UserError:
        raise UserError(
            f"{path}: catalog not found or unreadable; restore data/{CATALOG_NAME}"
        ) from None
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


def check_template(key: str, texts: dict[str, str], allowed: set[str] | None) -> str | None:
    """Return a problem with one catalog row's templates, or None.

    Braces must balance (``{{`` for a literal brace); both languages use the same placeholders;
    ``allowed`` (the placeholders the code fills for this key) bounds them when known.
    """
    found = {}
    for lang in LANGS:
        try:
            found[lang] = list_placeholders(texts[lang])
        except ValueError as exc:
            return (
                f"key {key!r}: the {lang} text has unbalanced braces ({exc}); "
                "write {{ for a literal brace"
            )
    if found["zh"] != found["en"]:
        return (
            f"key {key!r}: zh uses {{{', '.join(sorted(found['zh']))}}} but en uses "
            f"{{{', '.join(sorted(found['en']))}}}; use the same placeholders"
        )
    unknown = sorted(found["en"] - allowed) if allowed is not None else []
    if unknown:
        return (
            f"key {key!r}: unknown placeholder {{{unknown[0]}}}; this text can use "
            f"{', '.join('{' + a + '}' for a in sorted(allowed)) or 'no placeholders'}"
        )
    return None


def check_catalog(
    path: Path, needed: set[str], reference: Path | None = None
) -> list[tuple[int, str]]:
    """Return ``(line, problem)`` for a catalog: structure, templates and every needed key.

    ``reference`` (the project's own catalog) says which placeholders the code fills per key
    and which keys the report always uses.
    """
    try:
        catalog = load_catalog(Path(path))
    except UserError as exc:
        line = re.search(r":(\d+): ", str(exc))
        return [(int(line.group(1)) if line else 1, re.sub(r"^.*?:\d+: ", "", str(exc)))]
    reference = reference or paths.DATA_DIR / CATALOG_NAME
    base = load_catalog(reference) if Path(reference).resolve() != Path(path).resolve() else catalog
    lines = {key: n for n, key in enumerate(catalog, start=2)}
    problems = []
    for key, texts in catalog.items():
        allowed = list_placeholders(base[key]["en"]) if key in base else None
        problem = check_template(key, texts, allowed)
        if problem:
            problems.append((lines[key], problem))
    for key in sorted((needed | set(base)) - set(catalog)):
        problems.append((1, f"no key {key!r}; add a row with its zh and en text"))
    return problems


def translate(key: str, lang: str, data_dir: Path | None = None, **values) -> str:
    """Return the catalog text for ``key`` in ``lang`` with ``values`` filled in."""
    catalog = load_catalog(Path(data_dir or paths.DATA_DIR) / CATALOG_NAME)
    check_lang(lang)
    if key not in catalog:
        raise UserError(f"{CATALOG_NAME}: no key {key!r}; add a row with zh and en text")
    try:
        return catalog[key][lang].format(**values)
    except (KeyError, IndexError, ValueError) as exc:  # validate refuses these first
        raise UserError(
            f"{CATALOG_NAME}: key {key!r} ({lang}) cannot be filled ({exc!r}); run "
            "python -m helpers validate"
        ) from None


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


@dataclass(frozen=True)
class Catalog:
    """The words and number formats of one report language, from one data folder."""

    lang: str
    data_dir: Path = paths.DATA_DIR

    def __post_init__(self) -> None:
        """Refuse an unknown language at once."""
        check_lang(self.lang)

    @property
    def language(self) -> Language:
        """Return this language's facts."""
        return LANGUAGES[self.lang]

    def text(self, key: str, **values) -> str:
        """Return the text for ``key`` with ``values`` filled in."""
        return translate(key, self.lang, self.data_dir, **values)

    def number(self, value, decimals: int | None = None) -> str:
        """Return a number with digit grouping."""
        return format_number(value, self.lang, decimals)

    def unit(self, unit: str) -> str:
        """Return a unit as written (zh) or its word in this language; empty for no unit."""
        return self.text(f"unit.{unit}") if unit else ""

    def name(self, entity: str) -> str:
        """Return an entity's name in this language: as written (zh), else the lexicon's English.

        A name the lexicon does not know is returned as written (``validate`` refuses it).
        """
        if self.lang == "zh" or not entity:
            return entity
        from helpers.entities import load_lexicon

        path = self.data_dir / "lexicon.csv"
        row = load_lexicon(path).find(entity) if path.is_file() else None
        return row.name_en if row is not None and row.name_en else entity

    def other(self) -> "Catalog":
        """Return the catalog of the other report language (for the language switch)."""
        return Catalog(next(code for code in LANGS if code != self.lang), self.data_dir)
