"""Tests for helpers.explore and notebooks/explore.ipynb: tidy tables, the report's answers."""

import csv
import os
import pkgutil

import nbformat
import pandas as pd
import pytest

import helpers
from helpers import explore, findings, paths, tables, views
from helpers.errors import UserError
from helpers.execute import run_papermill
from helpers.i18n import Catalog
from helpers.ledger import load_facts, load_metrics
from helpers.periods import report_date
from helpers.site import describe_facts

NOTEBOOK = paths.NOTEBOOKS_DIR / "explore.ipynb"
ANSWERS = ("in_dimension", "from_source", "stale", "disputed")


@pytest.fixture(scope="module")
def ledger():
    """Return the raw ledger, as the report's pages read it."""
    return load_facts(paths.DATA_DIR), load_metrics(paths.DATA_DIR)


@pytest.fixture(scope="module", params=["zh", "en"])
def ex(request):
    """Return the project's tables in each language (snapshots wherever build/ has them)."""
    return explore.load_tables(request.param)


def answer_questions(ex) -> dict:
    """Run the notebook's worked-question cells (tagged question) on ``ex``; return answers."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    cells = [c for c in notebook.cells if "question" in c.metadata.get("tags", [])]
    assert len(cells) == len(ANSWERS)
    namespace = {"ex": ex}
    for name, cell in zip(ANSWERS, cells, strict=True):
        lines = cell.source.splitlines()
        assert len(lines) <= 3 and sum(x.startswith(f"{name} = ") for x in lines) == 1, cell.source
        exec(cell.source, namespace)  # the notebook's own lines: a value, the answer, its display
    return {name: namespace[name] for name in ANSWERS}


def test_columns_and_rows_are_the_same_in_both_languages():
    zh, en = explore.load_tables("zh"), explore.load_tables("en")
    for name, columns in [
        ("facts", explore.FACT_COLUMNS),
        ("metrics", explore.METRIC_COLUMNS),
        ("sources", explore.SOURCE_COLUMNS),
        ("excluded", explore.EXCLUDED_COLUMNS),
        ("claim_checks", explore.CLAIM_COLUMNS),
        ("comparisons", explore.COMPARISON_COLUMNS),
    ]:
        a, b = getattr(zh, name), getattr(en, name)
        assert tuple(a.columns) == tuple(b.columns) == columns, name
        assert len(a) == len(b) > 0, name
    assert zh.facts["fact_id"].tolist() == en.facts["fact_id"].tolist()
    assert zh.facts["fact_id"].tolist() == load_facts(paths.DATA_DIR)["fact_id"].tolist()
    first = zh.metrics.iloc[0]
    assert first["metric"] == first["name_zh"] and en.metrics.iloc[0]["metric"] == first["name_en"]
    assert set(zh.facts["country_name"]) >= {"中国", "美国"}
    assert set(en.facts["country_name"]) >= {"China", "the United States"}
    assert (en.claim_checks["reason"] != zh.claim_checks["reason"]).all()


def test_facts_read_as_the_sources_page_writes_them(ex):
    catalog = Catalog(ex.lang, paths.DATA_DIR)
    facts, metrics = load_facts(paths.DATA_DIR), load_metrics(paths.DATA_DIR)
    langs = dict(zip(ex.sources["source_id"], ex.sources["language"], strict=True))
    for source_id in ex.sources["source_id"]:
        own = facts[facts["source_id"] == source_id]
        page, _langs = describe_facts(catalog, own, metrics, langs[source_id])
        mine = ex.facts[ex.facts["source_id"] == source_id]
        assert mine["fact_id"].tolist() == page[catalog.text("col.fact_id")].tolist()
        assert mine["quantity"].tolist() == page[catalog.text("col.value")].tolist()
        assert mine["metric"].tolist() == page[catalog.text("col.metric")].tolist()
    counts = ex.sources.set_index("source_id")["n_facts"]
    assert counts.sum() == len(facts) and ex.sources["curated"].tolist() == (counts > 0).tolist()


def test_excluded_numbers_carry_their_context(ex):
    assert len(ex.excluded) == len(pd.read_csv(paths.DATA_DIR / "excluded.csv"))
    assert all(s in c for s, c in zip(ex.excluded["surface"], ex.excluded["context"], strict=True))


def test_worked_questions_give_the_report_numbers(ex, ledger):
    facts, metrics = ledger
    answers = answer_questions(ex)
    # 1. comparisons in a dimension: the rows helpers.tables gives, and the findings and the
    # scorecard's counts for that dimension
    in_dimension = answers["in_dimension"]
    dimension = in_dimension["dimension"].iloc[0]
    mine = facts[facts["metric_id"].map(metrics.set_index("metric_id")["dimension"]) == dimension]
    compared = tables.compare_countries(mine, metrics)
    assert in_dimension[["metric_id", "period", "value_cn", "value_us", "leader"]].values.tolist() \
        == compared[["metric_id", "period", "value_cn", "value_us", "leader"]].values.tolist()
    latest = in_dimension[in_dimension["is_latest"]]
    assert len(latest) == len(findings.list_findings(mine, metrics, ex.catalog)) >= 2
    card = tables.build_scorecard(facts, metrics, ex.as_of).set_index("dimension").loc[dimension]
    assert (latest["leader"] == "CN").sum() == card["cn_leads"]
    assert (latest["leader"] == "US").sum() == card["us_leads"]
    assert latest["leader"].isin(["CN", "US", "tie"]).sum() == card["metrics_compared"]
    # 2. one source: the facts the sources page lists for it
    from_source = answers["from_source"]
    source_id = from_source["source_id"].iloc[0]
    assert from_source["fact_id"].tolist() == facts[facts["source_id"] == source_id][
        "fact_id"
    ].tolist()
    # 3. older than N days: per metric, the age of its newest figure as the scorecard chapter
    # shows it (views.build_staleness)
    names = dict(zip(metrics["metric_id"], metrics["name_en"], strict=True))
    staleness = views.build_staleness(facts, names, report_date(ex.as_of)).set_index("metric_id")
    newest = ex.facts.groupby("metric_id")["age_days"].min()
    pd.testing.assert_series_equal(
        newest.sort_index(), staleness["age_days"].sort_index(), check_names=False
    )
    stale = answers["stale"]
    assert 0 < len(stale) < len(facts) and (stale["age_days"] > 365).all()
    all_old = {m for m, g in ex.facts.groupby("metric_id") if (g["age_days"] > 365).all()}
    assert all_old == set(staleness.index[staleness["age_days"] > 365])
    # 4. disagreements: the groups helpers.tables.find_disagreements finds (none in the ledger)
    assert answers["disputed"].empty and tables.find_disagreements(facts).empty


def _add_second_sources(data_dir) -> None:
    """Give fact thepaper_filings-018 a disagreeing and an agreeing figure from other sources."""
    path = data_dir / "facts.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    base = next(r for r in rows if r["fact_id"] == "thepaper_filings-018")
    rows.append(base | {"fact_id": "test-901", "source_id": "hundred_models", "value": "150"})
    rows.append(base | {"fact_id": "test-902", "source_id": "itif_review"})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_disagreement_question_finds_what_the_scorecard_chapter_finds(data_copy):
    _add_second_sources(data_copy)
    ex = explore.load_tables("en", data_dir=str(data_copy))
    disputed = answer_questions(ex)["disputed"]
    pairs = tables.find_disagreements(load_facts(data_copy))
    assert len(pairs) == 2  # hundred_models differs from both others; the other two agree
    groups = set(map(tuple, pairs[["metric_id", "entity", "period"]].values.tolist()))
    assert set(map(tuple, disputed[["metric_id", "entity", "period"]].values.tolist())) == groups
    assert set(disputed["fact_id"]) == {"thepaper_filings-018", "test-901", "test-902"}


def test_primary_tables_when_fetched(snapshots_dir):
    ex = explore.load_tables("en", snapshots_dir=str(snapshots_dir))
    assert ex.notes == []
    assert set(ex.primary) == set(pd.read_csv(paths.DATA_DIR / "snapshots.csv")["snapshot_id"])
    assert all(len(table) > 100 for table in ex.primary.values())
    assert set(ex.overview()["table"]) >= {"facts", f"primary[{next(iter(ex.primary))!r}]"}


def test_primary_tables_not_fetched_leave_a_clear_note(tmp_path):
    ex = explore.load_tables("zh", snapshots_dir=str(tmp_path / "none"))
    assert ex.primary == {}
    assert len(ex.notes) == 1 and "python -m helpers fetch" in ex.notes[0]
    assert str(tmp_path / "none") in ex.notes[0]
    assert len(ex.facts) and len(ex.claim_checks)  # the rest still loads


def test_missing_claim_checks_give_an_empty_table_with_its_columns(data_copy):
    (data_copy / "claim_checks.csv").unlink()
    ex = explore.load_tables("en", data_dir=str(data_copy))
    assert ex.claim_checks.empty and tuple(ex.claim_checks.columns) == explore.CLAIM_COLUMNS


def test_bad_parameters_are_one_line_errors():
    with pytest.raises(UserError, match="as_of"):
        explore.load_tables("en", as_of="2024-13")
    with pytest.raises(UserError):
        explore.load_tables("fr")


def _warnings_as_errors() -> str:
    """Return PYTHONWARNINGS making a warning from our code or a notebook cell an error."""
    modules = ["__main__"] + [
        m.name for m in pkgutil.walk_packages(helpers.__path__, prefix="helpers.")
    ]
    return ",".join(f"error::Warning:{module}" for module in modules)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notebook_runs_top_to_bottom_without_warnings(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("PYTHONWARNINGS", _warnings_as_errors())
    executed = run_papermill(NOTEBOOK, tmp_path / "explore.ipynb", {"lang": lang})
    notebook = nbformat.read(executed, as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    assert [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"] == []
    shown = [o.data.get("text/html", "") for o in outputs if "data" in o]
    assert sum('class="interactive-table"' in html for html in shown) >= 10
    assert "window._itables_2_9_1 = injectModule(" in shown[0]  # the library, once, first
    assert sum("injectModule(" in html for html in shown) == 1
    words = {"zh": "SuperCLUE中文综合基准得分", "en": "SuperCLUE Chinese benchmark overall score"}
    assert any(words[lang] in html for html in shown)
    assert os.environ["PYTHONWARNINGS"].startswith("error::Warning:__main__")
