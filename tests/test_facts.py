"""Tests for helpers.facts: loading the ledger and every check, on the real data and stand-ins."""

import csv
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import load_sources
from helpers.errors import UserError
from helpers.facts import (
    EXCLUDED_COLUMNS,
    FACT_COLUMNS,
    METRIC_COLUMNS,
    Problem,
    audit_ledger,
    check_ledger,
    draft_excluded,
    find_quote_spans,
    load_excluded,
    load_facts,
    load_metrics,
    parse_decimal,
)
from helpers.periods import check_period


@dataclass(frozen=True)
class StandIn:
    """A minimal source with the interface of helpers.corpus.Source."""

    source_id: str
    file: str
    text: str


TEXT = (
    "目前已有117款服务通过备案。其中北京51款,上海24款。"
    "此外,中国移动备案了一款模型。去年8月首批8项完成备案。"
)
METRIC = {
    "metric_id": "registered", "dimension": "policy", "name_zh": "备案数", "name_en": "Filings",
    "unit": "款", "higher_is_better": "", "caveat_zh": "说明", "caveat_en": "Caveat",
}


def fact(**fields) -> dict:
    """Return a valid fact row on TEXT, with ``fields`` replaced."""
    row = {
        "fact_id": "doc-001", "metric_id": "registered", "entity": "中国", "country": "CN",
        "value": "117", "high": "", "unit": "款", "approx": "", "period": "2024-03",
        "source_id": "doc", "quote": "目前已有117款服务通过备案", "note": "",
    }
    row.update(fields)
    return row


def write_csv(path: Path, columns, rows) -> None:
    """Write ``rows`` (dicts) under a header of ``columns``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_ledger(tmp_path: Path, facts=None, excluded=None, metrics=None) -> Path:
    """Write a small ledger into ``tmp_path`` (with the project's word catalog); return it."""
    shutil.copyfile(paths.DATA_DIR / "i18n.csv", tmp_path / "i18n.csv")
    write_csv(tmp_path / "metrics.csv", METRIC_COLUMNS, metrics or [METRIC])
    write_csv(tmp_path / "facts.csv", FACT_COLUMNS, facts if facts is not None else [
        fact(),
        fact(fact_id="doc-002", value="51", entity="北京", quote="其中北京51款"),
        fact(fact_id="doc-003", value="24", entity="上海", quote="上海24款"),
        fact(fact_id="doc-004", value="1", entity="国资委", quote="中国移动备案了一款模型"),
        fact(fact_id="doc-005", value="8", unit="项", period="2023-08", quote="首批8项完成备案"),
    ])
    write_csv(tmp_path / "excluded.csv", EXCLUDED_COLUMNS, excluded if excluded is not None else [
        {"source_id": "doc", "start": str(TEXT.index("8月")), "surface": "8月", "reason": "date"},
    ])
    return tmp_path


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
    for needle in ("metrics.csv:3: metric_id 'Bad-Id'", "metrics.csv:3: dimension 'vibes'",
                   "metrics.csv:3: higher_is_better 'yes'", "metrics.csv:3: field 'caveat_en'",
                   "metrics.csv:4: duplicate metric_id 'registered'"):
        assert needle in text


def test_uncovered_number_is_reported_with_the_fix(tmp_path):
    rows = [fact(), fact(fact_id="doc-002", value="51", quote="其中北京51款")]
    problems = check_ledger(make_ledger(tmp_path, facts=rows), SOURCES)
    uncovered = [p for p in problems if "neither used by a fact" in p.message]
    start = TEXT.index("24款")
    assert any(p.file == "doc.txt" and f"doc,{start},24款,<reason>" in p.message
               for p in uncovered), messages(problems)


def test_stale_excluded_row_is_reported(tmp_path):
    rows = [{"source_id": "doc", "start": "3", "surface": "8月", "reason": "date"},
            {"source_id": "doc", "start": "x", "surface": "8月", "reason": "date"},
            {"source_id": "zzz", "start": "1", "surface": "8月", "reason": "date"}]
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
    row = fact(metric_id="traffic", value="-9.7", unit="%", period="2023-06",
               quote="今年6月,ChatGPT访问量环比下滑9.7%")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = make_ledger(Path(tmp), facts=[row], excluded=[], metrics=[metric])
        assert check_ledger(data, sources) == []
        write_csv(data / "facts.csv", FACT_COLUMNS, [dict(row, quote="ChatGPT访问量环比9.7%")])
        assert "is not among" in messages(check_ledger(data, [StandIn("doc", "doc.txt",
                                                                      "ChatGPT访问量环比9.7%")]))


def test_quote_matches_after_normalization():
    text = "中國發布的論文數量為１２４５０篇"
    at = text.index("１")
    assert find_quote_spans("１２４５０篇", text) == [(at, at + 6)]
    assert find_quote_spans("12450篇", text) == [(at, at + 6)]
    assert find_quote_spans("中国发布", text) == [(0, 4)]
    assert find_quote_spans("99篇", text) == []


@pytest.mark.parametrize("period", ["2023", "2024-03", "2024-03-31", "2024H1", "2023H2",
                                    "2013/2024", "2023-07/2024H1"])
def test_check_period_accepts(period):
    assert check_period(period) is None


@pytest.mark.parametrize("period", ["", "23", "2024-3", "2024H3", "2024-02-30", "2024/2023",
                                    "2020/2021/2022", "2024 "])
def test_check_period_rejects(period):
    assert check_period(period)


def test_parse_decimal():
    assert parse_decimal("2600000000000") == Decimal("2600000000000")
    assert parse_decimal("-9.7") == Decimal("-9.7")
    for bad in ("", "1,000", "1e3", " 1", "1.", ".5", "NaN"):
        assert parse_decimal(bad) is None


def test_loaders_keep_strings_and_convert_numbers(tmp_path):
    data = make_ledger(tmp_path)
    facts = load_facts(data)
    assert facts["value"].dtype == "float64" and facts.loc[0, "value"] == 117
    assert pd.isna(facts.loc[0, "high"]) and facts.loc[0, "country"] == "CN"
    assert facts.loc[0, "approx"] == ""  # not NaN: nothing silently coerced
    assert list(load_metrics(data).columns) == list(METRIC_COLUMNS)
    assert load_excluded(data)["start"].tolist() == [TEXT.index("8月")]
    write_csv(data / "facts.csv", FACT_COLUMNS, [fact(), fact(fact_id="b", value="abc")])
    with pytest.raises(UserError, match=r"facts.csv:3: field 'value' is 'abc'"):
        load_facts(data)
    (data / "metrics.csv").write_text("metric_id\nx\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"metrics.csv:1: missing column 'dimension'"):
        load_metrics(data)


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
        ("genai_papers", "CN"): 12450, ("genai_papers", "US"): 12030,
        ("chinese_corpus_share", "CN"): 1.3, ("ernie_bot_users", "CN"): 45000000,
        ("gpus_10k_firms", "CN"): 5, ("model_parameters", "US"): 180000000000,
    }
    for (metric, country), value in expect.items():
        rows = facts[(facts["metric_id"] == metric) & (facts["country"] == country)]
        assert value in rows["value"].tolist(), (metric, country)
    value = key[key["metric_id"] == "genai_economic_value"].iloc[0]
    assert (value["value"], value["high"], value["unit"]) == (2.6e12, 4.4e12, "美元")
    regions = facts[facts["metric_id"] == "registered_genai_services_by_region"]
    assert regions["value"].sum() == 117 and len(regions) == 15


def test_draft_excluded_of_real_data_is_what_is_listed(real_sources):
    draft = draft_excluded(paths.DATA_DIR, real_sources)
    listed = load_excluded(paths.DATA_DIR)
    assert list(zip(draft["source_id"], draft["start"], draft["surface"], strict=True)) == list(
        zip(listed["source_id"], listed["start"], listed["surface"], strict=True)
    )
    assert (listed["reason"].str.len() > 0).all()


def test_mentions_within_agrees_with_the_obvious_scan():
    from hypothesis import given
    from hypothesis import strategies as st

    from helpers.facts import mentions_within

    @dataclass(frozen=True)
    class M:
        start: int
        end: int

    spans_st = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12)
    mentions_st = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=30)

    @given(mentions_st, spans_st)
    def check(raw_mentions, raw_spans):
        mentions = [M(s, s + n) for s, n in raw_mentions]
        spans = [(s, s + n) for s, n in raw_spans]
        naive = {m for m in mentions for s, e in spans if s <= m.start and m.end <= e}
        found = mentions_within(mentions, spans)
        assert set(found) == naive
        assert found == sorted(found, key=lambda m: (m.start, m.end))

    check()


def test_a_quote_repeated_many_times_is_checked_once_per_place():
    from helpers.facts import find_quote_spans, mentions_within
    from helpers.numbers import find_mentions

    sentence = "中国发布的论文数量为12450篇。"
    text = sentence * 2000
    mentions = find_mentions(text, "doc")
    spans = find_quote_spans(sentence, text)
    assert len(spans) == 2000
    assert len(mentions_within(mentions, spans)) == len(mentions) == 2000
