"""Tests for helpers.chapter: what chapter notebooks display, checked as numbers and text."""

import base64
import datetime as dt
import html
import io
import re
import shutil

import pandas as pd
import pytest
from IPython.display import HTML, Image

import helpers.chapter as chapter_module
import helpers.chapter_summary as summary_module
import helpers.display as display_module
from helpers import paths, tables
from helpers.chapter import Chapter
from helpers.errors import UserError
from helpers.html import escape
from helpers.i18n import Catalog, translate
from helpers.narrative import format_quantity
from helpers.periods import newest_published, parse_period_bounds, report_date


@pytest.fixture(scope="module")
def models() -> Chapter:
    return Chapter("02_models", "en")


@pytest.fixture(scope="module")
def models_zh() -> Chapter:
    return Chapter("02_models", "zh")


@pytest.fixture(scope="module")
def industry() -> Chapter:
    return Chapter("06_industry", "en")


def test_a_metric_of_an_undeclared_dimension_is_refused(models):
    with pytest.raises(
        UserError,
        match=r"02_models\.ipynb: metric 'genai_papers' is in dimension "
        r"'research', which the notebook does not declare; add it",
    ):
        models.facts_for("genai_papers")


@pytest.fixture
def shown(monkeypatch) -> list:
    """Collect every object a chapter method displays (through any of its modules)."""
    objects: list = []
    for module in (chapter_module, summary_module, display_module):
        monkeypatch.setattr(module, "display", lambda *items, **_: objects.extend(items))
    return objects


def _html(objects) -> list[str]:
    return [o.data for o in objects if isinstance(o, HTML)]


def _images(objects) -> list[Image]:
    return [o for o in objects if isinstance(o, Image)]


def _csv_download(objects) -> pd.DataFrame:
    (link,) = [h for h in _html(objects) if 'class="download"' in h]
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)\"", link).group(1)
    raw = base64.b64decode(payload)
    assert raw.startswith("\ufeff".encode()), "the download starts with a byte-order mark"
    text = raw.decode("utf-8-sig")
    return pd.read_csv(
        io.StringIO(text), dtype={"high": float}, keep_default_na=False, na_values={"high": [""]}
    )


# ---------------------------------------------------------------- construction
def test_as_of_defaults_to_newest_publication(models):
    assert models.as_of == "2024-09-19"
    assert newest_published(models.sources) == "2024-09-19"
    published = [s.meta["published"] for s in models.sources]
    assert "2024-09-19" in published


def test_explicit_as_of_is_kept():
    assert Chapter("02_models", "en", as_of="2024-12-31").as_of == "2024-12-31"


@pytest.mark.parametrize(
    "as_of", ["yesterday", "2024-13-01", "2024-02-30", "2024-9-1", "2024/09/19", "19.09.2024"]
)
def test_malformed_as_of_is_a_user_error(as_of):
    with pytest.raises(UserError, match="as_of .* is not (an ISO date; write YYYY|a real date)"):
        Chapter("02_models", "en", as_of=as_of)


@pytest.mark.parametrize("lang", ["fr", "EN", ""])
def test_unknown_lang_is_a_user_error(lang):
    with pytest.raises(UserError, match="is not a report language"):
        Chapter("02_models", lang)


def test_directories_default_to_the_project(models, tmp_path):
    assert models.seeds_dir == paths.SEEDS_DIR
    assert models.data_dir == paths.DATA_DIR
    data = tmp_path / "d"
    shutil.copytree(paths.DATA_DIR, data)
    assert Chapter("02_models", "en", data_dir=str(data)).data_dir == data.resolve()


def test_report_date_is_the_last_day_of_a_partial_date():
    assert report_date("2024-09-19") == dt.date(2024, 9, 19)
    assert report_date("2024-02") == dt.date(2024, 2, 29)
    assert report_date("2024") == dt.date(2024, 12, 31)


# ---------------------------------------------------------------- ledger access
def test_facts_for_unknown_metric_names_metrics_csv(models):
    with pytest.raises(UserError, match=r"metrics\.csv: no metric 'no_such_metric'"):
        models.facts_for("superclue_score", "no_such_metric")


def test_facts_for_keeps_ledger_order(models):
    rows = models.facts_for("hku_rank_zh", "hku_rank_en")
    assert rows["fact_id"].tolist() == [f"hkubs_ft-00{i}" for i in range(2, 7)]
    assert rows["value"].tolist() == [1.0, 2.0, 3.0, 5.0, 1.0]


def test_quantity_formats_each_row(models, models_zh):
    row = models.facts[models.facts["fact_id"] == "hundred_models-009"].iloc[0]
    assert models.quantity(row) == "2.6 trillion–4.4 trillion US dollars"
    assert models_zh.quantity(row) == "2.6万亿–4.4万亿美元"
    rank = models.facts[models.facts["fact_id"] == "hkubs_ft-005"].iloc[0]
    assert models.quantity(rank) == "no. 5"
    assert models_zh.quantity(rank) == "第5名"


def test_caption_names_every_source_and_period(models, models_zh):
    rows = models.facts[models.facts["fact_id"].isin(["itif_review-008", "hkubs_ft-001"])]
    caption = models.caption(rows)
    titles = {s.source_id: s.meta["title"] for s in models.sources}
    english = {s.source_id: s.meta["title_en"] for s in models.sources}
    assert caption == (  # English titles on English pages
        f"Source: {english['itif_review']} (itif_review); {english['hkubs_ft']} (hkubs_ft). "
        "Period: 2023, 2024H1."
    )
    zh = models_zh.caption(rows)
    assert zh == (
        f"来源：{titles['itif_review']}（itif_review）；{titles['hkubs_ft']}（hkubs_ft）。"
        "所指时间：2023, 2024H1。"
    )


def test_caption_marks_stand_in_periods(models):
    rows = models.facts_for("superclue_score")
    assert set(rows["period_source"]) == {"published"}
    assert models.caption(rows).endswith("Period: 2024-08*.")


def test_caption_lists_each_source_once(industry):
    rows = industry.facts_for("registered_genai_services_by_region")
    caption = industry.caption(rows)
    assert caption.count("(thepaper_filings)") == 1
    assert caption.endswith("Period: 2024-03.")


# ---------------------------------------------------------------- prose
def test_say_comparisons_one_paragraph_per_compared_row(models, shown):
    assert models.say_comparisons("superclue_score") == 1
    assert _html(shown) == [  # a score: compared by difference; its period a stand-in
        '<p class="finding">SuperCLUE Chinese benchmark overall score (2024-08*): China 77 points, '
        "the United States 81 points; the United States leads by 4 points.</p>"
    ]


def test_say_comparisons_of_ranks_has_no_ratio(models, shown):
    compared = tables.compare_countries(
        models.facts_for("hku_rank_en", "hku_rank_zh"), models.metrics
    )
    assert models.say_comparisons("hku_rank_en", "hku_rank_zh") == len(compared) == 1
    (paragraph,) = _html(shown)
    assert "China no. 5, the United States no. 1" in paragraph
    assert "is ahead" in paragraph and "times" not in paragraph


def test_say_comparisons_zh(models_zh, shown):
    assert models_zh.say_comparisons("superclue_score", "superclue_rank") == 2
    assert _html(shown) == [
        '<p class="finding">SuperCLUE排名（2024-08*）：中国第2名，美国第1名，美国领先。</p>',
        '<p class="finding">SuperCLUE中文综合基准得分（2024-08*）：中国77分，美国81分。'
        "美国领先4分。</p>",
    ]


def test_say_facts_states_value_period_and_source(models, shown):
    models.say_facts("hku_models_evaluated")
    title = models.source_title("hkubs_ft")
    hkubs = next(s for s in models.sources if s.source_id == "hkubs_ft")
    assert title == hkubs.meta["title_en"]  # the English title on English pages
    assert _html(shown) == [  # the lexicon's English name, the metric's English unit
        f"<p>Models evaluated by HKU Business School: HKU Business School evaluation, 16 models "
        f"(2024H1; source: {html.escape(title)}).</p>"
    ]


def test_say_escapes_values(models, shown):
    models.say("caption.metric", sources="<script>x</script>", periods="2024")
    assert _html(shown) == ["<p>Source: &lt;script&gt;x&lt;/script&gt;. Period: 2024.</p>"]


# ---------------------------------------------------------------- charts and data
def test_show_metric_displays_chart_table_caption_caveat(models, shown):
    models.show_metric("superclue_score")
    (image,) = _images(shown)
    assert image.data.startswith(b"\x89PNG")
    assert image.metadata["alt"] == "SuperCLUE Chinese benchmark overall score"
    texts = _html(shown)
    assert texts[0] == "<h3>SuperCLUE Chinese benchmark overall score</h3>"
    rows = models.facts_for("superclue_score")
    assert f'<p class="caption">{html.escape(models.caption(rows))}</p>' in texts
    (table,) = [t for t in texts if "<table" in t]
    for row in rows.to_dict("records"):
        quote = html.escape(row["quote"], quote=False)
        assert f'<td><span lang="zh-Hans">{quote}</span></td>' in table  # Chinese, marked
        assert f"<td>{escape(row['quote_en'])}</td>" in table
        assert f"<td>{escape(row['note'])}</td>" in table
        assert f"<td>{format_quantity(row['value'], None, '分', '', Catalog('en'))}</td>" in table
    for header in ("About", "Value", "Period", "ID", "Quote", "In English", "Note"):
        assert f"<th>{header}</th>" in table
    assert '<p class="standin">* The text gives no period' in texts[-3]
    assert texts[-2].startswith('<p class="download">')
    assert texts[-1].startswith('<p class="caveat">Caveat: SuperCLUE is judged')
    assert [type(o).__name__ for o in shown] == [
        "HTML",  # heading
        "Image",
        "HTML",  # caption
        "HTML",  # table with quotes
        "HTML",  # stand-in footnote
        "HTML",  # download
        "HTML",  # caveat
    ]


def test_show_metric_without_chart(models, shown):
    models.show_metric("superclue_score", chart=False)
    assert not _images(shown)
    assert any("<table" in t for t in _html(shown))


def test_show_data_escapes_quotes(models, shown):
    rows = models.facts_for("superclue_score").assign(quote=["<b>&amp;</b>", "a<script>", "x"])
    models.show_data(rows, "x")
    (table,) = [t for t in _html(shown) if "<table" in t]
    assert "<script>" not in table and "<b>" not in table
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in table and "a&lt;script&gt;" in table


def test_show_data_download_equals_the_facts(models, shown):
    rows = models.facts_for("superclue_score", "superclue_rank")
    models.show_data(rows, "superclue")
    link = [h for h in _html(shown) if 'class="download"' in h][0]
    assert 'download="superclue.csv"' in link
    downloaded = _csv_download(shown)
    expected = rows.drop(columns=["note"]).reset_index(drop=True)
    english = ["entity_en", "metric_en", "unit_en"]
    assert [c for c in downloaded.columns if c not in english] == list(expected.columns)
    pd.testing.assert_frame_equal(downloaded.drop(columns=english), expected, check_dtype=False)
    columns = list(downloaded.columns)
    for column in english:  # each English column right after its Chinese one
        assert (
            columns.index(column)
            == columns.index(column.replace("_en", "").replace("metric", "metric_id")) + 1
        )
    names = dict(zip(downloaded["entity"], downloaded["entity_en"], strict=False))
    assert names["Qwen2-72B"] == "Qwen2-72B" and set(downloaded["unit_en"]) == {"points", "rank"}
    assert set(downloaded["metric_en"]) == {
        "SuperCLUE Chinese benchmark overall score",
        "SuperCLUE ranking",
    }


def test_show_data_download_of_ranges(industry, shown):
    rows = industry.facts_for("genai_economic_value", "large_model_investment")
    industry.show_data(rows, "money")
    downloaded = _csv_download(shown)
    assert downloaded["value"].tolist() == rows["value"].tolist()
    assert downloaded["high"].tolist() == rows["high"].tolist()
    assert downloaded["quote"].tolist() == rows["quote"].tolist()


def test_show_ranks(models, shown):
    models.show_ranks("hku_rank_en", "hku_rank_zh")
    (image,) = _images(shown)
    assert image.data.startswith(b"\x89PNG")
    assert image.metadata["alt"] == (
        "Rankings: HKU Business School LLM ranking, English / "
        "HKU Business School LLM ranking, Chinese"
    )
    texts = _html(shown)
    (table,) = [t for t in texts if "<table" in t]
    for entity, rank in [("GPT-4 Turbo", 1), ("Gemini Pro", 2), ("Llama 2", 3), ("ERNIE Bot 4", 5)]:
        assert f"<tr><td>{entity}</td><td>no. {rank}</td><td>2024H1</td>" in table
    assert "文心一言4</td>" not in table  # the lexicon's English name on English pages
    assert sum('class="caveat"' in t for t in texts) == 2
    downloaded = _csv_download(shown)
    assert downloaded["value"].tolist() == [1, 2, 3, 5, 1]


def test_show_timeline(industry, shown):
    industry.show_timeline("large_models_count")
    (image,) = _images(shown)
    assert image.metadata["alt"] == "Number of large models"
    (table,) = [t for t in _html(shown) if "<table" in t]
    assert "<td>130 models</td>" in table and "<td>more than 200 models</td>" in table


def test_show_regions_sum_matches_the_stated_total(industry, shown):
    regions = industry.show_regions(
        "registered_genai_services_by_region", "registered_genai_services"
    )
    assert int(regions["count"].sum()) == 117
    assert len(regions) == 15
    assert dict(zip(regions["region"], regions["count"], strict=True))["北京"] == 51
    assert (regions["ledger"] == regions["count"]).all()
    texts = _html(shown)
    assert texts[0] == (
        "<p>The source&#x27;s own sentence, parsed, names 15 regions totalling 117 services, "
        "matching the stated total of 117.</p>"
    )
    assert not any("does not match" in t for t in texts)
    (image,) = _images(shown)
    assert image.metadata["alt"] == "Registered generative-AI services by region"
    ledger = industry.facts_for("registered_genai_services_by_region")
    assert sorted(regions["region"]) == sorted(ledger["entity"])


def test_show_regions_reports_a_wrong_total(tmp_path, shown):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    facts = data / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("中国,CN,117,", "中国,CN,118,", 1), encoding="utf-8")
    chapter = Chapter("06_industry", "en", data_dir=str(data))
    chapter.show_regions("registered_genai_services_by_region", "registered_genai_services")
    assert _html(shown)[0] == (
        "<p>The source&#x27;s own sentence, parsed, names 15 regions totalling 117 services, "
        "which does not match the stated total of 118.</p>"
    )


# ---------------------------------------------------------------- scorecard chapter
@pytest.fixture(scope="module")
def scorecard() -> Chapter:
    return Chapter("09_scorecard", "en")


def _table_rows(table_html: str) -> list[list[str]]:
    return [
        re.findall(r"<td>(.*?)</td>", row, re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", table_html, re.S)
        if "<td>" in row
    ]


def test_show_staleness_ages_are_days_from_period_end(scorecard, shown):
    scorecard.show_staleness()
    texts = _html(shown)
    (table,) = [t for t in texts if "<table" in t]
    rows = _table_rows(table)
    as_of = dt.date(2024, 9, 19)
    facts = scorecard.facts
    assert len(rows) == facts["metric_id"].nunique() == 33
    names = dict(zip(scorecard.metrics["name_en"], scorecard.metrics["metric_id"], strict=True))
    n_standin = 0
    for name, period, age in rows:
        metric_id = names[html.unescape(name)]
        own = facts[facts["metric_id"] == metric_id]
        measured = own[own["period_source"] != "published"]
        if measured.empty:  # only the article's date stands in: marked, never aged
            n_standin += 1
            assert period.endswith("*") and age == "", metric_id
            end = max(parse_period_bounds(p)[1] for p in own["period"])
            assert parse_period_bounds(period[:-1])[1] == end, metric_id
            continue
        end = max(parse_period_bounds(p)[1] for p in measured["period"])
        assert parse_period_bounds(period)[1] == end, metric_id
        days = (as_of - end).days
        assert age == (f"{days:,}" if days >= 0 else "not yet over"), metric_id
    assert n_standin == 15
    assert all(r[2] == "" for r in rows[-n_standin:])  # stand-ins listed last
    by_name = {html.unescape(r[0]): r for r in rows}
    assert by_name["GPUs in one AI computing cluster"][1:] == ["2020", "1,358"]
    assert by_name["Generative-AI papers"][1:] == ["2023", "263"]
    assert by_name["AI patents as a multiple of the US count"][1:] == ["2013/2024*", ""]
    assert by_name["Share of all data produced by generative AI"][1:] == ["2025", "not yet over"]
    assert texts[0].startswith(
        "<p>At the report date 2024-09-19, the oldest of the 33 metrics is "
        "“GPUs in one AI computing cluster” (period 2020, 1,358 days old)"
    )
    assert "1 metrics refer to periods not yet over" in texts[0]
    assert "15 have only a stand-in period (marked *), which is not aged" in texts[0]
    assert texts[-1].startswith('<p class="standin">* The text gives no period')


def test_show_staleness_follows_as_of(shown):
    Chapter("09_scorecard", "en", as_of="2025-12-31").show_staleness()
    summary = _html(shown)[0]
    days = (dt.date(2025, 12, 31) - dt.date(2020, 12, 31)).days
    assert f"(period 2020, {days:,} days old)" in summary
    assert "0 metrics refer to periods not yet over" in summary


def test_show_staleness_when_every_period_is_still_open(shown):
    """A report date before all the data must not crash on an empty median."""
    Chapter("09_scorecard", "en", as_of="2019-01-01").show_staleness()
    summary = _html(shown)[0]
    assert "none of the 33 metrics refers to a period that is already over" in summary


def test_show_disagreements_without_pairs(scorecard, shown):
    assert tables.find_disagreements(scorecard.facts, include_agreements=True).empty
    scorecard.show_disagreements()
    assert _html(shown) == [
        "<p>Sources give figures for the same metric, subject and period in 0 cases; "
        "in 0 of them the figures differ.</p>"
    ]


def test_show_disagreements_with_a_conflicting_source(tmp_path, shown):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    facts = data / "facts.csv"
    lines = facts.read_text(encoding="utf-8").splitlines()
    clash = next(line for line in lines if line.startswith("itif_review-008,"))
    lines.append(
        clash.replace("itif_review-008", "hkubs_ft-099")
        .replace(",12450,", ",12500,")
        .replace(",itif_review,", ",hkubs_ft,")
    )
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chapter = Chapter("09_scorecard", "en", data_dir=str(data))
    chapter.show_disagreements()
    texts = _html(shown)
    assert texts[0].endswith("in 1 cases; in 1 of them the figures differ.</p>")
    (table,) = [t for t in texts if "<table" in t]
    assert _table_rows(table) == [
        [
            "Generative-AI papers",
            "China",  # the lexicon's English name on English pages
            "2023",
            "disagree",
            "hkubs_ft",
            "12,500",
            "itif_review",
            "12,450",
        ]
    ]


def test_show_scorecard_and_findings(scorecard, shown):
    scorecard.show_scorecard()
    scorecard.say_findings()
    texts = _html(shown)
    assert "<th>Dimension</th>" in texts[0] and "<td>not yet over</td>" in texts[0]
    assert "<td>2013/2024*</td>" in texts[0]  # the patents' newest period is a stand-in
    assert "<td>China (on one metric only)</td>" in texts[0]
    assert texts[1].startswith('<p class="standin">')
    findings = [t for t in texts if t.startswith('<p class="finding">')]
    # six news comparisons (the SuperCLUE leaderboard counts once: five) and three from open data
    assert len(findings) == 8
    assert not any(f.startswith('<p class="finding">SuperCLUE ranking') for f in findings)


def test_headings_and_title(models_zh, shown):
    models_zh.show_title()
    models_zh.show_heading("other.heading")
    assert _html(shown) == [
        f"<h1>{translate('chapter.02_models.title', 'zh')}</h1>",
        "<h2>本维度的其他数字</h2>",
    ]
