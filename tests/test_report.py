"""End-to-end tests for helpers.report: both languages built, offline, deterministic, escaped."""

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import paths
from helpers.contents import list_chapters
from helpers.corpus import load_sources
from helpers.execute import run_papermill
from helpers.report import build_report
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
    for page in out.rglob("0*.html"):
        text = page.read_text(encoding="utf-8")
        assert "seeds_dir" not in text, f"{page} shows the parameters cell"
        assert "NBVAL_CHECK_OUTPUT" not in text
        assert 'class="jp-InputArea' not in text
        assert "Traceback" not in text
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text


def test_executed_notebooks_have_no_warnings_or_missing_glyphs(built):
    _, build = built
    executed = sorted(build.glob("*/0*.ipynb"))
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


def test_rebuild_without_changes_comes_from_cache(built):
    out, build = built
    outcomes = build_report(out_dir=out, build_dir=build, verbosity=0)
    assert outcomes and all(o.cached for o in outcomes)


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
