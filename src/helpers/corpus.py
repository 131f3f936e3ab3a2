"""Load the source documents listed in ``seeds/sources.csv``, verified by sha256 and decoded."""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths, schema
from helpers.errors import UserError, escape_line
from helpers.periods import check_date
from helpers.textio import decode_bytes, read_csv_rows

REQUIRED_COLUMNS = schema.list_required("sources")
COLUMNS = schema.list_columns("sources")
LANGUAGES = schema.list_enum("sources", "language")
_SOURCE_ID = schema.compile_pattern("sources", "source_id")
_SHA256 = schema.compile_pattern("sources", "sha256")


# The HTML language of a document's text, by its manifest language (mixed is mostly Chinese).
HTML_LANGS = {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "mixed": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Source:
    """One document: its manifest row, where it lives and its decoded text."""

    source_id: str
    file: str
    path: Path
    sha256: str
    text: str
    meta: dict = field(default_factory=dict)
    line: int = 0

    @property
    def html_lang(self) -> str:
        """Return the HTML language of this document's text (for its quotes and title)."""
        return HTML_LANGS.get(self.meta.get("language", ""), "zh-Hans")

    def title_in(self, lang: str) -> str:
        """Return the title in a report language: the English title on English pages."""
        if lang == "en" and self.meta.get("title_en"):
            return self.meta["title_en"]
        return self.meta.get("title", "")


_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def guess_language(text: str) -> str:
    """Return zh-Hans for a text with Chinese characters, else en (a declared language wins)."""
    return "zh-Hans" if _CHINESE.search(text) else "en"


def compute_sha256(data: bytes) -> str:
    """Return the hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_manifest(seeds_dir: Path, shown_as: Path | None = None) -> list[tuple[int, dict]]:
    """Return ``(line number, row)`` pairs from ``seeds_dir/sources.csv``, header checked.

    Messages name ``shown_as`` (the user's folder when ``seeds_dir`` is a build's copy of it).
    """
    seeds_dir = Path(seeds_dir)
    shown = Path(shown_as or seeds_dir)
    if not seeds_dir.is_dir():
        raise UserError(
            f"{escape_line(str(shown))}: seeds directory not found; pass --seeds DIR pointing "
            "to the folder that holds the documents and sources.csv"
        )
    manifest = seeds_dir / paths.MANIFEST_NAME
    if manifest.is_symlink() or not manifest.is_file():
        raise UserError(
            f"{escape_line(str(shown / paths.MANIFEST_NAME))}: manifest not found (or not a "
            f"regular file); add sources.csv with the columns {', '.join(COLUMNS)}"
        )
    manifest_name = str(shown / paths.MANIFEST_NAME)
    header, rows = read_csv_rows(manifest, manifest_name)
    manifest = manifest_name
    if not header or header == [""]:
        raise UserError(f"{manifest}:1: empty manifest; add a header row: {','.join(COLUMNS)}")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise UserError(
            f"{manifest}:1: missing required column {missing[0]!r}; add it to the header row"
        )
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise UserError(f"{manifest}:1: column {dupes[0]!r} appears twice; keep one")
    return rows


def check_row(manifest: Path, line: int, row: dict) -> None:
    """Raise UserError for the first problem in one manifest row's fields."""
    where = f"{manifest}:{line}"
    for column in REQUIRED_COLUMNS:
        if not row.get(column, "").strip():
            raise UserError(f"{where}: field {column!r} is empty; fill it in")
    if not _SOURCE_ID.fullmatch(row["source_id"]):
        raise UserError(
            f"{where}: source_id {row['source_id']!r} must be lowercase letters, digits, _ or -"
        )
    name = row["file"]
    if name != Path(name).name or name in (".", "..") or "\\" in name or ":" in name:
        raise UserError(
            f"{where}: file {name!r} must be a plain file name inside the seeds directory"
        )
    if not _SHA256.fullmatch(row["sha256"]):
        raise UserError(f"{where}: sha256 {row['sha256']!r} is not 64 lowercase hex digits")
    problem = check_date(row["published"])
    if problem:
        raise UserError(f"{where}: {problem}")
    if row["language"] not in LANGUAGES:
        raise UserError(
            f"{where}: language {row['language']!r} is unknown; use one of {', '.join(LANGUAGES)}"
        )


def load_source(
    seeds_dir: Path, manifest: Path, line: int, row: dict, shown_as: Path | None = None
) -> Source:
    """Return the verified, decoded Source for one manifest row (messages name ``shown_as``)."""
    check_row(manifest, line, row)
    shown = Path(shown_as or seeds_dir)
    where = f"{manifest}:{line}"
    path = Path(seeds_dir) / row["file"]
    try:
        found = not path.is_symlink() and path.is_file()
        data = path.read_bytes() if found else b""
    except (OSError, ValueError) as exc:  # e.g. a name too long for the file system
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UserError(
            f"{where}: file {row['file']!r} cannot be read ({reason}); fix the file name"
        ) from None
    if not found:
        raise UserError(
            f"{where}: file {row['file']!r} not found in {escape_line(str(shown))} (or not a "
            "regular file); add it or remove the row"
        )
    digest = compute_sha256(data)
    if digest != row["sha256"]:
        raise UserError(
            f"{where}: sha256 mismatch for {row['file']} (the file hashes to {digest}); "
            "restore the original file, or update the sha256 field if it changed on purpose"
        )
    try:
        shown_file = escape_line(str(shown / row["file"]))
        text = decode_bytes(data, shown_file, row.get("encoding") or None)
    except UserError as exc:
        raise UserError(f"{where}: {exc}") from None
    return Source(
        source_id=row["source_id"],
        file=row["file"],
        path=path,
        sha256=digest,
        text=text,
        meta={k: row.get(k, "") for k in COLUMNS},
        line=line,
    )


def load_sources(seeds_dir: Path = paths.SEEDS_DIR, shown_as: Path | None = None) -> list[Source]:
    """Return every source in the manifest, in manifest order; raise UserError on any problem.

    ``shown_as`` is the folder messages name when ``seeds_dir`` is a build's copy of it.
    """
    seeds_dir = Path(seeds_dir)
    shown = Path(shown_as or seeds_dir)
    manifest = escape_line(str(shown / paths.MANIFEST_NAME))
    sources: list[Source] = []
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    for line, row in read_manifest(seeds_dir, shown):
        source = load_source(seeds_dir, manifest, line, row, shown)
        if source.source_id in seen:
            raise UserError(
                f"{manifest}:{line}: duplicate source_id {source.source_id!r} "
                f"(first on line {seen[source.source_id]}); give each document its own id"
            )
        if source.file in files:
            raise UserError(
                f"{manifest}:{line}: file {source.file!r} is already listed on line "
                f"{files[source.file]}; list each document once"
            )
        seen[source.source_id] = line
        files[source.file] = line
        sources.append(source)
    listed = set(files)
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.name not in listed and path.is_file():  # a folder named x.txt is no document
            try:
                digest = compute_sha256(path.read_bytes())
            except OSError as exc:
                raise UserError(
                    f"{escape_line(str(shown / path.name))}: document cannot be read "
                    f"({exc.strerror}); fix its permissions"
                ) from None
            raise UserError(
                f"{escape_line(str(shown / path.name))}: document has no row in {manifest}; add "
                f"a row with file {path.name!r} and sha256 {digest}"
            )
    if not sources:
        raise UserError(f"{manifest}: lists no documents; add one row per .txt file")
    return sources
