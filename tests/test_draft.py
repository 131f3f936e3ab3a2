"""Tests for helpers.draft: proposed rows for a new document, and exclusions for unused numbers."""

import csv
import io

from conftest import EXAMPLE_ID, snapshot_folder

from helpers import draft as draft_module
from helpers import paths
from helpers.cli import main
from helpers.corpus import load_sources
from helpers.draft import build_draft, draft_excluded, format_draft
from helpers.draftapply import DRAFT_COLUMNS, find_draft, restore_cell
from helpers.errors import Problem
from helpers.ledger import FACTS_FILE, load_excluded, load_mentions, read_rows


def test_draft_excluded_of_real_data_is_what_is_listed():
    real_sources = load_sources(paths.SEEDS_DIR)
    draft = draft_excluded(paths.DATA_DIR, real_sources)
    listed = load_excluded(paths.DATA_DIR)
    assert list(zip(draft["source_id"], draft["start"], draft["surface"], strict=True)) == list(
        zip(listed["source_id"], listed["start"], listed["surface"], strict=True)
    )
    assert (listed["reason"].str.len() > 0).all()


def run(capsys, *argv):
    """Run the command line in-process; return (status, stdout, stderr lines)."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, [line for line in err.splitlines() if line.strip()]


def read_draft_rows(path):
    """Return the draft file's rows as dicts."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_draft_proposes_one_row_per_number(added, capsys):
    seeds, data = added
    status, out, err = run(capsys, "draft", EXAMPLE_ID, "--seeds", str(seeds), "--data", str(data))
    assert (status, err) == (0, [])
    path = find_draft(data, EXAMPLE_ID)
    assert path.read_bytes().startswith("\ufeff".encode())
    rows = read_draft_rows(path)
    assert list(rows[0]) == list(DRAFT_COLUMNS)
    source = load_sources(seeds)[-1]
    mentions = load_mentions([source], data)[EXAMPLE_ID]
    expected = [(str(m.start), m.surface) for m in mentions]
    assert [(r["start"], r["surface"]) for r in rows] == expected
    facts = {r["surface"]: r for r in rows if r["action"] == "fact"}
    assert {k: (v["metric_id"], v["entity"], v["country"], v["period"], v["period_source"])
            for k, v in facts.items()} == {
        "302款": ("registered_genai_services", "中国", "CN", "2025-01", "text"),
        "105款": ("registered_genai_services_by_region", "北京", "CN", "2025-02", "published"),
        "67款": ("registered_genai_services_by_region", "上海", "CN", "2025-02", "published"),
        "15300篇": ("genai_papers", "中国", "CN", "2024", "text"),
        "约260个": ("large_models_count", "中国", "CN", "2024", "text"),
        "13900篇": ("genai_papers", "美国", "US", "2024", "text"),
    }  # fmt: skip
    assert facts["302款"]["quote"] == "截至2025年1月，我国已有302款生成式人工智能服务通过备案"
    assert all(f["status"] == "draft" and f["quote_en"] == "" for f in facts.values())
    reasons = {r["surface"]: r["reason"] for r in rows if r["action"] == "exclude"}
    assert reasons["2025年1月"].startswith("date") and "offset 77" in reasons["2025年1月"]
    # the parser reads no number in a discourse marker (第一，) or the page footer (第12版)
    assert "第一" not in reasons and "第12" not in reasons and len(rows) == 13
    assert reasons["超过3.8万件"].startswith("no matching metric")
    assert all(r["to_switch"].startswith("to make it a fact") for r in rows if r["reason"])
    assert all(0 <= float(r["confidence"]) <= 1 and r["basis"] for r in rows)
    assert "6 proposed as facts, 7 as exclusions" in out
    assert f"then: python -m helpers draft {EXAMPLE_ID} --apply" in out


def test_draft_is_deterministic_and_kept_unless_forced(added, capsys):
    seeds, data = added
    args = ("draft", EXAMPLE_ID, "--seeds", str(seeds), "--data", str(data))
    assert run(capsys, *args)[0] == 0
    path = find_draft(data, EXAMPLE_ID)
    first = path.read_bytes()
    path.write_bytes(first.replace(b"registered_genai_services_by_region", b"edited", 1))
    edited = path.read_bytes()
    status, out, err = run(capsys, *args)
    assert status == 1 and out == "" and len(err) == 1
    assert "a draft exists" in err[0] and "--force" in err[0]
    assert path.read_bytes() == edited
    assert run(capsys, *args, "--force")[0] == 0
    assert path.read_bytes() == first


def test_draft_bad_input_is_one_line_and_writes_nothing(added, capsys):
    seeds, data = added
    before = snapshot_folder(seeds), snapshot_folder(data)
    for source_id, needle in (("no_such_doc", "no source_id 'no_such_doc'"),
                              ("itif_review", "itif_review is already curated")):  # fmt: skip
        status, out, err = run(capsys, "draft", source_id, "--seeds", str(seeds), "--data", data)
        assert status == 1 and out == "" and len(err) == 1 and needle in err[0], err
        assert (snapshot_folder(seeds), snapshot_folder(data)) == before


def test_a_fact_validate_refuses_becomes_an_exclusion(added, monkeypatch):
    seeds, data = added
    real = draft_module.audit_ledger
    calls = []

    def strict(data_dir, sources, mentions=None, chapters=()):
        """The real audit, plus one rule the proposals do not know: no fact from offset 77."""
        audit = real(data_dir, sources, mentions, chapters)
        for line, row in read_rows(data_dir / FACTS_FILE)[1]:
            if row["source_id"] == EXAMPLE_ID and "302款" in row["quote"]:
                audit.problems.append(Problem(FACTS_FILE, line, "a rule only this test has"))
        calls.append(len(audit.problems))
        return audit

    monkeypatch.setattr(draft_module, "audit_ledger", strict)
    _source, rows = build_draft(EXAMPLE_ID, seeds, data)
    row = next(r for r in rows if r["surface"] == "302款")
    assert row["action"] == "exclude" and row["reason"] == "validate: a rule only this test has"
    assert calls == [0, 1, 0]  # before, with the proposal, after turning it into an exclusion
    assert sum(r["action"] == "fact" for r in rows) == 5


def test_cells_a_spreadsheet_would_run_are_neutralised_and_restored():
    row = dict.fromkeys(DRAFT_COLUMNS, "")
    row.update(quote="=1+1 是公式", surface="-5%", sentence="@x", value="-9.7")
    text = format_draft([row]).decode("utf-8-sig")
    parsed = next(csv.DictReader(io.StringIO(text)))
    assert parsed["quote"] == "'=1+1 是公式" and parsed["value"] == "-9.7"
    assert {k: restore_cell(v) for k, v in parsed.items()} == row


def test_a_change_is_proposed_as_an_exclusion_not_a_level(seeds_copy, data_copy):
    """增加约180个 after a stock of services is how much it grew, not how many there are."""
    import hashlib

    from conftest import append_source, fill_english_names

    fill_english_names(data_copy)
    text = (
        "生成式人工智能服务备案观察\n\n"
        "截至2025年3月，我国已有346款生成式人工智能服务通过备案，较一年前增加约180款。"
        "其中北京备案服务减少了3款。\n"
    )
    (seeds_copy / "change_watch.txt").write_text(text, encoding="utf-8")
    append_source(
        seeds_copy, source_id="change_watch", file="change_watch.txt",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), title="备案观察",
        title_en="Filings watch", publisher="test", published="2025-03", language="zh-Hans",
        notes="a test article",
    )  # fmt: skip
    _source, rows = build_draft("change_watch", seeds_copy, data_copy)
    by_surface = {r["surface"]: r for r in rows}
    assert by_surface["346款"]["action"] == "fact"
    assert by_surface["346款"]["metric_id"] == "registered_genai_services"
    for surface, verb in (("约180款", "增加"), ("3款", "减少了")):
        row = by_surface[surface]
        assert row["action"] == "exclude", row
        assert row["reason"].startswith(f"a change ({verb} {surface}), not a level"), row
        assert "metric that counts the change itself" in row["to_switch"]
