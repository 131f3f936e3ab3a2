"""Open report pages in headless Debian Chromium and record what a reader's browser would do."""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class PageVisit:
    """What happened when one page was opened."""

    path: Path
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    text: str = ""


def require_chromium() -> None:
    """Skip locally when Chromium is absent; in CI (CI set) its absence is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run should apt-get install it")
        pytest.skip("chromium is not installed (apt-get install chromium)")


def launch(playwright):
    """Return a headless Chromium browser from Debian's package."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def visit(browser, path: Path, screenshot: Path | None = None) -> PageVisit:
    """Open ``path``; block and record every non-file request; collect errors, images, links."""
    record = PageVisit(path)
    context = browser.new_context(java_script_enabled=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file://", "data:")):
            request_route.continue_()
        else:
            record.requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))

    def on_dialog(dialog):
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.resolve().as_uri(), wait_until="load")
    # an interactive table is filled by an async module script that may finish after "load"
    # (under load, it did): read the page once DataTables has set up every one of them
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('div.interactive-table table[id]'))"
        ".every(t => t.classList.contains('dataTable'))",
        timeout=60_000,
    )
    record.images = page.evaluate(
        "Array.from(document.images).map(i => ({src: i.src.slice(0, 40), complete: i.complete,"
        " width: i.naturalWidth, height: i.naturalHeight}))"
    )
    record.links = page.evaluate(
        "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
    )
    record.text = page.inner_text("body")
    if screenshot:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    context.close()
    return record
