"""Build the HTML report: execute each chapter per language with papermill, convert, publish."""

import os
import shutil
import sys
import time
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers import buildcache, narrative, pages, paths, publish, workspace
from helpers.contents import list_chapters
from helpers.corpus import load_sources
from helpers.errors import UserError, escape_line
from helpers.i18n import LANGS, check_lang, format_number, translate
from helpers.periods import check_as_of
from helpers.workers import make_pool, stop_pool

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
    cwd: Path | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to one job: taken from the cache or executed, and how long it took."""

    job: Job
    cached: bool
    seconds: float


def check_out_dir(out_dir: Path, inputs: dict[str, Path], langs, build_dir: Path) -> Path:
    """Return the resolved output folder; refuse one that overlaps an input or the tool itself.

    Publishing replaces ``OUT/<lang>``: no input may lie there, and ``OUT`` may not lie inside
    an input, the package or the build folder.
    """
    if not str(out_dir).strip():
        raise UserError("--out is empty; pass the folder to publish the report into")
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise UserError(f"{escape_line(str(out_dir))}: output path is a file; pass --out a folder")
    guarded = {**inputs, "package": paths.PACKAGE_DIR, "build": Path(build_dir)}
    for name, folder in guarded.items():
        folder = Path(folder).resolve()
        if out == folder or folder in out.parents:
            raise UserError(
                f"{escape_line(str(out_dir))}: output folder is inside the {name} folder "
                f"{escape_line(str(folder))}; pass --out a folder outside it"
            )
    for name, folder in inputs.items():
        folder = Path(folder).resolve()
        for lang in langs:
            target = out / lang
            if folder == target or target in folder.parents:
                where = "is" if folder == target else "lies inside"
                raise UserError(
                    f"the {name} folder {escape_line(str(folder))} {where} "
                    f"{escape_line(str(target))}, which publishing replaces; pass --out "
                    "another folder"
                )
    return out


def run_papermill(
    notebook: Path, out: Path, parameters: dict | None = None, cwd: Path | None = None
) -> Path:
    """Execute ``notebook`` into ``out`` with papermill's Python API, as the report does.

    Kernel ``python3`` (this environment's), cwd ``cwd`` (default: the notebook's folder), no
    progress bar.
    """
    import papermill

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(notebook),
                str(out),
                parameters=parameters or {},
                kernel_name="python3",
                cwd=str(cwd or Path(notebook).parent),
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
        # the kernel runs in the user's notebooks folder, as in JupyterLab; never in the build's
        # snapshot, which is deleted when the build ends (a kernel still starting would fail)
        run_papermill(job.notebook, job.executed, parameters, cwd=job.cwd)
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
            pool = make_pool(workers)
            try:
                futures = [pool.submit(run_job, job) for job in jobs]
                for future in as_completed(futures):
                    record(future.result())
            except BaseException:
                stop_pool(pool)  # Ctrl-C or a failed chapter: no worker goes on alone
                raise
            pool.shutdown(wait=True)
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
    from helpers.ledger import load_facts, load_metrics

    return load_facts(data_dir), load_metrics(data_dir)


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
    """Check the inputs, execute and convert every chapter, then publish into ``out_dir``.

    The build works on its own snapshot of the inputs in a private work folder, stages the
    pages inside ``out_dir`` and swaps each language in whole, under the folder's lock.
    """
    langs = tuple(check_lang(lang) for lang in langs)
    seeds_dir, data_dir = Path(seeds_dir).resolve(), Path(data_dir).resolve()
    build_dir = Path(build_dir).resolve()
    inputs = {"seeds": seeds_dir, "data": data_dir, "notebooks": Path(notebooks_dir)}
    out = check_out_dir(out_dir, inputs, langs, build_dir)
    work = workspace.make_work_dir(build_dir)
    try:
        snap = workspace.take_snapshot(work / "inputs", seeds_dir, data_dir, notebooks_dir)
        sources, as_of = check_snapshot(snap, inputs, as_of, langs)  # before touching --out
        out.mkdir(parents=True, exist_ok=True)
        with publish.lock_output(out, verbosity):
            publish.recover_swaps(out, LANGS)
            publish.remove_stale_stages(out)
            for lang in langs:
                publish.check_replaceable(out / lang)
            stage = publish.make_stage(out)
            try:
                jobs = plan_jobs(snap, work, stage, langs, build_dir, use_cache, as_of, inputs)
                outcomes = run_jobs(jobs, workers, verbosity)
                chapters = list_chapters(snap.notebooks)
                for lang in langs:
                    write_site_pages(stage, lang, chapters, sources, snap.seeds, snap.data, as_of)
                publish.swap_in(stage, out, langs)
                keep_executed(work, build_dir, langs)
            finally:
                publish.remove_stage(stage)
    finally:
        workspace.remove_work_dir(work)
    if verbosity > 0:
        executed = sum(not o.cached for o in outcomes)
        print(
            f"report written to {escape_line(str(out))} ({executed} of {len(outcomes)} chapter "
            f"pages executed, {len(outcomes) - executed} from cache)",
            file=sys.stderr,
        )
    return outcomes


def check_snapshot(snap, shown: dict, as_of: str, langs) -> tuple[list, str]:
    """Validate the snapshot as ``validate`` does; return its sources and the report date."""
    from helpers.validate import validate_or_raise

    sources = load_sources(snap.seeds, shown_as=shown["seeds"])
    validate_or_raise(snap.data, snap.seeds, shown["seeds"], snap.notebooks, as_of)
    return sources, check_as_of(as_of, sources)


def plan_jobs(snap, work, stage, langs, build_dir, use_cache, as_of, shown) -> list[Job]:
    """Return one job per chapter and language, keyed on the snapshot's contents."""
    return [
        Job(
            notebook=notebook,
            executed=work / lang / notebook.name,
            page=stage / lang / f"{notebook.stem}.html",
            lang=lang,
            seeds_dir=snap.seeds,
            data_dir=snap.data,
            key=buildcache.compute_job_key(
                notebook, {"lang": lang, "as_of": as_of}, snap.seeds, snap.data
            ),
            cache_dir=build_dir / "cache" if use_cache else None,
            as_of=as_of,
            cwd=Path(shown["notebooks"]).resolve(),
        )
        for lang in langs
        for notebook in list_chapters(snap.notebooks)
    ]


def keep_executed(work: Path, build_dir: Path, langs) -> None:
    """Copy the executed notebooks to ``build_dir/<lang>/`` for readers to open (file by file)."""
    for lang in langs:
        target = build_dir / lang
        target.mkdir(parents=True, exist_ok=True)
        for executed in sorted((work / lang).glob("*.ipynb")):
            partial = target / f".{executed.name}.{os.getpid()}.tmp"
            shutil.copyfile(executed, partial)
            partial.replace(target / executed.name)
