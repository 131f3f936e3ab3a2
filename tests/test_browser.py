"""Browser tests: every report page opens in headless Chromium cleanly and offline."""

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browser import launch, require_chromium, visit

from helpers import paths
from helpers.report import build_report

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
