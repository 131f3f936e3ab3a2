"""End-to-end tests for helpers.report: both languages built, offline, deterministic, escaped."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers import paths
from helpers import primary_views as pv
from helpers.contents import list_chapters
from helpers.corpus import load_sources
from helpers.execute import run_papermill
from helpers.periods import check_as_of
from helpers.report import build_report
from helpers.site import write_site_pages
from helpers.textio import read_csv_rows


def read_rows(path: Path) -> list[dict]:
    """Return a CSV's rows (byte-order mark and quoting style aside)."""
    return [row for _line, row in read_csv_rows(path)[1]]


pytestmark = pytest.mark.e2e
# Loads, not links: a src= or a <link href=> pointing off the machine. <a href> to a source is fine.
NETWORK = re.compile(r"""(?:\bsrc\s*=|<link\b[^>]*\bhref\s*=)\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """Build the report once for the module; return (reports dir, build dir)."""
    root = tmp_path_factory.mktemp("e2e")
    out, build = root / "reports", root / "build"
    build_report(out_dir=out, build_dir=build)
    return out, build


def test_every_language_has_index_and_chapters(built):
    out, _ = built
    chapters = [nb.stem for nb in list_chapters()]
    for lang in ("zh", "en"):
        assert (out / lang / "index.html").is_file()
        for stem in chapters:
            assert (out / lang / f"{stem}.html").is_file()


def test_site_pages_exist_per_language(built):
    out, _ = built
    for lang in ("zh", "en"):
        for page in ("sources.html", "data.html", "build.html"):
            assert (out / lang / page).is_file()
        published = read_rows(out / lang / "data" / "sources.csv")
        assert published == read_rows(paths.SEEDS_DIR / "sources.csv")


def test_sources_page_lists_every_document_and_its_numbers(built):
    out, _ = built
    page = (out / "en" / "sources.html").read_text(encoding="utf-8")
    for source in load_sources(paths.SEEDS_DIR):
        assert f'id="{source.source_id}"' in page
        assert source.sha256 in page
    assert "12450篇" in page


def test_build_page_has_commit_checksums_versions_and_no_clock(built):
    out, _ = built
    page = (out / "en" / "build.html").read_text(encoding="utf-8")
    assert re.search(r"<code>([0-9a-f]{40}|unknown)</code>", page)
    assert "pandas" in page and "papermill" in page
    assert not re.search(r"\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d", page)


def test_links_resolve_within_the_report(built):
    out, _ = built
    for page in out.rglob("*.html"):
        for target in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "data:")):
                continue  # a link out to a source, or an inline CSV download
            assert (page.parent / target).resolve().is_file(), f"{page}: broken link {target}"


def test_index_links_other_language_and_chapters(built):
    out, _ = built
    zh = (out / "zh" / "index.html").read_text(encoding="utf-8")
    en = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/index.html"' in zh and 'href="../zh/index.html"' in en
    assert 'href="01_sources.html"' in zh and "来源与覆盖范围" in zh
    assert "Sources and coverage" in en and '<html lang="en">' in en


def test_pages_load_nothing_from_the_network(built):
    out, _ = built
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not NETWORK.search(text), f"{page} loads from the network"
        for link in re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', text):
            assert 'rel="noreferrer"' in link, link
        assert "<script src" not in text
        assert "@import" not in text


def test_pages_show_no_code_parameters_or_errors(built):
    out, _ = built
    for page in out.rglob("[0-9][0-9]_*.html"):
        text = page.read_text(encoding="utf-8")
        assert "seeds_dir" not in text, f"{page} shows the parameters cell"
        assert "NBVAL_CHECK_OUTPUT" not in text
        # prose (markdown cells) sits in an input area; code never shows (no editor, no prompt)
        assert "jp-InputArea-editor" not in text and "jp-InputPrompt" not in text
        assert "Traceback" not in text
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text


def test_executed_notebooks_have_no_warnings_or_missing_glyphs(built):
    _, build = built
    executed = sorted(build.glob("*/[0-9][0-9]_*.ipynb"))  # chapters 01…10
    assert len(executed) == 2 * len(list_chapters())
    for path in executed:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", f"{path}: {output}"
                if output.get("name") == "stderr":
                    pytest.fail(f"{path}: stderr output {output['text'][:300]}")
                assert "Glyph" not in str(output.get("text", "")), f"{path}: missing glyph"


def test_chapter_shows_figures_from_the_data(built):
    out, _ = built
    en = (out / "en" / "01_sources.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', en)) == 2
    assert 'alt="Publication dates of the source documents"' in en
    assert "hkubs_ft" in en and "2024-09-19" in en
    assert "5 documents published between 2023-10 and 2024-09-19" in en


def test_two_builds_are_byte_identical(built, tmp_path):
    out, _ = built
    again = tmp_path / "again"
    build_report(out_dir=again, build_dir=tmp_path / "build")
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_charts_taken_from_the_cache_leave_every_page_byte_identical(built, tmp_path):
    """A rebuild whose chapters must execute again takes each unchanged chart's PNG from the
    chart cache instead of drawing it: every page is the same as when it was drawn."""
    out, build = built
    charts = sorted((build / "cache" / "charts").rglob("*.json"))
    assert len(charts) >= 10, "the first build kept no charts"
    stamps = {path: path.stat().st_mtime_ns for path in charts}
    again = tmp_path / "again"
    shutil.copytree(build / "cache" / "charts", tmp_path / "b" / "cache" / "charts")
    outcomes = build_report(out_dir=again, build_dir=tmp_path / "b", verbosity=0)
    assert outcomes and not any(o.cached for o in outcomes)  # every chapter executed again
    kept = sorted((tmp_path / "b" / "cache" / "charts").rglob("*.json"))
    assert [p.relative_to(tmp_path / "b") for p in kept] == [
        p.relative_to(build) for p in charts
    ]  # no chart was drawn again
    assert all(p.stat().st_mtime_ns == stamps[build / p.relative_to(tmp_path / "b")] for p in kept)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_failed_build_leaves_published_report_intact(built, seeds_copy, tmp_path):
    out, _ = built
    published = tmp_path / "published"
    shutil.copytree(out, published)
    before = {p: p.read_bytes() for p in published.rglob("*") if p.is_file()}
    (seeds_copy / "000_19624ce7a458252b.txt").write_text("changed", encoding="utf-8")
    with pytest.raises(Exception, match="sha256 mismatch"):
        build_report(seeds_dir=seeds_copy, out_dir=published, build_dir=tmp_path / "b")
    assert {p: p.read_bytes() for p in published.rglob("*") if p.is_file()} == before
    assert not [p for p in published.iterdir() if p.name.startswith(".staging-")]


def test_rebuild_without_changes_comes_from_cache(built, tmp_path):
    out, build = built
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = tmp_path / "again"
    outcomes = build_report(out_dir=again, build_dir=build, verbosity=0)
    assert outcomes and all(o.cached for o in outcomes)
    after = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert after == before  # site pages from the cache included


def test_site_pages_from_the_cache_follow_an_edit_of_the_data(built, tmp_path):
    out, build = built
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    rows = (data / "i18n.csv").read_text(encoding="utf-8")
    title = next(line for line in rows.splitlines() if line.startswith("report.title,"))
    retitled = title.replace("report.title,", "report.title,Edited ", 1)
    (data / "i18n.csv").write_text(rows.replace(title, retitled, 1), encoding="utf-8")
    again = tmp_path / "again"
    build_report(langs=("zh",), data_dir=data, out_dir=again, build_dir=build, verbosity=0)
    assert "Edited " in (again / "zh" / "index.html").read_text(encoding="utf-8")
    sources = load_sources(paths.SEEDS_DIR)
    fresh = tmp_path / "fresh"
    write_site_pages(
        fresh, "zh", list_chapters(), sources, paths.SEEDS_DIR, data, check_as_of("", sources),
        paths.SNAPSHOTS_DIR,
    )  # fmt: skip
    for page in sorted(fresh.rglob("*")):
        if page.is_file():
            name = page.relative_to(fresh)
            assert (again / name).read_bytes() == page.read_bytes(), name


def test_no_cache_executes_everything(tmp_path):
    outcomes = build_report(
        langs=("en",),
        out_dir=tmp_path / "r",
        build_dir=tmp_path / "b",
        use_cache=False,
        verbosity=0,
    )
    assert outcomes and not any(o.cached for o in outcomes)


def test_output_inside_seeds_is_refused(tmp_path):
    from helpers.errors import UserError

    with pytest.raises(UserError, match="inside the seeds folder"):
        build_report(out_dir=paths.SEEDS_DIR / "out", build_dir=tmp_path)


def execute_with_defaults(notebook: Path, out: Path) -> Path:
    """Run a chapter as a JupyterLab user would: default parameters, cwd notebooks/."""
    return run_papermill(notebook, out)


def list_html_outputs(path: Path) -> list[str]:
    """Return every text/html output of a notebook, in order (tables, prose, captions)."""
    notebook = nbformat.read(path, as_version=4)
    return [
        "".join(output["data"]["text/html"])
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "text/html" in output.get("data", {})
    ]


def test_running_in_jupyterlab_shows_the_same_tables_as_the_report(built, tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    _, build = built
    chapters = list_chapters()
    with ProcessPoolExecutor(max_workers=2) as pool:
        outs = list(
            pool.map(execute_with_defaults, chapters, [tmp_path / c.name for c in chapters])
        )
    for chapter, out in zip(chapters, outs, strict=True):
        lab = list_html_outputs(out)
        report = list_html_outputs(build / "zh" / chapter.name)
        assert lab and lab == report, chapter.name


def test_kernel_that_dies_at_start_is_started_again(monkeypatch, tmp_path):
    import papermill

    calls = []

    def flaky(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    assert run_papermill(tmp_path / "a.ipynb", tmp_path / "b.ipynb") == tmp_path / "b.ipynb"
    assert len(calls) == 2


def test_other_kernel_errors_are_not_retried(monkeypatch, tmp_path):
    import papermill

    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise RuntimeError("something else")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(RuntimeError, match="something else"):
        run_papermill(tmp_path / "a.ipynb", tmp_path / "b.ipynb")
    assert len(calls) == 1


# ---------------------------------------------------------------- chapter records
RECORDS_MIME = "application/vnd.china-us-ai-report.records+json"


def read_records(executed: Path) -> dict:
    """Return the values a chapter recorded by name (its ``check`` cell's output)."""
    notebook = nbformat.read(executed, as_version=4)
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            found.update(output.get("data", {}).get(RECORDS_MIME, {}))
    return found


SEED_RECORDS = {
    "02_models": {
        "superclue_gpt4o": 81,
        "superclue_qwen2": 77,
        "hku_en_ernie": 5,
        "hku_zh_ernie": 1,
        # open data, counted by hand in the snapshot CSVs (see tests/test_primary_views.py)
        "models_2023": {"CN": 95, "US": 185},
        "notable_models_2023": {"CN": 22, "US": 79},
        "eci_records": 23,
        "eci_gap_deepseek_v3": [8.44, 3.4],
        "mmlu_qwen2_72b": 84.2,
    },
    "03_research": {"papers_cn": 12450, "papers_us": 12030},
    "04_patents": {"top20_firms_cn": 14, "top20_firms_us": 4},
    "05_talent": {"top_researchers_cn_2022": 47, "top2pct_us_2022": 28},
    "06_industry": {"regions": 15, "regions_total": 117},
    "07_compute_data": {
        "gpus_10k_firms_cn": 5,
        "chinese_corpus_share": 1.3,
        "largest_compute_2023": {
            "CN": ["Qwen-72B", 1.3e24],
            "US": ["Gemini 1.0 Ultra", 5.0000000001e25],  # the producer's figure as written
        },
    },
    "08_open_data": {
        "checks": 27,
        "verdicts": {
            "consistent": 2,
            "contradicted": 2,
            "different definition": 14,
            "not checkable": 9,
        },
        "contradicted": ["cc-005", "cc-009"],
    },
    "09_scorecard": {
        "primary_leaders": {
            "epoch_eci_frontier": ["2024-09-19", "US"],
            "epoch_largest_training_compute": ["2023", "US"],
            "epoch_models_per_year": ["2023", "US"],
        },
    },
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapters_record_the_seed_figures_that_must_stay_true(built, lang):
    _, build = built
    for stem, expected in SEED_RECORDS.items():
        records = read_records(build / lang / f"{stem}.ipynb")
        assert {k: records.get(k) for k in expected} == expected, stem


def test_sources_and_methodology_records_match_the_inputs(built):
    from helpers.ledger import load_excluded, load_facts

    _, build = built
    sources = load_sources(paths.SEEDS_DIR)
    records = read_records(build / "en" / "01_sources.ipynb")
    assert records["documents"] == sorted(s.source_id for s in sources)
    assert records["characters"] == {s.source_id: len(s.text) for s in sources}
    counts = read_records(build / "en" / "10_methodology.ipynb")
    facts = load_facts(paths.DATA_DIR)
    assert counts["n_documents"] == len(sources)
    assert counts["n_facts"] == len(facts) == counts["n_reviewed"] + counts["n_drafts"]
    assert counts["n_excluded"] == len(load_excluded(paths.DATA_DIR))
    assert counts["n_standins"] == int((facts["period_source"] == "published").sum()) > 0
    checks = pv.read_claim_checks(paths.DATA_DIR)
    assert counts["n_checks"] == len(checks) > 0  # the page sees claim_checks.csv: declared
    scorecard = read_records(build / "zh" / "09_scorecard.ipynb")
    assert scorecard["dimensions"] == [
        "models",
        "research",
        "patents",
        "talent",
        "industry",
        "compute",
        "data",
        "policy",
    ]


def test_the_report_shows_no_records(built):
    out, _ = built
    for page in out.rglob("*.html"):
        assert "recorded:" not in page.read_text("utf-8"), page


# ---------------------------------------------------------------- each page in its language
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
ENGLISH_PROSE = re.compile(
    r"\b(?:the|of|and|in|to|is|for|on|with|from|by|not|are)\b(?:\s+[A-Za-z][a-z]+){2,}"
    r"|\b[A-Za-z][a-z]+(?:\s+[A-Za-z][a-z]+){1,}\s+(?:the|of|and|in|to|is|for|on|with|from|by)\b",
)


class LanguageWalker(HTMLParser):
    """Collect each text node (and alt text) with the language in force where it stands."""

    VOID = {"meta", "link", "img", "br", "hr", "input", "col", "area", "base", "source", "wbr"}

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack = [page_lang]
        self.found: list[tuple[str, str]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self.stack[-1])
        if tag == "img" and attrs.get("alt"):
            self.found.append((lang, attrs["alt"]))
        if tag not in self.VOID:
            self.stack.append(lang)
            self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        if tag not in self.VOID and len(self.stack) > 1:
            self.stack.pop()
            self.skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.found.append((self.stack[-1], data))


def text_in_wrong_language(page: Path, lang: str) -> list[str]:
    """Return text of the other language standing outside an element marked with its lang."""
    walker = LanguageWalker({"en": "en", "zh": "zh-Hans"}[lang])
    walker.feed(page.read_text("utf-8"))
    wrong = []
    for where, text in walker.found:
        if lang == "en" and CJK.search(text) and not where.startswith("zh"):
            wrong.append(text.strip()[:60])
        if lang == "zh" and where.startswith("zh") and ENGLISH_PROSE.search(text):
            wrong.append(text.strip()[:60])
    return wrong


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_is_in_its_language_and_marks_the_other(built, lang):
    out, _ = built
    problems = {
        page.name: text_in_wrong_language(page, lang)
        for page in sorted((out / lang).glob("*.html"))
    }
    assert {k: v[:5] for k, v in problems.items() if v} == {}
