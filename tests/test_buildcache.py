"""Tests for helpers.buildcache: keys change exactly when a chapter's declared inputs change."""

import json
import shutil
from pathlib import Path

import pytest

from helpers import paths
from helpers.buildcache import (
    compute_job_key,
    compute_site_keys,
    fetch,
    fetch_tree,
    hash_data_inputs,
    hash_tree,
    store,
    store_tree,
)

METRICS = "metric_id,dimension\npapers,research\npatents_x,patents\n"
FACTS = "fact_id,metric_id,value\nf1,papers,12450\nf2,patents_x,4\n"


@pytest.fixture
def data_dir(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "metrics.csv").write_text(METRICS, encoding="utf-8")
    (data / "facts.csv").write_text(FACTS, encoding="utf-8")
    (data / "i18n.csv").write_text("key,zh,en\n", encoding="utf-8")
    return data


def declare(dimensions):
    return {"data": ["metrics.csv", "facts.csv"], "dimensions": dimensions}


def test_row_change_touches_only_its_dimension(data_dir):
    research, patents = declare(["research"]), declare(["patents"])
    before = hash_data_inputs(data_dir, research), hash_data_inputs(data_dir, patents)
    (data_dir / "facts.csv").write_text(FACTS.replace("f2,patents_x,4", "f2,patents_x,5"), "utf-8")
    after = hash_data_inputs(data_dir, research), hash_data_inputs(data_dir, patents)
    assert before[0] == after[0]
    assert before[1] != after[1]


def test_undeclared_file_does_not_count_but_declared_does(data_dir):
    inputs = {"data": ["i18n.csv"]}
    before = hash_data_inputs(data_dir, inputs)
    (data_dir / "facts.csv").write_text(FACTS + "f3,papers,1\n", encoding="utf-8")
    assert hash_data_inputs(data_dir, inputs) == before
    (data_dir / "i18n.csv").write_text("key,zh,en\na,甲,A\n", encoding="utf-8")
    assert hash_data_inputs(data_dir, inputs) != before


def test_job_key_depends_on_parameters_notebook_seeds_and_data(tmp_path, data_dir):
    notebook = tmp_path / "01_x.ipynb"
    notebook.write_text(json.dumps({"cells": [], "metadata": {}}), encoding="utf-8")
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    key = compute_job_key(notebook, {"lang": "zh"}, seeds, data_dir)
    assert key == compute_job_key(notebook, {"lang": "zh"}, seeds, data_dir)
    assert key != compute_job_key(notebook, {"lang": "en"}, seeds, data_dir)
    (seeds / "sources.csv").write_text("changed", encoding="utf-8")
    changed_seeds = compute_job_key(notebook, {"lang": "zh"}, seeds, data_dir)
    assert changed_seeds != key
    (data_dir / "facts.csv").write_text("x", encoding="utf-8")  # no declaration: all of data/
    assert compute_job_key(notebook, {"lang": "zh"}, seeds, data_dir) != changed_seeds
    notebook.write_text(json.dumps({"cells": [1], "metadata": {}}), encoding="utf-8")
    assert compute_job_key(notebook, {"lang": "zh"}, seeds, data_dir) != changed_seeds


def test_hash_tree_sees_names_and_bytes(tmp_path):
    (tmp_path / "a.txt").write_text("1")
    first = hash_tree(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert hash_tree(tmp_path) != first


def test_store_and_fetch_round_trip(tmp_path):
    src = tmp_path / "page.html"
    src.write_text("<p>x</p>")
    cache = tmp_path / "cache"
    target = tmp_path / "out" / "page.html"
    assert not fetch(cache, "k", {"page.html": target})
    store(cache, "k", {"page.html": src})
    assert fetch(cache, "k", {"page.html": target})
    assert target.read_text() == "<p>x</p>"
    assert not list(cache.glob(".*.tmp"))


def test_store_tree_and_fetch_tree_keep_subfolders(tmp_path):
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "index.html").write_text("i")
    (site / "data" / "facts.csv").write_text("f")
    cache, again = tmp_path / "cache", tmp_path / "again"
    assert not fetch_tree(cache, "k", again)
    store_tree(cache, "k", site)
    assert fetch_tree(cache, "k", again)
    files = {
        p.relative_to(again).as_posix(): p.read_text() for p in again.rglob("*") if p.is_file()
    }
    assert files == {"index.html": "i", "data/facts.csv": "f"}


def test_site_keys_change_with_everything_the_site_pages_show(tmp_path, data_dir):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "sources.csv").write_text("source_id\n", encoding="utf-8")
    chapters = [Path("01_sources.ipynb")]

    def keys(**changes):
        given = {"as_of": "2024-09", "chapters": chapters} | changes
        return compute_site_keys(("zh", "en"), given["as_of"], seeds, data_dir, given["chapters"])

    first = keys()
    assert first == keys() and first["zh"] != first["en"]
    changed = [keys(as_of="2024-10"), keys(chapters=[])]
    (data_dir / "i18n.csv").write_text("key,zh,en\nx,甲,a\n", encoding="utf-8")
    changed.append(keys())
    (seeds / "sources.csv").write_text("source_id\nnew\n", encoding="utf-8")
    changed.append(keys())
    assert all(k["zh"] != first["zh"] and k["en"] != first["en"] for k in changed)
    assert len({k["zh"] for k in changed}) == len(changed)
