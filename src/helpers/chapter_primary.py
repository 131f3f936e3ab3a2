"""The open-data sections of a chapter: the primary snapshots' figures with producer, snapshot
and licence, the claim checks, and the primary comparisons the scorecard counts."""

from __future__ import annotations

from functools import cached_property

import pandas as pd
from IPython.display import HTML, display

from helpers import primary, tables
from helpers import primary_plots as plots
from helpers import primary_views as pv
from helpers.benchmarks import describe_benchmarks
from helpers.chartcache import Chart
from helpers.checks import PrimaryTables
from helpers.csvout import format_frame
from helpers.entities import load_lexicon
from helpers.errors import UserError
from helpers.html import render_caveat, render_download, render_parts, render_table
from helpers.periods import report_date
from helpers.snapshots import load_snapshots


class PrimarySections:
    """Sections from the primary snapshots; needs the chapter's catalog, folders, facts,
    metrics and declared inputs (``declared_inputs``)."""

    @cached_property
    def primary_tables(self) -> PrimaryTables:
        """Return the snapshots' tidy tables, each loaded and hash-checked on first use."""
        return PrimaryTables(self.snapshots_dir, self.data_dir)

    @cached_property
    def snapshots(self) -> dict:
        """Return the rows of data/snapshots.csv by snapshot id."""
        return {s.snapshot_id: s for s in load_snapshots(self.data_dir)}

    @property
    def declared_snapshots(self) -> tuple[str, ...]:
        """Return the snapshots this chapter's notebook declares (report.inputs.snapshots)."""
        return tuple(self.declared_inputs.get("snapshots", ()))

    def snapshot_table(self, snapshot_id: str) -> pd.DataFrame:
        """Return a snapshot's tidy table; refuse one the notebook does not declare, since the
        build's cache keys each chapter on its declared snapshots."""
        if self.declared_inputs and snapshot_id not in self.declared_snapshots:
            raise UserError(
                f"{self.name}.ipynb: reads snapshot {snapshot_id!r}, which the notebook does "
                "not declare; add it to the notebook's metadata report.inputs.snapshots"
            )
        return self.primary_tables.table(snapshot_id)

    @cached_property
    def primary_facts(self) -> pd.DataFrame:
        """Return the primary comparisons whose snapshots the notebook declares, as facts."""
        wanted = set(pv.list_fact_snapshots()) & set(self.declared_snapshots)
        loaded = {snapshot_id: self.snapshot_table(snapshot_id) for snapshot_id in sorted(wanted)}
        return pv.build_primary_facts(loaded, self.metrics, report_date(self.as_of))

    @property
    def scored_facts(self) -> pd.DataFrame:
        """Return the ledger's facts and the primary comparisons: what the scorecard counts."""
        if self.primary_facts.empty:
            return self.facts
        return pd.concat([self.facts, self.primary_facts], ignore_index=True)

    # ------------------------------------------------------------ the standard every table keeps
    def cite(self, snapshot_ids, rule: bool = True) -> str:
        """Return the caption naming each snapshot's producer, title, date and licence (the
        citation stays in English, marked so), and the country-counting rule."""
        foreign = "en" if self.lang != "en" else None
        parts = []
        for snapshot_id in dict.fromkeys(snapshot_ids):
            snap = self.snapshots[snapshot_id]
            parts += [
                (self.text("primary.source"), None),
                (snap.citation, foreign),
                (self.text("primary.snapshot"), None),
                (f"{snap.snapshot_id}: {snap.title}", foreign),
                (self.text("primary.licence"), None),
                (f"{snap.licence} ({snap.licence_url})", None),
                (self.text("primary.end"), None),
            ]
        if rule:
            parts += [
                (self.text("primary.rule"), None),
                (primary.describe_country_rule(self.lang), None),
            ]
        return render_parts(parts, "caption")

    def show_primary(self, shown, download: pd.DataFrame, name: str, **how) -> None:
        """Show a primary table (unless ``shown`` is None) with its headers in this language,
        then a CSV download and the caveat. ``how``: ``columns`` (column → catalog key),
        ``langs``, ``caveat`` (text), ``chart`` (whether a chart stands above)."""
        if shown is not None:
            headers = {c: self.text(key) for c, key in how.get("columns", {}).items()}
            marks = {headers.get(c, c): lang for c, lang in how.get("langs", {}).items()}
            display(HTML(render_table(shown.rename(columns=headers), marks)))
        label = self.text("download.csv" if how.get("chart", True) else "download.csv_figures")
        display(HTML(render_download(name, format_frame(download), label)))
        if how.get("caveat"):
            display(HTML(render_caveat(self.text("caveat.label"), how["caveat"])))

    def show_chart_cited(self, fig, snapshot_ids, rule: bool = True) -> None:
        """Show a chart as a stable PNG and its caption citing the snapshots."""
        self.show_image(fig)
        display(HTML(self.cite(snapshot_ids, rule)))

    def say_primary(self, metric_id: str) -> int:
        """State China vs the US on one primary metric, as the scorecard counts it."""
        rows = self.primary_facts[self.primary_facts["metric_id"] == metric_id]
        return self.say_compared(tables.compare_countries(rows, self.metrics))

    def caveat_of(self, metric_id: str) -> str:
        """Return a metric's caveat in this language."""
        return self.metric(metric_id)[f"caveat_{self.lang}"]

    # ------------------------------------------------------------ models (chapter 02)
    def show_models_per_year(self) -> pd.DataFrame:
        """Chart models and notable models published per year by China and the US."""
        models = self.snapshot_table(primary.MODELS_SNAPSHOT)
        table = pv.build_models_per_year(models)
        end = pv.coverage_end(models).strftime("%Y-%m-%d")
        labels = {
            "axis": self.text("primary.models.axis"),
            "partial": self.text("primary.partial_key", end=end),
            **self.country_names(table["country"]),
        }
        titles = {
            "title": self.metric_name(pv.MODELS_METRIC),
            "models": self.text("col.models"),
            "notable_models": self.text("col.notable_models"),
        }
        self.say_primary(pv.MODELS_METRIC)
        fig = Chart.of(plots.plot_models_per_year, table, titles, labels)
        self.show_chart_cited(fig, [primary.MODELS_SNAPSHOT])
        shown = pv.label_models_per_year(table, self.catalog, pv.coverage_end(models))
        columns = {c: f"col.{c}" for c in shown.columns}
        download = table.assign(snapshot_id=primary.MODELS_SNAPSHOT)
        self.show_primary(
            shown,
            download,
            pv.MODELS_METRIC,
            columns=columns,
            caveat=self.caveat_of(pv.MODELS_METRIC),
        )
        return table

    def show_largest_compute(self) -> pd.DataFrame:
        """Chart the largest training compute per year of each country (log scale, FLOP)."""
        models = self.snapshot_table(primary.MODELS_SNAPSHOT)
        table = pv.build_largest_compute(models)
        labels = {
            "axis": self.text("primary.compute.axis"),
            "solid": self.text("primary.compute.solid"),
            "hollow": self.text("primary.compute.hollow"),
            **self.country_names(table["country"]),
        }
        fig = Chart.of(
            plots.plot_largest_compute, table, self.metric_name(pv.COMPUTE_METRIC), labels
        )
        self.say_primary(pv.COMPUTE_METRIC)
        self.show_chart_cited(fig, [primary.MODELS_SNAPSHOT])
        shown = pv.label_compute(table, self.catalog)
        columns = {c: f"col.{c}" for c in shown.columns}
        download = table.assign(snapshot_id=primary.MODELS_SNAPSHOT)
        caveat = self.caveat_of(pv.COMPUTE_METRIC)
        self.show_primary(shown, download, pv.COMPUTE_METRIC, columns=columns, caveat=caveat)
        return table

    def show_capability_frontier(self) -> pd.DataFrame:
        """Chart each country's Capabilities Index frontier and show its records."""
        capabilities = self.snapshot_table(primary.CAPABILITIES_SNAPSHOT)
        frontier = pv.build_frontier(capabilities)
        labels = {"axis": self.text("primary.eci.axis"), **self.country_names(frontier["country"])}
        fig = Chart.of(
            plots.plot_frontier,
            frontier,
            pv.scored_until(capabilities),
            self.metric_name(pv.ECI_METRIC),
            labels,
        )
        self.say_primary(pv.ECI_METRIC)
        self.show_chart_cited(fig, [primary.CAPABILITIES_SNAPSHOT])
        shown = pd.DataFrame(
            {
                "release_date": frontier["release_date"].dt.strftime("%Y-%m-%d"),
                "country": pv.label_countries(frontier["country"], self.catalog),
                "model_version": frontier["model_version"],
                "eci_score": frontier["eci_score"].round(2),
            }
        )
        download = frontier.assign(
            release_date=shown["release_date"], snapshot_id=primary.CAPABILITIES_SNAPSHOT
        )
        columns = {c: f"col.{c}" for c in shown.columns}
        self.show_primary(
            shown, download, pv.ECI_METRIC, columns=columns, caveat=self.caveat_of(pv.ECI_METRIC)
        )
        return frontier

    def show_capability_gap(self) -> pd.DataFrame:
        """Show, for each Chinese record, the gap to the US in points and in months."""
        capabilities = self.snapshot_table(primary.CAPABILITIES_SNAPSHOT)
        gap = pv.build_gap(capabilities)
        last = gap.iloc[-1]
        self.say(
            "primary.eci.latest",
            model=last["model_version"],
            date=f"{last['release_date']:%Y-%m-%d}",
            score=self.number(last["eci_score"], 2),
            first_date=f"{last['leader_first_date']:%Y-%m-%d}",
            first_model=last["leader_first_model"],
            months=pv.format_months(
                last["months_after_leader"], last["is_lower_bound"], self.catalog
            ),
            frontier=self.number(last["leader_frontier"], 2),
            gap=self.number(last["gap_points"], 2),
        )
        start = pv.scored_from(capabilities)
        self.say("primary.eci.lower_bound", start=f"{start:%Y-%m-%d}", year=start.year)
        display(HTML(self.cite([primary.CAPABILITIES_SNAPSHOT])))
        shown = pv.label_gap(gap, self.catalog)
        columns = {c: f"col.{c}" for c in shown.columns}
        download = gap.assign(
            release_date=shown["release_date"],
            leader_first_date=gap["leader_first_date"].dt.strftime("%Y-%m-%d"),
            snapshot_id=primary.CAPABILITIES_SNAPSHOT,
        )
        self.show_primary(shown, download, "eci_gap", columns=columns, chart=False)
        return gap

    def show_article_benchmarks(self) -> pd.DataFrame:
        """Show the models the articles name on the producer's benchmarks, the articles' own
        figures beside them, and what each benchmark measures."""
        scores = self.snapshot_table(primary.BENCHMARKS_SNAPSHOT)
        lexicon = load_lexicon(self.data_dir / "lexicon.csv")
        wide = pv.build_article_benchmarks(scores, self.facts, lexicon)
        display(HTML(self.cite([primary.BENCHMARKS_SNAPSHOT], rule=False)))
        articles = self.facts[self.facts["metric_id"].isin(pv.ARTICLE_METRICS)]
        display(HTML(render_parts([(self.caption(articles), None)], "caption")))
        shown = wide.assign(country=pv.label_countries(wide["country"], self.catalog))
        columns = {
            "article_name": "col.article_model",
            "system": "col.system",
            "country": "col.country",
            "release_date": "col.release_date",
        }
        names = {m: self.metric_name(m) for m in pv.ARTICLE_METRICS}
        self.show_primary(
            shown.rename(columns=names),
            wide.assign(snapshot_id=primary.BENCHMARKS_SNAPSHOT),
            "article_models_benchmarks",
            columns=columns,
            caveat=self.text("primary.benchmarks.caveat"),
            chart=False,
        )
        self.show_benchmark_measures()
        return wide

    def show_benchmark_measures(self) -> None:
        """Show what each benchmark measures, the articles' ones included, in this language."""
        described = describe_benchmarks()
        rows = list(zip(described["benchmark"], described[f"measures_{self.lang}"], strict=True))
        rows += [
            (self.metric_name(m), self.text(f"primary.measures.{m}")) for m in pv.ARTICLE_METRICS
        ]
        table = pd.DataFrame(rows, columns=["benchmark", "measures"])
        self.show_table(table, {"benchmark": "col.benchmark", "measures": "col.measures"})
