"""The tests' corpus: the five seed documents pinned by sha256, with every data row of theirs.

Tests check the code against figures the five seeds give. A curator who adds a document (with
its facts, exclusions and claim checks) changes what the live report shows; that must not break
`make test`. So the tests read a copy of the workspace that holds only the pinned documents and
the rows that cite them; everything else in data/ (metrics, lexicon, i18n, snapshots) is copied
as it is, so a curator's new metric or phrase is still checked. The live workspace is checked by
`validate` (tests/test_workspace_live.py) and by the notebooks (nbval).
"""

import csv
import hashlib
import shutil
from pathlib import Path

PIN_FILE = Path(__file__).with_name("pinned_seeds.csv")
PINNED_PREFIX = "cuar-pinned-"  # then the pid of the test process that made the copy
MANIFEST = "sources.csv"
ROW_FILTERS = {  # data table -> the column naming the source of each row
    "facts.csv": "source_id",
    "excluded.csv": "source_id",
}


def read_pins(pin_file: Path = PIN_FILE) -> dict[str, tuple[str, str]]:
    """Return the pinned seeds: source_id -> (file, sha256)."""
    with pin_file.open(encoding="utf-8", newline="") as handle:
        return {row["source_id"]: (row["file"], row["sha256"]) for row in csv.DictReader(handle)}


def filter_rows(source: Path, target: Path, keep) -> None:
    """Copy a CSV table keeping its header and the rows for which ``keep(row)`` is true."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, [row for row in reader if keep(row)]
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def copy_pinned_seeds(seeds: Path, target: Path, pins: dict[str, tuple[str, str]]) -> None:
    """Copy the pinned documents and their manifest rows; fail if one is missing or changed."""
    target.mkdir(parents=True)
    for source_id, (name, sha256) in pins.items():
        document = seeds / name
        if not document.is_file():
            raise RuntimeError(f"{document}: pinned seed {source_id!r} is missing; restore it")
        if hashlib.sha256(document.read_bytes()).hexdigest() != sha256:
            raise RuntimeError(f"{document}: pinned seed {source_id!r} changed; restore it")
        shutil.copyfile(document, target / name)
    filter_rows(seeds / MANIFEST, target / MANIFEST, lambda row: row["source_id"] in pins)


def copy_pinned_data(data: Path, target: Path, pins: dict[str, tuple[str, str]]) -> None:
    """Copy data/'s tables, keeping only the facts, exclusions and claim checks of pinned seeds."""
    target.mkdir(parents=True)
    for table in sorted(p for p in data.iterdir() if p.is_file()):
        if table.name in ROW_FILTERS:
            column = ROW_FILTERS[table.name]
            filter_rows(table, target / table.name, lambda row, c=column: row[c] in pins)
        elif table.name != "claim_checks.csv":
            shutil.copyfile(table, target / table.name)
    with (target / "facts.csv").open(encoding="utf-8", newline="") as handle:
        kept = {row["fact_id"] for row in csv.DictReader(handle)}
    checks = data / "claim_checks.csv"
    if checks.is_file():
        filter_rows(checks, target / checks.name, lambda row: row["fact_id"] in kept)


def build_pinned_workspace(root: Path, out: Path) -> tuple[Path, Path]:
    """Write ``out``/seeds and ``out``/data from the workspace at ``root``; return both."""
    pins = read_pins()
    seeds, data = out / "seeds", out / "data"
    copy_pinned_seeds(root / "seeds", seeds, pins)
    copy_pinned_data(root / "data", data, pins)
    return seeds, data


def remove_stale_pinned(parent: Path) -> None:
    """Delete pinned copies under ``parent`` whose test process is gone (it was killed).

    Call it once CUAR_SEEDS_DIR/CUAR_DATA_DIR are set: it imports helpers."""
    from helpers.publish import is_running

    for folder in sorted(parent.glob(f"{PINNED_PREFIX}*-*")):
        pid = folder.name[len(PINNED_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not is_running(int(pid)) and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
