"""Build the HTML report: execute each chapter per language with papermill, convert, publish."""

import html
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from helpers import buildcache, paths
from helpers.corpus import load_sources
from helpers.errors import UserError
from helpers.i18n import LANGS, check_lang, format_number, translate

CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
REMOVED_TAGS = ("parameters", "injected-parameters", "papermill-error-cell-tag", "notes", "check")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Job:
    """One chapter notebook to execute and convert in one language."""

    notebook: Path
    executed: Path
    page: Path
    lang: str
    seeds_dir: Path
    data_dir: Path
    key: str
    cache_dir: Path | None


@dataclass(frozen=True)
class Outcome:
    """What happened to one job: taken from the cache or executed, and how long it took."""

    job: Job
    cached: bool
    seconds: float


def list_chapters(notebooks_dir: Path = paths.NOTEBOOKS_DIR) -> list[Path]:
    """Return the numbered chapter notebooks in order."""
    chapters = sorted(Path(notebooks_dir).glob(CHAPTER_GLOB))
    if not chapters:
        raise UserError(
            f"{notebooks_dir}: no chapter notebooks (NN_name.ipynb); restore notebooks/"
        )
    return chapters


def check_out_dir(out_dir: Path, seeds_dir: Path, data_dir: Path) -> Path:
    """Return the resolved output directory, refusing a file or a place inside the inputs."""
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise UserError(f"{out_dir}: output path is a file; pass --out a directory")
    for name, inputs in (("seeds", seeds_dir), ("data", data_dir)):
        inputs = Path(inputs).resolve()
        if out == inputs or inputs in out.parents:
            raise UserError(
                f"{out_dir}: output directory is inside the {name} directory {inputs}; "
                "pass --out a directory outside the inputs"
            )
    return out


def execute_notebook(job: Job) -> Path:
    """Execute one chapter with papermill; raise UserError naming the cell when it fails."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    job.executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(job.executed),
            parameters={
                "lang": job.lang,
                "seeds_dir": str(job.seeds_dir),
                "data_dir": str(job.data_dir),
            },
            kernel_name="python3",
            cwd=str(job.notebook.parent),
            progress_bar=False,
            log_output=False,
            # ipykernel 7 warns on stderr about unencrypted local TCP on every start
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as exc:
        raise UserError(
            f"{job.notebook.name} ({job.lang}): cell {exc.exec_count} raised {exc.ename}: "
            f"{exc.evalue}; see {job.executed}"
        ) from None
    return job.executed


def run_job(job: Job) -> Outcome:
    """Produce one chapter page: from the cache when its inputs are unchanged, else execute."""
    started = time.perf_counter()
    files = {"executed.ipynb": job.executed, "page.html": job.page}
    if job.cache_dir and buildcache.fetch(job.cache_dir, job.key, files):
        return Outcome(job, True, time.perf_counter() - started)
    execute_notebook(job)
    title = translate(f"chapter.{job.notebook.stem}.title", job.lang, job.data_dir)
    job.page.parent.mkdir(parents=True, exist_ok=True)
    job.page.write_text(convert_chapter(job.executed, job.lang, title, job.data_dir), "utf-8")
    if job.cache_dir:
        buildcache.store(job.cache_dir, job.key, files)
    return Outcome(job, False, time.perf_counter() - started)


def run_jobs(jobs: list[Job], workers: int | None = None, verbosity: int = 1) -> list[Outcome]:
    """Run jobs in parallel across CPU cores (each notebook in its own kernel), with progress."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    progress = tqdm(
        total=len(jobs),
        desc="chapters",
        unit="nb",
        file=sys.stderr,
        disable=None if verbosity > 0 else True,
        leave=False,
    )
    outcomes = []

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        progress.update(1)
        if verbosity > 1:
            how = "cached" if outcome.cached else "executed"
            progress.write(
                f"{outcome.job.lang}/{outcome.job.notebook.name}: {how} in {outcome.seconds:.1f} s",
                file=sys.stderr,
            )

    try:
        if workers == 1:
            for job in jobs:
                record(run_job(job))
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(run_job, job) for job in jobs]
                try:
                    for future in as_completed(futures):
                        record(future.result())
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
    finally:
        progress.close()
    return sorted(outcomes, key=lambda o: (o.job.lang, o.job.notebook.name))


def render_nav(lang: str, page: str, data_dir: Path) -> str:
    """Return the escaped navigation bar: contents, and the same page in the other language."""
    other = next(code for code in LANGS if code != lang)
    home = html.escape(translate("report.home", lang, data_dir))
    switch = html.escape(translate("report.other_language", lang, data_dir))
    return (
        f'<a href="index.html">{home}</a>'
        f'<a href="../{other}/{html.escape(page)}" hreflang="{HTML_LANG[other]}">{switch}</a>'
    )


def read_css() -> str:
    """Return the report's stylesheet."""
    return (paths.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


def convert_chapter(executed: Path, lang: str, title: str, data_dir: Path) -> str:
    """Return the executed notebook as HTML without code, parameters, checks or error banners."""
    import nbformat  # imported here: slow (jsonschema), and not needed when the cache is warm
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    notebook = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(paths.TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=set(REMOVED_TAGS), enabled=True), enabled=True
    )
    resources = {
        "metadata": {"name": title},
        "language_code": HTML_LANG[lang],
        "report_css": read_css(),
        "report_nav": render_nav(lang, f"{executed.stem}.html", data_dir),
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


def render_index(lang: str, chapters: list[tuple[str, str]], sources, data_dir: Path) -> str:
    """Return the language's index page linking every chapter and the other language."""

    def text(key: str, **values) -> str:
        return html.escape(translate(key, lang, data_dir, **values))

    other = next(code for code in LANGS if code != lang)
    switch = (
        f'<a href="../{other}/index.html" hreflang="{HTML_LANG[other]}">'
        f"{text('report.other_language')}</a>"
    )
    items = "\n".join(
        f'<li><a href="{html.escape(stem)}.html">{html.escape(title)}</a></li>'
        for stem, title in chapters
    )
    summary = text(
        "report.documents_line",
        n_documents=format_number(len(sources), lang),
        n_chars=format_number(sum(len(s.text) for s in sources), lang),
    )
    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{text("report.title")}</title>
<style type="text/css">{read_css()}</style>
</head>
<body>
<nav class="report-nav">{switch}</nav>
<main>
<h1>{text("report.title")}</h1>
<p>{text("report.subtitle")}</p>
<p>{summary}</p>
<h2>{text("report.chapters")}</h2>
<ul class="chapters">
{items}
</ul>
</main>
</body>
</html>
"""


def write_index(stage: Path, lang: str, chapters: list[Path], sources, data_dir: Path) -> None:
    """Write one language's index page into ``stage/lang``."""
    entries = [(nb.stem, translate(f"chapter.{nb.stem}.title", lang, data_dir)) for nb in chapters]
    page = render_index(lang, entries, sources, data_dir)
    (stage / lang / "index.html").write_text(page, encoding="utf-8")


def remove_stale_stages(out: Path) -> None:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    for stage in out.parent.glob(f".{out.name}.staging-*"):
        pid = stage.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not is_running(int(pid)):
            shutil.rmtree(stage, ignore_errors=True)


def is_running(pid: int) -> bool:
    """Return True if a process with ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(stage: Path, out_dir: Path, langs) -> None:
    """Swap each built language into ``out_dir``; old pages stay until new ones are whole."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        target = out_dir / lang
        retired = stage / f"{lang}.previous"
        if target.exists():
            target.rename(retired)
        (stage / lang).rename(target)
        if retired.exists():
            shutil.rmtree(retired)


def build_report(
    langs=LANGS,
    seeds_dir: Path = paths.SEEDS_DIR,
    data_dir: Path = paths.DATA_DIR,
    out_dir: Path = paths.REPORTS_DIR,
    notebooks_dir: Path = paths.NOTEBOOKS_DIR,
    build_dir: Path = paths.BUILD_DIR,
    workers: int | None = None,
    use_cache: bool = True,
    verbosity: int = 1,
) -> list[Outcome]:
    """Check the inputs, execute and convert every chapter, then publish into ``out_dir``."""
    langs = tuple(check_lang(lang) for lang in langs)
    seeds_dir, data_dir = Path(seeds_dir).resolve(), Path(data_dir).resolve()
    out = check_out_dir(out_dir, seeds_dir, data_dir)
    sources = load_sources(seeds_dir)
    chapters = list_chapters(notebooks_dir)
    for lang in langs:
        for notebook in chapters:
            translate(f"chapter.{notebook.stem}.title", lang, data_dir)
    build_dir = Path(build_dir).resolve()
    remove_stale_stages(out)
    stage = out.parent / f".{out.name}.staging-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    jobs = [
        Job(
            notebook=notebook.resolve(),
            executed=build_dir / lang / notebook.name,
            page=stage / lang / f"{notebook.stem}.html",
            lang=lang,
            seeds_dir=seeds_dir,
            data_dir=data_dir,
            key=buildcache.compute_job_key(notebook, {"lang": lang}, seeds_dir, data_dir),
            cache_dir=build_dir / "cache" if use_cache else None,
        )
        for lang in langs
        for notebook in chapters
    ]
    try:
        outcomes = run_jobs(jobs, workers, verbosity)
        for lang in langs:
            write_index(stage, lang, chapters, sources, data_dir)
        publish(stage, out, langs)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if verbosity > 0:
        executed = sum(not o.cached for o in outcomes)
        print(
            f"report written to {out} ({executed} of {len(outcomes)} chapter pages executed, "
            f"{len(outcomes) - executed} from cache)",
            file=sys.stderr,
        )
    return outcomes
