"""Build the HTML report: execute each chapter per language with papermill, convert, publish."""

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from helpers import buildcache, chartcache, paths, publish, workspace
from helpers.buildrun import start_runner
from helpers.chapterdata import render_view, write_view
from helpers.contents import list_chapters, read_declared_inputs
from helpers.corpus import load_sources
from helpers.errors import UserError, escape_line
from helpers.execute import convert_chapter, execute_notebook
from helpers.i18n import LANGS, Catalog, check_lang
from helpers.periods import check_as_of
from helpers.site import write_site_pages


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
    snapshots_dir: Path | None = None  # given to the chapters that declare snapshots
    kernel_name: str = "python3"
    chart_cache: Path | None = None  # the kernel keeps and reuses chart PNGs there


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


def run_job(job: Job) -> Outcome:
    """Produce one chapter page: from the cache when its inputs are unchanged, else execute."""
    started = time.perf_counter()
    files = {"executed.ipynb": job.executed, "page.html": job.page}
    if job.cache_dir and buildcache.fetch(job.cache_dir, job.key, files):
        return Outcome(job, True, time.perf_counter() - started)
    parameters = {
        "lang": job.lang,
        "seeds_dir": str(job.seeds_dir),
        "data_dir": str(job.data_dir),
        "as_of": job.as_of,
    }
    if job.snapshots_dir is not None:
        parameters["snapshots_dir"] = str(job.snapshots_dir)
    if job.chart_cache is None:  # the kernel inherits this process's environment
        os.environ.pop(chartcache.ENV, None)
    else:
        os.environ[chartcache.ENV] = str(job.chart_cache)
    execute_notebook(job.notebook, job.executed, parameters, job.cwd, job.kernel_name)
    catalog = Catalog(job.lang, job.data_dir)
    title = catalog.text(f"chapter.{job.notebook.stem}.title")
    job.page.parent.mkdir(parents=True, exist_ok=True)
    job.page.write_text(convert_chapter(job.executed, catalog, title), "utf-8")
    if job.cache_dir:
        buildcache.store(job.cache_dir, job.key, files)
    return Outcome(job, False, time.perf_counter() - started)


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
    snapshots_dir: Path = paths.SNAPSHOTS_DIR,
    warm: bool = True,
) -> list[Outcome]:
    """Check the inputs, execute and convert every chapter, then publish into ``out_dir``.

    The build works on its own snapshot of the inputs in a private work folder, makes every
    page there, then stages the pages inside ``out_dir`` and swaps each language in whole,
    under the folder's lock.
    """
    langs = tuple(check_lang(lang) for lang in langs)
    seeds_dir, data_dir = Path(seeds_dir).resolve(), Path(data_dir).resolve()
    build_dir, snapshots_dir = Path(build_dir).resolve(), Path(snapshots_dir).resolve()
    inputs = {"seeds": seeds_dir, "data": data_dir, "notebooks": Path(notebooks_dir)}
    out = check_out_dir(out_dir, inputs, langs, build_dir)
    workspace.claim_build_dir(build_dir, inputs)
    work = workspace.make_work_dir(build_dir)
    try:
        snap = workspace.take_snapshot(work / "inputs", seeds_dir, data_dir, notebooks_dir)
        sources = load_sources(snap.seeds, shown_as=inputs["seeds"])
        given_as_of, as_of = as_of, check_as_of(as_of, sources)
        cache_dir = build_dir / "cache" if use_cache else None
        trees: dict[Path, str] = {}  # folder hashes shared by this build's cache keys
        try:
            jobs = plan_jobs(snap, work, langs, as_of, cache_dir, inputs, snapshots_dir, trees)
        except Exception:  # input so broken the plan fails: validation names it in one line
            check_snapshot(snap, inputs, given_as_of, snapshots_dir)
            raise

        def check_and_write_site() -> None:
            check_snapshot(snap, inputs, given_as_of, snapshots_dir)
            for lang in langs:  # say it now rather than after every chapter has run
                publish.check_replaceable(out / lang)
            write_site(work / "site", langs, snap, sources, as_of, cache_dir, snapshots_dir, trees)

        todo = sum(not buildcache.is_cached(cache_dir, job.key) for job in jobs)
        # workers and kernels start first; the inputs are validated and the site pages written
        # while the workers execute chapters into the work folder; --out is touched only after
        with start_runner(work, workers, todo, warm, langs) as runner:
            done = runner.run(run_job, jobs, verbosity, meanwhile=check_and_write_site)
        outcomes = sorted(done, key=lambda o: (o.job.lang, o.job.notebook.name))
        publish_pages(out, langs, work, verbosity)
        keep_executed(work, build_dir, langs)
    finally:
        workspace.remove_work_dir(work)
    if verbosity > 0:
        say_written(out, outcomes)
    return outcomes


def say_written(out: Path, outcomes: list[Outcome]) -> None:
    """Print where the report went and how many pages were executed or taken from the cache."""
    executed = sum(not o.cached for o in outcomes)
    print(
        f"report written to {escape_line(str(out))} ({executed} of {len(outcomes)} chapter "
        f"pages executed, {len(outcomes) - executed} from cache)",
        file=sys.stderr,
    )


def write_site(
    folder: Path, langs, snap, sources, as_of: str, cache_dir, snapshots_dir: Path, trees: dict
) -> None:
    """Write every language's site pages (index, sources, data, build) into ``folder``, or copy
    them from the cache when nothing they show has changed."""
    chapters = list_chapters(snap.notebooks)
    keys = {}
    if cache_dir:
        keys = buildcache.compute_site_keys(langs, as_of, snap.seeds, snap.data, chapters, trees)
    for lang in langs:
        if keys and buildcache.fetch_tree(cache_dir, keys[lang], folder / lang):
            continue
        write_site_pages(
            folder, lang, chapters, sources, snap.seeds, snap.data, as_of, snapshots_dir
        )
        if keys:
            buildcache.store_tree(cache_dir, keys[lang], folder / lang)


def publish_pages(out: Path, langs, work: Path, verbosity: int) -> None:
    """Under the output folder's lock, stage each language's site pages (``work/site``) and
    chapter pages (``work/pages``), then swap each language in whole."""
    out.mkdir(parents=True, exist_ok=True)
    with publish.lock_output(out, verbosity):
        publish.recover_swaps(out, LANGS)
        publish.remove_stale_stages(out)
        for lang in langs:
            publish.check_replaceable(out / lang)
        stage = publish.make_stage(out)
        try:
            for lang in langs:
                publish.copy_into(work / "site" / lang, stage / lang)
                publish.copy_into(work / "pages" / lang, stage / lang)
            publish.swap_in(stage, out, langs)
        finally:
            publish.remove_stage(stage)


def check_snapshot(snap, shown: dict, as_of: str, snapshots_dir: Path) -> None:
    """Validate the snapshot as ``validate`` does, after checking every primary-data snapshot
    (one line for a missing or altered file)."""
    from helpers.snapshots import SNAPSHOTS_FILE, load_snapshots, verified_path
    from helpers.validate import validate_or_raise

    if (snap.data / SNAPSHOTS_FILE).is_file():
        for snapshot in load_snapshots(snap.data):
            verified_path(snapshot.snapshot_id, snapshots_dir, snap.data)
    validate_or_raise(snap.data, snap.seeds, shown["seeds"], snap.notebooks, as_of, snapshots_dir)


def plan_jobs(snap, work: Path, langs, as_of: str, cache_dir, shown, snapshots_dir, trees):
    """Return one job per chapter and language, keyed on the snapshot's contents, its page and
    executed notebook in ``work``. Each chapter reads its own view of the data
    (``helpers.chapterdata``) and is keyed on that folder; one that declares primary-data
    snapshots is given their folder."""
    chapters = {nb: read_declared_inputs(nb) for nb in list_chapters(snap.notebooks)}
    views = {
        nb: write_view(render_view(snap.data, inputs), work / "views" / nb.stem)
        for nb, inputs in chapters.items()
    }
    charts = buildcache.chart_cache_dir(cache_dir, trees) if cache_dir else None
    return [
        Job(
            notebook=notebook,
            executed=work / lang / notebook.name,
            page=work / "pages" / lang / f"{notebook.stem}.html",
            lang=lang,
            seeds_dir=snap.seeds,
            data_dir=views[notebook],
            key=buildcache.compute_job_key(
                notebook, {"lang": lang, "as_of": as_of}, snap.seeds, views[notebook], trees
            ),
            cache_dir=cache_dir,
            as_of=as_of,
            cwd=Path(shown["notebooks"]).resolve(),
            snapshots_dir=snapshots_dir if inputs.get("snapshots") else None,
            chart_cache=charts,
        )
        for lang in langs
        for notebook, inputs in chapters.items()
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
