"""Tests for helpers.draftapply (``draft SOURCE_ID --apply``): the reviewed draft joins the ledger
when validate passes on the merged copy; otherwise nothing changes."""

import csv
import io

import pytest
from conftest import EXAMPLE_ID, rewrite_manifest, snapshot_folder

from helpers.cli import main
from helpers.corpus import compute_sha256
from helpers.draftapply import find_draft, number_facts
from helpers.ledger import EXCLUDED_FILE, FACTS_FILE, read_rows
from helpers.validate import audit_dirs


def run(capsys, *argv):
    """Run the command line in-process; return (status, stdout, stderr lines)."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, [line for line in err.splitlines() if line.strip()]


@pytest.fixture
def drafted(added, capsys):
    """Return (seeds, data) copies with the example article added and its draft written."""
    seeds, data = added
    assert run(capsys, "draft", EXAMPLE_ID, "--seeds", seeds, "--data", data)[0] == 0
    return seeds, data


def apply(capsys, seeds, data):
    """Run ``draft EXAMPLE_ID --apply`` on the copies."""
    return run(capsys, "draft", EXAMPLE_ID, "--apply", "--seeds", seeds, "--data", data)


def edit_draft(data, change):
    """Rewrite the draft: ``change(rows)`` edits the list of row dicts in place."""
    path = find_draft(data, EXAMPLE_ID)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def test_number_facts_continues_after_the_highest_id():
    used = ["doc-001", "doc-007", "other-009", "doc-x"]
    assert number_facts(used, "doc", 2) == ["doc-008", "doc-009"]
    assert number_facts([], "doc", 1) == ["doc-001"]


def test_an_unedited_draft_applies_and_passes_validate(drafted, capsys):
    seeds, data = drafted
    before = {n: (data / n).read_bytes() for n in (FACTS_FILE, EXCLUDED_FILE)}
    status, out, err = apply(capsys, seeds, data)
    assert (status, err) == (0, [])
    assert "6 fact(s) (genai_watch_2025_02-001 … genai_watch_2025_02-006)" in out
    assert "7 row(s) to excluded.csv" in out and "coverage 95 of 95" in out
    for name, old in before.items():
        assert (data / name).read_bytes().startswith(old)
    new = [row for _line, row in read_rows(data / FACTS_FILE)[1] if row["source_id"] == EXAMPLE_ID]
    assert [r["fact_id"] for r in new] == [f"{EXAMPLE_ID}-00{n}" for n in range(1, 7)]
    assert {r["status"] for r in new} == {"draft"}
    audit = audit_dirs(data, seeds)
    assert audit.problems == [] and audit.uncurated == {}
    assert audit.n_covered == audit.n_numbers == 95


def test_an_exclusion_made_a_fact_by_its_to_switch_applies(drafted, capsys):
    seeds, data = drafted
    rows = list(csv.DictReader(io.StringIO(
        find_draft(data, EXAMPLE_ID).read_text(encoding="utf-8-sig"))))  # fmt: skip
    row = next(r for r in rows if r["surface"] == "超过3.8万件")
    assert "choose metric_id" in row["to_switch"]

    def make_fact(metric_id):
        def change(rows):
            for r in rows:
                if r["surface"] == "超过3.8万件":
                    r.update(action="fact", metric_id=metric_id)

        return change

    edit_draft(data, make_fact(""))
    status, _out, err = apply(capsys, seeds, data)
    assert status == 1 and any("metric_id '' is not in metrics.csv" in line for line in err)
    with (data / "metrics.csv").open("a", encoding="utf-8") as handle:  # docs/recipes.md
        handle.write("genai_patent_applications,patents,生成式AI专利申请数量,Generative-AI patent "
                     "applications,件,patent applications,true,ratio,说明,Caveat\n")  # fmt: skip
    edit_draft(data, make_fact("genai_patent_applications"))
    status, _out, err = apply(capsys, seeds, data)
    assert status == 1 and any("no key 'unit.件'" in line for line in err), err
    with (data / "i18n.csv").open("a", encoding="utf-8") as handle:
        handle.write("unit.件,件,patent applications\n")
    status, out, err = apply(capsys, seeds, data)
    assert (status, err) == (0, []), err
    assert "7 fact(s)" in out


def test_a_draft_edited_into_a_bad_ledger_changes_nothing(drafted, capsys):
    seeds, data = drafted

    def break_it(rows):
        next(r for r in rows if r["surface"] == "15300篇")["value"] = "999"

    edit_draft(data, break_it)
    before = snapshot_folder(data)
    status, out, err = apply(capsys, seeds, data)
    assert status == 1 and out == ""
    assert any("value 999 is not among the numbers in the quote" in line
               and f"(from {EXAMPLE_ID}.csv:" in line for line in err), err  # fmt: skip
    assert err[-1].startswith("error: 2 problem(s)") and "nothing changed" in err[-1]
    assert any("'15300篇' at offset 137 is neither used" in line for line in err)
    assert snapshot_folder(data) == before


def test_a_deleted_row_leaves_a_number_uncovered_and_is_refused(drafted, capsys):
    seeds, data = drafted
    edit_draft(data, lambda rows: rows.remove(next(r for r in rows if r["surface"] == "约260个")))
    before = snapshot_folder(data)
    status, _out, err = apply(capsys, seeds, data)
    assert status == 1 and any("'约260个' at offset 199 is neither used" in line for line in err)
    assert snapshot_folder(data) == before


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda rows: rows[2].update(action="maybe"), "action 'maybe' is unknown"),
        (lambda rows: rows[2].update(start="78"), "is not at offset 78"),
        (lambda rows: rows[2].update(source_id="other"), "source_id 'other' is not"),
        (lambda rows: rows[2].update(sha256="0" * 64), "another version"),
    ],
)
def test_a_stale_or_malformed_draft_is_one_line(drafted, capsys, change, needle):
    seeds, data = drafted
    edit_draft(data, change)
    before = snapshot_folder(data)
    status, out, err = apply(capsys, seeds, data)
    assert status == 1 and out == "" and len(err) == 1 and needle in err[0], err
    assert f"{EXAMPLE_ID}.csv:4:" in err[0]
    assert snapshot_folder(data) == before


def test_a_changed_document_makes_the_draft_stale(drafted, capsys):
    seeds, data = drafted
    path = seeds / f"{EXAMPLE_ID}.txt"
    old = compute_sha256(path.read_bytes())
    path.write_bytes(path.read_bytes().replace("302款".encode(), "303款".encode()))
    rewrite_manifest(seeds, old, compute_sha256(path.read_bytes()))
    before = snapshot_folder(data)
    status, _out, err = apply(capsys, seeds, data)
    assert status == 1 and len(err) == 1 and "another version" in err[0] and "--force" in err[0]
    assert snapshot_folder(data) == before


def test_apply_without_a_draft_or_twice_is_refused(added, drafted, capsys):
    seeds, data = drafted
    draft = find_draft(data, EXAMPLE_ID)
    kept = draft.read_bytes()
    draft.unlink()
    status, _out, err = apply(capsys, seeds, data)
    assert status == 1 and len(err) == 1 and "no draft; write it with" in err[0]
    draft.write_bytes(kept)
    assert apply(capsys, seeds, data)[0] == 0
    before = snapshot_folder(data)
    status, _out, err = apply(capsys, seeds, data)
    assert status == 1 and len(err) == 1 and "already curated (6 facts, 7 exclusions)" in err[0]
    assert snapshot_folder(data) == before


def test_a_failing_second_write_puts_the_first_back(drafted, monkeypatch):
    from helpers import draftapply

    seeds, data = drafted
    before = snapshot_folder(data)
    real = draftapply.replace_file

    def fail_on_excluded(path, payload):
        if path.name == EXCLUDED_FILE and EXAMPLE_ID.encode() in payload:
            raise OSError(28, "No space left on device", str(path))
        real(path, payload)

    monkeypatch.setattr(draftapply, "replace_file", fail_on_excluded)
    with pytest.raises(OSError):
        draftapply.apply_draft(EXAMPLE_ID, seeds, data)
    assert snapshot_folder(data) == before


def test_a_copied_row_gives_two_facts_from_one_number(drafted, capsys):
    seeds, data = drafted

    def copy_row(rows):
        row = next(r for r in rows if r["surface"] == "105款")
        rows.insert(rows.index(row) + 1, {**row, "entity": "上海"})

    edit_draft(data, copy_row)
    status, out, err = apply(capsys, seeds, data)
    assert (status, err) == (0, []) and "7 fact(s)" in out
    new = [row for _line, row in read_rows(data / FACTS_FILE)[1] if row["value"] == "105"]
    assert [(r["fact_id"], r["entity"]) for r in new] == [
        (f"{EXAMPLE_ID}-002", "北京"), (f"{EXAMPLE_ID}-003", "上海")]  # fmt: skip
