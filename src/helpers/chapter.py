"""What a chapter notebook calls: its inputs loaded once, and escaped text, tables and charts."""

from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Image, display

from helpers import findings, narrative, paths, plots, tables, views
from helpers.contents import read_declared_inputs
from helpers.corpus import Source, load_sources
from helpers.csvout import format_frame
from helpers.errors import UserError
from helpers.html import (
    render_caveat,
    render_download,
    render_heading,
    render_paragraph,
    render_table,
)
from helpers.i18n import Catalog, check_lang
from helpers.periods import check_as_of, report_date
from helpers.plots import apply_style, render_png
from helpers.regions import check_region_total, parse_regions


def resolve_dir(value: str, default: Path) -> Path:
    """Return the directory a notebook parameter names; empty means the project default."""
    return Path(value).resolve() if value else default


class Chapter:
    """One chapter in one language, with its sources loaded and its display helpers."""

    def __init__(
        self, name: str, lang: str = "zh", seeds_dir: str = "", data_dir: str = "", as_of: str = ""
    ):
        self.name = name
        self.lang = check_lang(lang)
        self.seeds_dir = resolve_dir(seeds_dir, paths.SEEDS_DIR)
        self.data_dir = resolve_dir(data_dir, paths.DATA_DIR)
        self.catalog = Catalog(self.lang, self.data_dir)
        self.sources: list[Source] = load_sources(self.seeds_dir)
        self.as_of = check_as_of(as_of, self.sources, "as_of")
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

    def source_title(self, source_id: str) -> str:
        """Return a source's title."""
        return next(s.meta["title"] for s in self.sources if s.source_id == source_id)

    @cached_property
    def dimensions(self) -> tuple[str, ...]:
        """Return the dimensions this chapter's notebook declares (empty: it reads them all)."""
        for folder in (Path.cwd(), paths.NOTEBOOKS_DIR):
            notebook = folder / f"{self.name}.ipynb"
            if notebook.is_file():
                return tuple(read_declared_inputs(notebook).get("dimensions", ()))
        return ()

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
        return self.facts[self.facts["metric_id"].isin(metric_ids)]

    def country_names(self, codes) -> dict[str, str]:
        """Return ``{code: name}`` in this language for the (non-empty) country codes given."""
        return {c: self.text(f"country.{c}") for c in dict.fromkeys(codes) if c}

    def quantity(self, row) -> str:
        """Return a fact's value as prose (qualifier, number or range, unit)."""
        return views.format_quantities(pd.DataFrame([row]), self.catalog)[0]

    def say_comparisons(self, *metric_ids: str) -> int:
        """State China vs the US for each metric and period where both have figures."""
        compared = tables.compare_countries(self.facts_for(*metric_ids), self.metrics)
        for row in compared.to_dict("records"):
            metric = self.metric(row["metric_id"])
            row["direction"] = metric["higher_is_better"]
            text = narrative.describe_comparison(
                row, metric[f"name_{self.lang}"], row["unit"], self.catalog
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
            )
            display(HTML(render_paragraph(text)))

    def caption(self, rows: pd.DataFrame) -> str:
        """Return a caption naming the source documents and the periods of ``rows``."""
        language = self.catalog.language
        titles = language.list_sep.join(
            f"{self.source_title(sid)}{language.open_paren}{sid}{language.close_paren}"
            for sid in dict.fromkeys(rows["source_id"])
        )
        periods = ", ".join(sorted(dict.fromkeys(rows["period"])))
        return self.text("caption.metric", sources=titles, periods=periods)

    def show_caveat(self, metric_id: str) -> None:
        """Show a metric's caveat."""
        caveat = self.metric(metric_id)[f"caveat_{self.lang}"]
        if caveat:
            label = self.text("caveat.label")
            display(HTML(render_caveat(label, caveat)))

    def show_data(self, rows: pd.DataFrame, name: str) -> None:
        """Show the facts behind a chart with their quotes, and offer them as a CSV download."""
        self.show_table(
            views.build_data_table(rows, self.catalog),
            {
                "entity": "col.entity",
                "value": "col.value",
                "period": "col.period",
                "source_id": "col.source_id",
                "quote": "col.quote",
            },
        )
        csv = format_frame(rows.drop(columns=["note"], errors="ignore"))
        display(HTML(render_download(name, csv, self.text("download.csv"))))

    def _show_chart(self, fig, rows: pd.DataFrame, name: str, metric_ids) -> None:
        """Show the tail every chart shares: figure and caption, its data, its caveats."""
        if fig is not None:
            self.show_figure_text(fig, self.caption(rows))
        self.show_data(rows, name)
        for metric_id in metric_ids:
            self.show_caveat(metric_id)

    def show_metric(self, metric_id: str, chart: bool = True) -> None:
        """Show one metric: a bar chart coloured by country, its data, caption and caveat."""
        rows = self.facts_for(metric_id)
        self.show_subheading(self.metric_name(metric_id))
        fig = None
        if chart and len(rows):
            unit = self.metric(metric_id)["unit"]
            fig = plots.plot_country_bars(
                views.build_bar_table(rows, self.catalog),
                self.metric_name(metric_id),
                self.catalog.unit(unit) or unit,
                legend=self.country_names(rows["country"]),
            )
        self._show_chart(fig, rows, metric_id, [metric_id])

    def show_ranks(self, *metric_ids: str) -> None:
        """Show rankings as ranks (1 on top), one column per ranking, a line per entity."""
        rows = self.facts_for(*metric_ids)
        table = views.build_rank_table(rows, {m: self.metric_name(m) for m in metric_ids})
        title = self.text("ranks.title", rankings=" / ".join(dict.fromkeys(table["ranking"])))
        fig = plots.plot_ranks(table, title, self.text("ranks.axis"))
        self._show_chart(fig, rows, "_".join(metric_ids), metric_ids)

    def text(self, key: str, **values) -> str:
        """Return catalog text for ``key`` in this chapter's language with values filled in."""
        return self.catalog.text(key, **values)

    def number(self, value, decimals: int | None = None) -> str:
        """Return a number formatted for this chapter's language."""
        return self.catalog.number(value, decimals)

    def labels(self, *keys: str) -> dict[str, str]:
        """Return ``{key: text}`` for several catalog keys."""
        return {key: self.text(key) for key in keys}

    def show_title(self) -> None:
        """Show the chapter's title as its top heading."""
        display(HTML(render_heading(self.text(f"chapter.{self.name}.title"), 1)))

    def show_heading(self, key: str) -> None:
        """Show a section heading from the catalog."""
        display(HTML(render_heading(self.text(key), 2)))

    def show_subheading(self, text: str) -> None:
        """Show a sub-heading (text already in this language, e.g. a metric name)."""
        display(HTML(render_heading(text, 3)))

    def say(self, key: str, **values) -> None:
        """Show a paragraph from the catalog; every value is escaped, so document text is inert."""
        display(HTML(render_paragraph(self.text(key, **values))))

    def show_table(self, table: pd.DataFrame, columns: dict[str, str]) -> None:
        """Show ``table``'s ``columns`` (name → catalog key) with translated, escaped headers."""
        shown = table[list(columns)].rename(columns={c: self.text(k) for c, k in columns.items()})
        display(HTML(render_table(shown)))

    def show_figure(self, fig, caption_key: str, **values) -> None:
        """Show a chart as a stable PNG followed by its caption from the catalog."""
        self.show_figure_text(fig, self.text(caption_key, **values))

    def show_figure_text(self, fig, caption: str) -> None:
        """Show a chart as a stable PNG, its title as alt text, followed by ``caption``."""
        alt = " / ".join(ax.get_title() for ax in fig.axes if ax.get_title())
        display(Image(data=render_png(fig), metadata={"alt": alt}))
        display(HTML(render_paragraph(caption, "caption")))

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
        fig = plots.plot_country_bars(
            views.build_region_table(regions, self.catalog),
            self.metric_name(metric_id),
            self.catalog.unit("款") or "款",
        )
        self.show_figure_text(fig, self.caption(ledger))
        regions = views.compare_regions(regions, ledger)
        self.show_table(
            regions, {"region": "col.entity", "count": "col.parsed", "ledger": "col.ledger"}
        )
        self.show_caveat(metric_id)
        return regions

    def show_timeline(self, metric_id: str) -> None:
        """Show a metric reported at several dates or by several sources, each point sourced."""
        rows = self.facts_for(metric_id)
        fig = plots.plot_points_over_time(
            views.build_timeline_table(rows, self.catalog),
            self.metric_name(metric_id),
            self.metric_name(metric_id),
            self.text("col.source_id"),
        )
        self._show_chart(fig, rows, metric_id, [metric_id])

    def scorecard(self) -> pd.DataFrame:
        """Return the per-dimension scorecard at this chapter's report date."""
        return tables.build_scorecard(self.facts, self.metrics, report_date(self.as_of))

    def show_scorecard(self) -> None:
        """Show who leads per dimension, on how many metrics, and how old the newest figure is."""
        shown = findings.format_scorecard(self.scorecard(), self.catalog)
        display(HTML(render_table(shown)))

    def say_findings(self) -> None:
        """State every China–US comparison the ledger allows, one generated sentence each."""
        for sentence in findings.list_findings(self.facts, self.metrics, self.catalog):
            display(HTML(render_paragraph(sentence, "finding")))

    def show_disagreements(self) -> None:
        """Show figures that two sources give for the same metric, entity and period."""
        pairs = tables.find_disagreements(self.facts, include_agreements=True)
        disagree = pairs[pairs["status"] == "disagree"]
        self.say(
            "disagreements.summary",
            n_pairs=self.number(len(pairs)),
            n_disagree=self.number(len(disagree)),
        )
        if len(pairs):
            names = {m: self.metric_name(m) for m in pairs["metric_id"].unique()}
            shown = views.label_disagreements(pairs, names, self.catalog)
            self.show_table(
                shown,
                {
                    "metric": "col.metric",
                    "entity": "col.entity",
                    "period": "col.period",
                    "status": "col.status",
                    "source_a": "col.source_a",
                    "value_a": "col.value_a",
                    "source_b": "col.source_b",
                    "value_b": "col.value_b",
                },
            )

    def show_staleness(self) -> None:
        """Show, per metric, the newest figure's period and its age in days at the report date."""
        names = {m: self.metric_name(m) for m in self.facts["metric_id"].unique()}
        table = views.build_staleness(self.facts, names, report_date(self.as_of))
        past = table[table["age_days"] >= 0]
        if past.empty:
            self.say("staleness.none_over", as_of=self.as_of, n_metrics=self.number(len(table)))
        else:
            oldest = past.iloc[0]
            self.say(
                "staleness.summary",
                as_of=self.as_of,
                n_metrics=self.number(len(table)),
                oldest=oldest["metric"],
                oldest_period=oldest["newest_period"],
                oldest_days=self.number(int(oldest["age_days"])),
                median_days=self.number(int(past["age_days"].median())),
                n_future=self.number(len(table) - len(past)),
            )
        self.show_table(
            table.assign(
                age_days=[findings.format_age(a, self.catalog) for a in table["age_days"]]
            ),
            {
                "metric": "col.metric",
                "newest_period": "col.newest_period",
                "age_days": "col.age_days",
            },
        )
