"""Claim checks: the articles' figures recomputed from primary snapshots, and their audit.

Each row of data/claim_checks.csv names a ``method``: a function registered here (by name, no
eval) that computes ``primary_value`` (and ``primary_high``) from the tidy table of the row's
snapshot. ``audit_claim_checks`` recomputes every value and reports a stale one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from helpers import paths, primary
from helpers.benchmarks import benchmark_score, load_benchmarks, rank_on_benchmark
from helpers.errors import Problem, UserError
from helpers.ledger import read_rows
from helpers.snapshots import FETCH_HINT, SNAPSHOTS_FILE, load_snapshots, verified_path

CLAIM_CHECKS_FILE = "claim_checks.csv"
CLAIM_CHECK_COLUMNS = (
    "check_id",
    "fact_id",
    "snapshot_id",
    "method",
    "primary_value",
    "primary_high",
    "verdict",
    "reason_zh",
    "reason_en",
)
VERDICTS = ("consistent", "contradicted", "different definition", "not checkable")
_CHECK_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")

Value = tuple[float, float | None]


@dataclass(frozen=True)
class Method:
    """A registered check method: the snapshot it reads and the function computing the value."""

    snapshot_id: str
    compute: Callable[[pd.DataFrame], Value]


METHODS: dict[str, Method] = {}


def register(snapshot_id: str) -> Callable:
    """Return a decorator that registers a check method under its function name."""

    def wrap(function: Callable[[pd.DataFrame], Value]) -> Callable[[pd.DataFrame], Value]:
        """Register ``function`` and return it unchanged."""
        METHODS[function.__name__] = Method(snapshot_id, function)
        return function

    return wrap


LOADERS: dict[str, Callable[[Path, Path], pd.DataFrame]] = {
    primary.MODELS_SNAPSHOT: primary.load_models,
    primary.BENCHMARKS_SNAPSHOT: load_benchmarks,
    primary.CAPABILITIES_SNAPSHOT: primary.load_capabilities,
}


class PrimaryTables:
    """The tidy table of each snapshot, loaded (and hash-checked) on first use."""

    def __init__(self, snapshots_dir: Path, data_dir: Path = paths.DATA_DIR) -> None:
        """Remember where the snapshots and data are; load nothing yet."""
        self.snapshots_dir = Path(snapshots_dir)
        self.data_dir = Path(data_dir)
        self._tables: dict[str, pd.DataFrame] = {}

    def table(self, snapshot_id: str) -> pd.DataFrame:
        """Return the tidy table of ``snapshot_id`` (cached)."""
        if snapshot_id not in self._tables:
            self._tables[snapshot_id] = LOADERS[snapshot_id](self.snapshots_dir, self.data_dir)
        return self._tables[snapshot_id]


def run_method(name: str, tables: PrimaryTables) -> Value:
    """Return (primary_value, primary_high) of the registered method ``name``."""
    method = METHODS[name]
    return method.compute(tables.table(method.snapshot_id))


# ---------------------------------------------------------------- models database
@register(primary.MODELS_SNAPSHOT)
def count_cn_language_models_2023_03_16_to_07_31(models: pd.DataFrame) -> Value:
    """Return Chinese language models published 2023-03-16 (ERNIE Bot) to 2023-07-31."""
    return primary.count_models(models, "CN", "2023-03-16", "2023-07-31", language_only=True), None


@register(primary.MODELS_SNAPSHOT)
def count_cn_language_models_2023_01_to_11(models: pd.DataFrame) -> Value:
    """Return Chinese language models published from January to November 2023."""
    return primary.count_models(models, "CN", "2023-01-01", "2023-11-30", language_only=True), None


@register(primary.MODELS_SNAPSHOT)
def count_language_models_2023h1(models: pd.DataFrame) -> Value:
    """Return language models of any country published in the first half of 2023."""
    return primary.count_models(models, None, "2023-01-01", "2023-06-30", language_only=True), None


@register(primary.MODELS_SNAPSHOT)
def compute_lag_years_cn_behind_us_2023_09(models: pd.DataFrame) -> Value:
    """Return years since the US first matched China's largest training compute by 2023-09."""
    years, _, _ = primary.compute_lag_years(models, "2023-09-30")
    return years, None


@register(primary.MODELS_SNAPSHOT)
def count_cn_orgs_trained_on_10k_chips_to_2023_10(models: pd.DataFrame) -> Value:
    """Return Chinese organisations with a model trained on ≥10,000 chips, published by 2023-10."""
    rows = models[(models["hardware_quantity"] >= 10_000)]
    rows = rows[rows["publication_date"] <= pd.Timestamp("2023-10-31")]
    rows = rows[rows["countries"].apply(lambda codes: "CN" in codes)]
    organisations = {o.strip() for cell in rows["organization"] for o in cell.split(",")}
    return len(organisations), None


@register(primary.MODELS_SNAPSHOT)
def chips_of_largest_model_to_2023_10(models: pd.DataFrame) -> Value:
    """Return the training chips of the largest-compute model (with chips known) up to 2023-10."""
    rows = models.dropna(subset=["training_compute_flop", "hardware_quantity"])
    rows = rows[rows["publication_date"] <= pd.Timestamp("2023-10-31")]
    top = rows.sort_values(["training_compute_flop", "model"], ascending=[False, True]).iloc[0]
    return float(top["hardware_quantity"]), None


def _model_field(models: pd.DataFrame, model: str, column: str) -> float:
    """Return one numeric field of the model called ``model``; UserError if absent or empty."""
    rows = models[models["model"] == model]
    if rows.empty or pd.isna(rows[column].iloc[0]):
        raise UserError(f"models snapshot has no {column} for {model!r}")
    return float(rows[column].iloc[0])


@register(primary.MODELS_SNAPSHOT)
def chips_of_gpt3(models: pd.DataFrame) -> Value:
    """Return the training chips of GPT-3 175B (davinci), 2020."""
    return _model_field(models, "GPT-3 175B (davinci)", "hardware_quantity"), None


@register(primary.MODELS_SNAPSHOT)
def parameters_of_gpt_3_5_turbo(models: pd.DataFrame) -> Value:
    """Return the parameters of GPT-3.5 Turbo (ChatGPT's model at launch, 2022-11-30)."""
    return _model_field(models, "GPT-3.5 Turbo", "parameters"), None


# ---------------------------------------------------------------- capabilities index
@register(primary.CAPABILITIES_SNAPSHOT)
def capability_lag_years_cn_behind_us_2023_09(capabilities: pd.DataFrame) -> Value:
    """Return years since the US first reached China's best ECI score up to 2023-09."""
    gap = primary.capability_gap(capabilities)
    last = gap[gap["release_date"] <= pd.Timestamp("2023-09-30")].iloc[-1]
    return round((last["release_date"] - last["leader_first_date"]).days / 365.25, 2), None


# ---------------------------------------------------------------- benchmark scores
SUPERCLUE_TOP3 = ("GPT-4o", "Claude 3.5 Sonnet", "Qwen2-72B")
HKU_ENGLISH_MODELS = (
    "gpt-4-0125-preview",
    "GPT-4 (original)",
    "Gemini 1.0 Pro",
    "LLaMa-2 70B",
    "Claude 2",
    "GPT-3.5-turbo-16k",
)


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_gpt_4o(benchmarks: pd.DataFrame) -> Value:
    """Return GPT-4o's MMLU score (points)."""
    return benchmark_score(benchmarks, "GPT-4o", "MMLU"), None


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_qwen2_72b(benchmarks: pd.DataFrame) -> Value:
    """Return Qwen2-72B's MMLU score (points)."""
    return benchmark_score(benchmarks, "Qwen2-72B", "MMLU"), None


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_claude_3_5_sonnet(benchmarks: pd.DataFrame) -> Value:
    """Return Claude 3.5 Sonnet's MMLU score (points)."""
    return benchmark_score(benchmarks, "Claude 3.5 Sonnet", "MMLU"), None


def _rank(benchmarks: pd.DataFrame, system: str, among: tuple) -> Value:
    """Return a system's MMLU rank among ``among`` as a check value."""
    return float(rank_on_benchmark(benchmarks, system, among, "MMLU")), None


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_rank_gpt_4o_among_superclue_top3(benchmarks: pd.DataFrame) -> Value:
    """Return GPT-4o's MMLU rank among the SuperCLUE top three the article names."""
    return _rank(benchmarks, "GPT-4o", SUPERCLUE_TOP3)


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_rank_qwen2_72b_among_superclue_top3(benchmarks: pd.DataFrame) -> Value:
    """Return Qwen2-72B's MMLU rank among the SuperCLUE top three the article names."""
    return _rank(benchmarks, "Qwen2-72B", SUPERCLUE_TOP3)


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_rank_claude_3_5_sonnet_among_superclue_top3(benchmarks: pd.DataFrame) -> Value:
    """Return Claude 3.5 Sonnet's MMLU rank among the SuperCLUE top three the article names."""
    return _rank(benchmarks, "Claude 3.5 Sonnet", SUPERCLUE_TOP3)


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_rank_gpt_4_turbo_among_hku_models(benchmarks: pd.DataFrame) -> Value:
    """Return GPT-4 Turbo's MMLU rank among the HKU English-test models in the snapshot."""
    return _rank(benchmarks, "gpt-4-0125-preview", HKU_ENGLISH_MODELS)


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_rank_gemini_pro_among_hku_models(benchmarks: pd.DataFrame) -> Value:
    """Return Gemini Pro's MMLU rank among the HKU English-test models in the snapshot."""
    return _rank(benchmarks, "Gemini 1.0 Pro", HKU_ENGLISH_MODELS)


@register(primary.BENCHMARKS_SNAPSHOT)
def mmlu_rank_llama_2_among_hku_models(benchmarks: pd.DataFrame) -> Value:
    """Return Llama 2's MMLU rank among the HKU English-test models in the snapshot."""
    return _rank(benchmarks, "LLaMa-2 70B", HKU_ENGLISH_MODELS)


# ---------------------------------------------------------------- the table and its audit
def format_value(value: float | None) -> str:
    """Return a value as written in claim_checks.csv: integers without '.0', '' for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def compute_check_values(data_dir: Path, snapshots_dir: Path) -> pd.DataFrame:
    """Return claim_checks.csv with primary_value/primary_high recomputed by each method."""
    table = pd.read_csv(Path(data_dir) / CLAIM_CHECKS_FILE, dtype=str, keep_default_na=False)
    tables = PrimaryTables(snapshots_dir, data_dir)
    for index, name in table["method"].items():
        if name:
            value, high = run_method(name, tables)
            table.loc[index, ["primary_value", "primary_high"]] = [
                format_value(value),
                format_value(high),
            ]
    return table


def summarize_claim_checks(data_dir: Path) -> str:
    """Return the one-line count of claim checks by verdict ('' without claim_checks.csv)."""
    path = Path(data_dir) / CLAIM_CHECKS_FILE
    if not path.is_file():
        return ""
    _, rows = read_rows(path)
    counted = ", ".join(
        f"{verdict} {sum(r['verdict'] == verdict for _, r in rows)}" for verdict in VERDICTS
    )
    methods = sum(bool(r["method"]) for _, r in rows)
    return f"claim checks {len(rows)}, {methods} recomputed from the snapshots ({counted})"


def _differs(stored: str, computed: float | None) -> bool:
    """Return True when a stored number is not the recomputed one."""
    if computed is None:
        return stored != ""
    try:
        return not math.isclose(float(Decimal(stored)), computed, rel_tol=1e-9, abs_tol=1e-12)
    except (InvalidOperation, ValueError):
        return True


def _check_fields(row: dict, fact_ids: set[str], snapshot_ids: set[str]) -> list[str]:
    """Return the problems of one row's fields that need no snapshot."""
    problems = []
    method = row["method"].strip()
    if row["fact_id"] not in fact_ids:
        problems.append(f"fact_id {row['fact_id']!r} is not in facts.csv; use an existing fact")
    if row["snapshot_id"] not in snapshot_ids:
        problems.append(
            f"snapshot_id {row['snapshot_id']!r} is not in {SNAPSHOTS_FILE}; add it there first"
        )
    if row["verdict"] not in VERDICTS:
        problems.append(f"verdict {row['verdict']!r} must be one of: {', '.join(VERDICTS)}")
    for name in ("reason_zh", "reason_en"):
        if not row[name].strip():
            problems.append(f"{name} is empty; say why (scope, counting rule, date, who measured)")
    if method and method not in METHODS:
        problems.append(
            f"method {method!r} is not a function in helpers.checks; name one of "
            "checks.METHODS or leave it empty with verdict 'not checkable'"
        )
    elif (
        method
        and row["snapshot_id"] in snapshot_ids
        and METHODS[method].snapshot_id != row["snapshot_id"]
    ):
        problems.append(
            f"method {method!r} reads snapshot {METHODS[method].snapshot_id}, not "
            f"{row['snapshot_id']}; write that snapshot_id"
        )
    elif not method and row["verdict"] != "not checkable":
        problems.append(
            "method is empty; name the function that computes primary_value, or "
            "write verdict 'not checkable'"
        )
    elif not method and (row["primary_value"] or row["primary_high"]):
        problems.append("primary_value without a method; clear it or name the method")
    return problems


def _missing_snapshots(rows: Iterable[dict], snapshots_dir: Path, data_dir: Path) -> str | None:
    """Return one problem when a snapshot the methods read is absent or altered, else None."""
    needed = sorted({METHODS[r["method"]].snapshot_id for r in rows if r["method"] in METHODS})
    for snapshot_id in needed:
        try:
            verified_path(snapshot_id, snapshots_dir, data_dir)
        except UserError as exc:
            if "not fetched" in str(exc):
                return f"snapshots not fetched into {snapshots_dir}; {FETCH_HINT}"
            return str(exc)
    return None


def _stale(line: int, row: dict, tables: PrimaryTables) -> list[Problem]:
    """Return a problem when the stored value differs from the method's recomputed one."""
    try:
        value, high = run_method(row["method"], tables)
    except UserError as exc:
        return [Problem(CLAIM_CHECKS_FILE, line, f"method {row['method']}: {exc}")]
    problems = []
    for column, computed in (("primary_value", value), ("primary_high", high)):
        if _differs(row[column], computed):
            problems.append(
                Problem(
                    CLAIM_CHECKS_FILE,
                    line,
                    f"{row['check_id']}: {column} {row[column]!r} is stale; {row['method']} "
                    f"gives {format_value(computed)!r}; write that",
                )
            )
    return problems


def audit_claim_checks(data_dir: Path, snapshots_dir: Path, fact_ids: Iterable[str]) -> list:
    """Return the problems of data/claim_checks.csv, recomputing each value from its snapshot."""
    path = Path(data_dir) / CLAIM_CHECKS_FILE
    if not path.is_file():
        return []
    try:
        header, rows = read_rows(path)
        snapshot_ids = {s.snapshot_id for s in load_snapshots(data_dir)}
    except UserError as exc:
        return [Problem(CLAIM_CHECKS_FILE, 1, str(exc))]
    missing = [c for c in CLAIM_CHECK_COLUMNS if c not in header]
    if missing:
        return [Problem(CLAIM_CHECKS_FILE, 1, f"missing column(s) {', '.join(missing)}")]
    problems, seen, fact_ids = [], {}, set(fact_ids)
    for line, row in rows:
        check_id = row["check_id"]
        if not _CHECK_ID.fullmatch(check_id) or check_id in seen:
            problems.append(
                Problem(
                    CLAIM_CHECKS_FILE,
                    line,
                    f"check_id {check_id!r} must be unique, lowercase letters, digits, - and _",
                )
            )
        seen.setdefault(check_id, line)
        problems += [
            Problem(CLAIM_CHECKS_FILE, line, p) for p in _check_fields(row, fact_ids, snapshot_ids)
        ]
    runnable = [
        (line, row)
        for line, row in rows
        if row["method"] in METHODS and METHODS[row["method"]].snapshot_id == row["snapshot_id"]
    ]
    absent = _missing_snapshots((r for _, r in runnable), Path(snapshots_dir), Path(data_dir))
    if absent:
        return problems + [Problem(CLAIM_CHECKS_FILE, 1, absent)]
    tables = PrimaryTables(snapshots_dir, data_dir)
    for line, row in runnable:
        problems += _stale(line, row, tables)
    return problems
