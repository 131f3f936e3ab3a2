"""Add a document to the seeds: ``python -m helpers add FILE --published DATE --title TITLE``.

The file is copied into the seeds folder byte for byte and its ``sources.csv`` row appended,
checked by the rules ``validate`` applies (``corpus.check_row``). Anything wrong is one line
and nothing is written: the copy and the new manifest are written aside, then renamed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.corpus import LANGUAGES, check_row, compute_sha256, guess_language, read_manifest
from helpers.errors import UserError, escape_line
from helpers.safewrite import place_new, replace_file
from helpers.textio import decode_bytes, read_csv_rows, read_regular_file

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL:
# text never holds them; a binary file read with a permissive encoding does.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ID_MAX = 64


@dataclass(frozen=True)
class Added:
    """What ``add_document`` did: the new row, where the document lives, whether it was copied."""

    row: dict
    path: Path
    copied: bool
    line: int


def derive_source_id(file_name: str, taken: set[str]) -> str:
    """Return an id from a file name: lowercase, [a-z0-9_-], unique among ``taken``."""
    stem = Path(file_name).stem.lower()
    base = re.sub(r"[^a-z0-9_-]+", "_", stem).strip("_-")[: _ID_MAX - 4].strip("_-") or "doc"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_text(text: str, name: str) -> None:
    """Refuse a decoded document that is empty or holds control characters (a binary file)."""
    bad = _CONTROL.search(text)
    if bad:
        raise UserError(
            f"{name}: holds the control character U+{ord(bad.group()):04X} at character "
            f"{bad.start()}, so it is not plain text; add a .txt file of the article's text"
        )
    if not text.strip():
        raise UserError(f"{name}: has no text; add a file holding the article's text")


def _find_duplicates(rows: list[tuple[int, dict]], name: str, digest: str, manifest: str) -> None:
    """Refuse a file name or content that the manifest already lists."""
    for line, row in rows:
        if row.get("file") == name:
            raise UserError(
                f"{manifest}:{line}: file {name!r} is already listed (source_id "
                f"{row.get('source_id', '')!r}); rename the new file or leave it out"
            )
        if row.get("sha256") == digest:
            raise UserError(
                f"{manifest}:{line}: {row.get('file', '')} has the same sha256 {digest}, so it is "
                f"the same document (source_id {row.get('source_id', '')!r}); it is already added"
            )


def _pick_id(wanted: str | None, rows: list[tuple[int, dict]], name: str, manifest: str) -> str:
    """Return the given source id if free, else refuse; derive one when none is given."""
    taken = {row.get("source_id", ""): line for line, row in rows}
    if not wanted:
        return derive_source_id(name, set(taken))
    if wanted in taken:
        raise UserError(
            f"{manifest}:{taken[wanted]}: source_id {wanted!r} is already used; choose "
            "another --source-id or leave it out to derive one from the file name"
        )
    return wanted


def format_manifest(original: bytes, header: list[str], row: dict) -> bytes:
    """Return the manifest with ``row`` appended; existing bytes kept unless columns are added.

    A column the header lacks (``encoding`` say) is added at the end, and then every row is
    rewritten with an empty field for it: the only case where existing lines change.
    """
    text = decode_bytes(original, paths.MANIFEST_NAME)
    bom = original.startswith(b"\xef\xbb\xbf")
    ending = "\r\n" if "\r\n" in text else "\n"
    added = [c for c, v in row.items() if v and c not in header]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    if added:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        writer.writerow([*records[0], *added])
        for record in records[1:]:
            if any(v.strip() for v in record):
                writer.writerow([*record, *[""] * len(added)])
        prefix = ""
    else:
        prefix = text if not text or text.endswith(("\n", "\r")) else text + ending
    writer.writerow([row.get(c, "") for c in [*header, *added]])
    return ("\ufeff" if bom else "").encode() + (prefix + out.getvalue()).encode("utf-8")


def add_document(
    file: Path,
    seeds_dir: Path,
    fields: dict[str, str],
    source_id: str | None = None,
    encoding: str | None = None,
) -> Added:
    """Copy ``file`` into ``seeds_dir`` and append its manifest row; return what was added.

    ``fields`` are the row's columns (title, published, publisher …). Refused with one line,
    nothing written: a duplicate name, content or id, a binary or undecodable file, a bad field.
    """
    file, seeds_dir = Path(file), Path(seeds_dir)
    shown = escape_line(str(file))
    data = read_regular_file(file, shown)
    name = file.name
    if not name.lower().endswith(".txt"):
        raise UserError(f"{shown}: not a .txt file; save the article as plain text named *.txt")
    text = decode_bytes(data, shown, encoding or None, "name its encoding with --encoding")
    check_text(text, shown)
    manifest_path = seeds_dir / paths.MANIFEST_NAME
    manifest = escape_line(str(manifest_path))
    rows = read_manifest(seeds_dir)
    header, _rows = read_csv_rows(manifest_path, manifest)
    digest = compute_sha256(data)
    _find_duplicates(rows, name, digest, manifest)
    target = seeds_dir / name
    in_place = not target.is_symlink() and target.exists() and target.resolve() == file.resolve()
    if target.exists() and not in_place:
        raise UserError(
            f"{escape_line(str(target))}: a file of that name is already in the seeds folder; "
            "rename your file or remove the other one"
        )
    row = {"source_id": _pick_id(source_id, rows, name, manifest), "file": name, "sha256": digest}
    row.update({k: v for k, v in fields.items() if v})
    row.setdefault("language", guess_language(text))
    if encoding:
        row["encoding"] = encoding
    line = (rows[-1][0] + 1) if rows else 2
    try:
        check_row(manifest, line, row)
    except UserError as exc:  # the row is not written yet: name the file being added
        raise UserError(str(exc).replace(f"{manifest}:{line}: ", f"{shown}: ", 1)) from None
    if row["language"] not in LANGUAGES:  # pragma: no cover - check_row refuses it first
        raise UserError(f"{manifest}:{line}: language {row['language']!r} is unknown")
    new_manifest = format_manifest(manifest_path.read_bytes(), header, row)
    _write(target, data, manifest_path, new_manifest, copy=not in_place)
    return Added(row=row, path=target, copied=not in_place, line=line)


def _write(target: Path, data: bytes, manifest: Path, new_manifest: bytes, copy: bool) -> None:
    """Place the document, then the manifest; undo the document if the manifest fails."""
    if copy:
        try:
            place_new(target, data)
        except FileExistsError:
            raise UserError(
                f"{escape_line(str(target))}: appeared while adding; rename your file"
            ) from None
    try:
        replace_file(manifest, new_manifest)
    except BaseException:
        if copy:
            target.unlink(missing_ok=True)
        raise


def run_add(
    file: Path, seeds_dir: Path, data_dir: Path, fields: dict, source_id: str | None, encoding
) -> int:
    """Add the document, then print what was added, its numbers and the next step."""
    added = add_document(file, seeds_dir, fields, source_id, encoding)
    sid = added.row["source_id"]
    how = "copied to" if added.copied else "already in"
    print(f"added {sid}: {escape_line(str(file))} {how} {escape_line(str(added.path))}")
    print(f"sha256 {added.row['sha256']}; {paths.MANIFEST_NAME} line {added.line}")
    print(f"{_count_numbers(seeds_dir, data_dir, added)} body numbers to curate")
    print(f"next: python -m helpers draft {sid}" + _dirs_args(seeds_dir, data_dir))
    return 0


def _count_numbers(seeds_dir: Path, data_dir: Path, added: Added) -> int:
    """Return how many body numbers (years and dates aside) the parser finds in the new text."""
    from helpers.audit import UNCOUNTED_KINDS
    from helpers.corpus import load_source
    from helpers.ledger import load_mentions

    source = load_source(seeds_dir, paths.MANIFEST_NAME, added.line, added.row)
    mentions = load_mentions([source], data_dir)[source.source_id]
    return sum(1 for m in mentions if m.section == "body" and m.kind not in UNCOUNTED_KINDS)


def _dirs_args(seeds_dir: Path, data_dir: Path) -> str:
    """Return the --seeds/--data options to repeat when they are not the project's folders."""
    out = ""
    if Path(seeds_dir).resolve() != paths.SEEDS_DIR.resolve():
        out += f" --seeds {escape_line(str(seeds_dir))}"
    if Path(data_dir).resolve() != paths.DATA_DIR.resolve():
        out += f" --data {escape_line(str(data_dir))}"
    return out
