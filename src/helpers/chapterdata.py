"""A chapter's view of data/: the files its notebook declares, narrowed to what it may read.

The build writes each chapter's view to its own folder, hands the chapter that folder as
``data_dir`` and keys the chapter's cache entry on the view's bytes. So a chapter cannot read a
file or a row it did not declare (it is not there), and its page cannot go stale on one.
"""

import csv
import io
from pathlib import Path

from helpers.snapshots import SNAPSHOTS_FILE
from helpers.workspace import DATA_SUFFIXES


def select_rows(text: str, column: str, keep: set[str]) -> str:
    """Return the CSV header plus only the rows whose ``column`` is in ``keep``, re-serialized."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row.get(column) in keep:
            writer.writerow(row)
    return out.getvalue()


def blank_columns(text: str, keep: set[str]) -> str:
    """Return the CSV with every value outside the ``keep`` columns emptied (header and rows
    kept, so the table still loads), re-serialized."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = reader.fieldnames or []
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in reader:
        writer.writerow({f: (row.get(f) if f in keep else "") for f in fields})
    return out.getvalue()


def read_text(path: Path) -> str | None:
    """Return a data file's text (a byte-order mark dropped), or None when it is absent."""
    # utf-8-sig: a byte-order mark (spreadsheets add one) must not hide the header
    return path.read_bytes().decode("utf-8-sig", "replace") if path.is_file() else None


def narrow_to_dimensions(files: dict[str, str], dimensions: set[str]) -> None:
    """Keep, in place, only the metrics of ``dimensions`` and the facts of those metrics."""
    metrics = files.get("metrics.csv", "")
    ids = {
        row["metric_id"]
        for row in csv.DictReader(io.StringIO(metrics, newline=""))
        if row.get("dimension") in dimensions
    }
    if "metrics.csv" in files:
        files["metrics.csv"] = select_rows(metrics, "dimension", dimensions)
    if "facts.csv" in files:
        files["facts.csv"] = select_rows(files["facts.csv"], "metric_id", ids)


def render_view(data_dir: Path, inputs: dict) -> dict[str, str]:
    """Return a chapter's view (file name -> text) from its declared inputs.

    Without ``data`` the chapter sees every table. With it: only the files named; of facts and
    metrics only the rows of the declared ``dimensions``; of snapshots.csv only the rows of the
    declared ``snapshots``; of a file named in ``columns`` (``{"facts.csv": [...]}``) only the
    values of the columns listed, the others emptied. A declared file that is absent stays
    absent.
    """
    data_dir = Path(data_dir)
    if "data" in inputs:
        names = set(inputs["data"])
        if inputs.get("snapshots"):
            names.add(SNAPSHOTS_FILE)
    else:
        names = {p.name for p in data_dir.iterdir() if p.is_file() and p.suffix in DATA_SUFFIXES}
    texts = {name: read_text(data_dir / name) for name in sorted(names)}
    files = {name: text for name, text in texts.items() if text is not None}
    if inputs.get("dimensions"):
        narrow_to_dimensions(files, set(inputs["dimensions"]))
    if inputs.get("snapshots") and SNAPSHOTS_FILE in files:
        files[SNAPSHOTS_FILE] = select_rows(
            files[SNAPSHOTS_FILE], "snapshot_id", set(inputs["snapshots"])
        )
    for name, keep in sorted(inputs.get("columns", {}).items()):
        if name in files:
            files[name] = blank_columns(files[name], set(keep))
    return files


def write_view(files: dict[str, str], folder: Path) -> Path:
    """Write a view's files into ``folder`` (created); return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return folder
