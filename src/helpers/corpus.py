"""Load the source documents listed in ``seeds/sources.csv``, verified by sha256 and decoded."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.errors import UserError
from helpers.textio import decode_bytes, read_csv_rows

REQUIRED_COLUMNS = ("source_id", "file", "sha256", "title", "published", "language")
COLUMNS = (
    "source_id",
    "file",
    "sha256",
    "title",
    "publisher",
    "author",
    "published",
    "url",
    "language",
    "notes",
)
LANGUAGES = ("zh-Hans", "zh-Hant", "mixed", "en")
_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PUBLISHED = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


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


def compute_sha256(data: bytes) -> str:
    """Return the hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def check_published(value: str) -> str | None:
    """Return a problem with a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD), or None if valid."""
    match = _PUBLISHED.fullmatch(value)
    if not match:
        return f"published {value!r} is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return f"published {value!r} is not a real date; fix the month or day"
    return None


def read_manifest(seeds_dir: Path) -> list[tuple[int, dict]]:
    """Return ``(line number, row)`` pairs from ``seeds_dir/sources.csv``, header checked."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise UserError(
            f"{seeds_dir}: seeds directory not found; pass --seeds DIR pointing to the folder "
            "that holds the documents and sources.csv"
        )
    manifest = seeds_dir / paths.MANIFEST_NAME
    if not manifest.is_file():
        raise UserError(
            f"{manifest}: manifest not found; add sources.csv with the columns {', '.join(COLUMNS)}"
        )
    header, rows = read_csv_rows(manifest, str(manifest))
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
    problem = check_published(row["published"])
    if problem:
        raise UserError(f"{where}: {problem}")
    if row["language"] not in LANGUAGES:
        raise UserError(
            f"{where}: language {row['language']!r} is unknown; use one of {', '.join(LANGUAGES)}"
        )


def load_source(seeds_dir: Path, manifest: Path, line: int, row: dict) -> Source:
    """Return the verified, decoded Source for one manifest row."""
    check_row(manifest, line, row)
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
            f"{where}: file {row['file']!r} not found in {seeds_dir}; add it or remove the row"
        )
    digest = compute_sha256(data)
    if digest != row["sha256"]:
        raise UserError(
            f"{where}: sha256 mismatch for {row['file']} (the file hashes to {digest}); "
            "restore the original file, or update the sha256 field if it changed on purpose"
        )
    text = decode_bytes(data, str(path), row.get("encoding") or None)
    return Source(
        source_id=row["source_id"],
        file=row["file"],
        path=path,
        sha256=digest,
        text=text,
        meta={k: row.get(k, "") for k in COLUMNS},
        line=line,
    )


def load_sources(seeds_dir: Path = paths.SEEDS_DIR) -> list[Source]:
    """Return every source in the manifest, in manifest order; raise UserError on any problem."""
    seeds_dir = Path(seeds_dir)
    manifest = seeds_dir / paths.MANIFEST_NAME
    sources: list[Source] = []
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    for line, row in read_manifest(seeds_dir):
        source = load_source(seeds_dir, manifest, line, row)
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
                    f"{path}: document cannot be read ({exc.strerror}); fix its permissions"
                ) from None
            raise UserError(
                f"{path}: document has no row in {manifest}; add a row with file "
                f"{path.name!r} and sha256 {digest}"
            )
    if not sources:
        raise UserError(f"{manifest}: lists no documents; add one row per .txt file")
    return sources
