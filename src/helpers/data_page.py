"""The data page and what it publishes: every table as CSV for spreadsheets (byte-order mark,
formula cells neutralised, English names beside the Chinese) and a data package that validates
as published (no paths outside the folder, every published CSV described)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd

from helpers import paths, schema
from helpers.corpus import compute_sha256
from helpers.csvout import publish_rows
from helpers.entities import load_lexicon
from helpers.html import escape, render_page, render_paragraph
from helpers.i18n import CATALOG_NAME, Catalog
from helpers.interactive import render_interactive_table
from helpers.textio import read_csv_rows
from helpers.workspace import check_data_dir

I18N_RESOURCE = {
    "name": "i18n",
    "path": CATALOG_NAME,
    "title": "Every word of the report's pages in Chinese and English",
    "schema": {
        "fields": [
            {"name": "key", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "zh", "type": "string"},
            {"name": "en", "type": "string"},
        ],
        "primaryKey": ["key"],
    },
}
ENTITY_EN = {
    "name": "entity_en",
    "type": "string",
    "description": "The entity's English name, from the lexicon (added on publication)",
}


def describe_package() -> dict:
    """Return the published package: the project's descriptor with every path inside the
    folder, the word catalog described, and the columns publication adds."""
    package = copy.deepcopy(schema.load_package())
    # the prose names ../seeds too: outside the published folder, so name the project's folder
    package["description"] = (
        package.get("description", "")
        .replace("../seeds/", "")
        .replace("../seeds", "the project's seeds/ folder")
    )
    for resource in package["resources"]:
        resource["path"] = Path(resource["path"]).name
        if resource["name"] == "facts":
            fields = resource["schema"]["fields"]
            at = [f["name"] for f in fields].index("entity") + 1
            fields.insert(at, dict(ENTITY_EN))
    package["resources"].append(copy.deepcopy(I18N_RESOURCE))
    return package


def add_english_names(header: list[str], rows: list[list[str]], data_dir: Path):
    """Return facts rows with ``entity_en`` (the lexicon's English name) after ``entity``."""
    lexicon = load_lexicon(Path(data_dir) / "lexicon.csv")
    at = header.index("entity") + 1

    def english(name: str) -> str:
        row = lexicon.find(name)
        return row.name_en if row is not None else ""

    return (
        header[:at] + ["entity_en"] + header[at:],
        [row[:at] + [english(row[at - 1])] + row[at:] for row in rows],
    )


def publish_downloads(target: Path, seeds_dir: Path, data_dir: Path) -> list[Path]:
    """Publish every table the package describes into ``target`` and the package itself."""
    target.mkdir(parents=True, exist_ok=True)
    available = {p.name: p for p in check_data_dir(data_dir)}
    available[paths.MANIFEST_NAME] = Path(seeds_dir) / paths.MANIFEST_NAME
    package = describe_package()
    published = []
    for resource in package["resources"]:
        source = available.get(resource["path"])
        if source is None:
            continue
        header, rows = read_csv_rows(source)
        values = [[row[h] for h in header] for _line, row in rows]
        if resource["name"] == "facts":
            header, values = add_english_names(header, values, data_dir)
        published.append(publish_rows(header, values, target / resource["path"]))
    package["resources"] = [r for r in package["resources"] if (target / r["path"]).is_file()]
    descriptor = target / "datapackage.json"
    descriptor.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return [*published, descriptor]


def render_data(catalog: Catalog, files: list[Path]) -> str:
    """Return the downloads page: a searchable table of each file with its size and checksum."""
    table = pd.DataFrame(
        {
            catalog.text("col.file"): [
                f'<a href="data/{escape(p.name)}" download>{escape(p.name)}</a>' for p in files
            ],
            catalog.text("col.size"): [p.stat().st_size for p in files],
            catalog.text("col.sha256"): [compute_sha256(p.read_bytes()) for p in files],
        }
    )
    listing = render_interactive_table(
        table, "data-files", catalog, html_columns=(catalog.text("col.file"),)
    )
    body = f"{render_paragraph(catalog.text('data.intro'))}\n{listing}"
    return render_page(catalog, "data.html", catalog.text("report.data"), body)
