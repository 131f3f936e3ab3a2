"""Tests for the chapters' open-data sections (helpers.chapter_primary, helpers.chapter_checks)
on the real snapshots: what a page shows, checked as HTML text and as the CSV it offers."""

import base64
import html
import io
import re

import pandas as pd
import pytest
from IPython.display import HTML, Image

import helpers.chapter as chapter_module
import helpers.chapter_checks as checks_module
import helpers.chapter_primary as primary_module
import helpers.chapter_summary as summary_module
import helpers.display as display_module
from helpers import primary
from helpers import primary_views as pv
from helpers.chapter import Chapter
from helpers.errors import UserError
from helpers.paths import DATA_DIR


@pytest.fixture(scope="module")
def chapters(snapshots_dir) -> dict:
    """Return the open-data chapters by (name, language), reading the fetched snapshots."""
    names = ("02_models", "07_compute_data", "08_open_data", "09_scorecard")
    return {
        (name, lang): Chapter(name, lang, snapshots_dir=str(snapshots_dir))
        for name in names
        for lang in ("en", "zh")
    }


@pytest.fixture
def shown(monkeypatch) -> list:
    """Collect every object the open-data sections display."""
    objects: list = []
    modules = (chapter_module, primary_module, checks_module, summary_module, display_module)
    for module in modules:
        monkeypatch.setattr(module, "display", lambda *items: objects.extend(items))
    return objects


def html_of(objects) -> str:
    """Return all displayed HTML joined."""
    return "\n".join(o.data for o in objects if isinstance(o, HTML))


def read_download(objects) -> tuple[str, pd.DataFrame]:
    """Return the one CSV download's raw text (with its BOM) and its table."""
    links = [o.data for o in objects if isinstance(o, HTML) and 'class="download"' in o.data]
    assert len(links) == 1
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)\"", links[0]).group(1)
    text = base64.b64decode(payload).decode("utf-8")
    return text, pd.read_csv(io.StringIO(text.lstrip("\ufeff")), dtype=str)


def test_models_per_year_cites_producer_snapshot_licence_and_rule(chapters, shown):
    table = chapters[("02_models", "en")].show_models_per_year()
    page = html.unescape(html_of(shown))
    assert "Epoch AI, 'Data on AI Models', snapshot of 2024-11-22, CC BY 4.0" in page
    assert "epoch_ml_systems_2024-11-22" in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert primary.describe_country_rule("en") in page
    assert "China 95 models, the United States 185 models" in page  # 2023, the full year
    assert "2024 (to 2024-12-01)" in page  # the partial year says so
    assert "Caveat" in page
    assert len([o for o in shown if isinstance(o, Image)]) == 1
    assert len(table) == 14  # 2018-2024, two countries


def test_models_download_has_a_bom_and_integers_as_integers(chapters, shown):
    chapters[("02_models", "en")].show_models_per_year()
    text, table = read_download(shown)
    assert text.startswith("\ufeff")
    row = table[(table["country"] == "CN") & (table["year"] == "2023")].iloc[0]
    assert (row["models"], row["notable_models"]) == ("95", "22")  # not 95.0
    assert set(table["snapshot_id"]) == {"epoch_ml_systems_2024-11-22"}


def test_the_chinese_page_marks_the_english_citation(chapters, shown):
    chapters[("07_compute_data", "zh")].show_largest_compute()
    page = html_of(shown)
    assert re.search(r'<span lang="en">Epoch AI, &#x27;Data on AI Models&#x27;', page) or re.search(
        r"<span lang=\"en\">Epoch AI, 'Data on AI Models'", page
    )
    assert primary.describe_country_rule("zh") in html.unescape(page)
    assert "1.3×10²⁴" in page  # Qwen-72B, 2023


def test_compute_keeps_the_producers_confidence(chapters, shown):
    table = chapters[("07_compute_data", "en")].show_largest_compute()
    page = html.unescape(html_of(shown))
    assert "speculative" in page and "likely" in page
    row = table[(table["country"] == "US") & (table["year"] == 2023)].iloc[0]
    assert row["confidence"] == "Speculative"
    _, download = read_download(shown)
    assert "confidence" in download.columns


def test_gap_headline_and_lower_bounds(chapters, shown):
    gap = chapters[("02_models", "en")].show_capability_gap()
    page = html.unescape(html_of(shown))
    assert "qwen3-max-2025-09-23" in page and "came 9.2 months later" in page
    # Chinese records first reached by the US in 2023, the index's first year, read "at least"
    first_year = gap[gap["leader_first_date"].dt.year == 2023]
    assert len(first_year) > 0 and first_year["is_lower_bound"].all()
    assert page.count("at least ") >= len(first_year)


def test_a_snapshot_the_notebook_does_not_declare_is_refused(snapshots_dir):
    research = Chapter("03_research", "en", snapshots_dir=str(snapshots_dir))
    with pytest.raises(UserError, match=r"03_research\.ipynb: reads snapshot .*declare"):
        research.snapshot_table(primary.MODELS_SNAPSHOT)


def test_the_scorecard_counts_the_three_primary_comparisons(chapters):
    scorecard = chapters[("09_scorecard", "en")]
    primary_rows = scorecard.scored_facts[
        scorecard.scored_facts["metric_id"].str.startswith("epoch")
    ]
    assert sorted(set(primary_rows["metric_id"])) == sorted(pv.PRIMARY_FACTS)
    assert set(primary_rows["country"]) == {"CN", "US"}
    # chapter 07 declares only the models snapshot: no frontier comparison there
    compute = chapters[("07_compute_data", "en")]
    assert pv.ECI_METRIC not in set(compute.primary_facts["metric_id"])


def test_check_counts_are_generated_from_the_checks(chapters, shown):
    counts = chapters[("08_open_data", "en")].say_check_counts()
    expected = pv.count_verdicts(pv.read_claim_checks(DATA_DIR))
    assert counts == expected
    page = html.unescape(html_of(shown))
    n = len(pv.read_claim_checks(DATA_DIR))
    assert f"{n} of the articles' claims were checked: {expected['consistent']} consistent" in page


@pytest.mark.parametrize(("lang", "quote_lang"), [("en", "zh-Hans"), ("zh", None)])
def test_check_cards_mark_the_quote_and_give_the_reason_in_the_page_language(
    chapters, shown, lang, quote_lang
):
    ch = chapters[("08_open_data", lang)]
    ch.show_check_cards(ch.claim_checks[ch.claim_checks["check_id"] == "cc-005"])
    page = html_of(shown)
    reason = pv.read_claim_checks(DATA_DIR).set_index("check_id").loc["cc-005", f"reason_{lang}"]
    assert html.escape(reason, quote=True) in page or reason in html.unescape(page)
    if quote_lang:
        assert f'<span lang="{quote_lang}">我国与之差距至少在两年以上</span>' in page
        assert "the gap between China and it" in page  # quote_en on English pages
    else:
        assert "the gap between China and it" not in page
    assert "epoch_capabilities_index_2025-11-07" in page


def test_disagreements_list_contradicted_checks_first(chapters, shown):
    rows = chapters[("09_scorecard", "en")].show_primary_disagreements()
    assert list(rows["verdict"])[:2] == ["contradicted", "contradicted"]
    page = html.unescape(html_of(shown))
    assert page.index("cc-005") < page.index("cc-001")


def test_a_stand_in_period_among_the_checks_is_explained(chapters, shown):
    ch = chapters[("08_open_data", "en")]
    assert (ch.claim_checks["period_source"] == "published").any()  # cc-007: 2023-10*
    ch.show_claim_checks()
    page = html.unescape(html_of(shown))
    assert "10,000 GPUs (2023-10*)" in page
    assert ch.text("period.standin_note") in page
