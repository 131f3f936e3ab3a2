"""The summary sections of a chapter: the scorecard, disagreements between sources, and how
old each figure is at the report date."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display

from helpers import findings, tables, views
from helpers.html import render_paragraph, render_table
from helpers.periods import report_date


class Summaries:
    """Sections over the whole ledger; needs the chapter's facts, metrics, catalog and as_of."""

    def scorecard(self) -> pd.DataFrame:
        """Return the per-dimension scorecard at this chapter's report date."""
        return tables.build_scorecard(self.facts, self.metrics, report_date(self.as_of))

    def show_scorecard(self) -> None:
        """Show who leads per dimension, on how many metrics, and how old the newest figure is."""
        card = self.scorecard()
        display(HTML(render_table(findings.format_scorecard(card, self.catalog))))
        if card["newest_is_standin"].any():
            display(HTML(render_paragraph(self.text("period.standin_note"), "standin")))

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
                n_future=self.number(int((table["age_days"] < 0).sum())),
                n_standin=self.number(int(table["age_days"].isna().sum())),
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
        if table["age_days"].isna().any():
            display(HTML(render_paragraph(self.text("period.standin_note"), "standin")))

    def ledger_counts(self) -> dict[str, int]:
        """Return the ledger's counts the methodology states (all computed, never typed)."""
        from helpers.ledger import BOUND_WORDS, load_excluded

        facts = self.facts
        checks = self.data_dir / "claim_checks.csv"
        return {
            "n_documents": len(self.sources),
            "n_facts": len(facts),
            "n_reviewed": int((facts["status"] == "reviewed").sum()),
            "n_drafts": int((facts["status"] == "draft").sum()),
            "n_metrics": len(self.metrics),
            "n_excluded": len(load_excluded(self.data_dir)),
            "n_standins": int((facts["period_source"] == "published").sum()),
            "n_bounds": int(facts["approx"].isin(BOUND_WORDS).sum()),
            "n_checks": len(pd.read_csv(checks, dtype=str)) if checks.is_file() else 0,
        }

    def say_ledger_counts(self) -> None:
        """State the ledger's size: documents, facts (reviewed, drafts), metrics, exclusions,
        stand-in periods, bounds and claim checks."""
        counts = {k: self.number(v) for k, v in self.ledger_counts().items()}
        self.say("methodology.counts", **counts)
