"""The sources chapter's sections: the documents, when they were published, what script they
are written in, and how each was dated — shaped in ``helpers.inventory``, shown here."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from helpers import inventory, plots
from helpers.chartcache import Chart
from helpers.i18n import format_percent


class SourcesSections:
    """Sections about the documents themselves; needs the chapter's sources and catalog."""

    @cached_property
    def documents(self) -> pd.DataFrame:
        """Return one row per document, oldest first (titles in this chapter's language)."""
        table = inventory.describe_sources(self.sources).sort_values(["date", "source_id"])
        titles = {s.source_id: s.title_in(self.lang) for s in self.sources}
        return table.assign(document=table["source_id"], title=table["source_id"].map(titles))

    def say_sources_summary(self) -> None:
        """State how many documents there are, their dates, length and share of Chinese."""
        table = self.documents
        share = 100 * table["cjk_characters"].sum() / table["visible_characters"].sum()
        self.say(
            "sources.summary",
            n_documents=self.number(len(table)),
            first=table["published"].iloc[0],
            last=table["published"].iloc[-1],
            n_chars=self.number(table["characters"].sum()),
            cjk_share=format_percent(share, self.lang),
        )

    def show_documents(self) -> None:
        """Show the documents: id, title, publisher, author, date, script, length, Chinese share.

        On English pages the English title and publisher are shown; what stays as written (an
        author's name, a publisher without an English name) is marked in its own language.
        """
        by_id = {s.source_id: s for s in self.sources}
        table = self.documents
        page = self.catalog.language.html_lang
        foreign = [
            by_id[i].html_lang if by_id[i].html_lang != page else "" for i in table["source_id"]
        ]
        langs = {"author": foreign}
        if self.lang == "en":
            english = [by_id[i].meta.get("publisher_en", "") for i in table["source_id"]]
            table = table.assign(
                publisher=[e or p for e, p in zip(english, table["publisher"], strict=True)]
            )
            langs["publisher"] = [f if not e else "" for f, e in zip(foreign, english, strict=True)]
            langs["title"] = [
                f if not by_id[i].meta.get("title_en") else ""
                for f, i in zip(foreign, table["source_id"], strict=True)
            ]
        else:
            langs["title"] = foreign
            langs["publisher"] = foreign
        columns = ("source_id", "title", "publisher", "author", "published", "language")
        columns += ("characters", "cjk_share")
        self.show_table(table, {c: f"col.{c}" for c in columns}, langs)

    def _span(self) -> dict:
        """Return the values the captions of this chapter name."""
        table = self.documents
        return {
            "n_documents": self.number(len(table)),
            "first": table["published"].iloc[0],
            "last": table["published"].iloc[-1],
        }

    def show_publication_timeline(self) -> None:
        """Chart when each document was published (hollow where only the month is known)."""
        labels = self.labels(
            "precision.day",
            "precision.month",
            "precision.year",
            "col.date",
            "col.share",
            "col.script",
        )
        table = self.documents
        timeline = table.assign(precision=[labels[f"precision.{p}"] for p in table["precision"]])
        fig = Chart.of(plots.plot_timeline, timeline, self.text("sources.timeline.title"), labels)
        self.show_figure(fig, "sources.timeline.caption", **self._span())

    def show_scripts(self) -> None:
        """Chart and list the share of Chinese, Latin, digit and other characters per document."""
        labels = self.labels("col.share", "col.script")
        shares = inventory.tidy_script_shares(self.documents)
        shares = shares.assign(
            document=shares["source_id"],
            script=[self.text(f"script.{s}") for s in shares["script"]],
        )
        fig = Chart.of(plots.plot_script_shares, shares, self.text("sources.script.title"), labels)
        self.show_figure(fig, "sources.script.caption", **self._span())
        columns = ("document", "script", "characters", "share")
        self.show_table(shares, {c: f"col.{c}" for c in columns})

    def show_dating(self) -> None:
        """Show how each document was dated (the manifest's notes, written in English)."""
        self.show_table(
            self.documents,
            {"source_id": "col.source_id", "published": "col.published", "notes": "col.notes"},
            langs={"notes": "en"} if self.lang != "en" else None,
        )
