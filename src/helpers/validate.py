"""Check the curated ledger against the sources: ``python -m helpers validate``."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.corpus import load_sources
from helpers.errors import UserError
from helpers.facts import Audit, audit_ledger


def audit_dirs(data_dir: Path, seeds_dir: Path) -> Audit:
    """Return the audit of ``data_dir``'s ledger against the sources in ``seeds_dir``."""
    sources = load_sources(Path(seeds_dir))
    return audit_ledger(Path(data_dir), sources)


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


def audit_claims(data_dir: Path) -> list:
    """Return the problems of data/claim_checks.csv against the fetched snapshots."""
    from helpers.checks import audit_claim_checks
    from helpers.facts import FACTS_FILE, read_rows
    from helpers.snapshots import DEFAULT_OUT

    try:
        _, rows = read_rows(Path(data_dir) / FACTS_FILE)
    except UserError:
        return []  # audit_ledger reports the unreadable facts.csv
    return audit_claim_checks(Path(data_dir), DEFAULT_OUT, [row["fact_id"] for _, row in rows])


def run_validate(data_dir: Path, seeds_dir: Path) -> int:
    """Print each problem as ``file:line: problem`` on stderr and return 1, else a summary and 0."""
    audit = audit_dirs(data_dir, seeds_dir)
    audit.problems += audit_claims(data_dir)  # claim checks recomputed from the snapshots
    if audit.problems:
        for problem in audit.problems:
            print(problem, file=sys.stderr)
        print(f"{len(audit.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(format_summary(audit))
    from helpers.checks import summarize_claim_checks

    if line := summarize_claim_checks(data_dir):
        print(line)
    return 0


def validate_or_raise(data_dir: Path, seeds_dir: Path) -> Audit:
    """Return the audit when the ledger is clean; else raise UserError listing every problem."""
    audit = audit_dirs(data_dir, seeds_dir)
    if audit.problems:
        listing = "\n".join(str(p) for p in audit.problems)
        raise UserError(f"{len(audit.problems)} problem(s) in the curated data:\n{listing}")
    return audit
