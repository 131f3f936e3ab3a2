"""Tests for helpers.data_page: what a reader downloads is every table (BOM, formulas
neutralised, English names beside the Chinese) and a data package that validates as published."""

import csv
import hashlib
import json

import pytest
from frictionless import validate

from helpers import paths, schema
from helpers.csvout import BOM, neutralise
from helpers.data_page import describe_package, publish_downloads, render_data
from helpers.entities import load_lexicon
from helpers.i18n import CATALOG_NAME, Catalog
from helpers.textio import read_csv_rows

DATA = paths.DATA_DIR


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Return the published data folder and its files, built once into a tmp folder."""
    target = tmp_path_factory.mktemp("published") / "data"
    return target, publish_downloads(target, paths.SEEDS_DIR, DATA)


def read_published(path):
    """Return (header, rows) of a published CSV, its byte-order mark removed."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def error_messages(report) -> list[str]:
    found = [e.message for e in report.errors]
    for task in report.tasks:
        found += [e.message for e in task.errors]
    return found


def test_describe_package_has_no_path_outside_the_folder():
    package = describe_package()
    text = json.dumps(package, ensure_ascii=False)
    assert "../" not in text
    assert all("/" not in r["path"] for r in package["resources"])
    assert "../" in json.dumps(schema.load_package(), ensure_ascii=False)  # the source has one


def test_describe_package_describes_the_word_catalog_and_entity_en():
    package = describe_package()
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["i18n"]["path"] == CATALOG_NAME
    assert [f["name"] for f in by_name["i18n"]["schema"]["fields"]] == ["key", "zh", "en"]
    facts = [f["name"] for f in by_name["facts"]["schema"]["fields"]]
    assert facts[facts.index("entity") + 1] == "entity_en"
    assert describe_package() == package  # no state carried between calls


def test_every_described_table_is_published_with_its_package(published):
    target, files = published
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in files)
    assert names == sorted([r["path"] for r in package["resources"]] + ["datapackage.json"])
    assert {"facts.csv", "sources.csv", CATALOG_NAME, "lexicon.csv"} <= set(names)
    assert sorted(p.name for p in target.iterdir()) == names


def test_published_package_validates_as_published_without_trust(published):
    target, _files = published
    report = validate(str(target / "datapackage.json"))
    assert report.valid, error_messages(report)
    assert {t.name for t in report.tasks} >= {"facts", "sources", "i18n", "lexicon"}


def test_published_csvs_start_with_a_bom_and_keep_every_row(published):
    target, files = published
    for path in files:
        if path.suffix != ".csv":
            continue
        raw = path.read_bytes()
        assert raw.startswith(BOM.encode("utf-8")), path.name
        source = (paths.SEEDS_DIR if path.name == "sources.csv" else DATA) / path.name
        header, rows = read_csv_rows(source)
        got_header, got_rows = read_published(path)
        expected = [[neutralise(row[h]) for h in header] for _line, row in rows]
        if path.name == "facts.csv":
            at = header.index("entity") + 1
            assert got_header == [*header[:at], "entity_en", *header[at:]]
            got_rows = [row[:at] + row[at + 1 :] for row in got_rows]
        else:
            assert got_header == header, path.name
        assert got_rows == expected, path.name


def test_published_facts_carry_the_lexicons_english_names(published):
    target, _files = published
    header, rows = read_published(target / "facts.csv")
    lexicon = load_lexicon(DATA / "lexicon.csv")
    entity, english = header.index("entity"), header.index("entity_en")
    pairs = {(row[entity], row[english]) for row in rows}
    assert ("中国", "China") in pairs and ("文心一言4", "ERNIE Bot 4") in pairs
    for name, name_en in pairs:
        assert name_en == lexicon.find(name).name_en, name
    assert all(name_en for _name, name_en in pairs)


def test_published_integers_stay_integers(published):
    target, _files = published
    header, rows = read_published(target / "facts.csv")
    values = [row[header.index("value")] for row in rows]
    assert "200" in values or "12450" in values
    assert not any(v.endswith(".0") for v in values)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_data_lists_every_download(published, lang):
    _target, files = published
    page = render_data(Catalog(lang, DATA), files)
    for path in files:
        assert f'<a href="data/{path.name}" download>{path.name}</a>' in page
        assert f"<td>{hashlib.sha256(path.read_bytes()).hexdigest()}</td>" in page
        assert f"<td>{path.stat().st_size:,}</td>" in page
    # each link twice: in the table shown without script, and in the interactive table's data
    assert page.count("download>") == 2 * len(files)
    assert 'data-table="data-files"' in page


def test_publishing_twice_is_byte_identical(published, tmp_path):
    target, files = published
    again = publish_downloads(tmp_path / "data", paths.SEEDS_DIR, DATA)
    assert [p.name for p in again] == [p.name for p in files]
    for first, second in zip(files, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name
