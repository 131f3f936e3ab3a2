"""What a chapter notebook calls: its inputs loaded once, and escaped text, tables and charts."""

from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from helpers import narrative, paths, plots, tables, views
from helpers.chapter_checks import CheckSections
from helpers.chapter_primary import PrimarySections
from helpers.chapter_sources import SourcesSections
from helpers.chapter_summary import Summaries
from helpers.chartcache import Chart
from helpers.contents import read_declared_inputs
from helpers.corpus import Source, load_sources
from helpers.csvout import format_frame
from helpers.display import Display
from helpers.errors import UserError
from helpers.html import (
    render_caveat,
    render_download,
    render_paragraph,
    render_table,
)
from helpers.i18n import Catalog, check_lang
from helpers.periods import check_as_of
from helpers.plots import apply_style
from helpers.regions import check_region_total, parse_regions


def resolve_dir(value: str, default: Path) -> Path:
    """Return the directory a notebook parameter names; empty means the project default."""
    return Path(value).resolve() if value else default


class Chapter(Display, Summaries, SourcesSections, PrimarySections, CheckSections):
    """One chapter in one language, with its sources loaded and its display helpers."""

    def __init__(
        self,
        name: str,
        lang: str = "zh",
        seeds_dir: str = "",
        data_dir: str = "",
        as_of: str = "",
        snapshots_dir: str = "",
    ):
        self.name = name
        self.lang = check_lang(lang)
        self.seeds_dir = resolve_dir(seeds_dir, paths.SEEDS_DIR)
        self.data_dir = resolve_dir(data_dir, paths.DATA_DIR)
        self.snapshots_dir = resolve_dir(snapshots_dir, paths.SNAPSHOTS_DIR)
        self.catalog = Catalog(self.lang, self.data_dir)
        self.sources: list[Source] = load_sources(self.seeds_dir)
        self.as_of = check_as_of(as_of, self.sources, "as_of")
        self.shown: set[str] = set()  # metrics this chapter has shown so far
        apply_style()

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Return the facts ledger."""
        from helpers.ledger import load_facts

        return load_facts(self.data_dir)

    @cached_property
    def metrics(self) -> pd.DataFrame:
        """Return the metrics table."""
        from helpers.ledger import load_metrics

        return load_metrics(self.data_dir)

    def metric(self, metric_id: str) -> pd.Series:
        """Return one metric's row; UserError if the ledger has no such metric."""
        rows = self.metrics[self.metrics["metric_id"] == metric_id]
        if rows.empty:
            raise UserError(f"metrics.csv: no metric {metric_id!r}; add it or fix the chapter")
        return rows.iloc[0]

    def metric_name(self, metric_id: str) -> str:
        """Return a metric's name in this chapter's language."""
        return self.metric(metric_id)[f"name_{self.lang}"]

    @cached_property
    def metrics_by_id(self) -> dict[str, dict]:
        """Return every metric's row by id."""
        return {row["metric_id"]: row for row in self.metrics.to_dict("records")}

    @cached_property
    def source_langs(self) -> dict[str, str]:
        """Return the HTML language of each source's text (its quotes), by source id."""
        return {s.source_id: s.html_lang for s in self.sources}

    def source_title(self, source_id: str) -> str:
        """Return a source's title in this language (the English title on English pages)."""
        return next(s for s in self.sources if s.source_id == source_id).title_in(self.lang)

    @cached_property
    def declared_inputs(self) -> dict:
        """Return the inputs this chapter's notebook declares (empty when it is not found)."""
        for folder in (Path.cwd(), paths.NOTEBOOKS_DIR):
            notebook = folder / f"{self.name}.ipynb"
            if notebook.is_file():
                return read_declared_inputs(notebook)
        return {}

    @property
    def dimensions(self) -> tuple[str, ...]:
        """Return the dimensions this chapter's notebook declares (empty: it reads them all)."""
        return tuple(self.declared_inputs.get("dimensions", ()))

    def facts_for(self, *metric_ids: str) -> pd.DataFrame:
        """Return the facts of the given metrics in ledger order.

        A metric of a dimension the notebook does not declare is refused: the build's cache
        keys each chapter on its declared dimensions, so its page would silently go stale.
        """
        for metric_id in metric_ids:
            dimension = self.metric(metric_id)["dimension"]
            if self.dimensions and dimension not in self.dimensions:
                raise UserError(
                    f"{self.name}.ipynb: metric {metric_id!r} is in dimension {dimension!r}, "
                    "which the notebook does not declare; add it to the notebook's metadata "
                    "report.inputs.dimensions"
                )
        self.shown.update(metric_ids)
        return self.facts[self.facts["metric_id"].isin(metric_ids)]

    def show_other_figures(self) -> None:
        """Show every metric of this chapter's dimensions not shown above, with its quotes: a
        metric added to the ledger appears here without editing the notebook."""
        others = [
            m["metric_id"]
            for m in self.metrics_by_id.values()
            if m["dimension"] in self.dimensions
            and m["metric_id"] not in self.shown
            and (self.facts["metric_id"] == m["metric_id"]).any()
        ]
        if others:
            self.show_heading("other.heading")
            self.say("other.intro")
        for metric_id in others:
            self.show_subheading(self.metric_name(metric_id))
            self.show_figures(metric_id)

    def value_of(self, metric_id: str, entity: str, source_id: str | None = None) -> float:
        """Return the value of one fact (for a chapter's records); KeyError if there is none."""
        rows = self.facts[(self.facts["metric_id"] == metric_id) & (self.facts["entity"] == entity)]
        if source_id is not None:
            rows = rows[rows["source_id"] == source_id]
        if rows.empty:
            raise KeyError(f"no fact of {metric_id!r} about {entity!r}")
        return float(rows["value"].iloc[0])

    def country_names(self, codes) -> dict[str, str]:
        """Return ``{code: name}`` in this language for the (non-empty) country codes given."""
        return {c: self.text(f"country.{c}") for c in dict.fromkeys(codes) if c}

    def quantity(self, row) -> str:
        """Return a fact's value as prose (qualifier, number or range, unit)."""
        return views.format_quantities(pd.DataFrame([row]), self.catalog)[0]

    def say_comparisons(self, *metric_ids: str) -> int:
        """State China vs the US for each metric and period where both have figures."""
        compared = tables.compare_countries(self.facts_for(*metric_ids), self.metrics)
        return self.say_compared(compared)

    def say_compared(self, compared: pd.DataFrame) -> int:
        """State each comparison of ``compared`` (rows of ``tables.compare_countries``)."""
        for row in compared.to_dict("records"):
            metric = self.metrics_by_id[row["metric_id"]]
            text = narrative.describe_comparison(
                row, metric[f"name_{self.lang}"], row["unit"], self.catalog, metric
            )
            display(HTML(render_paragraph(text, "finding")))
        return len(compared)

    def say_facts(self, *metric_ids: str) -> None:
        """State each fact of the given metrics in a sentence with its period and source."""
        for row in self.facts_for(*metric_ids).to_dict("records"):
            text = narrative.describe_fact(
                row,
                self.metric_name(row["metric_id"]),
                self.source_title(row["source_id"]),
                self.catalog,
                self.metrics_by_id[row["metric_id"]],
            )
            display(HTML(render_paragraph(text)))

    def caption(self, rows: pd.DataFrame) -> str:
        """Return a caption naming the source documents and the periods of ``rows``."""
        language = self.catalog.language
        titles = language.list_sep.join(
            f"{self.source_title(sid)}{language.open_paren}{sid}{language.close_paren}"
            for sid in dict.fromkeys(rows["source_id"])
        )
        periods = ", ".join(sorted(dict.fromkeys(views.format_periods(rows))))
        return self.text("caption.metric", sources=titles, periods=periods)

    def show_caveat(self, metric_id: str) -> None:
        """Show a metric's caveat."""
        caveat = self.metric(metric_id)[f"caveat_{self.lang}"]
        if caveat:
            label = self.text("caveat.label")
            display(HTML(render_caveat(label, caveat)))

    def show_data(self, rows: pd.DataFrame, name: str, chart: bool = True) -> None:
        """Show facts with their quotes (and their English on English pages) and notes, and
        offer them as a CSV; ``chart`` says whether a chart stands above them."""
        table, langs = views.build_data_table(
            rows, self.catalog, self.metrics_by_id, self.source_langs
        )
        columns = {c: f"col.{c}" for c in table.columns}
        shown = table.rename(columns={c: self.text(k) for c, k in columns.items()})
        display(HTML(render_table(shown, {self.text(columns[c]): v for c, v in langs.items()})))
        if views.has_standin(rows):
            display(HTML(render_paragraph(self.text("period.standin_note"), "standin")))
        csv = format_frame(views.build_download(rows, self.catalog, self.metrics_by_id))
        label = self.text("download.csv" if chart else "download.csv_figures")
        display(HTML(render_download(name, csv, label)))

    def show_figures(self, *metric_ids: str, name: str = "") -> None:
        """Show facts that have no chart: their table and a download, and their caveats."""
        rows = self.facts_for(*metric_ids)
        self.show_data(rows, name or "_".join(metric_ids), chart=False)
        for metric_id in metric_ids:
            self.show_caveat(metric_id)

    def _show_chart(self, fig, rows: pd.DataFrame, name: str, metric_ids) -> None:
        """Show the tail every chart shares: figure and caption, its data, its caveats."""
        if fig is not None:
            self.show_figure_text(fig, self.caption(rows))
        self.show_data(rows, name, chart=fig is not None)
        for metric_id in metric_ids:
            self.show_caveat(metric_id)

    def show_metric(self, metric_id: str, chart: bool = True) -> None:
        """Show one metric: a bar chart coloured by country, its data, caption and caveat."""
        rows = self.facts_for(metric_id)
        self.show_subheading(self.metric_name(metric_id))
        fig = None
        if chart and len(rows):
            metric = self.metrics_by_id[metric_id]
            fig = Chart.of(
                plots.plot_country_bars,
                views.build_bar_table(rows, self.catalog, self.metrics_by_id),
                self.metric_name(metric_id),
                narrative.format_unit(metric["unit"], self.catalog, metric) or metric["unit"],
                legend=self.country_names(rows["country"]),
            )
        self._show_chart(fig, rows, metric_id, [metric_id])

    def show_ranks(self, *metric_ids: str) -> None:
        """Show rankings as ranks (1 on top), one column per ranking, a line per entity."""
        rows = self.facts_for(*metric_ids)
        names = {m: self.metric_name(m) for m in metric_ids}
        table = views.build_rank_table(rows, names, self.catalog)
        title = self.text("ranks.title", rankings=" / ".join(dict.fromkeys(table["ranking"])))
        fig = Chart.of(
            plots.plot_ranks,
            table,
            title,
            self.text("ranks.axis"),
            legend=self.country_names(rows["country"]),
        )
        self._show_chart(fig, rows, "_".join(metric_ids), metric_ids)

    def show_regions(self, metric_id: str, total_metric: str) -> pd.DataFrame:
        """Parse the region tally from the source's sentence, check it, compare with the ledger."""
        ledger = self.facts_for(metric_id)
        source_id = ledger["source_id"].iloc[0]
        source = next(s for s in self.sources if s.source_id == source_id)
        regions = parse_regions(source, self.data_dir)
        total = self.facts_for(total_metric)
        total = total[
            (total["source_id"] == source_id) & (total["period"] == ledger["period"].iloc[0])
        ]
        stated = int(total["value"].iloc[0])
        problem = check_region_total(regions, stated)
        self.say(
            "regions.sum_ok" if problem is None else "regions.sum_bad",
            parts=self.number(int(regions["count"].sum())),
            total=self.number(stated),
            n_regions=self.number(len(regions)),
        )
        fig = Chart.of(
            plots.plot_country_bars,
            views.build_region_table(regions, self.catalog),
            self.metric_name(metric_id),
            self.catalog.unit("款") or "款",
        )
        self.show_figure_text(fig, self.caption(ledger))
        regions = views.compare_regions(regions, ledger)
        shown = regions.assign(region=[self.catalog.name(r) for r in regions["region"]])
        self.show_table(
            shown, {"region": "col.entity", "count": "col.parsed", "ledger": "col.ledger"}
        )
        self.show_data(ledger, metric_id)
        self.show_caveat(metric_id)
        return regions

    def show_timeline(self, metric_id: str) -> None:
        """Show a metric reported at several dates or by several sources, each point sourced."""
        rows = self.facts_for(metric_id)
        metric = self.metrics_by_id[metric_id]
        fig = Chart.of(
            plots.plot_points_over_time,
            views.build_timeline_table(rows, self.catalog, self.metrics_by_id),
            self.metric_name(metric_id),
            narrative.format_unit(metric["unit"], self.catalog, metric) or metric["unit"],
            {"source": self.text("col.source_id"), **self.country_names(rows["country"])},
        )
        self._show_chart(fig, rows, metric_id, [metric_id])
