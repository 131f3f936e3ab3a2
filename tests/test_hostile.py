"""Hostile inputs: markup in documents and manifests stays inert; killed builds harm nothing."""

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest
from browser import launch, require_chromium, visit
from conftest import append_source

from helpers.report import build_report

PAYLOADS = [
    "<script>alert('s')</script>",
    "<img src=x onerror=alert('i')>",
    "<style>body{display:none}</style>",
    "<iframe src=\"javascript:alert('f')\"></iframe>",
    "[click](javascript:alert('m'))",
    "![pixel](http://198.51.100.7/p.png)",
    "&lt;b&gt;entity&amp;",
    "{{ 7*7 }} {% raw %}",
    "$x^2$ \\(y\\)",
]
HOSTILE = " | ".join(PAYLOADS)


def write_hostile_seeds(seeds_dir):
    """Add to a seeds copy a document whose text and every manifest field carry payloads."""
    body = f"{HOSTILE}\n中国发布的论文数量为12450篇。{HOSTILE}\n".encode()
    (seeds_dir / "evil.txt").write_bytes(body)
    append_source(
        seeds_dir,
        source_id="evil",
        file="evil.txt",
        sha256=hashlib.sha256(body).hexdigest(),
        title=HOSTILE,
        title_en=HOSTILE,
        publisher=HOSTILE,
        publisher_en=HOSTILE,
        author=HOSTILE,
        published="2024-05",
        url="javascript:alert('u')",
        original_title=HOSTILE,
        original_url="javascript:alert('o')",
        language="zh-Hans",
        notes=HOSTILE,
    )


@pytest.mark.browser
def test_markup_in_documents_and_manifest_is_shown_as_text(tmp_path, seeds_copy):
    require_chromium()
    from playwright.sync_api import sync_playwright

    seeds = seeds_copy
    write_hostile_seeds(seeds)
    out = tmp_path / "reports"
    build_report(seeds_dir=seeds, out_dir=out, build_dir=tmp_path / "build", verbosity=0)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        visits = [visit(browser, page) for page in sorted(out.rglob("*.html"))]
        browser.close()
    shown = 0
    for record in visits:
        assert record.dialogs == [], record.path
        assert record.requests == [], record.path
        assert record.page_errors == [], record.path
        assert all("198.51.100.7" not in image["src"] for image in record.images)
        if "<script>alert('s')</script>" in record.text:
            shown += 1
            for payload in ("<img src=x onerror=alert('i')>", "{{ 7*7 }}", "$x^2$"):
                assert payload in record.text, record.path
    assert shown >= 2, "the hostile title should be readable as text on a page per language"
    sources_page = next(v for v in visits if v.path.name == "sources.html")
    assert "12450篇" in sources_page.text  # the uncurated document's numbers, listed as text
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and '<iframe src="javascript' not in html
        assert 'href="javascript:' not in html


def test_killed_build_leaves_published_report_and_next_build_works(tmp_path):
    out = tmp_path / "reports"
    build_report(langs=("en",), out_dir=out, build_dir=tmp_path / "b", verbosity=0)
    before = {p: p.read_bytes() for p in (out / "en").rglob("*") if p.is_file()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "helpers",
            "report",
            "--no-cache",
            "--quiet",
            "--lang",
            "en",
            "--out",
            str(out),
        ],
        start_new_session=True,
    )
    time.sleep(2.5)  # inside notebook execution: kernels are running
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert {p: p.read_bytes() for p in (out / "en").rglob("*") if p.is_file()} == before
    outcomes = build_report(langs=("en",), out_dir=out, build_dir=tmp_path / "b", verbosity=0)
    assert outcomes
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]
