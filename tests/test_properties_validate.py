"""Property tests: the ledger checker on mutated CSVs raises only UserError; problems are lines."""

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpers import paths
from helpers.audit import audit_ledger, check_ledger
from helpers.corpus import load_sources
from helpers.errors import UserError
from helpers.ledger import (
    EXCLUDED_COLUMNS,
    EXCLUDED_FILE,
    FACT_COLUMNS,
    FACTS_FILE,
    METRIC_COLUMNS,
    METRICS_FILE,
    load_mentions,
)

SOURCES = load_sources(paths.SEEDS_DIR)
MENTIONS = load_mentions(SOURCES, paths.DATA_DIR)
FILES = {METRICS_FILE: METRIC_COLUMNS, FACTS_FILE: FACT_COLUMNS, EXCLUDED_FILE: EXCLUDED_COLUMNS}
TABLES = {
    name: list(csv.reader(io.StringIO((paths.DATA_DIR / name).read_text(encoding="utf-8"))))
    for name in FILES
}
PROBLEM = re.compile(r"[^:\n]+:\d+: [^\n]+")
IDS = sorted(MENTIONS)
OFFSETS = sorted({str(m.start) for ms in MENTIONS.values() for m in ms})

values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "-1", "0", "1.5", "2024", "2024-02-30", "2023H3", "2025/2023", "CN"]),
    st.sampled_from(IDS + OFFSETS + ["近", "约", "true", "models", "中国", "12450篇"]),
    st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,5})?", fullmatch=True),
)


@st.composite
def mutations(draw) -> list[tuple]:
    """Return a list of edits to apply to the three ledger tables."""
    kinds = ["set", "set", "set", "drop_col", "add_col", "add_row", "del_row", "dup_row", "raw"]
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(kinds),
                st.sampled_from(sorted(FILES)),
                st.integers(0, 200),
                st.integers(0, 20),
                values,
                st.lists(values, max_size=14),
            ),
            min_size=1,
            max_size=6,
        )
    )


def apply_edits(edits: list[tuple]) -> dict[str, str]:
    """Return each ledger file's text after applying ``edits`` to copies of the real tables."""
    tables = {name: [list(row) for row in rows] for name, rows in TABLES.items()}
    raw: dict[str, str] = {}
    for kind, name, i, j, value, row in edits:
        rows = tables[name]
        r = i % len(rows) if rows else 0
        if kind == "set" and rows and rows[r]:
            rows[r][j % len(rows[r])] = value
        elif kind == "drop_col" and rows and rows[0]:
            col = j % len(rows[0])
            tables[name] = [x[:col] + x[col + 1 :] for x in rows]
        elif kind == "add_col":
            tables[name] = [x + [value] for x in rows]
        elif kind == "add_row":
            rows.insert(r + 1, row)
        elif kind == "del_row" and rows:
            del rows[r]
        elif kind == "dup_row" and rows:
            rows.insert(r, list(rows[r]))
        elif kind == "raw":
            raw[name] = value
    texts = {}
    for name, rows in tables.items():
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        texts[name] = raw.get(name, out.getvalue())
    return texts


def write_ledger(folder: Path, texts: dict[str, str]) -> None:
    """Write the ledger tables into ``folder`` beside copies of the project's word catalog and
    lexicon (English names)."""
    for name in ("i18n.csv", "lexicon.csv"):
        shutil.copyfile(paths.DATA_DIR / name, folder / name)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


@given(mutations())
def test_ledger_checker_raises_only_user_error_and_problems_are_one_line(edits):
    with tempfile.TemporaryDirectory() as tmp:
        write_ledger(Path(tmp), apply_edits(edits))
        try:
            audit = audit_ledger(Path(tmp), SOURCES, MENTIONS)
        except UserError:
            return
        for problem in audit.problems:
            assert PROBLEM.fullmatch(str(problem)), str(problem)


def test_untouched_copy_has_no_problems():
    """The unmutated tables written back are clean (the property starts from a valid ledger)."""
    with tempfile.TemporaryDirectory() as tmp:
        write_ledger(Path(tmp), apply_edits([]))
        assert check_ledger(Path(tmp), SOURCES, MENTIONS) == []


def test_huge_offset_in_excluded_is_a_problem_not_a_crash():
    """A 5000-digit start in excluded.csv must give a Problem (int() refuses > 4300 digits)."""
    edits = [("add_row", EXCLUDED_FILE, 0, 0, "", [IDS[0], "7" * 5000, "x", "typo"])]
    with tempfile.TemporaryDirectory() as tmp:
        write_ledger(Path(tmp), apply_edits(edits))
        problems = [str(p) for p in check_ledger(Path(tmp), SOURCES, MENTIONS)]
    assert len(problems) == 1 and problems[0].startswith("excluded.csv:2: "), problems
