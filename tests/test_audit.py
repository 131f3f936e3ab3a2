"""Tests for helpers.audit: every check of the ledger, on the real data and on stand-ins."""

from pathlib import Path

import pytest
from ledger_fixtures import METRIC, TEXT, StandIn, fact, make_ledger, write_csv

from helpers import paths
from helpers.audit import audit_ledger, check_ledger
from helpers.corpus import load_sources
from helpers.errors import Problem
from helpers.ledger import FACT_COLUMNS, load_facts

SOURCES = [StandIn("doc", "doc.txt", TEXT)]


def messages(problems) -> str:
    """Return all problems as text, one per line."""
    return "\n".join(str(p) for p in problems)


def test_problem_formats_as_file_line_message():
    assert str(Problem("facts.csv", 7, "bad value")) == "facts.csv:7: bad value"


def test_stand_in_ledger_is_clean(tmp_path):
    audit = audit_ledger(make_ledger(tmp_path), SOURCES)
    assert audit.problems == []
    assert (audit.n_facts, audit.n_metrics, audit.n_sources) == (5, 1, 1)
    assert audit.n_numbers == audit.n_covered > 0


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"quote": "目前已有118款服务"}, "quote not found verbatim"),
        ({"value": "118"}, "value 118 is not among the numbers in the quote"),
        ({"metric_id": "nope"}, "metric_id 'nope' is not in metrics.csv"),
        ({"source_id": "other"}, "source_id 'other' is not in sources.csv"),
        ({"value": "1,17"}, "is not a plain decimal number"),
        ({"value": "1.2e2"}, "is not a plain decimal number"),
        ({"high": "100"}, "high 100 is below value 117"),
        ({"period": "2024-13"}, "not a real date"),
        ({"period": "March 2024"}, "period 'March 2024' is malformed"),
        ({"period": "2024/2013"}, "ends before it starts"),
        ({"country": "China"}, "ISO 3166 alpha-2"),
        ({"unit": ""}, "field 'unit' is empty"),
        ({"approx": "maybe"}, "is not a hedge word"),
        ({"fact_id": "Doc 1"}, "fact_id 'Doc 1' must be lowercase"),
    ],
)
def test_fact_problem_names_line(tmp_path, fields, needle):
    rows = [fact(**fields), fact(fact_id="doc-002", value="51", quote="其中北京51款")]
    problems = check_ledger(make_ledger(tmp_path, facts=rows), SOURCES)
    found = [p for p in problems if needle in p.message]
    assert found, messages(problems)
    assert found[0].file == "facts.csv" and found[0].line == 2


def test_duplicate_fact_id_points_at_second_line(tmp_path):
    rows = [fact(), fact(value="51", quote="其中北京51款")]
    problems = check_ledger(make_ledger(tmp_path, facts=rows), SOURCES)
    dupes = [p for p in problems if "duplicate fact_id" in p.message]
    assert [(p.line, "first on line 2" in p.message) for p in dupes] == [(3, True)]


def test_metric_checks(tmp_path):
    bad = dict(METRIC, metric_id="Bad-Id", dimension="vibes", higher_is_better="yes", caveat_en="")
    problems = check_ledger(make_ledger(tmp_path, metrics=[METRIC, bad, METRIC]), SOURCES)
    text = messages(problems)
    for needle in (
        "metrics.csv:3: metric_id 'Bad-Id'",
        "metrics.csv:3: dimension 'vibes'",
        "metrics.csv:3: higher_is_better 'yes'",
        "metrics.csv:3: field 'caveat_en'",
        "metrics.csv:4: duplicate metric_id 'registered'",
    ):
        assert needle in text


def test_uncovered_number_is_reported_with_the_fix(tmp_path):
    rows = [fact(), fact(fact_id="doc-002", value="51", quote="其中北京51款")]
    problems = check_ledger(make_ledger(tmp_path, facts=rows), SOURCES)
    uncovered = [p for p in problems if "neither used by a fact" in p.message]
    start = TEXT.index("24款")
    assert any(
        p.file == "doc.txt" and f"doc,{start},24款,<reason>" in p.message for p in uncovered
    ), messages(problems)


def test_stale_excluded_row_is_reported(tmp_path):
    rows = [
        {"source_id": "doc", "start": "3", "surface": "8月", "reason": "date"},
        {"source_id": "doc", "start": "x", "surface": "8月", "reason": "date"},
        {"source_id": "zzz", "start": "1", "surface": "8月", "reason": "date"},
    ]
    problems = check_ledger(make_ledger(tmp_path, excluded=rows), SOURCES)
    text = messages(problems)
    assert "excluded.csv:2: no number '8月' at offset 3" in text
    assert "excluded.csv:3: start 'x'" in text
    assert "excluded.csv:4: source_id 'zzz'" in text


def test_missing_file_and_column_are_problems_not_crashes(tmp_path):
    make_ledger(tmp_path)
    (tmp_path / "excluded.csv").unlink()
    assert "file not found" in messages(check_ledger(tmp_path, SOURCES))
    make_ledger(tmp_path)
    (tmp_path / "metrics.csv").write_text("metric_id,dimension\nx,models\n", encoding="utf-8")
    problems = check_ledger(tmp_path, SOURCES)
    assert [str(p) for p in problems][0].startswith("metrics.csv:1: missing column 'name_zh'")


def test_decline_is_stored_negative_and_accepted():
    text = "今年6月,ChatGPT访问量环比下滑9.7%,为其推出以来首次下滑。"
    sources = [StandIn("doc", "doc.txt", text)]
    metric = dict(METRIC, metric_id="traffic", unit="%")
    row = fact(
        metric_id="traffic",
        value="-9.7",
        unit="%",
        period="2023-06",
        quote="今年6月,ChatGPT访问量环比下滑9.7%",
    )
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = make_ledger(Path(tmp), facts=[row], excluded=[], metrics=[metric])
        assert check_ledger(data, sources) == []
        write_csv(data / "facts.csv", FACT_COLUMNS, [dict(row, quote="ChatGPT访问量环比9.7%")])
        assert "is not among" in messages(
            check_ledger(data, [StandIn("doc", "doc.txt", "ChatGPT访问量环比9.7%")])
        )


# ---------------------------------------------------------------- the real ledger
@pytest.fixture(scope="module")
def real_sources():
    """Return the real seeds."""
    return load_sources(paths.SEEDS_DIR)


def test_real_ledger_is_clean_and_fully_covered(real_sources):
    audit = audit_ledger(paths.DATA_DIR, real_sources)
    assert audit.problems == [], messages(audit.problems)
    assert audit.n_covered == audit.n_numbers
    assert audit.n_facts >= 60


def test_every_real_quote_is_verbatim(real_sources):
    texts = {s.source_id: s.text for s in real_sources}
    facts = load_facts(paths.DATA_DIR)
    for row in facts.itertuples():
        assert row.quote in texts[row.source_id], row.fact_id


def test_real_ledger_has_the_key_figures():
    facts = load_facts(paths.DATA_DIR)
    key = facts.set_index("fact_id")
    expect = {
        ("genai_papers", "CN"): 12450,
        ("genai_papers", "US"): 12030,
        ("chinese_corpus_share", "CN"): 1.3,
        ("ernie_bot_users", "CN"): 45000000,
        ("gpus_10k_firms", "CN"): 5,
        ("model_parameters", "US"): 180000000000,
    }
    for (metric, country), value in expect.items():
        rows = facts[(facts["metric_id"] == metric) & (facts["country"] == country)]
        assert value in rows["value"].tolist(), (metric, country)
    value = key[key["metric_id"] == "genai_economic_value"].iloc[0]
    assert (value["value"], value["high"], value["unit"]) == (2.6e12, 4.4e12, "美元")
    regions = facts[facts["metric_id"] == "registered_genai_services_by_region"]
    assert regions["value"].sum() == 117 and len(regions) == 15


def test_english_pages_need_english_words(tmp_path):
    """A reviewed fact without quote_en, an entity the lexicon cannot name in English and a
    metric without unit_en are refused: the English pages would show Chinese."""
    metric = {**METRIC, "unit_en": ""}
    facts = [
        fact(quote_en=""),
        fact(fact_id="doc-002", value="51", entity="北京的某家公司", quote="其中北京51款"),
        fact(fact_id="doc-003", value="24", entity="上海", quote="上海24款", quote_en="",
             status="draft"),
    ]  # fmt: skip
    problems = audit_ledger(make_ledger(tmp_path, facts=facts, metrics=[metric]), SOURCES).problems
    messages = {(p.file, p.line, p.message.split(";")[0]) for p in problems}
    assert ("metrics.csv", 2, "unit_en is empty") in messages
    assert ("facts.csv", 2, "quote_en is empty") in messages
    assert ("facts.csv", 3, "entity '北京的某家公司' has no English name") in messages
    assert not any(p.line == 4 and "quote_en" in p.message for p in problems)  # a draft may wait
