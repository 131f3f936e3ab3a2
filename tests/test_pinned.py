"""Tests for tests/pinned.py: the pinned corpus holds the pinned seeds and only their rows."""

import subprocess

from conftest import LIVE_ROOT, append_source
from pinned import PINNED_PREFIX, build_pinned_workspace, read_pins, remove_stale_pinned

from helpers.ledger import load_excluded, load_facts


def test_a_curators_new_document_and_rows_stay_out_of_the_pinned_copy(
    tmp_path, seeds_copy, data_copy
):
    (seeds_copy / "new.txt").write_text("新文章，共有12款模型。", encoding="utf-8")
    append_source(seeds_copy, source_id="new_doc", file="new.txt")
    with (data_copy / "facts.csv").open("a", encoding="utf-8") as handle:
        handle.write("new_doc-001,superclue_score,GPT-4o,US,1,,分,,2025,text,new_doc,q,q,,draft\n")
    (tmp_path / "live").mkdir()
    (seeds_copy).rename(tmp_path / "live" / "seeds")
    (data_copy).rename(tmp_path / "live" / "data")
    seeds, data = build_pinned_workspace(tmp_path / "live", tmp_path / "pinned")
    assert sorted(p.name for p in seeds.glob("*.txt")) == sorted(f for f, _ in read_pins().values())
    assert "new_doc" not in set(load_facts(data)["source_id"])
    assert set(load_excluded(data)["source_id"]) <= set(read_pins())
    live = load_facts(LIVE_ROOT / "data")
    assert len(load_facts(data)) == int(live["source_id"].isin(read_pins()).sum())


def test_a_changed_pinned_seed_stops_the_copy_with_its_fix(tmp_path, seeds_copy, data_copy):
    name = next(iter(read_pins().values()))[0]
    (seeds_copy / name).write_bytes((seeds_copy / name).read_bytes() + b"x")
    try:
        build_pinned_workspace(seeds_copy.parent, tmp_path / "pinned")
    except RuntimeError as exc:
        assert name in str(exc) and "changed; restore it" in str(exc)
    else:
        raise AssertionError("a changed pinned seed was copied")


def test_only_copies_of_killed_test_runs_are_removed(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f"{PINNED_PREFIX}{dead.pid}-abc"
    alive = tmp_path / f"{PINNED_PREFIX}1-abc"
    other = tmp_path / "cuar-something-else"
    for folder in (stale, alive, other):
        folder.mkdir()
    remove_stale_pinned(tmp_path)
    assert not stale.exists() and alive.exists() and other.exists()
