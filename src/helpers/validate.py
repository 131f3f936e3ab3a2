"""Check the curated ledger against the sources: ``python -m helpers validate``."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import paths
from helpers.audit import Audit, audit_ledger
from helpers.contents import list_chapters, read_declared_inputs
from helpers.corpus import load_sources
from helpers.errors import ProblemsError, UserError, escape_line
from helpers.periods import check_as_of
from helpers.workspace import check_data_dir


def audit_dirs(
    data_dir: Path,
    seeds_dir: Path,
    shown_seeds: Path | None = None,
    notebooks_dir: Path = paths.NOTEBOOKS_DIR,
    as_of: str = "",
    snapshots_dir: Path = paths.SNAPSHOTS_DIR,
) -> Audit:
    """Return the audit of ``data_dir``'s ledger against the sources in ``seeds_dir``.

    The same checks gate ``report``: the report date, the chapters' titles and every word
    the pages need are checked here too, so "validate passes" means "report builds".
    """
    check_data_dir(data_dir)
    sources = load_sources(Path(seeds_dir), shown_as=shown_seeds)
    check_as_of(as_of, sources)
    chapters = {
        nb.stem: tuple(read_declared_inputs(nb).get("dimensions", ()))
        for nb in list_chapters(notebooks_dir)
    }
    audit = audit_ledger(Path(data_dir), sources, chapters=chapters)
    audit.problems += audit_claims(data_dir, snapshots_dir)  # recomputed from the snapshots
    return audit


def format_summary(audit: Audit) -> str:
    """Return the one-paragraph summary printed when the ledger is clean."""
    share = 100.0 * audit.n_covered / audit.n_numbers if audit.n_numbers else 100.0
    return (
        f"ok: facts {audit.n_facts}, metrics {audit.n_metrics}, excluded {audit.n_excluded}, "
        f"sources {audit.n_sources}\n"
        f"coverage {audit.n_covered} of {audit.n_numbers} body numbers = {share:.1f}% "
        f"(used by facts {audit.n_used}, excluded {audit.n_listed}; years and dates aside)"
    ) + "".join(
        f"\nnot yet curated: {source_id} ({count} body numbers; no fact or exclusion yet)"
        for source_id, count in sorted(audit.uncurated.items())
    )


def audit_claims(data_dir: Path, snapshots_dir: Path) -> list:
    """Return the problems of data/claim_checks.csv against the fetched snapshots."""
    from helpers.checks import audit_claim_checks
    from helpers.ledger import FACTS_FILE, read_rows

    try:
        _, rows = read_rows(Path(data_dir) / FACTS_FILE)
    except UserError:
        return []  # audit_ledger reports the unreadable facts.csv
    return audit_claim_checks(Path(data_dir), snapshots_dir, [row["fact_id"] for _, row in rows])


def run_validate(data_dir: Path, seeds_dir: Path, as_of: str = "") -> int:
    """Print each problem as ``file:line: problem`` on stderr and return 1, else a summary and 0."""
    audit = audit_dirs(data_dir, seeds_dir, as_of=as_of)
    if audit.problems:
        for problem in audit.problems:
            print(escape_line(str(problem)), file=sys.stderr)
        print(f"{len(audit.problems)} problem(s) in {escape_line(str(data_dir))}", file=sys.stderr)
        return 1
    print(format_summary(audit))
    from helpers.checks import summarize_claim_checks

    if line := summarize_claim_checks(data_dir):
        print(line)
    return 0


def validate_or_raise(
    data_dir: Path,
    seeds_dir: Path,
    shown_seeds: Path | None = None,
    notebooks_dir: Path = paths.NOTEBOOKS_DIR,
    as_of: str = "",
    snapshots_dir: Path = paths.SNAPSHOTS_DIR,
) -> Audit:
    """Return the audit when the ledger is clean; else raise ProblemsError listing every one."""
    audit = audit_dirs(data_dir, seeds_dir, shown_seeds, notebooks_dir, as_of, snapshots_dir)
    if audit.problems:
        raise ProblemsError(
            f"{len(audit.problems)} problem(s) in the curated data; fix them and run "
            "python -m helpers validate",
            [str(p) for p in audit.problems],
        )
    return audit
