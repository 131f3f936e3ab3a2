"""Browser tests: every report page opens in headless Chromium cleanly and offline."""

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browser import launch, require_chromium, visit

from helpers import paths
from helpers.corpus import load_sources
from helpers.i18n import Catalog
from helpers.interactive import make_table_id
from helpers.ledger import load_facts, load_metrics
from helpers.primary_views import read_claim_checks
from helpers.report import build_report
from helpers.sources_page import describe_facts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def visits(tmp_path_factory):
    """Build the report and open every page once; screenshots go to build/screenshots/."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp("browser")
    out = root / "reports"
    build_report(out_dir=out, build_dir=root / "build", verbosity=0)
    shots = paths.BUILD_DIR / "screenshots"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        result = [
            visit(browser, page, shots / page.relative_to(out).with_suffix(".png"))
            for page in sorted(out.rglob("*.html"))
        ]
        browser.close()
    return out, result


def test_every_page_was_opened(visits):
    out, result = visits
    assert {v.path.relative_to(out).as_posix() for v in result} >= {
        "zh/index.html",
        "en/index.html",
        "zh/01_sources.html",
        "en/01_sources.html",
        "zh/sources.html",
        "en/sources.html",
        "zh/data.html",
        "en/build.html",
    }


def test_no_console_errors_dialogs_or_network(visits):
    _, result = visits
    for record in result:
        assert record.console_errors == [], record.path
        assert record.page_errors == [], record.path
        assert record.dialogs == [], record.path
        assert record.requests == [], record.path


def test_every_chart_image_decodes(visits):
    _, result = visits
    charts = 0
    for record in result:
        for image in record.images:
            assert image["complete"] and image["width"] > 0 and image["height"] > 0, record.path
            charts += 1
    assert charts >= 4


def test_every_link_resolves_to_a_report_page(visits):
    out, result = visits
    for record in result:
        for link in record.links:
            url = urlparse(link)
            assert url.scheme in ("file", "http", "https", "data"), f"{record.path}: {link}"
            if url.scheme == "data":
                assert link.startswith("data:text/csv;"), f"{record.path}: {link[:60]}"
            if url.scheme == "file":
                target = Path(unquote(url.path))
                assert target.is_file(), f"{record.path}: broken link {link}"
                assert out in target.parents, f"{record.path}: link leaves the report: {link}"


def test_language_links_lead_to_the_other_language(visits):
    out, result = visits
    for record in result:
        lang = record.path.parent.name
        other = "en" if lang == "zh" else "zh"
        targets = {Path(unquote(urlparse(link).path)) for link in record.links}
        assert any(t.parent.name == other for t in targets), record.path


def test_screenshots_are_saved(visits):
    out, result = visits
    for record in result:
        shot = paths.BUILD_DIR / "screenshots" / record.path.relative_to(out).with_suffix(".png")
        assert shot.is_file() and shot.stat().st_size > 1000


def _open_offline(browser, page_path: Path):
    """Return a page showing ``page_path`` with every non-file request refused and recorded."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.refused = []
    page.errors = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file://", "data:", "blob:")):
            request_route.continue_()
        else:
            page.refused.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    return page


def _sorted_to(page, table_id: str, index: int, expected: list[str]) -> list[str]:
    """Wait (up to 10 s) until a column shows ``expected`` (a header click redraws the table
    after the click returns); return what it shows, which the caller compares."""
    wanted = json.dumps(expected, ensure_ascii=False)
    try:
        page.wait_for_function(
            f"JSON.stringify(Array.from(document.querySelectorAll('#{table_id} tbody tr'), "
            f"r => r.cells[{index}].innerText)) === JSON.stringify({wanted})",
            timeout=10_000,
        )
    except Exception:  # noqa: BLE001 - the comparison below says what the table shows instead
        pass
    return _column(page, table_id, index)


def _column(page, table_id: str, index: int) -> list[str]:
    """Return the text of one column of a table's shown rows."""
    return page.eval_on_selector_all(
        f"#{table_id} tbody tr", f"rows => rows.map(r => r.cells[{index}].innerText)"
    )


@pytest.mark.parametrize(("lang", "query"), [("en", "superclue"), ("zh", "排名")])
def test_sources_table_is_searched_and_sorted_offline(visits, lang, query):
    out, _ = visits
    from playwright.sync_api import sync_playwright

    catalog = Catalog(lang, paths.DATA_DIR)
    facts, metrics = load_facts(paths.DATA_DIR), load_metrics(paths.DATA_DIR)
    source = next(s for s in load_sources(paths.SEEDS_DIR) if s.source_id == "itif_review")
    own = facts[facts["source_id"] == source.source_id]
    shown, _langs = describe_facts(
        catalog, own, metrics, source.html_lang, read_claim_checks(paths.DATA_DIR)
    )
    expected = sum(query.lower() in " ".join(row).lower() for row in shown.astype(str).values)
    table_id = make_table_id("facts-itif_review")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = _open_offline(browser, out / lang / "sources.html")
        page.wait_for_selector(f"#{table_id}.dataTable")
        rows = f"#{table_id} tbody tr"
        assert page.locator(rows).count() == len(shown) > 10
        page.locator(f"#{table_id}_wrapper input[type=search]").press_sequentially(query)
        page.wait_for_function(f"document.querySelectorAll('{rows}').length === {expected}")
        assert 0 < page.locator(rows).count() == expected < len(shown)
        page.locator(f"#{table_id}_wrapper input[type=search]").fill("")
        page.wait_for_function(f"document.querySelectorAll('{rows}').length === {len(shown)}")
        period = list(shown.columns).index(catalog.text("col.period"))
        page.locator(f"#{table_id} thead th").nth(period).click()
        ascending = sorted(shown[catalog.text("col.period")])
        assert _sorted_to(page, table_id, period, ascending) == ascending
        page.locator(f"#{table_id} thead th").nth(period).click()
        descending = sorted(shown.iloc[:, period], reverse=True)
        assert _sorted_to(page, table_id, period, descending) == descending
        quote = page.locator(f"#{table_id} tbody tr").first.locator("td").last
        assert quote.evaluate("td => getComputedStyle(td).textAlign") == "left"
        assert page.refused == [] and page.errors == []
        browser.close()


def test_data_page_list_sorts_sizes_as_numbers_right_aligned(visits):
    out, _ = visits
    from playwright.sync_api import sync_playwright

    sizes = sorted(p.stat().st_size for p in (out / "en" / "data").iterdir())
    table_id = make_table_id("data-files")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = _open_offline(browser, out / "en" / "data.html")
        page.wait_for_selector(f"#{table_id}.dataTable")
        page.locator(f"#{table_id} thead th").nth(1).click()
        assert _column(page, table_id, 1) == [f"{n:,}" for n in sizes]
        cell = page.locator(f"#{table_id} tbody tr").first.locator("td").nth(1)
        assert cell.evaluate("td => getComputedStyle(td).textAlign") == "right"
        page.locator(f"#{table_id}_wrapper input[type=search]").press_sequentially("facts")
        page.wait_for_function(f"document.querySelectorAll('#{table_id} tbody tr').length === 1")
        assert page.refused == [] and page.errors == []
        browser.close()
