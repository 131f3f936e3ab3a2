"""Command-line interface: ``python -m helpers extract|validate|report|fetch|add|draft``."""

import argparse
import signal
import sys
from pathlib import Path

from helpers import paths
from helpers.errors import (
    ProblemsError,
    UserError,
    describe_os_error,
    escape_line,
    is_stdout_gone,
    silence_stdout,
)
from helpers.i18n import LANGS  # noqa: E402 (after the stdlib imports above)

# What a command leaves behind when it is stopped (Ctrl-C, SIGTERM): said in its one line.
AFTER_STOP = {
    "report": "nothing was published (the published report, if any, was left as it was)",
    "extract": "the output is incomplete",
    "fetch": "build/snapshots holds only the snapshots already checked",
    "add": "nothing was added unless the command said so",
    "draft": "the ledger and any draft were left whole (each is written aside, then renamed)",
}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line naming the fix, exit status 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: {message}; see {self.prog} --help\n")


def to_path(text: str) -> Path:
    """Return a command-line path; an empty one is refused (it would mean the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty path; give a folder or file name")
    return Path(text)


def add_extract_parser(sub) -> None:
    """Add ``extract``: every numeric mention of documents, locally or on a Dask cluster."""
    ext = sub.add_parser("extract", help="list every numeric mention in documents")
    ext.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help='.txt file, .jsonl file (one {"id", "text"} per line) or folder tree',
    )
    ext.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format")
    ext.add_argument("--out", type=to_path, help="write to FILE instead of stdout")
    where = ext.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=int, default=None, help="processes (default: every core)")
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="run on the Dask cluster at tcp://HOST:PORT"
    )
    ext.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="refuse a document (file or JSONL line) over N bytes (default: 64 MiB)",
    )


def add_folder_options(command) -> None:
    """Add ``--seeds`` and ``--data``, which every command reading the ledger takes."""
    command.add_argument("--seeds", type=to_path, default=paths.SEEDS_DIR, help="seeds directory")
    command.add_argument("--data", type=to_path, default=paths.DATA_DIR, help="data directory")


def add_snapshots_option(command) -> None:
    """Add ``--snapshots``: the folder ``fetch`` put the primary-data snapshots in."""
    command.add_argument(
        "--snapshots",
        type=to_path,
        default=paths.SNAPSHOTS_DIR,
        help="folder of the fetched primary-data snapshots (default: build/snapshots)",
    )


def add_validate_parser(sub) -> None:
    """Add ``validate``: the checks ``report`` runs first, and nothing else."""
    val = sub.add_parser("validate", help="check the curated data against the sources")
    add_folder_options(val)
    add_snapshots_option(val)
    val.add_argument(
        "--as-of", default="", help="report date to check, as report takes it (partial ISO date)"
    )


def add_report_parser(sub) -> None:
    """Add ``report``: execute the chapters and publish the HTML report."""
    rep = sub.add_parser("report", help="execute the notebooks and publish the HTML report")
    rep.add_argument("--lang", choices=(*LANGS, "all"), default="all", help="report language")
    add_folder_options(rep)
    add_snapshots_option(rep)
    rep.add_argument("--out", type=to_path, default=paths.REPORTS_DIR, help="output directory")
    rep.add_argument(
        "--notebooks",
        type=to_path,
        default=paths.NOTEBOOKS_DIR,
        help="folder of chapter notebooks NN_name.ipynb (default: the project's notebooks/)",
    )
    rep.add_argument(
        "--as-of",
        default="",
        help="report date: YYYY, YYYY-MM or YYYY-MM-DD, a partial date meaning its last day "
        "(default: newest source)",
    )
    rep.add_argument(
        "--build-dir",
        type=to_path,
        default=paths.BUILD_DIR,
        help="folder for the build cache, executed notebooks and work folders "
        "(default: the project's build/)",
    )
    rep.add_argument("--no-cache", action="store_true", help="execute every chapter (cold build)")
    rep.add_argument("--jobs", type=int, default=None, help="parallel workers (default: cores)")
    rep.add_argument(
        "--cold-kernels",
        action="store_true",
        help="start every chapter's kernel from scratch, as JupyterLab does (slower)",
    )
    loud = rep.add_mutually_exclusive_group()
    loud.add_argument("--quiet", action="store_true", help="print nothing but errors")
    loud.add_argument("--verbose", action="store_true", help="say what ran and how long it took")


def add_fetch_parser(sub) -> None:
    """Add ``fetch``: the pinned primary-data snapshots into build/snapshots."""
    from helpers.snapshots import DEFAULT_OUT

    fet = sub.add_parser("fetch", help="put the pinned primary-data snapshots in build/snapshots")
    fet.add_argument("--mirror", type=Path, help="folder with copies of the snapshot files")
    fet.add_argument("--data", type=Path, default=paths.DATA_DIR, help="data directory")
    fet.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one subcommand per job."""
    parser = _Parser(
        prog="python -m helpers",
        description="Build the China–US AI report from source documents.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for add in (
        add_extract_parser,
        add_validate_parser,
        add_report_parser,
        add_fetch_parser,
        add_curation_parsers,
    ):
        add(sub)
    return parser


def add_curation_parsers(sub) -> None:
    """Add the ``add`` and ``draft`` subcommands (a new document, its proposed ledger rows)."""
    from helpers.corpus import LANGUAGES

    add = sub.add_parser("add", help="copy a new document into the seeds and list it")
    add.add_argument("file", type=to_path, metavar="FILE", help="the article as a .txt file")
    add.add_argument("--published", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--title", required=True, help="the article's title as published")
    add.add_argument("--source-id", help="lowercase id (default: from the file name)")
    for name in ("publisher", "author", "url", "title-en", "publisher-en"):
        add.add_argument(f"--{name}", default="", help=f"the sources.csv {name.replace('-', '_')}")
    add.add_argument(
        "--language",
        choices=LANGUAGES,
        help="script of the text (default: zh-Hans, or en for a text without Chinese)",
    )
    add.add_argument("--encoding", help="codec of a file not in UTF-8, e.g. gb18030")
    for p in (add, drf := sub.add_parser("draft", help="propose ledger rows for a document")):
        p.add_argument("--seeds", type=to_path, default=paths.SEEDS_DIR, help="seeds directory")
        p.add_argument("--data", type=to_path, default=paths.DATA_DIR, help="data directory")
    drf.add_argument("source_id", metavar="SOURCE_ID", help="the document's id in sources.csv")
    how = drf.add_mutually_exclusive_group()
    how.add_argument(
        "--apply", action="store_true", help="merge the reviewed draft into the ledger"
    )
    how.add_argument("--force", action="store_true", help="write over an existing draft")


def run_extract_command(args: argparse.Namespace) -> int:
    """Run ``extract``."""
    from helpers.extract import run_extract

    return run_extract(
        args.paths,
        fmt=args.format,
        out=args.out,
        jobs=args.jobs,
        scheduler=args.scheduler,
        max_bytes=args.max_bytes,
    )


def run_validate_command(args: argparse.Namespace) -> int:
    """Run ``validate``."""
    from helpers.validate import run_validate

    return run_validate(args.data, args.seeds, args.as_of, args.snapshots)


def run_add_command(args: argparse.Namespace) -> int:
    """Run ``add``."""
    from helpers.intake import run_add

    names = ("title", "published", "publisher", "author", "url", "title_en", "publisher_en",
             "language")  # fmt: skip
    fields = {name: getattr(args, name) or "" for name in names}
    return run_add(args.file, args.seeds, args.data, fields, args.source_id, args.encoding)


def run_draft_command(args: argparse.Namespace) -> int:
    """Run ``draft`` (or ``draft --apply``)."""
    from helpers.draft import run_draft

    return run_draft(args.source_id, args.seeds, args.data, args.force, args.apply)


def run_fetch_command(args: argparse.Namespace) -> int:
    """Run ``fetch``."""
    from helpers.snapshots import run_fetch

    return run_fetch(data_dir=args.data, out_dir=args.out, mirror=args.mirror)


def run_report_command(args: argparse.Namespace) -> int:
    """Run ``report``."""
    from helpers.report import build_report

    langs = LANGS if args.lang == "all" else (args.lang,)
    if args.jobs is not None and args.jobs < 1:
        raise UserError(f"--jobs {args.jobs}: give a positive number of workers")
    build_report(
        langs=langs,
        seeds_dir=args.seeds,
        data_dir=args.data,
        out_dir=args.out,
        notebooks_dir=args.notebooks,
        build_dir=args.build_dir,
        workers=args.jobs,
        use_cache=not args.no_cache,
        verbosity=0 if args.quiet else 2 if args.verbose else 1,
        as_of=args.as_of,
        snapshots_dir=args.snapshots,
        warm=not args.cold_kernels,
    )
    return 0


COMMANDS = {
    "extract": run_extract_command,
    "validate": run_validate_command,
    "add": run_add_command,
    "draft": run_draft_command,
    "fetch": run_fetch_command,
    "report": run_report_command,
}


def run_command(args: argparse.Namespace) -> int:
    """Dispatch parsed arguments to the module that does the job; return the exit status."""
    return COMMANDS[args.command](args)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; user errors become one line on stderr and a non-zero status."""
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        return run_command(args)
    except ProblemsError as exc:
        for line in exc.lines:
            print(escape_line(line), file=sys.stderr)
        print(f"error: {escape_line(exc.summary)}", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"error: {escape_line(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError as exc:
        if not is_stdout_gone():  # a socket or another pipe broke: the user's problem to see
            print(f"error: {escape_line(describe_os_error(exc))}", file=sys.stderr)
            return 1
        silence_stdout()  # stdout's reader stopped early (| head); the work is done
        return 0
    except OSError as exc:
        print(f"error: {escape_line(describe_os_error(exc))}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Terminated) as exc:
        what = exc.args[0] if exc.args else "interrupted"
        print(f"error: {what}; {AFTER_STOP.get(args.command, '')}".rstrip("; "), file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:
        signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that cleanup (``finally``) runs before exit."""


def _raise_terminated(signum, frame) -> None:
    """Turn SIGTERM into ``Terminated``."""
    raise Terminated("terminated")
