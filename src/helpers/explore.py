"""The ledger as tidy, joined DataFrames for an analyst, in a chosen language (explore.ipynb)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths, tables, views
from helpers.checks import CLAIM_CHECK_COLUMNS, CLAIM_CHECKS_FILE, LOADERS, PrimaryTables
from helpers.corpus import Source, load_sources
from helpers.errors import UserError
from helpers.i18n import Catalog, check_lang
from helpers.interactive import render_interactive_table, render_table_library
from helpers.ledger import load_excluded, load_facts, load_metrics
from helpers.periods import check_as_of, parse_period_bounds, report_date
from helpers.snapshots import FETCH_HINT, SNAPSHOTS_FILE, load_snapshots

FACT_COLUMNS = (
    "fact_id", "dimension", "dimension_name", "metric_id", "metric", "entity", "country",
    "country_name", "value", "high", "unit", "unit_name", "approx", "quantity", "period",
    "period_start", "period_end", "age_days", "period_source", "source_id", "source_title",
    "publisher", "published", "quote", "quote_en", "note", "status",
)  # fmt: skip
METRIC_COLUMNS = (
    "metric_id", "dimension", "dimension_name", "metric", "name_zh", "name_en", "unit",
    "unit_name", "higher_is_better", "comparison", "caveat", "n_facts",
)  # fmt: skip
SOURCE_COLUMNS = (
    "source_id", "title", "publisher", "author", "published", "language", "url", "file",
    "sha256", "characters", "n_facts", "n_excluded", "curated",
)  # fmt: skip
EXCLUDED_COLUMNS = ("source_id", "source_title", "start", "surface", "reason", "context")
CLAIM_COLUMNS = (
    "check_id", "fact_id", "metric_id", "metric", "entity", "country", "fact_value", "unit",
    "period", "source_id", "snapshot_id", "snapshot_title", "method", "primary_value",
    "primary_high", "verdict", "reason",
)  # fmt: skip
COMPARISON_COLUMNS = (
    "dimension", "dimension_name", "metric_id", "metric", "period", "is_latest", "entity_cn",
    "value_cn", "approx_cn", "high_cn", "entity_us", "value_us", "approx_us", "high_us", "unit",
    "ratio", "leader", "leader_name", "sources",
)  # fmt: skip
CONTEXT_CHARS = 30  # characters shown either side of an excluded number


@dataclass
class LedgerTables:
    """Every table an analyst reads, in one language; column names and order never change."""

    lang: str
    as_of: str
    catalog: Catalog
    facts: pd.DataFrame
    metrics: pd.DataFrame
    sources: pd.DataFrame
    excluded: pd.DataFrame
    claim_checks: pd.DataFrame
    comparisons: pd.DataFrame
    primary: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def overview(self) -> pd.DataFrame:
        """Return one row per table: its name, rows and columns."""
        named = {
            "facts": self.facts,
            "metrics": self.metrics,
            "sources": self.sources,
            "excluded": self.excluded,
            "claim_checks": self.claim_checks,
            "comparisons": self.comparisons,
        } | {f"primary[{name!r}]": table for name, table in self.primary.items()}
        return pd.DataFrame(
            [
                {"table": name, "rows": len(t), "columns": ", ".join(map(str, t.columns))}
                for name, t in named.items()
            ]
        )


def _word(catalog: Catalog, key: str, fallback: str) -> str:
    """Return the catalog's text for ``key``, or ``fallback`` when the catalog has no such key."""
    try:
        return catalog.text(key)
    except UserError:
        return fallback


def name_countries(codes: pd.Series, catalog: Catalog) -> list[str]:
    """Return each country code's name in the catalog's language ('' for no country)."""
    return [_word(catalog, f"country.{c}", c) if c else "" for c in codes]


def name_dimensions(dimensions: pd.Series, catalog: Catalog) -> list[str]:
    """Return each dimension's name in the catalog's language."""
    return [_word(catalog, f"dimension.{d}", d) for d in dimensions]


def name_units(metrics: pd.DataFrame, catalog: Catalog) -> list[str]:
    """Return each metric's unit in the catalog's language (English: the metric's own unit_en)."""
    own = metrics["unit_en"] if catalog.lang == "en" else [""] * len(metrics)
    return [
        word or (_word(catalog, f"unit.{unit}", unit) if unit else "")
        for unit, word in zip(metrics["unit"], own, strict=True)
    ]


def describe_sources(sources: list[Source], lang: str) -> pd.DataFrame:
    """Return one row per document: title and publisher in ``lang`` (original when none)."""

    def pick(meta: dict, name: str) -> str:
        return (meta.get(f"{name}_en") if lang == "en" else "") or meta.get(name, "")

    rows = [
        {
            "source_id": s.source_id,
            "title": pick(s.meta, "title"),
            "publisher": pick(s.meta, "publisher"),
            "author": s.meta.get("author", ""),
            "published": s.meta.get("published", ""),
            "language": s.meta.get("language", ""),
            "url": s.meta.get("url", ""),
            "file": s.file,
            "sha256": s.sha256,
            "characters": len(s.text),
        }
        for s in sources
    ]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS[:10])


def join_facts(
    facts, metrics, sources, catalog: Catalog, as_of: str, ledger_metrics
) -> pd.DataFrame:
    """Return the facts with metric, unit, country and source in the catalog's language
    (``ledger_metrics``, metrics.csv as loaded, words each figure as the report does)."""
    by_metric = metrics.set_index("metric_id")
    by_source = sources.set_index("source_id")
    bounds = [parse_period_bounds(p) for p in facts["period"]]
    joined = facts.assign(
        dimension=facts["metric_id"].map(by_metric["dimension"]),
        metric=facts["metric_id"].map(by_metric["metric"]),
        country_name=name_countries(facts["country"], catalog),
        unit_name=facts["metric_id"].map(by_metric["unit_name"]),
        quantity=views.format_quantities(
            facts, catalog, {m["metric_id"]: m for m in ledger_metrics.to_dict("records")}
        ),
        period_start=[pd.Timestamp(start) for start, _ in bounds],
        period_end=[pd.Timestamp(end) for _, end in bounds],
        age_days=[  # a stand-in period (the article's date) is not a measurement: never aged
            float("nan") if source == "published" else float((report_date(as_of) - end).days)
            for (_, end), source in zip(bounds, facts["period_source"], strict=True)
        ],
        source_title=facts["source_id"].map(by_source["title"]),
        publisher=facts["source_id"].map(by_source["publisher"]),
        published=facts["source_id"].map(by_source["published"]),
    )
    joined["dimension_name"] = name_dimensions(joined["dimension"], catalog)
    return joined[list(FACT_COLUMNS)].reset_index(drop=True)


def tidy_metrics(metrics: pd.DataFrame, facts: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return the metrics with their name, unit, dimension and caveat in the catalog's language."""
    counts = facts["metric_id"].value_counts()
    tidy = metrics.assign(
        dimension_name=name_dimensions(metrics["dimension"], catalog),
        metric=metrics[f"name_{catalog.lang}"],
        unit_name=name_units(metrics, catalog),
        caveat=metrics[f"caveat_{catalog.lang}"],
        n_facts=[int(counts.get(m, 0)) for m in metrics["metric_id"]],
    )
    return tidy[list(METRIC_COLUMNS)].reset_index(drop=True)


def tidy_excluded(data_dir: Path, sources: list[Source], titles: dict) -> pd.DataFrame:
    """Return the numbers deliberately left out of the ledger, each with its context."""
    if not (Path(data_dir) / "excluded.csv").is_file():
        return pd.DataFrame(columns=EXCLUDED_COLUMNS)
    excluded = load_excluded(data_dir)
    texts = {s.source_id: s.text for s in sources}
    context = [
        texts.get(sid, "")[max(0, start - CONTEXT_CHARS) : start + len(surface) + CONTEXT_CHARS]
        for sid, start, surface in zip(
            excluded["source_id"], excluded["start"], excluded["surface"], strict=True
        )
    ]
    tidy = excluded.assign(source_title=excluded["source_id"].map(titles), context=context)
    return tidy[list(EXCLUDED_COLUMNS)].reset_index(drop=True)


def tidy_claim_checks(data_dir: Path, facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the claim checks beside the fact they check and the snapshot they read."""
    path = Path(data_dir) / CLAIM_CHECKS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    checks = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    checks = checks[list(CLAIM_CHECK_COLUMNS)]
    by_fact = facts.set_index("fact_id")
    joined = ("metric_id", "metric", "entity", "country", "unit", "period", "source_id")
    tidy = checks.assign(
        snapshot_title=checks["snapshot_id"].map(list_snapshot_titles(data_dir)),
        primary_value=pd.to_numeric(checks["primary_value"], errors="coerce"),
        primary_high=pd.to_numeric(checks["primary_high"], errors="coerce"),
        reason=checks[f"reason_{lang}"],
        fact_value=checks["fact_id"].map(by_fact["value"]),
        **{column: checks["fact_id"].map(by_fact[column]) for column in joined},
    )
    return tidy[list(CLAIM_COLUMNS)].reset_index(drop=True)


def tidy_comparisons(facts, metrics, tidy: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Return China vs the US per metric and period (helpers.tables), named in the language.

    ``is_latest`` marks each metric's latest compared period: the one findings and the
    scorecard state.
    """
    compared = tables.compare_countries(facts, metrics)
    latest_index = set(tables.select_latest(compared).index)
    names = tidy.set_index("metric_id")["metric"]
    out = compared.assign(
        dimension_name=name_dimensions(compared["dimension"], catalog),
        metric=compared["metric_id"].map(names),
        is_latest=[i in latest_index for i in compared.index],
        leader_name=[
            _word(catalog, f"leader.{v}", "") if v in ("CN", "US", "tie") else ""
            for v in compared["leader"]
        ],
    )
    return out[list(COMPARISON_COLUMNS)].reset_index(drop=True)


def list_snapshot_titles(data_dir: Path) -> dict[str, str]:
    """Return ``{snapshot_id: title}`` from data/snapshots.csv (empty when it has none)."""
    if not (Path(data_dir) / SNAPSHOTS_FILE).is_file():
        return {}
    return {s.snapshot_id: s.title for s in load_snapshots(data_dir)}


def load_primary(data_dir: Path, snapshots_dir: Path) -> tuple[dict[str, pd.DataFrame], list]:
    """Return the tidy primary tables that are fetched, and a note for each that is not."""
    listed = list_snapshot_titles(data_dir)
    reader = PrimaryTables(snapshots_dir, data_dir)
    found, missing = {}, []
    for snapshot_id in [s for s in LOADERS if s in listed]:
        try:
            found[snapshot_id] = reader.table(snapshot_id)
        except UserError:
            missing.append(snapshot_id)
    if not missing:
        return found, []
    note = (
        f"primary tables not loaded ({', '.join(missing)}): snapshots not fetched into "
        f"{snapshots_dir}; {FETCH_HINT} (or make fetch), then run this notebook again"
    )
    return found, [note]


def load_tables(
    lang: str = "zh",
    seeds_dir: str = "",
    data_dir: str = "",
    as_of: str = "",
    snapshots_dir: str = "",
) -> LedgerTables:
    """Return every ledger table for reading in ``lang``; empty folders mean the project's own."""
    check_lang(lang)
    seeds = Path(seeds_dir).resolve() if seeds_dir else paths.SEEDS_DIR
    data = Path(data_dir).resolve() if data_dir else paths.DATA_DIR
    snaps = Path(snapshots_dir).resolve() if snapshots_dir else paths.SNAPSHOTS_DIR
    catalog = Catalog(lang, data)
    documents = load_sources(seeds)
    as_of = check_as_of(as_of, documents, "as_of")
    raw_facts, raw_metrics = load_facts(data), load_metrics(data)
    metrics = tidy_metrics(raw_metrics, raw_facts, catalog)
    sources = describe_sources(documents, lang)
    facts = join_facts(raw_facts, metrics, sources, catalog, as_of, raw_metrics)
    excluded = tidy_excluded(data, documents, sources.set_index("source_id")["title"].to_dict())
    sources = sources.assign(
        n_facts=[int((facts["source_id"] == s).sum()) for s in sources["source_id"]],
        n_excluded=[int((excluded["source_id"] == s).sum()) for s in sources["source_id"]],
    )
    sources["curated"] = sources["n_facts"] > 0
    primary, notes = load_primary(data, snaps)
    return LedgerTables(
        lang=lang,
        as_of=as_of,
        catalog=catalog,
        facts=facts,
        metrics=metrics,
        sources=sources[list(SOURCE_COLUMNS)],
        excluded=excluded,
        claim_checks=tidy_claim_checks(data, facts, lang),
        comparisons=tidy_comparisons(raw_facts, raw_metrics, metrics, catalog),
        primary=primary,
        notes=notes,
    )


def show(table: pd.DataFrame, name: str, catalog: Catalog | None = None, rows: int = 10) -> None:
    """Show ``table`` as a searchable, sortable table (``rows`` per page) in the notebook."""
    from IPython.display import HTML, display

    display(HTML(render_interactive_table(table, name, catalog, page_length=rows)))


def use_interactive_tables(catalog: Catalog | None = None, rows: int = 10) -> None:
    """Load the table library once and show every DataFrame after it as an interactive table.

    Tables are numbered in the order they are shown (no random ids), so a notebook run top to
    bottom gives the same output every time.
    """
    from IPython import get_ipython
    from IPython.display import HTML, display

    display(HTML(render_table_library()))
    shell = get_ipython()
    if shell is None:
        return
    counter = itertools.count(1)

    def render(table: pd.DataFrame) -> str:
        return render_interactive_table(table, f"table-{next(counter)}", catalog, page_length=rows)

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, render)
