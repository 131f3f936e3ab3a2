"""The sections that set the articles beside open data: each claim check with its verdict and
reason, the primary comparisons the scorecard counts, and news-vs-primary disagreements."""

from __future__ import annotations

from functools import cached_property

import pandas as pd
from IPython.display import HTML, display

from helpers import primary_views as pv
from helpers import tables
from helpers.checks import VERDICTS
from helpers.html import render_definitions, render_heading, render_paragraph
from helpers.views import build_download, has_standin


class CheckSections:
    """Claim checks and comparisons; needs the chapter's facts, metrics, catalog and the
    primary sections (``cite``, ``show_primary``, ``primary_facts``)."""

    @cached_property
    def claim_checks(self) -> pd.DataFrame:
        """Return data/claim_checks.csv joined with the facts each row checks."""
        return pv.join_checks(pv.read_claim_checks(self.data_dir), self.facts)

    def _foreign(self, source_id: str, english: bool) -> str | None:
        """Return the language to mark a source's text with on this page (None: the page's);
        ``english`` when the text is the title, which English pages give in English if known."""
        source = next(s for s in self.sources if s.source_id == source_id)
        if english and self.lang == "en" and source.meta.get("title_en"):
            return None
        return source.html_lang if source.html_lang != self.catalog.language.html_lang else None

    def show_check_cards(self, checks: pd.DataFrame) -> None:
        """Show each check as a card: the claim, its source and quote (and its English on
        English pages), the open-data figure with its snapshot, and the reason."""
        shown = pv.label_checks(checks, self.catalog, self.metrics_by_id)
        for row in shown.to_dict("records"):
            source = row["source_id"]
            primary = row["primary"] or self.text("primary.no_figure")
            items = [
                (
                    self.text("col.claim"),
                    f"{row['entity']}: {row['value']} ({row['period']})",
                    None,
                ),
                (
                    self.text("col.source"),
                    f"{self.source_title(source)} ({source})",
                    self._foreign(source, True),
                ),
                (self.text("col.quote"), row["quote"], self._foreign(source, False)),
                (self.text("col.quote_en"), row["quote_en"] if self.lang == "en" else "", None),
                (self.text("col.primary"), f"{primary} ({row['snapshot_id']})", None),
                (self.text("col.reason"), row["reason"], None),
            ]
            display(HTML(render_heading(f"{row['check_id']} · {row['metric']}", 4)))
            display(HTML(render_definitions(items, "meta check")))

    def _download_checks(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Return checks to download: claim_checks.csv's columns, then the fact checked with
        English names beside the Chinese."""
        checks = rows[list(pv.read_claim_checks(self.data_dir).columns)]
        facts = build_download(rows.drop(columns=checks.columns), self.catalog, self.metrics_by_id)
        return pd.concat([checks.reset_index(drop=True), facts.reset_index(drop=True)], axis=1)

    def say_check_counts(self) -> dict[str, int]:
        """State how many claims were checked and how many got each verdict."""
        counts = pv.count_verdicts(self.claim_checks)
        self.say(
            "checks.summary",
            n=self.number(len(self.claim_checks)),
            **{f"n_{v.replace(' ', '_')}": self.number(n) for v, n in counts.items()},
        )
        table = pd.DataFrame(
            {
                "verdict": [self.text(f"verdict.{v}") for v in counts],
                "count": list(counts.values()),
            }
        )
        self.show_table(table, {"verdict": "col.verdict", "count": "col.count"})
        return counts

    def show_claim_checks(self) -> None:
        """Show every check under its verdict, then one download of them all and the caveat."""
        checks = self.claim_checks
        for verdict in VERDICTS:
            mine = checks[checks["verdict"] == verdict]
            if mine.empty:
                continue
            self.show_subheading(f"{self.text(f'verdict.{verdict}')} ({self.number(len(mine))})")
            self.say(f"verdict.means.{verdict}")
            self.show_check_cards(mine)
        self.note_standins(checks)
        self.show_cited_download(checks, "claim_checks", self.text("checks.caveat"))

    def note_standins(self, checks: pd.DataFrame) -> None:
        """Explain the * of a claim whose period is the article's date standing in."""
        if has_standin(checks):
            display(HTML(render_paragraph(self.text("period.standin_note"), "standin")))

    def show_cited_download(self, rows: pd.DataFrame, name: str, caveat: str) -> None:
        """Show the snapshots the checks read, a download of the checks, and the caveat."""
        display(HTML(self.cite(sorted(rows["snapshot_id"].unique()), rule=False)))
        self.show_primary(None, self._download_checks(rows), name, caveat=caveat, chart=False)

    def show_snapshots(self) -> None:
        """Show the open datasets, one list each: producer, title, citation, licence and the
        sha256 that pins the bytes (a list, so the 64-digit hash wraps instead of overflowing)."""
        other = "en" if self.lang != "en" else None
        for snapshot in self.snapshots.values():
            items = [
                (self.text("col.producer"), snapshot.producer, other),
                (self.text("col.title"), snapshot.title, other),
                (self.text("col.citation"), snapshot.citation, other),
                (self.text("col.licence"), snapshot.licence, None),
                (self.text("col.sha256"), snapshot.sha256, None),
            ]
            display(HTML(render_heading(snapshot.snapshot_id, 4)))
            display(HTML(render_definitions(items, "meta check")))

    def show_primary_comparisons(self) -> pd.DataFrame:
        """Show the open-data comparisons the scorecard counts, each with its snapshot."""
        compared = tables.compare_countries(self.primary_facts, self.metrics)
        self.say_compared(compared)
        snapshot_ids = list(dict.fromkeys(compared["sources"]))
        display(HTML(self.cite(snapshot_ids)))
        return compared

    def show_primary_disagreements(self) -> pd.DataFrame:
        """Show where news and open data disagree: contradicted claims, and claims measured
        under a different definition, each with its reason."""
        rows = pv.list_primary_disagreements(self.claim_checks)
        counts = pv.count_verdicts(rows)
        self.say(
            "disagreements.primary_summary",
            n_contradicted=self.number(counts["contradicted"]),
            n_different=self.number(counts["different definition"]),
        )
        for verdict, mine in rows.groupby("verdict", sort=False):
            self.show_subheading(f"{self.text(f'verdict.{verdict}')} ({self.number(len(mine))})")
            self.show_check_cards(mine)
        self.note_standins(rows)
        return rows
