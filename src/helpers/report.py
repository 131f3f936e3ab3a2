"""Build the HTML report: execute each chapter per language with papermill, convert, publish."""

import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers import buildcache, narrative, pages, paths
from helpers.corpus import load_sources
from helpers.errors import UserError
from helpers.i18n import LANGS, check_lang, format_number, translate

CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
KERNEL_START_ATTEMPTS = 3
REMOVED_TAGS = ("parameters", "injected-parameters", "papermill-error-cell-tag", "notes", "check")


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
    as_of: str = ""


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


def run_papermill(notebook: Path, out: Path, parameters: dict | None = None) -> Path:
    """Execute ``notebook`` into ``out`` with papermill's Python API, as the report does.

    Kernel ``python3`` (this environment's), cwd the notebook's folder, no progress bar.
    """
    import papermill

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters=parameters or {},
                kernel_name="python3",
                cwd=str(Path(notebook).parent),
                progress_bar=False,
                log_output=False,
                # ipykernel 7 warns on stderr about unencrypted local TCP on every start
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
            return Path(out)
        except RuntimeError as exc:
            # jupyter_client picks free TCP ports before the kernel binds them; with several
            # kernels starting at once another process can take one first and the kernel dies
            # before its first reply. Nothing has run yet, so starting it again is safe.
            if "Kernel died before replying" not in str(exc) or attempt == KERNEL_START_ATTEMPTS:
                raise
    return Path(out)


def execute_notebook(job: Job) -> Path:
    """Execute one chapter with papermill; raise UserError naming the cell when it fails."""
    from papermill.exceptions import PapermillExecutionError

    job.executed.parent.mkdir(parents=True, exist_ok=True)
    parameters = {
        "lang": job.lang,
        "seeds_dir": str(job.seeds_dir),
        "data_dir": str(job.data_dir),
        "as_of": job.as_of,
    }
    try:
        run_papermill(job.notebook, job.executed, parameters)
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
        "language_code": pages.HTML_LANG[lang],
        "report_css": pages.read_css(),
        "report_nav": pages.render_nav(lang, f"{executed.stem}.html", data_dir),
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


def describe_facts(lang: str, facts: pd.DataFrame, metrics: pd.DataFrame, data_dir: Path):
    """Return the facts of one source as a display table in ``lang``."""
    names = dict(zip(metrics["metric_id"], metrics[f"name_{lang}"], strict=False))
    shown = pd.DataFrame(
        {
            translate("col.fact_id", lang, data_dir): facts["fact_id"],
            translate("col.metric", lang, data_dir): facts["metric_id"].map(names),
            translate("col.entity", lang, data_dir): facts["entity"],
            translate("col.value", lang, data_dir): [
                narrative.format_quantity(v, h, u, a, lang, data_dir)
                for v, h, u, a in zip(
                    facts["value"], facts["high"], facts["unit"], facts["approx"], strict=True
                )
            ],
            translate("col.period", lang, data_dir): facts["period"],
            translate("col.quote", lang, data_dir): facts["quote"],
        }
    )
    return shown


def describe_mentions(lang: str, source, data_dir: Path) -> pd.DataFrame:
    """Return the numbers the parser finds in an uncurated source's body, with their sentences."""
    from helpers.numbers import find_mentions

    rows = [
        {
            translate("col.surface", lang, data_dir): m.surface,
            translate("col.kind", lang, data_dir): m.kind,
            translate("col.value", lang, data_dir): format_mention_value(m, lang),
            translate("col.sentence", lang, data_dir): m.sentence,
        }
        for m in find_mentions(source.text, source.file)
        if m.section == "body"
    ]
    return pd.DataFrame(rows)


def format_mention_value(mention, lang: str) -> str:
    """Return a parser mention's value for display: years plain, dates as written, else grouped."""
    if mention.kind == "date":
        return mention.surface
    if mention.kind == "year":
        return str(int(mention.value))
    number = format_number(mention.value, lang)
    if mention.high is not None:
        number = f"{number}–{format_number(mention.high, lang)}"
    return number


def load_ledger(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (facts, metrics) from ``data_dir``; empty tables where the ledger has no file yet."""
    if not (Path(data_dir) / "facts.csv").is_file():
        empty = pd.DataFrame(columns=["fact_id", "metric_id", "source_id"])
        return empty, pd.DataFrame(columns=["metric_id", "name_zh", "name_en"])
    from helpers.facts import load_facts, load_metrics

    return load_facts(data_dir), load_metrics(data_dir)


def check_as_of(as_of: str, sources) -> str:
    """Return the report date: ``as_of`` if it is an ISO date, else the newest source date."""
    from helpers.chapter import newest_published
    from helpers.tables import parse_period_bounds

    if not as_of:
        return newest_published(sources)
    try:
        parse_period_bounds(as_of)
    except ValueError:
        raise UserError(f"--as-of {as_of!r} is not an ISO date; write YYYY-MM-DD") from None
    return as_of


def render_findings(lang: str, facts, metrics, data_dir: Path, as_of: str) -> str:
    """Return the index's headline findings and scorecard as escaped HTML."""
    from helpers import findings
    from helpers.tables import build_scorecard

    if facts.empty:
        return ""
    items = "\n".join(
        f'<li class="finding">{pages.escape(s)}</li>'
        for s in findings.list_findings(facts, metrics, lang, data_dir)
    )
    card = findings.format_scorecard(build_scorecard(facts, metrics, as_of), lang, data_dir)
    note = pages.escape(translate("report.findings.note", lang, data_dir))
    return (
        f"<h2>{pages.escape(translate('report.findings', lang, data_dir))}</h2>\n"
        f'<p>{note}</p>\n<ul class="findings">\n{items}\n</ul>\n'
        f"<h2>{pages.escape(translate('report.scorecard', lang, data_dir))}</h2>\n"
        f"<p>{pages.escape(translate('scorecard.method', lang, data_dir, as_of=as_of))}</p>\n"
        f"{pages.render_table(card)}"
    )


def write_site_pages(
    stage: Path,
    lang: str,
    chapters: list[Path],
    sources,
    seeds_dir: Path,
    data_dir: Path,
    as_of: str = "",
) -> None:
    """Write one language's index, sources, data and build pages into ``stage/lang``."""
    out = stage / lang
    entries = [(nb.stem, translate(f"chapter.{nb.stem}.title", lang, data_dir)) for nb in chapters]
    facts, metrics = load_ledger(data_dir)
    sections = []
    for source in sources:
        own = facts[facts["source_id"] == source.source_id]
        shown = describe_facts(lang, own, metrics, data_dir) if len(own) else pd.DataFrame()
        mentions = pd.DataFrame() if len(own) else describe_mentions(lang, source, data_dir)
        sections.append(pages.render_source(lang, source, shown, mentions, data_dir))
    files = pages.copy_downloads(out / "data", seeds_dir, data_dir)
    written = {
        "index.html": pages.render_index(
            lang, entries, sources, data_dir, render_findings(lang, facts, metrics, data_dir, as_of)
        ),
        "sources.html": pages.render_sources(lang, sections, data_dir),
        "data.html": pages.render_data(lang, files, data_dir),
        "build.html": pages.render_build(lang, sources, data_dir),
    }
    for name, page in written.items():
        (out / name).write_text(page, encoding="utf-8")


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
    as_of: str = "",
) -> list[Outcome]:
    """Check the inputs, execute and convert every chapter, then publish into ``out_dir``."""
    langs = tuple(check_lang(lang) for lang in langs)
    seeds_dir, data_dir = Path(seeds_dir).resolve(), Path(data_dir).resolve()
    out = check_out_dir(out_dir, seeds_dir, data_dir)
    sources = load_sources(seeds_dir)
    from helpers.validate import validate_or_raise

    validate_or_raise(data_dir, seeds_dir)  # nothing is published from data that fails its checks
    as_of = check_as_of(as_of, sources)
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
            key=buildcache.compute_job_key(
                notebook, {"lang": lang, "as_of": as_of}, seeds_dir, data_dir
            ),
            cache_dir=build_dir / "cache" if use_cache else None,
            as_of=as_of,
        )
        for lang in langs
        for notebook in chapters
    ]
    try:
        outcomes = run_jobs(jobs, workers, verbosity)
        for lang in langs:
            write_site_pages(stage, lang, chapters, sources, seeds_dir, data_dir, as_of)
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
